// RUN: mcuq-opt %s -mcuq-propagate-quantization -split-input-file | FileCheck %s

!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
!qb = !quant.uniform<i32:f32:0, {1.250000e-01,6.250000e-02}>

// Per-channel multipliers (0.125 and 0.0625: right shifts) and RELU6 as the
// clamp [zp, zp + 6 / scale].
// CHECK-LABEL: func.func @conv_per_channel
// CHECK: %[[ACC:.*]] = mcuq.conv2d %{{.*}}, %{{.*}}, %{{.*}} {padding = #mcuq.padding<same>}
// CHECK-SAME: -> tensor<1x4x4x2x!quant.uniform<i32:f32:3, {1.250000e-01,6.250000e-02}>>
// CHECK: mcuq.requantize %[[ACC]] {axis = 3 : i64, max = 9 : i32, min = 3 : i32, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: -2, -3>}
func.func @conv_per_channel(%x: tensor<1x4x4x3x!qi>, %w: tensor<2x3x3x3x!qw>, %b: tensor<2x!qb>) -> tensor<1x4x4x2x!qo> {
  %0 = mcuq.conv2d %x, %w, %b {padding = #mcuq.padding<same>, fused_activation = #mcuq.activation<relu6>}
      : (tensor<1x4x4x3x!qi>, tensor<2x3x3x3x!qw>, tensor<2x!qb>) -> tensor<1x4x4x2x!qo>
  return %0 : tensor<1x4x4x2x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e-02:3>
!qw = !quant.uniform<i8:f32:3, {2.500000e-01,1.000000e-12}>

// A multiplier above one gives a left shift; a channel below 2^-32 is flushed
// to zero like TFLite does.
// CHECK-LABEL: func.func @depthwise_left_shift_and_flush
// CHECK: mcuq.requantize %{{.*}} {axis = 3 : i64, multiplier = array<i32: 1677721600, 0>, shift = array<i32: 4, 0>}
func.func @depthwise_left_shift_and_flush(%x: tensor<1x4x4x2x!qi>, %w: tensor<1x3x3x2x!qw>) -> tensor<1x2x2x2x!qo> {
  %0 = mcuq.depthwise_conv2d %x, %w {padding = #mcuq.padding<valid>}
      : (tensor<1x4x4x2x!qi>, tensor<1x3x3x2x!qw>) -> tensor<1x2x2x2x!qo>
  return %0 : tensor<1x2x2x2x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 3.000000e-01:5>
!qo = !quant.uniform<i8:f32, 1.100000e-01:-7>
!qw = !quant.uniform<i8:f32, 7.000000e-02>

// Per-tensor fully connected: TFLite multiplies the scales in float, which
// gives 1639896727 here (double would give 1639896604); one multiplier.
// CHECK-LABEL: func.func @fc_float_product
// CHECK: %[[ACC:.*]] = mcuq.fully_connected {{.*}} -> tensor<1x4x!quant.uniform<i32:f32, 0.021000001{{[0-9]*}}>>
// CHECK: mcuq.requantize %[[ACC]] {min = -7 : i32, multiplier = array<i32: 1639896727>, shift = array<i32: -2>}
func.func @fc_float_product(%x: tensor<1x8x!qi>, %w: tensor<4x8x!qw>) -> tensor<1x4x!qo> {
  %0 = mcuq.fully_connected %x, %w {fused_activation = #mcuq.activation<relu>}
      : (tensor<1x8x!qi>, tensor<4x8x!qw>) -> tensor<1x4x!qo>
  return %0 : tensor<1x4x!qo>
}

// -----
!qi = !quant.uniform<i16:f32, 1.000000e-03>
!qo = !quant.uniform<i16:f32, 4.000000e-03>
!qw = !quant.uniform<i8:f32:3, {2.000000e-02,2.000000e-02}>

// 16x8 depthwise accumulates in i64 and rescales with the 16-bit multiplier;
// equal channels share one multiplier.
// CHECK-LABEL: func.func @depthwise_int16
// CHECK: %[[ACC:.*]] = mcuq.depthwise_conv2d {{.*}} -> tensor<1x2x2x2xi64>
// CHECK: mcuq.requantize %[[ACC]] {multiplier = array<i32: 1374389535>, rounding = #mcuq.rounding<reduced16>, shift = array<i32: -7>}
func.func @depthwise_int16(%x: tensor<1x4x4x2x!qi>, %w: tensor<1x3x3x2x!qw>) -> tensor<1x2x2x2x!qo> {
  %0 = mcuq.depthwise_conv2d %x, %w {padding = #mcuq.padding<valid>}
      : (tensor<1x4x4x2x!qi>, tensor<1x3x3x2x!qw>) -> tensor<1x2x2x2x!qo>
  return %0 : tensor<1x2x2x2x!qo>
}

// -----
!qa = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qb = !quant.uniform<i8:f32, 2.500000e-01:4>
!qo = !quant.uniform<i8:f32, 7.500000e-01:2>

// ADD: both inputs to the common scale 2 * max(sa, sb) / 2^20 with a left
// shift of 20, an exact i32 sum, then the output rescale with the clamp.
// CHECK-LABEL: func.func @add
// CHECK-SAME: (%[[A:.*]]: tensor<1x4x!quant{{.*}}, %[[B:.*]]: tensor<4x!quant
// CHECK: %[[RA:.*]] = mcuq.requantize %[[A]] {multiplier = array<i32: 1073741824>, pre_shift = 20 : i32, shift = array<i32: 0>} : {{.*}} -> tensor<1x4x!quant.uniform<i32:f32, 9.5367431640625E-7>>
// CHECK: %[[RB:.*]] = mcuq.requantize %[[B]] {multiplier = array<i32: 1073741824>, pre_shift = 20 : i32, shift = array<i32: -1>} : {{.*}} -> tensor<4x!quant.uniform<i32:f32, 9.5367431640625E-7>>
// CHECK: %[[S:.*]] = mcuq.add %[[RA]], %[[RB]] : {{.*}} -> tensor<1x4x!quant.uniform<i32:f32, 9.5367431640625E-7>>
// CHECK: mcuq.requantize %[[S]] {min = 2 : i32, multiplier = array<i32: 1431655765>, shift = array<i32: -19>}
func.func @add(%a: tensor<1x4x!qa>, %b: tensor<4x!qb>) -> tensor<1x4x!qo> {
  %0 = mcuq.add %a, %b {fused_activation = #mcuq.activation<relu>} : (tensor<1x4x!qa>, tensor<4x!qb>) -> tensor<1x4x!qo>
  return %0 : tensor<1x4x!qo>
}

// CHECK-LABEL: func.func @mul
// CHECK: %[[P:.*]] = mcuq.mul %{{.*}}, %{{.*}} : {{.*}} -> tensor<1x4x!quant.uniform<i32:f32, 1.250000e-01>>
// CHECK: mcuq.requantize %[[P]] {multiplier = array<i32: 1431655765>, shift = array<i32: -2>}
func.func @mul(%a: tensor<1x4x!qa>, %b: tensor<4x!qb>) -> tensor<1x4x!qo> {
  %0 = mcuq.mul %a, %b : (tensor<1x4x!qa>, tensor<4x!qb>) -> tensor<1x4x!qo>
  return %0 : tensor<1x4x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 2.500000e-01:-20>

// RELU rescales and clamps at the output zero point; RELU6 on one
// quantization is a raw clamp to [zp, zp + round(6 / s)].
// CHECK-LABEL: func.func @relus
// CHECK: mcuq.requantize %{{.*}} {min = -20 : i32, multiplier = array<i32: 1073741824>, shift = array<i32: 2>}
// CHECK: mcuq.requantize %{{.*}} {max = 11 : i32, min = -1 : i32, multiplier = array<i32: 1073741824>, shift = array<i32: 1>}
func.func @relus(%x: tensor<8x!qi>) -> (tensor<8x!qo>, tensor<8x!qi>) {
  %0 = mcuq.relu %x {kind = #mcuq.activation<relu>} : (tensor<8x!qi>) -> tensor<8x!qo>
  %1 = mcuq.relu %x {kind = #mcuq.activation<relu6>} : (tensor<8x!qi>) -> tensor<8x!qi>
  return %0, %1 : tensor<8x!qo>, tensor<8x!qi>
}

// A bounded ReLU into another quantization stays (lowered as a raw clamp).
// CHECK-LABEL: func.func @relu6_retype
// CHECK: mcuq.relu
func.func @relu6_retype(%x: tensor<8x!qi>) -> tensor<8x!qo> {
  %0 = mcuq.relu %x {kind = #mcuq.activation<relu6>} : (tensor<8x!qi>) -> tensor<8x!qo>
  return %0 : tensor<8x!qo>
}

// -----
!q16 = !quant.uniform<i16:f32, 1.000000e-03>
!q8 = !quant.uniform<i8:f32, 5.000000e-02:3>

// Integer QUANTIZE is a requantize; float QUANTIZE stays.
// CHECK-LABEL: func.func @quantize
// CHECK: mcuq.requantize %{{.*}} {multiplier = array<i32: 1374389535>, shift = array<i32: -5>}
// CHECK: mcuq.quantize %{{.*}} : (tensor<4xf32>)
func.func @quantize(%x: tensor<4x!q16>, %f: tensor<4xf32>) -> (tensor<4x!q8>, tensor<4x!q8>) {
  %0 = mcuq.quantize %x : (tensor<4x!q16>) -> tensor<4x!q8>
  %1 = mcuq.quantize %f : (tensor<4xf32>) -> tensor<4x!q8>
  return %0, %1 : tensor<4x!q8>, tensor<4x!q8>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>

// A standalone RELU6 after a reshape of a convolution merges into the
// convolution's requantize: the clamp moves above the reshape.
// CHECK-LABEL: func.func @clamp_through_reshape
// CHECK: %[[ACC:.*]] = mcuq.conv2d
// CHECK-NEXT: %[[R:.*]] = mcuq.requantize %[[ACC]] {max = 9 : i32, min = 3 : i32
// CHECK-NEXT: %[[S:.*]] = mcuq.reshape %[[R]]
// CHECK-NEXT: return %[[S]]
func.func @clamp_through_reshape(%x: tensor<1x4x4x3x!qi>, %w: tensor<2x1x1x3x!qw>) -> tensor<1x32x!qo> {
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x4x4x3x!qi>, tensor<2x1x1x3x!qw>) -> tensor<1x4x4x2x!qo>
  %1 = mcuq.reshape %0 : (tensor<1x4x4x2x!qo>) -> tensor<1x32x!qo>
  %2 = mcuq.relu %1 {kind = #mcuq.activation<relu6>} : (tensor<1x32x!qo>) -> tensor<1x32x!qo>
  return %2 : tensor<1x32x!qo>
}

// The same through a max pool, and a pad whose fill gets clamped too.
// CHECK-LABEL: func.func @clamp_through_pool_and_pad
// CHECK: mcuq.requantize %{{.*}} {max = 9 : i32, min = 3 : i32
// CHECK-NEXT: mcuq.max_pool2d
// CHECK-NEXT: mcuq.pad %{{.*}} {pad_value = 3 : i32
// CHECK-NEXT: return
func.func @clamp_through_pool_and_pad(%x: tensor<1x4x4x3x!qi>, %w: tensor<2x1x1x3x!qw>) -> tensor<1x4x4x2x!qo> {
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x4x4x3x!qi>, tensor<2x1x1x3x!qw>) -> tensor<1x4x4x2x!qo>
  %1 = mcuq.max_pool2d %0 {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = #mcuq.padding<valid>} : (tensor<1x4x4x2x!qo>) -> tensor<1x2x2x2x!qo>
  %2 = mcuq.pad %1 {paddings = array<i64: 0, 0, 1, 1, 1, 1, 0, 0>} : (tensor<1x2x2x2x!qo>) -> tensor<1x4x4x2x!qo>
  %3 = mcuq.relu %2 {kind = #mcuq.activation<relu6>} : (tensor<1x4x4x2x!qo>) -> tensor<1x4x4x2x!qo>
  return %3 : tensor<1x4x4x2x!qo>
}

// Dequantize then quantize to the same type cancels.
// CHECK-LABEL: func.func @cancel
// CHECK-SAME: (%[[X:.*]]: tensor
// CHECK-NEXT: return %[[X]]
func.func @cancel(%x: tensor<4x!qi>) -> tensor<4x!qi> {
  %0 = mcuq.dequantize %x : (tensor<4x!qi>) -> tensor<4xf32>
  %1 = mcuq.quantize %0 : (tensor<4xf32>) -> tensor<4x!qi>
  return %1 : tensor<4x!qi>
}
