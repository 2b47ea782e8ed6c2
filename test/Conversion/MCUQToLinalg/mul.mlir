// RUN: mcuq-opt %s -convert-mcuq-to-linalg | FileCheck %s

!qa = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qb = !quant.uniform<i8:f32, 2.500000e-01:3>
!qo = !quant.uniform<i8:f32, 1.000000e+00:-5>

// TFLite's MUL: the exact i32 product of the offset inputs (the [2, 1]
// operand broadcast along the columns), then one rescale by
// 0.5 * 0.25 / 1.0 = 2^30 * 2^-33: a right shift by 2.
// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @mul
// CHECK:       %[[P:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:    outs(%{{.*}} : tensor<2x3xi32>)
// CHECK:         %[[A:.*]] = arith.subi %{{.*}}, %c-1_i32{{.*}} : i32
// CHECK:         %[[B:.*]] = arith.subi %{{.*}}, %c3_i32{{.*}} : i32
// CHECK:         %[[AB:.*]] = arith.muli %[[A]], %[[B]] : i32
// CHECK-NEXT:    linalg.yield %[[AB]] : i32
// CHECK:       linalg.generic {{.*}} ins(%[[P]] : tensor<2x3xi32>) outs(%{{.*}} : tensor<2x3xi8>)
// CHECK:         arith.constant 1073741824 : i32
// CHECK:         arith.shrsi %{{.*}}, %c2_i32{{.*}} : i32
// CHECK:         arith.addi %{{.*}}, %c-5_i32{{.*}} : i32
// CHECK:         arith.maxsi %{{.*}}, %c-128_i32{{.*}} : i32
func.func @mul(%a: tensor<2x3x!qa>, %b: tensor<2x1x!qb>) -> tensor<2x3x!qo> {
  %0 = mcuq.mul %a, %b : (tensor<2x3x!qa>, tensor<2x1x!qb>) -> tensor<2x3x!qo>
  return %0 : tensor<2x3x!qo>
}
