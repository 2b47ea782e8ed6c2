//===- ElementwisePatterns.cpp - Element-wise mcuq ops to linalg ----------===//

#include "FixedPointBuilder.h"
#include "LoweringUtils.h"

#include "mcuq/Conversion/MCUQToLinalg/MCUQToLinalg.h"
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"
#include "mcuq/Support/FixedPoint.h"

#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::mcuq;
namespace fp = ::mcuq::fixedpoint;

namespace {

/// An element-wise linalg.generic over `outTy` with numpy broadcasting of
/// `inputs`; `body` maps the input elements to the result element.
Value buildElementwise(
    OpBuilder &b, Location loc, RankedTensorType outTy, ValueRange inputs,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps;
  for (Value input : inputs)
    maps.push_back(
        getBroadcastMap(ctx, cast<RankedTensorType>(input.getType()).getShape(),
                        outTy.getShape()));
  maps.push_back(b.getMultiDimIdentityMap(outTy.getRank()));
  return linalg::GenericOp::create(
             b, loc, outTy, inputs, createEmpty(b, loc, outTy), maps,
             parallelIterators(outTy.getRank()),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(nb, nloc,
                                       body(nb, nloc, args.drop_back()));
             })
      .getResult(0);
}

/// A bound on |input - input zero point| of a requantize, from what
/// produces it: an accumulation with constant weights and bias (the usual
/// case), or a narrow stored value.
std::optional<int64_t> inputMagnitudeBound(RequantizeOp op) {
  Value input = op.getInput();
  unsigned bits = getStorageBits(input.getType());
  if (bits <= 16)
    return (int64_t(1) << bits) - 1;
  Operation *def = input.getDefiningOp();
  if (!isa_and_nonnull<Conv2DOp, DepthwiseConv2DOp, FullyConnectedOp>(def))
    return std::nullopt;
  Value in = def->getOperand(0), filter = def->getOperand(1);
  Value bias = def->getNumOperands() > 2 ? def->getOperand(2) : Value();
  if (getStorageBits(in.getType()) != 8)
    return std::nullopt;
  DenseElementsAttr weights = getConstantElements(filter);
  if (!weights)
    return std::nullopt;
  int64_t maxWeight = 0, maxBias = 0;
  for (int64_t w : getIntValues(weights))
    maxWeight = std::max(maxWeight, std::abs(w));
  if (bias) {
    DenseElementsAttr biasValues = getConstantElements(bias);
    if (!biasValues)
      return std::nullopt;
    for (int64_t v : getIntValues(biasValues))
      maxBias = std::max(maxBias, std::abs(v));
  }
  int64_t channels = cast<ShapedType>(input.getType()).getShape().back();
  int64_t taps = weights.getNumElements() / channels;
  // |x - zp| <= 255 for int8 storage.
  return maxBias + taps * maxWeight * 255;
}

struct ConvertRequantize : OpConversionPattern<RequantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(RequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto outTy = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));
    unsigned rank = outTy.getRank();
    int64_t zpIn = getZeroPoint(op.getInput().getType());
    int64_t zpOut = getZeroPoint(op.getOutput().getType());
    int32_t preShift = op.getPreShift();
    RoundingMode rounding = op.getRounding();
    int64_t lo = op.getClampMin(), hi = op.getClampMax();
    ArrayRef<int32_t> multipliers = op.getMultiplier(), shifts = op.getShift();
    bool perChannel = multipliers.size() > 1;
    // The short form of the double-rounding rescale when every channel
    // shifts right; the other roundings take the shifts as they are.
    bool rightOnly = perChannel && rounding == RoundingMode::DoubleHighMul &&
                     llvm::all_of(shifts, [](int32_t v) { return v <= 0; });
    // When every channel shifts right by at least one and the rescaled
    // value provably stays below 2^30 (it is never larger than its input),
    // the rounding shift can add its nudge without overflow.
    std::optional<int64_t> bound = inputMagnitudeBound(op);
    bool shortRounding =
        rightOnly && preShift == 0 && bound && *bound < (int64_t(1) << 30) &&
        llvm::all_of(shifts, [](int32_t v) { return v <= -1; });

    SmallVector<Value> inputs = {adaptor.getInput()};
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank)};
    if (perChannel) {
      AffineMap channel =
          AffineMap::get(rank, 0, getAffineDimExpr(*op.getAxis(), ctx), ctx);
      SmallVector<int64_t> m(multipliers.begin(), multipliers.end());
      // Shift amounts fit a byte (|shift| <= 31), which keeps the table
      // small in flash. With only right shifts it holds their amounts, with
      // the short rounding the amounts minus one.
      SmallVector<int64_t> s;
      for (int32_t shift : shifts)
        s.push_back(shortRounding ? -shift - 1 : rightOnly ? -shift : shift);
      inputs.push_back(
          createConstantVector(rewriter, loc, m, rewriter.getI32Type()));
      inputs.push_back(
          createConstantVector(rewriter, loc, s, rewriter.getI8Type()));
      maps.append({channel, channel});
    }
    maps.push_back(rewriter.getMultiDimIdentityMap(rank));
    Type outElement = outTy.getElementType();
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, outTy, inputs, createEmpty(rewriter, loc, outTy),
            maps, parallelIterators(rank),
            [&](OpBuilder &nb, Location nloc, ValueRange args) {
              FixedPointBuilder fb(nb, nloc);
              Value v = args[0];
              bool wide = v.getType().getIntOrFloatBitWidth() > 32;
              if (!wide)
                v = fb.castInt(v, nb.getI32Type());
              if (zpIn)
                v = arith::SubIOp::create(nb, nloc, v,
                                          fb.intConst(v.getType(), zpIn));
              if (preShift)
                v = arith::ShLIOp::create(nb, nloc, v,
                                          fb.intConst(v.getType(), preShift));
              // The 16x8 rescale multiplies in 64 bits whatever the input.
              if (rounding == RoundingMode::Reduced16)
                v = fb.castInt(v, nb.getI64Type());
              Value shift;
              if (perChannel)
                shift =
                    arith::ExtSIOp::create(nb, nloc, nb.getI32Type(), args[2]);
              if (!perChannel)
                v = fb.rescale(v, multipliers[0], shifts[0], rounding);
              else if (shortRounding)
                v = fb.roundingDivideByPOTNoOverflow(fb.srdhm(v, args[1], true),
                                                     shift);
              else if (rightOnly)
                // Per-channel right shifts only (the usual case): no left
                // shift and no sign handling in the generated code.
                v = fb.roundingDivideByPOT(fb.srdhm(v, args[1], true), shift);
              else
                v = fb.rescale(v, args[1], shift, rounding);
              if (zpOut)
                v = arith::AddIOp::create(nb, nloc, v, fb.i32(zpOut));
              v = fb.clamp(v, lo, hi);
              linalg::YieldOp::create(nb, nloc, fb.castInt(v, outElement));
            })
            .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Explicit-form ADD: i32 values on one scale.
struct ConvertAdd : OpConversionPattern<AddOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (getStorageBits(op.getOutput().getType()) != 32)
      return rewriter.notifyMatchFailure(op, "expected explicit form");
    auto outTy = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));
    rewriter.replaceOp(
        op,
        buildElementwise(
            rewriter, op.getLoc(), outTy, {adaptor.getLhs(), adaptor.getRhs()},
            [](OpBuilder &b, Location loc, ValueRange v) {
              return arith::AddIOp::create(b, loc, v[0], v[1]).getResult();
            }));
    return success();
  }
};

/// Explicit-form MUL: the exact i32 product of the offset inputs.
struct ConvertMul : OpConversionPattern<MulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (getStorageBits(op.getOutput().getType()) != 32)
      return rewriter.notifyMatchFailure(op, "expected explicit form");
    auto outTy = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));
    int64_t zl = getZeroPoint(op.getLhs().getType());
    int64_t zr = getZeroPoint(op.getRhs().getType());
    rewriter.replaceOp(
        op,
        buildElementwise(
            rewriter, op.getLoc(), outTy, {adaptor.getLhs(), adaptor.getRhs()},
            [&](OpBuilder &b, Location loc, ValueRange v) {
              FixedPointBuilder fb(b, loc);
              auto offset = [&](Value x, int64_t zp) {
                x = fb.castInt(x, b.getI32Type());
                return zp ? arith::SubIOp::create(b, loc, x, fb.i32(zp))
                                .getResult()
                          : x;
              };
              return arith::MulIOp::create(b, loc, offset(v[0], zl),
                                           offset(v[1], zr))
                  .getResult();
            }));
    return success();
  }
};

template <typename OpTy, typename ArithOp>
struct ConvertMinMax : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto outTy = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(op.getOutput().getType()));
    rewriter.replaceOp(
        op,
        buildElementwise(
            rewriter, op.getLoc(), outTy, {adaptor.getLhs(), adaptor.getRhs()},
            [](OpBuilder &b, Location loc, ValueRange v) {
              return ArithOp::create(b, loc, v[0], v[1]).getResult();
            }));
    return success();
  }
};

/// Bounded ReLUs into another quantization: TFLite clamps the raw values
/// with bounds from the input quantization (spec 8.4).
struct ConvertRawRelu : OpConversionPattern<ReluOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ReluOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type inTy = op.getInput().getType();
    auto outTy = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));
    int64_t qmin = getStorageMin(inTy), qmax = getStorageMax(inTy);
    float scale = static_cast<float>(getScale(inTy));
    int64_t zp = getZeroPoint(inTy);
    auto quantize = [&](float f) {
      return std::clamp<int64_t>(zp + fp::roundToInt32(f / scale), qmin, qmax);
    };
    int64_t lo, hi;
    switch (op.getKind()) {
    case Activation::Relu6:
      lo = zp;
      hi = quantize(6.0f);
      break;
    case Activation::ReluN1To1:
      lo = quantize(-1.0f);
      hi = quantize(1.0f);
      break;
    case Activation::Relu0To1:
      lo = quantize(0.0f);
      hi = quantize(1.0f);
      break;
    default:
      return rewriter.notifyMatchFailure(op, "RELU is a requantize");
    }
    rewriter.replaceOp(
        op, buildElementwise(rewriter, op.getLoc(), outTy, {adaptor.getInput()},
                             [&](OpBuilder &b, Location loc, ValueRange v) {
                               FixedPointBuilder fb(b, loc);
                               return fb.clamp(v[0], lo, hi);
                             }));
    return success();
  }
};

/// f32 -> int: (int32) roundf(x / scale) + zp, clamped (spec 10).
struct ConvertQuantize : OpConversionPattern<QuantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!op.getInput().getType().getElementType().isF32())
      return rewriter.notifyMatchFailure(op, "integer quantize is explicit");
    Type qTy = op.getOutput().getType();
    auto outTy = cast<RankedTensorType>(getTypeConverter()->convertType(qTy));
    float scale = static_cast<float>(getScale(qTy));
    int64_t zp = getZeroPoint(qTy);
    int64_t lo = getStorageMin(qTy), hi = getStorageMax(qTy);
    rewriter.replaceOp(
        op,
        buildElementwise(
            rewriter, op.getLoc(), outTy, {adaptor.getInput()},
            [&](OpBuilder &b, Location loc, ValueRange v) {
              FixedPointBuilder fb(b, loc);
              Value q = arith::DivFOp::create(
                  b, loc, v[0],
                  arith::ConstantOp::create(b, loc, b.getF32FloatAttr(scale)));
              q = math::RoundOp::create(b, loc, q);
              // Keep the conversion defined for out-of-range values.
              q = arith::MaximumFOp::create(
                  b, loc, q,
                  arith::ConstantOp::create(b, loc,
                                            b.getF32FloatAttr(-2147483648.0f)));
              q = arith::MinimumFOp::create(
                  b, loc, q,
                  arith::ConstantOp::create(b, loc,
                                            b.getF32FloatAttr(2147483520.0f)));
              Value i = arith::FPToSIOp::create(b, loc, b.getI32Type(), q);
              // The addition may wrap only for absurd inputs; TFLite's does
              // the same in int32.
              if (zp)
                i = arith::AddIOp::create(b, loc, i, fb.i32(zp));
              return fb.castInt(fb.clamp(i, lo, hi), outTy.getElementType());
            }));
    return success();
  }
};

/// int -> f32: (float) (scale * (q - zp)) with TFLite's double scale. For i8
/// and i16 the offset has at most 17 bits, so the exact product fits a
/// double and one float multiply rounds it the same way. Wider offsets are
/// not exact in f32: they take the double product and round once more to
/// float, as TFLite does.
struct ConvertDequantize : OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type qTy = op.getInput().getType();
    auto outTy = op.getOutput().getType();
    double scale = getScale(qTy);
    int64_t zp = getZeroPoint(qTy);
    bool wide = getStorageBits(qTy) > 16;
    rewriter.replaceOp(
        op, buildElementwise(
                rewriter, op.getLoc(), outTy, {adaptor.getInput()},
                [&](OpBuilder &b, Location loc, ValueRange v) -> Value {
                  FixedPointBuilder fb(b, loc);
                  Value i = fb.castInt(v[0], b.getI32Type());
                  if (zp)
                    i = arith::SubIOp::create(b, loc, i, fb.i32(zp));
                  Type f = wide ? Type(b.getF64Type()) : Type(b.getF32Type());
                  Value x = arith::SIToFPOp::create(b, loc, f, i);
                  Value s = arith::ConstantOp::create(
                      b, loc, b.getFloatAttr(f, wide ? scale : float(scale)));
                  Value y = arith::MulFOp::create(b, loc, x, s);
                  if (wide)
                    y = arith::TruncFOp::create(b, loc, b.getF32Type(), y);
                  return y;
                }));
    return success();
  }
};

} // namespace

void mlir::mcuq::populateElementwisePatterns(const TypeConverter &converter,
                                             RewritePatternSet &patterns) {
  patterns.add<ConvertRequantize, ConvertAdd, ConvertMul,
               ConvertMinMax<MaximumOp, arith::MaxSIOp>,
               ConvertMinMax<MinimumOp, arith::MinSIOp>, ConvertRawRelu,
               ConvertQuantize, ConvertDequantize>(converter,
                                                   patterns.getContext());
}
