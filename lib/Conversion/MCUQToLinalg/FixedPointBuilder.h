//===- FixedPointBuilder.h - TFLite arithmetic as arith ops -----*- C++ -*-===//
//
// Emits the integer primitives of docs/spec.md section 2 as `arith` ops (and
// the doubling high multiply as mcuq.doubling_high_mul), for use inside
// linalg.generic bodies. Operands that are compile-time constants
// (multipliers, shifts) fold to the short forms of each primitive.
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_LIB_CONVERSION_MCUQTOLINALG_FIXEDPOINTBUILDER_H
#define MCUQ_LIB_CONVERSION_MCUQTOLINALG_FIXEDPOINTBUILDER_H

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

namespace mlir::mcuq {

class FixedPointBuilder {
public:
  FixedPointBuilder(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  Value i32(int64_t v) { return intConst(b.getI32Type(), v); }
  Value i64(int64_t v) { return intConst(b.getI64Type(), v); }
  Value intConst(Type type, int64_t v) {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, v));
  }

  /// Sign-extends or truncates an integer to `type`.
  Value castInt(Value v, Type type);
  Value clamp(Value v, int64_t lo, int64_t hi);

  /// round(a * b / 2^31), ties up, saturating (spec 2.1), as
  /// mcuq.doubling_high_mul (kernel generation maps it to an instruction,
  /// convert-mcuq-to-arith expands it). Pass `bNonNegative` when `b` cannot
  /// be INT32_MIN (e.g. a requantize multiplier): the expansion then needs no
  /// saturation check.
  Value srdhm(Value a, Value b, bool bNonNegative = false);
  /// round(x / 2^e), ties away from zero (spec 2.2); `e` an i32 value.
  Value roundingDivideByPOT(Value x, Value exponent);
  Value roundingDivideByPOT(Value x, int exponent);
  /// The same for exponents e >= 1 when |x| + 2^(e-1) cannot overflow:
  /// (x + 2^(e-1) - (x < 0)) >> e computed as (((x - (x < 0)) >> (e-1)) + 1)
  /// >> 1, which takes `exponentMinusOne` (e - 1) and no nudge value.
  Value roundingDivideByPOTNoOverflow(Value x, Value exponentMinusOne);
  /// Double-rounding MultiplyByQuantizedMultiplier (spec 2.3) with per-element
  /// multiplier and shift values (shift > 0 left).
  Value multiplyByQuantizedMultiplier(Value x, Value multiplier, Value shift);
  /// The same with compile-time multiplier and shift.
  Value multiplyByQuantizedMultiplier(Value x, int32_t multiplier, int shift);
  /// The 16x8 form on an i64 accumulator (spec 2.4).
  Value multiplyByQuantizedMultiplier64(Value x, int32_t multiplier, int shift);
  Value multiplyByQuantizedMultiplier64(Value x, Value multiplier, Value shift);
  /// gemmlowp SaturatingRoundingMultiplyByPOT with a constant exponent.
  Value saturatingRoundingMultiplyByPOT(Value x, int exponent);
  /// The rescale of `mcuq.requantize` for one element (without offsets).
  Value rescale(Value x, Value multiplier, Value shift, RoundingMode rounding);
  Value rescale(Value x, int32_t multiplier, int shift, RoundingMode rounding);

  // gemmlowp fixed point (spec 3), on i32 raws.
  Value expOnNegativeValues(Value a, int integerBits);
  Value oneOverOnePlusX(Value a);
  Value roundingHalfSum(Value a, Value b);
  /// TFLite's GetReciprocal: returns {scale, num_bits_over_unit}.
  std::pair<Value, Value> getReciprocal(Value x, int integerDigits);

  /// TFLite's int16 LOGISTIC / TANH kernels (spec 4.2, 4.3) on an i16
  /// value; `table` is kSigmoidTableU16 as a tensor<256xi32>.
  Value logisticInt16(Value x, int32_t multiplier, int32_t leftShift,
                      Value table);
  Value tanhInt16(Value x, int32_t multiplier, int32_t leftShift, Value table);
  /// kSigmoidTableU16 as a constant tensor<256xi32>.
  Value sigmoidTable();
  /// TFLite's LUTLookup on a 513-entry generated table (spec 4.4): `x` an
  /// i32 holding an int16 value, `table` a tensor<513xi16>; returns i32.
  Value lutLookupInt16(Value x, Value table);

  OpBuilder &builder() { return b; }
  Location getLoc() const { return loc; }

private:
  OpBuilder &b;
  Location loc;
};

} // namespace mlir::mcuq

#endif // MCUQ_LIB_CONVERSION_MCUQTOLINALG_FIXEDPOINTBUILDER_H
