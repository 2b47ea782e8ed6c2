//===- InstructionSet.cpp - Instruction sets for kernel generation --------===//

#include "InstructionSet.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/Support/ErrorHandling.h"

using namespace mlir;
using namespace mlir::mcuq;
using namespace mlir::mcuq::kernels;

InstructionSet::~InstructionSet() = default;

Value InstructionSet::unpackEvenBytes(OpBuilder &, Location, Value,
                                      Value) const {
  llvm_unreachable("no packed multiply-accumulate in this strategy");
}

Value InstructionSet::multiplyAccumulatePairs(OpBuilder &, Location, Value,
                                              Value, Value) const {
  llvm_unreachable("no packed multiply-accumulate in this strategy");
}

Value InstructionSet::multiplyAccumulateHalf(OpBuilder &, Location, Value,
                                             Value, Value, bool) const {
  llvm_unreachable("no packed multiply-accumulate in this strategy");
}

Value InstructionSet::vectorDoublingHighMul(OpBuilder &, Location, Value,
                                            Value) const {
  llvm_unreachable("no vector doubling high multiply in this strategy");
}

unsigned InstructionSet::pairChannelsFor(TargetAttr target) {
  return target && target.getRegisters() >= 31 ? 4 : 2;
}

Value InstructionSet::intrinsic(OpBuilder &b, Location loc, Type type,
                                StringRef name, ValueRange args) {
  return LLVM::CallIntrinsicOp::create(b, loc, type, b.getStringAttr(name),
                                       args)
      .getResult(0);
}

std::unique_ptr<InstructionSet>
mlir::mcuq::kernels::createInstructionSet(TargetAttr target,
                                          unsigned pairChannels) {
  std::unique_ptr<InstructionSet> strategy;
  switch (target ? target.getStrategy() : mcuq::KernelStrategy::Generic) {
  case mcuq::KernelStrategy::Generic:
    strategy = createGenericStrategy(target);
    break;
  case mcuq::KernelStrategy::ArmDsp:
    strategy = createArmDspStrategy(target);
    break;
  case mcuq::KernelStrategy::ArmMve:
    strategy = createArmMveStrategy(target);
    break;
  case mcuq::KernelStrategy::RiscV:
    strategy = createRiscVStrategy(target);
    break;
  }
  // Vector accumulators wherever the target has vector registers.
  if (target)
    strategy->vectorLanes = target.getVectorLanes();
  if (pairChannels)
    strategy->pairChannels = pairChannels;
  return strategy;
}
