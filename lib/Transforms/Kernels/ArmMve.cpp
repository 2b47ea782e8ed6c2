//===- ArmMve.cpp - Kernels with Armv8.1-M MVE (Helium) -------------------===//
//
// Accumulators as 4 x i32 vectors (portable vector ops, see the core), four
// channels per pixel so that each pixel's accumulators are one vector, and
// the requantization of four channels at once with VQRDMULH, which computes
// TFLite's saturating rounding doubling high multiply lane by lane.
//
//===----------------------------------------------------------------------===//

#include "InstructionSet.h"

using namespace mlir;
using namespace mlir::mcuq;
using namespace mlir::mcuq::kernels;

namespace {
struct ArmMveStrategy : InstructionSet {
  bool hasVectorDoublingHighMul() const override { return true; }

  Value vectorDoublingHighMul(OpBuilder &b, Location loc, Value a,
                              Value c) const override {
    return intrinsic(b, loc, a.getType(), "llvm.arm.mve.vqrdmulh", {a, c});
  }
};
} // namespace

std::unique_ptr<InstructionSet>
mlir::mcuq::kernels::createArmMveStrategy(TargetAttr) {
  auto strategy = std::make_unique<ArmMveStrategy>();
  // One vector per pixel whatever the register count.
  strategy->pairChannels = 4;
  return strategy;
}
