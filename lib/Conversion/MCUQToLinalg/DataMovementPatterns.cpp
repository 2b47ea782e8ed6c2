//===- DataMovementPatterns.cpp - Constants, reshapes, pads, concat -------===//

#include "LoweringUtils.h"

#include "mcuq/Conversion/MCUQToLinalg/MCUQToLinalg.h"
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"

using namespace mlir;
using namespace mlir::mcuq;

namespace {

struct ConvertConst : OpConversionPattern<ConstOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConstOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

struct ConvertReshape : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto outTy = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));
    rewriter.replaceOp(op, reshapeTo(rewriter, op.getLoc(), adaptor.getInput(),
                                     outTy.getShape()));
    return success();
  }
};

struct ConvertPad : OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<int64_t> low, high;
    for (auto [i, p] : llvm::enumerate(op.getPaddings()))
      (i % 2 ? high : low).push_back(p);
    rewriter.replaceOp(op,
                       padConstant(rewriter, op.getLoc(), adaptor.getInput(),
                                   low, high, op.getFillValue()));
    return success();
  }
};

/// TFLM copies the raw inputs, whatever their quantization (spec 10). TFLite's
/// kernels reject a fused activation here; mcuq.concatenate defines it as the
/// output clamp, as on every other op, and it must not be dropped.
struct ConvertConcatenate : OpConversionPattern<ConcatenateOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConcatenateOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type qTy = op.getOutput().getType();
    auto outTy = cast<RankedTensorType>(getTypeConverter()->convertType(qTy));
    FailureOr<std::pair<int32_t, int32_t>> clamp =
        getActivationRange(op.getFusedActivation(), qTy);
    if (failed(clamp))
      return rewriter.notifyMatchFailure(op, "activation without a clamp");
    int64_t axis = op.getAxis();
    Value result = createEmpty(rewriter, loc, outTy);
    int64_t offset = 0;
    for (Value input : adaptor.getInputs()) {
      auto inTy = cast<RankedTensorType>(input.getType());
      SmallVector<OpFoldResult> offsets(outTy.getRank(),
                                        rewriter.getIndexAttr(0));
      offsets[axis] = rewriter.getIndexAttr(offset);
      SmallVector<OpFoldResult> sizes;
      for (int64_t d : inTy.getShape())
        sizes.push_back(rewriter.getIndexAttr(d));
      SmallVector<OpFoldResult> strides(outTy.getRank(),
                                        rewriter.getIndexAttr(1));
      result = tensor::InsertSliceOp::create(rewriter, loc, input, result,
                                             offsets, sizes, strides);
      offset += inTy.getDimSize(axis);
    }
    auto [lo, hi] = *clamp;
    if (lo > getStorageMin(qTy) || hi < getStorageMax(qTy))
      result = createClamp(rewriter, loc, result, lo, hi);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::mcuq::populateDataMovementPatterns(const TypeConverter &converter,
                                              RewritePatternSet &patterns) {
  patterns.add<ConvertConst, ConvertReshape, ConvertPad, ConvertConcatenate>(
      converter, patterns.getContext());
}
