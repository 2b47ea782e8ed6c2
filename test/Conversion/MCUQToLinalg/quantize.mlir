// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s

!q = !quant.uniform<i8:f32, 5.000000e-02:-3>

// From f32: roundf(x / scale) (a float division, half away from zero),
// bounded before the conversion so out-of-range floats stay defined, then
// the zero point and the storage clamp in integers.
// CHECK-LABEL: func.func @quantize_f32
// CHECK:       linalg.generic
// CHECK:         %[[Q:.*]] = arith.divf %{{.*}}, %{{.*}} : f32
// CHECK:         %[[R:.*]] = math.round %[[Q]] : f32
// CHECK:         %[[LO:.*]] = arith.maximumf %[[R]], %{{.*}} : f32
// CHECK:         %[[HI:.*]] = arith.minimumf %[[LO]], %{{.*}} : f32
// CHECK:         %[[I:.*]] = arith.fptosi %[[HI]] : f32 to i32
// CHECK:         %[[Z:.*]] = arith.addi %[[I]], %c-3_i32 : i32
// CHECK:         arith.maxsi %[[Z]], %c-128_i32 : i32
// CHECK:         arith.trunci %{{.*}} : i32 to i8
func.func @quantize_f32(%f: tensor<4xf32>) -> tensor<4x!q> {
  %0 = mcuq.quantize %f : (tensor<4xf32>) -> tensor<4x!q>
  return %0 : tensor<4x!q>
}

// -----
!qi = !quant.uniform<i16:f32, 1.000000e-03>
!qo = !quant.uniform<i8:f32, 2.000000e-02:10>

// Between integer types: TFLite's requantization (0.001 / 0.02 = 0.05:
// 0.8 * 2^31 and a right shift by 4), then the output zero point and clamp.
// CHECK-LABEL: func.func @quantize_int16_to_int8
// CHECK:       linalg.generic {{.*}} ins(%{{.*}} : tensor<4xi16>) outs(%{{.*}} : tensor<4xi8>)
// CHECK:         arith.extsi %{{.*}} : i16 to i32
// CHECK:         arith.constant 1717986918 : i32
// CHECK:         arith.shrsi %{{.*}}, %c4_i32{{.*}} : i32
// CHECK:         arith.addi %{{.*}}, %c10_i32 : i32
// CHECK:         arith.maxsi %{{.*}}, %c-128_i32 : i32
// CHECK:         arith.minsi %{{.*}}, %c127_i32 : i32
func.func @quantize_int16_to_int8(%x: tensor<4x!qi>) -> tensor<4x!qo> {
  %0 = mcuq.quantize %x : (tensor<4x!qi>) -> tensor<4x!qo>
  return %0 : tensor<4x!qo>
}
