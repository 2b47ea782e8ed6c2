// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s

!qin = !quant.uniform<i8:f32, 5.000000e-02:3>
!qwf = !quant.uniform<i8:f32, 1.000000e-02>
!qwt = !quant.uniform<i8:f32, 2.000000e-02>
!qs = !quant.uniform<i8:f32, 4.000000e-02:-5>
!qb = !quant.uniform<i32:f32, 8.000000e-04>
!qout = !quant.uniform<i8:f32, 1.000000e-01:-128>

// int8 state with a zero point, rank 2 (two filters per unit), memory 3.
// CHECK-LABEL: func.func @svdf_int8_state
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x6xi8> {{.*}}, %[[S:[a-z0-9]+]]: tensor<1x12xi8>
// Feature step: -zp_in * (row sums 3, -1, 4, 0) is the initial accumulator.
// CHECK-DAG: %[[WF:.*]] = arith.constant dense<{{\[\[}}1, 2, 0, 0, 0, 0], {{.*}}> : tensor<4x6xi8>
// CHECK-DAG: %[[FINIT:.*]] = arith.constant dense<[-9, 3, -12, 0]> : tensor<4xi32>
// CHECK: %[[ACC0:.*]] = linalg.generic {{.*}} ins(%[[FINIT]] : tensor<4xi32>)
// CHECK: %[[DOT:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[WF]] : tensor<1x6xi8>, tensor<4x6xi8>) outs(%[[ACC0]] : tensor<1x4xi32>)
// The multiplier is TFLM's float expression f32(f32(0.05 * 0.01) / 0.04).
// Clamp to the state range, then add the zero point and narrow (wraps).
// CHECK: %[[NEWEST:.*]] = linalg.generic {{.*}} ins(%[[DOT]] : tensor<1x4xi32>) outs(%{{.*}} : tensor<1x4xi8>)
// CHECK: arith.constant 1717987072 : i32
// CHECK: arith.constant 6 : i32
// CHECK: %[[LO:.*]] = arith.maxsi %{{.*}}, %c-128_i32
// CHECK: %[[HI:.*]] = arith.minsi %[[LO]], %c127_i32
// CHECK: %[[ZP:.*]] = arith.addi %[[HI]], %c-5_i32
// CHECK: arith.trunci %[[ZP]] : i32 to i8
// The whole state shifts left by one element through one contiguous copy,
// then the newest values go to every third slot.
// CHECK: %[[KEPT:.*]] = tensor.extract_slice %[[S]][0, 1] [1, 11] [1, 1]
// CHECK: %[[COPY:.*]] = linalg.copy ins(%[[KEPT]] : tensor<1x11xi8>)
// CHECK: %[[SHIFTED:.*]] = tensor.insert_slice %[[COPY]] into %[[S]][0, 0] [1, 11] [1, 1]
// CHECK: %[[STATE:.*]] = tensor.insert_slice %[[NEWEST]] into %[[SHIFTED]][0, 2] [1, 4] [1, 3]
// Time step over rank x memory; bias - zp_state * sum(w_t) per unit:
// 100 + 5 * 5 and -7 + 5 * 0.
// CHECK: %[[TINIT:.*]] = arith.constant dense<[125, -7]> : tensor<2xi32>
// CHECK: %[[ACC1:.*]] = linalg.generic {{.*}} ins(%[[TINIT]] : tensor<2xi32>)
// CHECK: %[[S4:.*]] = tensor.expand_shape %{{.*}} output_shape [1, 2, 2, 3]
// CHECK: %[[T:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%[[S4]], %{{.*}} : tensor<1x2x2x3xi8>, tensor<2x2x3xi8>) outs(%[[ACC1]] : tensor<1x2xi32>)
// The fused RELU is not applied (TFLM's integer kernel ignores it): the
// output clamp is the int8 range.
// CHECK: %[[OUT:.*]] = linalg.generic {{.*}} ins(%[[T]] : tensor<1x2xi32>)
// CHECK: arith.constant 1099511552 : i32
// CHECK: %[[OZP:.*]] = arith.addi %{{.*}}, %c-128_i32
// CHECK: arith.maxsi %[[OZP]], %c-128_i32
// CHECK: return %[[OUT]], %[[STATE]] : tensor<1x2xi8>, tensor<1x12xi8>
func.func @svdf_int8_state(%x: tensor<1x6x!qin>, %s: tensor<1x12x!qs>) -> (tensor<1x2x!qout>, tensor<1x12x!qs>) {
  %wf = mcuq.const dense<[[1, 2, 0, 0, 0, 0], [0, 0, -1, 0, 0, 0], [3, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0]]> : tensor<4x6xi8> -> tensor<4x6x!qwf>
  %wt = mcuq.const dense<[[1, 1, 1], [2, 0, 0], [0, 0, -1], [1, -1, 1]]> : tensor<4x3xi8> -> tensor<4x3x!qwt>
  %b = mcuq.const dense<[100, -7]> : tensor<2xi32> -> tensor<2x!qb>
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) bias(%b) {rank = 2 : i64, fused_activation = #mcuq.activation<relu>}
      : (tensor<1x6x!qin>, tensor<4x6x!qwf>, tensor<4x3x!qwt>, tensor<2x!qb>, tensor<1x12x!qs>)
      -> (tensor<1x2x!qout>, tensor<1x12x!qs>)
  return %y, %s1 : tensor<1x2x!qout>, tensor<1x12x!qs>
}

// -----

!qin = !quant.uniform<i8:f32, 5.000000e-02:3>
!qwf = !quant.uniform<i8:f32, 1.000000e-02>
!qwt16 = !quant.uniform<i16:f32, 2.000000e-02>
!qs16 = !quant.uniform<i16:f32, 4.000000e-02>
!qout = !quant.uniform<i8:f32, 1.000000e-01:-128>

// int16 state and time weights, memory 1 (nothing to shift: the newest
// values are the whole state), no bias.
// CHECK-LABEL: func.func @svdf_int16_state_memory_one
// CHECK-SAME: %[[S:[a-z0-9]+]]: tensor<1x2xi16>
// CHECK-NOT: linalg.copy
// CHECK: %[[NEWEST:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2xi16>)
// CHECK: arith.maxsi %{{.*}}, %c-32768_i32
// CHECK: arith.minsi %{{.*}}, %c32767_i32
// CHECK-NOT: arith.addi
// CHECK: arith.trunci %{{.*}} : i32 to i16
// CHECK: %[[STATE:.*]] = tensor.insert_slice %[[NEWEST]] into %[[S]][0, 0] [1, 2] [1, 1]
// CHECK: %[[TINIT:.*]] = arith.constant dense<0> : tensor<2xi32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x2x1x1xi16>, tensor<2x1x1xi16>)
// CHECK: arith.extsi %{{.*}} : i16 to i32
// CHECK: return %{{.*}}, %[[STATE]] : tensor<1x2xi8>, tensor<1x2xi16>
func.func @svdf_int16_state_memory_one(%x: tensor<1x6x!qin>, %s: tensor<1x2x!qs16>) -> (tensor<1x2x!qout>, tensor<1x2x!qs16>) {
  %wf = mcuq.const dense<1> : tensor<2x6xi8> -> tensor<2x6x!qwf>
  %wt = mcuq.const dense<[[300], [-2]]> : tensor<2x1xi16> -> tensor<2x1x!qwt16>
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) {rank = 1 : i64}
      : (tensor<1x6x!qin>, tensor<2x6x!qwf>, tensor<2x1x!qwt16>, tensor<1x2x!qs16>)
      -> (tensor<1x2x!qout>, tensor<1x2x!qs16>)
  return %y, %s1 : tensor<1x2x!qout>, tensor<1x2x!qs16>
}
