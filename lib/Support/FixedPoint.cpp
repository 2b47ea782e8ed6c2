//===- FixedPoint.cpp - TFLite's integer arithmetic, evaluated ------------===//

#include "mcuq/Support/FixedPoint.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mcuq::fixedpoint;

static constexpr int32_t kInt32Max = std::numeric_limits<int32_t>::max();
static constexpr int32_t kInt32Min = std::numeric_limits<int32_t>::min();

QuantizedMultiplier mcuq::fixedpoint::quantizeMultiplier(double real) {
  if (real == 0.0)
    return {0, 0};
  int shift = 0;
  double q = std::frexp(real, &shift);
  auto qFixed = static_cast<int64_t>(std::round(q * (1LL << 31)));
  if (qFixed == (1LL << 31)) {
    qFixed /= 2;
    ++shift;
  }
  if (shift < -31)
    return {0, 0};
  return {static_cast<int32_t>(qFixed), shift};
}

QuantizedMultiplier mcuq::fixedpoint::meanMultiplier(double ratio, int64_t n) {
  QuantizedMultiplier q = quantizeMultiplier(ratio);
  if (n <= 0 || q.multiplier == 0)
    return {0, 0};
  int clz64 = __builtin_clzll(static_cast<uint64_t>(n));
  int fold = std::max(0, std::min({63 - clz64, 32, 31 + q.shift}));
  return {
      static_cast<int32_t>((static_cast<int64_t>(q.multiplier) << fold) / n),
      q.shift - fold};
}

QuantizedMultiplier mcuq::fixedpoint::frexpMultiplier(double real) {
  int shift = 0;
  double q = std::frexp(real, &shift);
  return {static_cast<int32_t>(std::round(q * (1LL << 31))), shift};
}

int32_t mcuq::fixedpoint::roundToInt32(float x) {
  return static_cast<int32_t>(std::round(x));
}

int32_t mcuq::fixedpoint::saturatingRoundingDoublingHighMul(int32_t a,
                                                            int32_t b) {
  if (a == kInt32Min && b == kInt32Min)
    return kInt32Max;
  int64_t p = static_cast<int64_t>(a) * b;
  int64_t nudge = p >= 0 ? (1LL << 30) : (1 - (1LL << 30));
  return static_cast<int32_t>((p + nudge) / (1LL << 31));
}

int32_t mcuq::fixedpoint::roundingDivideByPOT(int32_t x, int exponent) {
  int32_t mask = static_cast<int32_t>((1LL << exponent) - 1);
  int32_t remainder = x & mask;
  int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

int32_t mcuq::fixedpoint::multiplyByQuantizedMultiplier(int32_t x,
                                                        int32_t multiplier,
                                                        int shift) {
  int left = shift > 0 ? shift : 0;
  int right = shift > 0 ? 0 : -shift;
  // The left shift is an int32 product in TFLite: it wraps.
  auto shifted = static_cast<int32_t>(static_cast<uint32_t>(x) << left);
  return roundingDivideByPOT(
      saturatingRoundingDoublingHighMul(shifted, multiplier), right);
}

int32_t mcuq::fixedpoint::multiplyByQuantizedMultiplier64(int64_t x,
                                                          int32_t multiplier,
                                                          int shift) {
  int32_t reduced =
      multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  int totalShift = 15 - shift;
  int64_t v = x * reduced + (static_cast<int64_t>(1) << (totalShift - 1));
  return static_cast<int32_t>(v >> totalShift);
}

int32_t mcuq::fixedpoint::saturatingRoundingMultiplyByPOT(int32_t x,
                                                          int exponent) {
  if (exponent == 0)
    return x;
  if (exponent < 0)
    return roundingDivideByPOT(x, -exponent);
  int32_t threshold = static_cast<int32_t>((1LL << (31 - exponent)) - 1);
  if (x > threshold)
    return kInt32Max;
  if (x < -threshold)
    return kInt32Min;
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

int32_t mcuq::fixedpoint::roundingHalfSum(int32_t a, int32_t b) {
  int64_t sum = static_cast<int64_t>(a) + b;
  return static_cast<int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

//===----------------------------------------------------------------------===//
// gemmlowp fixed point
//===----------------------------------------------------------------------===//

static int32_t srdhm(int32_t a, int32_t b) {
  return saturatingRoundingDoublingHighMul(a, b);
}

static int32_t wrapAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) +
                              static_cast<uint32_t>(b));
}

static int32_t wrapSub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) -
                              static_cast<uint32_t>(b));
}

// exp(a) for a in [-1/4, 0): Taylor expansion around -1/8 (spec 3.1).
static int32_t expOnInterval(int32_t a) {
  const int32_t constantTerm = 1895147668;
  const int32_t oneThird = 715827883;
  int32_t x = wrapAdd(a, 1 << 28);
  int32_t x2 = srdhm(x, x);
  int32_t x3 = srdhm(x2, x);
  int32_t x4 = srdhm(x2, x2);
  int32_t x4Over4 = saturatingRoundingMultiplyByPOT(x4, -2);
  int32_t t = saturatingRoundingMultiplyByPOT(
      wrapAdd(srdhm(wrapAdd(x4Over4, x3), oneThird), x2), -1);
  return wrapAdd(constantTerm, srdhm(constantTerm, wrapAdd(x, t)));
}

int32_t mcuq::fixedpoint::expOnNegativeValues(int32_t a, int integerBits) {
  int fracBits = 31 - integerBits;
  int32_t quarter = 1 << (fracBits - 2);
  int32_t r = wrapSub(a & (quarter - 1), quarter);
  int32_t result =
      expOnInterval(saturatingRoundingMultiplyByPOT(r, integerBits));
  int32_t remainder = wrapSub(r, a);
  static const std::pair<int, int32_t> barrel[] = {
      {-2, 1672461947}, {-1, 1302514674}, {0, 790015084}, {1, 290630308},
      {2, 39332535},    {3, 720401},      {4, 242}};
  for (auto [exponent, multiplier] : barrel) {
    if (integerBits > exponent) {
      int shiftAmount = fracBits + exponent;
      if ((remainder >> shiftAmount) & 1)
        result = srdhm(result, multiplier);
    }
  }
  if (integerBits > 5 && a < -(1 << (36 - integerBits)))
    result = 0;
  if (a == 0)
    result = kInt32Max;
  return result;
}

// 1 / ((1 + a) / 2) in Q2.29 after three Newton-Raphson steps (spec 3.3).
static int32_t newtonReciprocal(int32_t a) {
  int32_t half = roundingHalfSum(a, kInt32Max);
  int32_t x = wrapAdd(1515870810, srdhm(half, -1010580540));
  for (int i = 0; i < 3; ++i) {
    int32_t oneMinus = wrapSub(1 << 29, srdhm(half, x));
    x = wrapAdd(x, saturatingRoundingMultiplyByPOT(srdhm(x, oneMinus), 2));
  }
  return x;
}

int32_t mcuq::fixedpoint::oneOverOnePlusX(int32_t a) {
  return saturatingRoundingMultiplyByPOT(newtonReciprocal(a), 1);
}

int32_t mcuq::fixedpoint::oneMinusXOverOnePlusX(int32_t a) {
  return saturatingRoundingMultiplyByPOT(wrapSub(newtonReciprocal(a), 1 << 29),
                                         2);
}

int32_t mcuq::fixedpoint::logistic(int32_t a, int integerBits) {
  if (a == 0)
    return 1 << 30;
  bool positive = a > 0;
  int32_t absInput = positive ? a : wrapSub(0, a);
  int32_t p =
      oneOverOnePlusX(expOnNegativeValues(wrapSub(0, absInput), integerBits));
  return positive ? p : wrapSub(kInt32Max, p);
}

int32_t mcuq::fixedpoint::tanh(int32_t a, int integerBits) {
  if (a == 0)
    return 0;
  bool negative = a < 0;
  int32_t n = negative ? a : wrapSub(0, a);
  int32_t t = oneMinusXOverOnePlusX(expOnNegativeValues(n, integerBits + 1));
  return negative ? wrapSub(0, t) : t;
}

std::pair<int32_t, int32_t> mcuq::fixedpoint::getReciprocal(int32_t x,
                                                            int integerDigits) {
  auto ux = static_cast<uint32_t>(x);
  int headroomPlusOne = ux == 0 ? 32 : __builtin_clz(ux);
  int32_t numBitsOverUnit = integerDigits - headroomPlusOne;
  uint32_t shifted = headroomPlusOne >= 32 ? 0 : ux << headroomPlusOne;
  auto shiftedMinusOne =
      static_cast<int32_t>(shifted - (static_cast<uint32_t>(1) << 31));
  return {oneOverOnePlusX(shiftedMinusOne), numBitsOverUnit};
}

int32_t mcuq::fixedpoint::calculateInputRadius(int integerBits, int leftShift,
                                               int totalSignedBits) {
  double maxRescaled = 1.0 * ((1 << integerBits) - 1) *
                       (1LL << (totalSignedBits - integerBits)) /
                       (1LL << leftShift);
  return static_cast<int32_t>(std::floor(maxRescaled));
}

QuantizedMultiplier
mcuq::fixedpoint::preprocessSoftmaxScaling(double beta, double inputScale,
                                           int integerBits) {
  double real = std::min(beta * inputScale * (1LL << (31 - integerBits)),
                         static_cast<double>(kInt32Max));
  return quantizeMultiplier(real);
}

std::pair<int, bool> mcuq::fixedpoint::checkedLog2(float x) {
  float log2 = static_cast<float>(std::log(static_cast<double>(x))) *
               (1.0f / static_cast<float>(std::log(2.0)));
  float rounded = std::round(log2);
  return {static_cast<int>(rounded), std::fabs(log2 - rounded) < 1e-3f};
}

//===----------------------------------------------------------------------===//
// int16 table activations
//===----------------------------------------------------------------------===//

const std::array<uint16_t, 256> mcuq::fixedpoint::kSigmoidTableU16 = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498,
    40149, 40794, 41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255,
    46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409, 51865,
    52311, 52745, 53169, 53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174,
    56503, 56823, 57133, 57433, 57724, 58007, 58280, 58544, 58800, 59048, 59288,
    59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110, 61279, 61441,
    61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886,
    62990, 63090, 63186, 63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835,
    63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450,
    64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786, 64816, 64845,
    64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079, 65097,
    65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234, 65246, 65258,
    65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360,
    65367, 65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425,
    65429, 65433, 65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465,
    65468, 65471, 65474, 65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491,
    65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504, 65505, 65507, 65508,
    65509, 65510, 65511, 65512, 65513, 65514, 65515, 65516, 65517, 65517, 65518,
    65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524, 65525,
    65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529,
    65529, 65529, 65530, 65530, 65530, 65530, 65531, 65531, 65531, 65531, 65531,
    65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533, 65533, 65533,
    65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534,
    65534, 65534, 65535};

/// Scales the int16 input into the table's domain (spec 4.2/4.3).
static int32_t scaleTableInput(int16_t x, int32_t multiplier,
                               int32_t leftShift) {
  if (multiplier == 0) {
    multiplier = 3 << leftShift;
    leftShift = 0;
  }
  int32_t round = leftShift > 0 ? 1 << (leftShift - 1) : 0;
  auto product = static_cast<int32_t>(static_cast<uint32_t>(x) *
                                          static_cast<uint32_t>(multiplier) +
                                      static_cast<uint32_t>(round));
  return product >> leftShift;
}

int16_t mcuq::fixedpoint::logisticInt16(int16_t x, int32_t multiplier,
                                        int32_t leftShift) {
  int32_t v = scaleTableInput(x, multiplier, leftShift);
  uint32_t a = static_cast<uint32_t>(v >= 0 ? v : -v);
  uint32_t uh = a >> 9;
  uint32_t res;
  if (uh >= 255) {
    res = 0x7FFFu << 10;
  } else {
    uint32_t ua = kSigmoidTableU16[uh], ub = kSigmoidTableU16[uh + 1];
    res = (ua << 9) + (a & 0x1FF) * (ub - ua);
  }
  res = v >= 0 ? res + (1u << 9) : (1u << 25) - res + (1u << 9) - 1;
  return static_cast<int16_t>(res >> 10);
}

int16_t mcuq::fixedpoint::tanhInt16(int16_t x, int32_t multiplier,
                                    int32_t leftShift) {
  int32_t v = scaleTableInput(x, multiplier, leftShift);
  uint32_t a = static_cast<uint32_t>(v >= 0 ? v : -v);
  uint32_t uh = a >> 8;
  int32_t res;
  if (uh >= 255) {
    res = static_cast<int32_t>(0xFFFFu << 8);
  } else {
    uint32_t ua = kSigmoidTableU16[uh], ub = kSigmoidTableU16[uh + 1];
    res = static_cast<int32_t>((ua << 8) + (a & 0xFF) * (ub - ua));
  }
  res = v >= 0 ? res - (1 << 23) + (1 << 7) : -res + (1 << 23) + (1 << 7) - 1;
  return static_cast<int16_t>(res >> 8);
}

std::vector<int16_t>
mcuq::fixedpoint::genLutInt16(const std::function<float(float)> &f, float inMin,
                              float inMax, float outMin, float outMax) {
  const int steps = 512;
  float step = (inMax - inMin) / static_cast<float>(steps);
  float halfStep = step / 2.0f;
  float scalingInv = 65536.0f / (outMax - outMin);
  auto clampTable = [](float v) {
    return static_cast<int16_t>(std::min(std::max(v, -32768.0f), 32767.0f));
  };
  std::vector<int16_t> lut(steps + 1);
  for (int i = 0; i < steps; ++i) {
    float x0 = inMin + static_cast<float>(i) * step;
    float val = f(x0);
    float valMid = f(x0 + halfStep);
    float valNext = f(inMin + static_cast<float>(i + 1) * step);
    float sample = std::round(val * scalingInv);
    float interp = std::round((valNext * scalingInv + sample) / 2.0f);
    float mid = std::round(valMid * scalingInv);
    float bias = std::round((interp - mid) / 2.0f);
    lut[i] = clampTable(sample - bias);
  }
  lut[steps] = clampTable(std::round(f(inMax) * scalingInv));
  return lut;
}

int16_t mcuq::fixedpoint::lutLookupInt16(int16_t value,
                                         const std::vector<int16_t> &lut) {
  int index = 256 + (value >> 7);
  int offset = value & 0x7F;
  int32_t base = lut[index];
  int32_t slope = lut[index + 1] - base;
  return static_cast<int16_t>(base + ((slope * offset + 64) >> 7));
}
