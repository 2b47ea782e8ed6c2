//===- TargetInfo.h - The machines mcuq compiles for ------------*- C++ -*-===//

#ifndef MCUQ_TARGET_TARGETINFO_H
#define MCUQ_TARGET_TARGETINFO_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mlir::mcuq {

/// One code generation target: an LLVM triple, CPU and features, the float
/// ABI and the index width of the generated code.
struct TargetInfo {
  llvm::StringRef name;     // --mcuq-target= value, e.g. "cortex-m4"
  llvm::StringRef triple;   // "" for the host
  llvm::StringRef cpu;
  llvm::StringRef features; // comma-separated LLVM features
  llvm::StringRef abi;      // RISC-V ABI name
  bool hardFloat;
  /// Generate kernels with the Arm DSP instructions (SMLAD, SXTB16, ...).
  bool hasDsp;
  unsigned indexBits;
  llvm::StringRef description;
  /// i32 lanes of the SIMD registers that kernels may fill with vector ops
  /// (4 for the M55's 128-bit MVE); 0 leaves vectorization to LLVM.
  unsigned vectorLanes = 0;
  /// Arm MVE intrinsics (VQRDMULH) for the requantization of four channels.
  bool hasMve = false;

  bool isHost() const { return name == "host"; }
  bool isRiscV() const { return triple.starts_with("riscv"); }
  /// The triple, with the host's filled in.
  std::string getTriple() const;
};

/// All targets, in a stable order.
llvm::ArrayRef<TargetInfo> getTargets();

/// The target named `name`, if any.
std::optional<TargetInfo> lookupTarget(llvm::StringRef name);

/// "host, cortex-m0plus, ..." for diagnostics.
std::string getTargetNames();

} // namespace mlir::mcuq

#endif // MCUQ_TARGET_TARGETINFO_H
