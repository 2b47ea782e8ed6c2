//===- GenerateKernels.cpp - Fused loop kernels for contractions ----------===//
//
// Turns each convolution / fully connected contraction with constant weights,
// together with its element-wise consumer, into one loop nest over the output
// on tensors (scf.for + tensor.extract/insert, which one-shot bufferization
// turns into in-place loads and stores). See the pass description.
//
//===----------------------------------------------------------------------===//

#include "IndexingMaps.h"
#include "Kernels/InstructionSet.h"
#include "mcuq/Target/TargetInfo.h"
#include "mcuq/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQGENERATEKERNELSPASS
#include "mcuq/Transforms/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;

namespace {

enum class Kind { Conv, Depthwise, FullyConnected };

/// What a kernel needs to know about one contraction.
struct Contraction {
  Kind kind;
  linalg::LinalgOp op;
  Value input;                     // unpadded: NHWC, or [B, K] for FC
  int64_t padTop = 0, padLeft = 0; // zero-point padding that was removed
  bool padded = false;
  int64_t zeroPoint = 0;     // the padding value
  DenseElementsAttr weights; // FHWC, HWC(M) or [U, K]
  SmallVector<int64_t> bias; // per output channel, zero point folded
  Value runtimeBias;         // non-constant bias added on top, or null
  int64_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
  int64_t multiplier = 1; // depthwise channel multiplier
  Type accType;
  Value result; // what consumers read (after collapse)
};

//===----------------------------------------------------------------------===//
// Matching the linalg the mcuq lowering produces
//===----------------------------------------------------------------------===//

/// The constant behind `v`, looking through reshapes of constants.
DenseElementsAttr getConstant(Value v) {
  Attribute attr;
  if (matchPattern(v, m_Constant(&attr)))
    return dyn_cast<DenseElementsAttr>(attr);
  Operation *def = v.getDefiningOp();
  if (isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(def))
    if (DenseElementsAttr inner = getConstant(def->getOperand(0)))
      return inner.reshape(cast<ShapedType>(v.getType()));
  return {};
}

SmallVector<int64_t> intValues(DenseElementsAttr attr) {
  SmallVector<int64_t> values;
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(v.getSExtValue());
  return values;
}

/// The per-channel init the lowering builds (createChannelInit): a generic
/// broadcasting a constant vector, optionally plus a runtime bias.
bool matchChannelInit(Value init, Contraction &c) {
  while (auto expand = init.getDefiningOp<tensor::ExpandShapeOp>())
    init = expand.getSrc();
  int64_t channels = cast<ShapedType>(init.getType()).getShape().back();
  // Canonicalization may have turned a uniform bias into a fill or a splat.
  if (auto fill = init.getDefiningOp<linalg::FillOp>()) {
    APInt v;
    if (!matchPattern(fill.getInputs()[0], m_ConstantInt(&v)))
      return false;
    c.bias.assign(channels, v.getSExtValue());
    return true;
  }
  if (DenseElementsAttr splat = getConstant(init); splat && splat.isSplat()) {
    c.bias.assign(channels, splat.getSplatValue<APInt>().getSExtValue());
    return true;
  }
  auto generic = init.getDefiningOp<linalg::GenericOp>();
  // A uniform bias folded into the body: the generic yields a constant.
  if (generic && generic.getNumDpsInputs() == 0) {
    APInt v;
    Value yielded = generic.getRegion().front().getTerminator()->getOperand(0);
    if (!matchPattern(yielded, m_ConstantInt(&v)))
      return false;
    c.bias.assign(channels, v.getSExtValue());
    return true;
  }
  if (!generic || generic.getNumDpsInputs() < 1 ||
      generic.getNumDpsInputs() > 2)
    return false;
  DenseElementsAttr values = getConstant(generic.getDpsInputs()[0]);
  if (!values || values.getType().getRank() != 1)
    return false;
  unsigned rank = generic.getNumLoops();
  for (OpOperand *input : generic.getDpsInputOperands()) {
    AffineMap map = generic.getMatchingIndexingMap(input);
    if (map.getNumResults() != 1 ||
        map.getResult(0) != getAffineDimExpr(rank - 1, init.getContext()))
      return false;
  }
  c.bias = intValues(values);
  if (generic.getNumDpsInputs() == 2)
    c.runtimeBias = generic.getDpsInputs()[1];
  return true;
}

/// Looks through the zero-point padding the lowering adds for SAME padding.
void unwrapPadding(Contraction &c) {
  auto pad = c.input.getDefiningOp<tensor::PadOp>();
  if (!pad)
    return;
  Value fill = pad.getConstantPaddingValue();
  APInt fillValue;
  if (!fill || !matchPattern(fill, m_ConstantInt(&fillValue)))
    return;
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  if (ShapedType::isDynamicShape(low) || ShapedType::isDynamicShape(high) ||
      low.size() != 4 || low[0] || high[0] || low[3] || high[3])
    return;
  c.input = pad.getSource();
  c.padTop = low[1];
  c.padLeft = low[2];
  c.padded = true;
  c.zeroPoint = fillValue.getSExtValue();
}

void readWindowAttrs(linalg::LinalgOp op, Contraction &c) {
  auto strides = op->getAttrOfType<DenseIntElementsAttr>("strides");
  auto dilations = op->getAttrOfType<DenseIntElementsAttr>("dilations");
  if (strides) {
    SmallVector<int64_t> s = intValues(strides);
    c.strideH = s[0];
    c.strideW = s[1];
  }
  if (dilations) {
    SmallVector<int64_t> d = intValues(dilations);
    c.dilationH = d[0];
    c.dilationW = d[1];
  }
}

/// The fully connected generic: maps (b, k), (u, k) -> (b, u), body
/// `acc + ext(x) * ext(w)`.
bool isFullyConnected(linalg::GenericOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      op.getNumLoops() != 3 || op.getNumReductionLoops() != 1)
    return false;
  MLIRContext *ctx = op.getContext();
  AffineExpr b, u, k;
  bindDims(ctx, b, u, k);
  SmallVector<AffineMap> expected = {AffineMap::get(3, 0, {b, k}, ctx),
                                     AffineMap::get(3, 0, {u, k}, ctx),
                                     AffineMap::get(3, 0, {b, u}, ctx)};
  if (op.getIndexingMapsArray() != expected)
    return false;
  // ext, ext, mul, add: anything else (a runtime zero point) is left alone.
  Block &body = op.getRegion().front();
  unsigned count = 0;
  for (Operation &inner : body.without_terminator()) {
    if (!isa<arith::ExtSIOp, arith::MulIOp, arith::AddIOp>(inner))
      return false;
    ++count;
  }
  return count <= 4;
}

std::optional<Contraction> matchContraction(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op->getNumResults() != 1)
    return std::nullopt;
  Contraction c;
  c.op = op;
  if (isa<linalg::Conv2DNhwcFhwcOp, linalg::Conv2DNhwcFhwcQOp>(op)) {
    c.kind = Kind::Conv;
  } else if (isa<linalg::DepthwiseConv2DNhwcHwcOp,
                 linalg::DepthwiseConv2DNhwcHwcmOp,
                 linalg::DepthwiseConv2DNhwcHwcQOp,
                 linalg::DepthwiseConv2DNhwcHwcmQOp>(op)) {
    c.kind = Kind::Depthwise;
  } else if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
             generic && isFullyConnected(generic)) {
    c.kind = Kind::FullyConnected;
  } else {
    return std::nullopt;
  }
  c.input = op.getDpsInputs()[0];
  c.weights = getConstant(op.getDpsInputs()[1]);
  if (!c.weights)
    return std::nullopt;
  if (!matchChannelInit(op.getDpsInits()[0], c))
    return std::nullopt;
  // The quantized forms take the zero points as operands: the init is the
  // model's bias and the input zero point's share, -zp * sum(w) per output
  // channel, is folded here (interior outputs read every tap).
  if (isa<linalg::Conv2DNhwcFhwcQOp, linalg::DepthwiseConv2DNhwcHwcQOp,
          linalg::DepthwiseConv2DNhwcHwcmQOp>(op)) {
    std::optional<int64_t> inputZp = getConstantIntValue(op.getDpsInputs()[2]);
    std::optional<int64_t> filterZp = getConstantIntValue(op.getDpsInputs()[3]);
    if (!inputZp || filterZp != 0)
      return std::nullopt;
    int64_t channels = c.bias.size(), i = 0;
    // FHWC: the channel is the outer index; HWC and HWCM: the inner ones.
    int64_t perChannel = c.weights.getNumElements() / channels;
    for (const APInt &w : c.weights.getValues<APInt>()) {
      int64_t channel = c.kind == Kind::Conv ? i / perChannel : i % channels;
      c.bias[channel] -= *inputZp * w.getSExtValue();
      ++i;
    }
  }
  c.accType = getElementTypeOrSelf(op->getResult(0).getType());
  c.result = op->getResult(0);
  if (c.kind != Kind::FullyConnected) {
    unwrapPadding(c);
    readWindowAttrs(op, c);
  }
  if (isa<linalg::DepthwiseConv2DNhwcHwcmOp,
          linalg::DepthwiseConv2DNhwcHwcmQOp>(op)) {
    c.multiplier = c.weights.getType().getDimSize(3);
    // The NHWCM result is viewed as NHW(C*M) by a collapse.
    if (!c.result.hasOneUse())
      return std::nullopt;
    auto collapse = dyn_cast<tensor::CollapseShapeOp>(*c.result.user_begin());
    if (!collapse)
      return std::nullopt;
    c.result = collapse.getResult();
  }
  return c;
}

/// The element-wise consumer fused into the kernel, if the accumulator has a
/// single all-parallel generic user indexing it like its output.
linalg::GenericOp matchEpilogue(Value acc, unsigned &accOperand) {
  if (!acc.hasOneUse())
    return {};
  auto generic = dyn_cast<linalg::GenericOp>(*acc.user_begin());
  if (!generic || generic.getNumDpsInits() != 1 ||
      generic.getNumParallelLoops() != generic.getNumLoops() ||
      !generic.hasPureTensorSemantics())
    return {};
  if (!generic.getMatchingIndexingMap(generic.getDpsInitOperand(0))
           .isIdentity() ||
      cast<ShapedType>(generic->getResult(0).getType()).getShape() !=
          cast<ShapedType>(acc.getType()).getShape())
    return {};
  // The output's previous contents must not be read.
  Block &body = generic.getRegion().front();
  if (!body.getArgument(generic.getNumDpsInputs()).use_empty())
    return {};
  for (OpOperand *input : generic.getDpsInputOperands()) {
    if (input->get() != acc)
      continue;
    if (!generic.getMatchingIndexingMap(input).isIdentity())
      return {};
    accOperand = input->getOperandNumber();
    return generic;
  }
  return {};
}

//===----------------------------------------------------------------------===//
// Code generation
//===----------------------------------------------------------------------===//

class KernelBuilder {
public:
  KernelBuilder(OpBuilder &b, Location loc,
                const mcuq::kernels::InstructionSet &arch)
      : b(b), loc(loc), arch(arch) {}

  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value i32(int64_t v) {
    return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(v));
  }
  Value intConst(Type t, int64_t v) {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(t, v));
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value addIdx(Value x, int64_t v) { return v ? add(x, idx(v)) : x; }
  Value mulIdx(Value x, int64_t v) { return v == 1 ? x : mul(x, idx(v)); }
  Value ext(Value v, Type t) {
    if (v.getType() == t)
      return v;
    return arith::ExtSIOp::create(b, loc, t, v);
  }
  Value extract(Value tensor, ArrayRef<Value> indices) {
    return tensor::ExtractOp::create(b, loc, tensor, indices);
  }
  /// A vector of consecutive elements of the last dimension (in bounds).
  Value readVector(Value tensor, VectorType type, ArrayRef<Value> indices) {
    Value padding = intConst(type.getElementType(), 0);
    return vector::TransferReadOp::create(b, loc, type, tensor, indices,
                                          padding, ArrayRef<bool>{true})
        .getResult();
  }
  /// Four consecutive bytes of the last dimension as one i32 (little endian).
  Value load4(Value tensor, ArrayRef<Value> indices) {
    Value vec =
        readVector(tensor, VectorType::get({4}, b.getI8Type()), indices);
    Value word = vector::BitCastOp::create(
        b, loc, VectorType::get({1}, b.getI32Type()), vec);
    return vector::ExtractOp::create(b, loc, word, ArrayRef<int64_t>{0});
  }
  Value ror8(Value v) {
    return arith::OrIOp::create(b, loc,
                                arith::ShRUIOp::create(b, loc, v, i32(8)),
                                arith::ShLIOp::create(b, loc, v, i32(24)));
  }
  /// Sign-extends bytes 0 and 2 (or 1 and 3 with `odd`) to halfwords, adding
  /// the halfword pair `offset` when given.
  Value unpack(Value word, bool odd, Value offset) {
    return arch.unpackEvenBytes(b, loc, odd ? ror8(word) : word, offset);
  }

  /// acc[j] += sum over i in [start, end) of (x[xIdx..., xBase + i] - zp) *
  /// w_j[wIdx_j..., i]. Bounds are index values; `zp` is subtracted only
  /// when `subtractZp`.
  SmallVector<Value> dot(Value x, ArrayRef<Value> xPrefix, Value xBase, Value w,
                         ArrayRef<SmallVector<Value>> wPrefixes, Value start,
                         Value end, std::optional<int64_t> len, ValueRange accs,
                         bool subtractZp, int64_t zp) {
    SmallVector<Value> prefix(xPrefix);
    return dotMulti(x, {prefix}, {xBase}, w, wPrefixes, start, end, len, accs,
                    subtractZp, zp);
  }

  /// The same for several x streams (output pixels) sharing the weights:
  /// accs[p * J + j] += x_p . w_j, so each unpacked weight word serves every
  /// stream.
  SmallVector<Value> dotMulti(Value x, ArrayRef<SmallVector<Value>> xPrefixes,
                              ArrayRef<Value> xBases, Value w,
                              ArrayRef<SmallVector<Value>> wPrefixes,
                              Value start, Value end,
                              std::optional<int64_t> len, ValueRange accs,
                              bool subtractZp, int64_t zp) {
    size_t numStreams = xBases.size(), numW = wPrefixes.size();
    Type accType = accs.front().getType();
    bool useDsp = arch.hasPackedMultiplyAccumulate() && accType.isInteger(32) &&
                  getElementTypeOrSelf(x.getType()).isInteger(8) &&
                  getElementTypeOrSelf(w.getType()).isInteger(8);
    SmallVector<Value> current(accs.begin(), accs.end());
    Value scalarStart = start;
    auto xIndex = [&](size_t p, Value i) {
      SmallVector<Value> idx(xPrefixes[p]);
      idx.push_back(add(xBases[p], i));
      return idx;
    };
    auto wIndex = [&](size_t j, Value i) {
      SmallVector<Value> idx(wPrefixes[j]);
      idx.push_back(i);
      return idx;
    };
    if (useDsp && (!len || *len >= 4)) {
      // Four products per SMLAD pair; the remainder is done one by one.
      Value length = arith::SubIOp::create(b, loc, end, start);
      Value mainEnd =
          add(start, arith::AndIOp::create(b, loc, length, idx(~int64_t(3))));
      Value offset;
      if (subtractZp && zp) {
        int64_t pair = ((-zp) & 0xFFFF) | (((-zp) & 0xFFFF) << 16);
        offset = i32(static_cast<int32_t>(pair));
      }
      // Two words per iteration when the run allows it: the loop control
      // and address updates are then shared by twice the products.
      int64_t words = len && *len % 8 == 0 && *len >= 16 ? 2 : 1;
      auto loop = scf::ForOp::create(
          b, loc, start, mainEnd, idx(4 * words), current,
          [&](OpBuilder &, Location, Value i, ValueRange args) {
            SmallVector<Value> next(args.begin(), args.end());
            for (int64_t word = 0; word < words; ++word) {
              Value at = addIdx(i, 4 * word);
              SmallVector<Value> xa, xb;
              for (size_t p = 0; p < numStreams; ++p) {
                Value xw = load4(x, xIndex(p, at));
                xa.push_back(unpack(xw, false, offset));
                xb.push_back(unpack(xw, true, offset));
              }
              for (size_t j = 0; j < numW; ++j) {
                Value ww = load4(w, wIndex(j, at));
                Value wa = unpack(ww, false, {}), wb = unpack(ww, true, {});
                for (size_t p = 0; p < numStreams; ++p) {
                  Value &acc = next[p * numW + j];
                  acc = arch.multiplyAccumulatePairs(b, loc, xa[p], wa, acc);
                  acc = arch.multiplyAccumulatePairs(b, loc, xb[p], wb, acc);
                }
              }
            }
            scf::YieldOp::create(b, loc, next);
          });
      current.assign(loop.getResults().begin(), loop.getResults().end());
      scalarStart = mainEnd;
      if (len && *len % 4 == 0)
        return current;
    }
    auto loop = scf::ForOp::create(
        b, loc, scalarStart, end, idx(1), current,
        [&](OpBuilder &, Location, Value i, ValueRange args) {
          SmallVector<Value> xs;
          for (size_t p = 0; p < numStreams; ++p) {
            Value xv = ext(extract(x, xIndex(p, i)), accType);
            if (subtractZp && zp)
              xv = arith::SubIOp::create(b, loc, xv, intConst(accType, zp));
            xs.push_back(xv);
          }
          SmallVector<Value> next(args.begin(), args.end());
          for (size_t j = 0; j < numW; ++j) {
            Value wv = ext(extract(w, wIndex(j, i)), accType);
            for (size_t p = 0; p < numStreams; ++p)
              next[p * numW + j] = add(next[p * numW + j], mul(xs[p], wv));
          }
          scf::YieldOp::create(b, loc, next);
        });
    return SmallVector<Value>(loop.getResults());
  }

  OpBuilder &b;
  Location loc;
  const mcuq::kernels::InstructionSet &arch;
};

/// Clones the epilogue body for one output element at `indices`.
Value emitEpilogue(OpBuilder &b, Location loc, linalg::GenericOp epilogue,
                   unsigned accOperand, Value acc, ArrayRef<Value> indices) {
  if (!epilogue)
    return acc;
  Block &body = epilogue.getRegion().front();
  IRMapping mapping;
  for (OpOperand *input : epilogue.getDpsInputOperands()) {
    Value arg = body.getArgument(input->getOperandNumber());
    if (input->getOperandNumber() == accOperand) {
      mapping.map(arg, acc);
      continue;
    }
    if (!isa<ShapedType>(input->get().getType())) {
      mapping.map(arg, input->get());
      continue;
    }
    SmallVector<Value> at = mcuq::applyIndexingMap(
        b, loc, epilogue.getMatchingIndexingMap(input), indices);
    mapping.map(arg, tensor::ExtractOp::create(b, loc, input->get(), at));
  }
  for (Operation &op : body.without_terminator()) {
    if (auto index = dyn_cast<linalg::IndexOp>(op)) {
      mapping.map(index.getResult(), indices[index.getDim()]);
      continue;
    }
    b.clone(op, mapping);
  }
  return mapping.lookupOrDefault(body.getTerminator()->getOperand(0));
}

/// Whether body value `v` of `epilogue` is a constant, or reads a constant
/// tensor, that never holds INT32_MIN (VQRDMULH saturates INT32_MIN^2).
bool neverInt32Min(linalg::GenericOp epilogue, Value v) {
  DenseElementsAttr values;
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    if (arg.getOwner() != &epilogue.getRegion().front() ||
        arg.getArgNumber() >= epilogue.getNumDpsInputs())
      return false;
    values = getConstant(epilogue.getDpsInputs()[arg.getArgNumber()]);
  } else {
    matchPattern(v, m_Constant(&values));
    IntegerAttr scalar;
    if (!values && matchPattern(v, m_Constant(&scalar)))
      return scalar.getValue().getSExtValue() != INT32_MIN;
  }
  return values && llvm::none_of(values.getValues<APInt>(), [](APInt x) {
           return x.getSExtValue() == INT32_MIN;
         });
}

/// The epilogue applied to `lanes` adjacent output channels at once: `acc`
/// is the vector of their accumulators, `indices` the first one's position.
/// Every op of the body works lane-wise on vectors; per-channel tables and
/// other tensors indexed by the channel are read as vectors, the rest
/// broadcast; the doubling high multiplies become VQRDMULH (Arm MVE). Returns
/// the tensor with the lanes written, or null when the body has something
/// else (an index, another i64 computation): then the caller stores lane by
/// lane.
Value emitVectorEpilogue(OpBuilder &b, Location loc,
                         const mcuq::kernels::InstructionSet &arch,
                         linalg::GenericOp epilogue, unsigned accOperand,
                         Value acc, ArrayRef<Value> indices, Value out) {
  auto accType = cast<VectorType>(acc.getType());
  int64_t lanes = accType.getNumElements();
  if (!getElementTypeOrSelf(out.getType()).isInteger(8))
    return {};
  auto vec = [&](Type t) { return VectorType::get({lanes}, t); };
  auto write = [&](Value v) {
    return vector::TransferWriteOp::create(b, loc, v, out, indices,
                                           ArrayRef<bool>{true})
        .getResult();
  };
  if (!epilogue)
    return getElementTypeOrSelf(out.getType()) == accType.getElementType()
               ? write(acc)
               : Value();
  // A residual join (another tensor than constant tables) keeps the scalar
  // epilogue: measured on ResNet-8, the vector one's registers slow the
  // convolution's inner loops in the same kernel more than it saves.
  for (OpOperand *input : epilogue.getDpsInputOperands())
    if (input->getOperandNumber() != accOperand &&
        isa<ShapedType>(input->get().getType()) && !getConstant(input->get()))
      return {};
  Block &body = epilogue.getRegion().front();
  // Check first: only arith ops and doubling high multiplies (VQRDMULH,
  // which saturates INT32_MIN^2 as TFLite does, where the expansion would
  // not because an operand was promised never to be INT32_MIN), no i64.
  for (Operation &op : body.without_terminator()) {
    if (auto mul = dyn_cast<mcuq::DoublingHighMulOp>(op)) {
      std::optional<int64_t> rhs = getConstantIntValue(mul.getRhs());
      if (rhs ? *rhs == INT32_MIN
              : !neverInt32Min(epilogue, mul.getLhs()) &&
                    !neverInt32Min(epilogue, mul.getRhs()))
        return {};
      continue;
    }
    if (!isa<arith::ArithDialect>(op.getDialect()) || op.getNumRegions())
      return {};
    if (!isa<arith::ConstantOp>(op))
      for (Type t : op.getResultTypes())
        if (!t.isIntOrIndexOrFloat() || t.isInteger(64) || t.isIndex())
          return {};
  }
  // Inputs: read along the channel, or broadcast.
  unsigned channelDim = epilogue.getNumLoops() - 1;
  IRMapping mapping;
  for (OpOperand *input : epilogue.getDpsInputOperands()) {
    Value arg = body.getArgument(input->getOperandNumber());
    if (input->getOperandNumber() == accOperand) {
      mapping.map(arg, acc);
      continue;
    }
    auto shaped = dyn_cast<RankedTensorType>(input->get().getType());
    if (!shaped) {
      mapping.map(arg, vector::BroadcastOp::create(b, loc, vec(arg.getType()),
                                                   input->get()));
      continue;
    }
    AffineMap map = epilogue.getMatchingIndexingMap(input);
    bool alongLast =
        map.getNumResults() > 0 &&
        map.getResults().back() == getAffineDimExpr(channelDim, b.getContext());
    for (AffineExpr e : map.getResults().drop_back(alongLast ? 1 : 0))
      if (e.isFunctionOfDim(channelDim))
        return {};
    SmallVector<Value> at = mcuq::applyIndexingMap(b, loc, map, indices);
    Value v;
    if (alongLast) {
      Value padding = arith::ConstantOp::create(
          b, loc, b.getZeroAttr(shaped.getElementType()));
      v = vector::TransferReadOp::create(b, loc, vec(shaped.getElementType()),
                                         input->get(), at, padding,
                                         ArrayRef<bool>{true});
    } else {
      v = vector::BroadcastOp::create(
          b, loc, vec(shaped.getElementType()),
          tensor::ExtractOp::create(b, loc, input->get(), at));
    }
    mapping.map(arg, v);
  }
  for (Operation &op : body.without_terminator()) {
    if (auto mul = dyn_cast<mcuq::DoublingHighMulOp>(op)) {
      // A constant multiplier is one vector constant.
      Value rhs = mapping.lookupOrNull(mul.getRhs());
      if (std::optional<int64_t> c = getConstantIntValue(mul.getRhs()))
        rhs = arith::ConstantOp::create(
            b, loc,
            DenseElementsAttr::get(vec(b.getI32Type()),
                                   b.getI32IntegerAttr(*c).getValue()));
      if (!rhs)
        rhs = vector::BroadcastOp::create(b, loc, vec(b.getI32Type()),
                                          mul.getRhs());
      Value r =
          arch.vectorDoublingHighMul(b, loc, mapping.lookup(mul.getLhs()), rhs);
      mapping.map(mul.getResult(), r);
      continue;
    }
    if (auto cst = dyn_cast<arith::ConstantOp>(op)) {
      auto attr = dyn_cast<TypedAttr>(cst.getValue());
      if (!attr)
        return {};
      mapping.map(
          cst.getResult(),
          arith::ConstantOp::create(
              b, loc, DenseElementsAttr::get(vec(attr.getType()), attr)));
      continue;
    }
    OperationState state(loc, op.getName());
    for (Value operand : op.getOperands()) {
      // Values from above the body are the same for every lane.
      Value mapped = mapping.lookupOrNull(operand);
      if (!mapped) {
        if (!operand.getType().isIntOrFloat())
          return {};
        mapped = vector::BroadcastOp::create(b, loc, vec(operand.getType()),
                                             operand);
        mapping.map(operand, mapped);
      }
      state.addOperands(mapped);
    }
    state.addAttributes(llvm::to_vector(op.getDiscardableAttrs()));
    state.propertiesAttr = op.getPropertiesAsAttribute();
    for (Type t : op.getResultTypes())
      state.addTypes(vec(t));
    Operation *clone = b.create(state);
    mapping.map(op.getResults(), clone->getResults());
  }
  return write(mapping.lookup(body.getTerminator()->getOperand(0)));
}

/// Largest channel block (<= maxBlock, from 4, 2, 1) dividing `channels`.
int64_t pickBlock(int64_t channels, unsigned maxBlock) {
  for (int64_t block : {4, 2, 1})
    if (block <= maxBlock && channels % block == 0)
      return block;
  return 1;
}

/// Loop over [0, n) threading `carried`; `body` returns the new carried
/// values.
SmallVector<Value>
forLoop(OpBuilder &b, Location loc, Value lb, Value ub, Value step,
        ValueRange carried,
        function_ref<SmallVector<Value>(OpBuilder &, Value, ValueRange)> body) {
  auto loop = scf::ForOp::create(
      b, loc, lb, ub, step, carried,
      [&](OpBuilder &nb, Location, Value iv, ValueRange args) {
        scf::YieldOp::create(nb, loc, body(nb, iv, args));
      });
  return SmallVector<Value>(loop.getResults());
}

/// Output rows/columns whose whole window lies inside the input.
std::pair<int64_t, int64_t> interiorRange(int64_t out, int64_t in,
                                          int64_t kernel, int64_t stride,
                                          int64_t dilation, int64_t pad) {
  int64_t lo = 0, hi = 0;
  while (lo < out && lo * stride - pad < 0)
    ++lo;
  hi = lo;
  while (hi < out && hi * stride - pad + (kernel - 1) * dilation < in)
    ++hi;
  return {lo, hi};
}

struct KernelGenerator {
  Contraction &c;
  linalg::GenericOp epilogue;
  unsigned accOperand = 0;
  /// The instruction-set strategy of the module's target.
  const mcuq::kernels::InstructionSet *arch;
  unsigned maxBlock;

  /// Generates the kernel and returns the tensor replacing the epilogue's
  /// (or the contraction's) result.
  Value generate(OpBuilder &b, Location loc) {
    auto outType = cast<RankedTensorType>(
        epilogue ? epilogue->getResult(0).getType() : c.result.getType());
    Value init = epilogue ? epilogue.getDpsInits()[0]
                          : tensor::EmptyOp::create(b, loc, outType.getShape(),
                                                    outType.getElementType())
                                .getResult();
    switch (c.kind) {
    case Kind::Conv:
      if (vectorizeOutputChannels())
        return generateConvByOutputChannels(b, loc, init);
      return generateConv(b, loc, init);
    case Kind::Depthwise:
      if (vectorizeOutputChannels())
        return generateConvByOutputChannels(b, loc, init);
      return generateDepthwise(b, loc, init);
    case Kind::FullyConnected:
      return generateFullyConnected(b, loc, init);
    }
    return {};
  }

  /// Per-channel bias tensors: folded (interior) and without the zero-point
  /// correction (border), as constants.
  std::pair<Value, Value> biasTensors(OpBuilder &b, Location loc,
                                      ArrayRef<int64_t> weightSums) {
    auto vec = [&](ArrayRef<int64_t> values) {
      auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                        c.accType);
      unsigned bits = c.accType.getIntOrFloatBitWidth();
      SmallVector<APInt> ap;
      for (int64_t v : values)
        ap.push_back(APInt(bits, v, true, true));
      return arith::ConstantOp::create(b, loc, DenseElementsAttr::get(type, ap))
          .getResult();
    };
    SmallVector<int64_t> border(c.bias);
    for (auto [i, s] : llvm::enumerate(weightSums))
      border[i] += c.zeroPoint * s;
    return {vec(c.bias), vec(border)};
  }

  Value biasAt(KernelBuilder &kb, Value biasTensor, Value channel) {
    Value v = kb.extract(biasTensor, {channel});
    if (c.runtimeBias)
      v = kb.add(v, kb.ext(kb.extract(c.runtimeBias, {channel}), c.accType));
    return v;
  }

  Value store(KernelBuilder &kb, Value out, Value acc,
              ArrayRef<Value> indices) {
    Value v = emitEpilogue(kb.b, kb.loc, epilogue, accOperand, acc, indices);
    return tensor::InsertOp::create(kb.b, kb.loc, v, out, indices);
  }

  /// Stores the accumulators of adjacent output channels [first, first + n)
  /// at `indices` (whose last is the first channel): on MVE through the
  /// vector epilogue, four channels at a time, else one by one. `accs` are
  /// scalars, or vectors of `vectorLanes`. Fully connected layers keep the
  /// scalar epilogue (`vectorize` false): their few outputs gain nothing and
  /// they may write into state views that vector stores cannot take.
  Value storeChannels(KernelBuilder &kb, Value out, ValueRange accs,
                      ArrayRef<Value> indices, bool vectorize = true) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    SmallVector<Value> at(indices);
    Value first = at.back();
    SmallVector<Value> scalars, vectors;
    if (isa<VectorType>(accs.front().getType())) {
      vectors.assign(accs.begin(), accs.end());
    } else if (vectorize && arch->hasVectorDoublingHighMul() &&
               arch->vectorLanes > 1 && accs.size() % arch->vectorLanes == 0) {
      for (size_t i = 0; i < accs.size(); i += arch->vectorLanes)
        vectors.push_back(vector::FromElementsOp::create(
            b, loc, VectorType::get({int64_t(arch->vectorLanes)}, c.accType),
            accs.slice(i, arch->vectorLanes)));
    } else {
      scalars.assign(accs.begin(), accs.end());
    }
    for (auto [v, acc] : llvm::enumerate(vectors)) {
      int64_t lanes = cast<VectorType>(acc.getType()).getNumElements();
      at.back() = kb.addIdx(first, v * lanes);
      if (arch->hasVectorDoublingHighMul())
        if (Value r = emitVectorEpilogue(b, loc, *arch, epilogue, accOperand,
                                         acc, at, out)) {
          out = r;
          continue;
        }
      for (int64_t lane = 0; lane < lanes; ++lane) {
        at.back() = kb.addIdx(first, v * lanes + lane);
        out = store(
            kb, out,
            vector::ExtractOp::create(b, loc, acc, ArrayRef<int64_t>{lane}),
            at);
      }
    }
    for (auto [j, acc] : llvm::enumerate(scalars)) {
      at.back() = kb.addIdx(first, j);
      out = store(kb, out, acc, at);
    }
    return out;
  }

  /// The interior/border split of an output position: the interior uses
  /// static window bounds and the folded bias.
  template <typename Fn>
  Value splitByBorder(KernelBuilder &kb, Value out, Value oh, Value ow,
                      std::pair<int64_t, int64_t> rows,
                      std::pair<int64_t, int64_t> cols, int64_t numRows,
                      int64_t numCols, Fn body) {
    bool allInterior = rows.first == 0 && rows.second == numRows &&
                       cols.first == 0 && cols.second == numCols;
    if (allInterior)
      return body(kb, out, /*interior=*/true);
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    auto inRange = [&](Value v, std::pair<int64_t, int64_t> r) {
      Value ge = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, v,
                                       kb.idx(r.first));
      Value lt = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, v,
                                       kb.idx(r.second));
      return arith::AndIOp::create(b, loc, ge, lt).getResult();
    };
    Value interior =
        arith::AndIOp::create(b, loc, inRange(oh, rows), inRange(ow, cols));
    auto ifOp = scf::IfOp::create(b, loc, TypeRange{out.getType()}, interior,
                                  /*withElse=*/true);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&ifOp.getThenRegion().front());
      scf::YieldOp::create(b, loc, body(kb, out, true));
      b.setInsertionPointToStart(&ifOp.getElseRegion().front());
      scf::YieldOp::create(b, loc, body(kb, out, false));
    }
    return ifOp.getResult(0);
  }

  /// The taps of a KH x KW window at (ih0, iw0): each row's and column's
  /// input position and, at the border, the position clamped into the image
  /// with a flag for whether it was inside (out-of-image taps then read the
  /// zero point).
  struct Window {
    SmallVector<Value> rows, cols, rowValid, colValid;
  };
  Window window(KernelBuilder &kb, Value ih0, Value iw0, int64_t H, int64_t W,
                int64_t KH, int64_t KW, bool interior) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    auto clampIn = [&](Value v, int64_t size, Value &valid) {
      Value ge = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, v,
                                       kb.idx(0));
      Value lt = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, v,
                                       kb.idx(size));
      valid = arith::AndIOp::create(b, loc, ge, lt);
      Value lo = arith::MaxSIOp::create(b, loc, v, kb.idx(0));
      return arith::MinSIOp::create(b, loc, lo, kb.idx(size - 1)).getResult();
    };
    Window win;
    for (int64_t kh = 0; kh < KH; ++kh) {
      Value ih = kb.addIdx(ih0, kh * c.dilationH);
      Value valid;
      win.rows.push_back(interior ? ih : clampIn(ih, H, valid));
      win.rowValid.push_back(valid);
    }
    for (int64_t kw = 0; kw < KW; ++kw) {
      Value iw = kb.addIdx(iw0, kw * c.dilationW);
      Value valid;
      win.cols.push_back(interior ? iw : clampIn(iw, W, valid));
      win.colValid.push_back(valid);
    }
    return win;
  }

  /// Valid tap range [lo, hi) of a window starting at `origin` (may be
  /// negative) over an input of `size`.
  std::pair<Value, Value> tapRange(KernelBuilder &kb, Value origin,
                                   int64_t size, int64_t kernel,
                                   int64_t dilation) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    // lo = max(0, ceil(-origin / d)), hi = min(K, ceil((size - origin) / d))
    Value zero = kb.idx(0);
    Value negOrigin = arith::SubIOp::create(b, loc, zero, origin);
    Value lo = arith::MaxSIOp::create(
        b, loc, zero,
        arith::CeilDivSIOp::create(b, loc, negOrigin, kb.idx(dilation)));
    Value remaining = arith::SubIOp::create(b, loc, kb.idx(size), origin);
    Value hi = arith::MinSIOp::create(
        b, loc, kb.idx(kernel),
        arith::CeilDivSIOp::create(b, loc, remaining, kb.idx(dilation)));
    hi = arith::MaxSIOp::create(b, loc, hi, lo);
    return {lo, hi};
  }

  Value generateConv(OpBuilder &b, Location loc, Value init) {
    KernelBuilder kb(b, loc, *arch);
    auto inType = cast<RankedTensorType>(c.input.getType());
    auto wType = c.weights.getType();
    int64_t N = inType.getDimSize(0), H = inType.getDimSize(1),
            W = inType.getDimSize(2), C = inType.getDimSize(3);
    int64_t F = wType.getDimSize(0), KH = wType.getDimSize(1),
            KW = wType.getDimSize(2);
    auto outType = cast<RankedTensorType>(init.getType());
    int64_t OH = outType.getDimSize(1), OW = outType.getDimSize(2);

    // Rows of the input and of the filter as one contiguous run each: a
    // window row of KW taps x C channels is KW * C consecutive bytes.
    Value x = tensor::CollapseShapeOp::create(
        b, loc, c.input, SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
    auto wFlatType =
        RankedTensorType::get({F, KH, KW * C}, wType.getElementType());
    Value w = arith::ConstantOp::create(b, loc, c.weights.reshape(wFlatType));
    SmallVector<int64_t> sums(F, 0);
    {
      int64_t i = 0, perChannel = KH * KW * C;
      for (const APInt &v : c.weights.getValues<APInt>())
        sums[i++ / perChannel] += v.getSExtValue();
    }
    Value biasInterior, biasBorder;
    std::tie(biasInterior, biasBorder) = biasTensors(b, loc, sums);
    int64_t block = pickBlock(F, maxBlock);
    auto rows = interiorRange(OH, H, KH, c.strideH, c.dilationH, c.padTop);
    auto cols = interiorRange(OW, W, KW, c.strideW, c.dilationW, c.padLeft);

    // One output pixel, interior or border.
    auto pixel = [&](Value current, Value n, Value oh, Value ow) -> Value {
      Value ih0 = kb.addIdx(kb.mulIdx(oh, c.strideH), -c.padTop);
      Value iw0 = kb.addIdx(kb.mulIdx(ow, c.strideW), -c.padLeft);
      Value out = splitByBorder(
          kb, current, oh, ow, rows, cols, OH, OW,
          [&](KernelBuilder &kb, Value out, bool interior) {
            Value kh0, kh1, kw0, kw1;
            if (interior) {
              kh0 = kb.idx(0);
              kh1 = kb.idx(KH);
              kw0 = kb.idx(0);
              kw1 = kb.idx(KW);
            } else {
              std::tie(kh0, kh1) = tapRange(kb, ih0, H, KH, c.dilationH);
              std::tie(kw0, kw1) = tapRange(kb, iw0, W, KW, c.dilationW);
            }
            Value bias = interior ? biasInterior : biasBorder;
            return forLoop(
                b, loc, kb.idx(0), kb.idx(F), kb.idx(block), out,
                [&](OpBuilder &, Value f0,
                    ValueRange o4) -> SmallVector<Value> {
                  SmallVector<Value> accs, channels;
                  for (int64_t j = 0; j < block; ++j) {
                    channels.push_back(kb.addIdx(f0, j));
                    accs.push_back(biasAt(kb, bias, channels.back()));
                  }
                  accs = forLoop(
                      b, loc, kh0, kh1, kb.idx(1), accs,
                      [&](OpBuilder &, Value kh, ValueRange a) {
                        Value ih = kb.add(ih0, kb.mulIdx(kh, c.dilationH));
                        SmallVector<SmallVector<Value>> wPrefixes;
                        for (Value ch : channels)
                          wPrefixes.push_back({ch, kh});
                        if (c.dilationW == 1) {
                          // One contiguous run over taps kw0..kw1 and channels.
                          std::optional<int64_t> len;
                          if (interior)
                            len = KW * C;
                          return kb.dot(x, {n, ih}, kb.mulIdx(iw0, C), w,
                                        wPrefixes, kb.mulIdx(kw0, C),
                                        kb.mulIdx(kw1, C), len, a, !interior,
                                        c.zeroPoint);
                        }
                        return forLoop(
                            b, loc, kw0, kw1, kb.idx(1), a,
                            [&](OpBuilder &, Value kw, ValueRange a2) {
                              Value iw =
                                  kb.add(iw0, kb.mulIdx(kw, c.dilationW));
                              // Channels of tap kw: x[.., iw*C + i], w[.., kw*C
                              // + i].
                              Value wBase = kb.mulIdx(kw, C);
                              SmallVector<SmallVector<Value>> shifted;
                              for (Value ch : channels)
                                shifted.push_back({ch, kh});
                              Value xBase = arith::SubIOp::create(
                                  b, loc, kb.mulIdx(iw, C), wBase);
                              return kb.dot(x, {n, ih}, xBase, w, shifted,
                                            wBase, kb.add(wBase, kb.idx(C)), C,
                                            a2, !interior, c.zeroPoint);
                            });
                      });
                  return SmallVector<Value>{
                      storeChannels(kb, o4[0], accs, {n, oh, ow, channels[0]})};
                })[0];
          });
      return out;
    };

    // Two horizontally adjacent interior pixels at once: every weight word
    // is loaded and unpacked once for both.
    int64_t pairBlock = pickBlock(F, arch->pairChannels);
    auto pair = [&](Value out, Value n, Value oh, Value ow) -> Value {
      Value ih0 = kb.addIdx(kb.mulIdx(oh, c.strideH), -c.padTop);
      Value iw0 = kb.addIdx(kb.mulIdx(ow, c.strideW), -c.padLeft);
      Value ow1 = kb.addIdx(ow, 1);
      return forLoop(
          b, loc, kb.idx(0), kb.idx(F), kb.idx(pairBlock), out,
          [&](OpBuilder &, Value f0, ValueRange o) -> SmallVector<Value> {
            SmallVector<Value> channels, accs;
            for (int64_t j = 0; j < pairBlock; ++j)
              channels.push_back(kb.addIdx(f0, j));
            for (int p = 0; p < 2; ++p)
              for (Value ch : channels)
                accs.push_back(biasAt(kb, biasInterior, ch));
            accs = forLoop(
                b, loc, kb.idx(0), kb.idx(KH), kb.idx(1), accs,
                [&](OpBuilder &, Value kh, ValueRange a) {
                  Value ih = kb.add(ih0, kb.mulIdx(kh, c.dilationH));
                  SmallVector<SmallVector<Value>> wPrefixes;
                  for (Value ch : channels)
                    wPrefixes.push_back({ch, kh});
                  Value base0 = kb.mulIdx(iw0, C);
                  Value base1 = kb.addIdx(base0, c.strideW * C);
                  if (c.dilationW == 1)
                    return kb.dotMulti(x, {{n, ih}, {n, ih}}, {base0, base1}, w,
                                       wPrefixes, kb.idx(0), kb.idx(KW * C),
                                       KW * C, a, false, 0);
                  return forLoop(
                      b, loc, kb.idx(0), kb.idx(KW), kb.idx(1), a,
                      [&](OpBuilder &, Value kw, ValueRange a2) {
                        Value wBase = kb.mulIdx(kw, C);
                        Value shift = kb.mulIdx(kw, (c.dilationW - 1) * C);
                        return kb.dotMulti(
                            x, {{n, ih}, {n, ih}},
                            {kb.add(base0, shift), kb.add(base1, shift)}, w,
                            wPrefixes, wBase, kb.addIdx(wBase, C), C, a2, false,
                            0);
                      });
                });
            Value r = o[0];
            for (int p = 0; p < 2; ++p)
              r = storeChannels(
                  kb, r, ArrayRef<Value>(accs).slice(p * pairBlock, pairBlock),
                  {n, oh, p ? ow1 : ow, channels[0]});
            return SmallVector<Value>{r};
          })[0];
    };

    int64_t numPairs = (cols.second - cols.first) / 2;
    int64_t pairsEnd = cols.first + 2 * numPairs;
    auto singles = [&](Value out, Value n, Value oh, int64_t from, int64_t to) {
      if (from >= to)
        return out;
      return forLoop(b, loc, kb.idx(from), kb.idx(to), kb.idx(1), out,
                     [&](OpBuilder &, Value ow, ValueRange o) {
                       return SmallVector<Value>{pixel(o[0], n, oh, ow)};
                     })[0];
    };
    auto row = [&](Value out, Value n, Value oh) -> Value {
      if (numPairs == 0)
        return singles(out, n, oh, 0, OW);
      // Pairs only in rows whose windows are inside the image.
      auto body = [&](Value o, bool interiorRow) {
        if (!interiorRow)
          return singles(o, n, oh, 0, OW);
        o = singles(o, n, oh, 0, cols.first);
        o = forLoop(b, loc, kb.idx(cols.first), kb.idx(pairsEnd), kb.idx(2), o,
                    [&](OpBuilder &, Value ow, ValueRange r) {
                      return SmallVector<Value>{pair(r[0], n, oh, ow)};
                    })[0];
        return singles(o, n, oh, pairsEnd, OW);
      };
      if (rows.first == 0 && rows.second == OH)
        return body(out, true);
      Value ge = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, oh,
                                       kb.idx(rows.first));
      Value lt = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, oh,
                                       kb.idx(rows.second));
      auto ifOp = scf::IfOp::create(b, loc, TypeRange{out.getType()},
                                    arith::AndIOp::create(b, loc, ge, lt),
                                    /*withElse=*/true);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&ifOp.getThenRegion().front());
      scf::YieldOp::create(b, loc, body(out, true));
      b.setInsertionPointToStart(&ifOp.getElseRegion().front());
      scf::YieldOp::create(b, loc, body(out, false));
      return ifOp.getResult(0);
    };

    SmallVector<Value> result =
        forLoop(b, loc, kb.idx(0), kb.idx(N), kb.idx(1), init,
                [&](OpBuilder &, Value n, ValueRange o1) {
                  return forLoop(b, loc, kb.idx(0), kb.idx(OH), kb.idx(1), o1,
                                 [&](OpBuilder &, Value oh, ValueRange o2) {
                                   return SmallVector<Value>{row(o2[0], n, oh)};
                                 });
                });
    return result[0];
  }

  /// Convolutions over a few input channels (first layers: one microphone
  /// channel, three colours) give LLVM no reduction to vectorize; with vector
  /// registers they take output channels across the lanes instead. A
  /// depthwise convolution of one input channel is such a convolution.
  bool vectorizeOutputChannels() {
    auto inType = cast<RankedTensorType>(c.input.getType());
    int64_t inChannels = inType.getDimSize(3);
    int64_t F = c.kind == Kind::Depthwise ? inChannels * c.multiplier
                                          : c.weights.getType().getDimSize(0);
    int64_t taps = c.weights.getType().getNumElements() / F;
    if (c.kind == Kind::Depthwise ? inChannels != 1 : inChannels > 4)
      return false;
    return arch->vectorLanes > 1 && F % arch->vectorLanes == 0 && taps <= 128 &&
           c.accType.isInteger(32) && inType.getElementType().isInteger(8) &&
           !c.runtimeBias;
  }

  /// Per output pixel and block of two (or one) vectors of output channels:
  /// per tap one input byte (the zero point outside the image) times a
  /// vector of weights (blocked as [F / block, KH, KW, C, block]), added to
  /// the accumulator vector (MVE's VMLA by a scalar). Taps are unrolled.
  Value generateConvByOutputChannels(OpBuilder &b, Location loc, Value init) {
    KernelBuilder kb(b, loc, *arch);
    auto inType = cast<RankedTensorType>(c.input.getType());
    auto wType = c.weights.getType();
    int64_t N = inType.getDimSize(0), H = inType.getDimSize(1),
            W = inType.getDimSize(2), C = inType.getDimSize(3);
    // Filters: conv [F, KH, KW, C]; depthwise of one channel [KH, KW, (1,) F].
    bool depthwise = c.kind == Kind::Depthwise;
    int64_t F = depthwise ? C * c.multiplier : wType.getDimSize(0);
    int64_t KH = wType.getDimSize(depthwise ? 0 : 1),
            KW = wType.getDimSize(depthwise ? 1 : 2);
    auto outType = cast<RankedTensorType>(init.getType());
    int64_t OH = outType.getDimSize(1), OW = outType.getDimSize(2);
    int64_t lanes = arch->vectorLanes;
    int64_t vectors = F % (2 * lanes) == 0 ? 2 : 1, block = vectors * lanes;
    Type i8 = b.getI8Type();
    auto narrow = VectorType::get({lanes}, i8);
    auto wide = VectorType::get({lanes}, c.accType);

    SmallVector<APInt> flat(c.weights.getValues<APInt>());
    SmallVector<APInt> blocked;
    blocked.reserve(flat.size());
    int64_t taps = KH * KW * C;
    for (int64_t bi = 0; bi < F / block; ++bi)
      for (int64_t tap = 0; tap < taps; ++tap)
        for (int64_t j = 0; j < block; ++j)
          blocked.push_back(depthwise ? flat[tap * F + bi * block + j]
                                      : flat[(bi * block + j) * taps + tap]);
    Value w = arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(
            RankedTensorType::get({F / block, KH, KW, C, block},
                                  wType.getElementType()),
            blocked));
    // Outside taps read the zero point, so the folded bias holds everywhere.
    Value bias = biasTensors(b, loc, SmallVector<int64_t>(F, 0)).first;
    auto rows = interiorRange(OH, H, KH, c.strideH, c.dilationH, c.padTop);
    auto cols = interiorRange(OW, W, KW, c.strideW, c.dilationW, c.padLeft);
    auto pixel = [&](Value current, Value n, Value oh, Value ow) -> Value {
      Value ih0 = kb.addIdx(kb.mulIdx(oh, c.strideH), -c.padTop);
      Value iw0 = kb.addIdx(kb.mulIdx(ow, c.strideW), -c.padLeft);
      return splitByBorder(
          kb, current, oh, ow, rows, cols, OH, OW,
          [&](KernelBuilder &kb, Value out, bool interior) {
            Window win = window(kb, ih0, iw0, H, W, KH, KW, interior);
            return forLoop(
                b, loc, kb.idx(0), kb.idx(F / block), kb.idx(1), out,
                [&](OpBuilder &, Value bi, ValueRange o) -> SmallVector<Value> {
                  Value f0 = kb.mulIdx(bi, block);
                  SmallVector<Value> channels, accs;
                  for (int64_t v = 0; v < vectors; ++v) {
                    channels.push_back(kb.addIdx(f0, v * lanes));
                    accs.push_back(
                        kb.readVector(bias, wide, {channels.back()}));
                  }
                  for (int64_t kh = 0; kh < KH; ++kh)
                    for (int64_t kw = 0; kw < KW; ++kw) {
                      Value valid;
                      if (!interior)
                        valid = arith::AndIOp::create(b, loc, win.rowValid[kh],
                                                      win.colValid[kw]);
                      for (int64_t ci = 0; ci < C; ++ci) {
                        Value x =
                            kb.extract(c.input, {n, win.rows[kh], win.cols[kw],
                                                 kb.idx(ci)});
                        if (valid)
                          x = arith::SelectOp::create(
                              b, loc, valid, x, kb.intConst(i8, c.zeroPoint));
                        Value xs = vector::BroadcastOp::create(
                            b, loc, wide, kb.ext(x, c.accType));
                        for (int64_t v = 0; v < vectors; ++v) {
                          Value wv =
                              kb.readVector(w, narrow,
                                            {bi, kb.idx(kh), kb.idx(kw),
                                             kb.idx(ci), kb.idx(v * lanes)});
                          accs[v] =
                              kb.add(accs[v], kb.mul(kb.ext(wv, wide), xs));
                        }
                      }
                    }
                  return SmallVector<Value>{
                      storeChannels(kb, o[0], accs, {n, oh, ow, f0})};
                })[0];
          });
    };
    SmallVector<Value> result = forLoop(
        b, loc, kb.idx(0), kb.idx(N), kb.idx(1), init,
        [&](OpBuilder &, Value n, ValueRange o1) {
          return forLoop(b, loc, kb.idx(0), kb.idx(OH), kb.idx(1), o1,
                         [&](OpBuilder &, Value oh, ValueRange o2) {
                           return forLoop(
                               b, loc, kb.idx(0), kb.idx(OW), kb.idx(1), o2,
                               [&](OpBuilder &, Value ow, ValueRange o3) {
                                 return SmallVector<Value>{
                                     pixel(o3[0], n, oh, ow)};
                               });
                         });
        });
    return result[0];
  }

  /// Depthwise: per output pixel and block of channels, the window taps
  /// accumulate in registers. Border pixels run the same static window with
  /// out-of-image taps reading the zero point (clamped index + select), so
  /// the bias with the zero point folded in stays right for every pixel.
  Value generateDepthwise(OpBuilder &b, Location loc, Value init) {
    KernelBuilder kb(b, loc, *arch);
    auto inType = cast<RankedTensorType>(c.input.getType());
    int64_t N = inType.getDimSize(0), H = inType.getDimSize(1),
            W = inType.getDimSize(2), C = inType.getDimSize(3);
    auto wType = c.weights.getType();
    int64_t KH = wType.getDimSize(0), KW = wType.getDimSize(1);
    int64_t M = c.multiplier, F = C * M;
    auto outType = cast<RankedTensorType>(init.getType());
    int64_t OH = outType.getDimSize(1), OW = outType.getDimSize(2);
    Type accType = c.accType;
    Type elementType = inType.getElementType();

    // Filter as [KH, KW, C * M]: output channel c * M + m.
    auto wFlatType = RankedTensorType::get({KH, KW, F}, wType.getElementType());
    Value bias = biasTensors(b, loc, SmallVector<int64_t>(F, 0)).first;
    // With M == 1 each channel reads its own input; four adjacent channels
    // are one word for SXTB16 + SMLABB/SMLATT. With M > 1 the M outputs of
    // an input channel share its taps.
    bool useDsp = arch->hasPackedMultiplyAccumulate() && M == 1 && C % 4 == 0 &&
                  accType.isInteger(32) && elementType.isInteger(8);
    // With vector registers: `lanes` adjacent channels per vector, two
    // vectors per pass when the channels allow (each tap's loads then serve
    // more multiply-adds between loop overheads).
    int64_t lanes = arch->vectorLanes;
    bool useVector = !useDsp && lanes > 1 && M == 1 && C % lanes == 0 &&
                     accType.isInteger(32) && elementType.isInteger(8) &&
                     !c.runtimeBias;
    int64_t vectors = useVector ? (C % (2 * lanes) == 0 ? 2 : 1) : 0;
    int64_t block = useVector ? vectors * lanes
                    : useDsp  ? 4
                              : (M == 1 ? pickBlock(C, maxBlock) : 1);
    // The vector path reads a block's weights as [C / block, KH, KW, block]:
    // every tap at a constant offset from one address per block; and the
    // input through its flat view, so that in the interior the taps are
    // constant offsets from one address, which LLVM keeps in one register
    // instead of a pointer per tap.
    Value w, wBlocked, inFlat;
    if (useVector) {
      inFlat = tensor::CollapseShapeOp::create(
          b, loc, c.input, SmallVector<ReassociationIndices>{{0, 1, 2, 3}});
      SmallVector<APInt> flat(c.weights.getValues<APInt>());
      SmallVector<APInt> blocked;
      blocked.reserve(flat.size());
      for (int64_t bi = 0; bi < C / block; ++bi)
        for (int64_t tap = 0; tap < KH * KW; ++tap)
          for (int64_t j = 0; j < block; ++j)
            blocked.push_back(flat[tap * C + bi * block + j]);
      auto type = RankedTensorType::get({C / block, KH, KW, block},
                                        wType.getElementType());
      wBlocked = arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(type, blocked));
    } else {
      w = arith::ConstantOp::create(b, loc, c.weights.reshape(wFlatType));
    }
    auto rows = interiorRange(OH, H, KH, c.strideH, c.dilationH, c.padTop);
    auto cols = interiorRange(OW, W, KW, c.strideW, c.dilationW, c.padLeft);
    int64_t zpWord = 0;
    for (int i = 0; i < 4; ++i)
      zpWord |= (c.zeroPoint & 0xFF) << (8 * i);

    SmallVector<Value> result = forLoop(
        b, loc, kb.idx(0), kb.idx(N), kb.idx(1), init,
        [&](OpBuilder &, Value n, ValueRange o1) {
          return forLoop(
              b, loc, kb.idx(0), kb.idx(OH), kb.idx(1), o1,
              [&](OpBuilder &, Value oh, ValueRange o2) {
                return forLoop(
                    b, loc, kb.idx(0), kb.idx(OW), kb.idx(1), o2,
                    [&](OpBuilder &, Value ow,
                        ValueRange o3) -> SmallVector<Value> {
                      Value ih0 =
                          kb.addIdx(kb.mulIdx(oh, c.strideH), -c.padTop);
                      Value iw0 =
                          kb.addIdx(kb.mulIdx(ow, c.strideW), -c.padLeft);
                      Value out = splitByBorder(
                          kb, o3[0], oh, ow, rows, cols, OH, OW,
                          [&](KernelBuilder &kb, Value out, bool interior) {
                            // Per tap: the (clamped) position and whether it is
                            // inside.
                            Window win =
                                window(kb, ih0, iw0, H, W, KH, KW, interior);
                            SmallVector<Value> &ihs = win.rows, &iws = win.cols,
                                               &rowValid = win.rowValid,
                                               &colValid = win.colValid;
                            if (useVector)
                              return forLoop(
                                  b, loc, kb.idx(0), kb.idx(C / block),
                                  kb.idx(1), out,
                                  [&](OpBuilder &, Value bi,
                                      ValueRange o4) -> SmallVector<Value> {
                                    return {vectorBlock(
                                        kb, o4[0], inFlat, wBlocked, bias, n,
                                        oh, ow, bi, ihs, iws, rowValid,
                                        colValid, KH, KW, vectors, lanes,
                                        interior)};
                                  })[0];
                            return forLoop(
                                b, loc, kb.idx(0), kb.idx(C), kb.idx(block),
                                out,
                                [&](OpBuilder &, Value c0,
                                    ValueRange o4) -> SmallVector<Value> {
                                  SmallVector<Value> accs, inChannels,
                                      outChannels;
                                  for (int64_t j = 0; j < block; ++j) {
                                    Value ch = kb.addIdx(c0, j);
                                    inChannels.push_back(ch);
                                    for (int64_t m = 0; m < M; ++m) {
                                      outChannels.push_back(
                                          kb.addIdx(kb.mulIdx(ch, M), m));
                                      accs.push_back(
                                          biasAt(kb, bias, outChannels.back()));
                                    }
                                  }
                                  for (int64_t kh = 0; kh < KH; ++kh) {
                                    for (int64_t kw = 0; kw < KW; ++kw) {
                                      Value valid;
                                      if (!interior)
                                        valid = arith::AndIOp::create(
                                            b, loc, rowValid[kh], colValid[kw]);
                                      Value khv = kb.idx(kh), kwv = kb.idx(kw);
                                      if (useDsp) {
                                        Value xw = kb.load4(
                                            c.input, {n, ihs[kh], iws[kw], c0});
                                        if (valid)
                                          xw = arith::SelectOp::create(
                                              b, loc, valid, xw,
                                              kb.i32(static_cast<int32_t>(
                                                  zpWord)));
                                        Value ww = kb.load4(w, {khv, kwv, c0});
                                        Value xa = kb.unpack(xw, false, {}),
                                              xb = kb.unpack(xw, true, {});
                                        Value wa = kb.unpack(ww, false, {}),
                                              wb = kb.unpack(ww, true, {});
                                        // Lanes: a = channels 0 and 2, b =
                                        // channels 1 and 3.
                                        accs[0] = arch->multiplyAccumulateHalf(
                                            b, loc, xa, wa, accs[0], false);
                                        accs[2] = arch->multiplyAccumulateHalf(
                                            b, loc, xa, wa, accs[2], true);
                                        accs[1] = arch->multiplyAccumulateHalf(
                                            b, loc, xb, wb, accs[1], false);
                                        accs[3] = arch->multiplyAccumulateHalf(
                                            b, loc, xb, wb, accs[3], true);
                                        continue;
                                      }
                                      for (int64_t j = 0; j < block; ++j) {
                                        Value x = kb.extract(
                                            c.input, {n, ihs[kh], iws[kw],
                                                      inChannels[j]});
                                        if (valid)
                                          x = arith::SelectOp::create(
                                              b, loc, valid, x,
                                              kb.intConst(elementType,
                                                          c.zeroPoint));
                                        Value xv = kb.ext(x, accType);
                                        for (int64_t m = 0; m < M; ++m) {
                                          Value wv = kb.ext(
                                              kb.extract(
                                                  w, {khv, kwv,
                                                      outChannels[j * M + m]}),
                                              accType);
                                          accs[j * M + m] = kb.add(
                                              accs[j * M + m], kb.mul(xv, wv));
                                        }
                                      }
                                    }
                                  }
                                  Value o = o4[0];
                                  for (auto [k, ch] :
                                       llvm::enumerate(outChannels))
                                    o = store(kb, o, accs[k], {n, oh, ow, ch});
                                  return SmallVector<Value>{o};
                                })[0];
                          });
                      return SmallVector<Value>{out};
                    });
              });
        });
    return result[0];
  }

  /// Block `bi` of `vectors` x `lanes` depthwise channels at one output
  /// pixel, as i32 vectors: per tap a widening load of input (the zero point
  /// outside the image) and weights (`w` blocked as [C / block, KH, KW,
  /// block]) and a multiply-add. The epilogue runs per lane.
  Value vectorBlock(KernelBuilder &kb, Value out, Value inFlat, Value w,
                    Value bias, Value n, Value oh, Value ow, Value bi,
                    ArrayRef<Value> ihs, ArrayRef<Value> iws,
                    ArrayRef<Value> rowValid, ArrayRef<Value> colValid,
                    int64_t KH, int64_t KW, int64_t vectors, int64_t lanes,
                    bool interior) {
    OpBuilder &b = kb.b;
    Location loc = kb.loc;
    Type i8 = b.getI8Type(), i32 = b.getI32Type();
    auto narrow = VectorType::get({lanes}, i8);
    auto wide = VectorType::get({lanes}, i32);
    Value zpSplat;
    if (!interior)
      zpSplat = vector::BroadcastOp::create(b, loc, narrow,
                                            kb.intConst(i8, c.zeroPoint));
    Value c0 = kb.mulIdx(bi, vectors * lanes);
    // Input taps as offsets into the flat input.
    auto inType = cast<RankedTensorType>(c.input.getType());
    int64_t H = inType.getDimSize(1), W = inType.getDimSize(2),
            C = inType.getDimSize(3);
    SmallVector<SmallVector<Value>> taps(KH);
    for (int64_t kh = 0; kh < KH; ++kh) {
      Value row = kb.mulIdx(kb.add(kb.mulIdx(n, H), ihs[kh]), W);
      for (int64_t kw = 0; kw < KW; ++kw)
        taps[kh].push_back(kb.add(kb.mulIdx(kb.add(row, iws[kw]), C), c0));
    }
    SmallVector<Value> channels, accs;
    for (int64_t v = 0; v < vectors; ++v) {
      channels.push_back(kb.addIdx(c0, v * lanes));
      accs.push_back(kb.readVector(bias, wide, {channels.back()}));
    }
    for (int64_t kh = 0; kh < KH; ++kh) {
      for (int64_t kw = 0; kw < KW; ++kw) {
        Value valid;
        if (!interior)
          valid = arith::AndIOp::create(b, loc, rowValid[kh], colValid[kw]);
        for (int64_t v = 0; v < vectors; ++v) {
          Value x = kb.readVector(inFlat, narrow,
                                  {kb.addIdx(taps[kh][kw], v * lanes)});
          if (valid)
            x = arith::SelectOp::create(b, loc, valid, x, zpSplat);
          Value wv = kb.readVector(
              w, narrow, {bi, kb.idx(kh), kb.idx(kw), kb.idx(v * lanes)});
          accs[v] = kb.add(accs[v], kb.mul(kb.ext(x, wide), kb.ext(wv, wide)));
        }
      }
    }
    return storeChannels(kb, out, accs, {n, oh, ow, c0});
  }

  Value generateFullyConnected(OpBuilder &b, Location loc, Value init) {
    KernelBuilder kb(b, loc, *arch);
    auto inType = cast<RankedTensorType>(c.input.getType());
    int64_t B = inType.getDimSize(0), K = inType.getDimSize(1);
    int64_t U = c.weights.getType().getDimSize(0);
    Value w = arith::ConstantOp::create(b, loc, c.weights);
    SmallVector<int64_t> sums(U, 0);
    Value bias = biasTensors(b, loc, sums).first;
    int64_t block = pickBlock(U, maxBlock);
    SmallVector<Value> result = forLoop(
        b, loc, kb.idx(0), kb.idx(B), kb.idx(1), init,
        [&](OpBuilder &, Value bi, ValueRange o1) {
          return forLoop(
              b, loc, kb.idx(0), kb.idx(U), kb.idx(block), o1,
              [&](OpBuilder &, Value u0, ValueRange o2) -> SmallVector<Value> {
                SmallVector<Value> accs, units;
                SmallVector<SmallVector<Value>> wPrefixes;
                for (int64_t j = 0; j < block; ++j) {
                  units.push_back(kb.addIdx(u0, j));
                  accs.push_back(biasAt(kb, bias, units.back()));
                  wPrefixes.push_back({units.back()});
                }
                accs = kb.dot(c.input, {bi}, kb.idx(0), w, wPrefixes, kb.idx(0),
                              kb.idx(K), K, accs, false, 0);
                return SmallVector<Value>{storeChannels(kb, o2[0], accs,
                                                        {bi, units[0]},
                                                        /*vectorize=*/false)};
              });
        });
    return result[0];
  }
};

struct MCUQGenerateKernelsPass
    : mcuq::impl::MCUQGenerateKernelsPassBase<MCUQGenerateKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    // The strategy of the module's target; plain scalar code without one.
    std::unique_ptr<mcuq::kernels::InstructionSet> arch =
        mcuq::kernels::createInstructionSet(
            mcuq::getModuleTarget(getOperation()), pairChannels);

    // Contractions are collected first and matched when processed, so that
    // their operands reflect earlier rewrites; epilogues erased on the way
    // are never contractions themselves.
    SmallVector<linalg::LinalgOp> candidates;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (matchContraction(op))
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : candidates) {
      std::optional<Contraction> c = matchContraction(op);
      if (!c)
        continue;
      // The FC input must be the 2-D [B, K] view the lowering builds.
      if (c->kind == Kind::FullyConnected &&
          cast<ShapedType>(c->input.getType()).getRank() != 2)
        continue;
      KernelGenerator gen{*c, {}, 0, arch.get(), channelBlock};
      gen.epilogue = matchEpilogue(c->result, gen.accOperand);
      Operation *root = gen.epilogue ? gen.epilogue.getOperation()
                                     : c->result.getDefiningOp();
      rewriter.setInsertionPoint(root);
      Value replacement = gen.generate(rewriter, op.getLoc());
      Operation *collapse = c->result.getDefiningOp() != op.getOperation()
                                ? c->result.getDefiningOp()
                                : nullptr;
      rewriter.replaceOp(root, replacement);
      // What fed the epilogue is dead now; its init and padding are left to
      // the canonicalizer.
      if (collapse && collapse != root && collapse->use_empty())
        rewriter.eraseOp(collapse);
      if (op.getOperation() != root && op->use_empty())
        rewriter.eraseOp(op);
    }
  }
};

} // namespace
