//===- FuseElementwise.cpp - Element-wise chains into one generic ---------===//

#include "mcuq/Dialect/MCUQ/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQFUSEELEMENTWISEPASS
#include "mcuq/Dialect/MCUQ/Transforms/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;

namespace {

bool isElementwise(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.getNumLoops() == linalgOp.getNumParallelLoops();
}

struct MCUQFuseElementwisePass
    : mcuq::impl::MCUQFuseElementwisePassBase<MCUQFuseElementwisePass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [](OpOperand *operand) {
          Operation *producer = operand->get().getDefiningOp();
          // Only element-wise into element-wise, and only when the producer
          // has no other use (otherwise it would be computed twice).
          return isElementwise(producer) && isElementwise(operand->getOwner()) &&
                 producer->hasOneUse();
        });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
