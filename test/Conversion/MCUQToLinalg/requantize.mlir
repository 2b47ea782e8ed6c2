// RUN: mcuq-opt %s -convert-mcuq-to-linalg -convert-mcuq-to-arith -split-input-file | FileCheck %s
// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s --check-prefix=OP

!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>

// Per-tensor: TFLite's double-rounding MultiplyByQuantizedMultiplier with a
// constant multiplier and shift -1: the rounding doubling high multiply
// ((p + 2^30) >> 31 on the i64 product), then a rounding right shift by 1
// (mask 1, threshold 0 plus one for negative values), the output zero
// point and the storage clamp. The lowering keeps the high multiply as an
// op (for the kernels to map to an instruction); convert-mcuq-to-arith
// expands it.
// OP-LABEL: func.func @requantize_per_tensor
// OP:         %[[OFF:.*]] = arith.subi %{{.*}}, %c-1_i32 : i32
// OP:         %[[M:.*]] = arith.constant 1518500250 : i32
// OP:         mcuq.doubling_high_mul %[[OFF]], %[[M]] : i32
// OP-NOT:     i64
// OP:         linalg.yield
// CHECK-LABEL: func.func @requantize_per_tensor
// CHECK:       linalg.generic {{.*}} ins(%{{.*}} : tensor<4xi8>) outs(%{{.*}} : tensor<4xi8>)
// CHECK:         %[[X:.*]] = arith.extsi %{{.*}} : i8 to i32
// CHECK:         %[[OFF:.*]] = arith.subi %[[X]], %c-1_i32 : i32
// CHECK:         %[[M:.*]] = arith.constant 1518500250 : i32
// CHECK:         %[[WX:.*]] = arith.extsi %[[OFF]] : i32 to i64
// CHECK:         %[[WM:.*]] = arith.extsi %[[M]] : i32 to i64
// CHECK:         %[[P:.*]] = arith.muli %[[WX]], %[[WM]] : i64
// CHECK:         %[[NUDGED:.*]] = arith.addi %[[P]], %c1073741824_i64 : i64
// CHECK:         %[[HIGH:.*]] = arith.shrsi %[[NUDGED]], %c31_i64 : i64
// CHECK:         %[[H:.*]] = arith.trunci %[[HIGH]] : i64 to i32
// CHECK:         %[[REM:.*]] = arith.andi %[[H]], %c1_i32 : i32
// CHECK:         %[[NEG:.*]] = arith.cmpi slt, %[[H]], %c0_i32 : i32
// CHECK:         %[[NEG1:.*]] = arith.extui %[[NEG]] : i1 to i32
// CHECK:         %[[THRESHOLD:.*]] = arith.addi %c0_i32{{.*}}, %[[NEG1]] : i32
// CHECK:         %[[UP:.*]] = arith.cmpi sgt, %[[REM]], %[[THRESHOLD]] : i32
// CHECK:         %[[SHR:.*]] = arith.shrsi %[[H]], %c1_i32{{.*}} : i32
// CHECK:         %[[UP1:.*]] = arith.extui %[[UP]] : i1 to i32
// CHECK:         %[[R:.*]] = arith.addi %[[SHR]], %[[UP1]] : i32
// CHECK:         %[[Y:.*]] = arith.addi %[[R]], %c3_i32 : i32
// CHECK:         %[[LO:.*]] = arith.maxsi %[[Y]], %c-128_i32 : i32
// CHECK:         %[[HI:.*]] = arith.minsi %[[LO]], %c127_i32 : i32
// CHECK:         %[[OUT:.*]] = arith.trunci %[[HI]] : i32 to i8
// CHECK:         linalg.yield %[[OUT]] : i8
func.func @requantize_per_tensor(%x: tensor<4x!qi>) -> tensor<4x!qo> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1518500250>, shift = array<i32: -1>}
      : (tensor<4x!qi>) -> tensor<4x!qo>
  return %0 : tensor<4x!qo>
}

// -----
!qacc = !quant.uniform<i32:f32:1, {1.250000e-01,6.250000e-02}>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>

// Per channel along axis 1: multiplier and shift tables indexed by d1; the
// left and right shift amounts are max(shift, 0) and max(-shift, 0) at run
// time. The min/max attributes are the clamp.
// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[CH:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @requantize_per_channel
// CHECK-DAG:   %[[M:.*]] = arith.constant dense<[1073741824, 1518500250]> : tensor<2xi32>
// CHECK-DAG:   %[[S:.*]] = arith.constant dense<[-3, 2]> : tensor<2xi8>
// CHECK:       linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:    ins(%{{.*}}, %[[M]], %[[S]] : tensor<2x2xi32>, tensor<2xi32>, tensor<2xi8>)
// CHECK:       ^bb0(%[[X:.*]]: i32, %[[MUL:.*]]: i32, %[[SHIFT8:.*]]: i8, %{{.*}}: i8):
// CHECK:         %[[SHIFT:.*]] = arith.extsi %[[SHIFT8]] : i8 to i32
// CHECK:         %[[LEFT:.*]] = arith.maxsi %[[SHIFT]], %c0_i32 : i32
// CHECK:         %[[NEG:.*]] = arith.subi %c0_i32, %[[SHIFT]] : i32
// CHECK:         %[[RIGHT:.*]] = arith.maxsi %[[NEG]], %c0_i32 : i32
// CHECK:         %[[SHL:.*]] = arith.shli %[[X]], %[[LEFT]] : i32
// CHECK:         arith.extsi %[[SHL]] : i32 to i64
// CHECK:         arith.extsi %[[MUL]] : i32 to i64
// CHECK:         arith.shli %c1_i32, %[[RIGHT]] : i32
// CHECK:         arith.shrsi %{{.*}}, %[[RIGHT]] : i32
// CHECK:         arith.maxsi %{{.*}}, %c-5_i32 : i32
// CHECK:         arith.minsi %{{.*}}, %c100_i32 : i32
func.func @requantize_per_channel(%x: tensor<2x2x!qacc>) -> tensor<2x2x!qo> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1073741824, 1518500250>, shift = array<i32: -3, 2>,
                           axis = 1 : i64, min = -5 : i32, max = 100 : i32}
      : (tensor<2x2x!qacc>) -> tensor<2x2x!qo>
  return %0 : tensor<2x2x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!q32 = !quant.uniform<i32:f32, 1.000000e-03>

// ADD's input step: the offset input shifted left by pre_shift = 20, then by
// the multiplier's own left shift 3; an i32 result has nothing to clamp.
// CHECK-LABEL: func.func @requantize_pre_shift
// CHECK:         %[[OFF:.*]] = arith.subi %{{.*}}, %c-1_i32 : i32
// CHECK:         %[[PRE:.*]] = arith.shli %[[OFF]], %c20_i32 : i32
// CHECK:         %[[LEFT:.*]] = arith.shli %[[PRE]], %c3_i32 : i32
// CHECK:         arith.extsi %[[LEFT]] : i32 to i64
// CHECK:         %[[H:.*]] = arith.trunci %{{.*}} : i64 to i32
// CHECK-NEXT:    linalg.yield %[[H]] : i32
func.func @requantize_pre_shift(%x: tensor<3x!qi>) -> tensor<3x!q32> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 3>, pre_shift = 20 : i32}
      : (tensor<3x!qi>) -> tensor<3x!q32>
  return %0 : tensor<3x!q32>
}

// -----
!q16 = !quant.uniform<i16:f32, 1.000000e+00>

// The 16x8 kernels' int64 rescale: the multiplier rounded to 15 bits
// ((1518500250 + 2^15) >> 16 = 23170), one rounding shift by 15 - shift = 20.
// CHECK-LABEL: func.func @requantize_reduced16
// CHECK:       linalg.generic {{.*}} ins(%{{.*}} : tensor<2x3xi64>) outs(%{{.*}} : tensor<2x3xi16>)
// CHECK:         %[[P:.*]] = arith.muli %{{.*}}, %c23170_i64 : i64
// CHECK:         %[[R:.*]] = arith.addi %[[P]], %c524288_i64 : i64
// CHECK:         %[[S:.*]] = arith.shrsi %[[R]], %c20_i64 : i64
// CHECK:         %[[T:.*]] = arith.trunci %[[S]] : i64 to i32
// CHECK:         arith.maxsi %[[T]], %c-32768_i32 : i32
// CHECK:         arith.minsi %{{.*}}, %c32767_i32 : i32
// CHECK:         arith.trunci %{{.*}} : i32 to i16
func.func @requantize_reduced16(%x: tensor<2x3xi64>) -> tensor<2x3x!q16> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1518500250>, shift = array<i32: -5>,
                           rounding = #mcuq.rounding<reduced16>}
      : (tensor<2x3xi64>) -> tensor<2x3x!q16>
  return %0 : tensor<2x3x!q16>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>

// A flushed multiplier (TFLite's shift < -31 case) makes every result the
// output zero point; no multiply is emitted.
// CHECK-LABEL: func.func @requantize_zero_multiplier
// CHECK:       linalg.generic
// CHECK-NOT:     arith.muli
// CHECK:         arith.addi %c0_i32, %c3_i32 : i32
func.func @requantize_zero_multiplier(%x: tensor<3x!qi>) -> tensor<3x!qo> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 0>, shift = array<i32: 0>}
      : (tensor<3x!qi>) -> tensor<3x!qo>
  return %0 : tensor<3x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!q16 = !quant.uniform<i16:f32, 1.000000e+00>

// Regression: 'reduced16' on a narrow input multiplied an i32 by an i64
// constant (invalid IR). The offset input is widened to i64 first.
// CHECK-LABEL: func.func @requantize_reduced16_narrow_input
// CHECK:         %[[OFF:.*]] = arith.subi %{{.*}}, %c-1_i32 : i32
// CHECK:         %[[WIDE:.*]] = arith.extsi %[[OFF]] : i32 to i64
// CHECK:         arith.muli %[[WIDE]], %c23170_i64 : i64
func.func @requantize_reduced16_narrow_input(%x: tensor<3x!qi>) -> tensor<3x!q16> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1518500250>, shift = array<i32: -5>,
                           rounding = #mcuq.rounding<reduced16>}
      : (tensor<3x!qi>) -> tensor<3x!q16>
  return %0 : tensor<3x!q16>
}

// -----
!qacc = !quant.uniform<i32:f32:1, {1.250000e-01,6.250000e-02}>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>

// Per channel with only right shifts: the table holds the shift amounts and
// the body is the high multiply and a rounding right shift, no left shift.
// CHECK-LABEL: func.func @requantize_per_channel_right_shifts
// CHECK-DAG:   %[[S:.*]] = arith.constant dense<[3, 4]> : tensor<2xi8>
// CHECK:       linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %[[S]] : tensor<2x2xi32>, tensor<2xi32>, tensor<2xi8>)
// CHECK:       ^bb0(%[[X:.*]]: i32, %[[MUL:.*]]: i32, %[[RIGHT8:.*]]: i8, %{{.*}}: i8):
// CHECK:         %[[RIGHT:.*]] = arith.extsi %[[RIGHT8]] : i8 to i32
// CHECK-NOT:     arith.shli %[[X]]
// CHECK:         arith.extsi %[[X]] : i32 to i64
// CHECK:         arith.shrsi %{{.*}}, %[[RIGHT]] : i32
func.func @requantize_per_channel_right_shifts(%x: tensor<2x2x!qacc>) -> tensor<2x2x!qo> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1073741824, 1518500250>, shift = array<i32: -3, -4>,
                           axis = 1 : i64}
      : (tensor<2x2x!qacc>) -> tensor<2x2x!qo>
  return %0 : tensor<2x2x!qo>
}

// -----
!q16 = !quant.uniform<i16:f32, 1.000000e+00>

// Regression: the right-shift table of the double-rounding form leaked into
// the per-channel 16x8 rescale (int16 depthwise), which takes the shifts
// themselves: 15 - shift = 20 and 21.
// CHECK-LABEL: func.func @requantize_reduced16_per_channel
// CHECK-DAG:   %[[S:.*]] = arith.constant dense<[-5, -6]> : tensor<2xi8>
// CHECK:       linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %[[S]] : tensor<2x2xi64>, tensor<2xi32>, tensor<2xi8>)
// CHECK:       ^bb0(%{{.*}}: i64, %{{.*}}: i32, %[[SHIFT8:.*]]: i8, %{{.*}}: i16):
// CHECK:         %[[SHIFT:.*]] = arith.extsi %[[SHIFT8]] : i8 to i32
// CHECK:         arith.subi %c15_i32, %[[SHIFT]] : i32
func.func @requantize_reduced16_per_channel(%x: tensor<2x2xi64>) -> tensor<2x2x!q16> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1518500250, 1073741824>, shift = array<i32: -5, -6>,
                           axis = 1 : i64, rounding = #mcuq.rounding<reduced16>}
      : (tensor<2x2xi64>) -> tensor<2x2x!q16>
  return %0 : tensor<2x2x!q16>
}

// -----
!acc = !quant.uniform<i32:f32:1, {1.0e-3, 2.0e-3}>
!q = !quant.uniform<i8:f32, 5.000000e-01:-1>

// An accumulator of unknown range could overflow the short rounding shift's
// nudge: the full TFLite rounding (mask and threshold) is kept.
// CHECK-LABEL: func.func @unknown_range_keeps_full_rounding
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<3x2xi32>, tensor<2xi32>, tensor<2xi8>)
// CHECK:           arith.andi
// CHECK:           arith.cmpi sgt
// CHECK-NOT:       arith.shrui
func.func @unknown_range_keeps_full_rounding(%x: tensor<3x2x!acc>) -> tensor<3x2x!q> {
  %0 = mcuq.requantize %x {multiplier = array<i32: 1500000000, 1600000000>, shift = array<i32: -9, -8>, axis = 1 : i64}
      : (tensor<3x2x!acc>) -> tensor<3x2x!q>
  return %0 : tensor<3x2x!q>
}
