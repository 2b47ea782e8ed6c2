// RUN: mcuq-opt %s -convert-mcuq-to-linalg | FileCheck %s

!q = !quant.uniform<i8:f32, 5.000000e-01:-1>

// Raw element-wise max / min with numpy broadcasting: no rescale, the inputs
// share the output's quantization.
// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @maximum_minimum
// CHECK-SAME:    (%[[A:.*]]: tensor<2x3xi8> {{.*}}, %[[B:.*]]: tensor<1x3xi8>
// CHECK:       %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:    ins(%[[A]], %[[B]] : tensor<2x3xi8>, tensor<1x3xi8>) outs(%{{.*}} : tensor<2x3xi8>)
// CHECK:         %[[M:.*]] = arith.maxsi %{{.*}}, %{{.*}} : i8
// CHECK-NEXT:    linalg.yield %[[M]] : i8
// CHECK:       linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:    ins(%[[MAX]], %[[B]] : tensor<2x3xi8>, tensor<1x3xi8>)
// CHECK:         %[[N:.*]] = arith.minsi %{{.*}}, %{{.*}} : i8
// CHECK-NEXT:    linalg.yield %[[N]] : i8
func.func @maximum_minimum(%a: tensor<2x3x!q>, %b: tensor<1x3x!q>) -> tensor<2x3x!q> {
  %0 = mcuq.maximum %a, %b : (tensor<2x3x!q>, tensor<1x3x!q>) -> tensor<2x3x!q>
  %1 = mcuq.minimum %0, %b : (tensor<2x3x!q>, tensor<1x3x!q>) -> tensor<2x3x!q>
  return %1 : tensor<2x3x!q>
}
