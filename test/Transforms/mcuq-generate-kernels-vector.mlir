// RUN: mcuq-opt %s -split-input-file -mcuq-attach-target="target=cortex-m55 strategy=generic" -convert-mcuq-to-linalg -canonicalize -mcuq-fuse-elementwise -canonicalize -mcuq-generate-kernels -canonicalize | FileCheck %s
// RUN: mcuq-opt %s -split-input-file -mcuq-attach-target=target=cortex-m55 -convert-mcuq-to-linalg -canonicalize -mcuq-fuse-elementwise -canonicalize -mcuq-generate-kernels -canonicalize | FileCheck %s --check-prefix=MVE

!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
!qb = !quant.uniform<i32:f32, 1.250000e-01>

// With vector lanes (Arm MVE), a depthwise convolution accumulates 4 x i32
// vectors, two per pass over 16 channels. The weights are laid out per block
// of 8 channels ([C / 8, KH, KW, 8]: with w[tap][ch] = 10 * tap + ch, block 0
// is 0-7, 10-17, ... and block 1, 72 bytes on, 8-15, 18-25, ...) and the
// input is read through its flat view.
// The requantize runs per lane. Border pixels (after the interior branch)
// select the zero point for outside taps as a whole vector.
// CHECK-LABEL: func.func @depthwise_vector
// CHECK-NOT:   linalg.depthwise
// CHECK-DAG:   arith.constant dense<"0x00010203040506070A0B0C0D0E0F1011{{([0-9A-F]{112})}}08090A0B0C0D0E0F1213{{[0-9A-F]+}}"> : tensor<2x3x3x8xi8>
// CHECK-DAG:   %[[ZP:.*]] = arith.constant dense<-1> : vector<4xi8>
// CHECK:       tensor.collapse_shape %{{.*}} {{\[\[}}0, 1, 2, 3]] : tensor<1x3x3x16xi8> into tensor<144xi8>
// CHECK:       scf.for %{{.*}} = %c0 to %c2 step %c1
// CHECK:         vector.transfer_read %{{.*}} : tensor<16xi32>, vector<4xi32>
// CHECK:         vector.transfer_read %{{.*}} : tensor<144xi8>, vector<4xi8>
// CHECK:         vector.transfer_read %{{.*}} : tensor<2x3x3x8xi8>, vector<4xi8>
// CHECK:         arith.extsi %{{.*}} : vector<4xi8> to vector<4xi32>
// CHECK:         arith.muli %{{.*}}, %{{.*}} : vector<4xi32>
// CHECK:         arith.addi %{{.*}}, %{{.*}} : vector<4xi32>
// CHECK:         vector.extract %{{.*}}[0] : i32 from vector<4xi32>
// CHECK:         arith.maxsi
// CHECK:         tensor.insert
// CHECK:         vector.extract %{{.*}}[3] : i32 from vector<4xi32>
// CHECK:         %[[X:.*]] = vector.transfer_read %{{.*}} : tensor<144xi8>, vector<4xi8>
// CHECK:         arith.select %{{.*}}, %[[X]], %[[ZP]] : vector<4xi8>
// With mve, the requantize runs on the four lanes at once: the doubling high
// multiply (here by the per-tensor multiplier 2^30) as VQRDMULH, the
// rounding shift, zero point and clamp lane-wise, one 4-byte store.
// MVE-LABEL: func.func @depthwise_vector
// MVE:         %[[M:.*]] = arith.constant dense<1073741824> : vector<4xi32>
// MVE:         llvm.call_intrinsic "llvm.arm.mve.vqrdmulh"(%{{.*}}, %[[M]]) : (vector<4xi32>, vector<4xi32>) -> vector<4xi32>
// MVE:         arith.maxsi %{{.*}}, %{{.*}} : vector<4xi32>
// MVE:         arith.trunci %{{.*}} : vector<4xi32> to vector<4xi8>
// MVE:         vector.transfer_write %{{.*}} {in_bounds = [true]} : vector<4xi8>, tensor<1x3x3x16xi8>
// MVE-NOT:     tensor.insert
// MVE-LABEL: func.func @depthwise_multiplier
func.func @depthwise_vector(%x: tensor<1x3x3x16x!qi>) -> tensor<1x3x3x16x!qo> {
  %w = mcuq.const dense<[[[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25], [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35]], [[30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45], [40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55], [50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65]], [[60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75], [70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85], [80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95]]]]> : tensor<1x3x3x16xi8> -> tensor<1x3x3x16x!qw>
  %b = mcuq.const dense<7> : tensor<16xi32> -> tensor<16x!qb>
  %0 = mcuq.depthwise_conv2d %x, %w, %b {padding = #mcuq.padding<same>, fused_activation = #mcuq.activation<relu>}
      : (tensor<1x3x3x16x!qi>, tensor<1x3x3x16x!qw>, tensor<16x!qb>) -> tensor<1x3x3x16x!qo>
  return %0 : tensor<1x3x3x16x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
!qb = !quant.uniform<i32:f32, 1.250000e-01>

// A depth multiplier above 1 (each input channel feeds several outputs)
// keeps the scalar kernel.
// CHECK-LABEL: func.func @depthwise_multiplier
// CHECK-NOT:   vector<4xi32>
// CHECK:       tensor.insert
func.func @depthwise_multiplier(%x: tensor<1x3x3x4x!qi>) -> tensor<1x3x3x8x!qo> {
  %w = mcuq.const dense<2> : tensor<1x3x3x8xi8> -> tensor<1x3x3x8x!qw>
  %b = mcuq.const dense<7> : tensor<8xi32> -> tensor<8x!qb>
  %0 = mcuq.depthwise_conv2d %x, %w, %b {padding = #mcuq.padding<same>, depth_multiplier = 2 : i64}
      : (tensor<1x3x3x4x!qi>, tensor<1x3x3x8x!qw>, tensor<8x!qb>) -> tensor<1x3x3x8x!qo>
  return %0 : tensor<1x3x3x8x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
!qb = !quant.uniform<i32:f32, 1.250000e-01>

// A convolution over two input channels: output channels across the lanes.
// Per tap one input byte, broadcast, times a vector of weights blocked as
// [F / 8, KH, KW, C, 8] (VMLA by a scalar on MVE).
// CHECK-LABEL: func.func @conv_few_inputs
// CHECK-NOT:   linalg.conv_2d
// CHECK:       arith.constant dense<{{.*}}> : tensor<1x3x3x2x8xi8>
// CHECK:         vector.transfer_read %{{.*}} : tensor<8xi32>, vector<4xi32>
// CHECK:         tensor.extract %{{.*}} : tensor<1x3x3x2xi8>
// CHECK:         vector.broadcast %{{.*}} : i32 to vector<4xi32>
// CHECK:         vector.transfer_read %{{.*}} : tensor<1x3x3x2x8xi8>, vector<4xi8>
// CHECK:         arith.muli %{{.*}}, %{{.*}} : vector<4xi32>
// CHECK:         arith.addi %{{.*}}, %{{.*}} : vector<4xi32>
// CHECK:         vector.extract %{{.*}}[0] : i32 from vector<4xi32>
// CHECK:         tensor.insert
func.func @conv_few_inputs(%x: tensor<1x3x3x2x!qi>) -> tensor<1x3x3x8x!qo> {
  %w = mcuq.const dense<3> : tensor<8x3x3x2xi8> -> tensor<8x3x3x2x!qw>
  %b = mcuq.const dense<7> : tensor<8xi32> -> tensor<8x!qb>
  %0 = mcuq.conv2d %x, %w, %b {padding = #mcuq.padding<same>}
      : (tensor<1x3x3x2x!qi>, tensor<8x3x3x2x!qw>, tensor<8x!qb>) -> tensor<1x3x3x8x!qo>
  return %0 : tensor<1x3x3x8x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
!qb = !quant.uniform<i32:f32, 1.250000e-01>

// A depthwise convolution of one input channel (depth multiplier 4) is the
// same: four output channels in one vector.
// CHECK-LABEL: func.func @depthwise_one_channel
// CHECK-NOT:   linalg.depthwise
// CHECK:       arith.constant dense<{{.*}}> : tensor<1x3x3x1x4xi8>
// CHECK:         vector.broadcast %{{.*}} : i32 to vector<4xi32>
// CHECK:         arith.muli %{{.*}}, %{{.*}} : vector<4xi32>
// CHECK:         vector.extract %{{.*}}[3] : i32 from vector<4xi32>
func.func @depthwise_one_channel(%x: tensor<1x3x3x1x!qi>) -> tensor<1x3x3x4x!qo> {
  %w = mcuq.const dense<2> : tensor<1x3x3x4xi8> -> tensor<1x3x3x4x!qw>
  %b = mcuq.const dense<7> : tensor<4xi32> -> tensor<4x!qb>
  %0 = mcuq.depthwise_conv2d %x, %w, %b {padding = #mcuq.padding<same>, depth_multiplier = 4 : i64}
      : (tensor<1x3x3x1x!qi>, tensor<1x3x3x4x!qw>, tensor<4x!qb>) -> tensor<1x3x3x4x!qo>
  return %0 : tensor<1x3x3x4x!qo>
}

// -----
!qi = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qo = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32, 2.500000e-01>
!qb = !quant.uniform<i32:f32, 1.250000e-01>

// A 1x1 convolution over 16 channels is left to LLVM's vectorizer (no
// vector accumulators here), but with pair-channels=4 (as on MVE) its
// interior pixel pairs take four output channels per pass, so that each
// pixel's four accumulators are requantized as one vector, one write.
// CHECK-LABEL: func.func @pointwise
// CHECK-NOT:   vector<4xi32>
// MVE-LABEL:   func.func @pointwise
// MVE:         scf.for %{{.*}} = %c0 to %c8 step %c4
// MVE:         vector.from_elements %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : vector<4xi32>
// MVE:         llvm.call_intrinsic "llvm.arm.mve.vqrdmulh"
// MVE:         vector.transfer_write %{{.*}} {in_bounds = [true]} : vector<4xi8>, tensor<1x2x4x8xi8>
// MVE:         vector.transfer_write %{{.*}} {in_bounds = [true]} : vector<4xi8>, tensor<1x2x4x8xi8>
func.func @pointwise(%x: tensor<1x2x4x16x!qi>) -> tensor<1x2x4x8x!qo> {
  %w = mcuq.const dense<3> : tensor<8x1x1x16xi8> -> tensor<8x1x1x16x!qw>
  %b = mcuq.const dense<7> : tensor<8xi32> -> tensor<8x!qb>
  %0 = mcuq.conv2d %x, %w, %b {padding = #mcuq.padding<valid>}
      : (tensor<1x2x4x16x!qi>, tensor<8x1x1x16x!qw>, tensor<8x!qb>) -> tensor<1x2x4x8x!qo>
  return %0 : tensor<1x2x4x8x!qo>
}
