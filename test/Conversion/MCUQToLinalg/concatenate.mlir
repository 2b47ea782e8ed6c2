// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s

!qa = !quant.uniform<i8:f32, 5.000000e-02:-3>
!qb = !quant.uniform<i8:f32, 2.000000e-02:10>

// Raw copies into slices of the result, whatever the inputs' quantization:
// TFLM does not requantize CONCATENATION inputs.
// CHECK-LABEL: func.func @concatenate_raw
// CHECK-SAME:    (%[[A:.*]]: tensor<1x2x3xi8> {{.*}}, %[[B:.*]]: tensor<1x2x1xi8>
// CHECK:       %[[E:.*]] = tensor.empty() : tensor<1x2x4xi8>
// CHECK:       %[[S0:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0, 0] [1, 2, 3] [1, 1, 1]
// CHECK:       %[[S1:.*]] = tensor.insert_slice %[[B]] into %[[S0]][0, 0, 3] [1, 2, 1] [1, 1, 1]
// CHECK-NOT:   linalg.generic
// CHECK:       return %[[S1]]
func.func @concatenate_raw(%a: tensor<1x2x3x!qa>, %b: tensor<1x2x1x!qb>) -> tensor<1x2x4x!qb> {
  %0 = mcuq.concatenate %a, %b {axis = 2 : i64} : (tensor<1x2x3x!qa>, tensor<1x2x1x!qb>) -> tensor<1x2x4x!qb>
  return %0 : tensor<1x2x4x!qb>
}

// -----
!qa = !quant.uniform<i8:f32, 5.000000e-02:-3>
!qb = !quant.uniform<i8:f32, 2.000000e-02:10>

// Regression: the fused activation used to be dropped. RELU6 clamps the
// copied values to [zp, zp + 6 / s] = [10, 127] of the output quantization.
// CHECK-LABEL: func.func @concatenate_relu6
// CHECK:       %[[S:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[1, 0] [1, 3] [1, 1]
// CHECK:       %[[R:.*]] = linalg.generic {{.*}} ins(%[[S]] : tensor<2x3xi8>)
// CHECK:         %[[LO:.*]] = arith.maxsi %{{.*}}, %c10_i8 : i8
// CHECK-NEXT:    linalg.yield %[[LO]] : i8
// CHECK:       return %[[R]]
func.func @concatenate_relu6(%a: tensor<1x3x!qa>, %b: tensor<1x3x!qb>) -> tensor<2x3x!qb> {
  %0 = mcuq.concatenate %a, %b {axis = 0 : i64, fused_activation = #mcuq.activation<relu6>}
      : (tensor<1x3x!qa>, tensor<1x3x!qb>) -> tensor<2x3x!qb>
  return %0 : tensor<2x3x!qb>
}

// -----
!q = !quant.uniform<i8:f32, 5.000000e-02:-3>

// RELU_N1_TO_1 bounds both sides: [-3 - 20, -3 + 20].
// CHECK-LABEL: func.func @concatenate_relu_n1_to_1
// CHECK:         arith.maxsi %{{.*}}, %c-23_i8 : i8
// CHECK:         arith.minsi %{{.*}}, %c17_i8 : i8
func.func @concatenate_relu_n1_to_1(%a: tensor<2x!q>) -> tensor<4x!q> {
  %0 = mcuq.concatenate %a, %a {axis = 0 : i64, fused_activation = #mcuq.activation<relu_n1_to_1>}
      : (tensor<2x!q>, tensor<2x!q>) -> tensor<4x!q>
  return %0 : tensor<4x!q>
}
