// RUN: mcuq-opt %s -convert-mcuq-to-linalg | FileCheck %s

!q = !quant.uniform<i8:f32, 5.000000e-02:-3>

// PAD fills with the zero point (the real 0), PADV2 with its stored value.
// CHECK-LABEL: func.func @pad
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x3xi8>
// CHECK:       %[[A:.*]] = tensor.pad %[[X]] low[0, 1, 0] high[0, 1, 1] {
// CHECK:         tensor.yield %c-3_i8 : i8
// CHECK:       } : tensor<1x2x3xi8> to tensor<1x4x4xi8>
// CHECK:       %[[B:.*]] = tensor.pad %[[X]] low[2, 0, 0] high[0, 0, 0] {
// CHECK:         tensor.yield %c77_i8 : i8
// CHECK:       } : tensor<1x2x3xi8> to tensor<3x2x3xi8>
// CHECK:       return %[[A]], %[[B]]
func.func @pad(%x: tensor<1x2x3x!q>) -> (tensor<1x4x4x!q>, tensor<3x2x3x!q>) {
  %0 = mcuq.pad %x {paddings = array<i64: 0, 0, 1, 1, 0, 1>} : (tensor<1x2x3x!q>) -> tensor<1x4x4x!q>
  %1 = mcuq.pad %x {paddings = array<i64: 2, 0, 0, 0, 0, 0>, pad_value = 77 : i32}
      : (tensor<1x2x3x!q>) -> tensor<3x2x3x!q>
  return %0, %1 : tensor<1x4x4x!q>, tensor<3x2x3x!q>
}
