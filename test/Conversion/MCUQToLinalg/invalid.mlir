// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file -verify-diagnostics

// Operators the lowering does not handle fail the conversion with a
// diagnostic that names them, at their location, instead of crashing or
// leaving mcuq ops behind. (Binary layers are lowered by a later pass.)
!q = !quant.uniform<i8:f32, 5.000000e-01:-1>
!b = !mcuq.packed<1x2x2x40xi1, axis = 3, word = 32>
func.func @no_lowering(%x: tensor<1x2x2x40x!q>) -> !b {
  // expected-error @+1 {{failed to legalize operation 'mcuq.pack_bits'}}
  %0 = mcuq.pack_bits %x : (tensor<1x2x2x40x!q>) -> !b
  return %0 : !b
}

// -----
// Quantization the lowering cannot honour is rejected by the verifiers when
// the input is read, before any rewriting: one scale and zero point per
// activation, here for the requantize of MEAN.
!qa = !quant.uniform<i8:f32:1, {5.000000e-01:1,2.500000e-01:2}>
!q = !quant.uniform<i8:f32, 5.000000e-01:1>
func.func @per_axis_activation(%x: tensor<3x2x!qa>) -> tensor<1x2x!q> {
  // expected-error @+1 {{'mcuq.mean' op 'input' must be quantized per tensor}}
  %0 = mcuq.mean %x {axes = array<i64: 0>, keep_dims = true} : (tensor<3x2x!qa>) -> tensor<1x2x!q>
  return %0 : tensor<1x2x!q>
}
