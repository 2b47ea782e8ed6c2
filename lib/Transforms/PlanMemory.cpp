//===- PlanMemory.cpp - Static placement of buffers in one arena ----------===//
//
// Every buffer of the bufferized entry point (its allocations and, with
// io-in-arena, the model's inputs and outputs) gets a fixed offset in one
// caller-provided arena. Lifetimes come from the op order; element-wise
// operations may write over an input that dies there; offsets come from the
// strategies in ArenaPlacement.h.
//
//===----------------------------------------------------------------------===//

#include "mcuq/Transforms/Passes.h"

#include "mcuq/Analysis/ArenaPlacement.h"
#include "mcuq/Analysis/OverlapAnalysis.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "mcuq-plan-memory"

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQPLANMEMORYPASS
#include "mcuq/Transforms/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;
using namespace mlir::mcuq;

namespace {

/// One memory object the arena must hold.
struct ArenaValue {
  Value root;
  /// The allocation; null for an entry argument (io-in-arena).
  Operation *alloc = nullptr;
  unsigned argIndex = 0;
  int64_t bytes = 0;
  int64_t alignment = 1;
  /// First and last time step (pre-order op position) at which its bytes
  /// may be touched; a use inside a region that does not also hold the
  /// allocation covers the whole region-holding op (a loop touches it on
  /// every iteration).
  int64_t start = std::numeric_limits<int64_t>::max();
  int64_t end = -1;
  /// False when nothing reads or writes its contents (a pooling window
  /// operand only gives its shape): such a buffer overlaps anything.
  bool accessed = false;
  /// The buffer whose bytes this one takes over, where, and this buffer's
  /// base offset minus that one's (0 for element-wise ops).
  int inPlaceOf = -1;
  Operation *inPlaceOp = nullptr;
  int64_t inPlaceDelta = 0;
  /// Bytes the link saves on its own; whether the plan uses it.
  int64_t inPlaceSaving = 0;
  bool linkUsed = true;
  int64_t offset = 0;
  SmallVector<Operation *> deallocs;

  bool placed() const { return accessed && bytes > 0 && start <= end; }
};

/// Bytes of one element: sub-byte types take a byte each.
int64_t elementBytes(Type type) {
  return std::max<int64_t>(1, (type.getIntOrFloatBitWidth() + 7) / 8);
}

/// The natural alignment of an element: what the generated loads and stores
/// assume (LLVM gives them the element type's ABI alignment, at most 8 on
/// the targets we build for).
int64_t naturalAlignment(Type type) {
  return std::min<int64_t>(8, llvm::PowerOf2Ceil(elementBytes(type)));
}

/// The outermost layer name in a location: the importer names operators
/// "<OPNAME>#<index>".
std::string layerName(Location loc) {
  std::string found;
  loc->walk([&](Location l) {
    if (auto name = dyn_cast<NameLoc>(l)) {
      StringRef n = name.getName().getValue();
      if (n.contains('#')) {
        found = n.str();
        return WalkResult::interrupt();
      }
    }
    return WalkResult::advance();
  });
  return found;
}

class Planner {
public:
  Planner(func::FuncOp entry, const MCUQPlanMemoryPassOptions &options)
      : entry(entry), options(options) {}

  LogicalResult run();

  int64_t arenaSize = 0, arenaAlignment = 1, lowerBound = 0;
  int64_t lowerBoundNoInPlace = 0;
  int64_t inPlaceCount = 0, inPlaceBytes = 0;
  std::string strategy;
  bool optimal = false;
  std::string peakLayer;
  SmallVector<std::pair<unsigned, int64_t>> ioOffsets; // argument, offset

private:
  void numberOps();
  LogicalResult collect();
  LogicalResult computeLifetime(ArenaValue &buffer);
  std::pair<int64_t, int64_t> useInterval(Operation *user,
                                          const ArenaValue &buffer);
  std::optional<unsigned> contiguousRoot(Value v);
  void findInPlace();
  void findOverlaps();
  void pruneLinks();
  SmallVector<arena::Buffer>
  makeItems(bool inPlace, SmallVector<SmallVector<unsigned>> &groups,
            SmallVector<SmallVector<int64_t>> &rel);
  LogicalResult place();
  LogicalResult budgetError(ArrayRef<arena::Buffer> items,
                            ArrayRef<SmallVector<unsigned>> groups);
  LogicalResult rewrite();

  func::FuncOp entry;
  const MCUQPlanMemoryPassOptions &options;
  /// The op at a time step; the entry itself (step 0, when inputs arrive)
  /// stands for its first op.
  Operation *opAt(int64_t time) {
    Operation *op = ops[std::clamp<int64_t>(time, 0, ops.size() - 1)];
    if (op == entry.getOperation() && ops.size() > 1)
      op = ops[1];
    return op;
  }

  DenseMap<Operation *, int64_t> position, lastPosition;
  SmallVector<Operation *> ops;
  SmallVector<ArenaValue> buffers;
  DenseMap<Value, unsigned> bufferOf;
};

void Planner::numberOps() {
  int64_t next = 0;
  entry.walk<WalkOrder::PreOrder>([&](Operation *op) {
    position[op] = next++;
    ops.push_back(op);
  });
  // Pre-order numbers each op's nested ops right after it, so the last of
  // them is the largest number seen when the post-order walk reaches it.
  int64_t maxSeen = -1;
  entry.walk<WalkOrder::PostOrder>([&](Operation *op) {
    maxSeen = std::max(maxSeen, position[op]);
    lastPosition[op] = maxSeen;
  });
}

LogicalResult Planner::collect() {
  Block &body = entry.getBody().front();
  if (options.ioInArena)
    for (BlockArgument arg : body.getArguments()) {
      unsigned i = arg.getArgNumber();
      bool input =
          !!entry.getArgAttr(i, MCUQDialect::InputAttrHelper::getNameStr());
      bool output =
          !!entry.getArgAttr(i, MCUQDialect::OutputAttrHelper::getNameStr());
      if (!input && !output)
        continue; // state persists across calls: never in the arena
      auto type = dyn_cast<MemRefType>(arg.getType());
      if (!type || !type.hasStaticShape() || !type.getLayout().isIdentity())
        return entry.emitError("io-in-arena needs static identity-layout "
                               "buffers, argument ")
               << i << " is " << arg.getType();
      ArenaValue v;
      v.root = arg;
      v.argIndex = i;
      v.bytes = type.getNumElements() * elementBytes(type.getElementType());
      v.alignment = naturalAlignment(type.getElementType());
      // The caller writes inputs before the call and reads outputs after it.
      if (input)
        v.start = v.end = 0;
      else
        v.start = v.end = lastPosition[entry];
      v.accessed = true;
      bufferOf[arg] = buffers.size();
      buffers.push_back(v);
    }

  WalkResult walk = entry.walk([&](Operation *op) {
    if (!isa<memref::AllocOp, memref::AllocaOp>(op))
      return WalkResult::advance();
    auto type = cast<MemRefType>(op->getResult(0).getType());
    if (!type.getLayout().isIdentity()) {
      op->emitError("cannot plan a buffer with a non-identity layout: ")
          << type;
      return WalkResult::interrupt();
    }
    // Dynamic sizes (partial tiles) get the space of their largest size.
    int64_t elements = 1;
    unsigned dynamic = 0;
    for (int64_t dim : type.getShape()) {
      if (!ShapedType::isDynamic(dim)) {
        elements *= dim;
        continue;
      }
      Value size = op->getOperand(dynamic++);
      FailureOr<int64_t> bound = ValueBoundsConstraintSet::computeConstantBound(
          presburger::BoundType::UB, ValueBoundsConstraintSet::Variable(size),
          /*stopCondition=*/nullptr, /*closedUB=*/true);
      if (failed(bound)) {
        op->emitError("cannot plan a buffer of dynamic size without a "
                      "constant upper bound: ")
            << type;
        return WalkResult::interrupt();
      }
      elements *= std::max<int64_t>(0, *bound);
    }
    ArenaValue v;
    v.root = op->getResult(0);
    v.alloc = op;
    v.bytes = elements * elementBytes(type.getElementType());
    v.alignment = naturalAlignment(type.getElementType());
    bufferOf[v.root] = buffers.size();
    buffers.push_back(v);
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  for (ArenaValue &b : buffers) {
    b.alignment = std::max<int64_t>(b.alignment, options.alignment);
    if (failed(computeLifetime(b)))
      return failure();
  }
  return success();
}

std::pair<int64_t, int64_t> Planner::useInterval(Operation *user,
                                                 const ArenaValue &buffer) {
  // A buffer allocated outside a loop and used inside it is alive for the
  // whole loop; one allocated inside is fresh on every iteration.
  Operation *anchor = user;
  for (Operation *p = user->getParentOp(); p && p != entry.getOperation();
       p = p->getParentOp())
    if (!buffer.alloc || !p->isAncestor(buffer.alloc))
      anchor = p;
  return {position[anchor], lastPosition[anchor]};
}

LogicalResult Planner::computeLifetime(ArenaValue &buffer) {
  SmallVector<Value> worklist = {buffer.root};
  DenseSet<Value> seen;
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      if (isa<memref::DeallocOp>(user)) {
        buffer.deallocs.push_back(user);
        continue;
      }
      // Views alias their source without touching memory.
      if (auto view = dyn_cast<ViewLikeOpInterface>(user))
        if (view.getViewSource() == v) {
          for (Value r : user->getResults())
            if (isa<BaseMemRefType>(r.getType()))
              worklist.push_back(r);
          continue;
        }
      auto [from, to] = useInterval(user, buffer);
      buffer.start = std::min(buffer.start, from);
      buffer.end = std::max(buffer.end, to);
      auto linalgOp = dyn_cast<linalg::LinalgOp>(user);
      if (!linalgOp || !linalgOp.isDpsInput(&use) ||
          linalgOp.payloadUsesValueFromOperand(&use))
        buffer.accessed = true;
      // Anything else that returns a buffer may return this one.
      for (Value r : user->getResults())
        if (isa<BaseMemRefType>(r.getType()))
          worklist.push_back(r);
      if (user->hasTrait<OpTrait::IsTerminator>()) {
        Operation *parent = user->getParentOp();
        if (parent == entry.getOperation())
          return user->emitError("a planned buffer escapes the entry point");
        if (buffer.alloc && parent->isProperAncestor(buffer.alloc))
          return buffer.alloc->emitError(
              "cannot plan a buffer that outlives the region iteration "
              "allocating it");
        for (Value r : parent->getResults())
          if (isa<BaseMemRefType>(r.getType()))
            worklist.push_back(r);
      }
    }
  }
  return success();
}

/// The planned buffer `v` starts at, when `v` covers it contiguously from
/// its base in row-major order (the buffer itself or a reshape of it).
std::optional<unsigned> Planner::contiguousRoot(Value v) {
  while (true) {
    auto type = dyn_cast<MemRefType>(v.getType());
    if (!type || !type.getLayout().isIdentity())
      return std::nullopt;
    auto it = bufferOf.find(v);
    if (it != bufferOf.end())
      return it->second;
    Operation *def = v.getDefiningOp();
    if (auto op = dyn_cast_or_null<memref::CollapseShapeOp>(def))
      v = op.getSrc();
    else if (auto op = dyn_cast_or_null<memref::ExpandShapeOp>(def))
      v = op.getSrc();
    else if (auto op = dyn_cast_or_null<memref::CastOp>(def))
      v = op.getSource();
    else
      return std::nullopt;
  }
}

/// An element-wise operation (all loops parallel, identity maps) computes
/// element k from element k of each input in increasing k, reading before
/// writing. Its output may then share the base offset of an input that dies
/// there when output elements are no wider than input elements: writing
/// element k only touches input bytes of elements <= k, already read.
void Planner::findInPlace() {
  entry.walk([&](linalg::LinalgOp op) {
    if (!op.hasPureBufferSemantics() || op.getNumDpsInits() != 1 ||
        op.getNumParallelLoops() != op.getNumLoops())
      return;
    OpOperand *init = op.getDpsInitOperand(0);
    if (op.payloadUsesValueFromOperand(init) ||
        !op.getMatchingIndexingMap(init).isIdentity())
      return;
    std::optional<unsigned> out = contiguousRoot(init->get());
    if (!out || buffers[*out].inPlaceOf >= 0 || !buffers[*out].placed() ||
        buffers[*out].start != position[op])
      return;
    // Whether a buffer operand may reach planned buffer `b`: views lead to
    // their source; constants and caller buffers outside the arena cannot;
    // anything else might.
    auto mayReach = [&](Value v, unsigned b) {
      if (!isa<BaseMemRefType>(v.getType()))
        return false;
      while (true) {
        auto it = bufferOf.find(v);
        if (it != bufferOf.end())
          return it->second == b;
        if (auto arg = dyn_cast<BlockArgument>(v))
          return arg.getOwner() != &entry.getBody().front();
        Operation *def = v.getDefiningOp();
        if (isa<memref::GetGlobalOp, memref::AllocOp, memref::AllocaOp>(def))
          return false;
        auto view = dyn_cast<ViewLikeOpInterface>(def);
        if (!view)
          return true;
        v = view.getViewSource();
      }
    };
    int64_t outElement =
        elementBytes(getElementTypeOrSelf(init->get().getType()));
    int best = -1;
    for (OpOperand *input : op.getDpsInputOperands()) {
      std::optional<unsigned> in = contiguousRoot(input->get());
      if (!in || *in == *out || !op.getMatchingIndexingMap(input).isIdentity())
        continue;
      const ArenaValue &b = buffers[*in];
      if (!b.placed() || b.end != lastPosition[op] ||
          elementBytes(getElementTypeOrSelf(input->get().getType())) <
              outElement)
        continue;
      // The input must be read through this operand only, and the output
      // written through the init only (the payload may load from buffers
      // too).
      bool alone = true;
      op->walk([&](Operation *inner) {
        for (OpOperand &other : inner->getOpOperands()) {
          if (&other == input || &other == init)
            continue;
          if (mayReach(other.get(), *in) || mayReach(other.get(), *out))
            alone = false;
        }
      });
      if (alone && (best < 0 || b.bytes > buffers[best].bytes))
        best = *in;
    }
    if (best < 0)
      return;
    buffers[*out].inPlaceOf = best;
    buffers[*out].inPlaceOp = op;
    buffers[*out].inPlaceSaving = buffers[*out].bytes;
  });
}

/// Overlapping an op's output with an input that dies there, at a
/// displacement the access analysis proves safe: the output written over
/// input bytes no later load reads (TinyEngine's in-place depthwise
/// convolution; an expanding 1x1 convolution whose input sits at the end of
/// its output).
void Planner::findOverlaps() {
  DenseMap<int64_t, SmallVector<unsigned>> bornAt, diesAt;
  for (auto [i, b] : llvm::enumerate(buffers))
    if (b.placed()) {
      bornAt[b.start].push_back(i);
      diesAt[b.end].push_back(i);
    }
  // Displacements are multiples of every buffer's alignment.
  int64_t granule = std::max<int64_t>(8, options.alignment);
  auto down = [&](int64_t v) {
    return llvm::divideFloorSigned(v, granule) * granule;
  };
  auto up = [&](int64_t v) {
    return llvm::divideCeilSigned(v, granule) * granule;
  };
  struct Candidate {
    int64_t saving;
    unsigned in, out;
    Operation *op;
    int64_t displacement;
    unsigned index; // Program order, the tie-break.
  };
  SmallVector<Candidate> candidates;
  entry.walk([&](Operation *op) {
    if (isa<linalg::LinalgOp>(op) || op == entry.getOperation())
      return;
    auto born = bornAt.find(position[op]);
    auto dies = diesAt.find(lastPosition[op]);
    if (born == bornAt.end() || dies == diesAt.end())
      return;
    for (unsigned out : born->second)
      for (unsigned in : dies->second) {
        const ArenaValue &o = buffers[out], &i = buffers[in];
        if (in == out || i.start >= position[op])
          continue;
        std::optional<UnsafeDisplacements> unsafe =
            analyzeOverlap(op, i.root, o.root);
        LLVM_DEBUG({
          llvm::dbgs() << "overlap at " << op->getName() << " " << position[op]
                       << ": input " << i.bytes << " bytes, output " << o.bytes
                       << " bytes: ";
          if (unsafe) {
            llvm::dbgs() << "unsafe displacements";
            for (auto [lo, hi] : unsafe->ranges)
              llvm::dbgs() << " [" << lo << ", " << hi << "]";
            llvm::dbgs() << "\n";
          } else {
            llvm::dbgs() << "accesses not analyzable\n";
          }
        });
        if (!unsafe)
          continue;
        // The smallest footprint is with one buffer inside the other; else
        // as close to that as the unsafe ranges allow: next to one of them.
        SmallVector<int64_t> targets = {0, o.bytes - i.bytes};
        for (auto [lo, hi] : unsafe->ranges)
          targets.append({hi + 1, lo - 1});
        int64_t best = -1, bestD = 0;
        for (int64_t target : targets)
          for (int64_t d : {down(target), up(target)}) {
            if (unsafe->contains(d))
              continue;
            int64_t footprint =
                std::max(o.bytes, d + i.bytes) - std::min<int64_t>(0, d);
            if (best < 0 || footprint < best ||
                (footprint == best && std::abs(d) < std::abs(bestD))) {
              best = footprint;
              bestD = d;
            }
          }
        if (best >= 0 && best < i.bytes + o.bytes)
          candidates.push_back({i.bytes + o.bytes - best, in, out, op, bestD,
                                unsigned(candidates.size())});
      }
  });
  llvm::sort(candidates, [](const Candidate &a, const Candidate &b) {
    return std::make_pair(-a.saving, a.index) <
           std::make_pair(-b.saving, b.index);
  });
  DenseSet<unsigned> hasChild;
  for (auto [i, b] : llvm::enumerate(buffers))
    if (b.inPlaceOf >= 0)
      hasChild.insert(b.inPlaceOf);
  for (const Candidate &c : candidates) {
    ArenaValue &out = buffers[c.out];
    if (out.inPlaceOf >= 0 || hasChild.contains(c.in))
      continue;
    out.inPlaceOf = c.in;
    out.inPlaceOp = c.op;
    // The input sits `displacement` bytes above the output.
    out.inPlaceDelta = -c.displacement;
    out.inPlaceSaving = c.saving;
    hasChild.insert(c.in);
  }
}

/// Breaks links whose op does not end before the next link's op starts: the
/// segments of a chain must follow one another in time.
void Planner::pruneLinks() {
  for (ArenaValue &b : buffers) {
    if (b.inPlaceOf < 0)
      continue;
    const ArenaValue &parent = buffers[b.inPlaceOf];
    if (parent.inPlaceOf >= 0 &&
        lastPosition[parent.inPlaceOp] >= position[b.inPlaceOp])
      b.inPlaceOf = -1;
  }
}

/// The placement items: each in-place chain (a buffer, the one written over
/// it, the one written over that ...) becomes one item. A member's own
/// segment runs between the ops linking it to its neighbours; during a
/// linking op the item holds the union of both members' bytes.
SmallVector<arena::Buffer>
Planner::makeItems(bool inPlace, SmallVector<SmallVector<unsigned>> &groups,
                   SmallVector<SmallVector<int64_t>> &rel) {
  groups.clear();
  rel.clear();
  DenseMap<unsigned, unsigned> childOf;
  auto linked = [&](unsigned i) {
    const ArenaValue &b = buffers[i];
    return inPlace && b.inPlaceOf >= 0 && b.linkUsed &&
           buffers[b.inPlaceOf].placed();
  };
  for (unsigned i = 0; i < buffers.size(); ++i)
    if (buffers[i].placed() && linked(i))
      childOf[buffers[i].inPlaceOf] = i;
  for (unsigned i = 0; i < buffers.size(); ++i) {
    if (!buffers[i].placed() || linked(i))
      continue;
    SmallVector<unsigned> chain = {i};
    SmallVector<int64_t> offsets = {0};
    for (auto it = childOf.find(i); it != childOf.end();
         it = childOf.find(chain.back())) {
      offsets.push_back(offsets.back() + buffers[it->second].inPlaceDelta);
      chain.push_back(it->second);
    }
    int64_t base = *llvm::min_element(offsets);
    for (int64_t &o : offsets)
      o -= base;
    groups.push_back(chain);
    rel.push_back(offsets);
  }
  SmallVector<arena::Buffer> items;
  for (auto [members, offsets] : llvm::zip(groups, rel)) {
    arena::Buffer item;
    for (unsigned k = 0; k < members.size(); ++k) {
      const ArenaValue &b = buffers[members[k]];
      item.alignment = std::max(item.alignment, b.alignment);
      int64_t from = b.start, to = b.end;
      if (k > 0) {
        // The link: both members' bytes while the op runs.
        Operation *link = b.inPlaceOp;
        const ArenaValue &prev = buffers[members[k - 1]];
        int64_t lo = std::min(offsets[k - 1], offsets[k]);
        int64_t hi =
            std::max(offsets[k - 1] + prev.bytes, offsets[k] + b.bytes);
        item.segments.push_back(
            {position[link], lastPosition[link], hi - lo, lo});
        from = lastPosition[link] + 1;
      }
      if (k + 1 < members.size())
        to = position[buffers[members[k + 1]].inPlaceOp] - 1;
      if (from <= to)
        item.segments.push_back({from, to, b.bytes, offsets[k]});
    }
    llvm::sort(item.segments,
               [](const arena::Segment &a, const arena::Segment &b) {
                 return a.start < b.start;
               });
    items.push_back(item);
  }
  return items;
}

LogicalResult Planner::place() {
  arena::PlacementOptions placement;
  if (!arena::parseStrategy(options.strategy, placement.strategy))
    return entry.emitError("unknown placement strategy '")
           << options.strategy
           << "'; known: size, breadth, conflicts, lifetime, exact, best";
  placement.exactMaxBuffers = options.exactLimit;

  SmallVector<SmallVector<unsigned>> groups;
  SmallVector<SmallVector<int64_t>> rel;
  lowerBoundNoInPlace = arena::lowerBound(makeItems(false, groups, rel));

  // Links tie buffers into rigid chains: each one saves bytes where its op
  // runs, but a long chain of displaced links drifts and may need more room
  // than separate buffers elsewhere. Local search over which links to keep,
  // judged by the greedy placements.
  SmallVector<unsigned> links;
  for (auto [i, b] : llvm::enumerate(buffers))
    if (options.inPlace && b.placed() && b.inPlaceOf >= 0)
      links.push_back(i);
  llvm::sort(links, [&](unsigned a, unsigned b) {
    return std::make_pair(buffers[a].inPlaceSaving, a) <
           std::make_pair(buffers[b].inPlaceSaving, b);
  });
  arena::PlacementOptions quick = placement;
  quick.exactMaxBuffers = 0;
  if (quick.strategy == arena::Strategy::Exact)
    quick.strategy = arena::Strategy::Best;
  auto evaluate = [&]() {
    return arena::place(makeItems(true, groups, rel), quick).size;
  };
  int64_t cost = evaluate();
  for (int round = 0; round < 3 && !links.empty(); ++round) {
    bool changed = false;
    for (unsigned l : links) {
      buffers[l].linkUsed = !buffers[l].linkUsed;
      int64_t c = evaluate();
      if (c < cost) {
        cost = c;
        changed = true;
      } else {
        buffers[l].linkUsed = !buffers[l].linkUsed;
      }
    }
    if (!changed)
      break;
  }
  SmallVector<arena::Buffer> items = makeItems(true, groups, rel);
  arena::Plan plan = arena::place(items, placement);
  for (ArrayRef<unsigned> g : groups)
    for (unsigned m : g.drop_front()) {
      ++inPlaceCount;
      inPlaceBytes += buffers[m].bytes;
    }
  int64_t peakTime = 0;
  lowerBound = arena::lowerBound(items, &peakTime);
  strategy = plan.strategy;
  optimal = plan.optimal;
  if (!arena::isValidPlacement(items, plan.offsets))
    return entry.emitError("internal error: overlapping arena placement");

  // Buffers that are never accessed sit at offset 0; the arena covers them
  // so that even their addresses stay inside it.
  arenaSize = plan.size;
  // The base costs no arena bytes: 16 suits every target's widest accesses
  // (and callers' DMA), even though the buffers only need their elements'.
  arenaAlignment = std::max<int64_t>(16, options.alignment);
  for (ArenaValue &b : buffers) {
    arenaAlignment = std::max(arenaAlignment, b.alignment);
    if (!b.placed())
      arenaSize = std::max(arenaSize, b.bytes);
  }
  for (auto [g, members] : llvm::enumerate(groups))
    for (auto [m, o] : llvm::zip(members, rel[g]))
      buffers[m].offset = plan.offsets[g] + o;

  // The op alive at the peak names the layer in reports and diagnostics.
  Operation *peakOp = opAt(peakTime);
  peakLayer = layerName(peakOp->getLoc());
  if (peakLayer.empty())
    peakLayer = peakOp->getName().getStringRef().str();

  if (options.printPlan) {
    DenseSet<int64_t> merged;
    for (ArrayRef<unsigned> g : groups)
      for (unsigned m : g.drop_front())
        merged.insert(m);
    for (ArenaValue &b : buffers) {
      Location loc = b.alloc ? b.alloc->getLoc() : entry.getLoc();
      InFlightDiagnostic d = mlir::emitRemark(loc);
      if (!b.alloc)
        d << "argument " << b.argIndex << ": ";
      d << b.bytes << " bytes";
      if (!b.placed()) {
        d << ", never accessed: not placed";
        continue;
      }
      d << ", live " << b.start << ".." << b.end << ", offset " << b.offset;
      if (merged.contains(&b - buffers.data())) {
        d << (b.inPlaceDelta ? ", overlapping" : ", in place over") << " the "
          << buffers[b.inPlaceOf].bytes << "-byte buffer that dies at this "
          << b.inPlaceOp->getName();
        if (b.inPlaceDelta)
          d << " (its input " << -b.inPlaceDelta << " bytes above)";
      }
    }
    entry.emitRemark() << "arena " << arenaSize << " bytes, lower bound "
                       << lowerBound << " (" << lowerBoundNoInPlace
                       << " without in-place reuse), strategy " << strategy
                       << (optimal ? ", optimal" : "") << ", peak at "
                       << peakLayer;
  }

  if (options.arenaBudget >= 0 && arenaSize > options.arenaBudget)
    return budgetError(items, groups);
  return success();
}

LogicalResult Planner::budgetError(ArrayRef<arena::Buffer> items,
                                   ArrayRef<SmallVector<unsigned>> groups) {
  int64_t peakTime = 0;
  arena::lowerBound(items, &peakTime);
  InFlightDiagnostic diag =
      mlir::emitError(opAt(peakTime)->getLoc())
      << "arena of " << arenaSize << " bytes exceeds the budget of "
      << options.arenaBudget << " bytes by " << arenaSize - options.arenaBudget
      << "; the peak is at " << peakLayer << " with " << lowerBound
      << " bytes alive";
  // The largest buffers alive there: what tiling or a smaller model must
  // shrink.
  SmallVector<std::pair<int64_t, unsigned>> alive;
  for (ArrayRef<unsigned> members : groups)
    for (unsigned m : members) {
      const ArenaValue &b = buffers[m];
      if (b.start <= peakTime && peakTime <= b.end)
        alive.push_back({b.bytes, m});
    }
  llvm::sort(alive, std::greater<>());
  for (auto [size, m] : ArrayRef(alive).take_front(4)) {
    const ArenaValue &b = buffers[m];
    diag.attachNote(b.alloc ? b.alloc->getLoc() : entry.getLoc())
        << size << " bytes alive here: " << b.root.getType();
  }
  return failure();
}

LogicalResult Planner::rewrite() {
  MLIRContext *ctx = entry.getContext();
  auto arenaType = MemRefType::get({arenaSize}, IntegerType::get(ctx, 8));
  unsigned arenaIndex = entry.getNumArguments();
  if (failed(entry.insertArgument(
          arenaIndex, arenaType,
          DictionaryAttr::get(
              ctx, {NamedAttribute(
                       StringAttr::get(
                           ctx, MCUQDialect::ArenaAttrHelper::getNameStr()),
                       UnitAttr::get(ctx))}),
          entry.getLoc())))
    return failure();
  Value arena = entry.getArgument(arenaIndex);
  Block &body = entry.getBody().front();
  llvm::BitVector erasedArgs(entry.getNumArguments());
  for (ArenaValue &b : buffers) {
    OpBuilder builder(ctx);
    Location loc = entry.getLoc();
    ValueRange sizes;
    if (b.alloc) {
      builder.setInsertionPoint(b.alloc);
      loc = b.alloc->getLoc();
      sizes = b.alloc->getOperands();
    } else {
      builder.setInsertionPointToStart(&body);
      ioOffsets.push_back({b.argIndex, b.offset});
      erasedArgs.set(b.argIndex);
    }
    Value offset = arith::ConstantIndexOp::create(builder, loc, b.offset);
    auto type = cast<MemRefType>(b.root.getType());
    Value view =
        memref::ViewOp::create(builder, loc, type, arena, offset, sizes);
    b.root.replaceAllUsesWith(view);
    for (Operation *d : b.deallocs)
      d->erase();
    if (b.alloc)
      b.alloc->erase();
  }
  return entry.eraseArguments(erasedArgs);
}

LogicalResult Planner::run() {
  numberOps();
  if (failed(collect()))
    return failure();
  if (options.inPlace) {
    findInPlace();
    if (options.overlap)
      findOverlaps();
    pruneLinks();
  }
  if (failed(place()))
    return failure();
  return rewrite();
}

struct MCUQPlanMemoryPass
    : mcuq::impl::MCUQPlanMemoryPassBase<MCUQPlanMemoryPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    func::FuncOp entry;
    MLIRContext *ctx = &getContext();
    InterfaceAttr interface =
        MCUQDialect::InterfaceAttrHelper(ctx).getAttr(module);
    if (interface)
      entry = module.lookupSymbol<func::FuncOp>(interface.getEntry());
    if (!entry)
      for (auto f : module.getOps<func::FuncOp>())
        if (!f.isExternal() && f.isPublic())
          entry = f;
    if (!entry) {
      module.emitError("no public entry function to plan");
      return signalPassFailure();
    }
    // The section lands in a C string and an __attribute__ of the header.
    if (llvm::any_of(arenaSection.getValue(), [](char c) {
          return !llvm::isAlnum(c) && !StringRef("._$-").contains(c);
        })) {
      module.emitError("invalid arena section name '") << arenaSection << "'";
      return signalPassFailure();
    }
    // 2^28 is the largest alignment GCC accepts in the header's aligned().
    unsigned align = alignment;
    if ((align & (align - 1)) || align > (1u << 28)) {
      module.emitError("alignment must be 0 (natural) or a power of two up "
                       "to 2^28, got ")
          << align;
      return signalPassFailure();
    }
    if (arenaBudget < -1) {
      module.emitError("arena budget must be -1 (none) or a byte count, got ")
          << static_cast<int64_t>(arenaBudget);
      return signalPassFailure();
    }
    MCUQPlanMemoryPassOptions opts;
    opts.alignment = alignment;
    opts.arenaBudget = arenaBudget;
    opts.ioInArena = ioInArena;
    opts.inPlace = inPlace;
    opts.overlap = overlap;
    opts.strategy = strategy;
    opts.exactLimit = exactLimit;
    opts.printPlan = printPlan;
    Planner planner(entry, opts);
    if (failed(planner.run()))
      return signalPassFailure();

    MCUQDialect::ArenaPlanAttrHelper(ctx).setAttr(
        module,
        ArenaPlanAttr::get(ctx, planner.arenaSize, planner.arenaAlignment,
                           planner.lowerBound, planner.lowerBoundNoInPlace,
                           planner.strategy, planner.optimal,
                           planner.inPlaceCount, planner.inPlaceBytes,
                           planner.peakLayer, ioInArena, arenaSection));

    // Inputs and outputs inside the arena: the interface says where.
    if (ioInArena && interface) {
      SmallVector<PortAttr> ports(interface.getPorts());
      for (auto [arg, offset] : planner.ioOffsets) {
        if (arg >= ports.size())
          continue;
        PortAttr p = ports[arg];
        ports[arg] = PortAttr::get(ctx, p.getRole(), p.getName(), p.getShape(),
                                   p.getElement(), p.getScale(),
                                   p.getZeroPoint(), p.getStateInit(), offset);
      }
      MCUQDialect::InterfaceAttrHelper(ctx).setAttr(
          module, InterfaceAttr::get(ctx, interface.getEntry(), ports));
    }
  }
};

} // namespace
