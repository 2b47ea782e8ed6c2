// RUN: mcuq-opt %s -mcuq-generate-kernels -canonicalize | FileCheck %s --check-prefixes=CHECK,DSP
// RUN: mcuq-opt %s -mcuq-attach-target="target=cortex-m4 strategy=generic" -mcuq-generate-kernels -canonicalize \
// RUN:   | FileCheck %s --check-prefixes=CHECK,GENERIC

// The input contract of mcuq-generate-kernels, written by hand: a named
// convolution with constant weights, its per-channel init (here a uniform
// bias as a fill) and one element-wise consumer reading the accumulator (the
// epilogue), in a module that records its target. The kernel is one loop
// nest over the output with the accumulators in registers, the epilogue
// applied to each and no i32 accumulator tensor. The target's strategy picks
// the instructions: SXTB16 + SMLAD on the M4 (two words of four products per
// output channel pair), plain multiply-adds with the generic strategy.
// CHECK-LABEL: func.func @pointwise
// CHECK-NOT:   linalg.conv_2d
// CHECK-NOT:   linalg.generic
// CHECK:       scf.for
// DSP:           scf.for %{{.*}} = %c0 to %c8 step %c4 iter_args(%{{.*}} = %c7_i32, %{{.*}} = %c7_i32, %{{.*}} = %c7_i32, %{{.*}} = %c7_i32)
// DSP:           llvm.call_intrinsic "llvm.arm.sxtb16"
// DSP:           llvm.call_intrinsic "llvm.arm.smlad"
// GENERIC-NOT:   llvm.call_intrinsic
// GENERIC:       arith.muli
// GENERIC:       arith.addi
// CHECK:         arith.maxsi %{{.*}}, %c-128_i32 : i32
// CHECK:         arith.minsi %{{.*}}, %c127_i32 : i32
// CHECK:         arith.trunci %{{.*}} : i32 to i8
// CHECK:         tensor.insert

// CHECK-LABEL: func.func @pointwise_zero_point
// CHECK-NOT:   linalg.conv_2d
// CHECK:       arith.constant dense<[43, 15, -1, 15]> : tensor<4xi32>
// CHECK:       scf.for
#id = affine_map<(n, h, w, c) -> (n, h, w, c)>
module attributes {mcuq.target = #mcuq.target<name = "cortex-m4", triple = "thumbv7em-none-eabihf", cpu = "cortex-m4", float_abi = hard, index_bits = 32, registers = 13, dsp = true, fpu = true, strategy = arm_dsp>} {
  func.func @pointwise(%x: tensor<1x2x2x8xi8>) -> tensor<1x2x2x4xi8> {
    %w = arith.constant dense<[[[[1, 2, 3, 4, 5, 6, 7, 8]]], [[[1, 1, 1, 1, 1, 1, 1, 1]]], [[[-1, -1, -1, -1, -1, -1, -1, -1]]], [[[2, 0, 2, 0, 2, 0, 2, 0]]]]> : tensor<4x1x1x8xi8>
    %bias = arith.constant 7 : i32
    %e = tensor.empty() : tensor<1x2x2x4xi32>
    %init = linalg.fill ins(%bias : i32) outs(%e : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
    %acc = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%x, %w : tensor<1x2x2x8xi8>, tensor<4x1x1x8xi8>)
        outs(%init : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
    %o = tensor.empty() : tensor<1x2x2x4xi8>
    %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%acc : tensor<1x2x2x4xi32>) outs(%o : tensor<1x2x2x4xi8>) {
    ^bb0(%a: i32, %out: i8):
      %lo = arith.constant -128 : i32
      %hi = arith.constant 127 : i32
      %0 = arith.maxsi %a, %lo : i32
      %1 = arith.minsi %0, %hi : i32
      %2 = arith.trunci %1 : i32 to i8
      linalg.yield %2 : i8
    } -> tensor<1x2x2x4xi8>
    return %y : tensor<1x2x2x4xi8>
  }

  // The zero point as an operand of the quantized named op, the init the
  // model's bias (7): the kernel folds -zp * sum(w) = 36, 8, -8 and 8 into
  // the accumulators it starts from.
  func.func @pointwise_zero_point(%x: tensor<1x2x2x8xi8>) -> tensor<1x2x2x4xi32> {
    %w = arith.constant dense<[[[[1, 2, 3, 4, 5, 6, 7, 8]]], [[[1, 1, 1, 1, 1, 1, 1, 1]]], [[[-1, -1, -1, -1, -1, -1, -1, -1]]], [[[2, 0, 2, 0, 2, 0, 2, 0]]]]> : tensor<4x1x1x8xi8>
    %bias = arith.constant 7 : i32
    %zp = arith.constant -1 : i32
    %zero = arith.constant 0 : i32
    %e = tensor.empty() : tensor<1x2x2x4xi32>
    %init = linalg.fill ins(%bias : i32) outs(%e : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
    %acc = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
        ins(%x, %w, %zp, %zero : tensor<1x2x2x8xi8>, tensor<4x1x1x8xi8>, i32, i32)
        outs(%init : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
    return %acc : tensor<1x2x2x4xi32>
  }
}
