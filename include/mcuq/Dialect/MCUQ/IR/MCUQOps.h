//===- MCUQOps.h - mcuq operations ------------------------------*- C++ -*-===//

#ifndef MCUQ_DIALECT_MCUQ_IR_MCUQOPS_H
#define MCUQ_DIALECT_MCUQ_IR_MCUQOPS_H

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h.inc"

#endif // MCUQ_DIALECT_MCUQ_IR_MCUQOPS_H
