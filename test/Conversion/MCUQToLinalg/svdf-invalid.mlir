// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file -verify-diagnostics

!qin = !quant.uniform<i8:f32, 5.000000e-02:3>
!qwf = !quant.uniform<i8:f32, 1.000000e-02>
!qwt = !quant.uniform<i16:f32, 2.000000e-02>
!qs = !quant.uniform<i16:f32, 4.000000e-02>
!qout = !quant.uniform<i8:f32, 1.000000e-01:-128>

// The zero-point correction and the weight layout are folded at compile
// time: the weights must be constants.
func.func @svdf_runtime_weights(%x: tensor<1x6x!qin>, %wf: tensor<4x6x!qwf>, %s: tensor<1x8x!qs>) -> (tensor<1x4x!qout>, tensor<1x8x!qs>) {
  %wt = mcuq.const dense<1> : tensor<4x2xi16> -> tensor<4x2x!qwt>
  // expected-error @+2 {{SVDF weights and bias must be constants}}
  // expected-error @+1 {{failed to legalize operation 'mcuq.svdf'}}
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) {rank = 1 : i64}
      : (tensor<1x6x!qin>, tensor<4x6x!qwf>, tensor<4x2x!qwt>, tensor<1x8x!qs>)
      -> (tensor<1x4x!qout>, tensor<1x8x!qs>)
  return %y, %s1 : tensor<1x4x!qout>, tensor<1x8x!qs>
}

// -----

!qin = !quant.uniform<i8:f32, 5.000000e-02:3>
!qwf = !quant.uniform<i8:f32, 1.000000e-02>
!qwt8 = !quant.uniform<i8:f32, 2.000000e-02>
!qs = !quant.uniform<i16:f32, 4.000000e-02>
!qout = !quant.uniform<i8:f32, 1.000000e-01:-128>

// TFLM's integer SVDF stores the time weights like the state.
func.func @svdf_mixed_state_widths(%x: tensor<1x6x!qin>, %s: tensor<1x8x!qs>) -> (tensor<1x4x!qout>, tensor<1x8x!qs>) {
  %wf = mcuq.const dense<1> : tensor<4x6xi8> -> tensor<4x6x!qwf>
  %wt = mcuq.const dense<1> : tensor<4x2xi8> -> tensor<4x2x!qwt8>
  // expected-error @+2 {{SVDF state and time weights must both be int8 or both int16}}
  // expected-error @+1 {{failed to legalize operation 'mcuq.svdf'}}
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) {rank = 1 : i64}
      : (tensor<1x6x!qin>, tensor<4x6x!qwf>, tensor<4x2x!qwt8>, tensor<1x8x!qs>)
      -> (tensor<1x4x!qout>, tensor<1x8x!qs>)
  return %y, %s1 : tensor<1x4x!qout>, tensor<1x8x!qs>
}
