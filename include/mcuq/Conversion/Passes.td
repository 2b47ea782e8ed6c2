//===- Passes.td - mcuq conversion passes ------------------*- tablegen -*-===//

#ifndef MCUQ_CONVERSION_PASSES_TD
#define MCUQ_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertMCUQToLinalgPass : Pass<"convert-mcuq-to-linalg", "ModuleOp"> {
  let summary = "Lower mcuq operators to linalg on integer tensors";
  let description = [{
    Lowers every mcuq operator to linalg (named convolution, pooling and
    matmul ops where they fit, `linalg.generic` for requantization and
    element-wise arithmetic), tensor, arith and math ops on the storage
    integers, and rewrites function signatures from quantized to storage
    types. TFLite-form operators are first made explicit with the patterns of
    `mcuq-propagate-quantization`.

    Integer paths stay integer: the only float arithmetic left is in
    `mcuq.quantize` from f32 and `mcuq.dequantize` to f32. Weight-side work is
    done at compile time: convolutions with an input zero point become
    upstream's quantized named ops (`linalg.conv_2d_nhwc_fhwc_q`,
    `linalg.depthwise_conv_2d_nhwc_hwc(m)_q`), which take it as an operand
    while the init stays the model's bias (fully connected layers and grouped
    convolutions still fold `zp_in * sum(w)` into the bias), depthwise
    filters are re-laid-out, and lookup tables (LOGISTIC, TANH, SOFTMAX exponentials) are
    evaluated with TFLite's own fixed-point arithmetic.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def ConvertMCUQToArithPass : Pass<"convert-mcuq-to-arith"> {
  let summary = "Expand mcuq's scalar fixed-point steps into arith";
  let description = [{
    Spells out `mcuq.doubling_high_mul` in 64-bit `arith` (sign-extend,
    multiply, add 2^30, shift right by 31, truncate, and the INT32_MIN *
    INT32_MIN saturation unless an operand excludes it). It runs after
    `mcuq-generate-kernels`, which maps the op to a vector instruction where
    the target has one, so that no later pass has to recognise the expanded
    sequence.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def MCUQConvertToLLVMPass : Pass<"mcuq-convert-to-llvm", "ModuleOp"> {
  let summary = "Lower func, arith, cf, math, memref and vector to LLVM";
  let description = [{
    One conversion with one type converter for everything the mcuq pipeline
    leaves after loop lowering, so that the index width is the target's
    everywhere (upstream's `convert-to-llvm` and `convert-vector-to-llvm`
    have no index-width option, and mixing per-dialect passes with different
    widths leaves casts behind). Functions get the bare-pointer calling
    convention: a static buffer argument is a plain pointer in C.
  }];
  let options = [
    Option<"indexBitwidth", "index-bitwidth", "unsigned", /*default=*/"0",
           "Bit width of index (0: the data layout's)">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // MCUQ_CONVERSION_PASSES_TD
