//===- MCUQDialect.cpp - mcuq dialect -------------------------------------===//

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h"
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::mcuq;

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.cpp.inc"
#include "mcuq/Dialect/MCUQ/IR/MCUQEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "mcuq/Dialect/MCUQ/IR/MCUQAttrs.cpp.inc"

void MCUQDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.cpp.inc"
      >();
  registerTypes();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "mcuq/Dialect/MCUQ/IR/MCUQAttrs.cpp.inc"
      >();
}

Operation *MCUQDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements)
    return nullptr;
  return ConstOp::create(builder, loc, type, elements);
}
