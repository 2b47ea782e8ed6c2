//===- FuseElementwise.cpp - Element-wise chains into one generic ---------===//

#include "mcuq/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQFUSEELEMENTWISEPASS
#include "mcuq/Transforms/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;

namespace {

bool isElementwise(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.getNumLoops() == linalgOp.getNumParallelLoops();
}

/// Fusion leaves the fused producer in place until the driver erases it, so
/// its uses do not count.
bool hasOneLiveUse(Value v) {
  return llvm::count_if(v.getUsers(), [](Operation *user) {
           return !isOpTriviallyDead(user);
         }) == 1;
}

/// The reduction (convolution, matmul) that `v` comes from through
/// single-use element-wise ops reading no other non-constant tensor: what
/// mcuq-generate-kernels would compute in one kernel. A value with several
/// uses is stored anyway and comes from no reduction in this sense.
linalg::LinalgOp reductionOf(Value v) {
  auto op = v.getDefiningOp<linalg::LinalgOp>();
  if (!op || !hasOneLiveUse(v))
    return {};
  if (op.getNumReductionLoops() > 0)
    return op;
  // Upstream's test: all-parallel with an element-wise payload.
  if (!linalg::isElementwise(op))
    return {};
  Value only;
  for (Value input : op.getDpsInputs()) {
    if (!isa<RankedTensorType>(input.getType()) ||
        input.getDefiningOp<arith::ConstantOp>())
      continue;
    if (only)
      return {};
    only = input;
  }
  return only ? reductionOf(only) : linalg::LinalgOp();
}

int64_t iterationCount(linalg::LinalgOp op) {
  int64_t count = 1;
  for (int64_t size : op.getStaticLoopRanges())
    count *= ShapedType::isDynamic(size) ? 1 : size;
  return count;
}

/// The reductions an element-wise op joins (a residual add of two
/// convolutions) and the one whose kernel will take the join as epilogue:
/// the largest, the later one on a tie.
linalg::LinalgOp joinWinner(linalg::LinalgOp join, unsigned &count) {
  linalg::LinalgOp winner;
  count = 0;
  for (Value input : join.getDpsInputs()) {
    linalg::LinalgOp reduction = reductionOf(input);
    if (!reduction)
      continue;
    ++count;
    if (!winner || iterationCount(reduction) > iterationCount(winner) ||
        (iterationCount(reduction) == iterationCount(winner) &&
         winner->isBeforeInBlock(reduction)))
      winner = reduction;
  }
  return winner;
}

/// mcuq-generate-kernels makes an element-wise chain the epilogue of the one
/// reduction it reads. A join of several reductions can only be the epilogue
/// of one of them; the others must keep their first element-wise op (the
/// requantization) as their own epilogue and store its narrow result rather
/// than leave four-byte accumulators alive until the join.
bool mayFuse(OpOperand *operand) {
  Operation *producer = operand->get().getDefiningOp();
  linalg::LinalgOp reduction = reductionOf(operand->get());
  if (!reduction ||
      !llvm::is_contained(producer->getOperands(), reduction->getResult(0)))
    return true;
  // Follow the single-use element-wise chain down to a join, if any.
  for (Operation *op = operand->getOwner(); isElementwise(op);) {
    unsigned count;
    linalg::LinalgOp winner = joinWinner(cast<linalg::LinalgOp>(op), count);
    if (count > 1)
      return winner == reduction;
    if (op->getNumResults() != 1 || !hasOneLiveUse(op->getResult(0)))
      break;
    op = *llvm::find_if(op->getUsers(), [](Operation *user) {
      return !isOpTriviallyDead(user);
    });
  }
  return true;
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
          Operation *consumer = operand->getOwner();
          if (!isElementwise(producer) || !isElementwise(consumer) ||
              !producer->hasOneUse())
            return false;
          return mayFuse(operand);
        });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
