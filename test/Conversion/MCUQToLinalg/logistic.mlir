// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s

!qi = !quant.uniform<i8:f32, 1.000000e-01:-3>
!qo = !quant.uniform<i8:f32, 3.906250e-03:-128>

// int8 LOGISTIC is a function of one byte: its 256 results, computed at
// compile time with TFLite's fixed-point logistic, form a table indexed by
// x + 128. With scale 0.1, -128 maps to -128 (sigmoid(-12.5)) and 127 to 127.
// CHECK-LABEL: func.func @logistic_int8
// CHECK:       %[[LUT:.*]] = arith.constant dense<"0x80{{[0-9A-F]*}}7F"> : tensor<256xi8>
// CHECK:       linalg.generic
// CHECK:         %[[X:.*]] = arith.extsi %{{.*}} : i8 to i32
// CHECK:         %[[I:.*]] = arith.addi %[[X]], %c128_i32 : i32
// CHECK:         %[[INDEX:.*]] = arith.index_cast %[[I]] : i32 to index
// CHECK:         %[[Y:.*]] = tensor.extract %[[LUT]][%[[INDEX]]] : tensor<256xi8>
// CHECK:         linalg.yield %[[Y]] : i8
func.func @logistic_int8(%x: tensor<7x!qi>) -> tensor<7x!qo> {
  %0 = mcuq.logistic %x : (tensor<7x!qi>) -> tensor<7x!qo>
  return %0 : tensor<7x!qo>
}

// -----
!q16 = !quant.uniform<i16:f32, 2.44140625E-4>
!qo = !quant.uniform<i16:f32, 3.0517578125E-5>

// int16 LOGISTIC: TFLite's interpolation in its 256-entry sigmoid table. The
// input scale 2^-12 is Q3.12 already, so the multiplier is 3 without a shift.
// CHECK-LABEL: func.func @logistic_int16
// CHECK:       linalg.generic
// CHECK:         %[[TABLE:.*]] = arith.constant dense<"0x00800000{{[0-9A-F]*}}"> : tensor<256xi32>
// CHECK:         %[[V:.*]] = arith.muli %{{.*}}, %c3_i32 : i32
// CHECK:         %[[ABS:.*]] = math.absi %[[V]] : i32
// CHECK:         arith.shrui %[[ABS]], %c9_i32 : i32
// CHECK:         tensor.extract %[[TABLE]]
// CHECK:         tensor.extract %[[TABLE]]
// CHECK:         arith.shrui %{{.*}}, %c10_i32 : i32
// CHECK:         arith.trunci %{{.*}} : i32 to i16
func.func @logistic_int16(%x: tensor<5x!q16>) -> tensor<5x!qo> {
  %0 = mcuq.logistic %x : (tensor<5x!q16>) -> tensor<5x!qo>
  return %0 : tensor<5x!qo>
}
