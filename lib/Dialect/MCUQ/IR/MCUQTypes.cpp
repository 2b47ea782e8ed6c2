//===- MCUQTypes.cpp - mcuq types -----------------------------------------===//

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::mcuq;

#define GET_TYPEDEF_CLASSES
#include "mcuq/Dialect/MCUQ/IR/MCUQTypes.cpp.inc"

void MCUQDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "mcuq/Dialect/MCUQ/IR/MCUQTypes.cpp.inc"
      >();
}

/// Bit width of a packable element: a narrow integer or a quantized type with
/// narrow storage; 0 for anything else.
static unsigned getPackableBits(Type type) {
  if (auto q = dyn_cast<quant::QuantizedType>(type))
    return q.getStorageTypeIntegralWidth();
  if (auto i = dyn_cast<IntegerType>(type))
    return i.getWidth();
  return 0;
}

unsigned PackedType::getElementBits() const {
  return getPackableBits(getElementType());
}

int64_t PackedType::getNumWords() const {
  int64_t bits = getShape()[getAxis()] * getElementBits();
  return (bits + getWordBits() - 1) / getWordBits();
}

RankedTensorType PackedType::getStorageType() const {
  SmallVector<int64_t> shape(getShape());
  shape[getAxis()] = getNumWords();
  return RankedTensorType::get(shape,
                               IntegerType::get(getContext(), getWordBits()));
}

LogicalResult PackedType::verify(function_ref<InFlightDiagnostic()> emitError,
                                 ArrayRef<int64_t> shape, Type elementType,
                                 unsigned axis, unsigned wordBits) {
  if (shape.empty())
    return emitError() << "packed type needs at least one dimension";
  for (int64_t dim : shape)
    if (dim <= 0)
      return emitError() << "packed type dimensions must be static and "
                            "positive, got "
                         << dim;
  if (axis >= shape.size())
    return emitError() << "packing axis " << axis
                       << " is out of range for rank " << shape.size();
  unsigned bits = getPackableBits(elementType);
  if (bits != 1 && bits != 2 && bits != 4)
    return emitError()
           << "packed element type must be 1, 2 or 4 bits wide, got "
           << elementType;
  if (wordBits != 8 && wordBits != 16 && wordBits != 32)
    return emitError() << "packing word must be 8, 16 or 32 bits, got "
                       << wordBits;
  return success();
}

// !mcuq.packed<1x8x8x64xi1, axis = 3, word = 32>
Type PackedType::parse(AsmParser &parser) {
  SmallVector<int64_t> shape;
  Type elementType;
  unsigned axis = 0, wordBits = 0;
  if (parser.parseLess() ||
      parser.parseDimensionList(shape, /*allowDynamic=*/false,
                                /*withTrailingX=*/true) ||
      parser.parseType(elementType) || parser.parseComma() ||
      parser.parseKeyword("axis") || parser.parseEqual() ||
      parser.parseInteger(axis) || parser.parseComma() ||
      parser.parseKeyword("word") || parser.parseEqual() ||
      parser.parseInteger(wordBits) || parser.parseGreater())
    return {};
  return PackedType::getChecked(
      [&] { return parser.emitError(parser.getNameLoc()); },
      parser.getContext(), shape, elementType, axis, wordBits);
}

void PackedType::print(AsmPrinter &printer) const {
  printer << "<";
  for (int64_t dim : getShape())
    printer << dim << "x";
  printer << getElementType() << ", axis = " << getAxis()
          << ", word = " << getWordBits() << ">";
}
