//===- ArenaPlacement.cpp - Offsets of buffers in one arena ---------------===//

#include "mcuq/Analysis/ArenaPlacement.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Sequence.h"

#include <algorithm>
#include <limits>

using namespace mlir::mcuq::arena;
using llvm::ArrayRef;
using llvm::SmallVector;

namespace {

int64_t alignUp(int64_t v, int64_t a) { return (v + a - 1) / a * a; }

bool overlap(const Segment &a, const Segment &b) {
  return a.start <= b.end && b.start <= a.end;
}

/// For one item, every other item it must stay apart from, for each pair of
/// segments alive at the same time: placed at `x`, its segment [x + begin,
/// x + end) must not meet the other's [y + otherBegin, y + otherEnd), i.e.
/// x <= y + otherBegin - end or x >= y + otherEnd - begin.
struct Constraint {
  unsigned other;
  int64_t begin, end;           // this item's segment, from its base
  int64_t otherBegin, otherEnd; // the other's, from its base
};

SmallVector<SmallVector<Constraint>>
buildConstraints(ArrayRef<Buffer> buffers) {
  SmallVector<SmallVector<Constraint>> result(buffers.size());
  for (unsigned i = 0; i < buffers.size(); ++i)
    for (unsigned j = i + 1; j < buffers.size(); ++j) {
      if (!overlapInTime(buffers[i], buffers[j]))
        continue;
      for (const Segment &a : buffers[i].segments)
        for (const Segment &b : buffers[j].segments) {
          if (!overlap(a, b))
            continue;
          auto add = [](SmallVector<Constraint> &list, Constraint c) {
            if (!llvm::any_of(list, [&](const Constraint &o) {
                  return std::tie(o.other, o.begin, o.end, o.otherBegin,
                                  o.otherEnd) == std::tie(c.other, c.begin,
                                                          c.end, c.otherBegin,
                                                          c.otherEnd);
                }))
              list.push_back(c);
          };
          add(result[i],
              {j, a.offset, a.offset + a.size, b.offset, b.offset + b.size});
          add(result[j],
              {i, b.offset, b.offset + b.size, a.offset, a.offset + a.size});
        }
    }
  return result;
}

/// The lowest aligned offset at which `buffer` fits among placed buffers
/// (offset >= 0), with the sweep TFLM's greedy planner uses: constraints in
/// order of the highest position that still fits below them.
int64_t firstFit(const Buffer &buffer, ArrayRef<Constraint> constraints,
                 ArrayRef<int64_t> offsets) {
  SmallVector<std::pair<int64_t, int64_t>> busy; // (last fitting x, above)
  for (const Constraint &c : constraints) {
    int64_t o = offsets[c.other];
    if (o < 0)
      continue;
    busy.push_back({o + c.otherBegin - c.end, o + c.otherEnd - c.begin});
  }
  llvm::sort(busy);
  int64_t x = 0;
  for (auto [fitsBelow, above] : busy) {
    if (x <= fitsBelow)
      break;
    x = std::max(x, alignUp(above, buffer.alignment));
  }
  return x;
}

/// Per time step at which some segment starts (live bytes only grow there),
/// the bytes each buffer holds.
struct TimeGrid {
  SmallVector<int64_t> times;
  SmallVector<SmallVector<std::pair<unsigned, int64_t>>> cells; // per buffer

  explicit TimeGrid(ArrayRef<Buffer> buffers) {
    for (const Buffer &b : buffers)
      for (const Segment &s : b.segments)
        times.push_back(s.start);
    llvm::sort(times);
    times.erase(std::unique(times.begin(), times.end()), times.end());
    cells.resize(buffers.size());
    for (auto [i, b] : llvm::enumerate(buffers))
      for (const Segment &s : b.segments) {
        auto it = llvm::lower_bound(times, s.start);
        for (; it != times.end() && *it <= s.end; ++it)
          cells[i].push_back({unsigned(it - times.begin()), s.size});
      }
  }
};

class ExactSearch {
public:
  ExactSearch(ArrayRef<Buffer> buffers, int64_t upperBound, uint64_t budget)
      : best(upperBound), buffers(buffers),
        constraints(buildConstraints(buffers)), grid(buffers),
        offsets(buffers.size(), -1), budget(budget) {
    liveUnplaced.assign(grid.times.size(), 0);
    for (auto [i, cells] : llvm::enumerate(grid.cells))
      for (auto [t, size] : cells)
        liveUnplaced[t] += size;
  }

  /// Returns whether the search space was exhausted.
  bool run() {
    search(0, 0, -1, 0);
    return !aborted;
  }

  SmallVector<int64_t> bestOffsets;
  int64_t best;

private:
  /// Places buffers in increasing (offset, index) order. In a placement
  /// where no buffer can move down, every buffer sits at 0 or right on top
  /// (aligned) of a buffer alive at the same time, which comes earlier in
  /// that order: trying exactly those offsets finds an optimal placement.
  void search(unsigned placed, int64_t floor, int floorIndex, int64_t top) {
    if (aborted)
      return;
    if (placed == buffers.size()) {
      if (top < best) {
        best = top;
        bestOffsets.assign(offsets.begin(), offsets.end());
      }
      return;
    }
    // Every unplaced buffer ends up at floor or above, all of those alive at
    // one time step side by side.
    int64_t live = 0;
    for (int64_t l : liveUnplaced)
      live = std::max(live, l);
    if (std::max(top, floor + live) >= best)
      return;

    struct Child {
      int64_t top, offset;
      unsigned buffer;
    };
    SmallVector<Child> children;
    SmallVector<int64_t> candidates;
    for (unsigned b = 0; b < buffers.size(); ++b) {
      if (offsets[b] >= 0)
        continue;
      const Buffer &buf = buffers[b];
      candidates.assign({0});
      for (const Constraint &c : constraints[b])
        if (offsets[c.other] >= 0 &&
            offsets[c.other] + c.otherEnd - c.begin > 0)
          candidates.push_back(
              alignUp(offsets[c.other] + c.otherEnd - c.begin, buf.alignment));
      llvm::sort(candidates);
      candidates.erase(std::unique(candidates.begin(), candidates.end()),
                       candidates.end());
      int64_t size = buf.maxSize();
      for (int64_t x : candidates) {
        if (x < floor || (x == floor && int(b) < floorIndex))
          continue;
        int64_t newTop = std::max(top, x + size);
        if (newTop >= best)
          break;
        bool fits = true;
        for (const Constraint &c : constraints[b]) {
          int64_t o = offsets[c.other];
          if (++steps > budget) {
            aborted = true;
            return;
          }
          if (o >= 0 && x + c.begin < o + c.otherEnd &&
              o + c.otherBegin < x + c.end) {
            fits = false;
            break;
          }
        }
        if (fits)
          children.push_back({newTop, x, b});
      }
    }
    llvm::sort(children, [](const Child &a, const Child &b) {
      return std::tie(a.top, a.offset, a.buffer) <
             std::tie(b.top, b.offset, b.buffer);
    });
    for (const Child &c : children) {
      if (c.top >= best)
        continue;
      offsets[c.buffer] = c.offset;
      for (auto [t, size] : grid.cells[c.buffer])
        liveUnplaced[t] -= size;
      search(placed + 1, c.offset, c.buffer, c.top);
      for (auto [t, size] : grid.cells[c.buffer])
        liveUnplaced[t] += size;
      offsets[c.buffer] = -1;
      if (aborted)
        return;
    }
  }

  ArrayRef<Buffer> buffers;
  SmallVector<SmallVector<Constraint>> constraints;
  TimeGrid grid;
  SmallVector<int64_t> offsets;
  SmallVector<int64_t> liveUnplaced;
  uint64_t budget;
  uint64_t steps = 0;
  bool aborted = false;
};

} // namespace

int64_t Buffer::maxSize() const {
  int64_t m = 0;
  for (const Segment &s : segments)
    m = std::max(m, s.offset + s.size);
  return m;
}

int64_t mlir::mcuq::arena::lowerBound(ArrayRef<Buffer> buffers,
                                      int64_t *peakTime) {
  SmallVector<std::pair<int64_t, int64_t>> events;
  for (const Buffer &b : buffers)
    for (const Segment &s : b.segments) {
      events.push_back({s.start, s.size});
      events.push_back({s.end + 1, -s.size});
    }
  llvm::sort(events);
  int64_t live = 0, peak = 0, when = 0;
  for (size_t i = 0; i < events.size();) {
    int64_t t = events[i].first;
    for (; i < events.size() && events[i].first == t; ++i)
      live += events[i].second;
    if (live > peak) {
      peak = live;
      when = t;
    }
  }
  if (peakTime)
    *peakTime = when;
  return peak;
}

bool mlir::mcuq::arena::overlapInTime(const Buffer &a, const Buffer &b) {
  if (a.end() < b.start() || b.end() < a.start())
    return false;
  for (const Segment &s : a.segments)
    for (const Segment &t : b.segments)
      if (overlap(s, t))
        return true;
  return false;
}

bool mlir::mcuq::arena::isValidPlacement(ArrayRef<Buffer> buffers,
                                         ArrayRef<int64_t> offsets) {
  if (offsets.size() != buffers.size())
    return false;
  for (auto [b, o] : llvm::zip(buffers, offsets))
    if (o < 0 || o % b.alignment)
      return false;
  for (unsigned i = 0; i < buffers.size(); ++i)
    for (unsigned j = i + 1; j < buffers.size(); ++j)
      for (const Segment &a : buffers[i].segments)
        for (const Segment &b : buffers[j].segments)
          if (overlap(a, b) &&
              offsets[i] + a.offset < offsets[j] + b.offset + b.size &&
              offsets[j] + b.offset < offsets[i] + a.offset + a.size)
            return false;
  return true;
}

bool mlir::mcuq::arena::parseStrategy(llvm::StringRef name,
                                      Strategy &strategy) {
  static const std::pair<const char *, Strategy> names[] = {
      {"size", Strategy::Size},           {"breadth", Strategy::Breadth},
      {"conflicts", Strategy::Conflicts}, {"lifetime", Strategy::Lifetime},
      {"exact", Strategy::Exact},         {"best", Strategy::Best}};
  for (auto [n, s] : names)
    if (name == n) {
      strategy = s;
      return true;
    }
  return false;
}

Plan mlir::mcuq::arena::placeFirstFit(ArrayRef<Buffer> buffers,
                                      ArrayRef<unsigned> order,
                                      llvm::StringRef strategy) {
  SmallVector<SmallVector<Constraint>> constraints = buildConstraints(buffers);
  Plan plan;
  plan.strategy = strategy.str();
  plan.offsets.assign(buffers.size(), -1);
  for (unsigned i : order) {
    int64_t x = firstFit(buffers[i], constraints[i], plan.offsets);
    plan.offsets[i] = x;
    plan.size = std::max(plan.size, x + buffers[i].maxSize());
  }
  return plan;
}

SmallVector<unsigned> mlir::mcuq::arena::greedyOrder(ArrayRef<Buffer> buffers,
                                                     Strategy strategy) {
  unsigned n = buffers.size();
  SmallVector<int64_t> key(n, 0);
  switch (strategy) {
  case Strategy::Size:
    for (unsigned i = 0; i < n; ++i)
      key[i] = buffers[i].maxSize();
    break;
  case Strategy::Breadth: {
    // The busiest time step a buffer is alive at: buffers of the operators
    // that set the peak get the low offsets.
    TimeGrid grid(buffers);
    SmallVector<int64_t> live(grid.times.size(), 0);
    for (auto &cells : grid.cells)
      for (auto [t, size] : cells)
        live[t] += size;
    for (unsigned i = 0; i < n; ++i)
      for (auto [t, size] : grid.cells[i])
        key[i] = std::max(key[i], live[t]);
    break;
  }
  case Strategy::Conflicts:
    for (unsigned i = 0; i < n; ++i) {
      key[i] = buffers[i].maxSize();
      for (unsigned j = 0; j < n; ++j)
        if (j != i && overlapInTime(buffers[i], buffers[j]))
          key[i] += buffers[j].maxSize();
    }
    break;
  case Strategy::Lifetime:
    for (unsigned i = 0; i < n; ++i)
      key[i] = buffers[i].end() - buffers[i].start();
    break;
  case Strategy::Exact:
  case Strategy::Best:
    break;
  }
  SmallVector<unsigned> order = llvm::to_vector(llvm::seq<unsigned>(0, n));
  llvm::sort(order, [&](unsigned a, unsigned b) {
    const Buffer &x = buffers[a], &y = buffers[b];
    return std::make_tuple(-key[a], -x.maxSize(), -(x.end() - x.start()),
                           x.start(), a) <
           std::make_tuple(-key[b], -y.maxSize(), -(y.end() - y.start()),
                           y.start(), b);
  });
  return order;
}

Plan mlir::mcuq::arena::placeExact(ArrayRef<Buffer> buffers, int64_t upperBound,
                                   uint64_t budget, bool &complete) {
  ExactSearch search(buffers, upperBound, budget);
  complete = search.run();
  Plan plan;
  plan.strategy = "exact";
  if (search.bestOffsets.empty())
    return plan;
  plan.offsets = std::move(search.bestOffsets);
  plan.size = search.best;
  plan.optimal = complete;
  return plan;
}

Plan mlir::mcuq::arena::place(ArrayRef<Buffer> buffers,
                              const PlacementOptions &options) {
  Plan best;
  if (buffers.empty()) {
    best.strategy = "none";
    best.optimal = true;
    return best;
  }
  int64_t bound = lowerBound(buffers);
  static const std::pair<Strategy, const char *> greedy[] = {
      {Strategy::Size, "size"},
      {Strategy::Breadth, "breadth"},
      {Strategy::Conflicts, "conflicts"},
      {Strategy::Lifetime, "lifetime"}};
  best.size = std::numeric_limits<int64_t>::max();
  for (auto [s, name] : greedy) {
    if (options.strategy != Strategy::Best && options.strategy != s)
      continue;
    Plan p = placeFirstFit(buffers, greedyOrder(buffers, s), name);
    if (p.size < best.size)
      best = std::move(p);
  }
  if (best.size == bound) {
    best.optimal = true;
    return best;
  }
  bool wantExact = options.strategy == Strategy::Exact ||
                   (options.strategy == Strategy::Best &&
                    buffers.size() <= options.exactMaxBuffers);
  if (!wantExact)
    return best;
  bool complete = false;
  Plan exact = placeExact(buffers, best.size, options.exactBudget, complete);
  if (!exact.offsets.empty())
    return exact;
  if (best.offsets.empty()) {
    // The exact search alone ran out of budget before any placement.
    best = placeFirstFit(buffers, greedyOrder(buffers, Strategy::Size), "size");
    best.optimal = best.size == bound;
    return best;
  }
  // Nothing below the greedy result: when the search completed, that proves
  // the greedy plan optimal.
  best.optimal = complete;
  return best;
}
