//===- Passes.h - mcuq passes on linalg, tensors and memrefs ---*- C++ -*-===//

#ifndef MCUQ_TRANSFORMS_PASSES_H
#define MCUQ_TRANSFORMS_PASSES_H

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
namespace mcuq {

#define GEN_PASS_DECL
#include "mcuq/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mcuq/Transforms/Passes.h.inc"

} // namespace mcuq
} // namespace mlir

#endif // MCUQ_TRANSFORMS_PASSES_H
