//===- PropagateQuantization.cpp - Explicit, folded requantization --------===//

#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"
#include "mcuq/Dialect/MCUQ/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQPROPAGATEQUANTIZATIONPASS
#include "mcuq/Dialect/MCUQ/Transforms/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;
using namespace mlir::mcuq;

namespace {

/// A requantize that only clamps (unit scale, one quantization in and out).
bool isClampOnly(RequantizeOp op) {
  return op.hasUnitScale() &&
         getElementTypeOrSelf(op.getInput().getType()) ==
             getElementTypeOrSelf(op.getOutput().getType());
}

RequantizeOp cloneClampOnto(PatternRewriter &rewriter, RequantizeOp clamp,
                            Value input) {
  auto type = cast<RankedTensorType>(input.getType());
  return RequantizeOp::create(
      rewriter, clamp.getLoc(),
      type.clone(getElementTypeOrSelf(clamp.getOutput().getType())), input,
      clamp.getMultiplierAttr(), clamp.getShiftAttr(), IntegerAttr(),
      clamp.getPreShiftAttr(), clamp.getRoundingAttr(), clamp.getMinAttr(),
      clamp.getMaxAttr());
}

bool isValuePreserving(Operation *op) {
  return isa_and_nonnull<ReshapeOp, MaxPool2DOp, PadOp>(op);
}

/// True when `v` comes from a requantize through single-use value-preserving
/// operators, so that a clamp moved up to `v` ends merged into it.
bool reachesRequantize(Value v) {
  Operation *def = v.getDefiningOp();
  while (isValuePreserving(def) && def->hasOneUse()) {
    v = def->getOperand(0);
    def = v.getDefiningOp();
  }
  return isa_and_nonnull<RequantizeOp>(def);
}

/// Moves a clamp-only requantize above a value-preserving operator whose
/// input comes from another requantize, so that the clamp can merge into it:
/// clamping commutes with reshapes and with max pooling (max of clamped
/// values is the clamped max), and with padding if the fill is clamped too.
struct HoistClampThroughValuePreserving : OpRewritePattern<RequantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(RequantizeOp op,
                                PatternRewriter &rewriter) const override {
    if (!isClampOnly(op))
      return failure();
    Operation *producer = op.getInput().getDefiningOp();
    if (!isValuePreserving(producer) || !producer->hasOneUse())
      return failure();
    Value source = producer->getOperand(0);
    if (!reachesRequantize(source))
      return failure();
    RequantizeOp hoisted = cloneClampOnto(rewriter, op, source);
    Operation *moved = rewriter.clone(*producer);
    moved->setOperand(0, hoisted.getOutput());
    if (auto pad = dyn_cast<PadOp>(moved)) {
      int32_t fill =
          std::clamp(pad.getFillValue(), op.getClampMin(), op.getClampMax());
      pad.setPadValue(fill);
    }
    rewriter.replaceOp(op, moved->getResults());
    return success();
  }
};

struct MCUQPropagateQuantizationPass
    : mcuq::impl::MCUQPropagateQuantizationPassBase<
          MCUQPropagateQuantizationPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    populateExplicitRescalePatterns(patterns);
    patterns.add<HoistClampThroughValuePreserving>(ctx);
    RequantizeOp::getCanonicalizationPatterns(patterns, ctx);
    QuantizeOp::getCanonicalizationPatterns(patterns, ctx);
    ReshapeOp::getCanonicalizationPatterns(patterns, ctx);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
