//===- MCUQOps.td - mcuq operations ------------------------*- tablegen -*-===//

#ifndef MCUQ_DIALECT_MCUQ_IR_MCUQOPS_TD
#define MCUQ_DIALECT_MCUQ_IR_MCUQOPS_TD

include "mcuq/Dialect/MCUQ/IR/MCUQDialect.td"
include "mcuq/Dialect/MCUQ/IR/MCUQAttrs.td"
include "mcuq/Dialect/MCUQ/IR/MCUQTypes.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def MCUQ_QuantElement : Type<
    CPred<"::llvm::isa<::mlir::quant::UniformQuantizedType, "
          "::mlir::quant::UniformQuantizedPerAxisType>($_self)">,
    "uniform quantized type">;

// Microcontroller programs are fully static: every tensor has a static shape.
def MCUQ_QTensor : StaticShapeTensorOf<[MCUQ_QuantElement]>;
// TFLite's int16 activation paths use int64 biases and accumulators, which
// `!quant.uniform` cannot store; their scale is implied (input x filter).
def MCUQ_QOrI64Tensor : AnyTypeOf<[MCUQ_QTensor, StaticShapeTensorOf<[I64]>]>;
def MCUQ_QOrFloatTensor : StaticShapeTensorOf<[MCUQ_QuantElement, F32]>;
def MCUQ_F32Tensor : StaticShapeTensorOf<[F32]>;
def MCUQ_I32Tensor : StaticShapeTensorOf<[I32]>;
def MCUQ_AnyValueTensor : AnyTypeOf<[StaticShapeTensorOf<[MCUQ_QuantElement, F32, AnyInteger]>, MCUQ_PackedTensor]>;

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

class MCUQ_Op<string mnemonic, list<Trait> traits = []>
    : Op<MCUQ_Dialect, mnemonic, traits>;

// Operators whose output scaling comes from the types (TFLite form) or, with an
// i32 result, an accumulation left for an explicit mcuq.requantize.
class MCUQ_ConvLikeOp<string mnemonic, list<Trait> traits = []>
    : MCUQ_Op<mnemonic, !listconcat(traits, [Pure,
        InferShapedTypeOpAdaptor])> {
  code convLikeDecls = [{
    /// Explicit padding amounts [top, bottom, left, right] for this input.
    ::llvm::SmallVector<int64_t, 4> getExplicitPadding();
    /// True when the result holds int32 accumulators (explicit form).
    bool isAccumulatorForm();
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def MCUQ_ConstOp : MCUQ_Op<"const", [ConstantLike, Pure]> {
  let summary = "A quantized or packed constant tensor.";
  let description = [{
    Holds weights, biases and other constants. `value` carries the storage
    integers (`tensor<...xi8>` for an `i8` quantized tensor, the storage word
    tensor for a packed type); the result type adds the quantization
    parameters. Float constants use `arith.constant`.

    ```mlir
    %w = mcuq.const dense<[[1, -2], [3, 4]]> : tensor<2x2xi8>
        -> tensor<2x2x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs MCUQ_AnyValueTensor:$output);
  let assemblyFormat = "$value attr-dict `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Convolution and matrix multiplication
//===----------------------------------------------------------------------===//

def MCUQ_Conv2DOp : MCUQ_ConvLikeOp<"conv2d"> {
  let summary = "2-D convolution of NHWC input with an OHWI filter.";
  let description = [{
    TFLite's CONV_2D. The input is `[N, H, W, Cin]`, the filter
    `[Cout, KH, KW, Cin / groups]` with symmetric (zero point 0) int8 or int4
    storage, per tensor or per output channel (axis 0), and the optional bias
    `[Cout]` int32 (int64 for int16 activations) with scale = input scale x
    filter scale and zero point 0. `Cin` may be a multiple of the filter's
    channel count (grouped convolution).

    With an i8/i16 result the rescaling to the output type and the fused
    activation follow TFLite's kernel. With an i32 result (explicit form) the
    op yields the raw accumulators `bias + sum((x - zx) * w)`, the result
    scale must equal input scale x filter scale and `fused_activation` must be
    `none`.

    ```mlir
    %y = mcuq.conv2d %x, %w, %b {stride = array<i64: 2, 2>,
                                 padding = #mcuq.padding<same>,
                                 fused_activation = #mcuq.activation<relu6>}
        : (tensor<1x49x10x1x!quant.uniform<i8:f32, 0.58:83>>,
           tensor<64x10x4x1x!quant.uniform<i8<-127:127>:f32:0, {...}>>,
           tensor<64x!quant.uniform<i32:f32:0, {...}>>)
        -> tensor<1x25x5x64x!quant.uniform<i8:f32, 0.2:-128>>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$input, MCUQ_QTensor:$filter,
                       Optional<MCUQ_QOrI64Tensor>:$bias,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$stride,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilation,
                       MCUQ_PaddingModeAttr:$padding,
                       OptionalAttr<DenseI64ArrayAttr>:$pad,
                       DefaultValuedAttr<MCUQ_ActivationAttr, "::mlir::mcuq::Activation::None">:$fused_activation);
  let results = (outs MCUQ_QOrI64Tensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = convLikeDecls;
}

def MCUQ_DepthwiseConv2DOp : MCUQ_ConvLikeOp<"depthwise_conv2d"> {
  let summary = "Depthwise 2-D convolution with a channel multiplier.";
  let description = [{
    TFLite's DEPTHWISE_CONV_2D. The input is `[N, H, W, C]`, the filter
    `[1, KH, KW, C * depth_multiplier]` (per-channel quantization on axis 3),
    the optional bias `[C * depth_multiplier]`. Output channel
    `c * depth_multiplier + m` reads input channel `c`. Result forms as for
    `mcuq.conv2d`.

    ```mlir
    %y = mcuq.depthwise_conv2d %x, %w, %b {depth_multiplier = 1 : i64,
                                           padding = #mcuq.padding<same>}
        : (tensor<1x25x5x64x!qi8>, tensor<1x3x3x64x!qw>, tensor<64x!qb>)
        -> tensor<1x25x5x64x!qi8>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$input, MCUQ_QTensor:$filter,
                       Optional<MCUQ_QOrI64Tensor>:$bias,
                       DefaultValuedAttr<I64Attr, "1">:$depth_multiplier,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$stride,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilation,
                       MCUQ_PaddingModeAttr:$padding,
                       OptionalAttr<DenseI64ArrayAttr>:$pad,
                       DefaultValuedAttr<MCUQ_ActivationAttr, "::mlir::mcuq::Activation::None">:$fused_activation);
  let results = (outs MCUQ_QOrI64Tensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = convLikeDecls;
}

def MCUQ_FullyConnectedOp : MCUQ_ConvLikeOp<"fully_connected"> {
  let summary = "Matrix multiplication with a [units, depth] weight matrix.";
  let description = [{
    TFLite's FULLY_CONNECTED. The input is flattened to `[batches, depth]`
    where `depth` is the weights' second dimension; the result is
    `[batches, units]`, or with `keep_num_dims` the input shape with its last
    dimension replaced by `units`. Weights are symmetric int8 (or int4),
    per tensor or per output channel (axis 0); int16 activations with int8
    weights use an int64 bias. Result forms as for `mcuq.conv2d`.

    ```mlir
    %y = mcuq.fully_connected %x, %w, %b
        : (tensor<1x64x!qi8>, tensor<12x64x!qw>, tensor<12x!qb>) -> tensor<1x12x!qi8>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$input, MCUQ_QTensor:$filter,
                       Optional<MCUQ_QOrI64Tensor>:$bias,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_num_dims,
                       DefaultValuedAttr<MCUQ_ActivationAttr, "::mlir::mcuq::Activation::None">:$fused_activation);
  let results = (outs MCUQ_QOrI64Tensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// Number of rows the input is flattened to.
    int64_t getBatchSize();
    bool isAccumulatorForm();
  }];
}

//===----------------------------------------------------------------------===//
// Element-wise arithmetic
//===----------------------------------------------------------------------===//

class MCUQ_BroadcastBinaryOp<string mnemonic, list<Trait> traits = []>
    : MCUQ_Op<mnemonic, !listconcat(traits, [Pure,
        InferShapedTypeOpAdaptor])> {
  let results = (outs MCUQ_QTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def MCUQ_AddOp : MCUQ_BroadcastBinaryOp<"add", [Commutative]> {
  let summary = "Quantized element-wise addition with broadcasting.";
  let description = [{
    TFLite's ADD: operands broadcast numpy-style. For int8 both inputs are
    rescaled to a common scale with 20 bits of headroom and the sum to the
    output scale (see docs/spec.md). In explicit form (all i32 types with the
    same scale and zero point 0) it is a plain wrapping-free integer add.

    ```mlir
    %z = mcuq.add %a, %b {fused_activation = #mcuq.activation<relu>}
        : (tensor<1x8x8x16x!qa>, tensor<1x8x8x16x!qb>) -> tensor<1x8x8x16x!qc>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$lhs, MCUQ_QTensor:$rhs,
                       DefaultValuedAttr<MCUQ_ActivationAttr, "::mlir::mcuq::Activation::None">:$fused_activation,
                       DefaultValuedAttr<BoolAttr, "true">:$pot_scale_int16);
}

def MCUQ_MulOp : MCUQ_BroadcastBinaryOp<"mul", [Commutative]> {
  let summary = "Quantized element-wise multiplication with broadcasting.";
  let description = [{
    TFLite's MUL: `(a - za) * (b - zb)` rescaled by `sa * sb / sc`. In
    explicit form the result is i32 with scale `sa * sb` and zero point 0:
    the exact product, left for a `mcuq.requantize`.

    ```mlir
    %z = mcuq.mul %a, %b : (tensor<4x!qa>, tensor<4x!qb>) -> tensor<4x!qc>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$lhs, MCUQ_QTensor:$rhs,
                       DefaultValuedAttr<MCUQ_ActivationAttr, "::mlir::mcuq::Activation::None">:$fused_activation);
}

def MCUQ_MaximumOp : MCUQ_BroadcastBinaryOp<"maximum", [Commutative]> {
  let summary = "Element-wise maximum with broadcasting.";
  let description = [{
    TFLite's MAXIMUM. Operands and result share one quantization, so the
    maximum is taken on the stored integers.

    ```mlir
    %z = mcuq.maximum %a, %b : (tensor<4x!q>, tensor<4x!q>) -> tensor<4x!q>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$lhs, MCUQ_QTensor:$rhs);
}

def MCUQ_MinimumOp : MCUQ_BroadcastBinaryOp<"minimum", [Commutative]> {
  let summary = "Element-wise minimum with broadcasting.";
  let description = [{
    TFLite's MINIMUM, on the stored integers of a shared quantization.

    ```mlir
    %z = mcuq.minimum %a, %b : (tensor<4x!q>, tensor<4x!q>) -> tensor<4x!q>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$lhs, MCUQ_QTensor:$rhs);
}

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

class MCUQ_Pool2DOp<string mnemonic, list<Trait> traits = []>
    : MCUQ_Op<mnemonic, !listconcat(traits, [Pure,
        InferShapedTypeOpAdaptor])> {
  let arguments = (ins MCUQ_QTensor:$input,
                       DenseI64ArrayAttr:$kernel,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$stride,
                       MCUQ_PaddingModeAttr:$padding,
                       OptionalAttr<DenseI64ArrayAttr>:$pad,
                       DefaultValuedAttr<MCUQ_ActivationAttr, "::mlir::mcuq::Activation::None">:$fused_activation);
  let results = (outs MCUQ_QTensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    ::llvm::SmallVector<int64_t, 4> getExplicitPadding();
  }];
  let hasVerifier = 1;
}

def MCUQ_AvgPool2DOp : MCUQ_Pool2DOp<"avg_pool2d"> {
  let summary = "Average pooling over NHWC windows.";
  let description = [{
    TFLite's AVERAGE_POOL_2D: the sum of the window's valid (unpadded)
    elements divided by their count, rounded half away from zero, then
    clamped. Input and output share quantization.

    ```mlir
    %y = mcuq.avg_pool2d %x {kernel = array<i64: 25, 5>, padding = #mcuq.padding<valid>}
        : (tensor<1x25x5x64x!q>) -> tensor<1x1x1x64x!q>
    ```
  }];
}

def MCUQ_MaxPool2DOp : MCUQ_Pool2DOp<"max_pool2d"> {
  let summary = "Max pooling over NHWC windows.";
  let description = [{
    TFLite's MAX_POOL_2D over the valid elements of each window. Input and
    output share quantization, so the op is value-preserving.

    ```mlir
    %y = mcuq.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                             padding = #mcuq.padding<valid>}
        : (tensor<1x8x8x16x!q>) -> tensor<1x4x4x16x!q>
    ```
  }];
}

def MCUQ_MeanOp : MCUQ_Op<"mean", [Pure]> {
  let summary = "Mean over the given axes.";
  let description = [{
    TFLite's MEAN. The sum over `axes` is rescaled by
    `input scale / (output scale * count)` with TFLite's fixed-point
    arithmetic; `keep_dims` keeps reduced axes as size 1.

    ```mlir
    %y = mcuq.mean %x {axes = array<i64: 1, 2>, keep_dims = true}
        : (tensor<1x4x4x8x!qa>) -> tensor<1x1x1x8x!qb>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$input, DenseI64ArrayAttr:$axes,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_dims);
  let results = (outs MCUQ_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Nonlinearities
//===----------------------------------------------------------------------===//

def MCUQ_SoftmaxOp : MCUQ_Op<"softmax", [Pure, SameOperandsAndResultShape]> {
  let summary = "Softmax over the innermost dimension.";
  let description = [{
    TFLite's SOFTMAX with `beta`. int8 outputs have scale 1/256 and zero
    point -128, int16 outputs scale 1/32768 and zero point 0; the exponent
    and reciprocal are computed in fixed point exactly as TFLite's reference.

    ```mlir
    %p = mcuq.softmax %x {beta = 1.0 : f32}
        : (tensor<1x12x!qa>) -> tensor<1x12x!quant.uniform<i8:f32, 3.906250e-03:-128>>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$input,
                       DefaultValuedAttr<F32Attr, "1.0f">:$beta);
  let results = (outs MCUQ_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def MCUQ_LogisticOp : MCUQ_Op<"logistic", [Pure, SameOperandsAndResultShape]> {
  let summary = "Quantized sigmoid.";
  let description = [{
    TFLite's LOGISTIC. int8 outputs have scale 1/256 and zero point -128,
    int16 outputs scale 1/32768 and zero point 0.

    ```mlir
    %y = mcuq.logistic %x : (tensor<4x!qa>) -> tensor<4x!quant.uniform<i8:f32, 3.906250e-03:-128>>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$input);
  let results = (outs MCUQ_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def MCUQ_TanhOp : MCUQ_Op<"tanh", [Pure, SameOperandsAndResultShape]> {
  let summary = "Quantized hyperbolic tangent.";
  let description = [{
    TFLite's TANH. int8 outputs have scale 1/128 and zero point 0, int16
    outputs scale 1/32768 and zero point 0.

    ```mlir
    %y = mcuq.tanh %x : (tensor<4x!qa>) -> tensor<4x!quant.uniform<i8:f32, 7.812500e-03>>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$input);
  let results = (outs MCUQ_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def MCUQ_ReluOp : MCUQ_Op<"relu", [Pure, SameOperandsAndResultShape]> {
  let summary = "Standalone ReLU-family activation.";
  let description = [{
    TFLite's RELU, RELU6, RELU_N1_TO_1 and RELU_0_TO_1 as standalone
    operators: the input is rescaled to the output quantization (which may
    differ) and clamped to the activation's range.

    ```mlir
    %y = mcuq.relu %x {kind = #mcuq.activation<relu6>} : (tensor<4x!qa>) -> tensor<4x!qb>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$input, MCUQ_ActivationAttr:$kind);
  let results = (outs MCUQ_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def MCUQ_ReshapeOp : MCUQ_Op<"reshape", [Pure]> {
  let summary = "Reinterprets a tensor with a new shape.";
  let description = [{
    TFLite's RESHAPE (and SQUEEZE/EXPAND_DIMS): same elements in row-major
    order, same quantization.

    ```mlir
    %y = mcuq.reshape %x : (tensor<1x1x1x64x!q>) -> tensor<1x64x!q>
    ```
  }];
  let arguments = (ins MCUQ_AnyValueTensor:$input);
  let results = (outs MCUQ_AnyValueTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def MCUQ_PadOp : MCUQ_Op<"pad", [Pure]> {
  let summary = "Pads a tensor with a constant.";
  let description = [{
    TFLite's PAD and PADV2. `paddings` holds `[before, after]` per dimension;
    the fill is the stored value `pad_value`, which defaults to the zero
    point (the real value 0). Input and output share quantization.

    ```mlir
    %y = mcuq.pad %x {paddings = array<i64: 0, 0, 1, 1, 1, 1, 0, 0>}
        : (tensor<1x4x4x8x!q>) -> tensor<1x6x6x8x!q>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$input, DenseI64ArrayAttr:$paddings,
                       OptionalAttr<I32Attr>:$pad_value);
  let results = (outs MCUQ_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The stored fill value: `pad_value`, or the zero point.
    int32_t getFillValue();
  }];
}

def MCUQ_ConcatenateOp : MCUQ_Op<"concatenate", [Pure]> {
  let summary = "Concatenates tensors along an axis.";
  let description = [{
    TFLite's CONCATENATION. Inputs whose quantization differs from the
    output's are requantized; `fused_activation` clamps the result.

    ```mlir
    %y = mcuq.concatenate %a, %b {axis = 3 : i64}
        : (tensor<1x4x4x8x!qa>, tensor<1x4x4x4x!qb>) -> tensor<1x4x4x12x!qc>
    ```
  }];
  let arguments = (ins Variadic<MCUQ_QTensor>:$inputs, I64Attr:$axis,
                       DefaultValuedAttr<MCUQ_ActivationAttr, "::mlir::mcuq::Activation::None">:$fused_activation);
  let results = (outs MCUQ_QTensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

def MCUQ_QuantizeOp : MCUQ_Op<"quantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "Quantizes a float tensor, or rescales a quantized one.";
  let description = [{
    TFLite's QUANTIZE. From f32: `clamp(round(x / scale) + zero_point)`
    with round half away from zero. From a quantized tensor: TFLite's
    integer requantization between the two quantizations.

    ```mlir
    %q = mcuq.quantize %x : (tensor<1x640xf32>) -> tensor<1x640x!quant.uniform<i8:f32, 0.39:89>>
    ```
  }];
  let arguments = (ins MCUQ_QOrFloatTensor:$input);
  let results = (outs MCUQ_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def MCUQ_DequantizeOp : MCUQ_Op<"dequantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "Converts a quantized tensor to f32.";
  let description = [{
    TFLite's DEQUANTIZE: `(q - zero_point) * scale` in f32.

    ```mlir
    %f = mcuq.dequantize %q : (tensor<1x640x!quant.uniform<i8:f32, 0.36:96>>) -> tensor<1x640xf32>
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$input);
  let results = (outs MCUQ_F32Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def MCUQ_RequantizeOp : MCUQ_Op<"requantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "Integer rescale with an explicit multiplier and shift.";
  let description = [{
    Rescales stored integers from the input quantization to the output
    quantization with integer arithmetic only:

    ```
    v = (x - input_zero_point) << pre_shift
    v = rescale(v, multiplier[c], shift[c])     // per `rounding`, docs/spec.md
    y = clamp(v + output_zero_point, min, max)  // min/max default to storage range
    ```

    `multiplier` (Q31, non-negative) and `shift` (positive = left) hold one
    entry, or one per index of dimension `axis`. The multiplier and shift are
    what TFLite derives from the real scale ratio; keeping them explicit lets
    passes fold identities and fuse activation clamps, and lets the lowering
    stay integer-only.

    ```mlir
    %y = mcuq.requantize %acc {multiplier = array<i32: 1518500250, 1073741824>,
                               shift = array<i32: -7, -6>, axis = 3 : i64,
                               min = -128 : i32, max = 127 : i32}
        : (tensor<1x4x4x2x!quant.uniform<i32:f32:3, {1.0e-4, 2.0e-4}>>)
        -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.05:-128>>
    ```
  }];
  let arguments = (ins MCUQ_QOrI64Tensor:$input,
                       DenseI32ArrayAttr:$multiplier,
                       DenseI32ArrayAttr:$shift,
                       OptionalAttr<I64Attr>:$axis,
                       DefaultValuedAttr<I32Attr, "0">:$pre_shift,
                       DefaultValuedAttr<MCUQ_RoundingModeAttr, "::mlir::mcuq::RoundingMode::DoubleHighMul">:$rounding,
                       OptionalAttr<I32Attr>:$min,
                       OptionalAttr<I32Attr>:$max);
  let results = (outs MCUQ_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// True when the rescale multiplies by exactly one (multiplier 2^30 with
    /// shift 1, or 2^31 - 1 is never exact) and no pre-shift is applied.
    bool hasUnitScale();
    /// Clamp bounds including the storage range of the output type.
    int32_t getClampMin();
    int32_t getClampMax();
  }];
}

//===----------------------------------------------------------------------===//
// Recurrent and stateful operators
//===----------------------------------------------------------------------===//

def MCUQ_SvdfOp : MCUQ_Op<"svdf", [Pure]> {
  let summary = "Singular value decomposition filter with explicit state.";
  let description = [{
    TFLite's SVDF (integer path). `state` is the `[batches, memory_size *
    num_filters]` activation history (int8 or int16); the op returns the
    output and the shifted, updated state. `rank` is the number of filters
    per unit.

    ```mlir
    %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s0) bias(%b)
        {rank = 1 : i64, fused_activation = #mcuq.activation<relu>}
        : (tensor<1x96x!qi16>, tensor<64x96x!qw>, tensor<64x8x!qt>, tensor<64x!qb>,
           tensor<1x512x!qs>) -> (tensor<1x64x!qo>, tensor<1x512x!qs>)
    ```
  }];
  let arguments = (ins MCUQ_QTensor:$input, MCUQ_QTensor:$weights_feature,
                       MCUQ_QTensor:$weights_time, Optional<MCUQ_QTensor>:$bias,
                       MCUQ_QTensor:$state, I64Attr:$rank,
                       DefaultValuedAttr<MCUQ_ActivationAttr, "::mlir::mcuq::Activation::None">:$fused_activation);
  let results = (outs MCUQ_QTensor:$output, MCUQ_QTensor:$new_state);
  let assemblyFormat = [{
    $input `,` $weights_feature `,` $weights_time `state` `(` $state `)`
    (`bias` `(` $bias^ `)`)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def MCUQ_LstmOp : MCUQ_Op<"lstm", [Pure, AttrSizedOperandSegments]> {
  let summary = "Unidirectional sequence LSTM with explicit state.";
  let description = [{
    TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM, integer path (int8 input and
    weights, int16 cell state, int32 biases; the 16x8 variant has int16
    input and output state and int64 biases). Operands follow TFLite's
    order; optional ones (CIFG input gate, peepholes, projection, layer
    norm) may be absent. The quantization of TFLite's five intermediate
    tensors (the gate matmul outputs and the hidden state) is kept in
    `intermediate_types`. The op returns the output sequence and the final
    output and cell states.

    ```mlir
    %y, %h1, %c1 = mcuq.lstm %x, state(%h0, %c0)
        input_weights(%wif, %wic, %wio) ... : (...) -> (...)
    ```
  }];
  let arguments = (ins
    MCUQ_QTensor:$input,
    Optional<MCUQ_QTensor>:$input_to_input_weights,
    MCUQ_QTensor:$input_to_forget_weights,
    MCUQ_QTensor:$input_to_cell_weights,
    MCUQ_QTensor:$input_to_output_weights,
    Optional<MCUQ_QTensor>:$recurrent_to_input_weights,
    MCUQ_QTensor:$recurrent_to_forget_weights,
    MCUQ_QTensor:$recurrent_to_cell_weights,
    MCUQ_QTensor:$recurrent_to_output_weights,
    Optional<MCUQ_QTensor>:$cell_to_input_weights,
    Optional<MCUQ_QTensor>:$cell_to_forget_weights,
    Optional<MCUQ_QTensor>:$cell_to_output_weights,
    Optional<MCUQ_QOrI64Tensor>:$input_gate_bias,
    MCUQ_QOrI64Tensor:$forget_gate_bias,
    MCUQ_QOrI64Tensor:$cell_gate_bias,
    MCUQ_QOrI64Tensor:$output_gate_bias,
    Optional<MCUQ_QTensor>:$projection_weights,
    Optional<MCUQ_QOrI64Tensor>:$projection_bias,
    MCUQ_QTensor:$output_state,
    MCUQ_QTensor:$cell_state,
    Optional<MCUQ_QTensor>:$input_layer_norm_coefficients,
    Optional<MCUQ_QTensor>:$forget_layer_norm_coefficients,
    Optional<MCUQ_QTensor>:$cell_layer_norm_coefficients,
    Optional<MCUQ_QTensor>:$output_layer_norm_coefficients,
    DefaultValuedAttr<MCUQ_ActivationAttr, "::mlir::mcuq::Activation::Tanh">:$fused_activation,
    DefaultValuedAttr<F32Attr, "0.0f">:$cell_clip,
    DefaultValuedAttr<F32Attr, "0.0f">:$proj_clip,
    DefaultValuedAttr<BoolAttr, "false">:$time_major,
    TypeArrayAttr:$intermediate_types);
  let results = (outs MCUQ_QTensor:$output, MCUQ_QTensor:$output_state_out,
                      MCUQ_QTensor:$cell_state_out);
  let assemblyFormat = [{
    $input `,` `state` `(` $output_state `,` $cell_state `)`
    `input_weights` `(` (`in` `=` $input_to_input_weights^ `,`)? $input_to_forget_weights `,` $input_to_cell_weights `,` $input_to_output_weights `)`
    `recurrent_weights` `(` (`in` `=` $recurrent_to_input_weights^ `,`)? $recurrent_to_forget_weights `,` $recurrent_to_cell_weights `,` $recurrent_to_output_weights `)`
    `biases` `(` (`in` `=` $input_gate_bias^ `,`)? $forget_gate_bias `,` $cell_gate_bias `,` $output_gate_bias `)`
    (`peephole_input` `(` $cell_to_input_weights^ `)`)?
    (`peephole_forget` `(` $cell_to_forget_weights^ `)`)?
    (`peephole_output` `(` $cell_to_output_weights^ `)`)?
    (`projection` `(` $projection_weights^ (`,` $projection_bias^)? `)`)?
    (`layer_norm_input` `(` $input_layer_norm_coefficients^ `)`)?
    (`layer_norm` `(` $forget_layer_norm_coefficients^ `,` $cell_layer_norm_coefficients `,` $output_layer_norm_coefficients `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Binary (1-bit) operators
//===----------------------------------------------------------------------===//

def MCUQ_PackBitsOp : MCUQ_Op<"pack_bits", [Pure]> {
  let summary = "Packs the signs of a tensor into 1-bit words.";
  let description = [{
    Bit `1` where the real value is negative (stored value below the zero
    point, or a negative float), `0` otherwise, packed along the last
    dimension (Larq's LceQuantize).

    ```mlir
    %b = mcuq.pack_bits %x : (tensor<1x8x8x64x!q>) -> !mcuq.packed<1x8x8x64xi1, axis = 3, word = 32>
    ```
  }];
  let arguments = (ins MCUQ_QOrFloatTensor:$input);
  let results = (outs MCUQ_BinaryTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def MCUQ_UnpackBitsOp : MCUQ_Op<"unpack_bits", [Pure]> {
  let summary = "Expands 1-bit values to +1/-1.";
  let description = [{
    Each bit becomes the real value +1 (bit 0) or -1 (bit 1), quantized to
    the result type (Larq's LceDequantize).

    ```mlir
    %x = mcuq.unpack_bits %b : (!mcuq.packed<1x8x8x64xi1, axis = 3, word = 32>) -> tensor<1x8x8x64x!q>
    ```
  }];
  let arguments = (ins MCUQ_BinaryTensor:$input);
  let results = (outs MCUQ_QOrFloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def MCUQ_BConv2DOp : MCUQ_Op<"bconv2d", [Pure, AttrSizedOperandSegments]> {
  let summary = "Binary 2-D convolution by XNOR and popcount.";
  let description = [{
    Input `[N, H, W, Cin]` and filter `[Cout, KH, KW, Cin]` hold +1/-1 values
    packed along channels. Each accumulator is
    `K - 2 * popcount(input XOR filter)` over the window (K the number of
    real input bits), with padded positions counted as the real value
    `pad_value` (+1 or 0: 0 contributes nothing). The output transform is
    chosen by the result type:
    - i32 quantized: the raw accumulators;
    - int8 quantized: `clamp(acc * multiplier[c] + bias[c])` requantized,
      with the per-channel f32 `multiplier` and `bias` (Larq's
      post-activation multiplier and bias) folded at compile time;
    - packed 1-bit: bit `1` where `acc < threshold[c]` (Larq's bitpacked
      output).

    ```mlir
    %y = mcuq.bconv2d %x, %w multiplier(%m) bias(%b) {padding = #mcuq.padding<same>}
        : (!mcuq.packed<1x8x8x64xi1, axis = 3, word = 32>,
           !mcuq.packed<64x3x3x64xi1, axis = 3, word = 32>, tensor<64xf32>, tensor<64xf32>)
        -> tensor<1x8x8x64x!q>
    ```
  }];
  let arguments = (ins MCUQ_BinaryTensor:$input, MCUQ_BinaryTensor:$filter,
                       Optional<MCUQ_F32Tensor>:$multiplier,
                       Optional<MCUQ_F32Tensor>:$bias,
                       Optional<MCUQ_I32Tensor>:$threshold,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$stride,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilation,
                       MCUQ_PaddingModeAttr:$padding,
                       OptionalAttr<DenseI64ArrayAttr>:$pad,
                       DefaultValuedAttr<I32Attr, "1">:$pad_value,
                       DefaultValuedAttr<MCUQ_ActivationAttr, "::mlir::mcuq::Activation::None">:$fused_activation);
  let results = (outs AnyTypeOf<[MCUQ_QTensor, MCUQ_BinaryTensor]>:$output);
  let assemblyFormat = [{
    $input `,` $filter (`multiplier` `(` $multiplier^ `)`)? (`bias` `(` $bias^ `)`)?
    (`threshold` `(` $threshold^ `)`)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::llvm::SmallVector<int64_t, 4> getExplicitPadding();
  }];
}

def MCUQ_BMaxPool2DOp : MCUQ_Op<"bmax_pool2d", [Pure]> {
  let summary = "Max pooling of packed 1-bit tensors.";
  let description = [{
    The maximum of +1/-1 values is -1 only when every value is -1, so with
    the sign encoding a window reduces to the bitwise AND of its words
    (Larq's LceBMaxPool2d). Padding never contributes.

    ```mlir
    %y = mcuq.bmax_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                              padding = #mcuq.padding<valid>}
        : (!mcuq.packed<1x8x8x64xi1, axis = 3, word = 32>)
        -> !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>
    ```
  }];
  let arguments = (ins MCUQ_BinaryTensor:$input,
                       DenseI64ArrayAttr:$kernel,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$stride,
                       MCUQ_PaddingModeAttr:$padding,
                       OptionalAttr<DenseI64ArrayAttr>:$pad);
  let results = (outs MCUQ_BinaryTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::llvm::SmallVector<int64_t, 4> getExplicitPadding();
  }];
}

//===----------------------------------------------------------------------===//
// Scalar fixed-point steps inside linalg bodies
//===----------------------------------------------------------------------===//

// Element-wise mappable like the arith ops around it, so that linalg treats
// bodies containing it as element-wise (linalg::isElementwise, fusion).
def MCUQ_DoublingHighMulOp : MCUQ_Op<"doubling_high_mul",
    !listconcat([Pure, SameOperandsAndResultType], ElementwiseMappable.traits)> {
  let summary = "TFLite's saturating rounding doubling high multiply.";
  let description = [{
    `round(lhs * rhs / 2^31)` with ties rounded up, saturated to INT32_MAX
    for INT32_MIN * INT32_MIN: gemmlowp's SaturatingRoundingDoublingHighMul,
    the core of every requantization (docs/spec.md section 2.1). The lowering
    emits it in the bodies of linalg ops and it stays an op through kernel
    generation, which maps it to an instruction where the target has one
    (VQRDMULH with the `arm_mve` strategy); `mcuq-expand-fixed-point` then
    spells out the rest in 64-bit `arith`. `rhs_not_min` promises that `rhs`
    is never INT32_MIN (a requantize multiplier), so the expansion needs no
    saturation check.

    ```mlir
    %r = mcuq.doubling_high_mul %x, %m {rhs_not_min} : i32
    ```
  }];
  let arguments = (ins I32:$lhs, I32:$rhs, UnitAttr:$rhs_not_min);
  let results = (outs I32:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
  let hasFolder = 1;
}

#endif // MCUQ_DIALECT_MCUQ_IR_MCUQOPS_TD
