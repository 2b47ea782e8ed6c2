//===- ConvertOperators.cpp - TFLite operators to mcuq ops ----------------===//
//
// One function per TFLite builtin. Operands and result types come from the
// Importer, which checks tensor indices, types and the graph order; the
// converters map options to attributes. Shape and quantization rules are
// left to the mcuq verifiers, run once the whole function is built.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Endian.h"

using namespace mlir;
using namespace mlir::mcuq;
using namespace mlir::mcuq::tflite_import;

using tflite::BuiltinOperator;

namespace {
/// Operands and result type of a single-result operator.
struct Converted {
  SmallVector<Value> operands;
  Type resultType;
};
} // namespace

static FailureOr<Converted> getOperandsAndResult(Importer &imp,
                                                 const OpInfo &op,
                                                 ArrayRef<OperandSpec> specs,
                                                 bool floatResult = false) {
  FailureOr<SmallVector<Value>> operands = imp.getOperands(op, specs);
  if (failed(operands))
    return failure();
  FailureOr<Type> resultType = imp.getResultType(op, 0, floatResult);
  if (failed(resultType))
    return failure();
  return Converted{std::move(*operands), *resultType};
}

static int64_t getDimOr(Type type, unsigned dim, int64_t fallback) {
  auto shaped = cast<ShapedType>(type);
  return dim < shaped.getRank() ? shaped.getDimSize(dim) : fallback;
}

static LogicalResult convertConv2D(Importer &imp, const OpInfo &op) {
  if (failed(imp.checkArity(op, 2, 3)))
    return failure();
  auto c = getOperandsAndResult(
      imp, op, {{"input"}, {"filter"}, {"bias", /*optional=*/true}});
  if (failed(c))
    return failure();
  const auto *opts = imp.getOptions<tflite::Conv2DOptions>(op);
  auto act = imp.getActivation(op, opts->fused_activation_function());
  auto padding = imp.getPadding(op, opts->padding());
  if (failed(act) || failed(padding))
    return failure();
  OpBuilder &b = imp.getBuilder();
  auto conv = Conv2DOp::create(
      b, op.loc, c->resultType, c->operands[0], c->operands[1], c->operands[2],
      b.getDenseI64ArrayAttr({opts->stride_h(), opts->stride_w()}),
      b.getDenseI64ArrayAttr(
          {opts->dilation_h_factor(), opts->dilation_w_factor()}),
      *padding, /*pad=*/nullptr, *act);
  imp.setResult(op, 0, conv);
  return success();
}

static LogicalResult convertDepthwiseConv2D(Importer &imp, const OpInfo &op) {
  if (failed(imp.checkArity(op, 2, 3)))
    return failure();
  auto c = getOperandsAndResult(
      imp, op, {{"input"}, {"filter"}, {"bias", /*optional=*/true}});
  if (failed(c))
    return failure();
  const auto *opts = imp.getOptions<tflite::DepthwiseConv2DOptions>(op);
  auto act = imp.getActivation(op, opts->fused_activation_function());
  auto padding = imp.getPadding(op, opts->padding());
  if (failed(act) || failed(padding))
    return failure();
  // Newer converters write 0 (the option is redundant) and TFLite's kernels
  // take the multiplier from the shapes.
  int64_t multiplier = opts->depth_multiplier();
  int64_t inChannels = getDimOr(c->operands[0].getType(), 3, 0);
  int64_t outChannels = getDimOr(c->operands[1].getType(), 3, 0);
  if (inChannels > 0 && outChannels % inChannels == 0 &&
      multiplier * inChannels != outChannels)
    multiplier = outChannels / inChannels;
  OpBuilder &b = imp.getBuilder();
  auto conv = DepthwiseConv2DOp::create(
      b, op.loc, c->resultType, c->operands[0], c->operands[1], c->operands[2],
      b.getI64IntegerAttr(multiplier),
      b.getDenseI64ArrayAttr({opts->stride_h(), opts->stride_w()}),
      b.getDenseI64ArrayAttr(
          {opts->dilation_h_factor(), opts->dilation_w_factor()}),
      *padding, /*pad=*/nullptr, *act);
  imp.setResult(op, 0, conv);
  return success();
}

static LogicalResult convertFullyConnected(Importer &imp, const OpInfo &op) {
  if (failed(imp.checkArity(op, 2, 3)))
    return failure();
  const auto *opts = imp.getOptions<tflite::FullyConnectedOptions>(op);
  if (opts->weights_format() !=
      tflite::FullyConnectedOptionsWeightsFormat::DEFAULT) {
    const char *format = tflite::EnumNameFullyConnectedOptionsWeightsFormat(
        opts->weights_format());
    return imp.emitUnsupported(
        op,
        (Twine("weights format ") +
         (*format ? format
                  : std::to_string(static_cast<int>(opts->weights_format()))))
            .str());
  }
  auto c = getOperandsAndResult(
      imp, op, {{"input"}, {"weights"}, {"bias", /*optional=*/true}});
  if (failed(c))
    return failure();
  auto act = imp.getActivation(op, opts->fused_activation_function());
  if (failed(act))
    return failure();
  OpBuilder &b = imp.getBuilder();
  auto fc = FullyConnectedOp::create(
      b, op.loc, c->resultType, c->operands[0], c->operands[1], c->operands[2],
      b.getBoolAttr(opts->keep_num_dims()), *act);
  imp.setResult(op, 0, fc);
  return success();
}

template <typename PoolOp>
static LogicalResult convertPool2D(Importer &imp, const OpInfo &op) {
  if (failed(imp.checkArity(op, 1, 1)))
    return failure();
  auto c = getOperandsAndResult(imp, op, {{"input"}});
  if (failed(c))
    return failure();
  const auto *opts = imp.getOptions<tflite::Pool2DOptions>(op);
  auto act = imp.getActivation(op, opts->fused_activation_function());
  auto padding = imp.getPadding(op, opts->padding());
  if (failed(act) || failed(padding))
    return failure();
  OpBuilder &b = imp.getBuilder();
  auto pool = PoolOp::create(
      b, op.loc, c->resultType, c->operands[0],
      b.getDenseI64ArrayAttr({opts->filter_height(), opts->filter_width()}),
      b.getDenseI64ArrayAttr({opts->stride_h(), opts->stride_w()}), *padding,
      /*pad=*/nullptr, *act);
  imp.setResult(op, 0, pool);
  return success();
}

static LogicalResult convertAdd(Importer &imp, const OpInfo &op) {
  if (failed(imp.checkArity(op, 2, 2)))
    return failure();
  auto c = getOperandsAndResult(imp, op, {{"lhs"}, {"rhs"}});
  if (failed(c))
    return failure();
  const auto *opts = imp.getOptions<tflite::AddOptions>(op);
  auto act = imp.getActivation(op, opts->fused_activation_function());
  if (failed(act))
    return failure();
  OpBuilder &b = imp.getBuilder();
  auto add =
      AddOp::create(b, op.loc, c->resultType, c->operands[0], c->operands[1],
                    *act, b.getBoolAttr(opts->pot_scale_int16()));
  imp.setResult(op, 0, add);
  return success();
}

static LogicalResult convertMul(Importer &imp, const OpInfo &op) {
  if (failed(imp.checkArity(op, 2, 2)))
    return failure();
  auto c = getOperandsAndResult(imp, op, {{"lhs"}, {"rhs"}});
  if (failed(c))
    return failure();
  const auto *opts = imp.getOptions<tflite::MulOptions>(op);
  auto act = imp.getActivation(op, opts->fused_activation_function());
  if (failed(act))
    return failure();
  auto mul = MulOp::create(imp.getBuilder(), op.loc, c->resultType,
                           c->operands[0], c->operands[1], *act);
  imp.setResult(op, 0, mul);
  return success();
}

template <typename BinaryOp>
static LogicalResult convertMinMax(Importer &imp, const OpInfo &op) {
  if (failed(imp.checkArity(op, 2, 2)))
    return failure();
  auto c = getOperandsAndResult(imp, op, {{"lhs"}, {"rhs"}});
  if (failed(c))
    return failure();
  auto result = BinaryOp::create(imp.getBuilder(), op.loc, c->resultType,
                                 c->operands[0], c->operands[1]);
  imp.setResult(op, 0, result);
  return success();
}

/// RESHAPE, SQUEEZE and EXPAND_DIMS: the output tensor's shape is the
/// result; the shape/axis operand is redundant.
static LogicalResult convertReshape(Importer &imp, const OpInfo &op,
                                    unsigned maxInputs) {
  if (failed(imp.checkArity(op, 1, maxInputs)))
    return failure();
  auto c = getOperandsAndResult(imp, op, {{"input"}});
  if (failed(c))
    return failure();
  auto reshape = ReshapeOp::create(imp.getBuilder(), op.loc, c->resultType,
                                   c->operands[0]);
  imp.setResult(op, 0, reshape);
  return success();
}

static LogicalResult convertSoftmax(Importer &imp, const OpInfo &op) {
  if (failed(imp.checkArity(op, 1, 1)))
    return failure();
  auto c = getOperandsAndResult(imp, op, {{"input"}});
  if (failed(c))
    return failure();
  const auto *opts = imp.getOptions<tflite::SoftmaxOptions>(op);
  OpBuilder &b = imp.getBuilder();
  auto softmax = SoftmaxOp::create(b, op.loc, c->resultType, c->operands[0],
                                   b.getF32FloatAttr(opts->beta()));
  imp.setResult(op, 0, softmax);
  return success();
}

/// LOGISTIC, TANH, QUANTIZE, DEQUANTIZE: one operand, no options.
template <typename UnaryOp>
static LogicalResult convertUnary(Importer &imp, const OpInfo &op,
                                  bool floatInput = false,
                                  bool floatResult = false) {
  if (failed(imp.checkArity(op, 1, 1)))
    return failure();
  OperandSpec input{"input"};
  input.allowFloat = floatInput;
  auto c = getOperandsAndResult(imp, op, {input}, floatResult);
  if (failed(c))
    return failure();
  auto result =
      UnaryOp::create(imp.getBuilder(), op.loc, c->resultType, c->operands[0]);
  imp.setResult(op, 0, result);
  return success();
}

static LogicalResult convertRelu(Importer &imp, const OpInfo &op,
                                 Activation kind) {
  if (failed(imp.checkArity(op, 1, 1)))
    return failure();
  auto c = getOperandsAndResult(imp, op, {{"input"}});
  if (failed(c))
    return failure();
  auto relu =
      ReluOp::create(imp.getBuilder(), op.loc, c->resultType, c->operands[0],
                     ActivationAttr::get(imp.getContext(), kind));
  imp.setResult(op, 0, relu);
  return success();
}

static LogicalResult convertMean(Importer &imp, const OpInfo &op) {
  if (failed(imp.checkArity(op, 2, 2)))
    return failure();
  auto c = getOperandsAndResult(imp, op, {{"input"}});
  if (failed(c))
    return failure();
  auto axes = imp.getConstantInts(op, 1, "axis");
  if (failed(axes))
    return failure();
  // TFLite resolves negative axes and ignores repeats.
  int64_t rank = cast<ShapedType>(c->operands[0].getType()).getRank();
  SmallVector<int64_t> normalized;
  for (int64_t axis : *axes) {
    if (axis < -rank || axis >= rank)
      return emitError(op.loc) << op.name << " #" << op.index << ": axis "
                               << axis << " out of range for rank " << rank;
    normalized.push_back(axis < 0 ? axis + rank : axis);
  }
  llvm::sort(normalized);
  normalized.erase(llvm::unique(normalized), normalized.end());
  const auto *opts = imp.getOptions<tflite::ReducerOptions>(op);
  OpBuilder &b = imp.getBuilder();
  auto mean = MeanOp::create(b, op.loc, c->resultType, c->operands[0],
                             b.getDenseI64ArrayAttr(normalized),
                             b.getBoolAttr(opts->keep_dims()));
  imp.setResult(op, 0, mean);
  return success();
}

static LogicalResult convertPad(Importer &imp, const OpInfo &op, bool v2) {
  if (failed(imp.checkArity(op, 2, v2 ? 3 : 2)))
    return failure();
  auto c = getOperandsAndResult(imp, op, {{"input"}});
  if (failed(c))
    return failure();
  // [rank, 2] of (before, after): already mcuq's flattened order.
  auto paddings = imp.getConstantInts(op, 1, "paddings");
  if (failed(paddings))
    return failure();
  OpBuilder &b = imp.getBuilder();
  IntegerAttr padValue;
  if (v2 && op.inputs.size() == 3 && op.inputs[2] != -1) {
    // PADV2 fills with the stored value of its constant, which TFLite
    // requires to have the input's type and quantization.
    const TensorInfo &value = imp.getTensor(op.inputs[2]);
    Type inType = getElementTypeOrSelf(c->operands[0].getType());
    unsigned bits = getStorageBits(inType);
    int64_t numElements = 1;
    for (int64_t d : value.shape)
      numElements *= d;
    if (value.data.empty() || numElements != 1 ||
        value.tensor->type() != imp.getTensor(op.inputs[0]).tensor->type() ||
        (bits != 8 && bits != 16 && bits != 32) ||
        value.data.size() * 8 != bits)
      return emitError(op.loc)
             << op.name << " #" << op.index
             << ": the padding value must be a one-element constant of the "
                "input's type";
    const char *raw = value.data.data();
    int32_t fill = bits == 8    ? int8_t(raw[0])
                   : bits == 16 ? int16_t(llvm::support::endian::read16le(raw))
                                : int32_t(llvm::support::endian::read32le(raw));
    padValue = b.getI32IntegerAttr(fill);
  }
  auto pad = PadOp::create(b, op.loc, c->resultType, c->operands[0],
                           b.getDenseI64ArrayAttr(*paddings), padValue);
  imp.setResult(op, 0, pad);
  return success();
}

static LogicalResult convertConcatenation(Importer &imp, const OpInfo &op) {
  if (failed(imp.checkArity(op, 1, op.inputs.size() ? op.inputs.size() : 1)))
    return failure();
  SmallVector<OperandSpec> specs(op.inputs.size(), OperandSpec{"input"});
  auto c = getOperandsAndResult(imp, op, specs);
  if (failed(c))
    return failure();
  const auto *opts = imp.getOptions<tflite::ConcatenationOptions>(op);
  auto act = imp.getActivation(op, opts->fused_activation_function());
  if (failed(act))
    return failure();
  int64_t rank = cast<ShapedType>(c->resultType).getRank();
  int64_t axis = opts->axis();
  if (axis < -rank || axis >= rank)
    return emitError(op.loc) << op.name << " #" << op.index << ": axis " << axis
                             << " out of range for rank " << rank;
  if (axis < 0)
    axis += rank;
  OpBuilder &b = imp.getBuilder();
  auto concat = ConcatenateOp::create(b, op.loc, c->resultType, c->operands,
                                      b.getI64IntegerAttr(axis), *act);
  imp.setResult(op, 0, concat);
  return success();
}

static LogicalResult convertSvdf(Importer &imp, const OpInfo &op) {
  if (failed(imp.checkArity(op, 5, 5)))
    return failure();
  FailureOr<int32_t> state = imp.getStateTensor(op, 4, "state");
  if (failed(state))
    return failure();
  auto c = getOperandsAndResult(imp, op,
                                {{"input"},
                                 {"weights_feature"},
                                 {"weights_time"},
                                 {"bias", /*optional=*/true},
                                 {"state"}});
  if (failed(c))
    return failure();
  const auto *opts = imp.getOptions<tflite::SVDFOptions>(op);
  auto act = imp.getActivation(op, opts->fused_activation_function());
  if (failed(act))
    return failure();
  OpBuilder &b = imp.getBuilder();
  auto svdf = SvdfOp::create(b, op.loc, c->resultType, c->operands[4].getType(),
                             c->operands[0], c->operands[1], c->operands[2],
                             c->operands[3], c->operands[4],
                             b.getI64IntegerAttr(opts->rank()), *act);
  imp.setResult(op, 0, svdf.getOutput());
  imp.updateState(*state, svdf.getNewState());
  return success();
}

static LogicalResult convertLstm(Importer &imp, const OpInfo &op) {
  // Files written before layer normalization existed stop after input 19.
  if (failed(imp.checkArity(op, 20, 24)))
    return failure();
  const auto *opts =
      imp.getOptions<tflite::UnidirectionalSequenceLSTMOptions>(op);
  if (opts->diagonal_recurrent_tensors())
    return imp.emitUnsupported(op, "diagonal recurrent weights");
  FailureOr<int32_t> outputState = imp.getStateTensor(op, 18, "output_state");
  if (failed(outputState))
    return failure();
  FailureOr<int32_t> cellState = imp.getStateTensor(op, 19, "cell_state");
  if (failed(cellState))
    return failure();
  constexpr bool kOptional = true;
  auto c =
      getOperandsAndResult(imp, op,
                           {{"input"},
                            {"input_to_input_weights", kOptional},
                            {"input_to_forget_weights"},
                            {"input_to_cell_weights"},
                            {"input_to_output_weights"},
                            {"recurrent_to_input_weights", kOptional},
                            {"recurrent_to_forget_weights"},
                            {"recurrent_to_cell_weights"},
                            {"recurrent_to_output_weights"},
                            {"cell_to_input_weights", kOptional},
                            {"cell_to_forget_weights", kOptional},
                            {"cell_to_output_weights", kOptional},
                            {"input_gate_bias", kOptional},
                            {"forget_gate_bias"},
                            {"cell_gate_bias"},
                            {"output_gate_bias"},
                            {"projection_weights", kOptional},
                            {"projection_bias", kOptional},
                            {"output_state"},
                            {"cell_state"},
                            {"input_layer_norm_coefficients", kOptional},
                            {"forget_layer_norm_coefficients", kOptional},
                            {"cell_layer_norm_coefficients", kOptional},
                            {"output_layer_norm_coefficients", kOptional}});
  if (failed(c))
    return failure();
  auto act = imp.getActivation(op, opts->fused_activation_function());
  auto intermediates = imp.getIntermediateTypes(op);
  if (failed(act) || failed(intermediates))
    return failure();
  ArrayRef<Value> v = c->operands;
  OpBuilder &b = imp.getBuilder();
  auto lstm = LstmOp::create(
      b, op.loc, c->resultType, v[18].getType(), v[19].getType(), v[0], v[1],
      v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
      v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22],
      v[23], *act, b.getF32FloatAttr(opts->cell_clip()),
      b.getF32FloatAttr(opts->proj_clip()), b.getBoolAttr(opts->time_major()),
      *intermediates);
  imp.setResult(op, 0, lstm.getOutput());
  imp.updateState(*outputState, lstm.getOutputStateOut());
  imp.updateState(*cellState, lstm.getCellStateOut());
  return success();
}

LogicalResult mlir::mcuq::tflite_import::convertOperator(Importer &imp,
                                                         const OpInfo &op) {
  switch (op.code) {
  case BuiltinOperator::CONV_2D:
    return convertConv2D(imp, op);
  case BuiltinOperator::DEPTHWISE_CONV_2D:
    return convertDepthwiseConv2D(imp, op);
  case BuiltinOperator::FULLY_CONNECTED:
    return convertFullyConnected(imp, op);
  case BuiltinOperator::AVERAGE_POOL_2D:
    return convertPool2D<AvgPool2DOp>(imp, op);
  case BuiltinOperator::MAX_POOL_2D:
    return convertPool2D<MaxPool2DOp>(imp, op);
  case BuiltinOperator::ADD:
    return convertAdd(imp, op);
  case BuiltinOperator::MUL:
    return convertMul(imp, op);
  case BuiltinOperator::MAXIMUM:
    return convertMinMax<MaximumOp>(imp, op);
  case BuiltinOperator::MINIMUM:
    return convertMinMax<MinimumOp>(imp, op);
  case BuiltinOperator::RESHAPE:
    return convertReshape(imp, op, /*maxInputs=*/2);
  case BuiltinOperator::SQUEEZE:
    return convertReshape(imp, op, /*maxInputs=*/1);
  case BuiltinOperator::EXPAND_DIMS:
    return convertReshape(imp, op, /*maxInputs=*/2);
  case BuiltinOperator::SOFTMAX:
    return convertSoftmax(imp, op);
  case BuiltinOperator::LOGISTIC:
    return convertUnary<LogisticOp>(imp, op);
  case BuiltinOperator::TANH:
    return convertUnary<TanhOp>(imp, op);
  case BuiltinOperator::QUANTIZE:
    return convertUnary<QuantizeOp>(imp, op, /*floatInput=*/true);
  case BuiltinOperator::DEQUANTIZE:
    return convertUnary<DequantizeOp>(imp, op, /*floatInput=*/false,
                                      /*floatResult=*/true);
  case BuiltinOperator::RELU:
    return convertRelu(imp, op, Activation::Relu);
  case BuiltinOperator::RELU6:
    return convertRelu(imp, op, Activation::Relu6);
  case BuiltinOperator::RELU_N1_TO_1:
    return convertRelu(imp, op, Activation::ReluN1To1);
  case BuiltinOperator::RELU_0_TO_1:
    return convertRelu(imp, op, Activation::Relu0To1);
  case BuiltinOperator::MEAN:
    return convertMean(imp, op);
  case BuiltinOperator::PAD:
    return convertPad(imp, op, /*v2=*/false);
  case BuiltinOperator::PADV2:
    return convertPad(imp, op, /*v2=*/true);
  case BuiltinOperator::CONCATENATION:
    return convertConcatenation(imp, op);
  case BuiltinOperator::SVDF:
    return convertSvdf(imp, op);
  case BuiltinOperator::UNIDIRECTIONAL_SEQUENCE_LSTM:
    return convertLstm(imp, op);
  case BuiltinOperator::WHILE:
  case BuiltinOperator::IF:
  case BuiltinOperator::CALL_ONCE:
  case BuiltinOperator::CALL:
    return imp.emitUnsupported(op, "calls into other subgraphs are not "
                                   "supported");
  default:
    return imp.emitUnsupported(op);
  }
}
