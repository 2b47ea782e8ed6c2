//===- ConvertToLLVM.cpp - One LLVM conversion with a target index width --===//

#include "mcuq/Conversion/Passes.h"

#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVM.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/LLVMCommon/ConversionTarget.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVM.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQCONVERTTOLLVMPASS
#include "mcuq/Conversion/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;

namespace {
struct MCUQConvertToLLVMPass
    : mcuq::impl::MCUQConvertToLLVMPassBase<MCUQConvertToLLVMPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ModuleOp module = getOperation();

    // In-bounds 1-D transfers (the kernels' word loads) become plain loads.
    RewritePatternSet transfers(ctx);
    vector::populateVectorTransferLoweringPatterns(transfers);
    // Rounding divisions have no LLVM counterpart: spell them out.
    arith::populateCeilFloorDivExpandOpsPatterns(transfers);
    if (failed(applyPatternsGreedily(module, std::move(transfers))))
      return signalPassFailure();

    // The index width of the module's data layout (mcuq-attach-target
    // records the target's), unless the option overrides it.
    LowerToLLVMOptions options(ctx, DataLayout(module));
    if (indexBitwidth)
      options.overrideIndexBitwidth(indexBitwidth);
    options.useBarePtrCallConv = true;
    LLVMTypeConverter converter(ctx, options);
    RewritePatternSet patterns(ctx);
    populateFuncToLLVMConversionPatterns(converter, patterns);
    arith::populateArithToLLVMConversionPatterns(converter, patterns);
    cf::populateControlFlowToLLVMConversionPatterns(converter, patterns);
    index::populateIndexToLLVMConversionPatterns(converter, patterns);
    populateMathToLLVMConversionPatterns(converter, patterns);
    populateFinalizeMemRefToLLVMConversionPatterns(converter, patterns);
    populateVectorToLLVMConversionPatterns(converter, patterns);
    LLVMConversionTarget target(*ctx);
    target.addLegalOp<ModuleOp>();
    if (failed(applyFullConversion(module, target, std::move(patterns))))
      return signalPassFailure();

    SmallVector<UnrealizedConversionCastOp> casts;
    module.walk([&](UnrealizedConversionCastOp op) { casts.push_back(op); });
    reconcileUnrealizedCasts(casts);
  }
};
} // namespace
