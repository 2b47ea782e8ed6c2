// RUN: mcuq-opt %s -convert-mcuq-to-linalg | FileCheck %s

!qi = !quant.uniform<i8:f32, 1.000000e-01:-3>
!qsm = !quant.uniform<i8:f32, 3.906250e-03:-128>

// int8 SOFTMAX per row (the last axis): the row maximum, then
// exp((x - max) * beta * s) looked up in a compile-time table of TFLite's
// fixed-point exp_on_negative_values indexed by max - x (entry 0 is exp(0) =
// INT32_MAX), the sum of the exps in Q12.19, its reciprocal in TFLite's
// fixed point at run time (clz + Newton-Raphson), and one scaled product per
// element with a per-row exponent of num_bits_over_unit + 31 - 8.
// CHECK-DAG:   #[[FULL:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax
// CHECK-SAME:    (%[[X:.*]]: tensor<2x5xi8>
// CHECK:       %[[LOWEST:.*]] = linalg.fill ins(%c-128_i32 : i32) outs(%{{.*}} : tensor<2xi32>)
// CHECK:       %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[FULL]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:    ins(%[[X]] : tensor<2x5xi8>) outs(%[[LOWEST]] : tensor<2xi32>)
// CHECK:         arith.maxsi
// CHECK:       %[[EXP:.*]] = arith.constant dense<"0xFFFFFF7F{{[0-9A-F]*}}"> : tensor<256xi32>
// CHECK:       %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[FULL]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:    ins(%[[X]], %[[MAX]] : tensor<2x5xi8>, tensor<2xi32>)
// CHECK:         %[[NEG:.*]] = arith.subi %{{.*}}, %{{.*}} : i32
// CHECK:         %[[I:.*]] = arith.index_cast %[[NEG]] : i32 to index
// CHECK:         tensor.extract %[[EXP]][%[[I]]] : tensor<256xi32>
// CHECK:         arith.shrsi %{{.*}}, %c12_i32 : i32
// CHECK:       %[[RECIP:.*]]:2 = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2xi32>)
// CHECK:         math.ctlz
// CHECK:         arith.constant 1515870810 : i32
// CHECK:         %[[EXPONENT:.*]] = arith.addi %{{.*}}, %c23_i32 : i32
// CHECK:         linalg.yield %{{.*}}, %[[EXPONENT]] : i32, i32
// CHECK:       linalg.generic {indexing_maps = [#[[FULL]], #[[ROW]], #[[ROW]], #[[ROW]], #[[FULL]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:    ins(%[[X]], %[[MAX]], %[[RECIP]]#0, %[[RECIP]]#1 : tensor<2x5xi8>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>)
// CHECK:         tensor.extract %[[EXP]]
// CHECK:         arith.addi %{{.*}}, %c-128_i32{{.*}} : i32
// CHECK:         arith.trunci %{{.*}} : i32 to i8
func.func @softmax(%x: tensor<2x5x!qi>) -> tensor<2x5x!qsm> {
  %0 = mcuq.softmax %x {beta = 0.5 : f32} : (tensor<2x5x!qi>) -> tensor<2x5x!qsm>
  return %0 : tensor<2x5x!qsm>
}
