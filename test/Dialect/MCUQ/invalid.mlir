// RUN: mcuq-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the mcuq verifiers, one case each.

!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
!qb = !quant.uniform<i32:f32:0, {1.250000e-01,6.250000e-02}>
func.func @conv_input_rank(%x: tensor<5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'input' must have rank 4, got 3}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_groups(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x2x!qw>) {
  // expected-error @+1 {{'input' channels (3) must be a multiple of 'filter' channels (2)}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x2x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_no_input_channels(%x: tensor<1x5x5x0x!qi>, %w: tensor<2x3x3x1x!qw>) {
  // expected-error @+1 {{'input' channels (0) must be a multiple of 'filter' channels (1)}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x0x!qi>, tensor<2x3x3x1x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @conv_group_outputs(%x: tensor<1x5x5x4x!qi>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'filter' output channels (3) must be a multiple of the group count (2)}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x4x!qi>, tensor<3x3x3x2x!qw>) -> tensor<1x3x3x3x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_stride_size(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'stride' must have 2 entries, got 1}}
  %0 = mcuq.conv2d %x, %w {stride = array<i64: 1>, padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_dilation_size(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'dilation' must have 2 entries, got 3}}
  %0 = mcuq.conv2d %x, %w {dilation = array<i64: 1, 1, 1>, padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_stride_positive(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'stride' entries must be positive, got 0}}
  %0 = mcuq.conv2d %x, %w {stride = array<i64: 0, 1>, padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_dilation_positive(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'dilation' entries must be positive, got -1}}
  %0 = mcuq.conv2d %x, %w {dilation = array<i64: -1, 1>, padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_explicit_without_pad(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{explicit padding needs 'pad' with 4 entries [top, bottom, left, right]}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<explicit>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_negative_pad(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'pad' entries must be non-negative, got -1}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<explicit>, pad = array<i64: -1, 0, 0, 0>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_pad_without_explicit(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'pad' is only allowed with explicit padding}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>, pad = array<i64: 0, 0, 0, 0>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_window_too_big(%x: tensor<1x2x2x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{window 3x3 does not fit the padded input 2x2}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x2x2x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x1x1x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_output_shape(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'output' shape [1, 5, 5, 2] does not match the inferred shape [1, 3, 3, 2]}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x5x5x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32:3, {5.000000e-01,5.000000e-01,5.000000e-01}>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_input_per_axis(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'input' must be quantized per tensor}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i32:f32, 5.000000e-01>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_input_storage(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'input' must have i8 or i16 storage, got i32}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i16:f32:0, {2.500000e-01,1.250000e-01}>
func.func @conv_filter_storage(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'filter' must have i8 or i4 storage, got i16}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:3, {2.500000e-01,1.250000e-01,1.0}>
func.func @conv_filter_axis(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'filter' must be quantized along dimension 0 (output channels), got dimension 3}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01,1.0}>
func.func @conv_filter_scale_count(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'filter' has 3 per-channel scales for 2 output channels}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01:0,1.250000e-01:4}>
func.func @conv_filter_asymmetric(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'filter' must be symmetric (zero point 0), got 4 at channel 1}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
!qb = !quant.uniform<i32:f32:0, {1.250000e-01,6.250000e-02,1.0}>
func.func @conv_bias_shape(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>, %b: tensor<3x!qb>) {
  // expected-error @+1 {{'bias' must have shape [2]}}
  %0 = mcuq.conv2d %x, %w, %b {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>, tensor<3x!qb>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
!qb = !quant.uniform<i16:f32:0, {1.250000e-01,6.250000e-02}>
func.func @conv_bias_storage(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>, %b: tensor<2x!qb>) {
  // expected-error @+1 {{'bias' must have i32 storage for i8 input, got i16}}
  %0 = mcuq.conv2d %x, %w, %b {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>, tensor<2x!qb>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
!qb = !quant.uniform<i32:f32:0, {1.250000e-01,1.250000e-01}>
func.func @conv_bias_scale(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>, %b: tensor<2x!qb>) {
  // expected-error @+1 {{'bias' scale 1.250000e-01 at channel 1 must equal input scale x filter scale = 6.250000e-02}}
  %0 = mcuq.conv2d %x, %w, %b {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>, tensor<2x!qb>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
!qb = !quant.uniform<i32:f32, 1.250000e-01>
func.func @conv_bias_scale_count(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>, %b: tensor<2x!qb>) {
  // expected-error @+1 {{'bias' scale 1.250000e-01 at channel 1 must equal input scale x filter scale = 6.250000e-02}}
  %0 = mcuq.conv2d %x, %w, %b {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>, tensor<2x!qb>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
!qb = !quant.uniform<i32:f32:0, {1.250000e-01,1.250000e-01,1.250000e-01}>
func.func @conv_scale_count(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'output' has 3 scales for 2 channels}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qb>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
!qb = !quant.uniform<i32:f32, 1.250000e-01:2>
func.func @conv_acc_zero_point(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'output' must have zero point 0, got 2}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qb>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
!qb = !quant.uniform<i32:f32, 1.250000e-01>
func.func @conv_acc_activation(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{accumulator result cannot have a fused activation; clamp in mcuq.requantize}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>, fused_activation = #mcuq.activation<relu>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qb>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32:3, {1.0, 1.0}>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @conv_output_per_axis(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'output' must be quantized per tensor}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i16:f32, 1.0>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @conv_output_storage(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'output' storage i16 must match 'input' storage i8}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @conv_tanh_activation(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{fused activation 'tanh' is not supported}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>, fused_activation = #mcuq.activation<tanh>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @depthwise_filter_shape(%x: tensor<1x5x5x3x!qi>, %w: tensor<2x3x3x3x!qw>) {
  // expected-error @+1 {{'filter' must have shape [1, KH, KW, C * M]}}
  %0 = mcuq.depthwise_conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x3x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @depthwise_multiplier(%x: tensor<1x5x5x3x!qi>, %w: tensor<1x3x3x3x!qw>) {
  // expected-error @+1 {{'depth_multiplier' must be positive, got 0}}
  %0 = mcuq.depthwise_conv2d %x, %w {depth_multiplier = 0 : i64, padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<1x3x3x3x!qw>) -> tensor<1x3x3x3x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @depthwise_channels(%x: tensor<1x5x5x3x!qi>, %w: tensor<1x3x3x4x!qw>) {
  // expected-error @+1 {{'filter' channels (4) must equal input channels (3) x depth_multiplier (1)}}
  %0 = mcuq.depthwise_conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x3x!qi>, tensor<1x3x3x4x!qw>) -> tensor<1x3x3x4x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @fc_input_elements(%x: tensor<1x7x!qi>, %w: tensor<5x4x!qw>) {
  // expected-error @+1 {{'input' has 7 elements, not a multiple of the filter depth 4}}
  %0 = mcuq.fully_connected %x, %w : (tensor<1x7x!qi>, tensor<5x4x!qw>) -> tensor<1x5x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @fc_keep_num_dims(%x: tensor<2x4x!qi>, %w: tensor<5x8x!qw>) {
  // expected-error @+1 {{with keep_num_dims the last 'input' dimension (4) must equal the filter depth (8)}}
  %0 = mcuq.fully_connected %x, %w {keep_num_dims = true} : (tensor<2x4x!qi>, tensor<5x8x!qw>) -> tensor<1x5x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @fc_scalar_input(%x: tensor<!qi>, %w: tensor<5x1x!qw>) {
  // expected-error @+1 {{'input' must have rank >= 1}}
  %0 = mcuq.fully_connected %x, %w {keep_num_dims = true} : (tensor<!qi>, tensor<5x1x!qw>) -> tensor<5x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @fc_filter_rank(%x: tensor<2x4x!qi>, %w: tensor<5x4x1x!qw>) {
  // expected-error @+1 {{'filter' must have rank 2, got 3}}
  %0 = mcuq.fully_connected %x, %w : (tensor<2x4x!qi>, tensor<5x4x1x!qw>) -> tensor<2x5x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @fc_output_shape(%x: tensor<2x4x!qi>, %w: tensor<5x4x!qw>) {
  // expected-error @+1 {{'output' shape [1, 5] does not match the inferred shape [2, 5]}}
  %0 = mcuq.fully_connected %x, %w : (tensor<2x4x!qi>, tensor<5x4x!qw>) -> tensor<1x5x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @add_broadcast(%a: tensor<2x3x!qi>, %b: tensor<4x!qi>) {
  // expected-error @+1 {{operand shapes 'tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01:-1>>' and 'tensor<4x!quant.uniform<i8:f32, 5.000000e-01:-1>>' are not broadcast-compatible}}
  %0 = mcuq.add %a, %b : (tensor<2x3x!qi>, tensor<4x!qi>) -> tensor<2x3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qa = !quant.uniform<i8:f32:1, {5.000000e-01, 1.0, 1.0}>
func.func @add_per_axis(%a: tensor<2x3x!qa>, %b: tensor<2x3x!qi>) {
  // expected-error @+1 {{'lhs' must be quantized per tensor}}
  %0 = mcuq.add %a, %b : (tensor<2x3x!qa>, tensor<2x3x!qi>) -> tensor<2x3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!q32 = !quant.uniform<i32:f32, 5.000000e-01:1>
func.func @add_acc_zero_point(%a: tensor<3x!q32>) {
  // expected-error @+1 {{i32 operands must have zero point 0}}
  %0 = mcuq.add %a, %a : (tensor<3x!q32>, tensor<3x!q32>) -> tensor<3x!q32>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 5.000000e-01>
!q32b = !quant.uniform<i32:f32, 2.500000e-01>
func.func @add_acc_scale(%a: tensor<3x!q32>, %b: tensor<3x!q32b>) {
  // expected-error @+1 {{i32 operands and result must share one scale}}
  %0 = mcuq.add %a, %b : (tensor<3x!q32>, tensor<3x!q32b>) -> tensor<3x!q32>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 5.000000e-01>
func.func @add_acc_activation(%a: tensor<3x!q32>) {
  // expected-error @+1 {{i32 addition cannot have a fused activation}}
  %0 = mcuq.add %a, %a {fused_activation = #mcuq.activation<relu>} : (tensor<3x!q32>, tensor<3x!q32>) -> tensor<3x!q32>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 5.000000e-01>
func.func @mul_output_storage(%a: tensor<3x!q32>) {
  // expected-error @+1 {{'output' must have i8 or i16 storage, got i4}}
  %0 = mcuq.mul %a, %a : (tensor<3x!q32>, tensor<3x!q32>) -> tensor<3x!quant.uniform<i4:f32, 1.0>>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!q16 = !quant.uniform<i16:f32, 5.000000e-01>
func.func @mul_lhs_storage(%a: tensor<3x!q16>, %b: tensor<3x!qi>) {
  // expected-error @+1 {{'lhs' storage i16 must match 'output' storage i8}}
  %0 = mcuq.mul %a, %b : (tensor<3x!q16>, tensor<3x!qi>) -> tensor<3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!q16 = !quant.uniform<i16:f32, 5.000000e-01>
func.func @mul_rhs_storage(%a: tensor<3x!qi>, %b: tensor<3x!q16>) {
  // expected-error @+1 {{'rhs' storage i16 must match 'output' storage i8}}
  %0 = mcuq.mul %a, %b : (tensor<3x!qi>, tensor<3x!q16>) -> tensor<3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @mul_activation(%a: tensor<3x!qi>) {
  // expected-error @+1 {{fused activation 'sign_bit' is not supported}}
  %0 = mcuq.mul %a, %a {fused_activation = #mcuq.activation<sign_bit>} : (tensor<3x!qi>, tensor<3x!qi>) -> tensor<3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @maximum_lhs(%a: tensor<3x!qo>, %b: tensor<3x!qi>) {
  // expected-error @+1 {{'lhs' quantization must match the output's}}
  %0 = mcuq.maximum %a, %b : (tensor<3x!qo>, tensor<3x!qi>) -> tensor<3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @minimum_rhs(%a: tensor<3x!qi>, %b: tensor<3x!qo>) {
  // expected-error @+1 {{'rhs' quantization must match the output's}}
  %0 = mcuq.minimum %a, %b : (tensor<3x!qi>, tensor<3x!qo>) -> tensor<3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pool_kernel_size(%x: tensor<1x4x4x2x!qi>) {
  // expected-error @+1 {{'kernel' must have 2 entries, got 1}}
  %0 = mcuq.avg_pool2d %x {kernel = array<i64: 2>, padding = #mcuq.padding<valid>} : (tensor<1x4x4x2x!qi>) -> tensor<1x3x3x2x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pool_kernel_positive(%x: tensor<1x4x4x2x!qi>) {
  // expected-error @+1 {{window must be at least 1x1, got 0x2}}
  %0 = mcuq.max_pool2d %x {kernel = array<i64: 0, 2>, padding = #mcuq.padding<valid>} : (tensor<1x4x4x2x!qi>) -> tensor<1x3x3x2x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pool_rank(%x: tensor<4x4x2x!qi>) {
  // expected-error @+1 {{'input' must have rank 4, got 3}}
  %0 = mcuq.max_pool2d %x {kernel = array<i64: 2, 2>, padding = #mcuq.padding<valid>} : (tensor<4x4x2x!qi>) -> tensor<1x3x3x2x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pool_window(%x: tensor<1x4x4x2x!qi>) {
  // expected-error @+1 {{window 5x5 does not fit the padded input 4x4}}
  %0 = mcuq.avg_pool2d %x {kernel = array<i64: 5, 5>, padding = #mcuq.padding<valid>} : (tensor<1x4x4x2x!qi>) -> tensor<1x1x1x2x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pool_shape(%x: tensor<1x4x4x2x!qi>) {
  // expected-error @+1 {{'output' shape [1, 2, 2, 2] does not match the inferred shape [1, 3, 3, 2]}}
  %0 = mcuq.avg_pool2d %x {kernel = array<i64: 2, 2>, padding = #mcuq.padding<valid>} : (tensor<1x4x4x2x!qi>) -> tensor<1x2x2x2x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @pool_quant(%x: tensor<1x4x4x2x!qi>) {
  // expected-error @+1 {{'input' and 'output' must share one quantization}}
  %0 = mcuq.max_pool2d %x {kernel = array<i64: 2, 2>, padding = #mcuq.padding<valid>} : (tensor<1x4x4x2x!qi>) -> tensor<1x3x3x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pool_activation(%x: tensor<1x4x4x2x!qi>) {
  // expected-error @+1 {{fused activation 'tanh' is not supported}}
  %0 = mcuq.max_pool2d %x {kernel = array<i64: 2, 2>, padding = #mcuq.padding<valid>, fused_activation = #mcuq.activation<tanh>} : (tensor<1x4x4x2x!qi>) -> tensor<1x3x3x2x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @mean_axis_range(%x: tensor<1x4x4x2x!qi>) {
  // expected-error @+1 {{axis 4 is out of range for rank 4}}
  %0 = mcuq.mean %x {axes = array<i64: 4>} : (tensor<1x4x4x2x!qi>) -> tensor<1x4x4x2x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @mean_axis_repeated(%x: tensor<1x4x4x2x!qi>) {
  // expected-error @+1 {{axis 1 is repeated}}
  %0 = mcuq.mean %x {axes = array<i64: 1, 1>} : (tensor<1x4x4x2x!qi>) -> tensor<1x4x2x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @mean_empty_axis(%x: tensor<1x0x4x2x!qi>) {
  // expected-error @+1 {{axis 1 has size 0: nothing to average}}
  %0 = mcuq.mean %x {axes = array<i64: 1>} : (tensor<1x0x4x2x!qi>) -> tensor<1x4x2x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 1.000000e+10:-1>
!qo = !quant.uniform<i8:f32, 1.000000e-03:0>
func.func @mean_scale_ratio(%x: tensor<1x4x4x2x!qi>) {
  // expected-error @+1 {{input/output scale ratio 1.000000e+13 needs a left shift of 40 bits (at most 31)}}
  %0 = mcuq.mean %x {axes = array<i64: 1, 2>} : (tensor<1x4x4x2x!qi>) -> tensor<1x2x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @mean_shape(%x: tensor<1x4x4x2x!qi>) {
  // expected-error @+1 {{'output' shape [1, 1, 1, 2] does not match the inferred shape [1, 2]}}
  %0 = mcuq.mean %x {axes = array<i64: 1, 2>} : (tensor<1x4x4x2x!qi>) -> tensor<1x1x1x2x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!q16 = !quant.uniform<i16:f32, 5.000000e-01>
func.func @mean_storage(%x: tensor<1x4x4x2x!qi>) {
  // expected-error @+1 {{'input' and 'output' storage widths must match}}
  %0 = mcuq.mean %x {axes = array<i64: 1, 2>} : (tensor<1x4x4x2x!qi>) -> tensor<1x2x!q16>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qsm = !quant.uniform<i8:f32, 3.906250e-03:-128>
func.func @softmax_beta(%x: tensor<1x4x!qi>) {
  // expected-error @+1 {{'beta' must be positive}}
  %0 = mcuq.softmax %x {beta = 0.0 : f32} : (tensor<1x4x!qi>) -> tensor<1x4x!qsm>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qsm = !quant.uniform<i8:f32, 3.906250e-03:-128>
func.func @softmax_rank(%x: tensor<!qi>) {
  // expected-error @+1 {{'input' must have rank >= 1}}
  %0 = mcuq.softmax %x : (tensor<!qi>) -> tensor<!qsm>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qsm = !quant.uniform<i8:f32, 3.906250e-03:-128>
func.func @softmax_empty_row(%x: tensor<2x0x!qi>) {
  // expected-error @+1 {{'input' last dimension has size 0}}
  %0 = mcuq.softmax %x : (tensor<2x0x!qi>) -> tensor<2x0x!qsm>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @softmax_output(%x: tensor<1x4x!qi>) {
  // expected-error @+1 {{'output' must have scale 3.906250e-03 and zero point -128, got 5.000000e-01 and -1}}
  %0 = mcuq.softmax %x : (tensor<1x4x!qi>) -> tensor<1x4x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!q16 = !quant.uniform<i16:f32, 3.0517578125E-5>
func.func @logistic_storage(%x: tensor<4x!qi>) {
  // expected-error @+1 {{'input' and 'output' storage widths must match}}
  %0 = mcuq.logistic %x : (tensor<4x!qi>) -> tensor<4x!q16>
  return
}

// -----
!qi = !quant.uniform<i32:f32, 5.000000e-01>
func.func @tanh_storage(%x: tensor<4x!qi>) {
  // expected-error @+1 {{'output' must have i8 or i16 storage}}
  %0 = mcuq.tanh %x : (tensor<4x!qi>) -> tensor<4x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32:0, {5.000000e-01,1.0,1.0,1.0}>
!qo = !quant.uniform<i8:f32, 7.812500e-03>
func.func @tanh_per_axis(%x: tensor<4x!qi>) {
  // expected-error @+1 {{'input' must be quantized per tensor}}
  %0 = mcuq.tanh %x : (tensor<4x!qi>) -> tensor<4x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @relu_kind(%x: tensor<4x!qi>) {
  // expected-error @+1 {{'kind' must be relu, relu6, relu_n1_to_1 or relu_0_to_1, got none}}
  %0 = mcuq.relu %x {kind = #mcuq.activation<none>} : (tensor<4x!qi>) -> tensor<4x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!q16 = !quant.uniform<i16:f32, 5.000000e-01>
func.func @relu_storage(%x: tensor<4x!qi>) {
  // expected-error @+1 {{'input' and 'output' storage widths must match}}
  %0 = mcuq.relu %x {kind = #mcuq.activation<relu>} : (tensor<4x!qi>) -> tensor<4x!q16>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32:0, {1.0,1.0,1.0,1.0}>
func.func @relu_per_axis(%x: tensor<4x!qi>) {
  // expected-error @+1 {{'output' must be quantized per tensor}}
  %0 = mcuq.relu %x {kind = #mcuq.activation<relu>} : (tensor<4x!qi>) -> tensor<4x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @reshape_packing(%x: tensor<1x64x!qi>) {
  // expected-error @+1 {{cannot reshape between packed and unpacked tensors}}
  %0 = mcuq.reshape %x : (tensor<1x64x!qi>) -> !mcuq.packed<64xi1, axis = 0, word = 32>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @reshape_element(%x: tensor<2x3x!qi>) {
  // expected-error @+1 {{'input' element type '!quant.uniform<i8:f32, 5.000000e-01:-1>' must match 'output' element type '!quant.uniform<i8:f32, 1.000000e+00:3>'}}
  %0 = mcuq.reshape %x : (tensor<2x3x!qi>) -> tensor<6x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @reshape_count(%x: tensor<2x3x!qi>) {
  // expected-error @+1 {{'input' has 6 elements but 'output' has 8}}
  %0 = mcuq.reshape %x : (tensor<2x3x!qi>) -> tensor<8x!qi>
  return
}

// -----
func.func @reshape_packed_axis(%x: !mcuq.packed<2x64xi1, axis = 1, word = 32>) {
  // expected-error @+1 {{packed reshape must keep the innermost packed dimension and word}}
  %0 = mcuq.reshape %x : (!mcuq.packed<2x64xi1, axis = 1, word = 32>) -> !mcuq.packed<128xi1, axis = 0, word = 32>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pad_count(%x: tensor<2x3x!qi>) {
  // expected-error @+1 {{'paddings' must have 2 entries per dimension (4), got 2}}
  %0 = mcuq.pad %x {paddings = array<i64: 1, 1>} : (tensor<2x3x!qi>) -> tensor<4x3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pad_negative(%x: tensor<2x3x!qi>) {
  // expected-error @+1 {{'paddings' must be non-negative}}
  %0 = mcuq.pad %x {paddings = array<i64: 1, -1, 0, 0>} : (tensor<2x3x!qi>) -> tensor<2x3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pad_shape(%x: tensor<2x3x!qi>) {
  // expected-error @+1 {{'output' shape [2, 3] does not match the inferred shape [4, 3]}}
  %0 = mcuq.pad %x {paddings = array<i64: 1, 1, 0, 0>} : (tensor<2x3x!qi>) -> tensor<2x3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @pad_quant(%x: tensor<2x3x!qi>) {
  // expected-error @+1 {{'input' and 'output' must share one quantization}}
  %0 = mcuq.pad %x {paddings = array<i64: 1, 1, 0, 0>} : (tensor<2x3x!qi>) -> tensor<4x3x!qo>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pad_value(%x: tensor<2x3x!qi>) {
  // expected-error @+1 {{'pad_value' 300 is outside the storage range of the input}}
  %0 = mcuq.pad %x {paddings = array<i64: 1, 1, 0, 0>, pad_value = 300 : i32} : (tensor<2x3x!qi>) -> tensor<4x3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @concat_empty() {
  // expected-error @+1 {{needs at least one input}}
  %0 = mcuq.concatenate {axis = 0 : i64} : () -> tensor<4x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @concat_axis(%x: tensor<2x3x!qi>) {
  // expected-error @+1 {{'axis' 2 is out of range for rank 2}}
  %0 = mcuq.concatenate %x {axis = 2 : i64} : (tensor<2x3x!qi>) -> tensor<2x3x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @concat_rank(%x: tensor<2x3x!qi>, %y: tensor<6x!qi>) {
  // expected-error @+1 {{input #1 has rank 1, expected 2}}
  %0 = mcuq.concatenate %x, %y {axis = 1 : i64} : (tensor<2x3x!qi>, tensor<6x!qi>) -> tensor<2x6x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @concat_dim(%x: tensor<2x3x!qi>, %y: tensor<3x3x!qi>) {
  // expected-error @+1 {{input #1 dimension 0 is 3, expected 2}}
  %0 = mcuq.concatenate %x, %y {axis = 1 : i64} : (tensor<2x3x!qi>, tensor<3x3x!qi>) -> tensor<2x6x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!q16 = !quant.uniform<i16:f32, 5.000000e-01>
func.func @concat_storage(%x: tensor<2x3x!qi>, %y: tensor<2x3x!q16>) {
  // expected-error @+1 {{input #1 storage width must match the output's}}
  %0 = mcuq.concatenate %x, %y {axis = 1 : i64} : (tensor<2x3x!qi>, tensor<2x3x!q16>) -> tensor<2x6x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qa = !quant.uniform<i8:f32:0, {5.000000e-01,1.0}>
func.func @concat_per_axis(%x: tensor<2x3x!qi>, %y: tensor<2x3x!qa>) {
  // expected-error @+1 {{'inputs' must be quantized per tensor}}
  %0 = mcuq.concatenate %x, %y {axis = 1 : i64} : (tensor<2x3x!qi>, tensor<2x3x!qa>) -> tensor<2x6x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @concat_total(%x: tensor<2x3x!qi>) {
  // expected-error @+1 {{'output' dimension 1 is 7 but the inputs add up to 6}}
  %0 = mcuq.concatenate %x, %x {axis = 1 : i64} : (tensor<2x3x!qi>, tensor<2x3x!qi>) -> tensor<2x7x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @concat_activation(%x: tensor<2x3x!qi>) {
  // expected-error @+1 {{fused activation 'tanh' is not supported}}
  %0 = mcuq.concatenate %x, %x {axis = 1 : i64, fused_activation = #mcuq.activation<tanh>} : (tensor<2x3x!qi>, tensor<2x3x!qi>) -> tensor<2x6x!qi>
  return
}

// -----
!qa = !quant.uniform<i8:f32:0, {5.000000e-01,1.0}>
func.func @quantize_per_axis(%x: tensor<2xf32>) {
  // expected-error @+1 {{'output' must be quantized per tensor}}
  %0 = mcuq.quantize %x : (tensor<2xf32>) -> tensor<2x!qa>
  return
}

// -----
!qa = !quant.uniform<i8:f32:0, {5.000000e-01:1,1.0:2}>
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @quantize_per_axis_input(%x: tensor<2x!qa>) {
  // expected-error @+1 {{'input' must be quantized per tensor}}
  %0 = mcuq.quantize %x : (tensor<2x!qa>) -> tensor<2x!qi>
  return
}

// -----
!qa = !quant.uniform<i8:f32:1, {5.000000e-01:1,1.0:2}>
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @mean_per_axis(%x: tensor<3x2x!qa>) {
  // expected-error @+1 {{'input' must be quantized per tensor}}
  %0 = mcuq.mean %x {axes = array<i64: 0>, keep_dims = true} : (tensor<3x2x!qa>) -> tensor<1x2x!qi>
  return
}

// -----
!qa = !quant.uniform<i8:f32:1, {5.000000e-01:1,1.0:2}>
func.func @pad_per_axis_zero_point_fill(%x: tensor<3x2x!qa>) {
  // expected-error @+1 {{'input' must be quantized per tensor}}
  %0 = mcuq.pad %x {paddings = array<i64: 1, 0, 0, 0>} : (tensor<3x2x!qa>) -> tensor<4x2x!qa>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qa = !quant.uniform<i8:f32:0, {5.000000e-01,1.0}>
func.func @concat_per_axis_output(%x: tensor<1x3x!qi>) {
  // expected-error @+1 {{'output' must be quantized per tensor}}
  %0 = mcuq.concatenate %x, %x {axis = 0 : i64} : (tensor<1x3x!qi>, tensor<1x3x!qi>) -> tensor<2x3x!qa>
  return
}

// -----
!q16 = !quant.uniform<i16:f32, 2.44140625E-4:3>
!qo = !quant.uniform<i16:f32, 3.0517578125E-5>
func.func @logistic_int16_zero_point(%x: tensor<4x!q16>) {
  // expected-error @+1 {{int16 'input' must have zero point 0, got 3}}
  %0 = mcuq.logistic %x : (tensor<4x!q16>) -> tensor<4x!qo>
  return
}

// -----
!q16 = !quant.uniform<i16:f32, 2.44140625E-4:-1>
!qo = !quant.uniform<i16:f32, 3.0517578125E-5>
func.func @tanh_int16_zero_point(%x: tensor<4x!q16>) {
  // expected-error @+1 {{int16 'input' must have zero point 0, got -1}}
  %0 = mcuq.tanh %x : (tensor<4x!q16>) -> tensor<4x!qo>
  return
}

// -----
func.func @quantize_storage(%x: tensor<2xf32>) {
  // expected-error @+1 {{'output' must have i8, i16 or i32 storage, got i4}}
  %0 = mcuq.quantize %x : (tensor<2xf32>) -> tensor<2x!quant.uniform<i4:f32, 1.0>>
  return
}

// -----
!qa = !quant.uniform<i8:f32:0, {5.000000e-01,1.0}>
func.func @dequantize_per_axis(%x: tensor<2x!qa>) {
  // expected-error @+1 {{'input' must be quantized per tensor}}
  %0 = mcuq.dequantize %x : (tensor<2x!qa>) -> tensor<2xf32>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @requantize_empty(%x: tensor<2x!q32>) {
  // expected-error @+1 {{'multiplier' must not be empty}}
  %0 = mcuq.requantize %x {multiplier = array<i32>, shift = array<i32>} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @requantize_shift_count(%x: tensor<2x!q32>) {
  // expected-error @+1 {{'shift' has 2 entries but 'multiplier' has 1}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 1, 1>} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @requantize_axis_missing(%x: tensor<2x!q32>) {
  // expected-error @+1 {{per-channel 'multiplier' needs 'axis'}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 1, 1>, shift = array<i32: 1, 1>} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @requantize_axis_range(%x: tensor<2x!q32>) {
  // expected-error @+1 {{'axis' 1 is out of range for rank 1}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 1, 1>, shift = array<i32: 1, 1>, axis = 1 : i64} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @requantize_axis_size(%x: tensor<3x!q32>) {
  // expected-error @+1 {{'multiplier' has 2 entries for dimension 0 of size 3}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 1, 1>, shift = array<i32: 1, 1>, axis = 0 : i64} : (tensor<3x!q32>) -> tensor<3x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @requantize_negative_multiplier(%x: tensor<2x!q32>) {
  // expected-error @+1 {{'multiplier' entries must be non-negative, got -5}}
  %0 = mcuq.requantize %x {multiplier = array<i32: -5>, shift = array<i32: 1>} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @requantize_shift_range(%x: tensor<2x!q32>) {
  // expected-error @+1 {{'shift' entries must be in [-31, 31], got 40}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 5>, shift = array<i32: 40>} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
func.func @requantize_pre_shift(%x: tensor<2x!q32>) {
  // expected-error @+1 {{'pre_shift' must be in [0, 31], got -1}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 5>, shift = array<i32: 1>, pre_shift = -1 : i32} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
!qo = !quant.uniform<i16:f32, 1.0>
func.func @requantize_i64(%x: tensor<2xi64>) {
  // expected-error @+1 {{i64 input needs 'reduced16' rounding}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 5>, shift = array<i32: 1>} : (tensor<2xi64>) -> tensor<2x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32:0, {1.0, 1.0}>
func.func @requantize_output_per_axis(%x: tensor<2x!q32>) {
  // expected-error @+1 {{'output' must be quantized per tensor}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 5>, shift = array<i32: 1>} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32:0, {1.0:1, 1.0}>
!qo = !quant.uniform<i8:f32, 1.0>
func.func @requantize_input_zero_points(%x: tensor<2x!q32>) {
  // expected-error @+1 {{per-axis 'input' must have zero points 0}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 5>, shift = array<i32: 1>} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32, 1.0>
func.func @requantize_min_range(%x: tensor<2x!q32>) {
  // expected-error @+1 {{'min' -200 is outside the output storage range}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 5>, shift = array<i32: 1>, min = -200 : i32} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32, 1.0>
func.func @requantize_max_range(%x: tensor<2x!q32>) {
  // expected-error @+1 {{'max' 200 is outside the output storage range}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 5>, shift = array<i32: 1>, max = 200 : i32} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
!qo = !quant.uniform<i8:f32, 1.0>
func.func @requantize_min_max(%x: tensor<2x!q32>) {
  // expected-error @+1 {{'min' must not exceed 'max'}}
  %0 = mcuq.requantize %x {multiplier = array<i32: 5>, shift = array<i32: 1>, min = 10 : i32, max = 5 : i32} : (tensor<2x!q32>) -> tensor<2x!qo>
  return
}

// -----
func.func @const_shape() {
  // expected-error @+1 {{'value' shape does not match the result's storage shape 'tensor<3xi8>'}}
  %0 = mcuq.const dense<[1, 2]> : tensor<2xi8> -> tensor<3x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----
func.func @const_element() {
  // expected-error @+1 {{'value' element type 'i16' does not match the result's storage element type 'i8'}}
  %0 = mcuq.const dense<[1, 2]> : tensor<2xi16> -> tensor<2x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----
func.func @const_packed() {
  // expected-error @+1 {{'value' shape does not match the result's storage shape 'tensor<2x2xi32>'}}
  %0 = mcuq.const dense<[1, 2]> : tensor<2xi32> -> !mcuq.packed<2x40xi1, axis = 1, word = 32>
  return
}

// -----
!qs = !quant.uniform<i16:f32, 2.000000e-03>
!qi = !quant.uniform<i8:f32, 5.000000e-02>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qt = !quant.uniform<i16:f32, 1.000000e-04>
func.func @svdf_rank(%x: tensor<6x!qi>, %wf: tensor<4x6x!qw>, %wt: tensor<4x3x!qt>, %s: tensor<1x12x!qs>) {
  // expected-error @+1 {{'input' must have rank 2, got 1}}
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) {rank = 2 : i64} : (tensor<6x!qi>, tensor<4x6x!qw>, tensor<4x3x!qt>, tensor<1x12x!qs>) -> (tensor<1x2x!qi>, tensor<1x12x!qs>)
  return
}

// -----
!qs = !quant.uniform<i16:f32, 2.000000e-03>
!qi = !quant.uniform<i8:f32, 5.000000e-02>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qt = !quant.uniform<i16:f32, 1.000000e-04>
func.func @svdf_feature_depth(%x: tensor<1x5x!qi>, %wf: tensor<4x6x!qw>, %wt: tensor<4x3x!qt>, %s: tensor<1x12x!qs>) {
  // expected-error @+1 {{'weights_feature' depth (6) must equal the input size (5)}}
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) {rank = 2 : i64} : (tensor<1x5x!qi>, tensor<4x6x!qw>, tensor<4x3x!qt>, tensor<1x12x!qs>) -> (tensor<1x2x!qi>, tensor<1x12x!qs>)
  return
}

// -----
!qs = !quant.uniform<i16:f32, 2.000000e-03>
!qi = !quant.uniform<i8:f32, 5.000000e-02>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qt = !quant.uniform<i16:f32, 1.000000e-04>
func.func @svdf_time_rows(%x: tensor<1x6x!qi>, %wf: tensor<4x6x!qw>, %wt: tensor<5x3x!qt>, %s: tensor<1x12x!qs>) {
  // expected-error @+1 {{'weights_time' rows (5) must equal the filter count (4)}}
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) {rank = 2 : i64} : (tensor<1x6x!qi>, tensor<4x6x!qw>, tensor<5x3x!qt>, tensor<1x12x!qs>) -> (tensor<1x2x!qi>, tensor<1x12x!qs>)
  return
}

// -----
!qs = !quant.uniform<i16:f32, 2.000000e-03>
!qi = !quant.uniform<i8:f32, 5.000000e-02>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qt = !quant.uniform<i16:f32, 1.000000e-04>
func.func @svdf_filters(%x: tensor<1x6x!qi>, %wf: tensor<4x6x!qw>, %wt: tensor<4x3x!qt>, %s: tensor<1x12x!qs>) {
  // expected-error @+1 {{filter count (4) must be a positive multiple of 'rank' (3)}}
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) {rank = 3 : i64} : (tensor<1x6x!qi>, tensor<4x6x!qw>, tensor<4x3x!qt>, tensor<1x12x!qs>) -> (tensor<1x2x!qi>, tensor<1x12x!qs>)
  return
}

// -----
!qs = !quant.uniform<i16:f32, 2.000000e-03>
!qi = !quant.uniform<i8:f32, 5.000000e-02>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qt = !quant.uniform<i16:f32, 1.000000e-04>
!qb = !quant.uniform<i32:f32, 1.000000e-06>
func.func @svdf_bias(%x: tensor<1x6x!qi>, %wf: tensor<4x6x!qw>, %wt: tensor<4x3x!qt>, %b: tensor<4x!qb>, %s: tensor<1x12x!qs>) {
  // expected-error @+1 {{'bias' must have shape [2]}}
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) bias(%b) {rank = 2 : i64} : (tensor<1x6x!qi>, tensor<4x6x!qw>, tensor<4x3x!qt>, tensor<4x!qb>, tensor<1x12x!qs>) -> (tensor<1x2x!qi>, tensor<1x12x!qs>)
  return
}

// -----
!qs = !quant.uniform<i16:f32, 2.000000e-03>
!qi = !quant.uniform<i8:f32, 5.000000e-02>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qt = !quant.uniform<i16:f32, 1.000000e-04>
func.func @svdf_state(%x: tensor<1x6x!qi>, %wf: tensor<4x6x!qw>, %wt: tensor<4x3x!qt>, %s: tensor<1x10x!qs>) {
  // expected-error @+1 {{'state' shape [1, 10] does not match the inferred shape [1, 12]}}
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) {rank = 2 : i64} : (tensor<1x6x!qi>, tensor<4x6x!qw>, tensor<4x3x!qt>, tensor<1x10x!qs>) -> (tensor<1x2x!qi>, tensor<1x10x!qs>)
  return
}

// -----
!qs = !quant.uniform<i16:f32, 2.000000e-03>
!qs2 = !quant.uniform<i16:f32, 4.000000e-03>
!qi = !quant.uniform<i8:f32, 5.000000e-02>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qt = !quant.uniform<i16:f32, 1.000000e-04>
func.func @svdf_new_state(%x: tensor<1x6x!qi>, %wf: tensor<4x6x!qw>, %wt: tensor<4x3x!qt>, %s: tensor<1x12x!qs>) {
  // expected-error @+1 {{'new_state' type must match 'state'}}
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) {rank = 2 : i64} : (tensor<1x6x!qi>, tensor<4x6x!qw>, tensor<4x3x!qt>, tensor<1x12x!qs>) -> (tensor<1x2x!qi>, tensor<1x12x!qs2>)
  return
}

// -----
!qs = !quant.uniform<i16:f32, 2.000000e-03>
!qi = !quant.uniform<i8:f32, 5.000000e-02>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qt = !quant.uniform<i16:f32, 1.000000e-04>
func.func @svdf_activation(%x: tensor<1x6x!qi>, %wf: tensor<4x6x!qw>, %wt: tensor<4x3x!qt>, %s: tensor<1x12x!qs>) {
  // expected-error @+1 {{fused activation 'tanh' is not supported}}
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) {rank = 2 : i64, fused_activation = #mcuq.activation<tanh>} : (tensor<1x6x!qi>, tensor<4x6x!qw>, tensor<4x3x!qt>, tensor<1x12x!qs>) -> (tensor<1x2x!qi>, tensor<1x12x!qs>)
  return
}

// -----
!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 4.000000e-05>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>
func.func @lstm_input_rank(%x: tensor<3x5x!qx>, %w: tensor<4x5x!qw>, %r: tensor<4x4x!qw>, %b: tensor<4x!qb>, %h: tensor<1x4x!qh>, %c: tensor<1x4x!qc>) {
  // expected-error @+1 {{'input' must have rank 3, got 2}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c) input_weights(%w, %w, %w) recurrent_weights(%r, %r, %r) biases(%b, %b, %b) {intermediate_types = []}
      : (tensor<3x5x!qx>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x!qb>, tensor<4x!qb>, tensor<4x!qb>, tensor<1x4x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>)
  return
}

// -----
!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 4.000000e-05>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>
func.func @lstm_weight_rank(%x: tensor<1x3x5x!qx>, %w: tensor<4x5x1x!qw>, %r: tensor<4x4x!qw>, %b: tensor<4x!qb>, %h: tensor<1x4x!qh>, %c: tensor<1x4x!qc>) {
  // expected-error @+1 {{weights must have rank 2}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c) input_weights(%w, %w, %w) recurrent_weights(%r, %r, %r) biases(%b, %b, %b) {intermediate_types = []}
      : (tensor<1x3x5x!qx>, tensor<4x5x1x!qw>, tensor<4x5x1x!qw>, tensor<4x5x1x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x!qb>, tensor<4x!qb>, tensor<4x!qb>, tensor<1x4x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>)
  return
}

// -----
!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 4.000000e-05>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>
func.func @lstm_input_depth(%x: tensor<1x3x6x!qx>, %w: tensor<4x5x!qw>, %r: tensor<4x4x!qw>, %b: tensor<4x!qb>, %h: tensor<1x4x!qh>, %c: tensor<1x4x!qc>) {
  // expected-error @+1 {{'input' depth (6) must equal the input weights' depth (5)}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c) input_weights(%w, %w, %w) recurrent_weights(%r, %r, %r) biases(%b, %b, %b) {intermediate_types = []}
      : (tensor<1x3x6x!qx>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x!qb>, tensor<4x!qb>, tensor<4x!qb>, tensor<1x4x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>)
  return
}

// -----
!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 4.000000e-05>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>
func.func @lstm_cell_weights(%x: tensor<1x3x5x!qx>, %w: tensor<4x5x!qw>, %w3: tensor<3x5x!qw>, %r: tensor<4x4x!qw>, %b: tensor<4x!qb>, %h: tensor<1x4x!qh>, %c: tensor<1x4x!qc>) {
  // expected-error @+1 {{'input_to_cell_weights' shape [3, 5] does not match the inferred shape [4, 5]}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c) input_weights(%w, %w3, %w) recurrent_weights(%r, %r, %r) biases(%b, %b, %b) {intermediate_types = []}
      : (tensor<1x3x5x!qx>, tensor<4x5x!qw>, tensor<3x5x!qw>, tensor<4x5x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x!qb>, tensor<4x!qb>, tensor<4x!qb>, tensor<1x4x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>)
  return
}

// -----
!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 4.000000e-05>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>
func.func @lstm_cifg(%x: tensor<1x3x5x!qx>, %w: tensor<4x5x!qw>, %r: tensor<4x4x!qw>, %b: tensor<4x!qb>, %h: tensor<1x4x!qh>, %c: tensor<1x4x!qc>) {
  // expected-error @+1 {{input gate operands (input_to_input_weights, recurrent_to_input_weights, input_gate_bias) must be all present or all absent}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c) input_weights(in = %w, %w, %w, %w) recurrent_weights(%r, %r, %r) biases(%b, %b, %b) {intermediate_types = []}
      : (tensor<1x3x5x!qx>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x!qb>, tensor<4x!qb>, tensor<4x!qb>, tensor<1x4x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>)
  return
}

// -----
!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>
func.func @lstm_bias_type(%x: tensor<1x3x5x!qx>, %w: tensor<4x5x!qw>, %r: tensor<4x4x!qw>, %b: tensor<4xi32>, %h: tensor<1x4x!qh>, %c: tensor<1x4x!qc>) {
  // Biases are quantized, or plain i64 on the 16x8 path; never plain i32.
  // expected-error @+1 {{operand #7 must be statically shaped tensor of uniform quantized type values or statically shaped tensor of 64-bit signless integer values, but got 'tensor<4xi32>'}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c) input_weights(%w, %w, %w) recurrent_weights(%r, %r, %r) biases(%b, %b, %b) {intermediate_types = []}
      : (tensor<1x3x5x!qx>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<1x4x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>)
  return
}

// -----
!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 4.000000e-05>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>
func.func @lstm_projection(%x: tensor<1x3x5x!qx>, %w: tensor<4x5x!qw>, %r: tensor<4x2x!qw>, %b: tensor<4x!qb>, %h: tensor<1x2x!qh>, %c: tensor<1x4x!qc>) {
  // expected-error @+1 {{without projection the output size (2) must equal the cell count (4)}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c) input_weights(%w, %w, %w) recurrent_weights(%r, %r, %r) biases(%b, %b, %b) {intermediate_types = []}
      : (tensor<1x3x5x!qx>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x2x!qw>, tensor<4x2x!qw>, tensor<4x2x!qw>, tensor<4x!qb>, tensor<4x!qb>, tensor<4x!qb>, tensor<1x2x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x4x!qc>)
  return
}

// -----
!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 4.000000e-05>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>
func.func @lstm_output(%x: tensor<1x3x5x!qx>, %w: tensor<4x5x!qw>, %r: tensor<4x4x!qw>, %b: tensor<4x!qb>, %h: tensor<1x4x!qh>, %c: tensor<1x4x!qc>) {
  // expected-error @+1 {{'output' shape [1, 4, 4] does not match the inferred shape [1, 3, 4]}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c) input_weights(%w, %w, %w) recurrent_weights(%r, %r, %r) biases(%b, %b, %b) {intermediate_types = []}
      : (tensor<1x3x5x!qx>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x!qb>, tensor<4x!qb>, tensor<4x!qb>, tensor<1x4x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x4x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>)
  return
}

// -----
!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 4.000000e-05>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>
func.func @lstm_state_results(%x: tensor<1x3x5x!qx>, %w: tensor<4x5x!qw>, %r: tensor<4x4x!qw>, %b: tensor<4x!qb>, %h: tensor<1x4x!qh>, %c: tensor<1x4x!qc>) {
  // expected-error @+1 {{state results must have the state operands' types}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c) input_weights(%w, %w, %w) recurrent_weights(%r, %r, %r) biases(%b, %b, %b) {intermediate_types = []}
      : (tensor<1x3x5x!qx>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x!qb>, tensor<4x!qb>, tensor<4x!qb>, tensor<1x4x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qh>)
  return
}

// -----
!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 4.000000e-05>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>
func.func @lstm_intermediate_count(%x: tensor<1x3x5x!qx>, %w: tensor<4x5x!qw>, %r: tensor<4x4x!qw>, %b: tensor<4x!qb>, %h: tensor<1x4x!qh>, %c: tensor<1x4x!qc>) {
  // expected-error @+1 {{'intermediate_types' must have 0 or 5 entries, got 1}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c) input_weights(%w, %w, %w) recurrent_weights(%r, %r, %r) biases(%b, %b, %b) {intermediate_types = [!qc]}
      : (tensor<1x3x5x!qx>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x!qb>, tensor<4x!qb>, tensor<4x!qb>, tensor<1x4x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>)
  return
}

// -----
!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 4.000000e-05>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>
func.func @lstm_intermediate_type(%x: tensor<1x3x5x!qx>, %w: tensor<4x5x!qw>, %r: tensor<4x4x!qw>, %b: tensor<4x!qb>, %h: tensor<1x4x!qh>, %c: tensor<1x4x!qc>) {
  // expected-error @+1 {{'intermediate_types' entries must be per-tensor quantized types or f32}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c) input_weights(%w, %w, %w) recurrent_weights(%r, %r, %r) biases(%b, %b, %b) {intermediate_types = [!qc, !qc, !qc, !qc, i8]}
      : (tensor<1x3x5x!qx>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x5x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x4x!qw>, tensor<4x!qb>, tensor<4x!qb>, tensor<4x!qb>, tensor<1x4x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>)
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pack_shape(%x: tensor<1x4x4x64x!qi>) {
  // expected-error @+1 {{'output' logical shape must equal the input shape}}
  %0 = mcuq.pack_bits %x : (tensor<1x4x4x64x!qi>) -> !mcuq.packed<1x4x4x32xi1, axis = 3, word = 32>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pack_axis(%x: tensor<1x4x4x64x!qi>) {
  // expected-error @+1 {{bits are packed along the innermost dimension}}
  %0 = mcuq.pack_bits %x : (tensor<1x4x4x64x!qi>) -> !mcuq.packed<1x4x4x64xi1, axis = 2, word = 32>
  return
}

// -----
!qi = !quant.uniform<i8:f32:3, {1.0, 1.0}>
func.func @pack_per_axis(%x: tensor<1x1x1x2x!qi>) {
  // expected-error @+1 {{'input' must be quantized per tensor}}
  %0 = mcuq.pack_bits %x : (tensor<1x1x1x2x!qi>) -> !mcuq.packed<1x1x1x2xi1, axis = 3, word = 32>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @pack_i4(%x: tensor<1x4x4x64x!qi>) {
  // expected-error @+1 {{op result #0 must be packed 1-bit tensor}}
  %0 = mcuq.pack_bits %x : (tensor<1x4x4x64x!qi>) -> !mcuq.packed<1x4x4x64xi4, axis = 3, word = 32>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @unpack_shape(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>) {
  // expected-error @+1 {{'output' shape must equal the packed logical shape}}
  %0 = mcuq.unpack_bits %x : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>) -> tensor<1x4x4x32x!qi>
  return
}

// -----
!qi = !quant.uniform<i8:f32:0, {1.0, 1.0}>
func.func @unpack_per_axis(%x: !mcuq.packed<2xi1, axis = 0, word = 32>) {
  // expected-error @+1 {{'output' must be quantized per tensor}}
  %0 = mcuq.unpack_bits %x : (!mcuq.packed<2xi1, axis = 0, word = 32>) -> tensor<2x!qi>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
func.func @bconv_rank(%x: !mcuq.packed<4x4x64xi1, axis = 2, word = 32>, %w: !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) {
  // expected-error @+1 {{'input' and 'filter' must have rank 4}}
  %0 = mcuq.bconv2d %x, %w {padding = #mcuq.padding<valid>} : (!mcuq.packed<4x4x64xi1, axis = 2, word = 32>, !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) -> tensor<1x2x2x8x!q32>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
func.func @bconv_axis(%x: !mcuq.packed<1x4x4x64xi1, axis = 2, word = 32>, %w: !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) {
  // expected-error @+1 {{'input' and 'filter' must be packed along channels}}
  %0 = mcuq.bconv2d %x, %w {padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 2, word = 32>, !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) -> tensor<1x2x2x8x!q32>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
func.func @bconv_channels(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, %w: !mcuq.packed<8x3x3x32xi1, axis = 3, word = 32>) {
  // expected-error @+1 {{'filter' channels (32) must equal 'input' channels (64)}}
  %0 = mcuq.bconv2d %x, %w {padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, !mcuq.packed<8x3x3x32xi1, axis = 3, word = 32>) -> tensor<1x2x2x8x!q32>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
func.func @bconv_pad_value(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, %w: !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) {
  // expected-error @+1 {{'pad_value' must be 0 or 1, got 2}}
  %0 = mcuq.bconv2d %x, %w {padding = #mcuq.padding<valid>, pad_value = 2 : i32} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) -> tensor<1x2x2x8x!q32>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
func.func @bconv_shape(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, %w: !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) {
  // expected-error @+1 {{'output' shape does not match the inferred shape}}
  %0 = mcuq.bconv2d %x, %w {padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) -> tensor<1x4x4x8x!q32>
  return
}

// -----
!q32 = !quant.uniform<i32:f32, 1.0>
func.func @bconv_transform(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, %w: !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>, %m: tensor<8xf32>) {
  // expected-error @+1 {{'multiplier' and 'bias' only apply to int8 results}}
  %0 = mcuq.bconv2d %x, %w multiplier(%m) {padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>, tensor<8xf32>) -> tensor<1x2x2x8x!q32>
  return
}

// -----
!qo = !quant.uniform<i8:f32, 1.0>
func.func @bconv_threshold(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, %w: !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>, %t: tensor<8xi32>) {
  // expected-error @+1 {{'threshold' only applies to packed results}}
  %0 = mcuq.bconv2d %x, %w threshold(%t) {padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>, tensor<8xi32>) -> tensor<1x2x2x8x!qo>
  return
}

// -----
func.func @bconv_no_threshold(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, %w: !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) {
  // expected-error @+1 {{packed results need 'threshold'}}
  %0 = mcuq.bconv2d %x, %w {padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) -> !mcuq.packed<1x2x2x8xi1, axis = 3, word = 32>
  return
}

// -----
!qo = !quant.uniform<i8:f32, 1.0>
func.func @bconv_multiplier_shape(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, %w: !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>, %m: tensor<4xf32>) {
  // expected-error @+1 {{'multiplier' must have shape [8]}}
  %0 = mcuq.bconv2d %x, %w multiplier(%m) {padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>, tensor<4xf32>) -> tensor<1x2x2x8x!qo>
  return
}

// -----
!qo = !quant.uniform<i8:f32, 1.0>
func.func @bconv_bias_shape(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, %w: !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'bias' must have shape [8]}}
  %0 = mcuq.bconv2d %x, %w bias(%b) {padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>, tensor<4xf32>) -> tensor<1x2x2x8x!qo>
  return
}

// -----
func.func @bconv_threshold_shape(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, %w: !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>, %t: tensor<2xi32>) {
  // expected-error @+1 {{'threshold' must have shape [8]}}
  %0 = mcuq.bconv2d %x, %w threshold(%t) {padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>, tensor<2xi32>) -> !mcuq.packed<1x2x2x8xi1, axis = 3, word = 32>
  return
}

// -----
!qo = !quant.uniform<i8:f32, 1.0>
func.func @bconv_activation(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, %w: !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) {
  // expected-error @+1 {{fused activation 'sign_bit' is not supported}}
  %0 = mcuq.bconv2d %x, %w {padding = #mcuq.padding<valid>, fused_activation = #mcuq.activation<sign_bit>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>, !mcuq.packed<8x3x3x64xi1, axis = 3, word = 32>) -> tensor<1x2x2x8x!qo>
  return
}

// -----
func.func @bmaxpool_word(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>) {
  // expected-error @+1 {{'input' and 'output' must be packed along channels with the same word}}
  %0 = mcuq.bmax_pool2d %x {kernel = array<i64: 2, 2>, padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>) -> !mcuq.packed<1x3x3x64xi1, axis = 3, word = 8>
  return
}

// -----
func.func @bmaxpool_rank(%x: !mcuq.packed<4x4x64xi1, axis = 2, word = 32>) {
  // expected-error @+1 {{'input' and 'output' must be packed along channels with the same word}}
  %0 = mcuq.bmax_pool2d %x {kernel = array<i64: 2, 2>, padding = #mcuq.padding<valid>} : (!mcuq.packed<4x4x64xi1, axis = 2, word = 32>) -> !mcuq.packed<1x3x3x64xi1, axis = 3, word = 32>
  return
}

// -----
func.func @bmaxpool_shape(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>) {
  // expected-error @+1 {{'output' shape does not match the inferred shape}}
  %0 = mcuq.bmax_pool2d %x {kernel = array<i64: 2, 2>, padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>) -> !mcuq.packed<1x2x2x64xi1, axis = 3, word = 32>
  return
}

// -----
func.func @bmaxpool_window(%x: !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>) {
  // expected-error @+1 {{window 5x5 does not fit the padded input 4x4}}
  %0 = mcuq.bmax_pool2d %x {kernel = array<i64: 5, 5>, padding = #mcuq.padding<valid>} : (!mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>) -> !mcuq.packed<1x1x1x64xi1, axis = 3, word = 32>
  return
}

// -----
// expected-error @+1 {{packed type needs at least one dimension}}
func.func @packed_rank0(%x: !mcuq.packed<i1, axis = 0, word = 32>)

// -----
// expected-error @+1 {{packed type dimensions must be static and positive, got 0}}
func.func @packed_dim(%x: !mcuq.packed<0x4xi1, axis = 0, word = 32>)

// -----
// expected-error @+1 {{packing axis 2 is out of range for rank 2}}
func.func @packed_axis(%x: !mcuq.packed<2x4xi1, axis = 2, word = 32>)

// -----
// expected-error @+1 {{packed element type must be 1, 2 or 4 bits wide, got 'i8'}}
func.func @packed_elem(%x: !mcuq.packed<2x4xi8, axis = 1, word = 32>)

// -----
// expected-error @+1 {{packing word must be 8, 16 or 32 bits, got 64}}
func.func @packed_word(%x: !mcuq.packed<2x4xi1, axis = 1, word = 64>)

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @dynamic_shape(%x: tensor<?x4x!qi>) {
  // expected-error @+1 {{op operand #0 must be statically shaped tensor}}
  %0 = mcuq.logistic %x : (tensor<?x4x!qi>) -> tensor<?x4x!quant.uniform<i8:f32, 3.906250e-03:-128>>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!q16 = !quant.uniform<i16:f32, 3.0517578125E-5>
func.func @softmax_int16_output(%x: tensor<1x4x!qi>) {
  // expected-error @+1 {{int16 'output' of an int8 softmax must have scale 1.525879e-05 and zero point -32768, got 3.051758e-05 and 0}}
  %0 = mcuq.softmax %x : (tensor<1x4x!qi>) -> tensor<1x4x!q16>
  return
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
func.func @softmax_int16_output_scale(%x: tensor<1x4x!qi>) {
  // 0.2% off 1/65536: outside TFLM's 0.1%.
  // expected-error @+1 {{int16 'output' of an int8 softmax must have scale 1.525879e-05 and zero point -32768, got 1.528931e-05 and -32768}}
  %0 = mcuq.softmax %x : (tensor<1x4x!qi>) -> tensor<1x4x!quant.uniform<i16:f32, 1.5289306640625E-5:-32768>>
  return
}

// -----

// The module attributes of the contract are typed.
// expected-error@+1 {{'mcuq.target' must be a #mcuq.target, got "cortex-m4"}}
module attributes {mcuq.target = "cortex-m4"} {
}

// -----

// expected-error@+1 {{'mcuq.arena_plan' must be a #mcuq.arena_plan, got {size = 4 : i64}}}
module attributes {mcuq.arena_plan = {size = 4}} {
}

// -----

// expected-error@+1 {{unknown attribute 'mcuq.arena_size'}}
module attributes {mcuq.arena_size = 4 : i64} {
}

// -----

// expected-error@+2 {{expected 'true' or 'false'}}
// expected-error@+1 {{failed to parse MCUQ_TargetAttr parameter 'dsp' which is to be a `bool`}}
module attributes {mcuq.target = #mcuq.target<name = "x", float_abi = soft, index_bits = 32, registers = 8, dsp = 1, strategy = generic>} {
}

// -----

func.func @doubling_high_mul_i64(%a: i64) -> i64 {
  // expected-error@+1 {{operand #0 must be 32-bit signless integer}}
  %0 = mcuq.doubling_high_mul %a, %a : i64
  return %0 : i64
}

// -----
!qi16 = !quant.uniform<i16:f32, 1.000000e-03>
!qo16 = !quant.uniform<i16:f32, 2.000000e-03:5>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
func.func @conv_int16_zero_point(%x: tensor<1x5x5x2x!qi16>, %w: tensor<2x3x3x2x!qw>) {
  // expected-error @+1 {{int16 'output' must have zero point 0, got 5}}
  %0 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>} : (tensor<1x5x5x2x!qi16>, tensor<2x3x3x2x!qw>) -> tensor<1x3x3x2x!qo16>
  return
}
