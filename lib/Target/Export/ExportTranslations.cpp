//===- ExportTranslations.cpp - mcuq-translate export entries -------------===//

#include "mcuq/Target/Export.h"

#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/CommandLine.h"

using namespace mlir;
using namespace mlir::mcuq;

static llvm::cl::OptionCategory category("mcuq export options");

static llvm::cl::opt<std::string> targetName(
    "mcuq-target",
    llvm::cl::desc("Target of --mcuq-to-object / --mcuq-to-llvmir / "
                   "--mcuq-to-header for a module that does not record one; "
                   "a module lowered by mcuq-to-llvm-pipeline records its "
                   "target, and naming another is an error"),
    llvm::cl::init(""), llvm::cl::cat(category));

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

static FailureOr<TargetAttr> getTarget(Operation *op) {
  auto module = dyn_cast<ModuleOp>(op);
  if (!module)
    return op->emitError("expected a module");
  return resolveExportTarget(module, targetName);
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
    registry.insert<DLTIDialect, LLVM::LLVMDialect, MCUQDialect>();
  };
  TranslateFromMLIRRegistration object(
      "mcuq-to-object", "Compile an LLVM-dialect mcuq module to an ELF object",
      [](Operation *op, llvm::raw_ostream &os) -> LogicalResult {
        FailureOr<TargetAttr> target = getTarget(op);
        if (failed(target))
          return failure();
        auto module = cast<ModuleOp>(op);
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
        FailureOr<TargetAttr> target = getTarget(op);
        if (failed(target))
          return failure();
        auto module = cast<ModuleOp>(op);
        return emitLLVMIR(module, *target, getObjectOptions(), os);
      },
      dialects);
  TranslateFromMLIRRegistration header(
      "mcuq-to-header", "The C header of a compiled mcuq module",
      [](Operation *op, llvm::raw_ostream &os) -> LogicalResult {
        FailureOr<TargetAttr> target = getTarget(op);
        if (failed(target))
          return failure();
        FailureOr<CompiledModel> model =
            CompiledModel::read(cast<ModuleOp>(op), *target);
        if (failed(model))
          return failure();
        return emitHeader(*model, modelName, os);
      },
      dialects);
}
