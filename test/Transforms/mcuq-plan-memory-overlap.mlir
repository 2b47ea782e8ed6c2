// RUN: mcuq-opt %s -split-input-file --mcuq-plan-memory=print-plan \
// RUN:   -mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s
// RUN: mcuq-opt %s -split-input-file --mcuq-plan-memory | FileCheck %s --check-prefix=IR

// Loop kernels whose output may overlap an input that dies there: stores
// must not reach input bytes that a later load reads (a load before the
// store in the same iteration is harmless). Displacements are multiples of
// 8 bytes.

// A 3-tap window with clamped borders (a depthwise convolution in one
// dimension): writing out[i] only needs in[i - 1] to be dead, so the input
// can sit 2 bytes above the output: 8 after rounding, 72 bytes instead of 128.

// CHECK-LABEL: remark: 64 bytes, live 6..20, offset 8
// CHECK: remark: 64 bytes, live 9..22, offset 0, overlapping the 64-byte buffer that dies at this scf.for (its input 8 bytes above)
// CHECK: remark: arena 72 bytes, lower bound 72 (128 without in-place reuse)
// IR: #mcuq.arena_plan<size = 72,
func.func @window(%in: memref<64xi8>, %out: memref<64xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c63 = arith.constant 63 : index
  %c64 = arith.constant 64 : index
  %a = memref.alloc() : memref<64xi8>
  linalg.copy ins(%in : memref<64xi8>) outs(%a : memref<64xi8>)
  %b = memref.alloc() : memref<64xi8>
  scf.for %i = %c0 to %c64 step %c1 {
    %im1 = arith.subi %i, %c1 : index
    %l = arith.maxsi %im1, %c0 : index
    %ip1 = arith.addi %i, %c1 : index
    %r = arith.minsi %ip1, %c63 : index
    %x = memref.load %a[%l] : memref<64xi8>
    %y = memref.load %a[%i] : memref<64xi8>
    %z = memref.load %a[%r] : memref<64xi8>
    %s = arith.addi %x, %y : i8
    %t = arith.addi %s, %z : i8
    memref.store %t, %b[%i] : memref<64xi8>
  }
  linalg.copy ins(%b : memref<64xi8>) outs(%out : memref<64xi8>)
  return
}

// -----

// An expanding 1x1 convolution (two output channels per input pixel,
// written through a 2-D view): pixel i's output lands on input bytes of
// pixels below i, so the input fits in the second half of the output.

// CHECK-LABEL: remark: 32 bytes, live 6..16, offset 32
// CHECK: remark: 64 bytes, live 9..19, offset 0, overlapping the 32-byte buffer that dies at this scf.for (its input 32 bytes above)
// CHECK: remark: arena 64 bytes, lower bound 64 (96 without in-place reuse)
func.func @expand(%in: memref<32xi8>, %out: memref<64xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c32 = arith.constant 32 : index
  %a = memref.alloc() : memref<32xi8>
  linalg.copy ins(%in : memref<32xi8>) outs(%a : memref<32xi8>)
  %b = memref.alloc() : memref<32x2xi8>
  scf.for %i = %c0 to %c32 step %c1 {
    scf.for %k = %c0 to %c2 step %c1 {
      %x = memref.load %a[%i] : memref<32xi8>
      %ki = arith.index_cast %k : index to i8
      %y = arith.addi %x, %ki : i8
      memref.store %y, %b[%i, %k] : memref<32x2xi8>
    }
  }
  %flat = memref.collapse_shape %b [[0, 1]] : memref<32x2xi8> into memref<64xi8>
  linalg.copy ins(%flat : memref<64xi8>) outs(%out : memref<64xi8>)
  return
}

// -----

// Reversing: the first store goes where the last load reads. No
// displacement short of separate buffers is safe.

// CHECK-LABEL: remark: 64 bytes, live 6..13, offset 0
// CHECK: remark: 64 bytes, live 9..15, offset 64
// CHECK: remark: arena 128 bytes
func.func @reverse(%in: memref<64xi8>, %out: memref<64xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c63 = arith.constant 63 : index
  %c64 = arith.constant 64 : index
  %a = memref.alloc() : memref<64xi8>
  linalg.copy ins(%in : memref<64xi8>) outs(%a : memref<64xi8>)
  %b = memref.alloc() : memref<64xi8>
  scf.for %i = %c0 to %c64 step %c1 {
    %j = arith.subi %c63, %i : index
    %x = memref.load %a[%j] : memref<64xi8>
    memref.store %x, %b[%i] : memref<64xi8>
  }
  linalg.copy ins(%b : memref<64xi8>) outs(%out : memref<64xi8>)
  return
}

// -----

// A gather: the index comes from memory, nothing bounds it relative to the
// loop. Not analyzable, so not overlapped.

// CHECK-LABEL: remark: 64 bytes, live 5..12, offset 0
// CHECK: remark: 64 bytes, live 8..14, offset 64
// CHECK: remark: arena 128 bytes
func.func @gather(%in: memref<64xi8>, %idx: memref<64xindex>, %out: memref<64xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %a = memref.alloc() : memref<64xi8>
  linalg.copy ins(%in : memref<64xi8>) outs(%a : memref<64xi8>)
  %b = memref.alloc() : memref<64xi8>
  scf.for %i = %c0 to %c64 step %c1 {
    %j = memref.load %idx[%i] : memref<64xindex>
    %x = memref.load %a[%j] : memref<64xi8>
    memref.store %x, %b[%i] : memref<64xi8>
  }
  linalg.copy ins(%b : memref<64xi8>) outs(%out : memref<64xi8>)
  return
}

// -----

// Four int8 read at once (an SMLAD kernel's vector.transfer_read): the
// output of pixel i needs bytes 4i..4i+3 of the input, read before the
// store in the same iteration; the output fits at the start of the input.

// CHECK-LABEL: remark: 64 bytes, live 7..15, offset 0
// CHECK: remark: 16 bytes, live 10..17, offset 0, in place over the 64-byte buffer that dies at this scf.for
// CHECK: remark: arena 64 bytes, lower bound 64 (80 without in-place reuse)
func.func @vector_reads(%in: memref<64xi8>, %out: memref<16xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0 : i8
  %a = memref.alloc() : memref<64xi8>
  linalg.copy ins(%in : memref<64xi8>) outs(%a : memref<64xi8>)
  %b = memref.alloc() : memref<16xi8>
  scf.for %i = %c0 to %c16 step %c1 {
    %o = arith.muli %i, %c4 : index
    %v = vector.transfer_read %a[%o], %pad {in_bounds = [true]} : memref<64xi8>, vector<4xi8>
    %x = vector.extract %v[3] : i8 from vector<4xi8>
    memref.store %x, %b[%i] : memref<16xi8>
  }
  linalg.copy ins(%b : memref<16xi8>) outs(%out : memref<16xi8>)
  return
}

// -----

// A row loop holding a vector body rounded down to a multiple of 4 (x & -4)
// and a scalar tail: both stay related to the loop bounds, so the output
// (one byte per 4 input bytes) still fits at the start of the input.

// CHECK-LABEL: remark: 64 bytes, live 11..27, offset 0
// CHECK: remark: 16 bytes, live 14..30, offset 0, in place over the 64-byte buffer that dies at this scf.for
func.func @tail(%in: memref<64xi8>, %out: memref<16xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c7 = arith.constant 7 : index
  %m4 = arith.constant -4 : index
  %pad = arith.constant 0 : i8
  %a = memref.alloc() : memref<2x32xi8>
  %flat = memref.expand_shape %in [[0, 1]] output_shape [2, 32] : memref<64xi8> into memref<2x32xi8>
  linalg.copy ins(%flat : memref<2x32xi8>) outs(%a : memref<2x32xi8>)
  %b = memref.alloc() : memref<2x8xi8>
  scf.for %r = %c0 to %c2 step %c1 {
    %body = arith.andi %c7, %m4 : index
    scf.for %i = %c0 to %body step %c1 {
      %o = arith.muli %i, %c4 : index
      %v = vector.transfer_read %a[%r, %o], %pad {in_bounds = [true]} : memref<2x32xi8>, vector<4xi8>
      %x = vector.extract %v[0] : i8 from vector<4xi8>
      memref.store %x, %b[%r, %i] : memref<2x8xi8>
    }
    scf.for %j = %body to %c8 step %c1 {
      %o = arith.muli %j, %c4 : index
      %y = memref.load %a[%r, %o] : memref<2x32xi8>
      memref.store %y, %b[%r, %j] : memref<2x8xi8>
    }
  }
  %bflat = memref.collapse_shape %b [[0, 1]] : memref<2x8xi8> into memref<16xi8>
  linalg.copy ins(%bflat : memref<16xi8>) outs(%out : memref<16xi8>)
  return
}

// -----

// A residual-style kernel over 2x2 blocks (two pixels, two channels per
// pass), each input byte read just before the output byte at the same
// index is written. Exactly in place (D = 0) is safe, though displacements
// on both sides are not (1..7: the store to pixel p+1 reaches a channel of
// pixel p still to be read); the unsafe set is a union, not one interval.
// Loop steps count: a later iteration of the channel loop is 2 further on.

// CHECK-LABEL: remark: 64 bytes, live 6..22, offset 0
// CHECK: remark: 64 bytes, live 9..24, offset 0, in place over the 64-byte buffer that dies at this scf.for
// CHECK: remark: arena 64 bytes, lower bound 64 (128 without in-place reuse)
func.func @blocked_in_place(%in: memref<8x8xi8>, %out: memref<8x8xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  %a = memref.alloc() : memref<8x8xi8>
  linalg.copy ins(%in : memref<8x8xi8>) outs(%a : memref<8x8xi8>)
  %b = memref.alloc() : memref<8x8xi8>
  scf.for %p = %c0 to %c8 step %c2 {
    %p1 = arith.addi %p, %c1 : index
    scf.for %k = %c0 to %c8 step %c2 {
      %k1 = arith.addi %k, %c1 : index
      %x0 = memref.load %a[%p, %k] : memref<8x8xi8>
      memref.store %x0, %b[%p, %k] : memref<8x8xi8>
      %x1 = memref.load %a[%p, %k1] : memref<8x8xi8>
      memref.store %x1, %b[%p, %k1] : memref<8x8xi8>
      %x2 = memref.load %a[%p1, %k] : memref<8x8xi8>
      memref.store %x2, %b[%p1, %k] : memref<8x8xi8>
      %x3 = memref.load %a[%p1, %k1] : memref<8x8xi8>
      memref.store %x3, %b[%p1, %k1] : memref<8x8xi8>
    }
  }
  linalg.copy ins(%b : memref<8x8xi8>) outs(%out : memref<8x8xi8>)
  return
}

// -----

// The then and else regions of an scf.if never both run in one iteration:
// a store in one does not reach a load in the other (border rows take the
// else region, as in the generated convolutions), so the kernel still
// writes in place.

// CHECK-LABEL: remark: 64 bytes, live 5..22, offset 0
// CHECK: remark: 64 bytes, live 8..24, offset 0, in place over the 64-byte buffer that dies at this scf.for
// CHECK: remark: arena 64 bytes, lower bound 64 (128 without in-place reuse)
func.func @if_else_exclusive(%in: memref<8x8xi8>, %out: memref<8x8xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %a = memref.alloc() : memref<8x8xi8>
  linalg.copy ins(%in : memref<8x8xi8>) outs(%a : memref<8x8xi8>)
  %b = memref.alloc() : memref<8x8xi8>
  scf.for %r = %c0 to %c8 step %c1 {
    %inner = arith.cmpi sge, %r, %c1 : index
    scf.if %inner {
      scf.for %c = %c0 to %c8 step %c1 {
        %x = memref.load %a[%r, %c] : memref<8x8xi8>
        %y = arith.addi %x, %x : i8
        memref.store %y, %b[%r, %c] : memref<8x8xi8>
      }
    } else {
      scf.for %c = %c0 to %c8 step %c1 {
        %x = memref.load %a[%r, %c] : memref<8x8xi8>
        memref.store %x, %b[%r, %c] : memref<8x8xi8>
      }
    }
  }
  linalg.copy ins(%b : memref<8x8xi8>) outs(%out : memref<8x8xi8>)
  return
}
