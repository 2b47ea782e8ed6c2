//===- MCUQDialect.h - mcuq dialect -----------------------------*- C++ -*-===//

#ifndef MCUQ_DIALECT_MCUQ_IR_MCUQDIALECT_H
#define MCUQ_DIALECT_MCUQ_IR_MCUQDIALECT_H

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h.inc"
#include "mcuq/Dialect/MCUQ/IR/MCUQEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "mcuq/Dialect/MCUQ/IR/MCUQAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "mcuq/Dialect/MCUQ/IR/MCUQTypes.h.inc"

#endif // MCUQ_DIALECT_MCUQ_IR_MCUQDIALECT_H
