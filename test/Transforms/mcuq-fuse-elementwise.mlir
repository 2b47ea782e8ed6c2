// RUN: mcuq-opt %s -mcuq-fuse-elementwise | FileCheck %s

#id = affine_map<(i) -> (i)>

// Element-wise chains merge into one generic.
// CHECK-LABEL: func.func @chain
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
func.func @chain(%a: tensor<8xi32>) -> tensor<8xi8> {
  %e0 = tensor.empty() : tensor<8xi32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%a : tensor<8xi32>) outs(%e0 : tensor<8xi32>) {
  ^bb0(%x: i32, %o: i32):
    %s = arith.shrsi %x, %x : i32
    linalg.yield %s : i32
  } -> tensor<8xi32>
  %e1 = tensor.empty() : tensor<8xi8>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%0 : tensor<8xi32>) outs(%e1 : tensor<8xi8>) {
  ^bb0(%x: i32, %o: i8):
    %t = arith.trunci %x : i32 to i8
    linalg.yield %t : i8
  } -> tensor<8xi8>
  return %1 : tensor<8xi8>
}

// A requantize feeding a matmul stays separate: fused, it would run once per
// multiply-accumulate instead of once per element.
// CHECK-LABEL: func.func @not_into_reduction
// CHECK: %[[R:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]{{.*}} ins(%[[R]]
func.func @not_into_reduction(%a: tensor<1x8xi32>, %w: tensor<4x8xi8>, %acc: tensor<1x4xi32>) -> tensor<1x4xi32> {
  %e = tensor.empty() : tensor<1x8xi8>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<1x8xi32>) outs(%e : tensor<1x8xi8>) {
  ^bb0(%x: i32, %o: i8):
    %t = arith.trunci %x : i32 to i8
    linalg.yield %t : i8
  } -> tensor<1x8xi8>
  %m = linalg.generic {indexing_maps = [affine_map<(b, u, k) -> (b, k)>, affine_map<(b, u, k) -> (u, k)>, affine_map<(b, u, k) -> (b, u)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%r, %w : tensor<1x8xi8>, tensor<4x8xi8>) outs(%acc : tensor<1x4xi32>) {
  ^bb0(%x: i8, %y: i8, %s: i32):
    %0 = arith.extsi %x : i8 to i32
    %1 = arith.extsi %y : i8 to i32
    %2 = arith.muli %0, %1 : i32
    %3 = arith.addi %s, %2 : i32
    linalg.yield %3 : i32
  } -> tensor<1x4xi32>
  return %m : tensor<1x4xi32>
}

// A residual join of two reductions becomes the epilogue of the larger one
// (%big, 64 iterations). The smaller one keeps its requantization to itself so
// that an i8 tensor, not its i32 accumulators, stays alive until the join.
// CHECK-LABEL: func.func @join_of_two_reductions
// CHECK:       %[[SMALL:.*]] = linalg.generic {{.*}}"reduction"]{{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x8xi8>, tensor<4x8xi8>)
// CHECK:       %[[SMALLQ:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]} ins(%[[SMALL]] : tensor<1x4xi32>) outs(%{{.*}} : tensor<1x4xi8>)
// CHECK:       %[[BIG:.*]] = linalg.generic {{.*}}"reduction"]{{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x16xi8>, tensor<4x16xi8>)
// CHECK:       linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]} ins(%[[SMALLQ]], %[[BIG]] : tensor<1x4xi8>, tensor<1x4xi32>)
// CHECK-NOT:   linalg.generic
func.func @join_of_two_reductions(%a: tensor<1x8xi8>, %wa: tensor<4x8xi8>, %b: tensor<1x16xi8>, %wb: tensor<4x16xi8>) -> tensor<1x4xi8> {
  %zero = arith.constant dense<0> : tensor<1x4xi32>
  %small = linalg.generic {indexing_maps = [affine_map<(b, u, k) -> (b, k)>, affine_map<(b, u, k) -> (u, k)>, affine_map<(b, u, k) -> (b, u)>],
                           iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %wa : tensor<1x8xi8>, tensor<4x8xi8>) outs(%zero : tensor<1x4xi32>) {
  ^bb0(%x: i8, %y: i8, %s: i32):
    %0 = arith.extsi %x : i8 to i32
    %1 = arith.extsi %y : i8 to i32
    %2 = arith.muli %0, %1 : i32
    %3 = arith.addi %s, %2 : i32
    linalg.yield %3 : i32
  } -> tensor<1x4xi32>
  %e0 = tensor.empty() : tensor<1x4xi8>
  %smallq = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%small : tensor<1x4xi32>) outs(%e0 : tensor<1x4xi8>) {
  ^bb0(%x: i32, %o: i8):
    %t = arith.trunci %x : i32 to i8
    linalg.yield %t : i8
  } -> tensor<1x4xi8>
  %big = linalg.generic {indexing_maps = [affine_map<(b, u, k) -> (b, k)>, affine_map<(b, u, k) -> (u, k)>, affine_map<(b, u, k) -> (b, u)>],
                         iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%b, %wb : tensor<1x16xi8>, tensor<4x16xi8>) outs(%zero : tensor<1x4xi32>) {
  ^bb0(%x: i8, %y: i8, %s: i32):
    %0 = arith.extsi %x : i8 to i32
    %1 = arith.extsi %y : i8 to i32
    %2 = arith.muli %0, %1 : i32
    %3 = arith.addi %s, %2 : i32
    linalg.yield %3 : i32
  } -> tensor<1x4xi32>
  %e1 = tensor.empty() : tensor<1x4xi8>
  %bigq = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%big : tensor<1x4xi32>) outs(%e1 : tensor<1x4xi8>) {
  ^bb0(%x: i32, %o: i8):
    %t = arith.trunci %x : i32 to i8
    linalg.yield %t : i8
  } -> tensor<1x4xi8>
  %e2 = tensor.empty() : tensor<1x4xi8>
  %sum = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%smallq, %bigq : tensor<1x4xi8>, tensor<1x4xi8>) outs(%e2 : tensor<1x4xi8>) {
  ^bb0(%x: i8, %y: i8, %o: i8):
    %s = arith.addi %x, %y : i8
    linalg.yield %s : i8
  } -> tensor<1x4xi8>
  return %sum : tensor<1x4xi8>
}
