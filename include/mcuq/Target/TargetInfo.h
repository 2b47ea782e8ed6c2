//===- TargetInfo.h - The machines mcuq compiles for ------------*- C++ -*-===//
//
// The one table of targets. Everything else that describes a target is
// derived from it: the `#mcuq.target` attribute a module is lowered with, the
// LLVM target machine of the object export, and (through
// `mcuq-compile --list-targets --json`) the C flags with which the runtime,
// firmware and the QEMU harness are compiled.
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_TARGET_TARGETINFO_H
#define MCUQ_TARGET_TARGETINFO_H

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace mlir::mcuq {

/// One row of the table: the `#mcuq.target` parameters plus how C code for
/// the target is compiled and which QEMU machine runs it.
struct TargetInfo {
  llvm::StringRef name;
  llvm::StringRef triple; // "" for the host
  llvm::StringRef cpu;
  llvm::StringRef features; // comma-separated LLVM features
  llvm::StringRef abi;      // RISC-V ABI name
  FloatABI floatAbi;
  unsigned indexBits;
  /// General-purpose registers kernels may keep values in.
  unsigned registers;
  bool dsp, mve, fpu, popcount;
  unsigned vectorBits;
  KernelStrategy strategy;
  llvm::StringRef description;
  /// clang --target= and flags for C code that links with the objects.
  llvm::StringRef cTriple;
  llvm::StringRef cFlags; // space-separated
  /// QEMU system emulator and machine that the tests run the target on.
  llvm::StringRef qemuSystem, qemuMachine;
};

/// The target used when none is named (the first row): the machine running
/// mcuq.
const TargetInfo &getDefaultTarget();

/// The target named `name`, or null.
const TargetInfo *lookupTarget(llvm::StringRef name);

/// "host, cortex-m0plus, ..." for diagnostics and option help.
std::string getTargetNames();

/// The attribute a module lowered for `target` carries.
TargetAttr getTargetAttr(MLIRContext *ctx, const TargetInfo &target);

/// The LLVM triple of `target`, with the host's filled in.
std::string getTargetTriple(TargetAttr target);

/// The `mcuq.target` of `op`'s closest module (or of `op` itself), if any.
TargetAttr getModuleTarget(Operation *op);

/// The target to export `module` for. `requested` is a target name from the
/// command line (empty: none given). A module that records its target is
/// exported for that one, and a contradicting request is an error; a module
/// without a target is exported for `requested` or the default target.
FailureOr<TargetAttr> resolveExportTarget(ModuleOp module,
                                          llvm::StringRef requested);

/// The table as JSON: {"default": name, "targets": [{...}, ...]}.
void printTargetsJSON(llvm::raw_ostream &os);

/// The table as text, one target per line.
void printTargets(llvm::raw_ostream &os);

} // namespace mlir::mcuq

#endif // MCUQ_TARGET_TARGETINFO_H
