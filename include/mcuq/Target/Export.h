//===- Export.h - Object code and C header export ---------------*- C++ -*-===//

#ifndef MCUQ_TARGET_EXPORT_H
#define MCUQ_TARGET_EXPORT_H

#include "mcuq/Target/CompiledModel.h"
#include "mcuq/Target/TargetInfo.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::mcuq {

struct ObjectOptions {
  /// LLVM optimization level (0-3); `sizeLevel` 1 is -Os, 2 is -Oz.
  unsigned optLevel = 2;
  unsigned sizeLevel = 0;
  /// When non-empty, constants (weights) go to this section instead of
  /// .rodata, e.g. to place them in external flash.
  std::string weightsSection;
  /// Emit DWARF line tables from the operations' file:line:column locations
  /// (e.g. lines of the imported mcuq IR when it was parsed from a file), so
  /// that debuggers and profilers can map code back to model operators.
  bool debugInfo = false;
};

/// Translates a module in the LLVM dialect (the output of
/// mcuq-to-llvm-pipeline) to LLVM IR, optimizes it for `target` and writes a
/// relocatable ELF object. Emits diagnostics on failure.
LogicalResult emitObject(ModuleOp module, TargetAttr target,
                         const ObjectOptions &options,
                         llvm::raw_pwrite_stream &os);

/// Writes the LLVM IR that emitObject compiles (after optimization).
LogicalResult emitLLVMIR(ModuleOp module, TargetAttr target,
                         const ObjectOptions &options, llvm::raw_ostream &os);

/// Writes the C header of a compiled model: entry point, sizes, shapes and
/// quantization of inputs, outputs and state, the arena size and alignment,
/// and the target. `name` is the model name used in macros
/// (MCUQ_<NAME>_...).
LogicalResult emitHeader(const CompiledModel &model, llvm::StringRef name,
                         llvm::raw_ostream &os);

/// Registers --mcuq-to-object, --mcuq-to-llvmir and --mcuq-to-header.
void registerExportTranslations();

} // namespace mlir::mcuq

#endif // MCUQ_TARGET_EXPORT_H
