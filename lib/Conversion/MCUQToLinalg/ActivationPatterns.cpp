//===- ActivationPatterns.cpp - SOFTMAX, LOGISTIC, TANH to linalg ---------===//
//
// int8 nonlinearities are functions of one byte: their 256 results are
// evaluated at compile time with TFLite's own fixed-point arithmetic
// (FixedPoint.h) and the generated code looks them up. SOFTMAX keeps its
// per-row reciprocal at run time, in the same fixed point (spec 9); from
// int16 it interpolates in TFLite's generated exp and reciprocal tables.
//
//===----------------------------------------------------------------------===//

#include "FixedPointBuilder.h"
#include "LoweringUtils.h"

#include "mcuq/Conversion/MCUQToLinalg/MCUQToLinalg.h"
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"
#include "mcuq/Support/FixedPoint.h"

#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mcuq;
namespace fp = ::mcuq::fixedpoint;

namespace {

Value createTable(OpBuilder &b, Location loc, ArrayRef<int32_t> values,
                  Type elementType) {
  SmallVector<int64_t> wide(values.begin(), values.end());
  return createConstantVector(b, loc, wide, elementType);
}

/// out[i] = table[in[i] - storage_min] for an int8 input.
Value lookupInt8(OpBuilder &b, Location loc, Value input,
                 RankedTensorType outTy, Value table) {
  return mapElements(
      b, loc, outTy, input, [&](FixedPointBuilder &fb, ValueRange args) {
        OpBuilder &nb = fb.builder();
        Location l = fb.getLoc();
        Value i = arith::AddIOp::create(
            nb, l, fb.castInt(args[0], nb.getI32Type()), fb.i32(128));
        Value index = arith::IndexCastOp::create(nb, l, nb.getIndexType(), i);
        return tensor::ExtractOp::create(nb, l, table, index).getResult();
      });
}

/// LOGISTIC / TANH int8 parameters (spec 9.3): frexp of s * 2^27 without
/// TFLite's usual fix-ups.
std::pair<fp::QuantizedMultiplier, int32_t> int8TableParams(double scale) {
  fp::QuantizedMultiplier q = fp::frexpMultiplier(scale * (1 << 27));
  return {q, fp::calculateInputRadius(4, q.shift, 31)};
}

/// LOGISTIC / TANH int16 parameters (spec 9.4).
fp::QuantizedMultiplier int16TableParams(double scale, bool isTanh) {
  auto [log2, pot] = fp::checkedLog2(static_cast<float>(scale));
  int leftShift = 12 + log2;
  if (pot && (leftShift == 0 || (isTanh && leftShift == 1)))
    return {0, leftShift};
  double m = scale * 4096 * 3;
  leftShift = 0;
  while (m <= 32767.0 / 2 && leftShift <= 30) {
    ++leftShift;
    m *= 2;
  }
  return {static_cast<int32_t>(m), leftShift};
}

template <typename OpTy, bool isTanh>
struct ConvertTableActivation : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type inQ = op.getInput().getType();
    auto outTy = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(op.getOutput().getType()));
    double scale = getScale(inQ);
    if (getStorageBits(inQ) == 8) {
      auto [q, radius] = int8TableParams(scale);
      int64_t zp = getZeroPoint(inQ);
      SmallVector<int32_t> table;
      for (int32_t x = -128; x <= 127; ++x) {
        int32_t d = x - zp;
        if (d <= -radius) {
          table.push_back(-128);
        } else if (d >= radius) {
          table.push_back(127);
        } else {
          int32_t in4 =
              fp::multiplyByQuantizedMultiplier(d, q.multiplier, q.shift);
          int32_t v =
              isTanh ? fp::roundingDivideByPOT(fp::tanh(in4, 4), 24)
                     : fp::roundingDivideByPOT(fp::logistic(in4, 4), 23) - 128;
          table.push_back(std::clamp(v, -128, 127));
        }
      }
      Value lut = createTable(rewriter, loc, table, rewriter.getI8Type());
      rewriter.replaceOp(
          op, lookupInt8(rewriter, loc, adaptor.getInput(), outTy, lut));
      return success();
    }
    if (getZeroPoint(inQ) != 0)
      return op.emitOpError("int16 input must have zero point 0");
    fp::QuantizedMultiplier q = int16TableParams(scale, isTanh);
    Value result = mapElements(
        rewriter, loc, outTy, adaptor.getInput(),
        [&](FixedPointBuilder &fb, ValueRange args) {
          Value table = fb.sigmoidTable();
          return isTanh
                     ? fb.tanhInt16(args[0], q.multiplier, q.shift, table)
                     : fb.logisticInt16(args[0], q.multiplier, q.shift, table);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// SOFTMAX from int16 to int16 (spec 9.2) on a [rows, depth] tensor: exp
/// and 1 / (1 + x) through TFLite's generated 513-entry tables, evaluated at
/// compile time.
Value lowerSoftmaxInt16(OpBuilder &b, Location loc, Value input, double beta,
                        double inputScale) {
  MLIRContext *ctx = b.getContext();
  auto inTy = cast<RankedTensorType>(input.getType());
  int64_t rows = inTy.getDimSize(0);
  Type i16 = b.getI16Type(), i32 = b.getI32Type(), i64 = b.getI64Type();
  fp::QuantizedMultiplier q =
      fp::quantizeMultiplier(inputScale * beta / (10.0 / 65535.0));
  auto table = [&](const std::vector<int16_t> &lut) {
    return createConstantVector(
        b, loc, SmallVector<int64_t>(lut.begin(), lut.end()), i16);
  };
  Value expLut = table(fp::genLutInt16([](float x) { return std::exp(x); },
                                       -10.0f, 0.0f, -1.0f, 1.0f));
  Value recipLut = table(fp::genLutInt16(
      [](float x) { return 1.0f / (1.0f + x); }, 0.0f, 1.0f, -1.0f, 1.0f));

  auto rowTy = RankedTensorType::get({rows}, i32);
  AffineExpr r, c;
  bindDims(ctx, r, c);
  AffineMap full = AffineMap::get(2, 0, {r, c}, ctx);
  AffineMap row = AffineMap::get(2, 0, {r}, ctx);
  AffineMap rowOnly = b.getMultiDimIdentityMap(1);
  SmallVector<utils::IteratorType> reduce = {utils::IteratorType::parallel,
                                             utils::IteratorType::reduction};
  auto fill = [&](int64_t v) {
    Value cst = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(v));
    return linalg::FillOp::create(b, loc, cst, createEmpty(b, loc, rowTy))
        .getResult(0);
  };

  Value max =
      linalg::GenericOp::create(
          b, loc, rowTy, input, fill(-32768), ArrayRef<AffineMap>{full, row},
          reduce,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            FixedPointBuilder fb(nb, l);
            linalg::YieldOp::create(
                nb, l,
                arith::MaxSIOp::create(nb, l, args[1], fb.castInt(args[0], i32))
                    .getResult());
          })
          .getResult(0);
  // exp(x - max) in Q0.15, kept as int16 for the sum and the output.
  Value exps =
      linalg::GenericOp::create(
          b, loc, inTy, ValueRange{input, max}, createEmpty(b, loc, inTy),
          ArrayRef<AffineMap>{full, row, full}, parallelIterators(2),
          [&](OpBuilder &nb, Location l, ValueRange args) {
            FixedPointBuilder fb(nb, l);
            Value d =
                arith::SubIOp::create(nb, l, fb.castInt(args[0], i32), args[1]);
            Value scaled =
                fb.multiplyByQuantizedMultiplier(d, q.multiplier, q.shift);
            scaled = arith::AddIOp::create(nb, l, scaled, fb.i32(32767));
            Value e =
                fb.lutLookupInt16(fb.clamp(scaled, -32768, 32767), expLut);
            linalg::YieldOp::create(nb, l, fb.castInt(e, i16));
          })
          .getResult(0);
  Value sum =
      linalg::GenericOp::create(
          b, loc, rowTy, exps, fill(0), ArrayRef<AffineMap>{full, row}, reduce,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            FixedPointBuilder fb(nb, l);
            linalg::YieldOp::create(
                nb, l,
                arith::AddIOp::create(nb, l, args[1], fb.castInt(args[0], i32))
                    .getResult());
          })
          .getResult(0);
  // The sum normalized to [1, 2) as Q1.14 (0.5 + x/2, x in [0, 1)), its
  // reciprocal from the table, and the shift that undoes the normalization.
  auto reciprocal = linalg::GenericOp::create(
      b, loc, TypeRange{rowTy, rowTy}, ValueRange{sum},
      ValueRange{createEmpty(b, loc, rowTy), createEmpty(b, loc, rowTy)},
      ArrayRef<AffineMap>{rowOnly, rowOnly, rowOnly}, parallelIterators(1),
      [&](OpBuilder &nb, Location l, ValueRange args) {
        FixedPointBuilder fb(nb, l);
        Value headroomPlusOne =
            math::CountLeadingZerosOp::create(nb, l, args[0]);
        Value shift = fb.castInt(
            arith::SubIOp::create(nb, l, headroomPlusOne, fb.i32(1)), i64);
        Value shifted =
            arith::ShLIOp::create(nb, l, fb.castInt(args[0], i64), shift);
        shifted = arith::ShRSIOp::create(
            nb, l, arith::AddIOp::create(nb, l, shifted, fb.i64(1 << 13)),
            fb.i64(14));
        Value x = arith::SubIOp::create(nb, l, fb.castInt(shifted, i32),
                                        fb.i32(3 << 15));
        Value recip = fb.lutLookupInt16(fb.clamp(x, -32768, 32767), recipLut);
        Value rightShift =
            arith::SubIOp::create(nb, l, fb.i32(31), headroomPlusOne);
        linalg::YieldOp::create(nb, l, ValueRange{recip, rightShift});
      });
  return linalg::GenericOp::create(
             b, loc, inTy,
             ValueRange{exps, reciprocal.getResult(0), reciprocal.getResult(1)},
             createEmpty(b, loc, inTy),
             ArrayRef<AffineMap>{full, row, row, full}, parallelIterators(2),
             [&](OpBuilder &nb, Location l, ValueRange args) {
               FixedPointBuilder fb(nb, l);
               Value p = arith::MulIOp::create(nb, l, fb.castInt(args[0], i64),
                                               fb.castInt(args[1], i64));
               Value shift = fb.castInt(args[2], i64);
               Value half = arith::ShLIOp::create(
                   nb, l, fb.i64(1),
                   arith::SubIOp::create(nb, l, shift, fb.i64(1)));
               Value v = arith::ShRSIOp::create(
                   nb, l, arith::AddIOp::create(nb, l, p, half), shift);
               v = fb.clamp(fb.castInt(v, i32), 0, 32767);
               linalg::YieldOp::create(nb, l, fb.castInt(v, i16));
             })
      .getResult(0);
}

/// SOFTMAX from int8 (spec 9.1), to int8 or int16, and from int16 (9.2).
struct ConvertSoftmax : OpConversionPattern<SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type inQ = op.getInput().getType(), outQ = op.getOutput().getType();
    auto outTy = cast<RankedTensorType>(getTypeConverter()->convertType(outQ));
    int64_t depth = outTy.getShape().back();
    int64_t rows = outTy.getNumElements() / depth;
    if (getStorageBits(inQ) == 16) {
      Value input = reshapeTo(rewriter, loc, adaptor.getInput(), {rows, depth});
      Value out = lowerSoftmaxInt16(
          rewriter, loc, input, op.getBeta().convertToDouble(), getScale(inQ));
      rewriter.replaceOp(op, reshapeTo(rewriter, loc, out, outTy.getShape()));
      return success();
    }
    int bits = getStorageBits(outQ);
    int64_t outMin = getStorageMin(outQ), outMax = getStorageMax(outQ);

    fp::QuantizedMultiplier q = fp::preprocessSoftmaxScaling(
        op.getBeta().convertToDouble(), getScale(inQ), 5);
    int32_t diffMin = -fp::calculateInputRadius(5, q.shift, 31);
    // exp(d) for d = in - max in [-255, 0], indexed by -d; 0 where TFLite
    // skips the element (d < diff_min), which then adds nothing to the sum
    // and yields the lowest output.
    SmallVector<int32_t> expTable;
    for (int32_t negD = 0; negD < 256; ++negD) {
      int32_t d = -negD;
      if (d < diffMin) {
        expTable.push_back(0);
        continue;
      }
      int32_t scaled = fp::saturatingRoundingDoublingHighMul(d * (1 << q.shift),
                                                             q.multiplier);
      expTable.push_back(fp::expOnNegativeValues(scaled, 5));
    }

    auto i32 = rewriter.getI32Type();
    Value input = reshapeTo(rewriter, loc, adaptor.getInput(), {rows, depth});
    auto rowTy = RankedTensorType::get({rows}, i32);
    AffineExpr r, c;
    bindDims(ctx, r, c);
    AffineMap full = AffineMap::get(2, 0, {r, c}, ctx);
    AffineMap row = AffineMap::get(2, 0, {r}, ctx);
    SmallVector<utils::IteratorType> reduce = {utils::IteratorType::parallel,
                                               utils::IteratorType::reduction};
    auto fill = [&](int64_t v) {
      Value c = arith::ConstantOp::create(rewriter, loc,
                                          rewriter.getI32IntegerAttr(v));
      return linalg::FillOp::create(rewriter, loc, c,
                                    createEmpty(rewriter, loc, rowTy))
          .getResult(0);
    };

    Value max = linalg::GenericOp::create(
                    rewriter, loc, rowTy, input, fill(-128),
                    ArrayRef<AffineMap>{full, row}, reduce,
                    [&](OpBuilder &b, Location l, ValueRange args) {
                      FixedPointBuilder fb(b, l);
                      linalg::YieldOp::create(
                          b, l,
                          arith::MaxSIOp::create(b, l, args[1],
                                                 fb.castInt(args[0], i32))
                              .getResult());
                    })
                    .getResult(0);
    Value table = createTable(rewriter, loc, expTable, i32);
    auto lookup = [&](FixedPointBuilder &fb, Value x, Value mx) {
      OpBuilder &b = fb.builder();
      Value negD = arith::SubIOp::create(b, fb.getLoc(), mx,
                                         fb.castInt(x, b.getI32Type()));
      Value index =
          arith::IndexCastOp::create(b, fb.getLoc(), b.getIndexType(), negD);
      return tensor::ExtractOp::create(b, fb.getLoc(), table, index)
          .getResult();
    };
    Value sum = linalg::GenericOp::create(
                    rewriter, loc, rowTy, ValueRange{input, max}, fill(0),
                    ArrayRef<AffineMap>{full, row, row}, reduce,
                    [&](OpBuilder &b, Location l, ValueRange args) {
                      FixedPointBuilder fb(b, l);
                      Value e = lookup(fb, args[0], args[1]);
                      linalg::YieldOp::create(
                          b, l,
                          arith::AddIOp::create(b, l, args[2],
                                                fb.roundingDivideByPOT(e, 12))
                              .getResult());
                    })
                    .getResult(0);
    auto rowMap = rewriter.getMultiDimIdentityMap(1);
    auto reciprocal = linalg::GenericOp::create(
        rewriter, loc, TypeRange{rowTy, rowTy}, ValueRange{sum},
        ValueRange{createEmpty(rewriter, loc, rowTy),
                   createEmpty(rewriter, loc, rowTy)},
        ArrayRef<AffineMap>{rowMap, rowMap, rowMap}, parallelIterators(1),
        [&](OpBuilder &b, Location l, ValueRange args) {
          FixedPointBuilder fb(b, l);
          auto [scale, bitsOverUnit] = fb.getReciprocal(args[0], 12);
          Value exponent =
              arith::AddIOp::create(b, l, bitsOverUnit, fb.i32(31 - bits));
          linalg::YieldOp::create(b, l, ValueRange{scale, exponent});
        });
    auto outMatTy = outTy.clone({rows, depth});
    Value out =
        linalg::GenericOp::create(
            rewriter, loc, outMatTy,
            ValueRange{input, max, reciprocal.getResult(0),
                       reciprocal.getResult(1)},
            createEmpty(rewriter, loc, outMatTy),
            ArrayRef<AffineMap>{full, row, row, row, full},
            parallelIterators(2),
            [&](OpBuilder &b, Location l, ValueRange args) {
              FixedPointBuilder fb(b, l);
              Value e = lookup(fb, args[0], args[1]);
              Value v = fb.roundingDivideByPOT(fb.srdhm(args[2], e), args[3]);
              v = arith::AddIOp::create(b, l, v, fb.i32(outMin));
              v = fb.clamp(v, outMin, outMax);
              linalg::YieldOp::create(b, l,
                                      fb.castInt(v, outTy.getElementType()));
            })
            .getResult(0);
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, out, outTy.getShape()));
    return success();
  }
};

} // namespace

void mlir::mcuq::populateActivationPatterns(const TypeConverter &converter,
                                            RewritePatternSet &patterns) {
  patterns.add<ConvertSoftmax, ConvertTableActivation<LogisticOp, false>,
               ConvertTableActivation<TanhOp, true>>(converter,
                                                     patterns.getContext());
}
