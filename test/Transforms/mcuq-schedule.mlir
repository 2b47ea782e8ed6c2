// RUN: mcuq-opt %s -split-input-file \
// RUN:   --pass-pipeline='builtin.module(func.func(mcuq-schedule))' | FileCheck %s
// RUN: mcuq-opt %s -split-input-file -mlir-print-op-on-diagnostic=false \
// RUN:   --pass-pipeline='builtin.module(func.func(mcuq-schedule{print-schedule}))' \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=PEAK
// RUN: mcuq-opt %s -split-input-file -mlir-print-op-on-diagnostic=false \
// RUN:   --pass-pipeline='builtin.module(func.func(mcuq-schedule{max-states=1 print-schedule}))' \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=GREEDY

// A residual block: the shortcut (%s, 256 bytes) and the main path (%m1,
// 512 bytes, requantized to %m2) both read %a. Running the shortcut first
// keeps its 256 bytes alive under the main path: 832 bytes. Main path first:
// 576. The empty tensor shared by three ops becomes one per op.

#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @residual
// CHECK-COUNT-3: tensor.empty() : tensor<64xi8>
// CHECK: %[[A:.*]] = linalg.generic {{.*}} ins(%arg0
// CHECK: %[[M1:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<64xi8>) outs(%{{.*}} : tensor<64xi64>)
// CHECK: %[[M2:.*]] = linalg.generic {{.*}} ins(%[[M1]] : tensor<64xi64>)
// CHECK: %[[S:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<64xi8>) outs(%{{.*}} : tensor<64xi32>)
// CHECK: linalg.generic {{.*}} ins(%[[S]], %[[M2]]
// PEAK: remark: schedule of 5 ops: peak 576 bytes (exact), original order 832 bytes
// The greedy fallback (too many states for the exact search) takes the op
// with the smallest step first, the shortcut, and keeps the original order.
// GREEDY: remark: schedule of 5 ops: peak 832 bytes (original), original order 832 bytes
func.func @residual(%x: tensor<64xi8>) -> tensor<64xi8> {
  %e = tensor.empty() : tensor<64xi8>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<64xi8>) outs(%e : tensor<64xi8>) {
  ^bb0(%v: i8, %o: i8):
    linalg.yield %v : i8
  } -> tensor<64xi8>
  %e32 = tensor.empty() : tensor<64xi32>
  %s = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<64xi8>) outs(%e32 : tensor<64xi32>) {
  ^bb0(%v: i8, %o: i32):
    %w = arith.extsi %v : i8 to i32
    linalg.yield %w : i32
  } -> tensor<64xi32>
  %e64 = tensor.empty() : tensor<64xi64>
  %m1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<64xi8>) outs(%e64 : tensor<64xi64>) {
  ^bb0(%v: i8, %o: i64):
    %w = arith.extsi %v : i8 to i64
    linalg.yield %w : i64
  } -> tensor<64xi64>
  %m2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%m1 : tensor<64xi64>) outs(%e : tensor<64xi8>) {
  ^bb0(%v: i64, %o: i8):
    %t = arith.trunci %v : i64 to i8
    linalg.yield %t : i8
  } -> tensor<64xi8>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%s, %m2 : tensor<64xi32>, tensor<64xi8>) outs(%e : tensor<64xi8>) {
  ^bb0(%u: i32, %v: i8, %o: i8):
    %t = arith.trunci %u : i32 to i8
    %y = arith.addi %t, %v : i8
    linalg.yield %y : i8
  } -> tensor<64xi8>
  return %r : tensor<64xi8>
}

// -----

// An op that only allocates (a bias fill reads no arena buffer) runs right
// before its user: filled first, the 256-byte accumulator would sit under
// the padded copy (80 bytes) and the reduction reading it. The reshape
// aliases the accumulator.

#id = affine_map<(d0) -> (d0)>
#first = affine_map<(d0) -> (0)>
#b = affine_map<(d0, d1) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @late_fill
// CHECK: tensor.pad
// CHECK: linalg.fill
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK: linalg.generic {{.*}} ins(%arg1 : tensor<8xi32>)
// CHECK: tensor.collapse_shape
// PEAK: remark: schedule of 6 ops: peak 260 bytes (exact), original order 340 bytes
// GREEDY: remark: schedule of 6 ops: peak 260 bytes (greedy), original order 340 bytes
func.func @late_fill(%x: tensor<64xi8>, %bias: tensor<8xi32>) -> tensor<64xi8> {
  %c0 = arith.constant 0 : i8
  %z0 = arith.constant 0 : i32
  %e = tensor.empty() : tensor<8x8xi32>
  %acc = linalg.generic {indexing_maps = [#b, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%bias : tensor<8xi32>) outs(%e : tensor<8x8xi32>) {
  ^bb0(%v: i32, %o: i32):
    linalg.yield %v : i32
  } -> tensor<8x8xi32>
  %p = tensor.pad %x low[8] high[8] {
  ^bb0(%i: index):
    tensor.yield %c0 : i8
  } : tensor<64xi8> to tensor<80xi8>
  %z = tensor.empty() : tensor<1xi32>
  %zf = linalg.fill ins(%z0 : i32) outs(%z : tensor<1xi32>) -> tensor<1xi32>
  %q = linalg.generic {indexing_maps = [#id, #first], iterator_types = ["reduction"]}
      ins(%p : tensor<80xi8>) outs(%zf : tensor<1xi32>) {
  ^bb0(%v: i8, %o: i32):
    %w = arith.extsi %v : i8 to i32
    %s = arith.addi %o, %w : i32
    linalg.yield %s : i32
  } -> tensor<1xi32>
  %flat = tensor.collapse_shape %acc [[0, 1]] : tensor<8x8xi32> into tensor<64xi32>
  %e8 = tensor.empty() : tensor<64xi8>
  %r = linalg.generic {indexing_maps = [#id, #first, #id], iterator_types = ["parallel"]}
      ins(%flat, %q : tensor<64xi32>, tensor<1xi32>) outs(%e8 : tensor<64xi8>) {
  ^bb0(%u: i32, %v: i32, %o: i8):
    %t = arith.addi %u, %v : i32
    %y = arith.trunci %t : i32 to i8
    linalg.yield %y : i8
  } -> tensor<64xi8>
  return %r : tensor<64xi8>
}

// -----

// A chain has a single order: nothing moves.

// CHECK-LABEL: func.func @chain
// CHECK: tensor.pad
// CHECK: tensor.pad
// PEAK: remark: schedule of 2 ops: peak 72 bytes (original, optimal), original order 72 bytes
func.func @chain(%x: tensor<64xi8>) -> tensor<88xi8> {
  %c0 = arith.constant 0 : i8
  %p = tensor.pad %x low[4] high[4] {
  ^bb0(%i: index):
    tensor.yield %c0 : i8
  } : tensor<64xi8> to tensor<72xi8>
  %q = tensor.pad %p low[8] high[8] {
  ^bb0(%i: index):
    tensor.yield %c0 : i8
  } : tensor<72xi8> to tensor<88xi8>
  return %q : tensor<88xi8>
}

// -----

// Tiled branches: a loop writing into an empty tensor allocates it. The
// shortcut's 256-byte result would sit under the main path's 512-byte one if
// it ran first; after the main path, its requantized 64 bytes are all that
// is left (written over the 512).

#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @tiled
// CHECK: scf.for {{.*}} -> (tensor<64xi64>)
// CHECK: scf.for {{.*}} -> (tensor<64xi32>)
// PEAK: remark: schedule of 4 ops: peak 512 bytes (exact), original order 768 bytes
func.func @tiled(%x: tensor<64xi8>) -> tensor<64xi8> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %e32 = tensor.empty() : tensor<64xi32>
  %s = scf.for %i = %c0 to %c64 step %c16 iter_args(%t = %e32) -> (tensor<64xi32>) {
    %in = tensor.extract_slice %x[%i] [16] [1] : tensor<64xi8> to tensor<16xi8>
    %o = tensor.extract_slice %t[%i] [16] [1] : tensor<64xi32> to tensor<16xi32>
    %w = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%in : tensor<16xi8>) outs(%o : tensor<16xi32>) {
    ^bb0(%v: i8, %u: i32):
      %y = arith.extsi %v : i8 to i32
      linalg.yield %y : i32
    } -> tensor<16xi32>
    %n = tensor.insert_slice %w into %t[%i] [16] [1] : tensor<16xi32> into tensor<64xi32>
    scf.yield %n : tensor<64xi32>
  }
  %e64 = tensor.empty() : tensor<64xi64>
  %m = scf.for %i = %c0 to %c64 step %c16 iter_args(%t = %e64) -> (tensor<64xi64>) {
    %in = tensor.extract_slice %x[%i] [16] [1] : tensor<64xi8> to tensor<16xi8>
    %o = tensor.extract_slice %t[%i] [16] [1] : tensor<64xi64> to tensor<16xi64>
    %w = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%in : tensor<16xi8>) outs(%o : tensor<16xi64>) {
    ^bb0(%v: i8, %u: i64):
      %y = arith.extsi %v : i8 to i64
      linalg.yield %y : i64
    } -> tensor<16xi64>
    %n = tensor.insert_slice %w into %t[%i] [16] [1] : tensor<16xi64> into tensor<64xi64>
    scf.yield %n : tensor<64xi64>
  }
  %e8 = tensor.empty() : tensor<64xi8>
  %m8 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%m : tensor<64xi64>) outs(%e8 : tensor<64xi8>) {
  ^bb0(%v: i64, %o: i8):
    %t = arith.trunci %v : i64 to i8
    linalg.yield %t : i8
  } -> tensor<64xi8>
  %e8b = tensor.empty() : tensor<64xi8>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%s, %m8 : tensor<64xi32>, tensor<64xi8>) outs(%e8b : tensor<64xi8>) {
  ^bb0(%u: i32, %v: i8, %o: i8):
    %t = arith.trunci %u : i32 to i8
    %y = arith.addi %t, %v : i8
    linalg.yield %y : i8
  } -> tensor<64xi8>
  return %r : tensor<64xi8>
}
