// RUN: mcuq-opt %s -convert-mcuq-to-linalg -convert-mcuq-to-arith | FileCheck %s

!qa = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qb = !quant.uniform<i8:f32, 2.500000e-01:3>
!qo = !quant.uniform<i8:f32, 1.000000e+00:-5>

// TFLite's ADD: each input, offset and shifted left by 20, is rescaled to
// 2 * max(s_a, s_b) (s_a / 1.0 = 0.5: multiplier 2^30, no right shift;
// s_b / 1.0 = 0.25: one right shift), before broadcasting; the i32 sum is
// rescaled by 1.0 / 2^20 (a right shift by 19) and clamped for RELU at the
// output zero point.
// CHECK-LABEL: func.func @add
// CHECK-SAME:    (%[[A:.*]]: tensor<1x2x2x3xi8> {{.*}}, %[[B:.*]]: tensor<3xi8>
// CHECK:       %[[LHS:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<1x2x2x3xi8>) outs(%{{.*}} : tensor<1x2x2x3xi32>)
// CHECK:         %[[X:.*]] = arith.extsi %{{.*}} : i8 to i32
// CHECK:         %[[OFF:.*]] = arith.subi %[[X]], %c-1_i32{{.*}} : i32
// CHECK:         %[[SHL:.*]] = arith.shli %[[OFF]], %c20_i32{{.*}} : i32
// CHECK:         arith.extsi %[[SHL]] : i32 to i64
// CHECK:         %[[HIGH:.*]] = arith.trunci %{{.*}} : i64 to i32
// CHECK-NEXT:    linalg.yield %[[HIGH]] : i32
// CHECK:       %[[RHS:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<3xi8>) outs(%{{.*}} : tensor<3xi32>)
// CHECK:         arith.subi %{{.*}}, %c3_i32{{.*}} : i32
// CHECK:         arith.shli %{{.*}}, %c20_i32{{.*}} : i32
// CHECK:         arith.shrsi %{{.*}}, %c1_i32{{.*}} : i32
// CHECK:       %[[SUM:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #[[BCAST:.*]], #{{.*}}]
// CHECK-SAME:    ins(%[[LHS]], %[[RHS]] : tensor<1x2x2x3xi32>, tensor<3xi32>)
// CHECK:         %[[S:.*]] = arith.addi %{{.*}}, %{{.*}} : i32
// CHECK-NEXT:    linalg.yield %[[S]] : i32
// CHECK:       linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x2x2x3xi32>) outs(%{{.*}} : tensor<1x2x2x3xi8>)
// CHECK:         arith.constant 1073741824 : i32
// CHECK:         arith.shrsi %{{.*}}, %c19_i32{{.*}} : i32
// CHECK:         %[[Y:.*]] = arith.addi %{{.*}}, %c-5_i32{{.*}} : i32
// CHECK:         %[[LO:.*]] = arith.maxsi %[[Y]], %c-5_i32{{.*}} : i32
// CHECK:         arith.minsi %[[LO]], %c127_i32{{.*}} : i32
func.func @add(%a: tensor<1x2x2x3x!qa>, %b: tensor<3x!qb>) -> tensor<1x2x2x3x!qo> {
  %0 = mcuq.add %a, %b {fused_activation = #mcuq.activation<relu>}
      : (tensor<1x2x2x3x!qa>, tensor<3x!qb>) -> tensor<1x2x2x3x!qo>
  return %0 : tensor<1x2x2x3x!qo>
}
