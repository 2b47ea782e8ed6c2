//===- LoweringUtils.h - Helpers shared by the mcuq lowering ----*- C++ -*-===//

#ifndef MCUQ_LIB_CONVERSION_MCUQTOLINALG_LOWERINGUTILS_H
#define MCUQ_LIB_CONVERSION_MCUQTOLINALG_LOWERINGUTILS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace mlir::mcuq {

class FixedPointBuilder;

/// The constant value of `v` (through mcuq.const / arith.constant), or null.
DenseElementsAttr getConstantElements(Value v);

/// Values of a constant integer tensor, sign-extended.
SmallVector<int64_t> getIntValues(DenseElementsAttr attr);

Value createEmpty(OpBuilder &b, Location loc, RankedTensorType type);

/// A constant 1-D tensor of `type` elements.
Value createConstantVector(OpBuilder &b, Location loc, ArrayRef<int64_t> values,
                           Type elementType);

/// Pads with the stored value `fill`; a no-op when all amounts are zero.
Value padConstant(OpBuilder &b, Location loc, Value input,
                  ArrayRef<int64_t> low, ArrayRef<int64_t> high, int64_t fill);

/// Reinterprets `input` with `shape` (row-major), as collapse + expand
/// reshapes, which bufferize to views.
Value reshapeTo(OpBuilder &b, Location loc, Value input,
                ArrayRef<int64_t> shape);

/// Indexing map of an operand broadcast numpy-style into `outRank` loops.
AffineMap getBroadcastMap(MLIRContext *ctx, ArrayRef<int64_t> operandShape,
                          ArrayRef<int64_t> outShape);

/// `init` of an accumulating op: `values[c]` (a constant vector, or the
/// runtime tensor `bias` plus `values`) broadcast along the last dimension.
Value createChannelInit(OpBuilder &b, Location loc, RankedTensorType type,
                        ArrayRef<int64_t> values, Value bias = nullptr);

SmallVector<utils::IteratorType> parallelIterators(unsigned n);

/// An element-wise generic producing `outTy` from `inputs` of its shape; the
/// body gets the input elements and a fixed-point builder at its location.
Value mapElements(OpBuilder &b, Location loc, RankedTensorType outTy,
                  ValueRange inputs,
                  function_ref<Value(FixedPointBuilder &, ValueRange)> body);

/// `input` clamped element-wise to [lo, hi] (a fused activation's bounds).
Value createClamp(OpBuilder &b, Location loc, Value input, int64_t lo,
                  int64_t hi);

} // namespace mlir::mcuq

#endif // MCUQ_LIB_CONVERSION_MCUQTOLINALG_LOWERINGUTILS_H
