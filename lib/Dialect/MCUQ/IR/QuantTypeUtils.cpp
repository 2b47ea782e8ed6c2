//===- QuantTypeUtils.cpp - Queries on quantized types --------------------===//

#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"
#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h"

#include "mcuq/Support/FixedPoint.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mcuq;

quant::QuantizedType mlir::mcuq::getQuantElementType(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    type = shaped.getElementType();
  if (auto packed = dyn_cast<PackedType>(type))
    type = packed.getElementType();
  return dyn_cast<quant::QuantizedType>(type);
}

bool mlir::mcuq::isPerAxis(Type type) {
  return isa_and_nonnull<quant::UniformQuantizedPerAxisType>(
      getQuantElementType(type));
}

unsigned mlir::mcuq::getStorageBits(Type type) {
  if (auto q = getQuantElementType(type))
    return q.getStorageTypeIntegralWidth();
  if (auto shaped = dyn_cast<ShapedType>(type))
    type = shaped.getElementType();
  return type.getIntOrFloatBitWidth();
}

SmallVector<double> mlir::mcuq::getScales(Type type) {
  auto q = getQuantElementType(type);
  if (auto u = dyn_cast_or_null<quant::UniformQuantizedType>(q))
    return {u.getScale()};
  if (auto a = dyn_cast_or_null<quant::UniformQuantizedPerAxisType>(q))
    return SmallVector<double>(a.getScales());
  return {};
}

SmallVector<int64_t> mlir::mcuq::getZeroPoints(Type type) {
  auto q = getQuantElementType(type);
  if (auto u = dyn_cast_or_null<quant::UniformQuantizedType>(q))
    return {u.getZeroPoint()};
  if (auto a = dyn_cast_or_null<quant::UniformQuantizedPerAxisType>(q))
    return SmallVector<int64_t>(a.getZeroPoints());
  return {};
}

int64_t mlir::mcuq::getZeroPoint(Type type) {
  SmallVector<int64_t> zps = getZeroPoints(type);
  return zps.empty() ? 0 : zps.front();
}

double mlir::mcuq::getScale(Type type) {
  SmallVector<double> scales = getScales(type);
  return scales.empty() ? 1.0 : scales.front();
}

int64_t mlir::mcuq::getStorageMin(Type type) {
  if (auto q = getQuantElementType(type))
    return q.getStorageTypeMin();
  unsigned bits = getStorageBits(type);
  return bits >= 64 ? INT64_MIN : -(int64_t(1) << (bits - 1));
}

int64_t mlir::mcuq::getStorageMax(Type type) {
  if (auto q = getQuantElementType(type))
    return q.getStorageTypeMax();
  unsigned bits = getStorageBits(type);
  return bits >= 64 ? INT64_MAX : (int64_t(1) << (bits - 1)) - 1;
}

IntegerType mlir::mcuq::getStorageIntType(Type type) {
  MLIRContext *ctx = type.getContext();
  if (auto q = getQuantElementType(type))
    return IntegerType::get(ctx, q.getStorageTypeIntegralWidth());
  if (auto shaped = dyn_cast<ShapedType>(type))
    type = shaped.getElementType();
  return dyn_cast<IntegerType>(type);
}

Type mlir::mcuq::toStorageType(Type type) {
  if (auto packed = dyn_cast<PackedType>(type))
    return packed.getStorageType();
  if (auto tensor = dyn_cast<RankedTensorType>(type)) {
    if (auto q = dyn_cast<quant::QuantizedType>(tensor.getElementType()))
      return tensor.clone(q.getStorageType());
    return type;
  }
  if (auto q = dyn_cast<quant::QuantizedType>(type))
    return q.getStorageType();
  return type;
}

bool mlir::mcuq::scalesAgree(double a, double b, double relTol) {
  return std::fabs(a - b) <= relTol * std::min(std::fabs(a), std::fabs(b));
}

FailureOr<std::pair<int32_t, int32_t>>
mlir::mcuq::getActivationRange(Activation act, Type outType) {
  auto qmin = static_cast<int32_t>(getStorageMin(outType));
  auto qmax = static_cast<int32_t>(getStorageMax(outType));
  float scale = static_cast<float>(getScale(outType));
  auto zp = static_cast<int32_t>(getZeroPoint(outType));
  // TFLite divides in float and rounds half away from zero.
  auto quantize = [&](float f) {
    return zp + ::mcuq::fixedpoint::roundToInt32(f / scale);
  };
  switch (act) {
  case Activation::None:
    return std::make_pair(qmin, qmax);
  case Activation::Relu:
    return std::make_pair(std::max(qmin, quantize(0.0f)), qmax);
  case Activation::Relu6:
    return std::make_pair(std::max(qmin, quantize(0.0f)),
                          std::min(qmax, quantize(6.0f)));
  case Activation::ReluN1To1:
    return std::make_pair(std::max(qmin, quantize(-1.0f)),
                          std::min(qmax, quantize(1.0f)));
  case Activation::Relu0To1:
    return std::make_pair(std::max(qmin, quantize(0.0f)),
                          std::min(qmax, quantize(1.0f)));
  case Activation::Tanh:
  case Activation::SignBit:
    return failure();
  }
  return failure();
}
