// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s

!qi = !quant.uniform<i8:f32, 5.000000e-01:2>
!qo = !quant.uniform<i8:f32, 1.000000e+00:-4>
!qw = !quant.uniform<i8:f32:3, {2.500000e-01,2.500000e-01}>

// SAME with an even kernel: the odd padding row and column go after the
// image, filled with the input zero point 2, which is also the operand of
// the quantized depthwise convolution (no bias: the accumulator starts at 0);
// the [1, KH, KW, C] filter is linalg's [KH, KW, C]: a reshape of the same
// bytes.
// CHECK-LABEL: func.func @depthwise_multiplier_1
// CHECK:       %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 1, 1, 0]
// CHECK:         tensor.yield %c2_i8 : i8
// CHECK:       %[[W:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2]] output_shape [2, 2, 2] : tensor<8xi8> into tensor<2x2x2xi8>
// CHECK:       %[[ACC:.*]] = linalg.depthwise_conv_2d_nhwc_hwc_q {{.*}} ins(%[[PADDED]], %[[W]], %c2_i32, %c0_i32 : tensor<1x4x4x2xi8>, tensor<2x2x2xi8>, i32, i32) outs(%{{.*}} : tensor<1x3x3x2xi32>)
// CHECK:       linalg.generic {{.*}} ins(%[[ACC]] : tensor<1x3x3x2xi32>) outs(%{{.*}} : tensor<1x3x3x2xi8>)
// CHECK:         arith.constant 1073741824 : i32
// CHECK:         arith.maxsi %{{.*}}, %c-4_i32{{.*}} : i32
// CHECK:         arith.minsi %{{.*}}, %c2_i32{{.*}} : i32
func.func @depthwise_multiplier_1(%x: tensor<1x3x3x2x!qi>) -> tensor<1x3x3x2x!qo> {
  %w = mcuq.const dense<[[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]]> : tensor<1x2x2x2xi8> -> tensor<1x2x2x2x!qw>
  %0 = mcuq.depthwise_conv2d %x, %w {depth_multiplier = 1 : i64, padding = #mcuq.padding<same>,
                                     fused_activation = #mcuq.activation<relu6>}
      : (tensor<1x3x3x2x!qi>, tensor<1x2x2x2x!qw>) -> tensor<1x3x3x2x!qo>
  return %0 : tensor<1x3x3x2x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:2>
!qo = !quant.uniform<i8:f32, 1.000000e+00:-4>
!qw = !quant.uniform<i8:f32:3, {2.500000e-01,2.500000e-01,2.500000e-01,2.500000e-01}>
!qb = !quant.uniform<i32:f32:0, {1.250000e-01,1.250000e-01,1.250000e-01,1.250000e-01}>

// Depth multiplier 2: output channel c * 2 + m reads input channel c. The
// accumulator is [N, OH, OW, C, M] for linalg's HWCM convolution and is viewed
// back as [N, OH, OW, C * M]. The bias is the model's, the zero point 2 an
// operand.
// CHECK-LABEL: func.func @depthwise_multiplier_2
// CHECK:       %[[W:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2, 3]] output_shape [2, 2, 2, 2] : tensor<16xi8> into tensor<2x2x2x2xi8>
// CHECK:       %[[BIAS:.*]] = arith.constant dense<[100, 0, 0, -100]> : tensor<4xi32>
// CHECK:       %[[INIT:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<4xi32>) outs(%{{.*}} : tensor<1x2x2x4xi32>)
// CHECK:       %[[WIDE:.*]] = tensor.expand_shape %[[INIT]] {{\[\[}}0], [1], [2], [3, 4]] output_shape [1, 2, 2, 2, 2] : tensor<1x2x2x4xi32> into tensor<1x2x2x2x2xi32>
// CHECK:       %[[ACC:.*]] = linalg.depthwise_conv_2d_nhwc_hwcm_q {{.*}} ins(%{{.*}}, %[[W]], %c2_i32, %c0_i32 : tensor<1x3x3x2xi8>, tensor<2x2x2x2xi8>, i32, i32) outs(%[[WIDE]] : tensor<1x2x2x2x2xi32>)
// CHECK:       %[[FLAT:.*]] = tensor.collapse_shape %[[ACC]] {{\[\[}}0], [1], [2], [3, 4]] : tensor<1x2x2x2x2xi32> into tensor<1x2x2x4xi32>
// CHECK:       linalg.generic {{.*}} ins(%[[FLAT]] : tensor<1x2x2x4xi32>) outs(%{{.*}} : tensor<1x2x2x4xi8>)
func.func @depthwise_multiplier_2(%x: tensor<1x3x3x2x!qi>) -> tensor<1x2x2x4x!qo> {
  %w = mcuq.const dense<[[[[1, 2, 3, 4], [0, 0, 0, 0]], [[0, 0, 0, 0], [5, 6, 7, 8]]]]>
      : tensor<1x2x2x4xi8> -> tensor<1x2x2x4x!qw>
  %b = mcuq.const dense<[100, 0, 0, -100]> : tensor<4xi32> -> tensor<4x!qb>
  %0 = mcuq.depthwise_conv2d %x, %w, %b {depth_multiplier = 2 : i64, padding = #mcuq.padding<valid>}
      : (tensor<1x3x3x2x!qi>, tensor<1x2x2x4x!qw>, tensor<4x!qb>) -> tensor<1x2x2x4x!qo>
  return %0 : tensor<1x2x2x4x!qo>
}
