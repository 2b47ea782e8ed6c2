//===- MCUQOps.cpp - mcuq operations --------------------------------------===//

#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"
#include "mcuq/Support/FixedPoint.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::mcuq;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

namespace {
/// Spatial geometry of a windowed NHWC operator.
struct Window {
  int64_t kernelH, kernelW;
  ArrayRef<int64_t> stride, dilation;
  PaddingMode mode;
  std::optional<ArrayRef<int64_t>> pad;
};
} // namespace

static const int64_t kUnitDilation[2] = {1, 1};

/// TFLite's padding rule: SAME gives ceil(in / stride) outputs and puts the
/// smaller half of the padding first.
static SmallVector<int64_t, 4> explicitPadding(const Window &w, int64_t inH,
                                               int64_t inW) {
  switch (w.mode) {
  case PaddingMode::Valid:
    return {0, 0, 0, 0};
  case PaddingMode::Explicit:
    if (w.pad && w.pad->size() == 4)
      return SmallVector<int64_t, 4>(*w.pad);
    return {0, 0, 0, 0};
  case PaddingMode::Same: {
    auto total = [](int64_t in, int64_t k, int64_t s, int64_t d) {
      int64_t out = (in + s - 1) / s;
      int64_t effK = (k - 1) * d + 1;
      return std::max<int64_t>((out - 1) * s + effK - in, 0);
    };
    int64_t th = total(inH, w.kernelH, w.stride[0], w.dilation[0]);
    int64_t tw = total(inW, w.kernelW, w.stride[1], w.dilation[1]);
    return {th / 2, th - th / 2, tw / 2, tw - tw / 2};
  }
  }
  return {0, 0, 0, 0};
}

/// Output spatial size, or a negative value when the window does not fit.
static std::pair<int64_t, int64_t> windowOutput(const Window &w, int64_t inH,
                                                int64_t inW) {
  SmallVector<int64_t, 4> p = explicitPadding(w, inH, inW);
  int64_t effH = (w.kernelH - 1) * w.dilation[0] + 1;
  int64_t effW = (w.kernelW - 1) * w.dilation[1] + 1;
  int64_t numH = inH + p[0] + p[1] - effH;
  int64_t numW = inW + p[2] + p[3] - effW;
  return {numH < 0 ? -1 : numH / w.stride[0] + 1,
          numW < 0 ? -1 : numW / w.stride[1] + 1};
}

/// Checks the attributes that describe a window.
static LogicalResult verifyWindowAttrs(Operation *op, const Window &w) {
  if (w.stride.size() != 2)
    return op->emitOpError("'stride' must have 2 entries, got ")
           << w.stride.size();
  if (w.dilation.size() != 2)
    return op->emitOpError("'dilation' must have 2 entries, got ")
           << w.dilation.size();
  for (int64_t s : w.stride)
    if (s <= 0)
      return op->emitOpError("'stride' entries must be positive, got ") << s;
  for (int64_t d : w.dilation)
    if (d <= 0)
      return op->emitOpError("'dilation' entries must be positive, got ") << d;
  if (w.kernelH <= 0 || w.kernelW <= 0)
    return op->emitOpError("window must be at least 1x1, got ")
           << w.kernelH << "x" << w.kernelW;
  if (w.mode == PaddingMode::Explicit) {
    if (!w.pad || w.pad->size() != 4)
      return op->emitOpError("explicit padding needs 'pad' with 4 entries "
                             "[top, bottom, left, right]");
    for (int64_t p : *w.pad)
      if (p < 0)
        return op->emitOpError("'pad' entries must be non-negative, got ") << p;
  } else if (w.pad) {
    return op->emitOpError("'pad' is only allowed with explicit padding");
  }
  return success();
}

static LogicalResult verifyRank(Operation *op, StringRef name, Type type,
                                int64_t rank) {
  auto shaped = cast<ShapedType>(type);
  if (shaped.getRank() != rank)
    return op->emitOpError("'") << name << "' must have rank " << rank
                                << ", got " << shaped.getRank();
  return success();
}

static LogicalResult verifyPerTensor(Operation *op, StringRef name, Type type) {
  if (isPerAxis(type))
    return op->emitOpError("'") << name << "' must be quantized per tensor";
  return success();
}

/// Fused activations that mcuq operators implement (TFLite's TANH and
/// SIGN_BIT activation types are not used by its integer kernels).
static LogicalResult verifyActivation(Operation *op, Activation act) {
  if (act == Activation::Tanh || act == Activation::SignBit)
    return op->emitOpError("fused activation '")
           << stringifyActivation(act) << "' is not supported";
  return success();
}

/// Checks weights: symmetric, int8/int4 storage, per tensor or per channel on
/// `channelAxis` with `channels` entries.
static LogicalResult verifyWeights(Operation *op, StringRef name, Type type,
                                   int64_t channelAxis, int64_t channels) {
  unsigned bits = getStorageBits(type);
  if (bits != 8 && bits != 4)
    return op->emitOpError("'")
           << name << "' must have i8 or i4 storage, got i" << bits;
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(
          getQuantElementType(type))) {
    if (perAxis.getQuantizedDimension() != channelAxis)
      return op->emitOpError("'")
             << name << "' must be quantized along dimension " << channelAxis
             << " (output channels), got dimension "
             << perAxis.getQuantizedDimension();
    if (static_cast<int64_t>(perAxis.getScales().size()) != channels)
      return op->emitOpError("'")
             << name << "' has " << perAxis.getScales().size()
             << " per-channel scales for " << channels << " output channels";
  }
  SmallVector<int64_t> zps = getZeroPoints(type);
  for (auto [i, zp] : llvm::enumerate(zps))
    if (zp != 0)
      return op->emitOpError("'")
             << name << "' must be symmetric (zero point 0), got " << zp
             << " at channel " << i;
  return success();
}

/// Checks that `acc` (bias or an i32 accumulator result) has scale
/// input scale x filter scale per channel and zero point 0.
static LogicalResult verifyProductScale(Operation *op, StringRef name,
                                        Type accType, Type inputType,
                                        Type filterType, int64_t channels) {
  // Plain i64 (int16 activation paths): the scale is implied.
  if (!getQuantElementType(accType))
    return success();
  SmallVector<double> accScales = getScales(accType);
  SmallVector<double> filterScales = getScales(filterType);
  double inScale = getScale(inputType);
  if (accScales.size() != 1 &&
      static_cast<int64_t>(accScales.size()) != channels)
    return op->emitOpError("'") << name << "' has " << accScales.size()
                                << " scales for " << channels << " channels";
  for (int64_t c = 0; c < channels; ++c) {
    double a = accScales[accScales.size() == 1 ? 0 : c];
    double f = filterScales[filterScales.size() == 1 ? 0 : c];
    // TFLite computes the product in float before comparing.
    double expected = static_cast<float>(inScale) * static_cast<float>(f);
    if (!scalesAgree(a, expected))
      return op->emitOpError("'")
             << name << "' scale " << a << " at channel " << c
             << " must equal input scale x filter scale = " << expected;
  }
  for (int64_t zp : getZeroPoints(accType))
    if (zp != 0)
      return op->emitOpError("'")
             << name << "' must have zero point 0, got " << zp;
  return success();
}

/// Shared checks of conv2d / depthwise_conv2d / fully_connected operands.
static LogicalResult verifyConvLikeQuant(Operation *op, Value input,
                                         Value filter, Value bias, Value output,
                                         int64_t filterAxis, int64_t channels,
                                         Activation act) {
  Type inTy = input.getType(), fTy = filter.getType(), outTy = output.getType();
  if (failed(verifyPerTensor(op, "input", inTy)))
    return failure();
  unsigned inBits = getStorageBits(inTy);
  if (inBits != 8 && inBits != 16)
    return op->emitOpError("'input' must have i8 or i16 storage, got i")
           << inBits;
  if (failed(verifyWeights(op, "filter", fTy, filterAxis, channels)))
    return failure();
  if (bias) {
    Type bTy = bias.getType();
    auto bShape = cast<ShapedType>(bTy);
    if (bShape.getRank() != 1 || bShape.getDimSize(0) != channels)
      return op->emitOpError("'bias' must have shape [")
             << channels << "], got " << bTy;
    unsigned bBits = getStorageBits(bTy);
    unsigned want = inBits == 16 ? 64 : 32;
    if (bBits != want && !(inBits == 16 && bBits == 32))
      return op->emitOpError("'bias' must have i")
             << want << " storage for i" << inBits << " input, got i" << bBits;
    if (failed(verifyProductScale(op, "bias", bTy, inTy, fTy, channels)))
      return failure();
  }
  unsigned outBits = getStorageBits(outTy);
  if (outBits == 32 || outBits == 64) {
    if (act != Activation::None)
      return op->emitOpError("accumulator result cannot have a fused "
                             "activation; clamp in mcuq.requantize");
    return verifyProductScale(op, "output", outTy, inTy, fTy, channels);
  }
  if (failed(verifyPerTensor(op, "output", outTy)))
    return failure();
  if (outBits != inBits)
    return op->emitOpError("'output' storage i")
           << outBits << " must match 'input' storage i" << inBits;
  // TFLite's 16x8 kernels take no activation offsets: a zero point there
  // would be silently dropped.
  if (inBits == 16)
    for (auto [name, type] : {std::pair<StringRef, Type>("input", inTy),
                              std::pair<StringRef, Type>("output", outTy)})
      if (int64_t zp = getZeroPoint(type))
        return op->emitOpError("int16 '")
               << name << "' must have zero point 0, got " << zp;
  return verifyActivation(op, act);
}

static LogicalResult verifyShapeIs(Operation *op, StringRef name, Type actual,
                                   ArrayRef<int64_t> expected) {
  auto shaped = cast<ShapedType>(actual);
  if (shaped.getShape() != expected) {
    InFlightDiagnostic diag = op->emitOpError("'") << name << "' shape [";
    llvm::interleaveComma(shaped.getShape(), diag);
    diag << "] does not match the inferred shape [";
    llvm::interleaveComma(expected, diag);
    return diag << "]";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ConstOp
//===----------------------------------------------------------------------===//

LogicalResult ConstOp::verify() {
  auto valueType = cast<ShapedType>(getValue().getType());
  Type resultType = getOutput().getType();
  auto storage = cast<ShapedType>(toStorageType(resultType));
  if (valueType.getShape() != storage.getShape())
    return emitOpError("'value' shape does not match the result's storage "
                       "shape ")
           << storage;
  if (valueType.getElementType() != storage.getElementType())
    return emitOpError("'value' element type ")
           << valueType.getElementType()
           << " does not match the result's storage element type "
           << storage.getElementType();
  return success();
}

OpFoldResult ConstOp::fold(FoldAdaptor adaptor) { return getValue(); }

OpFoldResult DoublingHighMulOp::fold(FoldAdaptor adaptor) {
  auto lhs = dyn_cast_or_null<IntegerAttr>(adaptor.getLhs());
  auto rhs = dyn_cast_or_null<IntegerAttr>(adaptor.getRhs());
  if (!lhs || !rhs)
    return {};
  return IntegerAttr::get(getType(),
                          ::mcuq::fixedpoint::saturatingRoundingDoublingHighMul(
                              lhs.getInt(), rhs.getInt()));
}

//===----------------------------------------------------------------------===//
// Conv2DOp / DepthwiseConv2DOp
//===----------------------------------------------------------------------===//

template <typename OpTy>
static Window getWindow(OpTy op, int64_t kh, int64_t kw) {
  return Window{
      kh, kw, op.getStride(), op.getDilation(), op.getPadding(), op.getPad()};
}

template <typename AdaptorTy>
static Window getAdaptorWindow(AdaptorTy adaptor, int64_t kh, int64_t kw) {
  std::optional<ArrayRef<int64_t>> pad;
  if (auto p = adaptor.getPadAttr())
    pad = p.asArrayRef();
  return Window{
      kh, kw, adaptor.getStride(), adaptor.getDilation(), adaptor.getPadding(),
      pad};
}

bool Conv2DOp::isAccumulatorForm() {
  return getStorageBits(getOutput().getType()) >= 32;
}

SmallVector<int64_t, 4> Conv2DOp::getExplicitPadding() {
  auto in = getInput().getType(), f = getFilter().getType();
  return explicitPadding(getWindow(*this, f.getDimSize(1), f.getDimSize(2)),
                         in.getDimSize(1), in.getDimSize(2));
}

LogicalResult Conv2DOp::inferReturnTypeComponents(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferredReturnShapes) {
  auto in = cast<ShapedType>(adaptor.getInput().getType());
  auto f = cast<ShapedType>(adaptor.getFilter().getType());
  if (in.getRank() != 4 || f.getRank() != 4 ||
      adaptor.getStride().size() != 2 || adaptor.getDilation().size() != 2)
    return failure();
  auto [oh, ow] =
      windowOutput(getAdaptorWindow(adaptor, f.getDimSize(1), f.getDimSize(2)),
                   in.getDimSize(1), in.getDimSize(2));
  inferredReturnShapes.emplace_back(
      ArrayRef<int64_t>{in.getDimSize(0), oh, ow, f.getDimSize(0)});
  return success();
}

/// Window checks plus the inferred output shape.
template <typename OpTy>
static LogicalResult verifyWindowedShape(OpTy op, int64_t kh, int64_t kw,
                                         int64_t outChannels) {
  if (failed(verifyWindowAttrs(op, getWindow(op, kh, kw))))
    return failure();
  auto in = cast<ShapedType>(op.getInput().getType());
  auto [oh, ow] =
      windowOutput(getWindow(op, kh, kw), in.getDimSize(1), in.getDimSize(2));
  if (oh <= 0 || ow <= 0)
    return op.emitOpError("window ")
           << kh << "x" << kw << " does not fit the padded input "
           << in.getDimSize(1) << "x" << in.getDimSize(2);
  return verifyShapeIs(op, "output", op.getOutput().getType(),
                       {in.getDimSize(0), oh, ow, outChannels});
}

LogicalResult Conv2DOp::verify() {
  Operation *op = getOperation();
  if (failed(verifyRank(op, "input", getInput().getType(), 4)) ||
      failed(verifyRank(op, "filter", getFilter().getType(), 4)) ||
      failed(verifyRank(op, "output", getOutput().getType(), 4)))
    return failure();
  auto in = getInput().getType(), f = getFilter().getType();
  int64_t cout = f.getDimSize(0);
  if (f.getDimSize(3) <= 0 || in.getDimSize(3) <= 0 ||
      in.getDimSize(3) % f.getDimSize(3) != 0)
    return emitOpError("'input' channels (")
           << in.getDimSize(3) << ") must be a multiple of 'filter' channels ("
           << f.getDimSize(3) << ")";
  int64_t groups = in.getDimSize(3) / f.getDimSize(3);
  if (cout % groups != 0)
    return emitOpError("'filter' output channels (")
           << cout << ") must be a multiple of the group count (" << groups
           << ")";
  if (failed(
          verifyWindowedShape(*this, f.getDimSize(1), f.getDimSize(2), cout)))
    return failure();
  return verifyConvLikeQuant(op, getInput(), getFilter(), getBias(),
                             getOutput(), /*filterAxis=*/0, cout,
                             getFusedActivation());
}

bool DepthwiseConv2DOp::isAccumulatorForm() {
  return getStorageBits(getOutput().getType()) >= 32;
}

SmallVector<int64_t, 4> DepthwiseConv2DOp::getExplicitPadding() {
  auto in = getInput().getType(), f = getFilter().getType();
  return explicitPadding(getWindow(*this, f.getDimSize(1), f.getDimSize(2)),
                         in.getDimSize(1), in.getDimSize(2));
}

LogicalResult DepthwiseConv2DOp::inferReturnTypeComponents(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferredReturnShapes) {
  auto in = cast<ShapedType>(adaptor.getInput().getType());
  auto f = cast<ShapedType>(adaptor.getFilter().getType());
  if (in.getRank() != 4 || f.getRank() != 4 ||
      adaptor.getStride().size() != 2 || adaptor.getDilation().size() != 2)
    return failure();
  auto [oh, ow] =
      windowOutput(getAdaptorWindow(adaptor, f.getDimSize(1), f.getDimSize(2)),
                   in.getDimSize(1), in.getDimSize(2));
  inferredReturnShapes.emplace_back(
      ArrayRef<int64_t>{in.getDimSize(0), oh, ow, f.getDimSize(3)});
  return success();
}

LogicalResult DepthwiseConv2DOp::verify() {
  Operation *op = getOperation();
  if (failed(verifyRank(op, "input", getInput().getType(), 4)) ||
      failed(verifyRank(op, "filter", getFilter().getType(), 4)) ||
      failed(verifyRank(op, "output", getOutput().getType(), 4)))
    return failure();
  auto in = getInput().getType(), f = getFilter().getType();
  if (f.getDimSize(0) != 1)
    return emitOpError("'filter' must have shape [1, KH, KW, C * M], got ")
           << f;
  int64_t mult = getDepthMultiplier();
  if (mult <= 0)
    return emitOpError("'depth_multiplier' must be positive, got ") << mult;
  int64_t cout = f.getDimSize(3);
  if (in.getDimSize(3) * mult != cout)
    return emitOpError("'filter' channels (")
           << cout << ") must equal input channels (" << in.getDimSize(3)
           << ") x depth_multiplier (" << mult << ")";
  if (failed(
          verifyWindowedShape(*this, f.getDimSize(1), f.getDimSize(2), cout)))
    return failure();
  return verifyConvLikeQuant(op, getInput(), getFilter(), getBias(),
                             getOutput(), /*filterAxis=*/3, cout,
                             getFusedActivation());
}

//===----------------------------------------------------------------------===//
// FullyConnectedOp
//===----------------------------------------------------------------------===//

bool FullyConnectedOp::isAccumulatorForm() {
  return getStorageBits(getOutput().getType()) >= 32;
}

int64_t FullyConnectedOp::getBatchSize() {
  int64_t depth = getFilter().getType().getDimSize(1);
  return getInput().getType().getNumElements() / depth;
}

LogicalResult FullyConnectedOp::inferReturnTypeComponents(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<ShapedTypeComponents> &inferredReturnShapes) {
  auto in = cast<ShapedType>(adaptor.getInput().getType());
  auto f = cast<ShapedType>(adaptor.getFilter().getType());
  if (f.getRank() != 2 || in.getRank() < 1 || f.getDimSize(1) <= 0)
    return failure();
  if (adaptor.getKeepNumDims()) {
    SmallVector<int64_t> shape(in.getShape());
    shape.back() = f.getDimSize(0);
    inferredReturnShapes.emplace_back(shape);
  } else {
    inferredReturnShapes.emplace_back(ArrayRef<int64_t>{
        in.getNumElements() / f.getDimSize(1), f.getDimSize(0)});
  }
  return success();
}

LogicalResult FullyConnectedOp::verify() {
  Operation *op = getOperation();
  if (failed(verifyRank(op, "filter", getFilter().getType(), 2)))
    return failure();
  auto in = getInput().getType(), f = getFilter().getType();
  if (in.getRank() < 1)
    return emitOpError("'input' must have rank >= 1");
  int64_t units = f.getDimSize(0), depth = f.getDimSize(1);
  if (depth <= 0 || in.getNumElements() % depth != 0)
    return emitOpError("'input' has ")
           << in.getNumElements()
           << " elements, not a multiple of the filter depth " << depth;
  if (getKeepNumDims() && in.getShape().back() != depth)
    return emitOpError("with keep_num_dims the last 'input' dimension (")
           << in.getShape().back() << ") must equal the filter depth (" << depth
           << ")";
  SmallVector<int64_t> expected;
  if (getKeepNumDims()) {
    expected.assign(in.getShape().begin(), in.getShape().end());
    expected.back() = units;
  } else {
    expected = {in.getNumElements() / depth, units};
  }
  if (failed(verifyShapeIs(op, "output", getOutput().getType(), expected)))
    return failure();
  return verifyConvLikeQuant(op, getInput(), getFilter(), getBias(),
                             getOutput(), /*filterAxis=*/0, units,
                             getFusedActivation());
}

//===----------------------------------------------------------------------===//
// Broadcasting binary operators
//===----------------------------------------------------------------------===//

/// Numpy broadcasting of two static shapes; failure when incompatible.
static FailureOr<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> a,
                                                       ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return failure();
    out[i] = da == 1 ? db : da;
  }
  return out;
}

template <typename AdaptorTy>
static LogicalResult
inferBroadcast(AdaptorTy adaptor,
               SmallVectorImpl<ShapedTypeComponents> &inferredReturnShapes) {
  auto l = cast<ShapedType>(adaptor.getLhs().getType());
  auto r = cast<ShapedType>(adaptor.getRhs().getType());
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(l.getShape(), r.getShape());
  if (failed(shape))
    return failure();
  inferredReturnShapes.emplace_back(*shape);
  return success();
}

template <typename OpTy> static LogicalResult verifyBroadcastOperands(OpTy op) {
  auto l = cast<ShapedType>(op.getLhs().getType());
  auto r = cast<ShapedType>(op.getRhs().getType());
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(l.getShape(), r.getShape());
  if (failed(shape))
    return op.emitOpError("operand shapes ")
           << l << " and " << r << " are not broadcast-compatible";
  Operation *o = op.getOperation();
  if (failed(verifyShapeIs(o, "output", op.getOutput().getType(), *shape)) ||
      failed(verifyPerTensor(o, "lhs", l)) ||
      failed(verifyPerTensor(o, "rhs", r)) ||
      failed(verifyPerTensor(o, "output", op.getOutput().getType())))
    return failure();
  return success();
}

/// Explicit form: i32 operands and result with one scale and zero point 0.
static bool isAccumulatorArith(Type l, Type r, Type o) {
  return getStorageBits(l) == 32 && getStorageBits(r) == 32 &&
         getStorageBits(o) == 32;
}

static LogicalResult verifyArithStorage(Operation *op, Type l, Type r, Type o) {
  if (isAccumulatorArith(l, r, o)) {
    if (getZeroPoint(l) || getZeroPoint(r) || getZeroPoint(o))
      return op->emitOpError("i32 operands must have zero point 0");
    return success();
  }
  unsigned bits = getStorageBits(o);
  if (bits != 8 && bits != 16)
    return op->emitOpError("'output' must have i8 or i16 storage, got i")
           << bits;
  if (getStorageBits(l) != bits)
    return op->emitOpError("'lhs' storage i")
           << getStorageBits(l) << " must match 'output' storage i" << bits;
  if (getStorageBits(r) != bits)
    return op->emitOpError("'rhs' storage i")
           << getStorageBits(r) << " must match 'output' storage i" << bits;
  return success();
}

#define MCUQ_BROADCAST_INFER(OpTy)                                             \
  LogicalResult OpTy::inferReturnTypeComponents(                               \
      MLIRContext *context, std::optional<Location> location, Adaptor adaptor, \
      SmallVectorImpl<ShapedTypeComponents> &inferredReturnShapes) {           \
    return inferBroadcast(adaptor, inferredReturnShapes);                      \
  }
MCUQ_BROADCAST_INFER(AddOp)
MCUQ_BROADCAST_INFER(MulOp)
MCUQ_BROADCAST_INFER(MaximumOp)
MCUQ_BROADCAST_INFER(MinimumOp)
#undef MCUQ_BROADCAST_INFER

LogicalResult AddOp::verify() {
  if (failed(verifyBroadcastOperands(*this)))
    return failure();
  Type l = getLhs().getType(), r = getRhs().getType(),
       o = getOutput().getType();
  if (failed(verifyArithStorage(getOperation(), l, r, o)))
    return failure();
  if (isAccumulatorArith(l, r, o)) {
    if (getFusedActivation() != Activation::None)
      return emitOpError("i32 addition cannot have a fused activation");
    if (getScale(l) != getScale(o) || getScale(r) != getScale(o))
      return emitOpError("i32 operands and result must share one scale");
  }
  return verifyActivation(getOperation(), getFusedActivation());
}

LogicalResult MulOp::verify() {
  if (failed(verifyBroadcastOperands(*this)))
    return failure();
  Type l = getLhs().getType(), r = getRhs().getType(),
       o = getOutput().getType();
  // Explicit form: the exact product (a - za) * (b - zb) as i32.
  if (getStorageBits(o) == 32 && getStorageBits(l) <= 16 &&
      getStorageBits(r) <= 16) {
    if (getFusedActivation() != Activation::None)
      return emitOpError("i32 product cannot have a fused activation");
    double expected = getScale(l) * getScale(r);
    if (getZeroPoint(o) != 0 || !scalesAgree(getScale(o), expected))
      return emitOpError("i32 product must have zero point 0 and scale ")
             << expected;
    return success();
  }
  if (failed(verifyArithStorage(getOperation(), l, r, o)))
    return failure();
  return verifyActivation(getOperation(), getFusedActivation());
}

template <typename OpTy> static LogicalResult verifyMinMax(OpTy op) {
  if (failed(verifyBroadcastOperands(op)))
    return failure();
  Type o = getElementTypeOrSelf(op.getOutput().getType());
  if (getElementTypeOrSelf(op.getLhs().getType()) != o)
    return op.emitOpError("'lhs' quantization must match the output's");
  if (getElementTypeOrSelf(op.getRhs().getType()) != o)
    return op.emitOpError("'rhs' quantization must match the output's");
  return success();
}

LogicalResult MaximumOp::verify() { return verifyMinMax(*this); }
LogicalResult MinimumOp::verify() { return verifyMinMax(*this); }

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

template <typename OpTy> static Window getPoolWindow(OpTy op) {
  ArrayRef<int64_t> kernel = op.getKernel();
  return Window{kernel.size() > 0 ? kernel[0] : 0,
                kernel.size() > 1 ? kernel[1] : 0,
                op.getStride(),
                kUnitDilation,
                op.getPadding(),
                op.getPad()};
}

template <typename AdaptorTy>
static LogicalResult
inferPool(AdaptorTy adaptor,
          SmallVectorImpl<ShapedTypeComponents> &inferredReturnShapes) {
  auto in = cast<ShapedType>(adaptor.getInput().getType());
  ArrayRef<int64_t> kernel = adaptor.getKernel();
  if (in.getRank() != 4 || kernel.size() != 2 ||
      adaptor.getStride().size() != 2)
    return failure();
  std::optional<ArrayRef<int64_t>> pad;
  if (auto p = adaptor.getPadAttr())
    pad = p.asArrayRef();
  Window w{kernel[0],
           kernel[1],
           adaptor.getStride(),
           kUnitDilation,
           adaptor.getPadding(),
           pad};
  auto [oh, ow] = windowOutput(w, in.getDimSize(1), in.getDimSize(2));
  inferredReturnShapes.emplace_back(
      ArrayRef<int64_t>{in.getDimSize(0), oh, ow, in.getDimSize(3)});
  return success();
}

template <typename OpTy> static LogicalResult verifyPool(OpTy op, bool packed) {
  Operation *o = op.getOperation();
  if (op.getKernel().size() != 2)
    return op.emitOpError("'kernel' must have 2 entries, got ")
           << op.getKernel().size();
  Window w = getPoolWindow(op);
  if (failed(verifyWindowAttrs(o, w)))
    return failure();
  SmallVector<int64_t> inShape, outShape;
  if (packed) {
    inShape.assign(cast<PackedType>(op.getInput().getType()).getShape().begin(),
                   cast<PackedType>(op.getInput().getType()).getShape().end());
  } else {
    if (failed(verifyRank(o, "input", op.getInput().getType(), 4)))
      return failure();
    inShape.assign(cast<ShapedType>(op.getInput().getType()).getShape().begin(),
                   cast<ShapedType>(op.getInput().getType()).getShape().end());
  }
  if (inShape.size() != 4)
    return op.emitOpError("'input' must have rank 4");
  auto [oh, ow] = windowOutput(w, inShape[1], inShape[2]);
  if (oh <= 0 || ow <= 0)
    return op.emitOpError("window ")
           << w.kernelH << "x" << w.kernelW << " does not fit the padded input "
           << inShape[1] << "x" << inShape[2];
  SmallVector<int64_t> expected = {inShape[0], oh, ow, inShape[3]};
  if (packed) {
    auto out = cast<PackedType>(op.getOutput().getType());
    if (out.getShape() != ArrayRef<int64_t>(expected))
      return op.emitOpError("'output' shape does not match the inferred shape");
    return success();
  }
  if (failed(verifyShapeIs(o, "output", op.getOutput().getType(), expected)))
    return failure();
  if (getElementTypeOrSelf(op.getInput().getType()) !=
      getElementTypeOrSelf(op.getOutput().getType()))
    return op.emitOpError("'input' and 'output' must share one quantization");
  return verifyPerTensor(o, "input", op.getInput().getType());
}

#define MCUQ_POOL_IMPL(OpTy)                                                   \
  LogicalResult OpTy::inferReturnTypeComponents(                               \
      MLIRContext *context, std::optional<Location> location, Adaptor adaptor, \
      SmallVectorImpl<ShapedTypeComponents> &inferredReturnShapes) {           \
    return inferPool(adaptor, inferredReturnShapes);                           \
  }                                                                            \
  SmallVector<int64_t, 4> OpTy::getExplicitPadding() {                         \
    auto in = cast<ShapedType>(getInput().getType());                          \
    return explicitPadding(getPoolWindow(*this), in.getDimSize(1),             \
                           in.getDimSize(2));                                  \
  }                                                                            \
  LogicalResult OpTy::verify() {                                               \
    if (failed(verifyPool(*this, /*packed=*/false)))                           \
      return failure();                                                        \
    return verifyActivation(getOperation(), getFusedActivation());             \
  }
MCUQ_POOL_IMPL(AvgPool2DOp)
MCUQ_POOL_IMPL(MaxPool2DOp)
#undef MCUQ_POOL_IMPL

//===----------------------------------------------------------------------===//
// MeanOp
//===----------------------------------------------------------------------===//

LogicalResult MeanOp::verify() {
  auto in = getInput().getType();
  // The rescale uses one scale and zero point on each side.
  if (failed(verifyPerTensor(getOperation(), "input", in)) ||
      failed(verifyPerTensor(getOperation(), "output", getOutput().getType())))
    return failure();
  int64_t rank = in.getRank();
  SmallVector<bool> reduced(rank, false);
  for (int64_t axis : getAxes()) {
    if (axis < 0 || axis >= rank)
      return emitOpError("axis ")
             << axis << " is out of range for rank " << rank;
    if (reduced[axis])
      return emitOpError("axis ") << axis << " is repeated";
    // The mean divides by the number of elements reduced.
    if (in.getDimSize(axis) == 0)
      return emitOpError("axis ") << axis << " has size 0: nothing to average";
    reduced[axis] = true;
  }
  SmallVector<int64_t> expected;
  for (int64_t i = 0; i < rank; ++i) {
    if (!reduced[i])
      expected.push_back(in.getDimSize(i));
    else if (getKeepDims())
      expected.push_back(1);
  }
  if (failed(verifyShapeIs(getOperation(), "output", getOutput().getType(),
                           expected)))
    return failure();
  if (getStorageBits(in) != getStorageBits(getOutput().getType()))
    return emitOpError("'input' and 'output' storage widths must match");
  // The rescale of the sum must be an int32 multiply and shift.
  int64_t n = 1;
  for (int64_t axis : getAxes())
    n *= in.getDimSize(axis);
  double ratio = getScale(in) / getScale(getOutput().getType());
  ::mcuq::fixedpoint::QuantizedMultiplier q =
      ::mcuq::fixedpoint::meanMultiplier(ratio, n);
  if (q.shift > 31)
    return emitOpError("input/output scale ratio ")
           << ratio << " needs a left shift of " << q.shift
           << " bits (at most 31)";
  return success();
}

//===----------------------------------------------------------------------===//
// Nonlinearities
//===----------------------------------------------------------------------===//

/// TFLite fixes the output quantization of its bounded nonlinearities.
static LogicalResult verifyFixedOutput(Operation *op, Type in, Type out,
                                       double int8Scale, int64_t int8Zp) {
  if (failed(verifyPerTensor(op, "input", in)) ||
      failed(verifyPerTensor(op, "output", out)))
    return failure();
  unsigned bits = getStorageBits(out);
  if (getStorageBits(in) != bits)
    return op->emitOpError("'input' and 'output' storage widths must match");
  double scale = bits == 8 ? int8Scale : 1.0 / 32768.0;
  int64_t zp = bits == 8 ? int8Zp : 0;
  if (bits != 8 && bits != 16)
    return op->emitOpError("'output' must have i8 or i16 storage");
  if (!scalesAgree(getScale(out), scale, 1e-6) || getZeroPoint(out) != zp)
    return op->emitOpError("'output' must have scale ")
           << scale << " and zero point " << zp << ", got " << getScale(out)
           << " and " << getZeroPoint(out);
  return success();
}

LogicalResult SoftmaxOp::verify() {
  if (getInput().getType().getRank() < 1)
    return emitOpError("'input' must have rank >= 1");
  // Rows of the last dimension are normalized; an empty row has no softmax.
  if (getInput().getType().getShape().back() == 0)
    return emitOpError("'input' last dimension has size 0");
  if (getBeta().convertToFloat() <= 0.0f)
    return emitOpError("'beta' must be positive");
  Type in = getInput().getType(), out = getOutput().getType();
  // TFLite's int8 -> int16 softmax uses the whole int16 range for [0, 1).
  if (getStorageBits(in) == 8 && getStorageBits(out) == 16) {
    if (failed(verifyPerTensor(getOperation(), "input", in)) ||
        failed(verifyPerTensor(getOperation(), "output", out)))
      return failure();
    // TFLM accepts the scale within 0.1% (keyword_scrambled has 1/65535).
    if (!scalesAgree(getScale(out), 1.0 / 65536.0, 1e-3) ||
        getZeroPoint(out) != -32768)
      return emitOpError("int16 'output' of an int8 softmax must have scale ")
             << 1.0 / 65536.0 << " and zero point -32768, got " << getScale(out)
             << " and " << getZeroPoint(out);
    return success();
  }
  return verifyFixedOutput(getOperation(), in, out, 1.0 / 256.0, -128);
}

/// TFLite's int16 LOGISTIC/TANH kernels take no input offset (spec 9.4).
static LogicalResult verifyInt16TableInput(Operation *op, Type in) {
  if (getStorageBits(in) == 16 && getZeroPoint(in) != 0)
    return op->emitOpError("int16 'input' must have zero point 0, got ")
           << getZeroPoint(in);
  return success();
}

LogicalResult LogisticOp::verify() {
  if (failed(verifyFixedOutput(getOperation(), getInput().getType(),
                               getOutput().getType(), 1.0 / 256.0, -128)))
    return failure();
  return verifyInt16TableInput(getOperation(), getInput().getType());
}

LogicalResult TanhOp::verify() {
  if (failed(verifyFixedOutput(getOperation(), getInput().getType(),
                               getOutput().getType(), 1.0 / 128.0, 0)))
    return failure();
  return verifyInt16TableInput(getOperation(), getInput().getType());
}

LogicalResult ReluOp::verify() {
  switch (getKind()) {
  case Activation::Relu:
  case Activation::Relu6:
  case Activation::ReluN1To1:
  case Activation::Relu0To1:
    break;
  default:
    return emitOpError("'kind' must be relu, relu6, relu_n1_to_1 or "
                       "relu_0_to_1, got ")
           << stringifyActivation(getKind());
  }
  if (failed(verifyPerTensor(getOperation(), "input", getInput().getType())) ||
      failed(verifyPerTensor(getOperation(), "output", getOutput().getType())))
    return failure();
  if (getStorageBits(getInput().getType()) !=
      getStorageBits(getOutput().getType()))
    return emitOpError("'input' and 'output' storage widths must match");
  return success();
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

static ArrayRef<int64_t> getShapeOf(Type type) {
  if (auto packed = dyn_cast<PackedType>(type))
    return packed.getShape();
  return cast<ShapedType>(type).getShape();
}

static Type getElementOf(Type type) {
  if (auto packed = dyn_cast<PackedType>(type))
    return packed.getElementType();
  return cast<ShapedType>(type).getElementType();
}

LogicalResult ReshapeOp::verify() {
  Type in = getInput().getType(), out = getOutput().getType();
  if (isa<PackedType>(in) != isa<PackedType>(out))
    return emitOpError("cannot reshape between packed and unpacked tensors");
  if (getElementOf(in) != getElementOf(out))
    return emitOpError("'input' element type ")
           << getElementOf(in) << " must match 'output' element type "
           << getElementOf(out);
  auto count = [](ArrayRef<int64_t> shape) {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return n;
  };
  if (count(getShapeOf(in)) != count(getShapeOf(out)))
    return emitOpError("'input' has ")
           << count(getShapeOf(in)) << " elements but 'output' has "
           << count(getShapeOf(out));
  if (auto packed = dyn_cast<PackedType>(in)) {
    auto outPacked = cast<PackedType>(out);
    // Words are only reinterpretable when the packed (innermost) dimension
    // is unchanged.
    if (packed.getAxis() != packed.getRank() - 1 ||
        outPacked.getAxis() != outPacked.getRank() - 1 ||
        packed.getShape().back() != outPacked.getShape().back() ||
        packed.getWordBits() != outPacked.getWordBits())
      return emitOpError("packed reshape must keep the innermost packed "
                         "dimension and word");
  }
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput()))
    return dense.reshape(
        cast<ShapedType>(toStorageType(getOutput().getType())));
  return {};
}

namespace {
/// reshape(reshape(x)) -> reshape(x): only the final shape matters.
struct FoldReshapeChain : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto producer = op.getInput().getDefiningOp<ReshapeOp>();
    if (!producer)
      return failure();
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getOutput().getType(),
                                           producer.getInput());
    return success();
  }
};
} // namespace

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<FoldReshapeChain>(context);
}

//===----------------------------------------------------------------------===//
// PadOp
//===----------------------------------------------------------------------===//

int32_t PadOp::getFillValue() {
  if (auto v = getPadValue())
    return int32_t(*v);
  return getZeroPoint(getInput().getType());
}

LogicalResult PadOp::verify() {
  auto in = getInput().getType();
  ArrayRef<int64_t> pads = getPaddings();
  if (static_cast<int64_t>(pads.size()) != 2 * in.getRank())
    return emitOpError("'paddings' must have 2 entries per dimension (")
           << 2 * in.getRank() << "), got " << pads.size();
  SmallVector<int64_t> expected;
  for (int64_t i = 0; i < in.getRank(); ++i) {
    if (pads[2 * i] < 0 || pads[2 * i + 1] < 0)
      return emitOpError("'paddings' must be non-negative");
    expected.push_back(in.getDimSize(i) + pads[2 * i] + pads[2 * i + 1]);
  }
  if (failed(verifyShapeIs(getOperation(), "output", getOutput().getType(),
                           expected)))
    return failure();
  if (in.getElementType() != getOutput().getType().getElementType())
    return emitOpError("'input' and 'output' must share one quantization");
  // The default fill is the zero point: one value for the whole tensor.
  if (!getPadValue() && failed(verifyPerTensor(getOperation(), "input", in)))
    return failure();
  if (auto v = getPadValue()) {
    int32_t fill = *v;
    if (fill < getStorageMin(in) || fill > getStorageMax(in))
      return emitOpError("'pad_value' ")
             << fill << " is outside the storage range of the input";
  }
  return success();
}

OpFoldResult PadOp::fold(FoldAdaptor adaptor) {
  if (llvm::all_of(getPaddings(), [](int64_t p) { return p == 0; }) &&
      getInput().getType() == getOutput().getType())
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// ConcatenateOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatenateOp::verify() {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  auto out = getOutput().getType();
  int64_t rank = out.getRank(), axis = getAxis();
  if (axis < 0 || axis >= rank)
    return emitOpError("'axis' ")
           << axis << " is out of range for rank " << rank;
  int64_t total = 0;
  for (auto [i, v] : llvm::enumerate(getInputs())) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getRank() != rank)
      return emitOpError("input #")
             << i << " has rank " << t.getRank() << ", expected " << rank;
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && t.getDimSize(d) != out.getDimSize(d))
        return emitOpError("input #")
               << i << " dimension " << d << " is " << t.getDimSize(d)
               << ", expected " << out.getDimSize(d);
    if (getStorageBits(t) != getStorageBits(out))
      return emitOpError("input #") << i
                                    << " storage width must match the "
                                       "output's";
    if (failed(verifyPerTensor(getOperation(), "inputs", t)))
      return failure();
    total += t.getDimSize(axis);
  }
  if (total != out.getDimSize(axis))
    return emitOpError("'output' dimension ")
           << axis << " is " << out.getDimSize(axis)
           << " but the inputs add up to " << total;
  if (failed(verifyPerTensor(getOperation(), "output", out)))
    return failure();
  return verifyActivation(getOperation(), getFusedActivation());
}

//===----------------------------------------------------------------------===//
// QuantizeOp / DequantizeOp / RequantizeOp
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::verify() {
  if (failed(verifyPerTensor(getOperation(), "output", getOutput().getType())))
    return failure();
  // A requantization from one scale and zero point.
  if (getQuantElementType(getInput().getType()) &&
      failed(verifyPerTensor(getOperation(), "input", getInput().getType())))
    return failure();
  unsigned bits = getStorageBits(getOutput().getType());
  if (bits != 8 && bits != 16 && bits != 32)
    return emitOpError("'output' must have i8, i16 or i32 storage, got i")
           << bits;
  return success();
}

namespace {
/// quantize(dequantize(x)) -> x when the types round-trip exactly.
struct FoldQuantizeOfDequantize : OpRewritePattern<QuantizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(QuantizeOp op,
                                PatternRewriter &rewriter) const override {
    auto dq = op.getInput().getDefiningOp<DequantizeOp>();
    if (!dq || dq.getInput().getType() != op.getOutput().getType())
      return failure();
    rewriter.replaceOp(op, dq.getInput());
    return success();
  }
};
} // namespace

void QuantizeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                             MLIRContext *context) {
  results.add<FoldQuantizeOfDequantize>(context);
}

LogicalResult DequantizeOp::verify() {
  return verifyPerTensor(getOperation(), "input", getInput().getType());
}

bool RequantizeOp::hasUnitScale() {
  if (getPreShift() != 0)
    return false;
  // 2^30 with a left shift of 1 multiplies by exactly one in every rounding.
  for (int32_t m : getMultiplier())
    if (m != (1 << 30))
      return false;
  for (int32_t s : getShift())
    if (s != 1)
      return false;
  return true;
}

int32_t RequantizeOp::getClampMin() {
  int64_t lo = getStorageMin(getOutput().getType());
  if (auto m = getMin())
    lo = std::max<int64_t>(lo, int32_t(*m));
  return lo;
}

int32_t RequantizeOp::getClampMax() {
  int64_t hi = getStorageMax(getOutput().getType());
  if (auto m = getMax())
    hi = std::min<int64_t>(hi, int32_t(*m));
  return hi;
}

LogicalResult RequantizeOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = getOutput().getType();
  size_t n = getMultiplier().size();
  if (n == 0)
    return emitOpError("'multiplier' must not be empty");
  if (getShift().size() != n)
    return emitOpError("'shift' has ")
           << getShift().size() << " entries but 'multiplier' has " << n;
  if (n > 1) {
    if (!getAxis())
      return emitOpError("per-channel 'multiplier' needs 'axis'");
    int64_t axis = *getAxis();
    if (axis < 0 || axis >= in.getRank())
      return emitOpError("'axis' ")
             << axis << " is out of range for rank " << in.getRank();
    if (in.getDimSize(axis) != static_cast<int64_t>(n))
      return emitOpError("'multiplier' has ")
             << n << " entries for dimension " << axis << " of size "
             << in.getDimSize(axis);
  }
  for (int32_t m : getMultiplier())
    if (m < 0)
      return emitOpError("'multiplier' entries must be non-negative, got ")
             << m;
  for (int32_t s : getShift())
    if (s < -31 || s > 31)
      return emitOpError("'shift' entries must be in [-31, 31], got ") << s;
  int32_t preShift = getPreShift();
  if (preShift < 0 || preShift > 31)
    return emitOpError("'pre_shift' must be in [0, 31], got ") << preShift;
  if (getStorageBits(in) > 32 && getRounding() != RoundingMode::Reduced16)
    return emitOpError("i64 input needs 'reduced16' rounding");
  // Per-axis zero points would make the offsets per channel; TFLite never
  // produces them for activations.
  if (isPerAxis(out))
    return emitOpError("'output' must be quantized per tensor");
  if (isPerAxis(in) &&
      llvm::any_of(getZeroPoints(in), [](int64_t zp) { return zp != 0; }))
    return emitOpError("per-axis 'input' must have zero points 0");
  int64_t lo = getStorageMin(out), hi = getStorageMax(out);
  if (auto m = getMin(); m && (int32_t(*m) < lo || int32_t(*m) > hi))
    return emitOpError("'min' ")
           << int32_t(*m) << " is outside the output storage range";
  if (auto m = getMax(); m && (int32_t(*m) < lo || int32_t(*m) > hi))
    return emitOpError("'max' ")
           << int32_t(*m) << " is outside the output storage range";
  if (getClampMin() > getClampMax())
    return emitOpError("'min' must not exceed 'max'");
  return success();
}

OpFoldResult RequantizeOp::fold(FoldAdaptor adaptor) {
  Type in = getInput().getType(), out = getOutput().getType();
  if (in == out && hasUnitScale() && getClampMin() == getStorageMin(out) &&
      getClampMax() == getStorageMax(out))
    return getInput();
  return {};
}

namespace {
/// A unit-scale requantize that only clamps merges into the requantize that
/// produced its input: clamp(clamp(v, a, b), c, d) == clamp(v, max(a, c),
/// min(b, d)), and with equal zero points the offsets cancel.
struct MergeClampIntoRequantize : OpRewritePattern<RequantizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RequantizeOp op,
                                PatternRewriter &rewriter) const override {
    auto producer = op.getInput().getDefiningOp<RequantizeOp>();
    if (!producer || !op.hasUnitScale() ||
        getElementTypeOrSelf(op.getInput().getType()) !=
            getElementTypeOrSelf(op.getOutput().getType()))
      return failure();
    int32_t lo = std::max(producer.getClampMin(), op.getClampMin());
    int32_t hi = std::min(producer.getClampMax(), op.getClampMax());
    if (lo > hi)
      return failure();
    auto merged = RequantizeOp::create(
        rewriter, op.getLoc(), op.getOutput().getType(), producer.getInput(),
        producer.getMultiplierAttr(), producer.getShiftAttr(),
        producer.getAxisAttr(), producer.getPreShiftAttr(),
        producer.getRoundingAttr(), rewriter.getI32IntegerAttr(lo),
        rewriter.getI32IntegerAttr(hi));
    rewriter.replaceOp(op, merged.getOutput());
    return success();
  }
};
} // namespace

void RequantizeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                               MLIRContext *context) {
  results.add<MergeClampIntoRequantize>(context);
}

//===----------------------------------------------------------------------===//
// SvdfOp
//===----------------------------------------------------------------------===//

LogicalResult SvdfOp::verify() {
  Operation *op = getOperation();
  if (failed(verifyRank(op, "input", getInput().getType(), 2)) ||
      failed(verifyRank(op, "weights_feature", getWeightsFeature().getType(),
                        2)) ||
      failed(verifyRank(op, "weights_time", getWeightsTime().getType(), 2)) ||
      failed(verifyRank(op, "state", getState().getType(), 2)))
    return failure();
  auto in = getInput().getType();
  auto wf = getWeightsFeature().getType(), wt = getWeightsTime().getType();
  int64_t batch = in.getDimSize(0), inputSize = in.getDimSize(1);
  int64_t filters = wf.getDimSize(0), memory = wt.getDimSize(1);
  int64_t rank = getRank();
  if (wf.getDimSize(1) != inputSize)
    return emitOpError("'weights_feature' depth (")
           << wf.getDimSize(1) << ") must equal the input size (" << inputSize
           << ")";
  if (wt.getDimSize(0) != filters)
    return emitOpError("'weights_time' rows (")
           << wt.getDimSize(0) << ") must equal the filter count (" << filters
           << ")";
  if (rank <= 0 || filters % rank != 0)
    return emitOpError("filter count (")
           << filters << ") must be a positive multiple of 'rank' (" << rank
           << ")";
  int64_t units = filters / rank;
  if (auto b = getBias()) {
    auto bt = cast<ShapedType>(b.getType());
    if (bt.getRank() != 1 || bt.getDimSize(0) != units)
      return emitOpError("'bias' must have shape [") << units << "]";
  }
  if (failed(verifyShapeIs(op, "state", getState().getType(),
                           {batch, memory * filters})) ||
      failed(
          verifyShapeIs(op, "output", getOutput().getType(), {batch, units})))
    return failure();
  if (getNewState().getType() != getState().getType())
    return emitOpError("'new_state' type must match 'state'");
  return verifyActivation(op, getFusedActivation());
}

//===----------------------------------------------------------------------===//
// LstmOp
//===----------------------------------------------------------------------===//

LogicalResult LstmOp::verify() {
  Operation *op = getOperation();
  if (failed(verifyRank(op, "input", getInput().getType(), 3)))
    return failure();
  auto in = getInput().getType();
  auto wf = getInputToForgetWeights().getType();
  auto rf = getRecurrentToForgetWeights().getType();
  if (wf.getRank() != 2 || rf.getRank() != 2)
    return emitOpError("weights must have rank 2");
  int64_t nCell = wf.getDimSize(0), nInput = wf.getDimSize(1);
  int64_t nOutput = rf.getDimSize(1);
  if (in.getDimSize(2) != nInput)
    return emitOpError("'input' depth (")
           << in.getDimSize(2) << ") must equal the input weights' depth ("
           << nInput << ")";
  auto check = [&](Value v, StringRef name,
                   ArrayRef<int64_t> shape) -> LogicalResult {
    if (!v)
      return success();
    return verifyShapeIs(op, name, v.getType(), shape);
  };
  if (failed(check(getInputToInputWeights(), "input_to_input_weights",
                   {nCell, nInput})) ||
      failed(check(getInputToCellWeights(), "input_to_cell_weights",
                   {nCell, nInput})) ||
      failed(check(getInputToOutputWeights(), "input_to_output_weights",
                   {nCell, nInput})) ||
      failed(check(getRecurrentToInputWeights(), "recurrent_to_input_weights",
                   {nCell, nOutput})) ||
      failed(check(getRecurrentToCellWeights(), "recurrent_to_cell_weights",
                   {nCell, nOutput})) ||
      failed(check(getRecurrentToOutputWeights(), "recurrent_to_output_weights",
                   {nCell, nOutput})) ||
      failed(check(getInputGateBias(), "input_gate_bias", {nCell})) ||
      failed(check(getForgetGateBias(), "forget_gate_bias", {nCell})) ||
      failed(check(getCellGateBias(), "cell_gate_bias", {nCell})) ||
      failed(check(getOutputGateBias(), "output_gate_bias", {nCell})) ||
      failed(
          check(getCellToInputWeights(), "cell_to_input_weights", {nCell})) ||
      failed(
          check(getCellToForgetWeights(), "cell_to_forget_weights", {nCell})) ||
      failed(
          check(getCellToOutputWeights(), "cell_to_output_weights", {nCell})))
    return failure();
  bool cifg = !getInputToInputWeights();
  if (cifg != !getRecurrentToInputWeights() || cifg != !getInputGateBias())
    return emitOpError("input gate operands (input_to_input_weights, "
                       "recurrent_to_input_weights, input_gate_bias) must be "
                       "all present or all absent");
  if (auto proj = getProjectionWeights()) {
    if (failed(check(proj, "projection_weights", {nOutput, nCell})) ||
        failed(check(getProjectionBias(), "projection_bias", {nOutput})))
      return failure();
  } else if (nOutput != nCell) {
    return emitOpError("without projection the output size (")
           << nOutput << ") must equal the cell count (" << nCell << ")";
  }
  int64_t batch = getTimeMajor() ? in.getDimSize(1) : in.getDimSize(0);
  if (failed(check(getOutputState(), "output_state", {batch, nOutput})) ||
      failed(check(getCellState(), "cell_state", {batch, nCell})))
    return failure();
  SmallVector<int64_t> outShape(in.getShape());
  outShape[2] = nOutput;
  if (failed(verifyShapeIs(op, "output", getOutput().getType(), outShape)))
    return failure();
  if (getOutputStateOut().getType() != getOutputState().getType() ||
      getCellStateOut().getType() != getCellState().getType())
    return emitOpError("state results must have the state operands' types");
  size_t numIntermediates = getIntermediateTypes().size();
  if (numIntermediates != 0 && numIntermediates != 5)
    return emitOpError("'intermediate_types' must have 0 or 5 entries, got ")
           << numIntermediates;
  // Converters leave unused intermediates as f32 without quantization.
  for (Attribute a : getIntermediateTypes()) {
    Type t = cast<TypeAttr>(a).getValue();
    if (!isa<quant::UniformQuantizedType>(t) && !t.isF32())
      return emitOpError("'intermediate_types' entries must be per-tensor "
                         "quantized types or f32");
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Binary operators
//===----------------------------------------------------------------------===//

LogicalResult PackBitsOp::verify() {
  auto in = getInput().getType();
  auto out = cast<PackedType>(getOutput().getType());
  if (in.getShape() != out.getShape())
    return emitOpError("'output' logical shape must equal the input shape");
  if (out.getAxis() != out.getRank() - 1)
    return emitOpError("bits are packed along the innermost dimension");
  return verifyPerTensor(getOperation(), "input", in);
}

LogicalResult UnpackBitsOp::verify() {
  auto in = cast<PackedType>(getInput().getType());
  auto out = getOutput().getType();
  if (in.getShape() != out.getShape())
    return emitOpError("'output' shape must equal the packed logical shape");
  return verifyPerTensor(getOperation(), "output", out);
}

SmallVector<int64_t, 4> BConv2DOp::getExplicitPadding() {
  auto in = cast<PackedType>(getInput().getType());
  auto f = cast<PackedType>(getFilter().getType());
  Window w{f.getShape()[1], f.getShape()[2], getStride(),
           getDilation(),   getPadding(),    getPad()};
  return explicitPadding(w, in.getShape()[1], in.getShape()[2]);
}

LogicalResult BConv2DOp::verify() {
  auto in = cast<PackedType>(getInput().getType());
  auto f = cast<PackedType>(getFilter().getType());
  if (in.getRank() != 4 || f.getRank() != 4)
    return emitOpError("'input' and 'filter' must have rank 4");
  if (in.getAxis() != 3 || f.getAxis() != 3)
    return emitOpError("'input' and 'filter' must be packed along channels");
  if (f.getShape()[3] != in.getShape()[3])
    return emitOpError("'filter' channels (")
           << f.getShape()[3] << ") must equal 'input' channels ("
           << in.getShape()[3] << ")";
  Window w{f.getShape()[1], f.getShape()[2], getStride(),
           getDilation(),   getPadding(),    getPad()};
  if (failed(verifyWindowAttrs(getOperation(), w)))
    return failure();
  int32_t padValue = getPadValue();
  if (padValue != 0 && padValue != 1)
    return emitOpError("'pad_value' must be 0 or 1, got ") << padValue;
  auto [oh, ow] = windowOutput(w, in.getShape()[1], in.getShape()[2]);
  int64_t cout = f.getShape()[0];
  SmallVector<int64_t> expected = {in.getShape()[0], oh, ow, cout};
  Type outTy = getOutput().getType();
  bool packedOut = isa<PackedType>(outTy);
  if (getShapeOf(outTy) != ArrayRef<int64_t>(expected))
    return emitOpError("'output' shape does not match the inferred shape");
  auto checkPerChannel = [&](Value v, StringRef name) -> LogicalResult {
    auto t = cast<ShapedType>(v.getType());
    if (t.getRank() != 1 || t.getDimSize(0) != cout)
      return emitOpError("'") << name << "' must have shape [" << cout << "]";
    return success();
  };
  bool accumulator = !packedOut && getStorageBits(outTy) == 32;
  if (packedOut || accumulator) {
    if (getMultiplier() || getBias())
      return emitOpError("'multiplier' and 'bias' only apply to int8 results");
  }
  if (!packedOut && getThreshold())
    return emitOpError("'threshold' only applies to packed results");
  if (packedOut && !getThreshold())
    return emitOpError("packed results need 'threshold'");
  if (getMultiplier() && failed(checkPerChannel(getMultiplier(), "multiplier")))
    return failure();
  if (getBias() && failed(checkPerChannel(getBias(), "bias")))
    return failure();
  if (getThreshold() && failed(checkPerChannel(getThreshold(), "threshold")))
    return failure();
  return verifyActivation(getOperation(), getFusedActivation());
}

SmallVector<int64_t, 4> BMaxPool2DOp::getExplicitPadding() {
  auto in = cast<PackedType>(getInput().getType());
  return explicitPadding(getPoolWindow(*this), in.getShape()[1],
                         in.getShape()[2]);
}

LogicalResult BMaxPool2DOp::verify() {
  auto in = cast<PackedType>(getInput().getType());
  auto out = cast<PackedType>(getOutput().getType());
  if (in.getAxis() != 3 || out.getAxis() != 3 ||
      in.getWordBits() != out.getWordBits())
    return emitOpError("'input' and 'output' must be packed along channels "
                       "with the same word");
  return verifyPool(*this, /*packed=*/true);
}

#define GET_OP_CLASSES
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.cpp.inc"
