//===- ExportTranslations.cpp - mcuq-translate export entries -------------===//

#include "mcuq/Target/Export.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CommandLine.h"

using namespace mlir;
using namespace mlir::mcuq;

static llvm::cl::OptionCategory category("mcuq export options");

static llvm::cl::opt<std::string>
    targetName("mcuq-target",
               llvm::cl::desc("Target of --mcuq-to-object / --mcuq-to-llvmir "
                              "(host, cortex-m0plus, cortex-m4, cortex-m4-soft, "
                              "cortex-m7, cortex-m7-soft, cortex-m33, "
                              "cortex-m55, rv32imc, rv32imac)"),
               llvm::cl::init("host"), llvm::cl::cat(category));

static llvm::cl::opt<std::string>
    modelName("mcuq-model-name",
              llvm::cl::desc("Model name used in the header's macros"),
              llvm::cl::init("model"), llvm::cl::cat(category));

static llvm::cl::opt<unsigned>
    optLevel("mcuq-opt-level", llvm::cl::desc("LLVM optimization level"),
             llvm::cl::init(2), llvm::cl::cat(category));

static llvm::cl::opt<std::string> weightsSection(
    "mcuq-weights-section",
    llvm::cl::desc("Linker section for constant weights (default .rodata)"),
    llvm::cl::init(""), llvm::cl::cat(category));

static llvm::cl::opt<bool> debugInfo(
    "mcuq-debug-info",
    llvm::cl::desc("Emit DWARF line tables from file:line locations (lines "
                   "of the mcuq IR the module was lowered from)"),
    llvm::cl::init(false), llvm::cl::cat(category));

static FailureOr<TargetInfo> getTarget(Operation *op) {
  std::optional<TargetInfo> target = lookupTarget(targetName);
  if (!target) {
    op->emitError("unknown target '")
        << targetName << "'; known targets: " << getTargetNames();
    return failure();
  }
  return *target;
}

static ObjectOptions getObjectOptions() {
  ObjectOptions options;
  options.optLevel = optLevel;
  options.weightsSection = weightsSection;
  options.debugInfo = debugInfo;
  return options;
}

void mlir::mcuq::registerExportTranslations() {
  auto dialects = [](DialectRegistry &registry) {
    registry.insert<LLVM::LLVMDialect>();
  };
  TranslateFromMLIRRegistration object(
      "mcuq-to-object", "Compile an LLVM-dialect mcuq module to an ELF object",
      [](Operation *op, llvm::raw_ostream &os) -> LogicalResult {
        auto module = dyn_cast<ModuleOp>(op);
        FailureOr<TargetInfo> target = getTarget(op);
        if (!module || failed(target))
          return failure();
        llvm::SmallString<0> buffer;
        llvm::raw_svector_ostream stream(buffer);
        if (failed(emitObject(module, *target, getObjectOptions(), stream)))
          return failure();
        os << buffer;
        return success();
      },
      dialects);
  TranslateFromMLIRRegistration llvmir(
      "mcuq-to-llvmir", "Optimized LLVM IR of an LLVM-dialect mcuq module",
      [](Operation *op, llvm::raw_ostream &os) -> LogicalResult {
        auto module = dyn_cast<ModuleOp>(op);
        FailureOr<TargetInfo> target = getTarget(op);
        if (!module || failed(target))
          return failure();
        return emitLLVMIR(module, *target, getObjectOptions(), os);
      },
      dialects);
  TranslateFromMLIRRegistration header(
      "mcuq-to-header", "The C header of a compiled mcuq module",
      [](Operation *op, llvm::raw_ostream &os) -> LogicalResult {
        auto module = dyn_cast<ModuleOp>(op);
        if (!module)
          return op->emitError("expected a module");
        return emitHeader(module, modelName, targetName, os);
      },
      dialects);
}
