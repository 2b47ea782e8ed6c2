//===- MCUQToArith.cpp - mcuq's scalar fixed-point steps to arith ---------===//

#include "mcuq/Conversion/Passes.h"
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_CONVERTMCUQTOARITHPASS
#include "mcuq/Conversion/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;
using namespace mlir::mcuq;

namespace {

std::optional<int64_t> constantInt(Value v) {
  APInt value;
  if (matchPattern(v, m_ConstantInt(&value)))
    return value.getSExtValue();
  return std::nullopt;
}

struct ExpandDoublingHighMul : OpRewritePattern<DoublingHighMulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DoublingHighMulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value a = op.getLhs(), b = op.getRhs();
    Type i64 = rewriter.getI64Type(), i32 = rewriter.getI32Type();
    auto constant = [&](Type type, int64_t v) -> Value {
      return arith::ConstantOp::create(rewriter, loc,
                                       rewriter.getIntegerAttr(type, v));
    };
    // (p + 2^30) >> 31 equals TFLite's nudge-then-truncating-divide for both
    // signs of p; only INT32_MIN * INT32_MIN saturates.
    Value wa = arith::ExtSIOp::create(rewriter, loc, i64, a);
    Value wb = arith::ExtSIOp::create(rewriter, loc, i64, b);
    Value p = arith::MulIOp::create(rewriter, loc, wa, wb);
    Value rounded = arith::AddIOp::create(rewriter, loc, p,
                                          constant(i64, int64_t(1) << 30));
    Value shifted =
        arith::ShRSIOp::create(rewriter, loc, rounded, constant(i64, 31));
    Value result = arith::TruncIOp::create(rewriter, loc, i32, shifted);
    std::optional<int64_t> ca = constantInt(a), cb = constantInt(b);
    bool mayOverflow = (!ca || *ca == INT32_MIN) && (!cb || *cb == INT32_MIN) &&
                       !op.getRhsNotMin();
    if (mayOverflow) {
      Value min = constant(i32, INT32_MIN);
      Value aMin = arith::CmpIOp::create(rewriter, loc,
                                         arith::CmpIPredicate::eq, a, min);
      Value bMin = arith::CmpIOp::create(rewriter, loc,
                                         arith::CmpIPredicate::eq, b, min);
      Value both = arith::AndIOp::create(rewriter, loc, aMin, bMin);
      result = arith::SelectOp::create(rewriter, loc, both,
                                       constant(i32, INT32_MAX), result);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConvertMCUQToArithPass
    : mcuq::impl::ConvertMCUQToArithPassBase<ConvertMCUQToArithPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ExpandDoublingHighMul>(&getContext());
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
