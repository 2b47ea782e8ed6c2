//===- MCUQ.td - mcuq dialect aggregate --------------------*- tablegen -*-===//

#ifndef MCUQ_DIALECT_MCUQ_IR_MCUQ_TD
#define MCUQ_DIALECT_MCUQ_IR_MCUQ_TD

include "mcuq/Dialect/MCUQ/IR/MCUQDialect.td"
include "mcuq/Dialect/MCUQ/IR/MCUQAttrs.td"
include "mcuq/Dialect/MCUQ/IR/MCUQTypes.td"
include "mcuq/Dialect/MCUQ/IR/MCUQOps.td"

#endif // MCUQ_DIALECT_MCUQ_IR_MCUQ_TD
