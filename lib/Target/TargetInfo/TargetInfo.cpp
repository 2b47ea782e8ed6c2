//===- TargetInfo.cpp - The machines mcuq compiles for --------------------===//

#include "mcuq/Target/TargetInfo.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace mlir::mcuq;

// The rows: Targets.def.
static const TargetInfo kTargets[] = {
#define MCUQ_TARGET(name, triple, cpu, features, abi, floatAbi, indexBits,     \
                    registers, dsp, mve, fpu, popcount, vectorBits, strategy,  \
                    description, cTriple, cFlags, qemuSystem, qemuMachine)     \
  {name,        triple,                                                        \
   cpu,         features,                                                      \
   abi,         FloatABI::floatAbi,                                            \
   indexBits,   registers,                                                     \
   dsp,         mve,                                                           \
   fpu,         popcount,                                                      \
   vectorBits,  KernelStrategy::strategy,                                      \
   description, cTriple,                                                       \
   cFlags,      qemuSystem,                                                    \
   qemuMachine},
#include "Targets.def"
};

const TargetInfo &mlir::mcuq::getDefaultTarget() { return kTargets[0]; }

const TargetInfo *mlir::mcuq::lookupTarget(llvm::StringRef name) {
  for (const TargetInfo &t : kTargets)
    if (t.name == name)
      return &t;
  return nullptr;
}

std::string mlir::mcuq::getTargetNames() {
  return llvm::join(
      llvm::map_range(kTargets, [](const TargetInfo &t) { return t.name; }),
      ", ");
}

TargetAttr mlir::mcuq::getTargetAttr(MLIRContext *ctx, const TargetInfo &t) {
  return TargetAttr::get(ctx, t.name, t.triple, t.cpu, t.features, t.abi,
                         t.floatAbi, t.indexBits, t.registers, t.dsp, t.mve,
                         t.fpu, t.popcount, t.vectorBits, t.strategy);
}

std::string mlir::mcuq::getTargetTriple(TargetAttr target) {
  if (target.isHost())
    return llvm::sys::getDefaultTargetTriple();
  return target.getTriple().str();
}

TargetAttr mlir::mcuq::getModuleTarget(Operation *op) {
  auto name = MCUQDialect::TargetAttrHelper::getNameStr();
  for (; op; op = op->getParentOp())
    if (auto target = op->getAttrOfType<TargetAttr>(name))
      return target;
  return {};
}

FailureOr<TargetAttr>
mlir::mcuq::resolveExportTarget(ModuleOp module, llvm::StringRef requested) {
  const TargetInfo *info = nullptr;
  if (!requested.empty()) {
    info = lookupTarget(requested);
    if (!info)
      return emitError(module.getLoc(), "unknown target '")
             << requested << "'; known targets: " << getTargetNames();
  }
  if (TargetAttr recorded = getModuleTarget(module)) {
    if (info && info->name != recorded.getName())
      return emitError(module.getLoc(), "the module was lowered for '")
             << recorded.getName() << "', not for '" << requested
             << "': lower it again for that target";
    return recorded;
  }
  return getTargetAttr(module.getContext(), info ? *info : getDefaultTarget());
}

void mlir::mcuq::printTargetsJSON(llvm::raw_ostream &os) {
  llvm::json::Array targets;
  for (const TargetInfo &t : kTargets) {
    llvm::json::Array cflags;
    for (llvm::StringRef flag : llvm::split(t.cFlags, ' '))
      if (!flag.empty())
        cflags.push_back(flag);
    targets.push_back(llvm::json::Object{
        {"name", t.name},
        {"description", t.description},
        {"triple", t.triple},
        {"cpu", t.cpu},
        {"features", t.features},
        {"abi", t.abi},
        {"float_abi", stringifyFloatABI(t.floatAbi)},
        {"index_bits", t.indexBits},
        {"registers", t.registers},
        {"dsp", t.dsp},
        {"mve", t.mve},
        {"fpu", t.fpu},
        {"popcount", t.popcount},
        {"vector_bits", t.vectorBits},
        {"strategy", stringifyKernelStrategy(t.strategy)},
        {"arch", t.triple.starts_with("riscv") ? "riscv"
                 : t.triple.empty()            ? "host"
                                               : "arm"},
        {"c_triple", t.cTriple},
        {"c_flags", std::move(cflags)},
        {"qemu_system", t.qemuSystem},
        {"qemu_machine", t.qemuMachine},
    });
  }
  llvm::json::Object table{{"default", getDefaultTarget().name},
                           {"targets", std::move(targets)}};
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(table))) << "\n";
}

void mlir::mcuq::printTargets(llvm::raw_ostream &os) {
  for (const TargetInfo &t : kTargets)
    os << llvm::formatv("{0,-15} {1}\n", t.name, t.description);
}
