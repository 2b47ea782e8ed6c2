//===- RiscV.cpp - Kernels for RV32IM(A)C ---------------------------------===//
//
// Portable ops like the generic strategy, with the register blocking that 31
// general-purpose registers allow: four output channels for each of two
// pixels. The place for Zbb (popcount) and P (packed SIMD) kernels.
//
//===----------------------------------------------------------------------===//

#include "InstructionSet.h"

using namespace mlir;
using namespace mlir::mcuq;
using namespace mlir::mcuq::kernels;

namespace {
struct RiscVStrategy : InstructionSet {};
} // namespace

std::unique_ptr<InstructionSet>
mlir::mcuq::kernels::createRiscVStrategy(TargetAttr target) {
  auto strategy = std::make_unique<RiscVStrategy>();
  strategy->pairChannels = InstructionSet::pairChannelsFor(target);
  return strategy;
}
