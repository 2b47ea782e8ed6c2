// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s

!qi = !quant.uniform<i8:f32, 3.000000e-01:5>
!qo = !quant.uniform<i8:f32, 1.100000e-01:-7>
!qw = !quant.uniform<i8:f32, 7.000000e-02>
!qb = !quant.uniform<i32:f32, 0.021000001>

// A contraction over the depth of raw inputs, initialized with the bias minus
// zp_in * sum(w) per unit: 7 - 5 * 6 = -23 and 8 - 5 * -5 = 33. Per-tensor
// weights: one multiplier, from the scale product formed in float (TFLite's
// 1639896727, not double's 1639896604).
// CHECK:       #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK:       #[[W:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK:       #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @fully_connected
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3xi8>
// CHECK-DAG:   %[[WEIGHTS:.*]] = arith.constant dense<{{\[\[}}1, 2, 3], [-4, 5, -6]]> : tensor<2x3xi8>
// CHECK-DAG:   %[[BIAS:.*]] = arith.constant dense<[-23, 33]> : tensor<2xi32>
// CHECK:       %[[INIT:.*]] = linalg.generic {{.*}} ins(%[[BIAS]] : tensor<2xi32>) outs(%{{.*}} : tensor<2x2xi32>)
// CHECK:       %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[W]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME:    ins(%[[X]], %[[WEIGHTS]] : tensor<2x3xi8>, tensor<2x3xi8>) outs(%[[INIT]] : tensor<2x2xi32>)
// CHECK:         %[[A:.*]] = arith.extsi %{{.*}} : i8 to i32
// CHECK:         %[[B:.*]] = arith.extsi %{{.*}} : i8 to i32
// CHECK:         %[[P:.*]] = arith.muli %[[A]], %[[B]] : i32
// CHECK:         %[[S:.*]] = arith.addi %{{.*}}, %[[P]] : i32
// CHECK:         linalg.yield %[[S]] : i32
// CHECK:       linalg.generic {{.*}} ins(%[[ACC]] : tensor<2x2xi32>) outs(%{{.*}} : tensor<2x2xi8>)
// CHECK:         arith.constant 1639896727 : i32
// CHECK:         arith.shrsi %{{.*}}, %c2_i32{{.*}} : i32
// CHECK:         arith.addi %{{.*}}, %c-7_i32{{.*}} : i32
func.func @fully_connected(%x: tensor<2x3x!qi>) -> tensor<2x2x!qo> {
  %w = mcuq.const dense<[[1, 2, 3], [-4, 5, -6]]> : tensor<2x3xi8> -> tensor<2x3x!qw>
  %b = mcuq.const dense<[7, 8]> : tensor<2xi32> -> tensor<2x!qb>
  %0 = mcuq.fully_connected %x, %w, %b
      : (tensor<2x3x!qi>, tensor<2x3x!qw>, tensor<2x!qb>) -> tensor<2x2x!qo>
  return %0 : tensor<2x2x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 3.000000e-01:5>
!qo = !quant.uniform<i8:f32, 1.100000e-01:-7>
!qw = !quant.uniform<i8:f32, 7.000000e-02>

// keep_num_dims: the input is viewed as [4, 3] rows and the result as the
// input's leading dimensions plus the units; both are reshapes (views).
// CHECK-LABEL: func.func @fully_connected_keep_num_dims
// CHECK:       %[[ROWS:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [4, 3] : tensor<12xi8> into tensor<4x3xi8>
// CHECK:       arith.constant dense<[-30, 25]> : tensor<2xi32>
// CHECK:       %[[ACC:.*]] = linalg.generic {{.*}} ins(%[[ROWS]], %{{.*}} : tensor<4x3xi8>, tensor<2x3xi8>) outs(%{{.*}} : tensor<4x2xi32>)
// CHECK:       %[[FLAT:.*]] = tensor.collapse_shape %[[ACC]] {{\[\[}}0, 1]] : tensor<4x2xi32> into tensor<8xi32>
// CHECK:       %[[VIEW:.*]] = tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1, 2, 3]] output_shape [1, 2, 2, 2] : tensor<8xi32> into tensor<1x2x2x2xi32>
// CHECK:       linalg.generic {{.*}} ins(%[[VIEW]] : tensor<1x2x2x2xi32>) outs(%{{.*}} : tensor<1x2x2x2xi8>)
func.func @fully_connected_keep_num_dims(%x: tensor<1x2x2x3x!qi>) -> tensor<1x2x2x2x!qo> {
  %w = mcuq.const dense<[[1, 2, 3], [-4, 5, -6]]> : tensor<2x3xi8> -> tensor<2x3x!qw>
  %0 = mcuq.fully_connected %x, %w {keep_num_dims = true}
      : (tensor<1x2x2x3x!qi>, tensor<2x3x!qw>) -> tensor<1x2x2x2x!qo>
  return %0 : tensor<1x2x2x2x!qo>
}
