//===- OverlapAnalysis.h - Outputs over dying inputs -----------*- C++ -*-===//
//
// For mcuq-plan-memory: an operation that reads a buffer for the last time
// and writes a new one may have the two overlap in the arena (the output
// written over input bytes that are no longer needed: TinyEngine's in-place
// depthwise convolution, an expanding 1x1 convolution whose input sits at
// the end of its output) when no store to the output reaches a byte of the
// input that a later load still reads. For loop nests of memref.load and
// memref.store with affine indices, this finds the displacements between the
// two buffers for which that can happen, with integer programming over the
// iterations (MLIR's Presburger library).
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_ANALYSIS_OVERLAPANALYSIS_H
#define MCUQ_ANALYSIS_OVERLAPANALYSIS_H

#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::mcuq {

/// Displacements D = (input base) - (output base), in bytes, for which a
/// store to the output may clobber an input byte that is read afterwards:
/// all of them lie in the union of `ranges` (closed, sorted, disjoint); any D
/// outside is safe. A union rather than one interval: in-place blocked
/// kernels are safe at D = 0 between unsafe displacements on either side.
struct UnsafeDisplacements {
  SmallVector<std::pair<int64_t, int64_t>> ranges;

  bool contains(int64_t d) const;
  /// Adds [lo, hi] to the union.
  void add(int64_t lo, int64_t hi);
};

/// Analyzes `op`, inside which every access to `input` (the root of a buffer,
/// through views) is a memref.load and every access to `output` a
/// memref.load or memref.store, with indices that are affine in the
/// induction variables of scf.for loops with constant steps, or bounded
/// (arith min/max/select/div/rem of those). Returns std::nullopt when `op`
/// does anything else with them or some index cannot be bounded.
std::optional<UnsafeDisplacements> analyzeOverlap(Operation *op, Value input,
                                                  Value output);

} // namespace mlir::mcuq

#endif // MCUQ_ANALYSIS_OVERLAPANALYSIS_H
