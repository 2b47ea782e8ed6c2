//===- TargetInfo.cpp - The machines mcuq compiles for --------------------===//

#include "mcuq/Target/TargetInfo.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace mlir::mcuq;

namespace {
constexpr FloatABI kSoft = FloatABI::Soft, kHard = FloatABI::Hard;
} // namespace

// The float ABI and features of each row match its C flags, so that objects
// and the runtime link together. Armv7-M kernels may use 13 registers (r0-r12
// less what the compiler reserves is what spills are measured against); the
// M55 has the DSP extension too, but its kernels are MVE vector code, which
// is faster than SMLAD.
static const TargetInfo kTargets[] = {
    {"host", "", "", "", "", kHard, 64, 16, false, false, true, false, 0,
     KernelStrategy::Generic, "the machine running mcuq", "", "", "", ""},
    {"cortex-m0plus", "thumbv6m-none-eabi", "cortex-m0plus", "", "", kSoft, 32,
     8, false, false, false, false, 0, KernelStrategy::Generic,
     "Armv6-M, no DSP, soft float", "thumbv6m-none-eabi",
     "-mcpu=cortex-m0plus -mfloat-abi=soft", "qemu-system-arm", "mps2-an385"},
    {"cortex-m4", "thumbv7em-none-eabihf", "cortex-m4", "", "", kHard, 32, 13,
     true, false, true, false, 0, KernelStrategy::ArmDsp,
     "Armv7E-M with DSP, single-precision FPU, hard-float ABI",
     "thumbv7em-none-eabi", "-mcpu=cortex-m4 -mfloat-abi=hard",
     "qemu-system-arm", "mps2-an386"},
    {"cortex-m4-soft", "thumbv7em-none-eabi", "cortex-m4", "", "", kSoft, 32,
     13, true, false, true, false, 0, KernelStrategy::ArmDsp,
     "Armv7E-M with DSP, soft-float ABI", "thumbv7em-none-eabi",
     "-mcpu=cortex-m4 -mfloat-abi=soft", "qemu-system-arm", "mps2-an386"},
    {"cortex-m7", "thumbv7em-none-eabihf", "cortex-m7", "", "", kHard, 32, 13,
     true, false, true, false, 0, KernelStrategy::ArmDsp,
     "Armv7E-M with DSP, FPU, hard-float ABI", "thumbv7em-none-eabi",
     "-mcpu=cortex-m7 -mfloat-abi=hard", "qemu-system-arm", "mps2-an500"},
    {"cortex-m7-soft", "thumbv7em-none-eabi", "cortex-m7", "", "", kSoft, 32,
     13, true, false, true, false, 0, KernelStrategy::ArmDsp,
     "Armv7E-M with DSP, soft-float ABI", "thumbv7em-none-eabi",
     "-mcpu=cortex-m7 -mfloat-abi=soft", "qemu-system-arm", "mps2-an500"},
    {"cortex-m33", "thumbv8m.main-none-eabi", "cortex-m33", "", "", kSoft, 32,
     13, true, false, true, false, 0, KernelStrategy::ArmDsp,
     "Armv8-M Mainline with DSP, soft-float ABI", "thumbv8m.main-none-eabi",
     "-mcpu=cortex-m33 -mfloat-abi=soft", "qemu-system-arm", "mps2-an505"},
    {"cortex-m55", "thumbv8.1m.main-none-eabihf", "cortex-m55", "", "", kHard,
     32, 13, true, true, true, false, 128, KernelStrategy::ArmMve,
     "Armv8.1-M with MVE (Helium), hard-float ABI", "thumbv8.1m.main-none-eabi",
     "-mcpu=cortex-m55 -mfloat-abi=hard", "qemu-system-arm", "mps3-an547"},
    {"rv32imc", "riscv32-unknown-elf", "generic-rv32", "+m,+c", "ilp32", kSoft,
     32, 31, false, false, false, false, 0, KernelStrategy::RiscV,
     "RV32IMC, ilp32", "riscv32-unknown-elf", "-march=rv32imc -mabi=ilp32",
     "qemu-system-riscv32", "virt"},
    {"rv32imac", "riscv32-unknown-elf", "generic-rv32", "+m,+a,+c", "ilp32",
     kSoft, 32, 31, false, false, false, false, 0, KernelStrategy::RiscV,
     "RV32IMAC, ilp32", "riscv32-unknown-elf", "-march=rv32imac -mabi=ilp32",
     "qemu-system-riscv32", "virt"},
};

llvm::ArrayRef<TargetInfo> mlir::mcuq::getTargets() { return kTargets; }

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
