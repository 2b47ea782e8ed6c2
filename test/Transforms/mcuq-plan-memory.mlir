// RUN: mcuq-opt %s -split-input-file --mcuq-plan-memory | FileCheck %s
// RUN: mcuq-opt %s -split-input-file --mcuq-plan-memory=print-plan \
// RUN:   -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PLAN
// RUN: mcuq-opt %s -split-input-file --mcuq-plan-memory="in-place=false" \
// RUN:   | FileCheck %s --check-prefix=SEPARATE

// Lifetimes from the op order: %a and %c never live together and share
// offset 0. Copies are element-wise, so with in-place reuse all three take
// the same bytes.

// CHECK: module attributes {mcuq.arena_plan = #mcuq.arena_plan<size = 64, alignment = 16, lower_bound = 64,
// CHECK-LABEL: func.func @chain
// CHECK-SAME: %[[ARENA:[a-z0-9]+]]: memref<64xi8> {mcuq.arena})
// CHECK: %[[O:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[ARENA]][%[[O]]][] : memref<64xi8> to memref<64xi8>
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.dealloc
// PLAN: 64 bytes, live 2..6, offset 0
// PLAN: 64 bytes, live 5..9, offset 0, in place over the 64-byte buffer that dies at this linalg.copy
// PLAN: 64 bytes, live 8..11, offset 0, in place over the 64-byte buffer that dies at this linalg.copy
// PLAN: arena 64 bytes, lower bound 64 (128 without in-place reuse), strategy size, optimal
// SEPARATE: #mcuq.arena_plan<size = 128,
// SEPARATE-LABEL: func.func @chain
// SEPARATE: arith.constant 0 : index
// SEPARATE: arith.constant 64 : index
// SEPARATE: arith.constant 0 : index
func.func @chain(%in: memref<64xi8>, %out: memref<64xi8>) {
  %a = memref.alloc() : memref<64xi8>
  linalg.copy ins(%in : memref<64xi8>) outs(%a : memref<64xi8>)
  %b = memref.alloc() : memref<64xi8>
  linalg.copy ins(%a : memref<64xi8>) outs(%b : memref<64xi8>)
  %c = memref.alloc() : memref<64xi8>
  linalg.copy ins(%b : memref<64xi8>) outs(%c : memref<64xi8>)
  linalg.copy ins(%c : memref<64xi8>) outs(%out : memref<64xi8>)
  memref.dealloc %a : memref<64xi8>
  return
}

// -----

// Requantizing an i32 accumulator to i8 writes element k over bytes of
// accumulator elements <= k, all read already: the output shares the
// accumulator's offset and the arena holds the accumulator only.

#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK: #mcuq.arena_plan<size = 256,
// CHECK-LABEL: func.func @requantize
// CHECK: %[[O1:.*]] = arith.constant 0 : index
// CHECK: %[[ACC:.*]] = memref.view %{{.*}}[%[[O1]]][] : memref<256xi8> to memref<4x16xi32>
// CHECK: %[[O2:.*]] = arith.constant 0 : index
// CHECK: %[[Q:.*]] = memref.view %{{.*}}[%[[O2]]][] : memref<256xi8> to memref<4x16xi8>
// CHECK: linalg.generic {{.*}} ins(%[[ACC]] : memref<4x16xi32>) outs(%[[Q]] : memref<4x16xi8>)
// PLAN-LABEL: remark: 256 bytes, live 3..12, offset 0
// PLAN: 64 bytes, live 10..14, offset 0, in place over the 256-byte buffer that dies at this linalg.generic
// PLAN: arena 256 bytes, lower bound 256 (320 without in-place reuse)
// SEPARATE: #mcuq.arena_plan<size = 320,
func.func @requantize(%in: memref<4x16xi8>, %out: memref<4x16xi8>) {
  %c0 = arith.constant 0 : i32
  %acc = memref.alloc() : memref<4x16xi32>
  linalg.fill ins(%c0 : i32) outs(%acc : memref<4x16xi32>)
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%in : memref<4x16xi8>) outs(%acc : memref<4x16xi32>) {
  ^bb0(%x: i8, %a: i32):
    %e = arith.extsi %x : i8 to i32
    %s = arith.addi %a, %e : i32
    linalg.yield %s : i32
  }
  %q = memref.alloc() : memref<4x16xi8>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%acc : memref<4x16xi32>) outs(%q : memref<4x16xi8>) {
  ^bb0(%a: i32, %o: i8):
    %t = arith.trunci %a : i32 to i8
    linalg.yield %t : i8
  }
  linalg.copy ins(%q : memref<4x16xi8>) outs(%out : memref<4x16xi8>)
  return
}

// -----

// Not in place: a wider output would overwrite input elements not read yet.

#id = affine_map<(d0) -> (d0)>
// CHECK: #mcuq.arena_plan<size = 320,
// CHECK-LABEL: func.func @widen
// PLAN-LABEL: remark: 64 bytes, live 2..7, offset 256
// PLAN: remark: 256 bytes, live 5..9, offset 0
// PLAN: remark: arena 320 bytes, lower bound 320 (320 without in-place reuse)
func.func @widen(%in: memref<64xi8>, %out: memref<64xi32>) {
  %a = memref.alloc() : memref<64xi8>
  linalg.copy ins(%in : memref<64xi8>) outs(%a : memref<64xi8>)
  %w = memref.alloc() : memref<64xi32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<64xi8>) outs(%w : memref<64xi32>) {
  ^bb0(%x: i8, %o: i32):
    %e = arith.extsi %x : i8 to i32
    linalg.yield %e : i32
  }
  linalg.copy ins(%w : memref<64xi32>) outs(%out : memref<64xi32>)
  return
}

// -----

// Not in place: a transposing op reads its input in another order. The copy
// that reads %a last may take its bytes.

#id = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @transposed
// PLAN-LABEL: remark: 64 bytes, live 2..9, offset 0
// PLAN: remark: 64 bytes, live 5..13, offset 64
// PLAN: remark: 64 bytes, live 8..11, offset 0, in place over the 64-byte buffer that dies at this linalg.copy
// PLAN: remark: arena 128 bytes, lower bound 128 (192 without in-place reuse)
func.func @transposed(%in: memref<8x8xi8>, %out: memref<8x8xi8>, %out2: memref<8x8xi8>) {
  %a = memref.alloc() : memref<8x8xi8>
  linalg.copy ins(%in : memref<8x8xi8>) outs(%a : memref<8x8xi8>)
  %b = memref.alloc() : memref<8x8xi8>
  linalg.generic {indexing_maps = [#tr, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<8x8xi8>) outs(%b : memref<8x8xi8>) {
  ^bb0(%x: i8, %o: i8):
    linalg.yield %x : i8
  }
  %c = memref.alloc() : memref<8x8xi8>
  linalg.copy ins(%a : memref<8x8xi8>) outs(%c : memref<8x8xi8>)
  linalg.copy ins(%c : memref<8x8xi8>) outs(%out2 : memref<8x8xi8>)
  linalg.copy ins(%b : memref<8x8xi8>) outs(%out : memref<8x8xi8>)
  return
}

// -----

// A residual add with two inputs dying: the output takes the larger one,
// reached through a reshape (a reshape is a view: it aliases, no buffer).

#id = affine_map<(d0) -> (d0)>
// CHECK: #mcuq.arena_plan<size = 320,
// CHECK-LABEL: func.func @residual_add
// CHECK: memref.collapse_shape
// PLAN-LABEL: remark: 64 bytes, live 2..13, offset 256
// PLAN: remark: 256 bytes, live 6..13, offset 0
// PLAN: remark: 64 bytes, live 10..15, offset 0, in place over the 256-byte buffer that dies at this linalg.generic
// PLAN: remark: arena 320 bytes, lower bound 320 (384 without in-place reuse)
func.func @residual_add(%in: memref<64xi8>, %out: memref<64xi8>) {
  %s = memref.alloc() : memref<64xi8>
  linalg.copy ins(%in : memref<64xi8>) outs(%s : memref<64xi8>)
  %acc = memref.alloc() : memref<8x8xi32>
  %c1 = arith.constant 1 : i32
  linalg.fill ins(%c1 : i32) outs(%acc : memref<8x8xi32>)
  %flat = memref.collapse_shape %acc [[0, 1]] : memref<8x8xi32> into memref<64xi32>
  %sum = memref.alloc() : memref<64xi8>
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%s, %flat : memref<64xi8>, memref<64xi32>) outs(%sum : memref<64xi8>) {
  ^bb0(%x: i8, %y: i32, %o: i8):
    %t = arith.trunci %y : i32 to i8
    %r = arith.addi %x, %t : i8
    linalg.yield %r : i8
  }
  linalg.copy ins(%sum : memref<64xi8>) outs(%out : memref<64xi8>)
  return
}

// -----

// Views keep their source alive: %a is read through a subview at the end.
// A buffer used inside a loop lives for the whole loop; buffers allocated in
// the loop body are planned within one iteration and share bytes.

// CHECK-LABEL: func.func @views_and_loops
// CHECK: scf.for
// CHECK: memref.view
// CHECK-NOT: memref.alloc
// PLAN-LABEL: remark: 64 bytes, live 2..22, offset 0
// PLAN: remark: 16 bytes, live 8..19, offset 96
// PLAN: remark: 32 bytes, live 11..11, offset 64
// PLAN: remark: 32 bytes, live 14..14, offset 64
// PLAN: remark: arena 112 bytes, lower bound 112
func.func @views_and_loops(%in: memref<64xi8>, %out: memref<16xi8>) {
  %a = memref.alloc() : memref<64xi8>
  linalg.copy ins(%in : memref<64xi8>) outs(%a : memref<64xi8>)
  %lo = arith.constant 0 : index
  %hi = arith.constant 4 : index
  %one = arith.constant 1 : index
  %acc = memref.alloc() : memref<16xi8>
  scf.for %i = %lo to %hi step %one {
    %t1 = memref.alloc() : memref<32xi8>
    %v = memref.load %in[%i] : memref<64xi8>
    memref.store %v, %t1[%i] : memref<32xi8>
    memref.dealloc %t1 : memref<32xi8>
    %t2 = memref.alloc() : memref<32xi8>
    memref.store %v, %t2[%i] : memref<32xi8>
    memref.dealloc %t2 : memref<32xi8>
    memref.store %v, %acc[%i] : memref<16xi8>
  }
  linalg.copy ins(%acc : memref<16xi8>) outs(%out : memref<16xi8>)
  %sub = memref.subview %a[16] [16] [1] : memref<64xi8> to memref<16xi8, strided<[1], offset: 16>>
  linalg.copy ins(%sub : memref<16xi8, strided<[1], offset: 16>>) outs(%out : memref<16xi8>)
  return
}

// -----

// A pooling window operand only gives its shape: no bytes are read, so it
// takes no room (the arena only covers its address).

// CHECK: #mcuq.arena_plan<size = 32,
// CHECK-LABEL: func.func @pooling_window
// PLAN-LABEL: remark: 16 bytes, never accessed: not placed
// PLAN: remark: 16 bytes, live 4..12, offset 0
// PLAN: remark: 16 bytes, live 11..19, offset 0, in place over the 16-byte buffer that dies at this linalg.copy
// PLAN: remark: 16 bytes, live 14..21, offset 16
func.func @pooling_window(%in: memref<1x4x4x4xi8>, %out: memref<1x1x1x4xi32>) {
  %w = memref.alloc() : memref<2x2xi32>
  %acc = memref.alloc() : memref<1x1x1x4xi32>
  %c0 = arith.constant 0 : i32
  linalg.fill ins(%c0 : i32) outs(%acc : memref<1x1x1x4xi32>)
  linalg.pooling_nhwc_sum {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %w : memref<1x4x4x4xi8>, memref<2x2xi32>) outs(%acc : memref<1x1x1x4xi32>)
  %acc2 = memref.alloc() : memref<1x1x1x4xi32>
  linalg.copy ins(%acc : memref<1x1x1x4xi32>) outs(%acc2 : memref<1x1x1x4xi32>)
  %acc3 = memref.alloc() : memref<1x1x1x4xi32>
  linalg.pooling_nhwc_sum {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %w : memref<1x4x4x4xi8>, memref<2x2xi32>) outs(%acc3 : memref<1x1x1x4xi32>)
  linalg.copy ins(%acc2 : memref<1x1x1x4xi32>) outs(%out : memref<1x1x1x4xi32>)
  linalg.copy ins(%acc3 : memref<1x1x1x4xi32>) outs(%out : memref<1x1x1x4xi32>)
  return
}

// -----

// Natural alignment by default: the i32 buffer needs a multiple of 4, the
// i8 one nothing. First fit places the larger i8 buffer first (i32 at 8:
// 12 bytes); the exact search finds 10, the lower bound. With a forced
// 16-byte alignment, 20.

// CHECK: #mcuq.arena_plan<size = 10,
// CHECK-LABEL: func.func @alignment
// PLAN-LABEL: remark: 6 bytes, live 3..7, offset 4
// PLAN: remark: 4 bytes, live 5..8, offset 0
// PLAN: remark: arena 10 bytes, lower bound 10 (10 without in-place reuse), strategy exact, optimal
// RUN: mcuq-opt %s -split-input-file --mcuq-plan-memory="alignment=16" \
// RUN:   | FileCheck %s --check-prefix=ALIGN16
// ALIGN16-LABEL: func.func @alignment
// ALIGN16-SAME: memref<20xi8> {mcuq.arena}
func.func @alignment(%in: memref<1xi32>, %x: i8) {
  %a = memref.alloc() : memref<6xi8>
  %c0 = arith.constant 0 : index
  memref.store %x, %a[%c0] : memref<6xi8>
  %b = memref.alloc() : memref<1xi32>
  linalg.copy ins(%in : memref<1xi32>) outs(%b : memref<1xi32>)
  memref.store %x, %a[%c0] : memref<6xi8>
  %y = memref.load %b[%c0] : memref<1xi32>
  return
}

// -----

// A dynamic size takes its constant upper bound; the view keeps the size.

// CHECK: #mcuq.arena_plan<size = 8,
// CHECK-LABEL: func.func @dynamic
// CHECK: memref.view %{{.*}}[%{{.*}}][%{{.*}}] : memref<8xi8> to memref<?xi8>
func.func @dynamic(%x: i8) {
  %c8 = arith.constant 8 : index
  %a = memref.alloc(%c8) : memref<?xi8>
  %c0 = arith.constant 0 : index
  memref.store %x, %a[%c0] : memref<?xi8>
  return
}

// -----

// A tiled convolution: the tile accumulator and its requantized tile are
// allocated in the loop body, so they live within one iteration and the
// requantize writes in place; the output written through a subview and the
// input read through one are alive for the whole loop.

#id = affine_map<(d0) -> (d0)>
// CHECK: #mcuq.arena_plan<size = 192,
// CHECK-LABEL: func.func @tiled
// CHECK: scf.for
// CHECK: memref.view
// CHECK: memref.view
// PLAN-LABEL: remark: 64 bytes, live 2..23, offset 0
// PLAN: remark: 64 bytes, live 8..25, offset 64
// PLAN: remark: 64 bytes, live 11..17, offset 128
// PLAN: remark: 16 bytes, live 15..20, offset 128, in place over the 64-byte buffer that dies at this linalg.generic
// PLAN: remark: arena 192 bytes, lower bound 192 (208 without in-place reuse)
func.func @tiled(%in: memref<64xi8>, %out: memref<64xi8>) {
  %x = memref.alloc() : memref<64xi8>
  linalg.copy ins(%in : memref<64xi8>) outs(%x : memref<64xi8>)
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %y = memref.alloc() : memref<64xi8>
  scf.for %i = %c0 to %c64 step %c16 {
    %xs = memref.subview %x[%i] [16] [1] : memref<64xi8> to memref<16xi8, strided<[1], offset: ?>>
    %acc = memref.alloc() : memref<16xi32>
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%xs : memref<16xi8, strided<[1], offset: ?>>) outs(%acc : memref<16xi32>) {
    ^bb0(%v: i8, %o: i32):
      %w = arith.extsi %v : i8 to i32
      linalg.yield %w : i32
    }
    %q = memref.alloc() : memref<16xi8>
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%acc : memref<16xi32>) outs(%q : memref<16xi8>) {
    ^bb0(%a: i32, %o: i8):
      %t = arith.trunci %a : i32 to i8
      linalg.yield %t : i8
    }
    %ys = memref.subview %y[%i] [16] [1] : memref<64xi8> to memref<16xi8, strided<[1], offset: ?>>
    linalg.copy ins(%q : memref<16xi8>) outs(%ys : memref<16xi8, strided<[1], offset: ?>>)
    memref.dealloc %q : memref<16xi8>
    memref.dealloc %acc : memref<16xi32>
  }
  linalg.copy ins(%y : memref<64xi8>) outs(%out : memref<64xi8>)
  return
}
