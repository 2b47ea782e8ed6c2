//===- Passes.h - mcuq conversion passes ------------------------*- C++ -*-===//

#ifndef MCUQ_CONVERSION_PASSES_H
#define MCUQ_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::mcuq {

#define GEN_PASS_DECL
#include "mcuq/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mcuq/Conversion/Passes.h.inc"

} // namespace mlir::mcuq

#endif // MCUQ_CONVERSION_PASSES_H
