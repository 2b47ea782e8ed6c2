//===- TFLiteImport.h - TFLite flatbuffer to mcuq import --------*- C++ -*-===//
//
// Translates a quantized TFLite model (.tflite flatbuffer) into a module with
// one `func.func @main` of mcuq operations. docs/Import.md states the
// contract (argument/result attributes, persistent state, locations).
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_TARGET_TFLITE_TFLITEIMPORT_H
#define MCUQ_TARGET_TFLITE_TFLITEIMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

namespace mlir {
class DialectRegistry;
class MLIRContext;

namespace mcuq {

/// Imports the TFLite model held in `buffer` (the whole file). `sourceName`
/// names the file in the module's `mcuq.source` attribute and in file-level
/// diagnostics. Returns null after emitting `error:` diagnostics on the
/// context when the file is malformed, uses something mcuq does not support,
/// or the imported ops fail verification. The buffer is only read; constants
/// are copied into the context once.
OwningOpRef<ModuleOp> importTFLite(llvm::StringRef buffer,
                                   llvm::StringRef sourceName,
                                   MLIRContext *context);

/// Adds the dialects the imported module uses.
void registerTFLiteImportDialects(DialectRegistry &registry);

/// Registers `--import-tflite` with mlir-translate style drivers.
void registerTFLiteImportTranslation();

} // namespace mcuq
} // namespace mlir

#endif // MCUQ_TARGET_TFLITE_TFLITEIMPORT_H
