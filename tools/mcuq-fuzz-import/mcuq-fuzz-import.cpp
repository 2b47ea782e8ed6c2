//===- mcuq-fuzz-import.cpp - libFuzzer target for the TFLite import ------===//
//
// Runs --import-tflite on each input. Import errors are expected; crashes,
// sanitizer reports, timeouts and imported modules that do not parse back
// are findings.
//
//===----------------------------------------------------------------------===//

#include "mcuq/Target/TFLite/TFLiteImport.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const DialectRegistry *registry = [] {
    auto *r = new DialectRegistry();
    mcuq::registerTFLiteImportDialects(*r);
    return r;
  }();
  // A fresh context per input: uniqued attributes would otherwise pile up.
  MLIRContext context(*registry, MLIRContext::Threading::DISABLED);
  context.printOpOnDiagnostic(false);
  ScopedDiagnosticHandler silence(&context,
                                  [](Diagnostic &) { return success(); });

  // Use libFuzzer's exactly-sized buffer so ASan sees any over-read.
  llvm::StringRef buffer(reinterpret_cast<const char *>(data), size);
  OwningOpRef<ModuleOp> module =
      mcuq::importTFLite(buffer, "fuzz.tflite", &context);
  if (!module)
    return 0;

  // The import contract: what we print parses back.
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os);
  ParserConfig config(&context);
  if (!parseSourceString<ModuleOp>(text, config)) {
    llvm::errs() << "imported module does not parse back:\n" << text << "\n";
    std::abort();
  }
  return 0;
}
