//===- AttachTarget.cpp - Record the target on the module -----------------===//

#include "mcuq/Dialect/MCUQ/Transforms/Passes.h"
#include "mcuq/Target/TargetInfo.h"

#include "mlir/Interfaces/DataLayoutInterfaces.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQATTACHTARGETPASS
#include "mcuq/Dialect/MCUQ/Transforms/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;
using namespace mlir::mcuq;

namespace {

struct MCUQAttachTargetPass
    : mcuq::impl::MCUQAttachTargetPassBase<MCUQAttachTargetPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    TargetAttr recorded = getModuleTarget(module);
    TargetAttr attr = recorded;
    if (!target.empty()) {
      const TargetInfo *info = lookupTarget(target);
      if (!info) {
        module.emitError("unknown target '")
            << target << "'; known targets: " << getTargetNames();
        return signalPassFailure();
      }
      attr = getTargetAttr(ctx, *info);
      if (recorded && recorded.getName() != attr.getName()) {
        module.emitError("the module is already compiled for '")
            << recorded.getName() << "', not for '" << target << "'";
        return signalPassFailure();
      }
    }
    if (!attr)
      attr = getTargetAttr(ctx, getDefaultTarget());
    if (!strategy.empty()) {
      std::optional<KernelStrategy> kernels = symbolizeKernelStrategy(strategy);
      if (!kernels) {
        module.emitError("unknown kernel strategy '")
            << strategy << "'; known: generic, arm_dsp, arm_mve, riscv";
        return signalPassFailure();
      }
      attr =
          TargetAttr::get(ctx, attr.getName(), attr.getTriple(), attr.getCpu(),
                          attr.getFeatures(), attr.getAbi(), attr.getFloatAbi(),
                          attr.getIndexBits(), attr.getRegisters(),
                          attr.getDsp(), attr.getMve(), attr.getFpu(),
                          attr.getPopcount(), attr.getVectorBits(), *kernels);
    }
    MCUQDialect::TargetAttrHelper(ctx).setAttr(module, attr);

    // The index width as a data layout entry, where upstream's LLVM
    // conversion (and any pass asking DataLayout) finds it.
    auto entry = DataLayoutEntryAttr::get(
        IndexType::get(ctx),
        IntegerAttr::get(IntegerType::get(ctx, 32), attr.getIndexBits()));
    SmallVector<DataLayoutEntryInterface> entries = {entry};
    if (auto spec = module.getDataLayoutSpec())
      for (DataLayoutEntryInterface e : spec.getEntries())
        if (e.getKey() != entry.getKey())
          entries.push_back(e);
    module->setAttr(DLTIDialect::kDataLayoutAttrName,
                    DataLayoutSpecAttr::get(ctx, entries));
  }
};

} // namespace
