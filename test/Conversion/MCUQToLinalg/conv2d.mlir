// RUN: mcuq-opt %s -convert-mcuq-to-linalg -convert-mcuq-to-arith -split-input-file | FileCheck %s

!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
!qb = !quant.uniform<i32:f32:0, {1.250000e-01,6.250000e-02}>

// An input zero point travels as an operand of the quantized named op and
// the init is the model's bias (10, -20); mcuq-generate-kernels folds the
// zero point's share -zp * sum(w) where it needs it. The per-channel multipliers
// become two tables indexed by the channel, the shifts (all to the right) as
// right-shift amounts with their rounding nudges 2^(shift - 1) (the
// accumulator is provably below 2^30, so the short rounding applies); RELU is
// the clamp at zp_out = 3.
// CHECK-LABEL: func.func @conv2d_zero_point_operand
// CHECK-SAME:    (%[[X:.*]]: tensor<1x4x4x2xi8> {mcuq.scale = 5.000000e-01 : f64, mcuq.zero_point = -1 : i64})
// CHECK-SAME:    -> (tensor<1x2x2x2xi8> {mcuq.scale = 1.000000e+00 : f64, mcuq.zero_point = 3 : i64})
// CHECK-DAG:   %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1, 2], [3, 4]], {{.*}}> : tensor<2x2x2x2xi8>
// CHECK-DAG:   %[[BIAS:.*]] = arith.constant dense<[10, -20]> : tensor<2xi32>
// CHECK:       %[[INIT:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<2xi32>) outs(%{{.*}} : tensor<1x2x2x2xi32>)
// CHECK:       %[[ACC:.*]] = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME:    ins(%[[X]], %[[W]], %c-1_i32, %c0_i32 : tensor<1x4x4x2xi8>, tensor<2x2x2x2xi8>, i32, i32) outs(%[[INIT]] : tensor<1x2x2x2xi32>)
// CHECK-DAG:   %[[M:.*]] = arith.constant dense<1073741824> : tensor<2xi32>
// CHECK-DAG:   %[[S:.*]] = arith.constant dense<[1, 2]> : tensor<2xi8>
// CHECK:       linalg.generic {{.*}} ins(%[[ACC]], %[[M]], %[[S]] : tensor<1x2x2x2xi32>, tensor<2xi32>, tensor<2xi8>) outs(%{{.*}} : tensor<1x2x2x2xi8>)
// CHECK:         ^bb0(%{{.*}}: i32, %{{.*}}: i32, %[[SM1:.*]]: i8, %{{.*}}: i8):
// CHECK:         %[[E:.*]] = arith.extsi %[[SM1]] : i8 to i32
// CHECK:         arith.muli %{{.*}}, %{{.*}} : i64
// CHECK:         %[[SIGN:.*]] = arith.shrui %[[H:.*]], %c31_i32 : i32
// CHECK:         %[[Y:.*]] = arith.subi %[[H]], %[[SIGN]] : i32
// CHECK:         %[[HALF:.*]] = arith.shrsi %[[Y]], %[[E]] : i32
// CHECK:         %[[UP:.*]] = arith.addi %[[HALF]], %c1_i32 : i32
// CHECK:         arith.shrsi %[[UP]], %c1_i32{{.*}} : i32
// CHECK:         %[[MAX:.*]] = arith.maxsi %{{.*}}, %c3_i32{{.*}} : i32
// CHECK:         %[[MIN:.*]] = arith.minsi %[[MAX]], %c127_i32 : i32
// CHECK:         %[[OUT:.*]] = arith.trunci %[[MIN]] : i32 to i8
// CHECK:         linalg.yield %[[OUT]] : i8
func.func @conv2d_zero_point_operand(%x: tensor<1x4x4x2x!qi>) -> tensor<1x2x2x2x!qo> {
  %w = mcuq.const dense<[[[[1, 2], [3, 4]], [[5, 6], [7, 8]]], [[[-1, 0], [0, 0]], [[0, 0], [0, 2]]]]>
      : tensor<2x2x2x2xi8> -> tensor<2x2x2x2x!qw>
  %b = mcuq.const dense<[10, -20]> : tensor<2xi32> -> tensor<2x!qb>
  %0 = mcuq.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = #mcuq.padding<same>,
                               fused_activation = #mcuq.activation<relu>}
      : (tensor<1x4x4x2x!qi>, tensor<2x2x2x2x!qw>, tensor<2x!qb>) -> tensor<1x2x2x2x!qo>
  return %0 : tensor<1x2x2x2x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qt = !quant.uniform<i8:f32, 2.500000e-01>

// SAME padding is filled with the input zero point, so padded taps add
// (zp - zp) * w = 0 like the taps TFLite skips; the zero point is the
// operand of the quantized convolution, whose accumulator starts at 0 without
// a bias. One multiplier (0.125: 2^30 and a right shift by 2) for the per-tensor filter.
// CHECK-LABEL: func.func @conv2d_same_padding
// CHECK:       %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK:         tensor.yield %c-1_i8 : i8
// CHECK:       } : tensor<1x3x3x1xi8> to tensor<1x5x5x1xi8>
// CHECK:       linalg.conv_2d_nhwc_fhwc_q {{.*}} ins(%[[PADDED]], %{{.*}}, %c-1_i32, %c0_i32 : tensor<1x5x5x1xi8>, tensor<1x3x3x1xi8>, i32, i32)
// CHECK:       linalg.generic
// CHECK:         arith.constant 1073741824 : i32
// CHECK:         arith.shrsi %{{.*}}, %c2_i32 : i32
func.func @conv2d_same_padding(%x: tensor<1x3x3x1x!qi>) -> tensor<1x3x3x1x!qo> {
  %w = mcuq.const dense<[[[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]]]>
      : tensor<1x3x3x1xi8> -> tensor<1x3x3x1x!qt>
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<same>}
      : (tensor<1x3x3x1x!qi>, tensor<1x3x3x1x!qt>) -> tensor<1x3x3x1x!qo>
  return %0 : tensor<1x3x3x1x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qt = !quant.uniform<i8:f32, 2.500000e-01>

// Weights only known at run time: nothing to fold, the quantized linalg
// convolution subtracts the input zero point per tap.
// CHECK-LABEL: func.func @conv2d_runtime_filter
// CHECK-SAME:    (%[[X:.*]]: tensor<1x3x3x1xi8> {{.*}}, %[[W:.*]]: tensor<1x3x3x1xi8>
// CHECK-DAG:   %[[ZP:.*]] = arith.constant -1 : i32
// CHECK-DAG:   %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK:       linalg.conv_2d_nhwc_fhwc_q {{.*}} ins(%[[X]], %[[W]], %[[ZP]], %[[ZERO]] : tensor<1x3x3x1xi8>, tensor<1x3x3x1xi8>, i32, i32)
func.func @conv2d_runtime_filter(%x: tensor<1x3x3x1x!qi>, %w: tensor<1x3x3x1x!qt>)
    -> tensor<1x1x1x1x!qo> {
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>}
      : (tensor<1x3x3x1x!qi>, tensor<1x3x3x1x!qt>) -> tensor<1x1x1x1x!qo>
  return %0 : tensor<1x1x1x1x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>

// Two groups of two input channels: output channel c reads input channels
// 2c and 2c + 1 (a generic with the group offset in the input map).
// CHECK:       #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 + d4, d2 + d5, d3 * 2 + d6)>
// CHECK:       #[[FILTER:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3, d4, d5, d6)>
// CHECK-LABEL: func.func @conv2d_grouped
// CHECK:       arith.constant dense<2> : tensor<2xi32>
// CHECK:       linalg.generic {indexing_maps = [#[[IN]], #[[FILTER]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK:         arith.extsi %{{.*}} : i8 to i32
// CHECK:         arith.muli
// CHECK:         arith.addi
func.func @conv2d_grouped(%x: tensor<1x3x3x4x!qi>) -> tensor<1x3x3x2x!qo> {
  %w = mcuq.const dense<1> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!qw>
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>}
      : (tensor<1x3x3x4x!qi>, tensor<2x1x1x2x!qw>) -> tensor<1x3x3x2x!qo>
  return %0 : tensor<1x3x3x2x!qo>
}
