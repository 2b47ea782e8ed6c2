//===- FixedPoint.h - TFLite's integer arithmetic, evaluated ----*- C++ -*-===//
//
// Scalar implementations of the fixed-point arithmetic that TFLite's reference
// kernels perform (docs/spec.md, whose section numbers are cited below). The
// compiler uses them to derive multipliers and shifts, to fold constants and
// to build lookup tables at compile time; the generated code computes the
// same functions with `arith` ops (FixedPointBuilder in the lowering).
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_SUPPORT_FIXEDPOINT_H
#define MCUQ_SUPPORT_FIXEDPOINT_H

#include <array>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace mcuq::fixedpoint {

/// A real multiplier as `multiplier * 2^(shift - 31)`, `multiplier` in
/// [2^30, 2^31) or 0; `shift` > 0 means a left shift.
struct QuantizedMultiplier {
  int32_t multiplier = 0;
  int32_t shift = 0;
  bool operator==(const QuantizedMultiplier &o) const {
    return multiplier == o.multiplier && shift == o.shift;
  }
};

/// TFLite's QuantizeMultiplier (spec 1.1): frexp, mantissa rounded half away
/// from zero, 2^31 fix-up, flush below 2^-32.
QuantizedMultiplier quantizeMultiplier(double real);

/// TFLite's QuantizedMeanOrSum multiplier for the mean of `n` elements with
/// `ratio` = input scale / output scale: the quantized multiplier divided
/// by n, with as many bits folded into it as keep the division exact enough.
/// `shift` > 31 (a ratio far above 1) has no int32 implementation.
QuantizedMultiplier meanMultiplier(double ratio, int64_t n);

/// The int8 LOGISTIC/TANH derivation (spec 9.3): frexp without fix-ups.
QuantizedMultiplier frexpMultiplier(double real);

/// C `round` (ties away from zero) in float, then cast: `(int32)roundf(x)`.
int32_t roundToInt32(float x);

//===----------------------------------------------------------------------===//
// Integer primitives (spec 2)
//===----------------------------------------------------------------------===//

int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b);
int32_t roundingDivideByPOT(int32_t x, int exponent);
/// Double-rounding MultiplyByQuantizedMultiplier on int32 (spec 2.3).
int32_t multiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift);
/// The int64-input form of the 16x8 kernels (spec 2.4).
int32_t multiplyByQuantizedMultiplier64(int64_t x, int32_t multiplier,
                                        int shift);
int32_t saturatingRoundingMultiplyByPOT(int32_t x, int exponent);
int32_t roundingHalfSum(int32_t a, int32_t b);

//===----------------------------------------------------------------------===//
// gemmlowp fixed point (spec 3)
//===----------------------------------------------------------------------===//

int32_t expOnNegativeValues(int32_t a, int integerBits);
int32_t oneOverOnePlusX(int32_t a);
int32_t oneMinusXOverOnePlusX(int32_t a);
int32_t logistic(int32_t a, int integerBits);
int32_t tanh(int32_t a, int integerBits);
/// Returns (Q0.31 reciprocal scale, num_bits_over_unit) of TFLite's
/// GetReciprocal.
std::pair<int32_t, int32_t> getReciprocal(int32_t x, int integerDigits);
int32_t calculateInputRadius(int integerBits, int leftShift,
                             int totalSignedBits = 31);
QuantizedMultiplier preprocessSoftmaxScaling(double beta, double inputScale,
                                             int integerBits);
/// TFLite's CheckedLog2 in float: (rounded log2, is a power of two).
std::pair<int, bool> checkedLog2(float x);

//===----------------------------------------------------------------------===//
// int16 table activations (spec 4)
//===----------------------------------------------------------------------===//

/// TFLite's tuned sigmoid(i/24) table in unsigned Q0.16.
extern const std::array<uint16_t, 256> kSigmoidTableU16;

int16_t logisticInt16(int16_t x, int32_t multiplier, int32_t leftShift);
int16_t tanhInt16(int16_t x, int32_t multiplier, int32_t leftShift);
/// TFLite's 513-entry gen_lut, every step in float.
std::vector<int16_t> genLutInt16(const std::function<float(float)> &f,
                                 float inMin, float inMax, float outMin,
                                 float outMax);
int16_t lutLookupInt16(int16_t value, const std::vector<int16_t> &lut);

} // namespace mcuq::fixedpoint

#endif // MCUQ_SUPPORT_FIXEDPOINT_H
