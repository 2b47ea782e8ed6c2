// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file -verify-diagnostics

!qx = !quant.uniform<i8:f32, 5.000000e-02:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 5.000000e-04>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>

// TFLM's integer LSTM has no CIFG variant.
func.func @lstm_cifg(%x: tensor<1x3x2x!qx>, %h: tensor<1x2x!qh>, %c: tensor<1x2x!qc>) -> (tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>) {
  %w = mcuq.const dense<1> : tensor<2x2xi8> -> tensor<2x2x!qw>
  %b = mcuq.const dense<1> : tensor<2xi32> -> tensor<2x!qb>
  // expected-error @+2 {{CIFG (no input gate) is not supported by TFLM}}
  // expected-error @+1 {{failed to legalize operation 'mcuq.lstm'}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c)
      input_weights(%w, %w, %w) recurrent_weights(%w, %w, %w)
      biases(%b, %b, %b) {intermediate_types = []}
      : (tensor<1x3x2x!qx>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>,
         tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>,
         tensor<2x!qb>, tensor<2x!qb>, tensor<2x!qb>, tensor<1x2x!qh>, tensor<1x2x!qc>)
      -> (tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>)
  return %y, %h1, %c1 : tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>
}

// -----

!qx = !quant.uniform<i8:f32, 5.000000e-02:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 5.000000e-04>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>

// The cell gate's activation must be tanh.
func.func @lstm_relu_cell(%x: tensor<1x3x2x!qx>, %h: tensor<1x2x!qh>, %c: tensor<1x2x!qc>) -> (tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>) {
  %w = mcuq.const dense<1> : tensor<2x2xi8> -> tensor<2x2x!qw>
  %b = mcuq.const dense<1> : tensor<2xi32> -> tensor<2x!qb>
  // expected-error @+2 {{TFLM's integer LSTM needs a tanh cell activation}}
  // expected-error @+1 {{failed to legalize operation 'mcuq.lstm'}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c)
      input_weights(in = %w, %w, %w, %w) recurrent_weights(in = %w, %w, %w, %w)
      biases(in = %b, %b, %b, %b) {fused_activation = #mcuq.activation<relu>, intermediate_types = []}
      : (tensor<1x3x2x!qx>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>,
         tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>,
         tensor<2x!qb>, tensor<2x!qb>, tensor<2x!qb>, tensor<2x!qb>, tensor<1x2x!qh>, tensor<1x2x!qc>)
      -> (tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>)
  return %y, %h1, %c1 : tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>
}

// -----

!qx = !quant.uniform<i8:f32, 5.000000e-02:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 5.000000e-04>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>

// Weights are stacked and their zero-point corrections folded at compile
// time.
func.func @lstm_runtime_weights(%x: tensor<1x3x2x!qx>, %w: tensor<2x2x!qw>, %h: tensor<1x2x!qh>, %c: tensor<1x2x!qc>) -> (tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>) {
  %b = mcuq.const dense<1> : tensor<2xi32> -> tensor<2x!qb>
  // expected-error @+2 {{LSTM weights and biases must be constants}}
  // expected-error @+1 {{failed to legalize operation 'mcuq.lstm'}}
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c)
      input_weights(in = %w, %w, %w, %w) recurrent_weights(in = %w, %w, %w, %w)
      biases(in = %b, %b, %b, %b) {intermediate_types = []}
      : (tensor<1x3x2x!qx>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>,
         tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>,
         tensor<2x!qb>, tensor<2x!qb>, tensor<2x!qb>, tensor<2x!qb>, tensor<1x2x!qh>, tensor<1x2x!qc>)
      -> (tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>)
  return %y, %h1, %c1 : tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>
}
