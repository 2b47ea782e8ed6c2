//===- TargetInfo.cpp - The machines mcuq compiles for --------------------===//

#include "mcuq/Target/TargetInfo.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir::mcuq;

// The float ABI and features match what the runtime and the QEMU harness
// are compiled with (python/mcuq/qemu.py), so objects link together.
static const TargetInfo kTargets[] = {
    // name, triple, cpu, features, abi, hard float, DSP, index bits
    {"host", "", "", "", "", true, false, 64, "the machine running mcuq"},
    {"cortex-m0plus", "thumbv6m-none-eabi", "cortex-m0plus", "", "", false,
     false, 32, "Armv6-M, no DSP, soft float"},
    {"cortex-m4", "thumbv7em-none-eabihf", "cortex-m4", "", "", true, true, 32,
     "Armv7E-M with DSP, single-precision FPU, hard-float ABI"},
    {"cortex-m4-soft", "thumbv7em-none-eabi", "cortex-m4", "", "", false, true,
     32, "Armv7E-M with DSP, soft-float ABI"},
    {"cortex-m7", "thumbv7em-none-eabihf", "cortex-m7", "", "", true, true, 32,
     "Armv7E-M with DSP, FPU, hard-float ABI"},
    {"cortex-m7-soft", "thumbv7em-none-eabi", "cortex-m7", "", "", false, true,
     32, "Armv7E-M with DSP, soft-float ABI"},
    {"cortex-m33", "thumbv8m.main-none-eabi", "cortex-m33", "", "", false, true,
     32, "Armv8-M Mainline with DSP, soft-float ABI"},
    // The M55 has the DSP extension too, but plain loops let LLVM vectorize
    // them with MVE, which is faster than SMLAD; depthwise kernels are
    // generated with 4 x i32 vectors, which LLVM does not find on its own.
    {"cortex-m55", "thumbv8.1m.main-none-eabihf", "cortex-m55", "", "", true,
     false, 32, "Armv8.1-M with MVE (Helium), hard-float ABI", 4, true},
    {"rv32imc", "riscv32-unknown-elf", "generic-rv32", "+m,+c", "ilp32", false,
     false, 32, "RV32IMC, ilp32"},
    {"rv32imac", "riscv32-unknown-elf", "generic-rv32", "+m,+a,+c", "ilp32",
     false, false, 32, "RV32IMAC, ilp32"},
};

std::string TargetInfo::getTriple() const {
  if (triple.empty())
    return llvm::sys::getDefaultTargetTriple();
  return triple.str();
}

llvm::ArrayRef<TargetInfo> mlir::mcuq::getTargets() { return kTargets; }

std::optional<TargetInfo> mlir::mcuq::lookupTarget(llvm::StringRef name) {
  for (const TargetInfo &t : kTargets)
    if (t.name == name)
      return t;
  return std::nullopt;
}

std::string mlir::mcuq::getTargetNames() {
  llvm::SmallVector<llvm::StringRef> names;
  for (const TargetInfo &t : kTargets)
    names.push_back(t.name);
  return llvm::join(names, ", ");
}
