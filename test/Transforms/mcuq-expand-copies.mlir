// RUN: mcuq-opt %s -mcuq-expand-copies | FileCheck %s

// Strided copies would call a runtime library function; as linalg.copy they
// become loops.
// CHECK-LABEL: func.func @copy
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%{{.*}} : memref<2x3xi8, strided<[4, 1]>>) outs(%{{.*}} : memref<2x3xi8>)
func.func @copy(%a: memref<2x3xi8, strided<[4, 1]>>, %b: memref<2x3xi8>) {
  memref.copy %a, %b : memref<2x3xi8, strided<[4, 1]>> to memref<2x3xi8>
  return
}
