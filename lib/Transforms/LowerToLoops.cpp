//===- LowerToLoops.cpp - linalg to loops with register accumulators ------===//

#include "IndexingMaps.h"
#include "mcuq/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQLOWERTOLOOPSPASS
#include "mcuq/Transforms/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;

namespace {

/// Loads the element of `operand` at `map(ivs)`.
Value loadAt(OpBuilder &b, Location loc, Value operand, AffineMap map,
             ArrayRef<Value> ivs) {
  return memref::LoadOp::create(b, loc, operand,
                                mcuq::applyIndexingMap(b, loc, map, ivs));
}

/// Emits `scf.for` over `dims` (in order), calling `body` innermost with all
/// induction variables placed by dimension. `iterArgs` are threaded through
/// every loop; `body` returns the values to yield.
SmallVector<Value>
buildNest(OpBuilder &b, Location loc, ArrayRef<unsigned> dims,
          ArrayRef<Range> ranges, SmallVectorImpl<Value> &ivs,
          ValueRange iterArgs,
          function_ref<SmallVector<Value>(OpBuilder &, ValueRange)> body) {
  if (dims.empty())
    return body(b, iterArgs);
  unsigned d = dims.front();
  auto toValue = [&](OpFoldResult ofr) {
    return getValueOrCreateConstantIndexOp(b, loc, ofr);
  };
  auto loop = scf::ForOp::create(
      b, loc, toValue(ranges[d].offset), toValue(ranges[d].size),
      toValue(ranges[d].stride), iterArgs,
      [&](OpBuilder &nb, Location nloc, Value iv, ValueRange args) {
        ivs[d] = iv;
        SmallVector<Value> results =
            buildNest(nb, nloc, dims.drop_front(), ranges, ivs, args, body);
        scf::YieldOp::create(nb, nloc, results);
      });
  return SmallVector<Value>(loop.getResults());
}

/// Reduction ops whose outputs are indexed by parallel dimensions only.
LogicalResult lowerWithAccumulators(RewriterBase &rewriter,
                                    linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumReductionLoops() == 0)
    return failure();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    if (!map.isProjectedPermutation())
      return failure();
    for (AffineExpr e : map.getResults())
      if (iterators[cast<AffineDimExpr>(e).getPosition()] !=
          utils::IteratorType::parallel)
        return failure();
  }
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  SmallVector<Range> ranges = op.createLoopRanges(rewriter, loc);
  SmallVector<unsigned> parallel, reduction;
  for (auto [i, it] : llvm::enumerate(iterators))
    (it == utils::IteratorType::parallel ? parallel : reduction).push_back(i);
  SmallVector<Value> ivs(iterators.size());
  Block *payload = op.getBlock();
  unsigned numInputs = op.getNumDpsInputs();

  buildNest(
      rewriter, loc, parallel, ranges, ivs, ValueRange{},
      [&](OpBuilder &b, ValueRange) -> SmallVector<Value> {
        SmallVector<Value> inits;
        for (OpOperand &init : op.getDpsInitsMutable())
          inits.push_back(loadAt(b, loc, init.get(),
                                 op.getMatchingIndexingMap(&init), ivs));
        SmallVector<Value> results = buildNest(
            b, loc, reduction, ranges, ivs, inits,
            [&](OpBuilder &ib, ValueRange accs) -> SmallVector<Value> {
              IRMapping mapping;
              for (unsigned i = 0; i < numInputs; ++i) {
                OpOperand *input = op.getDpsInputOperand(i);
                Value arg = payload->getArgument(i);
                if (isa<ShapedType>(input->get().getType()))
                  mapping.map(arg,
                              loadAt(ib, loc, input->get(),
                                     op.getMatchingIndexingMap(input), ivs));
                else
                  mapping.map(arg, input->get());
              }
              for (auto [i, acc] : llvm::enumerate(accs))
                mapping.map(payload->getArgument(numInputs + i), acc);
              for (Operation &inner : payload->without_terminator()) {
                if (auto index = dyn_cast<linalg::IndexOp>(inner)) {
                  mapping.map(index.getResult(), ivs[index.getDim()]);
                  continue;
                }
                ib.clone(inner, mapping);
              }
              SmallVector<Value> yielded;
              for (Value v : payload->getTerminator()->getOperands())
                yielded.push_back(mapping.lookupOrDefault(v));
              return yielded;
            });
        for (auto [init, value] : llvm::zip(op.getDpsInitsMutable(), results)) {
          memref::StoreOp::create(
              b, loc, value, init.get(),
              mcuq::applyIndexingMap(b, loc, op.getMatchingIndexingMap(&init),
                                     ivs));
        }
        return {};
      });
  rewriter.eraseOp(op);
  return success();
}

struct MCUQLowerToLoopsPass
    : mcuq::impl::MCUQLowerToLoopsPassBase<MCUQLowerToLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) { ops.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      if (succeeded(lowerWithAccumulators(rewriter, op)))
        continue;
      rewriter.setInsertionPoint(op);
      if (failed(linalg::linalgOpToLoops(rewriter, op))) {
        op.emitError("cannot lower to loops");
        return signalPassFailure();
      }
      rewriter.eraseOp(op);
    }
  }
};

} // namespace
