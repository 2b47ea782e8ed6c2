// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s

!q = !quant.uniform<i8:f32, 5.000000e-02:-3>

// scale * (q - zp): the offset is exact in i32 and the product of an exact
// float and the float scale rounds once, as TFLite's double product does.
// CHECK-LABEL: func.func @dequantize
// CHECK:       linalg.generic {{.*}} ins(%{{.*}} : tensor<4xi8>) outs(%{{.*}} : tensor<4xf32>)
// CHECK:         %[[X:.*]] = arith.extsi %{{.*}} : i8 to i32
// CHECK:         %[[OFF:.*]] = arith.subi %[[X]], %c-3_i32 : i32
// CHECK:         %[[F:.*]] = arith.sitofp %[[OFF]] : i32 to f32
// CHECK:         %[[S:.*]] = arith.constant 5.000000e-02 : f32
// CHECK:         %[[Y:.*]] = arith.mulf %[[F]], %[[S]] : f32
// CHECK:         linalg.yield %[[Y]] : f32
func.func @dequantize(%x: tensor<4x!q>) -> tensor<4xf32> {
  %0 = mcuq.dequantize %x : (tensor<4x!q>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----
!q32 = !quant.uniform<i32:f32, 3.750000e-01>

// Regression: an i32 offset is not exact in f32; rounding it to f32 before
// the multiply differed from TFLite's double product by one unit in the last
// place. Wide inputs multiply in f64 and round once to f32.
// CHECK-LABEL: func.func @dequantize_i32
// CHECK:         %[[F:.*]] = arith.sitofp %{{.*}} : i32 to f64
// CHECK:         %[[S:.*]] = arith.constant 3.750000e-01 : f64
// CHECK:         %[[P:.*]] = arith.mulf %[[F]], %[[S]] : f64
// CHECK:         %[[Y:.*]] = arith.truncf %[[P]] : f64 to f32
// CHECK:         linalg.yield %[[Y]] : f32
func.func @dequantize_i32(%x: tensor<4x!q32>) -> tensor<4xf32> {
  %0 = mcuq.dequantize %x : (tensor<4x!q32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
