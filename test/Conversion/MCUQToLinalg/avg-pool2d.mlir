// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s

!q = !quant.uniform<i8:f32, 5.000000e-01:-1>

// SAME on a 3x3 image with 2x2 windows and stride 2: the last row and column
// of windows are clipped. The raw sum pads with zeros (no zero-point
// offset), and each output divides by its own count of in-image taps (a 2x2
// table: 4, 2, 2, 1), rounding half away from zero like TFLite:
// (acc +- n / 2) / n in C division. RELU6 clamps to [zp, zp + 6 / 0.5].
// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[HW:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-LABEL: func.func @avg_pool2d_clipped_windows
// CHECK:       %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 1, 1, 0]
// CHECK:         tensor.yield %c0_i8 : i8
// CHECK:       %[[ZERO:.*]] = linalg.fill ins(%c0_i32{{.*}} : i32) outs(%{{.*}} : tensor<1x2x2x2xi32>)
// CHECK:       %[[SUM:.*]] = linalg.pooling_nhwc_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME:    ins(%[[PADDED]], %{{.*}} : tensor<1x4x4x2xi8>, tensor<2x2xi32>) outs(%[[ZERO]] : tensor<1x2x2x2xi32>)
// CHECK:       %[[COUNTS:.*]] = arith.constant dense<[4, 2, 2, 1]> : tensor<4xi32>
// CHECK:       %[[TABLE:.*]] = tensor.expand_shape %[[COUNTS]] {{\[\[}}0, 1]] output_shape [2, 2]
// CHECK:       linalg.generic {indexing_maps = [#[[ID]], #[[HW]], #[[ID]]], {{.*}} ins(%[[SUM]], %[[TABLE]] : tensor<1x2x2x2xi32>, tensor<2x2xi32>)
// CHECK:       ^bb0(%[[ACC:.*]]: i32, %[[N:.*]]: i32, %{{.*}}: i8):
// CHECK:         %[[HALF:.*]] = arith.divsi %[[N]], %c2_i32 : i32
// CHECK:         %[[POS:.*]] = arith.cmpi sgt, %[[ACC]], %c0_i32{{.*}} : i32
// CHECK:         %[[UP:.*]] = arith.addi %[[ACC]], %[[HALF]] : i32
// CHECK:         %[[DOWN:.*]] = arith.subi %[[ACC]], %[[HALF]] : i32
// CHECK:         %[[ADJ:.*]] = arith.select %[[POS]], %[[UP]], %[[DOWN]] : i32
// CHECK:         %[[AVG:.*]] = arith.divsi %[[ADJ]], %[[N]] : i32
// CHECK:         %[[LO:.*]] = arith.maxsi %[[AVG]], %c-1_i32 : i32
// CHECK:         %[[HI:.*]] = arith.minsi %[[LO]], %c11_i32 : i32
// CHECK:         arith.trunci %[[HI]] : i32 to i8
func.func @avg_pool2d_clipped_windows(%x: tensor<1x3x3x2x!q>) -> tensor<1x2x2x2x!q> {
  %0 = mcuq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = #mcuq.padding<same>,
                           fused_activation = #mcuq.activation<relu6>}
      : (tensor<1x3x3x2x!q>) -> tensor<1x2x2x2x!q>
  return %0 : tensor<1x2x2x2x!q>
}

// -----
!q = !quant.uniform<i8:f32, 5.000000e-01:-1>

// VALID windows all hold 4 taps: one constant divisor, no table, no padding.
// CHECK-LABEL: func.func @avg_pool2d_uniform
// CHECK-NOT:   tensor.pad
// CHECK:       %[[SUM:.*]] = linalg.pooling_nhwc_sum
// CHECK-NOT:   arith.constant dense
// CHECK:       linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x2x2x2xi32>) outs(%{{.*}} : tensor<1x2x2x2xi8>)
// CHECK:         arith.divsi %{{.*}}, %c4_i32 : i32
func.func @avg_pool2d_uniform(%x: tensor<1x4x4x2x!q>) -> tensor<1x2x2x2x!q> {
  %0 = mcuq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = #mcuq.padding<valid>}
      : (tensor<1x4x4x2x!q>) -> tensor<1x2x2x2x!q>
  return %0 : tensor<1x2x2x2x!q>
}
