// RUN: mcuq-opt %s -convert-mcuq-to-linalg | FileCheck %s

!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 2.500000e-01:3>

// TFLite's QuantizedMeanOrSum over n = 15 elements: an i32 sum of raw values,
// minus zp_in * n = -15, rescaled with 1/n folded into the multiplier:
// s_in / s_out = 2 is (2^30, shift 2); with 3 bits of the fold,
// (2^30 << 3) / 15 = 572662306 and shift 2 - 3 = -1.
// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[KEPT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, 0, 0, d3)>
// CHECK-LABEL: func.func @mean_spatial
// CHECK:       %[[ZERO:.*]] = linalg.fill ins(%c0_i32 : i32) outs(%{{.*}} : tensor<1x1x1x2xi32>)
// CHECK:       %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[KEPT]]], iterator_types = ["parallel", "reduction", "reduction", "parallel"]}
// CHECK-SAME:    outs(%[[ZERO]] : tensor<1x1x1x2xi32>)
// CHECK:         %[[X:.*]] = arith.extsi %{{.*}} : i8 to i32
// CHECK:         arith.addi %{{.*}}, %[[X]] : i32
// CHECK:       %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x1x1x2xi32>) outs(%{{.*}} : tensor<1x1x1x2xi8>)
// CHECK:         arith.subi %{{.*}}, %c-15_i32 : i32
// CHECK:         arith.constant 572662306 : i32
// CHECK:         arith.shrsi %{{.*}}, %c1_i32{{.*}} : i32
// CHECK:         arith.addi %{{.*}}, %c3_i32 : i32
// CHECK:       %[[FLAT:.*]] = tensor.collapse_shape %[[MEAN]]
// CHECK:       %[[OUT:.*]] = tensor.expand_shape %[[FLAT]] {{.*}} : tensor<2xi8> into tensor<1x2xi8>
// CHECK:       return %[[OUT]]
func.func @mean_spatial(%x: tensor<1x3x5x2x!qi>) -> tensor<1x2x!qo> {
  %0 = mcuq.mean %x {axes = array<i64: 1, 2>, keep_dims = false}
      : (tensor<1x3x5x2x!qi>) -> tensor<1x2x!qo>
  return %0 : tensor<1x2x!qo>
}
