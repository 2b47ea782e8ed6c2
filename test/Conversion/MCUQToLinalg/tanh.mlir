// RUN: mcuq-opt %s -convert-mcuq-to-linalg | FileCheck %s

!qi = !quant.uniform<i8:f32, 1.000000e-01:-3>
!qo = !quant.uniform<i8:f32, 7.812500e-03>

// int8 TANH: a compile-time table of TFLite's fixed-point tanh for all 256
// inputs (saturated at both ends for scale 0.1), looked up at x + 128.
// CHECK-LABEL: func.func @tanh_int8
// CHECK:       %[[LUT:.*]] = arith.constant dense<"0x80{{[0-9A-F]*}}7F"> : tensor<256xi8>
// CHECK:       linalg.generic
// CHECK:         %[[I:.*]] = arith.addi %{{.*}}, %c128_i32 : i32
// CHECK:         %[[INDEX:.*]] = arith.index_cast %[[I]] : i32 to index
// CHECK:         tensor.extract %[[LUT]][%[[INDEX]]] : tensor<256xi8>
func.func @tanh_int8(%x: tensor<7x!qi>) -> tensor<7x!qo> {
  %0 = mcuq.tanh %x : (tensor<7x!qi>) -> tensor<7x!qo>
  return %0 : tensor<7x!qo>
}
