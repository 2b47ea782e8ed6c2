// RUN: mcuq-opt %s -mcuq-lower-to-loops -canonicalize | FileCheck %s

// The reduction runs innermost and carries the accumulator: one load before
// and one store after it, none inside.
// CHECK-LABEL: func.func @matvec
// CHECK-SAME: (%[[A:.*]]: memref<4x8xi8>, %[[X:.*]]: memref<8xi8>, %[[Y:.*]]: memref<4xi32>)
// CHECK: scf.for %[[I:.*]] = %c0 to %c4 step %c1 {
// CHECK-NEXT: %[[INIT:.*]] = memref.load %[[Y]][%[[I]]] : memref<4xi32>
// CHECK-NEXT: %[[SUM:.*]] = scf.for %[[K:.*]] = %c0 to %c8 step %c1 iter_args(%[[ACC:.*]] = %[[INIT]]) -> (i32) {
// CHECK-NOT: memref.store
// CHECK: scf.yield
// CHECK: memref.store %[[SUM]], %[[Y]][%[[I]]] : memref<4xi32>
func.func @matvec(%a: memref<4x8xi8>, %x: memref<8xi8>, %y: memref<4xi32>) {
  linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (k)>, affine_map<(i, k) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%a, %x : memref<4x8xi8>, memref<8xi8>) outs(%y : memref<4xi32>) {
  ^bb0(%av: i8, %xv: i8, %acc: i32):
    %0 = arith.extsi %av : i8 to i32
    %1 = arith.extsi %xv : i8 to i32
    %2 = arith.muli %0, %1 : i32
    %3 = arith.addi %acc, %2 : i32
    linalg.yield %3 : i32
  }
  return
}

// Reductions that are not the innermost loops in the op's order are moved
// inside the parallel ones (pooling: n, h, w, c, kh, kw).
// CHECK-LABEL: func.func @pool
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for
// CHECK: %[[INIT:.*]] = memref.load
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[INIT]])
// CHECK: scf.for {{.*}} iter_args
// CHECK: arith.maxsi
func.func @pool(%in: memref<1x4x4x2xi8>, %out: memref<1x2x2x2xi8>) {
  %w = memref.alloc() : memref<2x2xi8>
  linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%in, %w : memref<1x4x4x2xi8>, memref<2x2xi8>) outs(%out : memref<1x2x2x2xi8>)
  return
}

// Element-wise ops have no accumulator to carry: plain loops.
// CHECK-LABEL: func.func @elementwise
// CHECK: scf.for
// CHECK: memref.load
// CHECK: arith.addi
// CHECK: memref.store
func.func @elementwise(%a: memref<8xi32>, %b: memref<8xi32>) {
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%a : memref<8xi32>) outs(%b : memref<8xi32>) {
  ^bb0(%x: i32, %y: i32):
    %0 = arith.addi %x, %x : i32
    linalg.yield %0 : i32
  }
  return
}
