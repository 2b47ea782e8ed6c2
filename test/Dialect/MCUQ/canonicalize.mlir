// RUN: mcuq-opt %s -canonicalize -split-input-file | FileCheck %s

!q = !quant.uniform<i8:f32, 5.000000e-01:-1>

// CHECK-LABEL: func.func @reshape_chain
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x3x
// CHECK-NEXT: %[[R:.*]] = mcuq.reshape %[[X]] : ({{.*}}) -> tensor<3x2x
// CHECK-NEXT: return %[[R]]
func.func @reshape_chain(%x: tensor<1x2x3x!q>) -> tensor<3x2x!q> {
  %0 = mcuq.reshape %x : (tensor<1x2x3x!q>) -> tensor<6x!q>
  %1 = mcuq.reshape %0 : (tensor<6x!q>) -> tensor<3x2x!q>
  return %1 : tensor<3x2x!q>
}

// CHECK-LABEL: func.func @reshape_identity
// CHECK-SAME: (%[[X:.*]]: tensor
// CHECK-NEXT: return %[[X]]
func.func @reshape_identity(%x: tensor<2x3x!q>) -> tensor<2x3x!q> {
  %0 = mcuq.reshape %x : (tensor<2x3x!q>) -> tensor<2x3x!q>
  return %0 : tensor<2x3x!q>
}

// CHECK-LABEL: func.func @reshape_const
// CHECK-NEXT: %[[C:.*]] = mcuq.const dense<{{\[\[}}1, 2], [3, 4]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32, 5.000000e-01:-1>>
// CHECK-NEXT: return %[[C]]
func.func @reshape_const() -> tensor<2x2x!q> {
  %0 = mcuq.const dense<[1, 2, 3, 4]> : tensor<4xi8> -> tensor<4x!q>
  %1 = mcuq.reshape %0 : (tensor<4x!q>) -> tensor<2x2x!q>
  return %1 : tensor<2x2x!q>
}

// CHECK-LABEL: func.func @pad_zero
// CHECK-SAME: (%[[X:.*]]: tensor
// CHECK-NEXT: return %[[X]]
func.func @pad_zero(%x: tensor<2x3x!q>) -> tensor<2x3x!q> {
  %0 = mcuq.pad %x {paddings = array<i64: 0, 0, 0, 0>} : (tensor<2x3x!q>) -> tensor<2x3x!q>
  return %0 : tensor<2x3x!q>
}

// CHECK-LABEL: func.func @pad_kept
// CHECK: mcuq.pad
func.func @pad_kept(%x: tensor<2x3x!q>) -> tensor<2x5x!q> {
  %0 = mcuq.pad %x {paddings = array<i64: 0, 0, 1, 1>} : (tensor<2x3x!q>) -> tensor<2x5x!q>
  return %0 : tensor<2x5x!q>
}

// Multiplying by 2^30 with a left shift of 1 is exactly one.
// CHECK-LABEL: func.func @requantize_identity
// CHECK-SAME: (%[[X:.*]]: tensor
// CHECK-NEXT: return %[[X]]
func.func @requantize_identity(%x: tensor<4x!q>) -> tensor<4x!q> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 1>} : (tensor<4x!q>) -> tensor<4x!q>
  return %0 : tensor<4x!q>
}

// A unit scale that clamps is not an identity.
// CHECK-LABEL: func.func @requantize_clamp_kept
// CHECK: mcuq.requantize %{{.*}} {max = 100 : i32
func.func @requantize_clamp_kept(%x: tensor<4x!q>) -> tensor<4x!q> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 1>, max = 100 : i32} : (tensor<4x!q>) -> tensor<4x!q>
  return %0 : tensor<4x!q>
}

// Neither is a scale other than one.
// CHECK-LABEL: func.func @requantize_scale_kept
// CHECK: mcuq.requantize
func.func @requantize_scale_kept(%x: tensor<4x!q>) -> tensor<4x!q> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 0>} : (tensor<4x!q>) -> tensor<4x!q>
  return %0 : tensor<4x!q>
}

// -----
!acc = !quant.uniform<i32:f32:1, {1.0e-3, 2.0e-3}>
!q = !quant.uniform<i8:f32, 5.000000e-01:-1>

// A clamp-only requantize merges into its producer; the bounds intersect.
// CHECK-LABEL: func.func @merge_clamp
// CHECK-SAME: (%[[X:.*]]: tensor
// CHECK-NEXT: %[[R:.*]] = mcuq.requantize %[[X]] {axis = 1 : i64, max = 50 : i32, min = -1 : i32, multiplier = array<i32: 1500000000, 1600000000>, shift = array<i32: -9, -8>}
// CHECK-NEXT: return %[[R]]
func.func @merge_clamp(%x: tensor<3x2x!acc>) -> tensor<3x2x!q> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1500000000, 1600000000>, shift = array<i32: -9, -8>, axis = 1 : i64, max = 80 : i32}
      : (tensor<3x2x!acc>) -> tensor<3x2x!q>
  %1 = mcuq.requantize %0 {multiplier = array<i32: 1073741824>, shift = array<i32: 1>, min = -1 : i32, max = 50 : i32}
      : (tensor<3x2x!q>) -> tensor<3x2x!q>
  return %1 : tensor<3x2x!q>
}

// Disjoint clamps would change the result; leave them.
// CHECK-LABEL: func.func @merge_clamp_disjoint
// CHECK-COUNT-2: mcuq.requantize
func.func @merge_clamp_disjoint(%x: tensor<3x2x!acc>) -> tensor<3x2x!q> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1500000000, 1600000000>, shift = array<i32: -9, -8>, axis = 1 : i64, max = 0 : i32}
      : (tensor<3x2x!acc>) -> tensor<3x2x!q>
  %1 = mcuq.requantize %0 {multiplier = array<i32: 1073741824>, shift = array<i32: 1>, min = 10 : i32}
      : (tensor<3x2x!q>) -> tensor<3x2x!q>
  return %1 : tensor<3x2x!q>
}

// -----
!q = !quant.uniform<i8:f32, 5.000000e-01:-1>
!q2 = !quant.uniform<i8:f32, 2.500000e-01:-1>

// CHECK-LABEL: func.func @quantize_dequantize
// CHECK-SAME: (%[[X:.*]]: tensor
// CHECK-NEXT: return %[[X]]
func.func @quantize_dequantize(%x: tensor<4x!q>) -> tensor<4x!q> {
  %0 = mcuq.dequantize %x : (tensor<4x!q>) -> tensor<4xf32>
  %1 = mcuq.quantize %0 : (tensor<4xf32>) -> tensor<4x!q>
  return %1 : tensor<4x!q>
}

// A different scale really rounds: keep both.
// CHECK-LABEL: func.func @quantize_dequantize_rescale
// CHECK: mcuq.dequantize
// CHECK: mcuq.quantize
func.func @quantize_dequantize_rescale(%x: tensor<4x!q>) -> tensor<4x!q2> {
  %0 = mcuq.dequantize %x : (tensor<4x!q>) -> tensor<4xf32>
  %1 = mcuq.quantize %0 : (tensor<4xf32>) -> tensor<4x!q2>
  return %1 : tensor<4x!q2>
}

// -----

// Constant operands fold with TFLite's arithmetic: round(2^30 * 3 / 2^31) =
// 2 (1.5 rounds up), -1.5 rounds up to -1, and INT32_MIN^2 saturates.
// CHECK-LABEL: func.func @doubling_high_mul_fold
// CHECK-DAG:   %[[TWO:.*]] = arith.constant 2 : i32
// CHECK-DAG:   %[[M1:.*]] = arith.constant -1 : i32
// CHECK-DAG:   %[[MAX:.*]] = arith.constant 2147483647 : i32
// CHECK:       return %[[TWO]], %[[M1]], %[[MAX]]
func.func @doubling_high_mul_fold() -> (i32, i32, i32) {
  %half = arith.constant 1073741824 : i32
  %three = arith.constant 3 : i32
  %mthree = arith.constant -3 : i32
  %min = arith.constant -2147483648 : i32
  %0 = mcuq.doubling_high_mul %half, %three : i32
  %1 = mcuq.doubling_high_mul %half, %mthree : i32
  %2 = mcuq.doubling_high_mul %min, %min : i32
  return %0, %1, %2 : i32, i32, i32
}
