// RUN: mcuq-opt %s -split-input-file -convert-mcuq-to-linalg -canonicalize -mcuq-fuse-elementwise -canonicalize -mcuq-generate-kernels -canonicalize | FileCheck %s --check-prefixes=CHECK,GENERIC
// RUN: mcuq-opt %s -split-input-file -mcuq-attach-target=target=cortex-m4 -convert-mcuq-to-linalg -canonicalize -mcuq-fuse-elementwise -canonicalize -mcuq-generate-kernels -canonicalize | FileCheck %s --check-prefixes=CHECK,DSP

!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
!qb = !quant.uniform<i32:f32:0, {1.250000e-01,6.250000e-02}>

// A SAME 3x3 convolution: no padded copy of the input and no int32 tensor;
// the requantize is applied to each accumulator before it is stored.
// Interior outputs start from the bias with the zero point folded in
// (10 + 1 * 36 = 46 and -20 + 36 = 16), border outputs from the plain bias
// and subtract the zero point (x + 1) from the taps they read.
// CHECK-LABEL: func.func @conv
// CHECK-NOT: tensor.pad
// CHECK-NOT: linalg.conv_2d
// CHECK-NOT: tensor<1x4x4x2xi32>
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0], [1], [2, 3]] : tensor<1x4x4x4xi8> into tensor<1x4x16xi8>
// CHECK: scf.for
// CHECK: scf.if
// GENERIC: arith.subi %{{.*}}, %c-1_i32 : i32
// DSP: llvm.call_intrinsic "llvm.arm.sxtab16"(%c65537_i32
// DSP: llvm.call_intrinsic "llvm.arm.smlad"
// CHECK: mcuq.doubling_high_mul %{{.*}}, %c1073741824_i32 {rhs_not_min} : i32
// CHECK: arith.maxsi %{{.*}}, %c3_i32 : i32
// CHECK: tensor.insert
// CHECK: iter_args({{.*}} = %c46_i32, {{.*}} = %c16_i32, {{.*}} = %c46_i32, {{.*}} = %c16_i32)
// DSP: llvm.call_intrinsic "llvm.arm.sxtb16"
func.func @conv(%x: tensor<1x4x4x4x!qi>) -> tensor<1x4x4x2x!qo> {
  %w = mcuq.const dense<1> : tensor<2x3x3x4xi8> -> tensor<2x3x3x4x!qw>
  %b = mcuq.const dense<[10, -20]> : tensor<2xi32> -> tensor<2x!qb>
  %0 = mcuq.conv2d %x, %w, %b {padding = #mcuq.padding<same>, fused_activation = #mcuq.activation<relu>}
      : (tensor<1x4x4x4x!qi>, tensor<2x3x3x4x!qw>, tensor<2x!qb>) -> tensor<1x4x4x2x!qo>
  return %0 : tensor<1x4x4x2x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:3, {2.500000e-01,1.250000e-01,2.500000e-01,1.250000e-01}>
!qb = !quant.uniform<i32:f32:0, {1.250000e-01,6.250000e-02,1.250000e-01,6.250000e-02}>

// Depthwise: border taps outside the image read the zero point (clamped
// index, then select), so one folded bias serves every pixel; with DSP four
// channels are one word, multiplied lane by lane with SMLABB/SMLATT.
// CHECK-LABEL: func.func @depthwise
// CHECK-NOT: linalg.depthwise
// CHECK-NOT: tensor.pad
// GENERIC: arith.select %{{.*}}, %{{.*}}, %c-1_i8 : i8
// DSP: arith.select %{{.*}}, %{{.*}}, %c-1_i32 : i32
// DSP: llvm.call_intrinsic "llvm.arm.smlabb"
// DSP: llvm.call_intrinsic "llvm.arm.smlatt"
// CHECK: tensor.insert
func.func @depthwise(%x: tensor<1x3x3x4x!qi>) -> tensor<1x3x3x4x!qo> {
  %w = mcuq.const dense<2> : tensor<1x3x3x4xi8> -> tensor<1x3x3x4x!qw>
  %b = mcuq.const dense<[1, 2, 3, 4]> : tensor<4xi32> -> tensor<4x!qb>
  %0 = mcuq.depthwise_conv2d %x, %w, %b {padding = #mcuq.padding<same>}
      : (tensor<1x3x3x4x!qi>, tensor<1x3x3x4x!qw>, tensor<4x!qb>) -> tensor<1x3x3x4x!qo>
  return %0 : tensor<1x3x3x4x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>

// Fully connected: four units per pass over the input, the requantize fused.
// CHECK-LABEL: func.func @fully_connected
// CHECK-NOT: linalg.generic
// CHECK: scf.for %{{.*}} = %c0 to %c8 step %c4 iter_args
// GENERIC: scf.for %{{.*}} = %c0 to %c16 step %c1 iter_args({{.*}}, {{.*}}, {{.*}}, {{.*}}) -> (i32, i32, i32, i32)
// DSP: scf.for %{{.*}} = %c0 to %c16 step %c8 iter_args({{.*}}, {{.*}}, {{.*}}, {{.*}}) -> (i32, i32, i32, i32)
// CHECK-COUNT-4: tensor.insert
func.func @fully_connected(%x: tensor<1x16x!qi>) -> tensor<1x8x!qo> {
  %w = mcuq.const dense<[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
                          [2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
                          [3, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
                          [4, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
                          [5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
                          [6, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
                          [7, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
                          [8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, -16]]> : tensor<8x16xi8> -> tensor<8x16x!qw>
  %0 = mcuq.fully_connected %x, %w : (tensor<1x16x!qi>, tensor<8x16x!qw>) -> tensor<1x8x!qo>
  return %0 : tensor<1x8x!qo>
}
