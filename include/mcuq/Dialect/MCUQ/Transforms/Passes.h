//===- Passes.h - mcuq dialect passes ---------------------------*- C++ -*-===//

#ifndef MCUQ_DIALECT_MCUQ_TRANSFORMS_PASSES_H
#define MCUQ_DIALECT_MCUQ_TRANSFORMS_PASSES_H

#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
namespace mcuq {

#define GEN_PASS_DECL
#include "mcuq/Dialect/MCUQ/Transforms/Passes.h.inc"

/// Patterns rewriting TFLite-form operators into explicit form (an exact
/// integer operator followed by mcuq.requantize). Shared with the lowering,
/// which accepts TFLite-form input directly.
void populateExplicitRescalePatterns(RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "mcuq/Dialect/MCUQ/Transforms/Passes.h.inc"

} // namespace mcuq
} // namespace mlir

#endif // MCUQ_DIALECT_MCUQ_TRANSFORMS_PASSES_H
