//===- MCUQDialect.cpp - mcuq dialect -------------------------------------===//

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h"
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
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

FailureOr<bool> mlir::mcuq::parseBoolParameter(AsmParser &parser) {
  if (succeeded(parser.parseOptionalKeyword("true")))
    return true;
  if (succeeded(parser.parseOptionalKeyword("false")))
    return false;
  return parser.emitError(parser.getCurrentLocation(),
                          "expected 'true' or 'false'");
}

FailureOr<SmallVector<int64_t>>
mlir::mcuq::parseShapeParameter(AsmParser &parser) {
  SmallVector<int64_t> shape;
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
        return parser.parseInteger(shape.emplace_back());
      }))
    return failure();
  return shape;
}

void mlir::mcuq::printShapeParameter(AsmPrinter &printer,
                                     ArrayRef<int64_t> shape) {
  printer << '[';
  llvm::interleaveComma(shape, printer);
  printer << ']';
}

int64_t PortAttr::getElementBytes() const {
  return std::max<int64_t>(1, getElement().getIntOrFloatBitWidth() / 8);
}

int64_t PortAttr::getBytes() const {
  int64_t n = getElementBytes();
  for (int64_t d : getShape())
    n *= d;
  return n;
}

LogicalResult MCUQDialect::verifyOperationAttribute(Operation *op,
                                                    NamedAttribute attr) {
  StringRef name = attr.getName().strref();
  Attribute value = attr.getValue();
  auto expect = [&](bool ok, StringRef what) -> LogicalResult {
    if (ok)
      return success();
    return op->emitError("'")
           << name << "' must be " << what << ", got " << value;
  };
  if (name == TargetAttrHelper::getNameStr())
    return expect(isa<TargetAttr>(value), "a #mcuq.target");
  if (name == InterfaceAttrHelper::getNameStr())
    return expect(isa<InterfaceAttr>(value), "a #mcuq.interface");
  if (name == ArenaPlanAttrHelper::getNameStr())
    return expect(isa<ArenaPlanAttr>(value), "a #mcuq.arena_plan");
  if (name == SourceAttrHelper::getNameStr() ||
      name == DescriptionAttrHelper::getNameStr())
    return expect(isa<StringAttr>(value), "a string");
  return op->emitError("unknown attribute '") << name << "'";
}

Operation *MCUQDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  // Folded scalar fixed-point steps are plain integers.
  if (auto integer = dyn_cast<IntegerAttr>(value))
    return arith::ConstantOp::create(builder, loc, type, integer);
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements)
    return nullptr;
  return ConstOp::create(builder, loc, type, elements);
}
