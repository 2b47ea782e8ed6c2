//===- Pipelines.h - mcuq pass pipelines ------------------------*- C++ -*-===//

#ifndef MCUQ_DIALECT_MCUQ_TRANSFORMS_PIPELINES_H
#define MCUQ_DIALECT_MCUQ_TRANSFORMS_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::mcuq {

struct MCUQToLLVMPipelineOptions
    : public PassPipelineOptions<MCUQToLLVMPipelineOptions> {
  PassOptions::Option<std::string> target{
      *this, "target",
      llvm::cl::desc("Target machine (host, cortex-m4, rv32imac, ...; "
                     "default: the module's, else host)"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> entryName{
      *this, "entry-name",
      llvm::cl::desc("Symbol of the generated entry point"),
      llvm::cl::init("mcuq_model_invoke")};
  PassOptions::Option<unsigned> alignment{
      *this, "alignment",
      llvm::cl::desc("Minimum arena buffer alignment in bytes (0: each "
                     "buffer's natural alignment)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> arenaBudget{
      *this, "arena-budget",
      llvm::cl::desc("Fail when the arena exceeds this many bytes"),
      llvm::cl::init(-1)};
  PassOptions::Option<bool> inPlace{
      *this, "in-place",
      llvm::cl::desc("Let ops write over inputs that die there (element-wise "
                     "ops, and loop kernels whose accesses prove it safe)"),
      llvm::cl::init(true)};
  PassOptions::Option<std::string> arenaSection{
      *this, "arena-section",
      llvm::cl::desc("Linker section the caller declares the arena in (a "
                     "header macro, e.g. .dtcm)"),
      llvm::cl::init("")};
  PassOptions::Option<bool> ioInArena{
      *this, "io-in-arena",
      llvm::cl::desc("Place model inputs and outputs in the arena"),
      llvm::cl::init(false)};
};

/// From imported mcuq IR to the LLVM dialect: explicit quantization, linalg,
/// bufferization into the caller's buffers, static memory planning, loops
/// and the LLVM dialect with the target's index width and a plain C
/// calling convention.
LogicalResult buildMCUQToLLVMPipeline(OpPassManager &pm,
                                      const MCUQToLLVMPipelineOptions &options);

/// Registers `mcuq-to-llvm-pipeline` (and the pipelines it is made of).
void registerMCUQPipelines();

} // namespace mlir::mcuq

#endif // MCUQ_DIALECT_MCUQ_TRANSFORMS_PIPELINES_H
