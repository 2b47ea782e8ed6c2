//===- ArmDsp.cpp - Kernels with the Armv7E-M / Armv8-M DSP extension -----===//
//
// int8 dot products as packed halfword pairs: SXTB16/SXTAB16 unpack two
// bytes of a word (adding the zero-point pair for free), SMLAD multiplies
// and accumulates both halves, SMLABB/SMLATT one of them. Eight accumulators
// spill in 13 registers, so two channels per pixel pair.
//
//===----------------------------------------------------------------------===//

#include "InstructionSet.h"

using namespace mlir;
using namespace mlir::mcuq;
using namespace mlir::mcuq::kernels;

namespace {
struct ArmDspStrategy : InstructionSet {
  bool hasPackedMultiplyAccumulate() const override { return true; }

  Value unpackEvenBytes(OpBuilder &b, Location loc, Value word,
                        Value offset) const override {
    if (offset)
      return intrinsic(b, loc, b.getI32Type(), "llvm.arm.sxtab16",
                       {offset, word});
    return intrinsic(b, loc, b.getI32Type(), "llvm.arm.sxtb16", {word});
  }

  Value multiplyAccumulatePairs(OpBuilder &b, Location loc, Value x, Value w,
                                Value acc) const override {
    return intrinsic(b, loc, b.getI32Type(), "llvm.arm.smlad", {x, w, acc});
  }

  Value multiplyAccumulateHalf(OpBuilder &b, Location loc, Value x, Value w,
                               Value acc, bool top) const override {
    return intrinsic(b, loc, b.getI32Type(),
                     top ? "llvm.arm.smlatt" : "llvm.arm.smlabb", {x, w, acc});
  }
};
} // namespace

std::unique_ptr<InstructionSet>
mlir::mcuq::kernels::createArmDspStrategy(TargetAttr target) {
  auto strategy = std::make_unique<ArmDspStrategy>();
  strategy->pairChannels = InstructionSet::pairChannelsFor(target);
  return strategy;
}
