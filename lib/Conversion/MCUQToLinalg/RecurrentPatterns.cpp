//===- RecurrentPatterns.cpp - SVDF and LSTM to linalg --------------------===//
//
// The stateful operators take their state as an operand and return the
// updated state; mcuq-prepare-entry turns each state into an in/out buffer of
// the entry point. Everything weight-side is folded at compile time: the
// input zero point's contribution to each dot product becomes part of a
// constant initial accumulator, and the LSTM's four gate matrices are stacked
// into one input and one recurrent matrix so that each time step runs two
// contractions. The arithmetic is TFLM's integer SVDF and 8x8->16 LSTM
// (docs/spec.md sections 11 and 12), including their fixed formats.
//
//===----------------------------------------------------------------------===//

#include "FixedPointBuilder.h"
#include "LoweringUtils.h"

#include "mcuq/Conversion/MCUQToLinalg/MCUQToLinalg.h"
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"
#include "mcuq/Support/FixedPoint.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::mcuq;
namespace fp = ::mcuq::fixedpoint;

namespace {

/// A constant integer tensor of `type` holding `values` (row-major).
Value createConstantTensor(OpBuilder &b, Location loc, RankedTensorType type,
                           ArrayRef<int64_t> values) {
  unsigned bits = type.getElementTypeBitWidth();
  SmallVector<APInt> apValues;
  apValues.reserve(values.size());
  for (int64_t v : values)
    apValues.push_back(APInt(bits, v, /*isSigned=*/true));
  return arith::ConstantOp::create(b, loc,
                                   DenseElementsAttr::get(type, apValues));
}

/// `acc[r, n] += sum_k lhs[r, k] * rhs[n, k]`, both operands sign-extended
/// to the accumulator's element type (TFLite's fully connected layout).
Value accumulateProducts(OpBuilder &b, Location loc, Value lhs, Value rhs,
                         Value acc) {
  MLIRContext *ctx = b.getContext();
  auto accTy = cast<RankedTensorType>(acc.getType());
  Type accElement = accTy.getElementType();
  AffineExpr r, n, k;
  bindDims(ctx, r, n, k);
  SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {r, k}, ctx),
                                 AffineMap::get(3, 0, {n, k}, ctx),
                                 AffineMap::get(3, 0, {r, n}, ctx)};
  SmallVector<utils::IteratorType> iterators = {utils::IteratorType::parallel,
                                                utils::IteratorType::parallel,
                                                utils::IteratorType::reduction};
  return linalg::GenericOp::create(
             b, loc, accTy, ValueRange{lhs, rhs}, acc, maps, iterators,
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               FixedPointBuilder fb(nb, nloc);
               Value p = arith::MulIOp::create(nb, nloc,
                                               fb.castInt(args[0], accElement),
                                               fb.castInt(args[1], accElement));
               linalg::YieldOp::create(
                   nb, nloc,
                   arith::AddIOp::create(nb, nloc, args[2], p).getResult());
             })
      .getResult(0);
}

/// `-zp * sum_k w[n, k]` for each row `n` of a [rows, depth] matrix.
SmallVector<int64_t> zeroPointCorrection(ArrayRef<int64_t> weights,
                                         int64_t depth, int64_t zp) {
  SmallVector<int64_t> correction(weights.size() / depth, 0);
  for (auto [i, w] : llvm::enumerate(weights))
    correction[i / depth] -= zp * w;
  return correction;
}

//===----------------------------------------------------------------------===//
// SVDF
//===----------------------------------------------------------------------===//

/// TFLM's integer SVDF (spec 11). The op's fused activation is deliberately
/// ignored: TFLM's integer kernel only clamps to the int8 range.
struct ConvertSvdf : OpConversionPattern<SvdfOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SvdfOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type inQ = op.getInput().getType(), outQ = op.getOutput().getType();
    Type wfQ = op.getWeightsFeature().getType();
    Type wtQ = op.getWeightsTime().getType();
    Type stateQ = op.getState().getType();
    if (getStorageBits(inQ) != 8 || getStorageBits(outQ) != 8 ||
        getStorageBits(wfQ) != 8)
      return op.emitOpError("integer SVDF needs int8 input, output and "
                            "feature weights");
    unsigned stateBits = getStorageBits(stateQ);
    if ((stateBits != 8 && stateBits != 16) || getStorageBits(wtQ) != stateBits)
      return op.emitOpError("SVDF state and time weights must both be int8 "
                            "or both int16");
    DenseElementsAttr wfAttr = getConstantElements(op.getWeightsFeature());
    DenseElementsAttr wtAttr = getConstantElements(op.getWeightsTime());
    DenseElementsAttr biasAttr = getConstantElements(op.getBias());
    if (!wfAttr || !wtAttr || (op.getBias() && !biasAttr))
      return op.emitOpError("SVDF weights and bias must be constants");

    auto inTy = op.getInput().getType();
    int64_t batches = inTy.getDimSize(0), inputSize = inTy.getDimSize(1);
    auto wtTy = op.getWeightsTime().getType();
    int64_t filters = wtTy.getDimSize(0), memory = wtTy.getDimSize(1);
    int64_t rank = op.getRank(), units = filters / rank;
    int64_t zpIn = getZeroPoint(inQ), zpState = getZeroPoint(stateQ);
    int64_t zpOut = getZeroPoint(outQ);
    int64_t stateMin = getStorageMin(stateQ), stateMax = getStorageMax(stateQ);

    // TFLM evaluates both effective scales in float (spec 1.2).
    auto scale = [](Type t) { return static_cast<float>(getScale(t)); };
    float featureScale = scale(inQ) * scale(wfQ) / scale(stateQ);
    float outputScale = scale(stateQ) * scale(wtQ) / scale(outQ);
    fp::QuantizedMultiplier q1 = fp::quantizeMultiplier(featureScale);
    fp::QuantizedMultiplier q2 = fp::quantizeMultiplier(outputScale);

    Type i32 = rewriter.getI32Type();
    Type stateElement = getStorageIntType(stateQ);

    // Feature step: one new activation per filter.
    auto dotTy = RankedTensorType::get({batches, filters}, i32);
    SmallVector<int64_t> featureInit =
        zeroPointCorrection(getIntValues(wfAttr), inputSize, zpIn);
    Value dot = accumulateProducts(
        rewriter, loc, adaptor.getInput(), adaptor.getWeightsFeature(),
        createChannelInit(rewriter, loc, dotTy, featureInit));
    // The zero point is added after the clamp and the store narrows: an
    // int8 state with a non-zero zero point wraps (TFLM bug #2721).
    Value newest =
        mapElements(rewriter, loc, dotTy.clone(stateElement), dot,
                    [&](FixedPointBuilder &fb, ValueRange args) {
                      Value v = fb.multiplyByQuantizedMultiplier(
                          args[0], q1.multiplier, q1.shift);
                      v = fb.clamp(v, stateMin, stateMax);
                      if (zpState)
                        v = arith::AddIOp::create(fb.builder(), fb.getLoc(), v,
                                                  fb.i32(zpState));
                      return fb.castInt(v, stateElement);
                    });

    // The state shifts left by one element; each filter's newest slot then
    // takes the feature activation.
    Value newState =
        buildShiftedState(rewriter, loc, adaptor.getState(), newest, memory);

    // Time step, summed over each unit's `rank` filters. The state zero
    // point's contribution is folded into the bias.
    SmallVector<int64_t> wt = getIntValues(wtAttr);
    SmallVector<int64_t> timeInit =
        zeroPointCorrection(wt, rank * memory, zpState);
    if (biasAttr)
      for (auto [u, b] : llvm::enumerate(getIntValues(biasAttr)))
        timeInit[u] += b;
    auto accTy = RankedTensorType::get({batches, units}, i32);
    Value acc = createChannelInit(rewriter, loc, accTy, timeInit);
    Value weights4 = reshapeTo(rewriter, loc, adaptor.getWeightsTime(),
                               {units, rank, memory});
    Value state4 =
        reshapeTo(rewriter, loc, newState, {batches, units, rank, memory});
    AffineExpr b, u, r, t;
    bindDims(ctx, b, u, r, t);
    SmallVector<AffineMap> maps = {AffineMap::get(4, 0, {b, u, r, t}, ctx),
                                   AffineMap::get(4, 0, {u, r, t}, ctx),
                                   AffineMap::get(4, 0, {b, u}, ctx)};
    SmallVector<utils::IteratorType> iterators = {
        utils::IteratorType::parallel, utils::IteratorType::parallel,
        utils::IteratorType::reduction, utils::IteratorType::reduction};
    acc = linalg::GenericOp::create(
              rewriter, loc, accTy, ValueRange{state4, weights4}, acc, maps,
              iterators,
              [&](OpBuilder &nb, Location nloc, ValueRange args) {
                FixedPointBuilder fb(nb, nloc);
                Value p =
                    arith::MulIOp::create(nb, nloc, fb.castInt(args[0], i32),
                                          fb.castInt(args[1], i32));
                linalg::YieldOp::create(
                    nb, nloc,
                    arith::AddIOp::create(nb, nloc, args[2], p).getResult());
              })
              .getResult(0);

    auto outTy = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));
    Value out = mapElements(
        rewriter, loc, outTy, acc, [&](FixedPointBuilder &fb, ValueRange args) {
          Value v = fb.multiplyByQuantizedMultiplier(args[0], q2.multiplier,
                                                     q2.shift);
          if (zpOut)
            v = arith::AddIOp::create(fb.builder(), fb.getLoc(), v,
                                      fb.i32(zpOut));
          return fb.castInt(fb.clamp(v, -128, 127), outTy.getElementType());
        });
    rewriter.replaceOp(op, {out, newState});
    return success();
  }

  /// `new[b, f * T + t] = t < T - 1 ? old[b, f * T + t + 1] : newest[b, f]`
  /// on the flat [batches, filters * T] state, as TFLM's one-element shift
  /// of the whole buffer followed by a strided store of the newest values.
  /// The shifted part goes through an explicit copy so that the result can
  /// be written in place of the old state (a caller buffer) instead of
  /// into a new one that would be copied back.
  static Value buildShiftedState(OpBuilder &b, Location loc, Value oldState,
                                 Value newest, int64_t memory) {
    auto type = cast<RankedTensorType>(oldState.getType());
    int64_t batches = type.getDimSize(0), size = type.getDimSize(1);
    int64_t filters = size / memory;
    auto index = [&](int64_t v) -> OpFoldResult { return b.getIndexAttr(v); };
    Value result = oldState;
    if (memory > 1) {
      SmallVector<OpFoldResult> sizes = {index(batches), index(size - 1)};
      SmallVector<OpFoldResult> unit = {index(1), index(1)};
      Value kept = tensor::ExtractSliceOp::create(
          b, loc, oldState, ArrayRef<OpFoldResult>{index(0), index(1)}, sizes,
          unit);
      auto keptTy = cast<RankedTensorType>(kept.getType());
      kept = linalg::CopyOp::create(b, loc, kept, createEmpty(b, loc, keptTy))
                 .getResult(0);
      result = tensor::InsertSliceOp::create(
          b, loc, kept, result, ArrayRef<OpFoldResult>{index(0), index(0)},
          sizes, unit);
    }
    return tensor::InsertSliceOp::create(
        b, loc, newest, result,
        ArrayRef<OpFoldResult>{index(0), index(memory - 1)},
        ArrayRef<OpFoldResult>{index(batches), index(filters)},
        ArrayRef<OpFoldResult>{index(1), index(memory)});
  }
};

//===----------------------------------------------------------------------===//
// UNIDIRECTIONAL_SEQUENCE_LSTM
//===----------------------------------------------------------------------===//

/// The gate pre-activations are Q3.12, the gate outputs Q0.15, whatever the
/// model's intermediate tensors say (spec 12).
constexpr double kGateInputScale = 1.0 / 4096;
constexpr double kGateOutputScale = 1.0 / 32768;

/// TFLM's integer LSTM (spec 12): int8 activations with int32 biases
/// (8x8->16), or int16 activations with int64 biases (16x8->16). One time
/// step per scf.for iteration, carrying the hidden and cell states.
struct ConvertLstm : OpConversionPattern<LstmOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(LstmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    if (!op.getInputToInputWeights())
      return op.emitOpError("CIFG (no input gate) is not supported by TFLM");
    if (op.getCellToInputWeights() || op.getCellToForgetWeights() ||
        op.getCellToOutputWeights())
      return op.emitOpError("peephole connections are not supported by TFLM");
    if (op.getProjectionWeights())
      return op.emitOpError("projection is not supported by TFLM");
    if (op.getInputLayerNormCoefficients() ||
        op.getForgetLayerNormCoefficients())
      return op.emitOpError("layer normalization is not supported by TFLM");
    if (op.getFusedActivation() != Activation::Tanh)
      return op.emitOpError("TFLM's integer LSTM needs a tanh cell "
                            "activation");

    Type inQ = op.getInput().getType();
    Type hQ = op.getOutputState().getType(), cQ = op.getCellState().getType();
    unsigned actBits = getStorageBits(inQ);
    bool wide = actBits == 16;
    if ((actBits != 8 && actBits != 16) || getStorageBits(hQ) != actBits ||
        getStorageBits(cQ) != 16)
      return op.emitOpError("integer LSTM needs int8 (or int16) input and "
                            "output state and an int16 cell state");
    if (wide && (getZeroPoint(inQ) != 0 || getZeroPoint(hQ) != 0))
      return op.emitOpError("16x8 LSTM needs zero points of 0");

    // Gate order: input, forget, cell, output.
    Value inputWeights[4] = {
        op.getInputToInputWeights(), op.getInputToForgetWeights(),
        op.getInputToCellWeights(), op.getInputToOutputWeights()};
    Value recurrentWeights[4] = {
        op.getRecurrentToInputWeights(), op.getRecurrentToForgetWeights(),
        op.getRecurrentToCellWeights(), op.getRecurrentToOutputWeights()};
    Value biases[4] = {op.getInputGateBias(), op.getForgetGateBias(),
                       op.getCellGateBias(), op.getOutputGateBias()};
    unsigned biasBits = wide ? 64 : 32;
    for (int g = 0; g < 4; ++g) {
      if (getStorageBits(inputWeights[g].getType()) != 8 ||
          getStorageBits(recurrentWeights[g].getType()) != 8 ||
          getStorageBits(biases[g].getType()) != biasBits)
        return op.emitOpError("integer LSTM needs int8 weights and int")
               << biasBits << " biases";
      if (!getConstantElements(inputWeights[g]) ||
          !getConstantElements(recurrentWeights[g]) ||
          !getConstantElements(biases[g]))
        return op.emitOpError("LSTM weights and biases must be constants");
    }

    auto inTy = op.getInput().getType();
    bool timeMajor = op.getTimeMajor();
    int64_t steps = inTy.getDimSize(timeMajor ? 0 : 1);
    int64_t batches = inTy.getDimSize(timeMajor ? 1 : 0);
    int64_t inputSize = inTy.getDimSize(2);
    int64_t cells = cast<ShapedType>(cQ).getShape().back();
    int64_t zpIn = getZeroPoint(inQ), zpH = getZeroPoint(hQ);

    // Stacked weights [4 * cells, depth] and the constant initial
    // accumulators: bias (input side only) minus the zero point's share.
    SmallVector<int64_t> win, wrec, initIn, initRec;
    SmallVector<fp::QuantizedMultiplier> qIn, qRec;
    auto gateMultiplier = [](Type act, Type w) {
      float product =
          static_cast<float>(getScale(act)) * static_cast<float>(getScale(w));
      return fp::quantizeMultiplier(static_cast<double>(product) /
                                    kGateInputScale);
    };
    for (int g = 0; g < 4; ++g) {
      SmallVector<int64_t> wi =
          getIntValues(getConstantElements(inputWeights[g]));
      SmallVector<int64_t> wr =
          getIntValues(getConstantElements(recurrentWeights[g]));
      SmallVector<int64_t> bias = getIntValues(getConstantElements(biases[g]));
      SmallVector<int64_t> ci = zeroPointCorrection(wi, inputSize, zpIn);
      SmallVector<int64_t> cr = zeroPointCorrection(wr, cells, zpH);
      for (int64_t u = 0; u < cells; ++u) {
        initIn.push_back(bias[u] + ci[u]);
        initRec.push_back(cr[u]);
      }
      win.append(wi);
      wrec.append(wr);
      qIn.push_back(gateMultiplier(inQ, inputWeights[g].getType()));
      qRec.push_back(gateMultiplier(hQ, recurrentWeights[g].getType()));
    }
    if (!wide) {
      // The int32 accumulators wrap like TFLM's.
      for (int64_t &v : llvm::concat<int64_t>(initIn, initRec))
        v = static_cast<int32_t>(v);
    }

    double sCell = getScale(cQ), sH = getScale(hQ);
    fp::QuantizedMultiplier forgetMul =
        fp::quantizeMultiplier(kGateOutputScale * sCell / sCell);
    fp::QuantizedMultiplier inputMul =
        fp::quantizeMultiplier(kGateOutputScale * kGateOutputScale / sCell);
    fp::QuantizedMultiplier outputMul =
        fp::quantizeMultiplier(kGateOutputScale * kGateOutputScale / sH);
    double clip = static_cast<double>(op.getCellClip().convertToFloat());
    auto cellClip =
        static_cast<int32_t>(std::clamp(clip / sCell, -32768.0, 32767.0));
    int cellLog2 = fp::checkedLog2(static_cast<float>(sCell)).first;
    int tanhShift = 15 + cellLog2 - 3;
    int32_t tanhMultiplier = 0;
    if (tanhShift < 0) {
      tanhMultiplier = 3;
      tanhShift = -tanhShift;
    }

    Type accElement = wide ? rewriter.getI64Type() : rewriter.getI32Type();
    Type actElement = getStorageIntType(inQ);
    auto accTy = RankedTensorType::get({batches, 4 * cells}, accElement);
    Value winConst = createConstantTensor(
        rewriter, loc,
        RankedTensorType::get({4 * cells, inputSize}, rewriter.getI8Type()),
        win);
    Value wrecConst = createConstantTensor(
        rewriter, loc,
        RankedTensorType::get({4 * cells, cells}, rewriter.getI8Type()), wrec);
    CellParams params;
    params.qIn = qIn;
    params.qRec = qRec;
    params.forgetMul = forgetMul;
    params.inputMul = inputMul;
    params.outputMul = outputMul;
    params.cellClip = cellClip;
    params.tanhMultiplier = tanhMultiplier;
    params.tanhShift = tanhShift;
    params.hZeroPoint = zpH;
    params.hMin = getStorageMin(hQ);
    params.hMax = getStorageMax(hQ);

    auto timeShape = [&](int64_t time, int64_t depth) {
      return timeMajor ? SmallVector<int64_t>{time, batches, depth}
                       : SmallVector<int64_t>{batches, time, depth};
    };
    auto offsetsAt = [&](OpFoldResult time) {
      SmallVector<OpFoldResult> offsets(3, rewriter.getIndexAttr(0));
      offsets[timeMajor ? 0 : 1] = time;
      return offsets;
    };
    auto sizesOf = [&](int64_t depth) {
      return getAsIndexOpFoldResult(ctx, timeShape(1, depth));
    };
    SmallVector<OpFoldResult> unit(3, rewriter.getIndexAttr(1));
    auto hTy = cast<RankedTensorType>(adaptor.getOutputState().getType());
    auto outTy = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getOutput().getType()));

    Value input = adaptor.getInput();
    auto xTy = RankedTensorType::get({batches, inputSize}, actElement);

    // The new hidden state is computed into the output sequence and copied
    // to the state buffer (before the insertion, so that the copy reads it
    // before anything else could be written there): the recurrent
    // contraction then reads a caller buffer that is known not to alias its
    // accumulator.
    auto finishStep = [&](OpBuilder &b, Location l, OpFoldResult t, Value hNew,
                          Value hState, Value out) -> std::pair<Value, Value> {
      Value h = linalg::CopyOp::create(b, l, hNew, hState).getResult(0);
      out = tensor::InsertSliceOp::create(b, l, hNew, out, offsetsAt(t),
                                          sizesOf(cells), unit);
      return {h, out};
    };

    // Both accumulators live in one [input/recurrent, batches, 4 * cells]
    // tensor. Each half is extracted from the value that already holds the
    // other, so that every extract/insert pair matches and bufferizes in
    // place, and the cell update reads the whole tensor.
    auto scratchTy = RankedTensorType::get({2, batches, 4 * cells}, accElement);
    SmallVector<OpFoldResult> scratchSizes =
        getAsIndexOpFoldResult(ctx, ArrayRef<int64_t>{1, batches, 4 * cells});
    auto accumulateGates = [&](OpBuilder &b, Location l, Value scratch, Value x,
                               Value h, bool refill) {
      Value zero =
          arith::ConstantOp::create(b, l, b.getIntegerAttr(accElement, 0));
      Value lhs[] = {x, h}, weights[] = {winConst, wrecConst};
      for (int64_t which = 0; which < 2; ++which) {
        SmallVector<OpFoldResult> offsets = {
            b.getIndexAttr(which), b.getIndexAttr(0), b.getIndexAttr(0)};
        Value acc = tensor::ExtractSliceOp::create(b, l, accTy, scratch,
                                                   offsets, scratchSizes, unit);
        if (refill)
          acc = linalg::FillOp::create(b, l, zero, acc).getResult(0);
        acc = accumulateProducts(b, l, lhs[which], weights[which], acc);
        scratch = tensor::InsertSliceOp::create(b, l, acc, scratch, offsets,
                                                scratchSizes, unit);
      }
      return scratch;
    };

    if (steps == 1) {
      // No recurrence: straight-line code whose accumulators start from
      // the folded biases.
      SmallVector<int64_t> init(initIn);
      init.append(initRec);
      Value initConst = createConstantTensor(
          rewriter, loc, RankedTensorType::get({2, 4 * cells}, accElement),
          init);
      AffineExpr hd, bd, n;
      bindDims(ctx, hd, bd, n);
      Value scratch =
          linalg::GenericOp::create(
              rewriter, loc, scratchTy, initConst,
              createEmpty(rewriter, loc, scratchTy),
              ArrayRef<AffineMap>{AffineMap::get(3, 0, {hd, n}, ctx),
                                  rewriter.getMultiDimIdentityMap(3)},
              parallelIterators(3),
              [&](OpBuilder &nb, Location nl, ValueRange args) {
                linalg::YieldOp::create(nb, nl, args[0]);
              })
              .getResult(0);
      Value x = tensor::ExtractSliceOp::create(
          rewriter, loc, xTy, input, offsetsAt(rewriter.getIndexAttr(0)),
          sizesOf(inputSize), unit);
      scratch = accumulateGates(rewriter, loc, scratch, x,
                                adaptor.getOutputState(), /*refill=*/false);
      auto [cNew, hNew] =
          buildCellUpdate(rewriter, loc, scratch, nullptr, nullptr,
                          adaptor.getCellState(), hTy, params);
      auto [h, out] = finishStep(rewriter, loc, rewriter.getIndexAttr(0), hNew,
                                 adaptor.getOutputState(),
                                 createEmpty(rewriter, loc, outTy));
      rewriter.replaceOp(op, {out, h, cNew});
      return success();
    }

    // Loop-carried: the cell and hidden states (in place in the state
    // buffers), the output sequence and the accumulators (refilled each
    // step), so that everything bufferizes to buffers outside the loop.
    // The biases are added in the cell update.
    auto gateConstants = [&](ArrayRef<int64_t> values) -> Value {
      if (llvm::all_of(values, [](int64_t v) { return v == 0; }))
        return nullptr;
      return createConstantTensor(
          rewriter, loc, RankedTensorType::get({4, cells}, accElement), values);
    };
    Value biasIn = gateConstants(initIn), biasRec = gateConstants(initRec);
    SmallVector<Value> inits = {adaptor.getCellState(),
                                adaptor.getOutputState(),
                                createEmpty(rewriter, loc, outTy),
                                createEmpty(rewriter, loc, scratchTy)};
    Value lb = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value ub = arith::ConstantIndexOp::create(rewriter, loc, steps);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    auto loop = scf::ForOp::create(
        rewriter, loc, lb, ub, one, inits,
        [&](OpBuilder &b, Location l, Value t, ValueRange iter) {
          Value xt = tensor::ExtractSliceOp::create(
              b, l, xTy, input, offsetsAt(t), sizesOf(inputSize), unit);
          Value scratch =
              accumulateGates(b, l, iter[3], xt, iter[1], /*refill=*/true);
          auto [cNew, hNew] = buildCellUpdate(b, l, scratch, biasIn, biasRec,
                                              iter[0], hTy, params);
          auto [h, out] = finishStep(b, l, t, hNew, iter[1], iter[2]);
          scf::YieldOp::create(b, l, ValueRange{cNew, h, out, scratch});
        });
    rewriter.replaceOp(
        op, {loop.getResult(2), loop.getResult(1), loop.getResult(0)});
    return success();
  }

  /// Everything the element-wise part of a step needs, derived at compile
  /// time.
  struct CellParams {
    SmallVector<fp::QuantizedMultiplier> qIn, qRec;
    fp::QuantizedMultiplier forgetMul, inputMul, outputMul;
    int32_t cellClip;
    int32_t tanhMultiplier, tanhShift;
    int64_t hZeroPoint, hMin, hMax;
  };

  /// One element-wise generic over [batches, cells]: rescales the four gate
  /// accumulators of both halves of `acc` ([input/recurrent, batches,
  /// 4 * cells], plus the [4, cells] biases when given) to Q3.12, adds the
  /// input and recurrent parts, applies the gate nonlinearities and updates the
  /// cell state in place. Returns the new cell and hidden states.
  static std::pair<Value, Value> buildCellUpdate(OpBuilder &b, Location loc,
                                                 Value acc, Value biasIn,
                                                 Value biasRec, Value c,
                                                 RankedTensorType hTy,
                                                 const CellParams &p) {
    MLIRContext *ctx = b.getContext();
    auto cTy = cast<RankedTensorType>(c.getType());
    int64_t batches = cTy.getDimSize(0), cells = cTy.getDimSize(1);
    bool wide =
        cast<RankedTensorType>(acc.getType()).getElementType().isInteger(64);
    AffineExpr bd, u;
    bindDims(ctx, bd, u);
    // The accumulators are viewed as [half, batches, gate, cells] and the
    // biases as [gate, cells] so that every gate's map is a projection.
    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    auto constant = [&](int64_t v) { return getAffineConstantExpr(v, ctx); };
    Value gates = reshapeTo(b, loc, acc, {2, batches, 4, cells});
    for (int half = 0; half < 2; ++half)
      for (int g = 0; g < 4; ++g) {
        inputs.push_back(gates);
        maps.push_back(
            AffineMap::get(2, 0, {constant(half), bd, constant(g), u}, ctx));
      }
    for (Value bias : {biasIn, biasRec}) {
      if (!bias)
        continue;
      for (int g = 0; g < 4; ++g) {
        inputs.push_back(bias);
        maps.push_back(AffineMap::get(2, 0, {constant(g), u}, ctx));
      }
    }
    unsigned numInputs = inputs.size();
    maps.append(2, b.getMultiDimIdentityMap(2));
    auto update = linalg::GenericOp::create(
        b, loc, TypeRange{cTy, hTy}, inputs,
        ValueRange{c, createEmpty(b, loc, hTy)}, maps, parallelIterators(2),
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          FixedPointBuilder fb(nb, nl);
          unsigned next = 8;
          auto biasOf = [&](Value bias) {
            SmallVector<Value> values;
            if (bias) {
              values.append(args.begin() + next, args.begin() + next + 4);
              next += 4;
            }
            return values;
          };
          SmallVector<Value> bIn = biasOf(biasIn), bRec = biasOf(biasRec);
          auto rescale = [&](Value acc, ArrayRef<Value> bias, int g,
                             fp::QuantizedMultiplier q) {
            if (!bias.empty())
              acc = arith::AddIOp::create(nb, nl, acc, bias[g]);
            Value v = wide ? fb.multiplyByQuantizedMultiplier64(
                                 acc, q.multiplier, q.shift)
                           : fb.multiplyByQuantizedMultiplier(acc, q.multiplier,
                                                              q.shift);
            return fb.clamp(v, -32768, 32767);
          };
          SmallVector<Value> gates;
          for (int g = 0; g < 4; ++g) {
            Value sum = arith::AddIOp::create(
                nb, nl, rescale(args[g], bIn, g, p.qIn[g]),
                rescale(args[4 + g], bRec, g, p.qRec[g]));
            gates.push_back(fb.clamp(sum, -32768, 32767));
          }
          Value cOld = args[numInputs];

          Value table = fb.sigmoidTable();
          Value in = fb.logisticInt16(gates[0], 0, 0, table);
          Value forget = fb.logisticInt16(gates[1], 0, 0, table);
          Value cand = fb.tanhInt16(gates[2], 0, 0, table);
          Value out = fb.logisticInt16(gates[3], 0, 0, table);
          auto mul = [&](Value x, Value y, fp::QuantizedMultiplier q) {
            Value prod =
                arith::MulIOp::create(nb, nl, fb.castInt(x, nb.getI32Type()),
                                      fb.castInt(y, nb.getI32Type()));
            return fb.multiplyByQuantizedMultiplier(prod, q.multiplier,
                                                    q.shift);
          };
          Value kept = fb.clamp(mul(forget, cOld, p.forgetMul), -32768, 32767);
          Value added = fb.clamp(mul(in, cand, p.inputMul), -32768, 32767);
          Value cNew = fb.clamp(arith::AddIOp::create(nb, nl, kept, added),
                                -32768, 32767);
          if (p.cellClip > 0)
            cNew = fb.clamp(cNew, -p.cellClip, p.cellClip);
          cNew = fb.castInt(cNew, nb.getI16Type());
          Value tc = fb.tanhInt16(cNew, p.tanhMultiplier, p.tanhShift, table);
          Value hNew = mul(tc, out, p.outputMul);
          if (p.hZeroPoint)
            hNew = arith::AddIOp::create(nb, nl, hNew, fb.i32(p.hZeroPoint));
          hNew =
              fb.castInt(fb.clamp(hNew, p.hMin, p.hMax), hTy.getElementType());
          linalg::YieldOp::create(nb, nl, ValueRange{cNew, hNew});
        });
    return {update.getResult(0), update.getResult(1)};
  }
};

} // namespace

void mlir::mcuq::populateRecurrentPatterns(const TypeConverter &converter,
                                           RewritePatternSet &patterns) {
  patterns.add<ConvertSvdf, ConvertLstm>(converter, patterns.getContext());
}
