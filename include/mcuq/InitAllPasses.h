//===- InitAllPasses.h - Passes mcuq-opt registers --------------*- C++ -*-===//

#ifndef MCUQ_INITALLPASSES_H
#define MCUQ_INITALLPASSES_H

#include "mcuq/Conversion/Passes.h"
#include "mcuq/Dialect/MCUQ/Transforms/Passes.h"
#include "mcuq/Dialect/MCUQ/Transforms/Pipelines.h"
#include "mcuq/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Tensor/Transforms/Passes.h"
#include "mlir/Transforms/Passes.h"

namespace mlir::mcuq {

/// mcuq's passes and pipelines plus the upstream ones the pipeline uses, so
/// every step can be replayed with mcuq-opt.
inline void registerAllPasses() {
  registerMCUQPasses();
  registerMCUQTransformsPasses();
  registerMCUQConversionPasses();
  registerMCUQPipelines();
  registerTransformsPasses();
  registerConversionPasses();
  bufferization::registerBufferizationPasses();
  registerLinalgPasses();
  memref::registerMemRefPasses();
  registerSCFPasses();
  tensor::registerTensorPasses();
}

} // namespace mlir::mcuq

#endif // MCUQ_INITALLPASSES_H
