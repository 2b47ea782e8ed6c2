//===- ConvPatterns.cpp - Convolutions and matmuls to linalg --------------===//
//
// Accumulator-form conv2d, depthwise_conv2d and fully_connected become linalg
// convolutions / contractions on the raw integers. The input zero point is
// not subtracted per multiply: with constant weights its contribution
// `-zp_in * sum(w)` is folded into the bias at compile time, and padding is
// filled with the zero point so that padded taps cancel (docs/spec.md 5).
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mcuq/Conversion/MCUQToLinalg/MCUQToLinalg.h"
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mlir::mcuq;

namespace {

/// Per output channel: bias + correction, where correction = -zp * sum(w)
/// over the filter elements of that channel (`channelOf(i)` maps a flat
/// filter index to its output channel).
SmallVector<int64_t> foldBias(Value originalBias, int64_t channels,
                              DenseElementsAttr weights, int64_t zpIn,
                              function_ref<int64_t(int64_t)> channelOf,
                              Value &runtimeBias, Value convertedBias) {
  SmallVector<int64_t> values(channels, 0);
  if (weights && zpIn != 0) {
    int64_t i = 0;
    for (const APInt &w : weights.getValues<APInt>())
      values[channelOf(i++)] -= zpIn * w.getSExtValue();
  }
  runtimeBias = nullptr;
  if (originalBias) {
    if (DenseElementsAttr bias = getConstantElements(originalBias)) {
      SmallVector<int64_t> b = getIntValues(bias);
      for (int64_t c = 0; c < channels; ++c)
        values[c] += b[c];
    } else {
      runtimeBias = convertedBias;
    }
  }
  return values;
}

NamedAttribute vectorAttr(OpBuilder &b, StringRef name,
                          ArrayRef<int64_t> values) {
  return b.getNamedAttr(name, b.getI64TensorAttr(values));
}

struct ConvertConv2D : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!op.isAccumulatorForm())
      return rewriter.notifyMatchFailure(op, "expected explicit form");
    Location loc = op.getLoc();
    auto outTy = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));
    auto filterTy = op.getFilter().getType();
    int64_t zpIn = getZeroPoint(op.getInput().getType());
    int64_t cout = filterTy.getDimSize(0);
    int64_t perChannel = filterTy.getNumElements() / cout;
    int64_t groups =
        op.getInput().getType().getDimSize(3) / filterTy.getDimSize(3);

    SmallVector<int64_t, 4> pad = op.getExplicitPadding();
    Value input =
        padConstant(rewriter, loc, adaptor.getInput(), {0, pad[0], pad[2], 0},
                    {0, pad[1], pad[3], 0}, zpIn);
    DenseElementsAttr weights = getConstantElements(op.getFilter());
    // With an input zero point the quantized named op takes it as an
    // operand and the init stays the model's bias; kernel generation folds
    // the zero point's share itself. Grouped convolutions fold it here.
    bool quantized = groups == 1 && zpIn != 0;
    Value runtimeBias;
    SmallVector<int64_t> init = foldBias(
        op.getBias(), cout, quantized ? DenseElementsAttr() : weights, zpIn,
        [&](int64_t i) { return i / perChannel; }, runtimeBias,
        adaptor.getBias());
    Value acc = createChannelInit(rewriter, loc, outTy, init, runtimeBias);

    SmallVector<NamedAttribute> attrs = {
        vectorAttr(rewriter, "strides", op.getStride()),
        vectorAttr(rewriter, "dilations", op.getDilation())};
    Value result;
    if (groups == 1 && !quantized) {
      result =
          linalg::Conv2DNhwcFhwcOp::create(
              rewriter, loc, TypeRange{outTy},
              ValueRange{input, adaptor.getFilter()}, ValueRange{acc}, attrs)
              .getResult(0);
    } else if (groups == 1) {
      Value zp = arith::ConstantOp::create(rewriter, loc,
                                           rewriter.getI32IntegerAttr(zpIn));
      Value zero = arith::ConstantOp::create(rewriter, loc,
                                             rewriter.getI32IntegerAttr(0));
      result = linalg::Conv2DNhwcFhwcQOp::create(
                   rewriter, loc, TypeRange{outTy},
                   ValueRange{input, adaptor.getFilter(), zp, zero},
                   ValueRange{acc}, attrs)
                   .getResult(0);
    } else {
      result = groupedConv(rewriter, loc, op, input, adaptor.getFilter(), acc,
                           groups, weights ? 0 : zpIn);
    }
    rewriter.replaceOp(op, result);
    return success();
  }

  /// Grouped convolution: output channel oc reads input channels of group
  /// oc / (Cout / groups).
  static Value groupedConv(OpBuilder &b, Location loc, Conv2DOp op, Value input,
                           Value filter, Value acc, int64_t groups,
                           int64_t zpIn) {
    MLIRContext *ctx = b.getContext();
    auto filterTy = op.getFilter().getType();
    int64_t cout = filterTy.getDimSize(0), cinPerGroup = filterTy.getDimSize(3);
    int64_t coutPerGroup = cout / groups;
    ArrayRef<int64_t> s = op.getStride(), d = op.getDilation();
    // Loops: n, oh, ow, oc, kh, kw, ic.
    AffineExpr n, oh, ow, oc, kh, kw, ic;
    bindDims(ctx, n, oh, ow, oc, kh, kw, ic);
    AffineMap inMap =
        AffineMap::get(7, 0,
                       {n, oh * s[0] + kh * d[0], ow * s[1] + kw * d[1],
                        oc.floorDiv(coutPerGroup) * cinPerGroup + ic},
                       ctx);
    AffineMap filterMap = AffineMap::get(7, 0, {oc, kh, kw, ic}, ctx);
    AffineMap outMap = AffineMap::get(7, 0, {n, oh, ow, oc}, ctx);
    SmallVector<utils::IteratorType> iterators = parallelIterators(4);
    iterators.append(3, utils::IteratorType::reduction);
    Type accType = cast<RankedTensorType>(acc.getType()).getElementType();
    return linalg::GenericOp::create(
               b, loc, acc.getType(), ValueRange{input, filter}, acc,
               ArrayRef<AffineMap>{inMap, filterMap, outMap}, iterators,
               [&](OpBuilder &nb, Location nloc, ValueRange args) {
                 Value x = arith::ExtSIOp::create(nb, nloc, accType, args[0]);
                 if (zpIn)
                   x = arith::SubIOp::create(
                       nb, nloc, x,
                       arith::ConstantOp::create(
                           nb, nloc, nb.getIntegerAttr(accType, zpIn)));
                 Value w = arith::ExtSIOp::create(nb, nloc, accType, args[1]);
                 Value p = arith::MulIOp::create(nb, nloc, x, w);
                 linalg::YieldOp::create(
                     nb, nloc,
                     arith::AddIOp::create(nb, nloc, args[2], p).getResult());
               })
        .getResult(0);
  }
};

struct ConvertDepthwiseConv2D : OpConversionPattern<DepthwiseConv2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DepthwiseConv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!op.isAccumulatorForm())
      return rewriter.notifyMatchFailure(op, "expected explicit form");
    Location loc = op.getLoc();
    auto outTy = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));
    auto filterTy = op.getFilter().getType();
    int64_t kh = filterTy.getDimSize(1), kw = filterTy.getDimSize(2);
    int64_t cout = filterTy.getDimSize(3);
    int64_t mult = op.getDepthMultiplier();
    int64_t cin = cout / mult;
    int64_t zpIn = getZeroPoint(op.getInput().getType());

    SmallVector<int64_t, 4> pad = op.getExplicitPadding();
    Value input =
        padConstant(rewriter, loc, adaptor.getInput(), {0, pad[0], pad[2], 0},
                    {0, pad[1], pad[3], 0}, zpIn);
    // With an input zero point the quantized named ops take it as an
    // operand; the init stays the model's bias.
    Value runtimeBias;
    SmallVector<int64_t> init = foldBias(
        op.getBias(), cout, DenseElementsAttr(), zpIn,
        [&](int64_t i) { return i % cout; }, runtimeBias, adaptor.getBias());

    // TFLite's [1, KH, KW, C * M] filter is linalg's [KH, KW, C, M]: the
    // same bytes, so only the type changes.
    SmallVector<int64_t> filterShape = {kh, kw, cin};
    if (mult > 1)
      filterShape.push_back(mult);
    Value filter = reshapeTo(rewriter, loc, adaptor.getFilter(), filterShape);

    SmallVector<NamedAttribute> attrs = {
        vectorAttr(rewriter, "strides", op.getStride()),
        vectorAttr(rewriter, "dilations", op.getDilation())};
    Value zp, zero;
    if (zpIn != 0) {
      zp = arith::ConstantOp::create(rewriter, loc,
                                     rewriter.getI32IntegerAttr(zpIn));
      zero = arith::ConstantOp::create(rewriter, loc,
                                       rewriter.getI32IntegerAttr(0));
    }
    Value result;
    if (mult == 1) {
      Value acc = createChannelInit(rewriter, loc, outTy, init, runtimeBias);
      if (zp)
        result =
            linalg::DepthwiseConv2DNhwcHwcQOp::create(
                rewriter, loc, TypeRange{outTy},
                ValueRange{input, filter, zp, zero}, ValueRange{acc}, attrs)
                .getResult(0);
      else
        result = linalg::DepthwiseConv2DNhwcHwcOp::create(
                     rewriter, loc, TypeRange{outTy}, ValueRange{input, filter},
                     ValueRange{acc}, attrs)
                     .getResult(0);
    } else {
      // Accumulate as [N, OH, OW, C, M] (channel c * M + m), then view it
      // as [N, OH, OW, C * M].
      auto wideTy =
          RankedTensorType::get({outTy.getDimSize(0), outTy.getDimSize(1),
                                 outTy.getDimSize(2), cin, mult},
                                outTy.getElementType());
      Value acc = createChannelInit(rewriter, loc, outTy, init, runtimeBias);
      acc = tensor::ExpandShapeOp::create(
          rewriter, loc, wideTy, acc,
          SmallVector<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
      Value wide;
      if (zp)
        wide = linalg::DepthwiseConv2DNhwcHwcmQOp::create(
                   rewriter, loc, TypeRange{wideTy},
                   ValueRange{input, filter, zp, zero}, ValueRange{acc}, attrs)
                   .getResult(0);
      else
        wide = linalg::DepthwiseConv2DNhwcHwcmOp::create(
                   rewriter, loc, TypeRange{wideTy}, ValueRange{input, filter},
                   ValueRange{acc}, attrs)
                   .getResult(0);
      result = tensor::CollapseShapeOp::create(
          rewriter, loc, outTy, wide,
          SmallVector<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConvertFullyConnected : OpConversionPattern<FullyConnectedOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(FullyConnectedOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!op.isAccumulatorForm())
      return rewriter.notifyMatchFailure(op, "expected explicit form");
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto outTy = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));
    auto filterTy = op.getFilter().getType();
    int64_t units = filterTy.getDimSize(0), depth = filterTy.getDimSize(1);
    int64_t batches = op.getBatchSize();
    int64_t zpIn = getZeroPoint(op.getInput().getType());
    int64_t zpW = getZeroPoint(filterTy);

    DenseElementsAttr weights = getConstantElements(op.getFilter());
    Value runtimeBias;
    SmallVector<int64_t> init = foldBias(
        op.getBias(), units, weights, zpIn,
        [&](int64_t i) { return i / depth; }, runtimeBias, adaptor.getBias());
    Value input =
        reshapeTo(rewriter, loc, adaptor.getInput(), {batches, depth});
    auto matTy = outTy.clone({batches, units});
    Value acc = createChannelInit(rewriter, loc, matTy, init, runtimeBias);

    AffineExpr b, u, k;
    bindDims(ctx, b, u, k);
    SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {b, k}, ctx),
                                   AffineMap::get(3, 0, {u, k}, ctx),
                                   AffineMap::get(3, 0, {b, u}, ctx)};
    SmallVector<utils::IteratorType> iterators = {
        utils::IteratorType::parallel, utils::IteratorType::parallel,
        utils::IteratorType::reduction};
    Type accType = outTy.getElementType();
    int64_t runtimeZp = weights ? 0 : zpIn;
    Value product =
        linalg::GenericOp::create(
            rewriter, loc, matTy, ValueRange{input, adaptor.getFilter()}, acc,
            maps, iterators,
            [&](OpBuilder &nb, Location nloc, ValueRange args) {
              auto offset = [&](Value v, int64_t zp) -> Value {
                v = arith::ExtSIOp::create(nb, nloc, accType, v);
                if (!zp)
                  return v;
                return arith::SubIOp::create(
                    nb, nloc, v,
                    arith::ConstantOp::create(nb, nloc,
                                              nb.getIntegerAttr(accType, zp)));
              };
              Value p = arith::MulIOp::create(
                  nb, nloc, offset(args[0], runtimeZp), offset(args[1], zpW));
              linalg::YieldOp::create(
                  nb, nloc,
                  arith::AddIOp::create(nb, nloc, args[2], p).getResult());
            })
            .getResult(0);
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, product, outTy.getShape()));
    return success();
  }
};

} // namespace

void mlir::mcuq::populateConvPatterns(const TypeConverter &converter,
                                      RewritePatternSet &patterns) {
  patterns.add<ConvertConv2D, ConvertDepthwiseConv2D, ConvertFullyConnected>(
      converter, patterns.getContext());
}
