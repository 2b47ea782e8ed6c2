//===- IndexingMaps.h - Indices of a linalg operand at a point --*- C++ -*-===//
//
// Shared by the passes that rewrite linalg ops into explicit loops and
// kernels: the indices an operand's indexing map gives at one iteration.
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_LIB_DIALECT_MCUQ_TRANSFORMS_INDEXINGMAPS_H
#define MCUQ_LIB_DIALECT_MCUQ_TRANSFORMS_INDEXINGMAPS_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"

namespace mlir::mcuq {

/// The indices `map(ivs)`, one affine.apply per result (folded when
/// trivial).
inline SmallVector<Value> applyIndexingMap(OpBuilder &b, Location loc,
                                           AffineMap map, ArrayRef<Value> ivs) {
  SmallVector<OpFoldResult> operands(ivs.begin(), ivs.end());
  SmallVector<Value> indices;
  for (AffineExpr expr : map.getResults())
    indices.push_back(getValueOrCreateConstantIndexOp(
        b, loc,
        affine::makeComposedFoldedAffineApply(
            b, loc, AffineMap::get(map.getNumDims(), 0, expr), operands)));
  return indices;
}

} // namespace mlir::mcuq

#endif // MCUQ_LIB_DIALECT_MCUQ_TRANSFORMS_INDEXINGMAPS_H
