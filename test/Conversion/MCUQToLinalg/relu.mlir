// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s

!qi = !quant.uniform<i8:f32, 5.000000e-02:-3>
!qo = !quant.uniform<i8:f32, 2.000000e-02:10>

// RELU rescales into the output quantization (0.05 / 0.02 = 2.5: multiplier
// 0.625 * 2^31 with a left shift by 2) and clamps at the output zero point.
// CHECK-LABEL: func.func @relu_rescales
// CHECK:       linalg.generic
// CHECK:         %[[OFF:.*]] = arith.subi %{{.*}}, %c-3_i32 : i32
// CHECK:         arith.shli %[[OFF]], %c2_i32 : i32
// CHECK:         arith.constant 1342177280 : i32
// CHECK:         %[[Y:.*]] = arith.addi %{{.*}}, %c10_i32 : i32
// CHECK:         %[[LO:.*]] = arith.maxsi %[[Y]], %c10_i32{{.*}} : i32
// CHECK:         arith.minsi %[[LO]], %c127_i32 : i32
func.func @relu_rescales(%x: tensor<4x!qi>) -> tensor<4x!qo> {
  %0 = mcuq.relu %x {kind = #mcuq.activation<relu>} : (tensor<4x!qi>) -> tensor<4x!qo>
  return %0 : tensor<4x!qo>
}

// -----
!q = !quant.uniform<i8:f32, 5.000000e-02:-3>

// RELU6 within one quantization clamps to [zp, zp + 6 / s] = [-3, 117]
// through a unit requantize.
// CHECK-LABEL: func.func @relu6_same_quantization
// CHECK:         arith.maxsi %{{.*}}, %c-3_i32{{.*}} : i32
// CHECK:         arith.minsi %{{.*}}, %c117_i32 : i32
func.func @relu6_same_quantization(%x: tensor<4x!q>) -> tensor<4x!q> {
  %0 = mcuq.relu %x {kind = #mcuq.activation<relu6>} : (tensor<4x!q>) -> tensor<4x!q>
  return %0 : tensor<4x!q>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-02:-3>
!qo = !quant.uniform<i8:f32, 2.000000e-02:10>

// RELU_N1_TO_1 into another quantization: the raw values are clamped with
// bounds from the input quantization (-3 -+ 1 / 0.05), nothing is rescaled.
// CHECK-LABEL: func.func @relu_n1_to_1_raw_clamp
// CHECK:       linalg.generic
// CHECK-NEXT:  ^bb0(%[[IN:.*]]: i8, %{{.*}}: i8):
// CHECK:         %[[LO:.*]] = arith.maxsi %[[IN]], %c-23_i8 : i8
// CHECK:         %[[HI:.*]] = arith.minsi %[[LO]], %c17_i8 : i8
// CHECK-NEXT:    linalg.yield %[[HI]] : i8
func.func @relu_n1_to_1_raw_clamp(%x: tensor<4x!qi>) -> tensor<4x!qo> {
  %0 = mcuq.relu %x {kind = #mcuq.activation<relu_n1_to_1>} : (tensor<4x!qi>) -> tensor<4x!qo>
  return %0 : tensor<4x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-02:-3>
!qo = !quant.uniform<i8:f32, 2.000000e-02:10>

// RELU_0_TO_1: like RELU_N1_TO_1 with the lower bound at the real 0 (the
// zero point): [-3, -3 + 1 / 0.05] in the input quantization.
// CHECK-LABEL: func.func @relu_0_to_1_raw_clamp
// CHECK:         %[[LO:.*]] = arith.maxsi %{{.*}}, %c-3_i8 : i8
// CHECK:         arith.minsi %[[LO]], %c17_i8 : i8
func.func @relu_0_to_1_raw_clamp(%x: tensor<4x!qi>) -> tensor<4x!qo> {
  %0 = mcuq.relu %x {kind = #mcuq.activation<relu_0_to_1>} : (tensor<4x!qi>) -> tensor<4x!qo>
  return %0 : tensor<4x!qo>
}
