//===- LoweringUtils.cpp - Helpers shared by the mcuq lowering ------------===//

#include "LoweringUtils.h"

#include "FixedPointBuilder.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::mcuq;

DenseElementsAttr mlir::mcuq::getConstantElements(Value v) {
  Attribute attr;
  if (!v || !matchPattern(v, m_Constant(&attr)))
    return {};
  return dyn_cast<DenseElementsAttr>(attr);
}

SmallVector<int64_t> mlir::mcuq::getIntValues(DenseElementsAttr attr) {
  SmallVector<int64_t> values;
  values.reserve(attr.getNumElements());
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(v.getSExtValue());
  return values;
}

Value mlir::mcuq::createEmpty(OpBuilder &b, Location loc,
                              RankedTensorType type) {
  return tensor::EmptyOp::create(b, loc, type.getShape(),
                                 type.getElementType());
}

Value mlir::mcuq::createConstantVector(OpBuilder &b, Location loc,
                                       ArrayRef<int64_t> values,
                                       Type elementType) {
  auto type =
      RankedTensorType::get({static_cast<int64_t>(values.size())}, elementType);
  unsigned bits = elementType.getIntOrFloatBitWidth();
  SmallVector<APInt> apValues;
  for (int64_t v : values)
    apValues.push_back(
        APInt(bits, v, /*isSigned=*/true, /*implicitTrunc=*/true));
  return arith::ConstantOp::create(b, loc,
                                   DenseElementsAttr::get(type, apValues));
}

Value mlir::mcuq::padConstant(OpBuilder &b, Location loc, Value input,
                              ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                              int64_t fill) {
  if (llvm::all_of(low, [](int64_t v) { return v == 0; }) &&
      llvm::all_of(high, [](int64_t v) { return v == 0; }))
    return input;
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape;
  for (auto [d, l, h] : llvm::zip(type.getShape(), low, high))
    shape.push_back(d + l + h);
  Value value = arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type.getElementType(), fill));
  return tensor::PadOp::create(
      b, loc, type.clone(shape), input,
      SmallVector<OpFoldResult>(getAsIndexOpFoldResult(b.getContext(), low)),
      SmallVector<OpFoldResult>(getAsIndexOpFoldResult(b.getContext(), high)),
      value);
}

Value mlir::mcuq::reshapeTo(OpBuilder &b, Location loc, Value input,
                            ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(input.getType());
  if (type.getShape() == shape)
    return input;
  auto flatType = type.clone({type.getNumElements()});
  Value flat = input;
  if (type.getRank() != 1) {
    ReassociationIndices all;
    for (int64_t i = 0; i < type.getRank(); ++i)
      all.push_back(i);
    flat = tensor::CollapseShapeOp::create(
        b, loc, flatType, input, SmallVector<ReassociationIndices>{all});
  }
  if (shape.size() == 1)
    return flat;
  ReassociationIndices all;
  for (size_t i = 0; i < shape.size(); ++i)
    all.push_back(i);
  return tensor::ExpandShapeOp::create(b, loc, type.clone(shape), flat,
                                       SmallVector<ReassociationIndices>{all});
}

AffineMap mlir::mcuq::getBroadcastMap(MLIRContext *ctx,
                                      ArrayRef<int64_t> operandShape,
                                      ArrayRef<int64_t> outShape) {
  unsigned outRank = outShape.size();
  unsigned offset = outRank - operandShape.size();
  SmallVector<AffineExpr> exprs;
  for (auto [i, dim] : llvm::enumerate(operandShape)) {
    if (dim == 1 && outShape[offset + i] != 1)
      exprs.push_back(getAffineConstantExpr(0, ctx));
    else
      exprs.push_back(getAffineDimExpr(offset + i, ctx));
  }
  return AffineMap::get(outRank, 0, exprs, ctx);
}

SmallVector<utils::IteratorType> mlir::mcuq::parallelIterators(unsigned n) {
  return SmallVector<utils::IteratorType>(n, utils::IteratorType::parallel);
}

Value mlir::mcuq::createChannelInit(OpBuilder &b, Location loc,
                                    RankedTensorType type,
                                    ArrayRef<int64_t> values, Value bias) {
  MLIRContext *ctx = b.getContext();
  unsigned rank = type.getRank();
  Type elementType = type.getElementType();
  Value constants = createConstantVector(b, loc, values, elementType);
  AffineMap channel =
      AffineMap::get(rank, 0, getAffineDimExpr(rank - 1, ctx), ctx);
  SmallVector<Value> inputs = {constants};
  SmallVector<AffineMap> maps = {channel};
  if (bias) {
    inputs.push_back(bias);
    maps.push_back(channel);
  }
  maps.push_back(b.getMultiDimIdentityMap(rank));
  return linalg::GenericOp::create(
             b, loc, type, inputs, createEmpty(b, loc, type), maps,
             parallelIterators(rank),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               Value v = args[0];
               if (bias) {
                 Value bv = args[1];
                 if (bv.getType() != elementType)
                   bv = arith::ExtSIOp::create(nb, nloc, elementType, bv);
                 v = arith::AddIOp::create(nb, nloc, v, bv);
               }
               linalg::YieldOp::create(nb, nloc, v);
             })
      .getResult(0);
}

Value mlir::mcuq::mapElements(
    OpBuilder &b, Location loc, RankedTensorType outTy, ValueRange inputs,
    function_ref<Value(FixedPointBuilder &, ValueRange)> body) {
  unsigned rank = outTy.getRank();
  SmallVector<AffineMap> maps(inputs.size() + 1,
                              b.getMultiDimIdentityMap(rank));
  return linalg::GenericOp::create(
             b, loc, outTy, inputs, createEmpty(b, loc, outTy), maps,
             parallelIterators(rank),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               FixedPointBuilder fb(nb, nloc);
               linalg::YieldOp::create(nb, nloc, body(fb, args.drop_back()));
             })
      .getResult(0);
}

Value mlir::mcuq::createClamp(OpBuilder &b, Location loc, Value input,
                              int64_t lo, int64_t hi) {
  return mapElements(b, loc, cast<RankedTensorType>(input.getType()), input,
                     [&](FixedPointBuilder &fb, ValueRange args) {
                       return fb.clamp(args[0], lo, hi);
                     });
}
