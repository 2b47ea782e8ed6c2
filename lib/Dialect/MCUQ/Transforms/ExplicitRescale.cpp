//===- ExplicitRescale.cpp - TFLite-form ops to explicit form -------------===//
//
// Each pattern replaces an operator whose output rescale is implied by its
// types with an exact integer operator and an explicit mcuq.requantize. The
// multipliers are derived exactly as TFLite's Prepare functions derive them,
// including which scale products are evaluated in float (docs/spec.md 1.2).
//
//===----------------------------------------------------------------------===//

#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"
#include "mcuq/Dialect/MCUQ/Transforms/Passes.h"
#include "mcuq/Support/FixedPoint.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::mcuq;
namespace fp = ::mcuq::fixedpoint;

namespace {

/// Per-tensor i32 quantized type, zero point 0.
Type getI32Type(MLIRContext *ctx, double scale) {
  auto i32 = IntegerType::get(ctx, 32);
  return quant::UniformQuantizedType::get(
      quant::QuantizationFlags::Signed, i32, Float32Type::get(ctx), scale,
      /*zeroPoint=*/0, INT32_MIN, INT32_MAX);
}

/// i32 accumulator element type: per axis when the scales differ by channel.
Type getAccumulatorType(MLIRContext *ctx, ArrayRef<double> scales,
                        int32_t axis) {
  if (scales.size() == 1)
    return getI32Type(ctx, scales.front());
  auto i32 = IntegerType::get(ctx, 32);
  SmallVector<int64_t> zps(scales.size(), 0);
  return quant::UniformQuantizedPerAxisType::get(
      quant::QuantizationFlags::Signed, i32, Float32Type::get(ctx), scales, zps,
      axis, INT32_MIN, INT32_MAX);
}

/// Multiplier/shift attributes of a requantize, one entry when all channels
/// agree (smaller tables in flash).
struct Rescale {
  SmallVector<int32_t> multipliers, shifts;

  void push(fp::QuantizedMultiplier q) {
    multipliers.push_back(q.multiplier);
    shifts.push_back(q.shift);
  }
  void compact() {
    if (llvm::all_equal(multipliers) && llvm::all_equal(shifts)) {
      multipliers.resize(1);
      shifts.resize(1);
    }
  }
};

/// Builds `mcuq.requantize` with optional axis and clamp (omitted when it
/// covers the whole storage range).
Value createRequantize(PatternRewriter &rewriter, Location loc, Type resultType,
                       Value input, Rescale rescale, int64_t axis,
                       int32_t preShift, RoundingMode rounding,
                       std::pair<int32_t, int32_t> clamp) {
  rescale.compact();
  MLIRContext *ctx = rewriter.getContext();
  IntegerAttr axisAttr;
  if (rescale.multipliers.size() > 1)
    axisAttr = rewriter.getI64IntegerAttr(axis);
  IntegerAttr minAttr, maxAttr;
  if (clamp.first > getStorageMin(resultType))
    minAttr = rewriter.getI32IntegerAttr(clamp.first);
  if (clamp.second < getStorageMax(resultType))
    maxAttr = rewriter.getI32IntegerAttr(clamp.second);
  return RequantizeOp::create(
      rewriter, loc, resultType, input,
      rewriter.getDenseI32ArrayAttr(rescale.multipliers),
      rewriter.getDenseI32ArrayAttr(rescale.shifts), axisAttr,
      rewriter.getI32IntegerAttr(preShift),
      RoundingModeAttr::get(ctx, rounding), minAttr, maxAttr);
}

std::pair<int32_t, int32_t> storageRange(Type type) {
  return {static_cast<int32_t>(getStorageMin(type)),
          static_cast<int32_t>(getStorageMax(type))};
}

/// conv2d / depthwise_conv2d / fully_connected: accumulate exactly, then
/// requantize per output channel (spec 6).
template <typename OpTy> struct ExplicitConvLike : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (op.isAccumulatorForm())
      return failure();
    MLIRContext *ctx = rewriter.getContext();
    Type inTy = op.getInput().getType(), filterTy = op.getFilter().getType();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    FailureOr<std::pair<int32_t, int32_t>> clamp =
        getActivationRange(op.getFusedActivation(), outTy);
    if (failed(clamp))
      return rewriter.notifyMatchFailure(op, "activation without a clamp");

    constexpr bool isFC = std::is_same_v<OpTy, FullyConnectedOp>;
    constexpr bool isDepthwise = std::is_same_v<OpTy, DepthwiseConv2DOp>;
    int64_t channels = outTy.getShape().back();
    int32_t axis = outTy.getRank() - 1;
    SmallVector<double> filterScales = getScales(filterTy);
    bool perChannel = filterScales.size() > 1;
    double sIn = getScale(inTy), sOut = getScale(outTy);

    // 16x8 kernels accumulate in int64 (depthwise and FC always, conv with
    // an int64 bias) and rescale with the 16-bit multiplier (spec 6.4).
    Value bias = op.getBias();
    bool wide =
        getStorageBits(inTy) == 16 &&
        (isDepthwise || isFC || (bias && getStorageBits(bias.getType()) == 64));

    Rescale rescale;
    SmallVector<double> accScales;
    for (int64_t c = 0; c < (perChannel ? channels : 1); ++c) {
      double sW = filterScales[perChannel ? c : 0];
      float product = static_cast<float>(sIn) * static_cast<float>(sW);
      accScales.push_back(product);
      // TFLite multiplies in float for per-tensor fully connected layers,
      // in double everywhere else.
      double real = isFC && !perChannel ? static_cast<double>(product) / sOut
                                        : sIn * sW / sOut;
      rescale.push(fp::quantizeMultiplier(real));
    }

    Type accElement = wide ? Type(IntegerType::get(ctx, 64))
                           : getAccumulatorType(ctx, accScales, axis);
    auto accTy = RankedTensorType::get(outTy.getShape(), accElement);
    auto acc = cast<OpTy>(rewriter.clone(*op));
    acc.getOutput().setType(accTy);
    acc.setFusedActivation(Activation::None);

    Value result = createRequantize(
        rewriter, op.getLoc(), outTy, acc.getOutput(), rescale, axis,
        /*preShift=*/0,
        wide ? RoundingMode::Reduced16 : RoundingMode::DoubleHighMul, *clamp);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// ADD: both inputs rescaled to a common scale with `left_shift` bits of
/// headroom, an exact i32 sum, then the output rescale (spec 8.1).
struct ExplicitAdd : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    Type lTy = op.getLhs().getType(), rTy = op.getRhs().getType();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    if (getStorageBits(outTy) == 32)
      return failure();
    FailureOr<std::pair<int32_t, int32_t>> clamp =
        getActivationRange(op.getFusedActivation(), outTy);
    if (failed(clamp))
      return rewriter.notifyMatchFailure(op, "activation without a clamp");
    int32_t leftShift = getStorageBits(outTy) == 8 ? 20 : 15;
    double s1 = getScale(lTy), s2 = getScale(rTy), sOut = getScale(outTy);
    double twiceMax = 2.0 * std::max(s1, s2);
    Type sumElement =
        getI32Type(rewriter.getContext(), twiceMax / (1 << leftShift));
    auto scaleInput = [&](Value v, double s) {
      auto ty = cast<RankedTensorType>(v.getType());
      Rescale r;
      r.push(fp::quantizeMultiplier(s / twiceMax));
      return createRequantize(rewriter, op.getLoc(), ty.clone(sumElement), v, r,
                              0, leftShift, RoundingMode::DoubleHighMul,
                              storageRange(sumElement));
    };
    Value lhs = scaleInput(op.getLhs(), s1);
    Value rhs = scaleInput(op.getRhs(), s2);
    Value sum =
        AddOp::create(rewriter, op.getLoc(), outTy.clone(sumElement), lhs, rhs,
                      Activation::None, op.getPotScaleInt16());
    Rescale out;
    out.push(fp::quantizeMultiplier(twiceMax / ((1 << leftShift) * sOut)));
    rewriter.replaceOp(
        op, createRequantize(rewriter, op.getLoc(), outTy, sum, out, 0, 0,
                             RoundingMode::DoubleHighMul, *clamp));
    return success();
  }
};

/// MUL: the exact product of the offset inputs, then one rescale (spec 8.2).
struct ExplicitMul : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    Type lTy = op.getLhs().getType(), rTy = op.getRhs().getType();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    if (getStorageBits(outTy) == 32)
      return failure();
    FailureOr<std::pair<int32_t, int32_t>> clamp =
        getActivationRange(op.getFusedActivation(), outTy);
    if (failed(clamp))
      return rewriter.notifyMatchFailure(op, "activation without a clamp");
    double s1 = getScale(lTy), s2 = getScale(rTy);
    Type productElement = getI32Type(rewriter.getContext(), s1 * s2);
    Value product =
        MulOp::create(rewriter, op.getLoc(), outTy.clone(productElement),
                      op.getLhs(), op.getRhs(), Activation::None);
    Rescale r;
    r.push(fp::quantizeMultiplier(s1 * s2 / getScale(outTy)));
    rewriter.replaceOp(
        op, createRequantize(rewriter, op.getLoc(), outTy, product, r, 0, 0,
                             RoundingMode::DoubleHighMul, *clamp));
    return success();
  }
};

/// Standalone ReLUs (spec 8.4): RELU rescales to the output quantization and
/// clamps at its zero point; the bounded ones clamp the raw input, which is a
/// unit-scale requantize when input and output share one quantization.
struct ExplicitRelu : OpRewritePattern<ReluOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ReluOp op,
                                PatternRewriter &rewriter) const override {
    Type inTy = op.getInput().getType();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    // Named (not structured bindings) because `quantize` captures them.
    std::pair<int32_t, int32_t> range = storageRange(outTy);
    int32_t qmin = range.first, qmax = range.second;
    Rescale r;
    if (op.getKind() == Activation::Relu) {
      r.push(fp::quantizeMultiplier(getScale(inTy) / getScale(outTy)));
      int32_t lo = std::max<int32_t>(qmin, getZeroPoint(outTy));
      rewriter.replaceOp(
          op, createRequantize(rewriter, op.getLoc(), outTy, op.getInput(), r,
                               0, 0, RoundingMode::DoubleHighMul, {lo, qmax}));
      return success();
    }
    if (getElementTypeOrSelf(inTy) != outTy.getElementType())
      return rewriter.notifyMatchFailure(op, "raw clamp into another type");
    float scale = static_cast<float>(getScale(inTy));
    auto zp = static_cast<int32_t>(getZeroPoint(inTy));
    auto quantize = [&](float f) {
      return std::clamp(zp + fp::roundToInt32(f / scale), qmin, qmax);
    };
    std::pair<int32_t, int32_t> bounds;
    switch (op.getKind()) {
    case Activation::Relu6:
      bounds = {zp, quantize(6.0f)};
      break;
    case Activation::ReluN1To1:
      bounds = {quantize(-1.0f), quantize(1.0f)};
      break;
    case Activation::Relu0To1:
      bounds = {quantize(0.0f), quantize(1.0f)};
      break;
    default:
      return failure();
    }
    r.push({1 << 30, 1});
    rewriter.replaceOp(
        op, createRequantize(rewriter, op.getLoc(), outTy, op.getInput(), r, 0,
                             0, RoundingMode::DoubleHighMul, bounds));
    return success();
  }
};

/// Integer QUANTIZE is TFLite's Requantize (spec 10).
struct ExplicitQuantize : OpRewritePattern<QuantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(QuantizeOp op,
                                PatternRewriter &rewriter) const override {
    Type inTy = op.getInput().getType();
    if (!getQuantElementType(inTy))
      return failure();
    auto outTy = cast<RankedTensorType>(op.getOutput().getType());
    Rescale r;
    r.push(fp::quantizeMultiplier(getScale(inTy) / getScale(outTy)));
    rewriter.replaceOp(op, createRequantize(rewriter, op.getLoc(), outTy,
                                            op.getInput(), r, 0, 0,
                                            RoundingMode::DoubleHighMul,
                                            storageRange(outTy)));
    return success();
  }
};

} // namespace

void mlir::mcuq::populateExplicitRescalePatterns(RewritePatternSet &patterns) {
  patterns.add<ExplicitConvLike<Conv2DOp>, ExplicitConvLike<DepthwiseConv2DOp>,
               ExplicitConvLike<FullyConnectedOp>, ExplicitAdd, ExplicitMul,
               ExplicitRelu, ExplicitQuantize>(patterns.getContext());
}
