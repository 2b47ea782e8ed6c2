//===- InstructionSet.h - Instruction sets for kernel generation -*- C++
//-*-===//
//
// mcuq-generate-kernels builds loop nests, register blocks and epilogues in
// target-neutral ops (GenerateKernels.cpp). What has no portable form comes
// from the strategy of the module's target, one file per instruction set:
// Generic.cpp, ArmDsp.cpp, ArmMve.cpp, RiscV.cpp. Intrinsics appear only
// there; a new ISA feature is a new strategy, not a new flag.
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_LIB_TRANSFORMS_KERNELS_INSTRUCTIONSET_H
#define MCUQ_LIB_TRANSFORMS_KERNELS_INSTRUCTIONSET_H

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h"

#include "mlir/IR/Builders.h"

#include <memory>

namespace mlir::mcuq::kernels {

class InstructionSet {
public:
  virtual ~InstructionSet();

  /// Output channels per pass of the kernel for two adjacent interior
  /// pixels: as many as the accumulators of two pixels fit the registers.
  unsigned pairChannels = 2;
  /// i32 lanes of the vector registers that accumulators may fill (0: none);
  /// vector accumulation itself is portable vector code.
  unsigned vectorLanes = 0;

  /// Packed 16-bit multiply-accumulates on int8 pairs (Arm DSP: SXTB16,
  /// SMLAD, SMLABB/SMLATT). When true, the three hooks below are available.
  virtual bool hasPackedMultiplyAccumulate() const { return false; }
  /// Bytes 0 and 2 of `word` sign-extended to halfwords, plus the halfword
  /// pair `offset` when it is given.
  virtual Value unpackEvenBytes(OpBuilder &b, Location loc, Value word,
                                Value offset) const;
  /// acc + x.lo * w.lo + x.hi * w.hi on signed halfword pairs.
  virtual Value multiplyAccumulatePairs(OpBuilder &b, Location loc, Value x,
                                        Value w, Value acc) const;
  /// acc + x.lo * w.lo (`top`: acc + x.hi * w.hi) on signed halfwords.
  virtual Value multiplyAccumulateHalf(OpBuilder &b, Location loc, Value x,
                                       Value w, Value acc, bool top) const;

  /// A vector instruction for TFLite's saturating rounding doubling high
  /// multiply (Arm MVE: VQRDMULH), so that epilogues run on vectors.
  virtual bool hasVectorDoublingHighMul() const { return false; }
  virtual Value vectorDoublingHighMul(OpBuilder &b, Location loc, Value a,
                                      Value c) const;

  /// Four channels for each of two pixels where their eight accumulators,
  /// addresses and loop counters fit the registers (31 on RISC-V), else two.
  static unsigned pairChannelsFor(TargetAttr target);

protected:
  /// An LLVM intrinsic call returning `type`.
  static Value intrinsic(OpBuilder &b, Location loc, Type type, StringRef name,
                         ValueRange args);
};

/// The strategy for `target` (null: the generic one); `pairChannels` other
/// than 0 replaces the strategy's choice.
std::unique_ptr<InstructionSet> createInstructionSet(TargetAttr target,
                                                     unsigned pairChannels);

// One per instruction set.
std::unique_ptr<InstructionSet> createGenericStrategy(TargetAttr target);
std::unique_ptr<InstructionSet> createArmDspStrategy(TargetAttr target);
std::unique_ptr<InstructionSet> createArmMveStrategy(TargetAttr target);
std::unique_ptr<InstructionSet> createRiscVStrategy(TargetAttr target);

} // namespace mlir::mcuq::kernels

#endif // MCUQ_LIB_TRANSFORMS_KERNELS_INSTRUCTIONSET_H
