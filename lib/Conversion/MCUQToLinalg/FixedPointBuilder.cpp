//===- FixedPointBuilder.cpp - TFLite arithmetic as arith ops -------------===//

#include "FixedPointBuilder.h"

#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"

#include "mcuq/Support/FixedPoint.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::mcuq;

static std::optional<int64_t> constantInt(Value v) {
  APInt value;
  if (matchPattern(v, m_ConstantInt(&value)))
    return value.getSExtValue();
  return std::nullopt;
}

Value FixedPointBuilder::castInt(Value v, Type type) {
  unsigned from = v.getType().getIntOrFloatBitWidth();
  unsigned to = type.getIntOrFloatBitWidth();
  if (from == to)
    return v;
  if (from < to)
    return arith::ExtSIOp::create(b, loc, type, v);
  return arith::TruncIOp::create(b, loc, type, v);
}

Value FixedPointBuilder::clamp(Value v, int64_t lo, int64_t hi) {
  Type type = v.getType();
  unsigned bits = type.getIntOrFloatBitWidth();
  int64_t typeMin = bits >= 64 ? INT64_MIN : -(int64_t(1) << (bits - 1));
  int64_t typeMax = bits >= 64 ? INT64_MAX : (int64_t(1) << (bits - 1)) - 1;
  if (lo > typeMin)
    v = arith::MaxSIOp::create(b, loc, v, intConst(type, lo));
  if (hi < typeMax)
    v = arith::MinSIOp::create(b, loc, v, intConst(type, hi));
  return v;
}

Value FixedPointBuilder::srdhm(Value a, Value bv, bool bNonNegative) {
  // An op until kernel generation has chosen its instruction
  // (convert-mcuq-to-arith expands it afterwards).
  auto op = DoublingHighMulOp::create(b, loc, a, bv);
  op.setRhsNotMin(bNonNegative);
  return op;
}

Value FixedPointBuilder::roundingDivideByPOT(Value x, Value exponent) {
  if (std::optional<int64_t> e = constantInt(exponent))
    return roundingDivideByPOT(x, static_cast<int>(*e));
  Type type = x.getType();
  Value one = intConst(type, 1);
  Value mask = arith::SubIOp::create(
      b, loc, arith::ShLIOp::create(b, loc, one, exponent), one);
  Value remainder = arith::AndIOp::create(b, loc, x, mask);
  Value negative = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x,
                                         intConst(type, 0));
  Value threshold =
      arith::AddIOp::create(b, loc, arith::ShRSIOp::create(b, loc, mask, one),
                            arith::ExtUIOp::create(b, loc, type, negative));
  Value roundUp = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                        remainder, threshold);
  return arith::AddIOp::create(b, loc,
                               arith::ShRSIOp::create(b, loc, x, exponent),
                               arith::ExtUIOp::create(b, loc, type, roundUp));
}

Value FixedPointBuilder::roundingDivideByPOT(Value x, int exponent) {
  if (exponent == 0)
    return x;
  Type type = x.getType();
  int64_t mask = (int64_t(1) << exponent) - 1;
  Value remainder = arith::AndIOp::create(b, loc, x, intConst(type, mask));
  Value negative = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x,
                                         intConst(type, 0));
  Value threshold =
      arith::AddIOp::create(b, loc, intConst(type, mask >> 1),
                            arith::ExtUIOp::create(b, loc, type, negative));
  Value roundUp = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                        remainder, threshold);
  return arith::AddIOp::create(
      b, loc, arith::ShRSIOp::create(b, loc, x, intConst(type, exponent)),
      arith::ExtUIOp::create(b, loc, type, roundUp));
}

Value FixedPointBuilder::roundingDivideByPOTNoOverflow(Value x,
                                                       Value exponentMinusOne) {
  // Ties go away from zero: a negative x gives up one unit of the nudge
  // 2^(e-1). floor((y + 2^(e-1)) / 2^e) = (floor(y / 2^(e-1)) + 1) >> 1, so
  // the nudge needs no table of its own.
  Type type = x.getType();
  Value sign = arith::ShRUIOp::create(b, loc, x, intConst(type, 31));
  Value y = arith::SubIOp::create(b, loc, x, sign);
  Value half = arith::ShRSIOp::create(b, loc, y, exponentMinusOne);
  return arith::ShRSIOp::create(
      b, loc, arith::AddIOp::create(b, loc, half, intConst(type, 1)),
      intConst(type, 1));
}

Value FixedPointBuilder::multiplyByQuantizedMultiplier(Value x,
                                                       Value multiplier,
                                                       Value shift) {
  std::optional<int64_t> m = constantInt(multiplier), s = constantInt(shift);
  if (m && s)
    return multiplyByQuantizedMultiplier(x, static_cast<int32_t>(*m),
                                         static_cast<int>(*s));
  Value zero = i32(0);
  Value left = arith::MaxSIOp::create(b, loc, shift, zero);
  Value right = arith::MaxSIOp::create(
      b, loc, arith::SubIOp::create(b, loc, zero, shift), zero);
  Value shifted = arith::ShLIOp::create(b, loc, x, left);
  return roundingDivideByPOT(srdhm(shifted, multiplier, true), right);
}

Value FixedPointBuilder::multiplyByQuantizedMultiplier(Value x,
                                                       int32_t multiplier,
                                                       int shift) {
  if (multiplier == 0)
    return i32(0);
  int left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
  if (left)
    x = arith::ShLIOp::create(b, loc, x, i32(left));
  return roundingDivideByPOT(srdhm(x, i32(multiplier)), right);
}

Value FixedPointBuilder::multiplyByQuantizedMultiplier64(Value x,
                                                         int32_t multiplier,
                                                         int shift) {
  int32_t reduced =
      multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  int total = 15 - shift;
  Value p = arith::MulIOp::create(b, loc, x, i64(reduced));
  Value r = arith::AddIOp::create(b, loc, p, i64(int64_t(1) << (total - 1)));
  return arith::TruncIOp::create(b, loc, b.getI32Type(),
                                 arith::ShRSIOp::create(b, loc, r, i64(total)));
}

Value FixedPointBuilder::multiplyByQuantizedMultiplier64(Value x,
                                                         Value multiplier,
                                                         Value shift) {
  std::optional<int64_t> m = constantInt(multiplier), s = constantInt(shift);
  if (m && s)
    return multiplyByQuantizedMultiplier64(x, static_cast<int32_t>(*m),
                                           static_cast<int>(*s));
  // reduced = m < 0x7FFF0000 ? (m + 2^15) >> 16 : 0x7FFF
  Value small = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                      multiplier, i32(0x7FFF0000));
  Value rounded = arith::ShRSIOp::create(
      b, loc, arith::AddIOp::create(b, loc, multiplier, i32(1 << 15)), i32(16));
  Value reduced = arith::SelectOp::create(b, loc, small, rounded, i32(0x7FFF));
  Value total = arith::ExtSIOp::create(
      b, loc, b.getI64Type(), arith::SubIOp::create(b, loc, i32(15), shift));
  Value p = arith::MulIOp::create(
      b, loc, x, arith::ExtSIOp::create(b, loc, b.getI64Type(), reduced));
  Value half = arith::ShLIOp::create(
      b, loc, i64(1), arith::SubIOp::create(b, loc, total, i64(1)));
  Value r = arith::AddIOp::create(b, loc, p, half);
  return arith::TruncIOp::create(b, loc, b.getI32Type(),
                                 arith::ShRSIOp::create(b, loc, r, total));
}

Value FixedPointBuilder::saturatingRoundingMultiplyByPOT(Value x,
                                                         int exponent) {
  if (exponent == 0)
    return x;
  if (exponent < 0)
    return roundingDivideByPOT(x, -exponent);
  int64_t threshold = (int64_t(1) << (31 - exponent)) - 1;
  Value shifted = arith::ShLIOp::create(b, loc, x, i32(exponent));
  Value over = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, x,
                                     i32(threshold));
  Value under = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x,
                                      i32(-threshold));
  Value r = arith::SelectOp::create(b, loc, over, i32(INT32_MAX), shifted);
  return arith::SelectOp::create(b, loc, under, i32(INT32_MIN), r);
}

Value FixedPointBuilder::rescale(Value x, Value multiplier, Value shift,
                                 RoundingMode rounding) {
  switch (rounding) {
  case RoundingMode::DoubleHighMul:
    return multiplyByQuantizedMultiplier(x, multiplier, shift);
  case RoundingMode::Reduced16:
    return multiplyByQuantizedMultiplier64(x, multiplier, shift);
  case RoundingMode::Single: {
    // (x * m + 2^(30 - shift)) >> (31 - shift), one 64-bit rounding.
    Value wx = castInt(x, b.getI64Type());
    Value wm = arith::ExtSIOp::create(b, loc, b.getI64Type(), multiplier);
    Value total = arith::ExtSIOp::create(
        b, loc, b.getI64Type(), arith::SubIOp::create(b, loc, i32(31), shift));
    Value half = arith::ShLIOp::create(
        b, loc, i64(1), arith::SubIOp::create(b, loc, total, i64(1)));
    Value p = arith::AddIOp::create(
        b, loc, arith::MulIOp::create(b, loc, wx, wm), half);
    return arith::TruncIOp::create(b, loc, b.getI32Type(),
                                   arith::ShRSIOp::create(b, loc, p, total));
  }
  }
  return x;
}

Value FixedPointBuilder::rescale(Value x, int32_t multiplier, int shift,
                                 RoundingMode rounding) {
  // Straight to the constant forms: materializing the operands first would
  // leave them behind as dead constants.
  switch (rounding) {
  case RoundingMode::DoubleHighMul:
    return multiplyByQuantizedMultiplier(x, multiplier, shift);
  case RoundingMode::Reduced16:
    return multiplyByQuantizedMultiplier64(x, multiplier, shift);
  case RoundingMode::Single:
    break;
  }
  return rescale(x, i32(multiplier), i32(shift), rounding);
}

//===----------------------------------------------------------------------===//
// gemmlowp fixed point
//===----------------------------------------------------------------------===//

Value FixedPointBuilder::roundingHalfSum(Value a, Value bv) {
  Value sum = arith::AddIOp::create(
      b, loc, arith::ExtSIOp::create(b, loc, b.getI64Type(), a),
      arith::ExtSIOp::create(b, loc, b.getI64Type(), bv));
  Value nonNegative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, sum, i64(0));
  Value adjust = arith::SelectOp::create(b, loc, nonNegative, i64(1), i64(-1));
  Value half = arith::DivSIOp::create(
      b, loc, arith::AddIOp::create(b, loc, sum, adjust), i64(2));
  return arith::TruncIOp::create(b, loc, b.getI32Type(), half);
}

Value FixedPointBuilder::oneOverOnePlusX(Value a) {
  Value half = roundingHalfSum(a, i32(INT32_MAX));
  Value x = arith::AddIOp::create(b, loc, i32(1515870810),
                                  srdhm(half, i32(-1010580540)));
  for (int i = 0; i < 3; ++i) {
    Value oneMinus =
        arith::SubIOp::create(b, loc, i32(1 << 29), srdhm(half, x));
    x = arith::AddIOp::create(
        b, loc, x, saturatingRoundingMultiplyByPOT(srdhm(x, oneMinus), 2));
  }
  return saturatingRoundingMultiplyByPOT(x, 1);
}

static Value expOnInterval(FixedPointBuilder &fb, Value a) {
  OpBuilder &b = fb.builder();
  Location loc = fb.getLoc();
  Value constantTerm = fb.i32(1895147668);
  Value x = arith::AddIOp::create(b, loc, a, fb.i32(1 << 28));
  Value x2 = fb.srdhm(x, x);
  Value x3 = fb.srdhm(x2, x);
  Value x4 = fb.srdhm(x2, x2);
  Value x4Over4 = fb.saturatingRoundingMultiplyByPOT(x4, -2);
  Value t = fb.saturatingRoundingMultiplyByPOT(
      arith::AddIOp::create(b, loc,
                            fb.srdhm(arith::AddIOp::create(b, loc, x4Over4, x3),
                                     fb.i32(715827883)),
                            x2),
      -1);
  return arith::AddIOp::create(
      b, loc, constantTerm,
      fb.srdhm(constantTerm, arith::AddIOp::create(b, loc, x, t)));
}

Value FixedPointBuilder::expOnNegativeValues(Value a, int integerBits) {
  int fracBits = 31 - integerBits;
  int32_t quarter = 1 << (fracBits - 2);
  Value r = arith::SubIOp::create(
      b, loc, arith::AndIOp::create(b, loc, a, i32(quarter - 1)), i32(quarter));
  Value result =
      expOnInterval(*this, saturatingRoundingMultiplyByPOT(r, integerBits));
  Value remainder = arith::SubIOp::create(b, loc, r, a);
  static const std::pair<int, int32_t> barrel[] = {
      {-2, 1672461947}, {-1, 1302514674}, {0, 790015084}, {1, 290630308},
      {2, 39332535},    {3, 720401},      {4, 242}};
  for (auto [exponent, multiplier] : barrel) {
    if (integerBits <= exponent)
      continue;
    int shiftAmount = fracBits + exponent;
    Value bit = arith::AndIOp::create(
        b, loc, arith::ShRSIOp::create(b, loc, remainder, i32(shiftAmount)),
        i32(1));
    Value set =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, bit, i32(0));
    result = arith::SelectOp::create(b, loc, set,
                                     srdhm(result, i32(multiplier)), result);
  }
  if (integerBits > 5) {
    Value below = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, a,
                                        i32(-(1 << (36 - integerBits))));
    result = arith::SelectOp::create(b, loc, below, i32(0), result);
  }
  Value zero =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, a, i32(0));
  return arith::SelectOp::create(b, loc, zero, i32(INT32_MAX), result);
}

std::pair<Value, Value> FixedPointBuilder::getReciprocal(Value x,
                                                         int integerDigits) {
  // clz of 0 is 32, which math.ctlz gives too.
  Value headroomPlusOne = math::CountLeadingZerosOp::create(b, loc, x);
  Value numBitsOverUnit =
      arith::SubIOp::create(b, loc, i32(integerDigits), headroomPlusOne);
  // A shift by 32 would be poison; x == 0 yields 0 like the C code's
  // (unsigned) shift on the targets TFLite runs on is not relied upon.
  Value isZero =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, i32(0));
  Value safeShift =
      arith::SelectOp::create(b, loc, isZero, i32(0), headroomPlusOne);
  Value shifted = arith::ShLIOp::create(b, loc, x, safeShift);
  Value minusOne = arith::SubIOp::create(b, loc, shifted, i32(INT32_MIN));
  return {oneOverOnePlusX(minusOne), numBitsOverUnit};
}

//===----------------------------------------------------------------------===//
// int16 table activations
//===----------------------------------------------------------------------===//

Value FixedPointBuilder::sigmoidTable() {
  auto type = RankedTensorType::get({256}, b.getI32Type());
  SmallVector<int32_t> values(::mcuq::fixedpoint::kSigmoidTableU16.begin(),
                              ::mcuq::fixedpoint::kSigmoidTableU16.end());
  return arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(type, ArrayRef<int32_t>(values)));
}

/// Shared front of both kernels: the scaled input v, |v| and the table
/// entries around |v| >> `fracBits`.
static std::tuple<Value, Value, Value, Value, Value>
tableLookup(FixedPointBuilder &fb, Value x, int32_t multiplier,
            int32_t leftShift, Value table, int fracBits) {
  OpBuilder &b = fb.builder();
  Location loc = fb.getLoc();
  if (multiplier == 0) {
    multiplier = 3 << leftShift;
    leftShift = 0;
  }
  Value v = arith::MulIOp::create(b, loc, fb.castInt(x, b.getI32Type()),
                                  fb.i32(multiplier));
  if (leftShift > 0)
    v = arith::ShRSIOp::create(
        b, loc, arith::AddIOp::create(b, loc, v, fb.i32(1 << (leftShift - 1))),
        fb.i32(leftShift));
  Value abs = math::AbsIOp::create(b, loc, v);
  Value uh = arith::ShRUIOp::create(b, loc, abs, fb.i32(fracBits));
  Value index = arith::MinSIOp::create(b, loc, uh, fb.i32(254));
  Value i0 = arith::IndexCastOp::create(b, loc, b.getIndexType(), index);
  Value i1 = arith::IndexCastOp::create(
      b, loc, b.getIndexType(),
      arith::AddIOp::create(b, loc, index, fb.i32(1)));
  Value ua = tensor::ExtractOp::create(b, loc, table, i0);
  Value ub = tensor::ExtractOp::create(b, loc, table, i1);
  return {v, abs, uh, ua, ub};
}

Value FixedPointBuilder::logisticInt16(Value x, int32_t multiplier,
                                       int32_t leftShift, Value table) {
  auto [v, abs, uh, ua, ub] =
      tableLookup(*this, x, multiplier, leftShift, table, 9);
  Value interp = arith::AddIOp::create(
      b, loc, arith::ShLIOp::create(b, loc, ua, i32(9)),
      arith::MulIOp::create(b, loc,
                            arith::AndIOp::create(b, loc, abs, i32(0x1FF)),
                            arith::SubIOp::create(b, loc, ub, ua)));
  Value saturated =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, uh, i32(255));
  Value res =
      arith::SelectOp::create(b, loc, saturated, i32(0x7FFF << 10), interp);
  Value nonNegative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, v, i32(0));
  Value pos = arith::AddIOp::create(b, loc, res, i32(1 << 9));
  Value neg = arith::SubIOp::create(b, loc, i32((1 << 25) + (1 << 9) - 1), res);
  res = arith::SelectOp::create(b, loc, nonNegative, pos, neg);
  return arith::TruncIOp::create(b, loc, b.getI16Type(),
                                 arith::ShRUIOp::create(b, loc, res, i32(10)));
}

Value FixedPointBuilder::tanhInt16(Value x, int32_t multiplier,
                                   int32_t leftShift, Value table) {
  auto [v, abs, uh, ua, ub] =
      tableLookup(*this, x, multiplier, leftShift, table, 8);
  Value interp = arith::AddIOp::create(
      b, loc, arith::ShLIOp::create(b, loc, ua, i32(8)),
      arith::MulIOp::create(b, loc,
                            arith::AndIOp::create(b, loc, abs, i32(0xFF)),
                            arith::SubIOp::create(b, loc, ub, ua)));
  Value saturated =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, uh, i32(255));
  Value res =
      arith::SelectOp::create(b, loc, saturated, i32(0xFFFF << 8), interp);
  Value nonNegative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, v, i32(0));
  Value pos = arith::AddIOp::create(b, loc, res, i32(-(1 << 23) + (1 << 7)));
  Value neg = arith::SubIOp::create(b, loc, i32((1 << 23) + (1 << 7) - 1), res);
  res = arith::SelectOp::create(b, loc, nonNegative, pos, neg);
  return arith::TruncIOp::create(b, loc, b.getI16Type(),
                                 arith::ShRSIOp::create(b, loc, res, i32(8)));
}

Value FixedPointBuilder::lutLookupInt16(Value x, Value table) {
  // The entry below x and the 7-bit interpolation towards the next one.
  Value index = arith::AddIOp::create(
      b, loc, arith::ShRSIOp::create(b, loc, x, i32(7)), i32(256));
  Value offset = arith::AndIOp::create(b, loc, x, i32(0x7F));
  auto entry = [&](Value i) {
    Value idx = arith::IndexCastOp::create(b, loc, b.getIndexType(), i);
    return castInt(tensor::ExtractOp::create(b, loc, table, idx),
                   b.getI32Type());
  };
  Value base = entry(index);
  Value next = entry(arith::AddIOp::create(b, loc, index, i32(1)));
  Value delta = arith::MulIOp::create(
      b, loc, arith::SubIOp::create(b, loc, next, base), offset);
  delta = arith::ShRSIOp::create(
      b, loc, arith::AddIOp::create(b, loc, delta, i32(64)), i32(7));
  // TFLite narrows the sum to int16, but an interpolation between two int16
  // entries never leaves their range.
  return arith::AddIOp::create(b, loc, base, delta);
}
