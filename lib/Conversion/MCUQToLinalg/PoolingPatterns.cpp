//===- PoolingPatterns.cpp - Pooling and MEAN to linalg -------------------===//

#include "FixedPointBuilder.h"
#include "LoweringUtils.h"

#include "mcuq/Conversion/MCUQToLinalg/MCUQToLinalg.h"
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"
#include "mcuq/Support/FixedPoint.h"

using namespace mlir;
using namespace mlir::mcuq;
namespace fp = ::mcuq::fixedpoint;

namespace {

/// Number of in-image taps of each output position along one axis: windows
/// clipped to the image, as TFLite counts them (spec 7).
SmallVector<int64_t> validTaps(int64_t in, int64_t out, int64_t kernel,
                               int64_t stride, int64_t padBefore) {
  SmallVector<int64_t> counts;
  for (int64_t o = 0; o < out; ++o) {
    int64_t origin = o * stride - padBefore;
    int64_t start = std::max<int64_t>(0, -origin);
    int64_t end = std::min<int64_t>(kernel, in - origin);
    counts.push_back(std::max<int64_t>(0, end - start));
  }
  return counts;
}

struct ConvertAvgPool2D : OpConversionPattern<AvgPool2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AvgPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type qTy = op.getOutput().getType();
    auto outTy = cast<RankedTensorType>(getTypeConverter()->convertType(qTy));
    auto inTy = op.getInput().getType();
    ArrayRef<int64_t> kernel = op.getKernel(), stride = op.getStride();
    SmallVector<int64_t, 4> pad = op.getExplicitPadding();
    FailureOr<std::pair<int32_t, int32_t>> clamp =
        getActivationRange(op.getFusedActivation(), qTy);
    if (failed(clamp))
      return rewriter.notifyMatchFailure(op, "activation without a clamp");

    // Raw sum over the window; padding adds zeros, which do not count.
    Value padded =
        padConstant(rewriter, loc, adaptor.getInput(), {0, pad[0], pad[2], 0},
                    {0, pad[1], pad[3], 0}, 0);
    auto sumTy = outTy.clone(rewriter.getI32Type());
    Value zero =
        arith::ConstantOp::create(rewriter, loc, rewriter.getI32IntegerAttr(0));
    Value init = linalg::FillOp::create(rewriter, loc, zero,
                                        createEmpty(rewriter, loc, sumTy))
                     .getResult(0);
    Value window =
        tensor::EmptyOp::create(rewriter, loc, kernel, rewriter.getI32Type());
    SmallVector<NamedAttribute> attrs = {
        rewriter.getNamedAttr("strides", rewriter.getI64TensorAttr(stride)),
        rewriter.getNamedAttr("dilations", rewriter.getI64TensorAttr({1, 1}))};
    Value sum = linalg::PoolingNhwcSumOp::create(
                    rewriter, loc, TypeRange{sumTy}, ValueRange{padded, window},
                    ValueRange{init}, attrs)
                    .getResult(0);

    // Divide by the valid-tap count, rounding half away from zero.
    SmallVector<int64_t> rows = validTaps(
        inTy.getDimSize(1), outTy.getDimSize(1), kernel[0], stride[0], pad[0]);
    SmallVector<int64_t> cols = validTaps(
        inTy.getDimSize(2), outTy.getDimSize(2), kernel[1], stride[1], pad[2]);
    bool uniform = llvm::all_equal(rows) && llvm::all_equal(cols);
    SmallVector<Value> inputs = {sum};
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(4)};
    if (!uniform) {
      SmallVector<int64_t> counts;
      for (int64_t r : rows)
        for (int64_t c : cols)
          counts.push_back(r * c);
      Value table =
          createConstantVector(rewriter, loc, counts, rewriter.getI32Type());
      table = reshapeTo(rewriter, loc, table,
                        {static_cast<int64_t>(rows.size()),
                         static_cast<int64_t>(cols.size())});
      inputs.push_back(table);
      maps.push_back(AffineMap::get(
          4, 0, {getAffineDimExpr(1, ctx), getAffineDimExpr(2, ctx)}, ctx));
    }
    maps.push_back(rewriter.getMultiDimIdentityMap(4));
    int64_t uniformCount = rows.front() * cols.front();
    // Named (not structured bindings) because the body lambda captures them.
    int32_t lo = clamp->first, hi = clamp->second;
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, outTy, inputs, createEmpty(rewriter, loc, outTy),
            maps, parallelIterators(4),
            [&](OpBuilder &b, Location l, ValueRange args) {
              FixedPointBuilder fb(b, l);
              Value acc = args[0];
              Value n = uniform ? fb.i32(uniformCount) : args[1];
              Value half = arith::DivSIOp::create(b, l, n, fb.i32(2));
              Value positive = arith::CmpIOp::create(
                  b, l, arith::CmpIPredicate::sgt, acc, fb.i32(0));
              Value adjusted = arith::SelectOp::create(
                  b, l, positive, arith::AddIOp::create(b, l, acc, half),
                  arith::SubIOp::create(b, l, acc, half));
              Value avg = arith::DivSIOp::create(b, l, adjusted, n);
              avg = fb.clamp(avg, lo, hi);
              linalg::YieldOp::create(b, l,
                                      fb.castInt(avg, outTy.getElementType()));
            })
            .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConvertMaxPool2D : OpConversionPattern<MaxPool2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MaxPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type qTy = op.getOutput().getType();
    auto outTy = cast<RankedTensorType>(getTypeConverter()->convertType(qTy));
    SmallVector<int64_t, 4> pad = op.getExplicitPadding();
    FailureOr<std::pair<int32_t, int32_t>> clamp =
        getActivationRange(op.getFusedActivation(), qTy);
    if (failed(clamp))
      return rewriter.notifyMatchFailure(op, "activation without a clamp");
    // Padding with the lowest value never wins against an in-image tap.
    int64_t lowest = getStorageMin(qTy);
    Value padded =
        padConstant(rewriter, loc, adaptor.getInput(), {0, pad[0], pad[2], 0},
                    {0, pad[1], pad[3], 0}, lowest);
    Value lowestValue = arith::ConstantOp::create(
        rewriter, loc, rewriter.getIntegerAttr(outTy.getElementType(), lowest));
    Value init = linalg::FillOp::create(rewriter, loc, lowestValue,
                                        createEmpty(rewriter, loc, outTy))
                     .getResult(0);
    Value window = tensor::EmptyOp::create(rewriter, loc, op.getKernel(),
                                           outTy.getElementType());
    SmallVector<NamedAttribute> attrs = {
        rewriter.getNamedAttr("strides",
                              rewriter.getI64TensorAttr(op.getStride())),
        rewriter.getNamedAttr("dilations", rewriter.getI64TensorAttr({1, 1}))};
    Value result = linalg::PoolingNhwcMaxOp::create(
                       rewriter, loc, TypeRange{outTy},
                       ValueRange{padded, window}, ValueRange{init}, attrs)
                       .getResult(0);
    auto [lo, hi] = *clamp;
    if (lo > getStorageMin(qTy) || hi < getStorageMax(qTy))
      result = createClamp(rewriter, loc, result, lo, hi);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// MEAN as TFLite's QuantizedMeanOrSum: an integer sum rescaled by a
/// multiplier into which 1/n is folded (spec 10).
struct ConvertMean : OpConversionPattern<MeanOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MeanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type inQ = op.getInput().getType(), outQ = op.getOutput().getType();
    auto inTy = cast<RankedTensorType>(adaptor.getInput().getType());
    auto outTy = cast<RankedTensorType>(getTypeConverter()->convertType(outQ));
    unsigned rank = inTy.getRank();
    SmallVector<bool> reduced(rank, false);
    int64_t n = 1;
    for (int64_t axis : op.getAxes()) {
      reduced[axis] = true;
      n *= inTy.getDimSize(axis);
    }
    SmallVector<int64_t> keptShape;
    SmallVector<AffineExpr> keptExprs;
    SmallVector<utils::IteratorType> iterators;
    for (unsigned i = 0; i < rank; ++i) {
      iterators.push_back(reduced[i] ? utils::IteratorType::reduction
                                     : utils::IteratorType::parallel);
      keptShape.push_back(reduced[i] ? 1 : inTy.getDimSize(i));
      keptExprs.push_back(reduced[i] ? getAffineConstantExpr(0, ctx)
                                     : getAffineDimExpr(i, ctx));
    }
    auto sumTy = RankedTensorType::get(keptShape, rewriter.getI32Type());
    Value zero =
        arith::ConstantOp::create(rewriter, loc, rewriter.getI32IntegerAttr(0));
    Value init = linalg::FillOp::create(rewriter, loc, zero,
                                        createEmpty(rewriter, loc, sumTy))
                     .getResult(0);
    Value sum =
        linalg::GenericOp::create(
            rewriter, loc, sumTy, adaptor.getInput(), init,
            ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(rank),
                                AffineMap::get(rank, 0, keptExprs, ctx)},
            iterators,
            [&](OpBuilder &b, Location l, ValueRange args) {
              FixedPointBuilder fb(b, l);
              linalg::YieldOp::create(
                  b, l,
                  arith::AddIOp::create(b, l, args[1],
                                        fb.castInt(args[0], b.getI32Type()))
                      .getResult());
            })
            .getResult(0);

    fp::QuantizedMultiplier q =
        fp::meanMultiplier(getScale(inQ) / getScale(outQ), n);
    int32_t multiplier = q.multiplier;
    int shift = q.shift;
    int64_t zpIn = getZeroPoint(inQ), zpOut = getZeroPoint(outQ);
    int64_t lo = getStorageMin(outQ), hi = getStorageMax(outQ);
    auto meanTy = RankedTensorType::get(keptShape, outTy.getElementType());
    Value mean = mapElements(
        rewriter, loc, meanTy, sum,
        [&](FixedPointBuilder &fb, ValueRange args) {
          OpBuilder &b = fb.builder();
          Location l = fb.getLoc();
          Value acc = args[0];
          if (zpIn)
            acc = arith::SubIOp::create(b, l, acc, fb.i32(zpIn * n));
          Value v = fb.multiplyByQuantizedMultiplier(acc, multiplier, shift);
          if (zpOut)
            v = arith::AddIOp::create(b, l, v, fb.i32(zpOut));
          return fb.castInt(fb.clamp(v, lo, hi), outTy.getElementType());
        });
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, mean, outTy.getShape()));
    return success();
  }
};

} // namespace

void mlir::mcuq::populatePoolingPatterns(const TypeConverter &converter,
                                         RewritePatternSet &patterns) {
  patterns.add<ConvertAvgPool2D, ConvertMaxPool2D, ConvertMean>(
      converter, patterns.getContext());
}
