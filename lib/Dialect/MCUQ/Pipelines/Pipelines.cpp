//===- Pipelines.cpp - mcuq pass pipelines --------------------------------===//

#include "mcuq/Dialect/MCUQ/Transforms/Pipelines.h"
#include "mcuq/Conversion/Passes.h"
#include "mcuq/Dialect/MCUQ/Transforms/Passes.h"
#include "mcuq/Target/TargetInfo.h"
#include "mcuq/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::mcuq;

LogicalResult
mlir::mcuq::buildMCUQToLLVMPipeline(OpPassManager &pm,
                                    const MCUQToLLVMPipelineOptions &options) {
  if (!options.target.empty() && !lookupTarget(options.target))
    return failure();
  // Every later pass and the exporters read the target from the module.
  pm.addPass(createMCUQAttachTargetPass({options.target}));

  // Quantized operators to integer linalg on tensors.
  pm.addNestedPass<func::FuncOp>(createMCUQPropagateQuantizationPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createConvertMCUQToLinalgPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(createMCUQFuseElementwisePass());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(createMCUQGenerateKernelsPass());
  pm.addNestedPass<func::FuncOp>(createConvertMCUQToArithPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Buffers: the caller's for inputs, outputs and state, one planned arena
  // for everything else.
  pm.addPass(createMCUQPrepareEntryPass({options.entryName}));
  pm.addNestedPass<func::FuncOp>(createMCUQSchedulePass());
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  pm.addPass(bufferization::createEmptyTensorToAllocTensorPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = false;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  pm.addPass(createCanonicalizerPass());
  MCUQPlanMemoryPassOptions plan;
  plan.alignment = options.alignment;
  plan.arenaBudget = options.arenaBudget;
  plan.ioInArena = options.ioInArena;
  plan.inPlace = options.inPlace;
  plan.arenaSection = options.arenaSection;
  pm.addPass(createMCUQPlanMemoryPass(plan));
  pm.addNestedPass<func::FuncOp>(createMCUQExpandCopiesPass());

  // Loops and the LLVM dialect.
  pm.addNestedPass<func::FuncOp>(createMCUQLowerToLoopsPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createMCUQConvertToLLVMPass());
  pm.addPass(createCanonicalizerPass());
  return success();
}

void mlir::mcuq::registerMCUQPipelines() {
  // Registered by hand rather than with PassPipelineRegistration so that an
  // unknown target is a diagnostic, not a crash.
  registerPassPipeline(
      "mcuq-to-llvm-pipeline",
      "Lower imported mcuq IR to the LLVM dialect for a target",
      [](OpPassManager &pm, StringRef optionsString,
         function_ref<LogicalResult(const Twine &)> errorHandler) {
        MCUQToLLVMPipelineOptions options;
        if (failed(options.parseFromString(optionsString)))
          return failure();
        if (failed(buildMCUQToLLVMPipeline(pm, options)))
          return errorHandler("unknown mcuq target '" + options.target +
                              "'; known targets: " + getTargetNames());
        return success();
      },
      [](function_ref<void(const mlir::detail::PassOptions &)> optHandler) {
        optHandler(MCUQToLLVMPipelineOptions());
      });
}
