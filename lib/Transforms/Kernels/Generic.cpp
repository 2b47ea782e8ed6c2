//===- Generic.cpp - Kernels in portable ops only -------------------------===//
//
// The strategy of the host and of cores without SIMD extensions (Armv6-M):
// scalar multiply-accumulates that LLVM schedules (and, on the host,
// vectorizes) itself.
//
//===----------------------------------------------------------------------===//

#include "InstructionSet.h"

using namespace mlir;
using namespace mlir::mcuq;
using namespace mlir::mcuq::kernels;

namespace {
struct GenericStrategy : InstructionSet {};
} // namespace

std::unique_ptr<InstructionSet>
mlir::mcuq::kernels::createGenericStrategy(TargetAttr target) {
  auto strategy = std::make_unique<GenericStrategy>();
  strategy->pairChannels = InstructionSet::pairChannelsFor(target);
  return strategy;
}
