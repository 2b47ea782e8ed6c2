//===- MCUQDialect.h - mcuq dialect -----------------------------*- C++ -*-===//

#ifndef MCUQ_DIALECT_MCUQ_IR_MCUQDIALECT_H
#define MCUQ_DIALECT_MCUQ_IR_MCUQDIALECT_H

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"

#include "mlir/IR/DialectImplementation.h"

namespace mlir::mcuq {
// Parameter syntax of the contract attributes (MCUQAttrs.td).
FailureOr<bool> parseBoolParameter(AsmParser &parser);
FailureOr<SmallVector<int64_t>> parseShapeParameter(AsmParser &parser);
void printShapeParameter(AsmPrinter &printer, ArrayRef<int64_t> shape);
} // namespace mlir::mcuq

#include "mcuq/Dialect/MCUQ/IR/MCUQEnums.h.inc"

// Before the dialect: its discardable-attribute helpers return them.
#define GET_ATTRDEF_CLASSES
#include "mcuq/Dialect/MCUQ/IR/MCUQAttrs.h.inc"

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "mcuq/Dialect/MCUQ/IR/MCUQTypes.h.inc"

#endif // MCUQ_DIALECT_MCUQ_IR_MCUQDIALECT_H
