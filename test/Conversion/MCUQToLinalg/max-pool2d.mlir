// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s

!q = !quant.uniform<i8:f32, 5.000000e-01:-1>

// Padding and the initial value are the type's lowest value, which never
// beats an in-image tap (TFLite's clipped windows start from it too). RELU
// is a separate clamp at the zero point; its upper bound is the type's max
// and is not emitted.
// CHECK-LABEL: func.func @max_pool2d_same_relu
// CHECK:       %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK:         tensor.yield %c-128_i8 : i8
// CHECK:       %[[INIT:.*]] = linalg.fill ins(%c-128_i8{{.*}} : i8) outs(%{{.*}} : tensor<1x3x3x2xi8>)
// CHECK:       %[[MAX:.*]] = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME:    ins(%[[PADDED]], %{{.*}} : tensor<1x5x5x2xi8>, tensor<3x3xi8>) outs(%[[INIT]] : tensor<1x3x3x2xi8>)
// CHECK:       linalg.generic {{.*}} ins(%[[MAX]] : tensor<1x3x3x2xi8>)
// CHECK:         %[[R:.*]] = arith.maxsi %{{.*}}, %c-1_i8 : i8
// CHECK-NEXT:    linalg.yield %[[R]] : i8
func.func @max_pool2d_same_relu(%x: tensor<1x3x3x2x!q>) -> tensor<1x3x3x2x!q> {
  %0 = mcuq.max_pool2d %x {kernel = array<i64: 3, 3>, padding = #mcuq.padding<same>,
                           fused_activation = #mcuq.activation<relu>}
      : (tensor<1x3x3x2x!q>) -> tensor<1x3x3x2x!q>
  return %0 : tensor<1x3x3x2x!q>
}

// -----
!q = !quant.uniform<i8:f32, 5.000000e-01:-1>

// Without an activation the pooling result is returned directly.
// CHECK-LABEL: func.func @max_pool2d_valid
// CHECK-NOT:   tensor.pad
// CHECK:       %[[MAX:.*]] = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-NOT:   linalg.generic
// CHECK:       return %[[MAX]] : tensor<1x2x2x2xi8>
func.func @max_pool2d_valid(%x: tensor<1x5x5x2x!q>) -> tensor<1x2x2x2x!q> {
  %0 = mcuq.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = #mcuq.padding<valid>}
      : (tensor<1x5x5x2x!q>) -> tensor<1x2x2x2x!q>
  return %0 : tensor<1x2x2x2x!q>
}
