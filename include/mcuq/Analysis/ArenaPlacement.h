//===- ArenaPlacement.h - Offsets of buffers in one arena -------*- C++ -*-===//
//
// The combinatorial core of mcuq-plan-memory, independent of the IR. An item
// is a list of time segments, each a byte range at a fixed displacement from
// the item's base offset: buffers written in place over one another form one
// item whose shape changes over time without anything moving. A placement
// gives every item a base offset such that no two segments of different
// items alive at the same time overlap in bytes.
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_ANALYSIS_ARENAPLACEMENT_H
#define MCUQ_ANALYSIS_ARENAPLACEMENT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace mlir::mcuq::arena {

struct Segment {
  int64_t start;      // first time step, inclusive
  int64_t end;        // last time step, inclusive
  int64_t size;       // bytes
  int64_t offset = 0; // from the item's base offset, >= 0
};

struct Buffer {
  /// Sorted by start, disjoint in time, sizes > 0.
  llvm::SmallVector<Segment, 2> segments;
  /// A power of two; the base offset is a multiple of it.
  int64_t alignment = 1;

  int64_t start() const { return segments.front().start; }
  int64_t end() const { return segments.back().end; }
  /// One past the highest byte of any segment, from the base.
  int64_t maxSize() const;
};

struct Plan {
  llvm::SmallVector<int64_t> offsets;
  /// One past the highest byte used.
  int64_t size = 0;
  std::string strategy;
  /// The size is known to be the smallest possible for these buffers: it
  /// equals the lower bound or the exact search completed.
  bool optimal = false;
};

/// The most bytes alive at one time step: no placement can be smaller.
/// `peakTime`, when given, receives the first step where it is reached.
int64_t lowerBound(llvm::ArrayRef<Buffer> buffers, int64_t *peakTime = nullptr);

/// Whether two buffers are ever alive at the same time step.
bool overlapInTime(const Buffer &a, const Buffer &b);

/// Whether `offsets` are aligned and keep every pair of segments that are
/// alive at the same time apart.
bool isValidPlacement(llvm::ArrayRef<Buffer> buffers,
                      llvm::ArrayRef<int64_t> offsets);

/// The placement strategies; each one is a first fit in its own order except
/// the exact search.
enum class Strategy {
  Size,      ///< largest first, like TFLM's greedy planner
  Breadth,   ///< buffers alive at the busiest time steps first
  Conflicts, ///< most bytes of time-overlapping buffers first
  Lifetime,  ///< longest-lived first
  Exact,     ///< branch and bound over normalized placements
  Best,      ///< all of the above, keep the smallest
};

/// Parses "size", "breadth", "conflicts", "lifetime", "exact", "best".
bool parseStrategy(llvm::StringRef name, Strategy &strategy);

/// Each buffer, in `order`, at the lowest aligned offset where it overlaps no
/// already placed buffer alive at the same time.
Plan placeFirstFit(llvm::ArrayRef<Buffer> buffers,
                   llvm::ArrayRef<unsigned> order, llvm::StringRef strategy);

/// The order a greedy strategy places buffers in.
llvm::SmallVector<unsigned> greedyOrder(llvm::ArrayRef<Buffer> buffers,
                                        Strategy strategy);

/// Branch and bound: finds a placement smaller than `upperBound` bytes if one
/// exists, or proves there is none, unless it runs out of `budget` (counted
/// in placement trials). Returns a plan with an empty `offsets` when it finds
/// nothing better; `complete` says whether the search space was exhausted.
Plan placeExact(llvm::ArrayRef<Buffer> buffers, int64_t upperBound,
                uint64_t budget, bool &complete);

struct PlacementOptions {
  Strategy strategy = Strategy::Best;
  /// The exact search runs for at most this many buffers...
  unsigned exactMaxBuffers = 64;
  /// ... and this many placement trials.
  uint64_t exactBudget = 2000000;
};

/// Runs the strategy (for Best: every greedy order, then the exact search
/// when it may still improve) and returns the smallest plan found.
Plan place(llvm::ArrayRef<Buffer> buffers, const PlacementOptions &options);

} // namespace mlir::mcuq::arena

#endif // MCUQ_ANALYSIS_ARENAPLACEMENT_H
