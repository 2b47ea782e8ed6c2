//===- QuantTypeUtils.h - Queries on quantized types ------------*- C++ -*-===//
//
// Uniform access to per-tensor and per-axis `!quant.uniform` types, used by
// verifiers, the importer and the lowering.
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_DIALECT_MCUQ_IR_QUANTTYPEUTILS_H
#define MCUQ_DIALECT_MCUQ_IR_QUANTTYPEUTILS_H

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::mcuq {

/// The `!quant.uniform` element type of `type` (a tensor or an element
/// type), or null.
quant::QuantizedType getQuantElementType(Type type);

/// True for a per-axis quantized element type.
bool isPerAxis(Type type);

/// Storage bit width of a quantized element type (8 for i8, ...); for plain
/// integers their width.
unsigned getStorageBits(Type type);

/// Scales of a quantized element type: one entry, or one per channel.
llvm::SmallVector<double> getScales(Type type);

/// Zero points of a quantized element type: one entry, or one per channel.
llvm::SmallVector<int64_t> getZeroPoints(Type type);

/// The zero point of a per-tensor type (first entry for per-axis types).
int64_t getZeroPoint(Type type);

/// The scale of a per-tensor type (first entry for per-axis types).
double getScale(Type type);

/// Storage range of a quantized or integer element type.
int64_t getStorageMin(Type type);
int64_t getStorageMax(Type type);

/// The signless integer type matching the storage of `type`'s elements.
IntegerType getStorageIntType(Type type);

/// `type` with its quantized elements replaced by their signless storage.
Type toStorageType(Type type);

/// True when two scales agree within the relative tolerance TFLite accepts.
bool scalesAgree(double a, double b, double relTol = 1e-5);

/// TFLite's CalculateActivationRangeQuantized for the quantized element type
/// `outType`: the stored bounds of `act` (spec 1.3). Fails for activations
/// that have no clamp (tanh, sign_bit).
FailureOr<std::pair<int32_t, int32_t>> getActivationRange(Activation act,
                                                          Type outType);

} // namespace mlir::mcuq

#endif // MCUQ_DIALECT_MCUQ_IR_QUANTTYPEUTILS_H
