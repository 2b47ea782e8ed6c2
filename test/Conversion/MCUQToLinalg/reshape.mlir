// RUN: mcuq-opt %s -convert-mcuq-to-linalg | FileCheck %s

!q = !quant.uniform<i8:f32, 5.000000e-02:-3>

// A reshape is a collapse to 1-D and an expand, both views after
// bufferization. Constants become plain integer constants; a reshaped
// constant folds into one.
// CHECK-LABEL: func.func @reshape_and_const
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x3xi8>
// CHECK:       %[[C:.*]] = arith.constant dense<[1, 2, 3, 4, 5, 6]> : tensor<6xi8>
// CHECK:       %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1, 2]] : tensor<1x2x3xi8> into tensor<6xi8>
// CHECK:       %[[Y:.*]] = tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [3, 2] : tensor<6xi8> into tensor<3x2xi8>
// CHECK:       return %[[Y]], %[[C]] : tensor<3x2xi8>, tensor<6xi8>
func.func @reshape_and_const(%x: tensor<1x2x3x!q>) -> (tensor<3x2x!q>, tensor<6x!q>) {
  %c = mcuq.const dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8> -> tensor<2x3x!q>
  %0 = mcuq.reshape %x : (tensor<1x2x3x!q>) -> tensor<3x2x!q>
  %1 = mcuq.reshape %c : (tensor<2x3x!q>) -> tensor<6x!q>
  return %0, %1 : tensor<3x2x!q>, tensor<6x!q>
}
