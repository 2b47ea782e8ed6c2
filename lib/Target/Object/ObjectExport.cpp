//===- ObjectExport.cpp - LLVM dialect to an object file ------------------===//
//
// Object code is produced in-process with LLVM's TargetMachine, so the
// compiler needs no external assembler, compiler or linker.
//
//===----------------------------------------------------------------------===//

#include "mcuq/Target/Export.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/Transforms/Passes.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace mlir::mcuq;

extern "C" {
void LLVMInitializeARMTargetInfo();
void LLVMInitializeARMTarget();
void LLVMInitializeARMTargetMC();
void LLVMInitializeARMAsmPrinter();
void LLVMInitializeRISCVTargetInfo();
void LLVMInitializeRISCVTarget();
void LLVMInitializeRISCVTargetMC();
void LLVMInitializeRISCVAsmPrinter();
}

static void initializeTargets() {
  static bool once = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    LLVMInitializeARMTargetInfo();
    LLVMInitializeARMTarget();
    LLVMInitializeARMTargetMC();
    LLVMInitializeARMAsmPrinter();
    LLVMInitializeRISCVTargetInfo();
    LLVMInitializeRISCVTarget();
    LLVMInitializeRISCVTargetMC();
    LLVMInitializeRISCVAsmPrinter();
    return true;
  }();
  (void)once;
}

static std::unique_ptr<llvm::TargetMachine>
createTargetMachine(ModuleOp module, TargetAttr target) {
  initializeTargets();
  std::string tripleName = getTargetTriple(target);
  // "thumbv6m-none-eabi" only parses its environment when normalized; without
  // it LLVM would not use the EABI helper names.
  llvm::Triple triple(llvm::Triple::normalize(tripleName));
  std::string error;
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!llvmTarget) {
    module.emitError("cannot generate code for ")
        << tripleName << ": " << error;
    return nullptr;
  }
  llvm::TargetOptions options;
  options.FloatABIType = target.getFloatAbi() == mcuq::FloatABI::Hard
                             ? llvm::FloatABI::Hard
                             : llvm::FloatABI::Soft;
  options.MCOptions.ABIName = target.getAbi().str();
  // The Arm EABI names its helpers __aeabi_*, which the runtime provides.
  options.EABIVersion = llvm::EABI::EABI5;
  // One section per function and constant so that the firmware's linker can
  // drop what it does not use.
  options.FunctionSections = true;
  options.DataSections = true;
  std::string cpu = target.getCpu().str();
  if (target.isHost())
    cpu = llvm::sys::getHostCPUName().str();
  auto reloc = target.isHost() ? llvm::Reloc::PIC_ : llvm::Reloc::Static;
  return std::unique_ptr<llvm::TargetMachine>(llvmTarget->createTargetMachine(
      triple, cpu, target.getFeatures(), options, reloc, std::nullopt,
      llvm::CodeGenOptLevel::Aggressive));
}

/// Translation plus LLVM's optimization pipeline for the target.
static std::unique_ptr<llvm::Module>
translateAndOptimize(ModuleOp module, llvm::LLVMContext &llvmContext,
                     llvm::TargetMachine &tm, const ObjectOptions &options) {
  // mcuq's interface attributes have served the header; LLVM IR has no
  // place for them.
  module.walk([](LLVM::LLVMFuncOp func) {
    for (unsigned i = 0; i < func.getNumArguments(); ++i) {
      SmallVector<NamedAttribute> kept;
      for (NamedAttribute attr : func.getArgAttrDict(i)
                                     ? func.getArgAttrDict(i).getValue()
                                     : ArrayRef<NamedAttribute>())
        if (attr.getName().strref().starts_with("llvm."))
          kept.push_back(attr);
      func.setArgAttrs(i, kept);
    }
  });
  if (options.debugInfo) {
    PassManager pm(module.getContext());
    pm.addPass(LLVM::createDIScopeForLLVMFuncOpPass());
    if (failed(pm.run(module)))
      return nullptr;
  }
  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  module.getContext()->appendDialectRegistry(registry);
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, "mcuq");
  if (!llvmModule) {
    module.emitError("cannot translate the module to LLVM IR; run "
                     "mcuq-to-llvm-pipeline first");
    return nullptr;
  }
  llvmModule->setTargetTriple(tm.getTargetTriple());
  llvmModule->setDataLayout(tm.createDataLayout());
  for (llvm::Function &f : *llvmModule) {
    if (f.isDeclaration())
      continue;
    f.addFnAttr(llvm::Attribute::NoUnwind);
    if (!tm.getTargetCPU().empty())
      f.addFnAttr("target-cpu", tm.getTargetCPU());
    if (!tm.getTargetFeatureString().empty())
      f.addFnAttr("target-features", tm.getTargetFeatureString());
  }
  if (!options.weightsSection.empty())
    for (llvm::GlobalVariable &g : llvmModule->globals())
      if (g.isConstant())
        g.setSection(options.weightsSection);
  auto transformer =
      makeOptimizingTransformer(options.optLevel, options.sizeLevel, &tm);
  if (llvm::Error err = transformer(llvmModule.get())) {
    module.emitError("LLVM optimization failed: ")
        << llvm::toString(std::move(err));
    return nullptr;
  }
  return llvmModule;
}

LogicalResult mlir::mcuq::emitObject(ModuleOp module, TargetAttr target,
                                     const ObjectOptions &options,
                                     llvm::raw_pwrite_stream &os) {
  std::unique_ptr<llvm::TargetMachine> tm = createTargetMachine(module, target);
  if (!tm)
    return failure();
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateAndOptimize(module, llvmContext, *tm, options);
  if (!llvmModule)
    return failure();
  llvm::legacy::PassManager pm;
  if (tm->addPassesToEmitFile(pm, os, nullptr,
                              llvm::CodeGenFileType::ObjectFile)) {
    module.emitError("the target cannot emit object files");
    return failure();
  }
  pm.run(*llvmModule);
  return success();
}

LogicalResult mlir::mcuq::emitLLVMIR(ModuleOp module, TargetAttr target,
                                     const ObjectOptions &options,
                                     llvm::raw_ostream &os) {
  std::unique_ptr<llvm::TargetMachine> tm = createTargetMachine(module, target);
  if (!tm)
    return failure();
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateAndOptimize(module, llvmContext, *tm, options);
  if (!llvmModule)
    return failure();
  llvmModule->print(os, nullptr);
  return success();
}
