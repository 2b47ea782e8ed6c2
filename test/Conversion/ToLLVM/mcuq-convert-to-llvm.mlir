// RUN: mcuq-opt %s -convert-scf-to-cf -mcuq-convert-to-llvm="index-bitwidth=32" | FileCheck %s --check-prefix=I32
// RUN: mcuq-opt %s -convert-scf-to-cf -mcuq-convert-to-llvm | FileCheck %s --check-prefix=I64

// One type converter for everything: buffers are bare pointers and indices
// have the target's width, also through vector loads (the kernels' words).
// I32-LABEL: llvm.func @kernel(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// I32: llvm.getelementptr {{.*}} : (!llvm.ptr, i32) -> !llvm.ptr, i8
// I32: llvm.load %{{.*}} {alignment = 1 : i64} : !llvm.ptr -> vector<4xi8>
// I32-NOT: unrealized_conversion_cast
// I64-LABEL: llvm.func @kernel
// I64: llvm.getelementptr {{.*}} : (!llvm.ptr, i64) -> !llvm.ptr, i8
func.func @kernel(%in: memref<16xi8>, %out: memref<4xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %pad = arith.constant 0 : i8
  scf.for %i = %c0 to %c4 step %c1 {
    %off = arith.muli %i, %c4 : index
    %v = vector.transfer_read %in[%off], %pad {in_bounds = [true]} : memref<16xi8>, vector<4xi8>
    %w = vector.bitcast %v : vector<4xi8> to vector<1xi32>
    %e = vector.extract %w[0] : i32 from vector<1xi32>
    memref.store %e, %out[%i] : memref<4xi32>
  }
  return
}
