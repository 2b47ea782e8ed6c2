//===- Schedule.cpp - Op order for the smallest peak of live buffers ------===//
//
// On tensors, before bufferization: chooses the topological order of a
// function's top-level operations that minimizes the most bytes alive at
// once, which is the lower bound of the arena mcuq-plan-memory will place.
// Only graphs with branches (a residual block's shortcut against its main
// path) leave a choice. Exact dynamic programming over the sets of already
// scheduled ops when their number stays small, greedy otherwise.
//
//===----------------------------------------------------------------------===//

#include "mcuq/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <unordered_map>

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQSCHEDULEPASS
#include "mcuq/Transforms/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;
using namespace mlir::mcuq;

namespace {

int64_t tensorBytes(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return 0;
  Type element = tensor.getElementType();
  int64_t bits = element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 64;
  return tensor.getNumElements() * std::max<int64_t>(1, (bits + 7) / 8);
}

/// A future buffer: the values that bufferization will place in one
/// allocation (a destination-passing chain, its reshapes and slices).
struct BufferClass {
  int64_t bytes = 0;
  /// Written into the caller's output buffer, or an input's: not in the
  /// arena.
  bool external = false;
  /// Values reached through a slice are not the whole buffer from its base.
  bool contiguous = true;
  int creator = -1;
  SmallVector<unsigned> users;
};

struct Node {
  Operation *op;
  SmallVector<unsigned> preds;
  SmallVector<unsigned> creates;
  SmallVector<unsigned> uses;
  /// Classes this element-wise op may overwrite with its output when they
  /// die here (mcuq-plan-memory's in-place rule).
  SmallVector<unsigned> inPlaceFrom;
};

class Scheduler {
public:
  Scheduler(Block &body) : body(body) {}

  void build();
  void findLazy();
  /// Peak bytes of running the nodes in `order`.
  int64_t peakOf(ArrayRef<unsigned> order) const;
  std::optional<SmallVector<unsigned>> exact(uint64_t maxStates,
                                             int64_t &peak) const;
  SmallVector<unsigned> greedy(int64_t &peak) const;
  void apply(ArrayRef<unsigned> order);

  std::vector<Node> nodes;
  SmallVector<Operation *> sources;

private:
  using Set = llvm::BitVector;

  /// Bytes alive while `v` runs after the nodes in `done`, and after it.
  std::pair<int64_t, int64_t> step(const Set &done, int64_t live,
                                   unsigned v) const;
  /// Whether eager node `v` can run next.
  bool ready(const Set &done, unsigned v) const;
  /// `v` preceded by the lazy nodes it needs that have not run yet.
  SmallVector<unsigned> move(const Set &done, unsigned v) const;
  /// Runs `list`: the peak while it runs and the bytes alive after it.
  std::pair<int64_t, int64_t> run(Set &done, int64_t live,
                                  ArrayRef<unsigned> list) const;
  bool alive(unsigned c) const {
    return !classes[c].external && classes[c].bytes > 0;
  }

  Block &body;
  SmallVector<BufferClass> classes;
  /// Nodes that read no arena buffer, so running them frees nothing (bias
  /// fills, scalar arithmetic): running one later, right before its first
  /// user, never raises the peak. They run as part of that user's move,
  /// which keeps them out of the search (every layer's bias fill, every
  /// scalar of an unrolled epilogue could otherwise run at many times).
  SmallVector<bool> lazy;
};

void Scheduler::build() {
  Operation *terminator = body.getTerminator();
  DenseSet<Operation *> isSource;
  DenseMap<Operation *, unsigned> nodeOf;
  for (Operation &op : body.without_terminator()) {
    // Constants, empty tensors and reads of the entry buffers depend on
    // nothing that is scheduled and hold no arena memory: they go first.
    bool source =
        op.getNumRegions() == 0 &&
        (isMemoryEffectFree(&op) || isa<bufferization::ToTensorOp>(op)) &&
        llvm::all_of(op.getOperands(), [&](Value v) {
          Operation *def = v.getDefiningOp();
          return !def || isSource.contains(def);
        });
    if (source) {
      isSource.insert(&op);
      sources.push_back(&op);
      continue;
    }
    nodeOf[&op] = nodes.size();
    nodes.push_back({&op, {}, {}, {}, {}});
  }

  // Dependences: every value used anywhere inside a node, and the original
  // order among ops with side effects.
  int lastEffect = -1;
  for (unsigned i = 0; i < nodes.size(); ++i) {
    Node &node = nodes[i];
    SetVector<unsigned> preds;
    node.op->walk([&](Operation *inner) {
      for (Value v : inner->getOperands()) {
        Operation *def = v.getDefiningOp();
        if (!def)
          continue;
        Operation *top = body.findAncestorOpInBlock(*def);
        if (!top || top == node.op)
          continue;
        auto it = nodeOf.find(top);
        if (it != nodeOf.end())
          preds.insert(it->second);
      }
    });
    if (!isMemoryEffectFree(node.op)) {
      if (lastEffect >= 0)
        preds.insert(lastEffect);
      lastEffect = i;
    }
    node.preds.assign(preds.begin(), preds.end());
  }

  // Buffer classes, following how one-shot bufferization aliases results.
  DenseMap<Value, unsigned> classOf;
  auto fresh = [&](Value v, unsigned creator) {
    classOf[v] = classes.size();
    BufferClass c;
    c.bytes = tensorBytes(v.getType());
    c.creator = creator;
    classes.push_back(c);
    nodes[creator].creates.push_back(classOf[v]);
  };
  auto isEmpty = [](Value v) {
    return v.getDefiningOp<tensor::EmptyOp>() ||
           v.getDefiningOp<bufferization::AllocTensorOp>();
  };
  auto alias = [&](Value result, Value source, bool contiguous, unsigned node) {
    // Writing into an empty tensor (a destination, a loop's iteration
    // argument, a slice's destination) allocates.
    if (isEmpty(source))
      return fresh(result, node);
    auto it = classOf.find(source);
    if (it == classOf.end())
      return; // an entry buffer or a constant
    classOf[result] = it->second;
    if (!contiguous)
      classes[it->second].contiguous = false;
  };
  for (unsigned i = 0; i < nodes.size(); ++i) {
    Node &node = nodes[i];
    Operation *op = node.op;
    for (OpResult r : op->getResults()) {
      if (!isa<RankedTensorType>(r.getType()))
        continue;
      if (auto dps = dyn_cast<DestinationStyleOpInterface>(op)) {
        alias(r, dps.getTiedOpOperand(r)->get(), true, i);
      } else if (isa<tensor::CollapseShapeOp, tensor::ExpandShapeOp,
                     tensor::CastOp>(op)) {
        alias(r, op->getOperand(0), true, i);
      } else if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op)) {
        alias(r, slice.getSource(), false, i);
      } else if (auto insert = dyn_cast<tensor::InsertSliceOp>(op)) {
        alias(r, insert.getDest(), true, i);
      } else if (auto loop = dyn_cast<scf::ForOp>(op)) {
        alias(r, loop.getInitArgs()[r.getResultNumber()], true, i);
      } else {
        fresh(r, i);
      }
    }
  }
  auto markExternal = [&](Value v) {
    auto it = classOf.find(v);
    if (it != classOf.end())
      classes[it->second].external = true;
  };
  for (Value v : terminator->getOperands())
    markExternal(v);
  for (Node &node : nodes)
    if (auto m = dyn_cast<bufferization::MaterializeInDestinationOp>(node.op))
      markExternal(m.getSource());

  for (unsigned i = 0; i < nodes.size(); ++i) {
    Node &node = nodes[i];
    SetVector<unsigned> used;
    node.op->walk([&](Operation *inner) {
      for (Value v : inner->getOperands()) {
        auto it = classOf.find(v);
        if (it != classOf.end() && classes[it->second].creator != int(i))
          used.insert(it->second);
      }
    });
    node.uses.assign(used.begin(), used.end());
    for (unsigned c : used)
      classes[c].users.push_back(i);

    // Element-wise on tensors, writing a fresh output no wider than an input.
    auto linalgOp = dyn_cast<linalg::LinalgOp>(node.op);
    if (!linalgOp || !linalgOp.hasPureTensorSemantics() ||
        linalgOp.getNumDpsInits() != 1 ||
        linalgOp.getNumParallelLoops() != linalgOp.getNumLoops())
      continue;
    OpOperand *init = linalgOp.getDpsInitOperand(0);
    if (!isEmpty(init->get()) || linalgOp.payloadUsesValueFromOperand(init) ||
        !linalgOp.getMatchingIndexingMap(init).isIdentity())
      continue;
    int64_t outBytes = tensorBytes(init->get().getType());
    for (OpOperand *input : linalgOp.getDpsInputOperands()) {
      auto it = classOf.find(input->get());
      if (it == classOf.end() ||
          !linalgOp.getMatchingIndexingMap(input).isIdentity())
        continue;
      const BufferClass &c = classes[it->second];
      if (c.contiguous && tensorBytes(input->get().getType()) >= outBytes)
        node.inPlaceFrom.push_back(it->second);
    }
  }
}

void Scheduler::findLazy() {
  SmallVector<bool> hasUser(nodes.size(), false);
  for (const Node &node : nodes)
    for (unsigned p : node.preds)
      hasUser[p] = true;
  lazy.assign(nodes.size(), false);
  for (unsigned v = 0; v < nodes.size(); ++v) {
    const Node &node = nodes[v];
    lazy[v] = hasUser[v] && isMemoryEffectFree(node.op) &&
              llvm::none_of(node.uses, [&](unsigned c) { return alive(c); });
  }
}

std::pair<int64_t, int64_t> Scheduler::step(const Set &done, int64_t live,
                                            unsigned v) const {
  const Node &node = nodes[v];
  int64_t created = 0, dying = 0;
  for (unsigned c : node.creates)
    if (alive(c)) {
      created += classes[c].bytes;
      if (classes[c].users.empty())
        dying += classes[c].bytes;
    }
  auto diesHere = [&](unsigned c) {
    return llvm::all_of(classes[c].users,
                        [&](unsigned u) { return u == v || done.test(u); });
  };
  int64_t saving = 0;
  for (unsigned c : node.uses)
    if (alive(c) && diesHere(c)) {
      dying += classes[c].bytes;
      if (llvm::is_contained(node.inPlaceFrom, c))
        saving = created;
    }
  return {live + created - saving, live + created - dying};
}

SmallVector<unsigned> Scheduler::move(const Set &done, unsigned v) const {
  SmallVector<unsigned> list, stack = {v};
  Set seen = done;
  while (!stack.empty()) {
    unsigned u = stack.pop_back_val();
    if (seen.test(u))
      continue;
    seen.set(u);
    list.push_back(u);
    for (unsigned p : nodes[u].preds)
      if (lazy[p])
        stack.push_back(p);
  }
  // Node numbers follow the original order, which is topological.
  llvm::sort(list);
  return list;
}

bool Scheduler::ready(const Set &done, unsigned v) const {
  if (lazy[v] || done.test(v))
    return false;
  // The lazy nodes `v` pulls in need their own eager predecessors done.
  SmallVector<unsigned> stack(nodes[v].preds.begin(), nodes[v].preds.end());
  Set seen = done;
  while (!stack.empty()) {
    unsigned p = stack.pop_back_val();
    if (seen.test(p))
      continue;
    if (!lazy[p])
      return false;
    seen.set(p);
    stack.append(nodes[p].preds.begin(), nodes[p].preds.end());
  }
  return true;
}

std::pair<int64_t, int64_t> Scheduler::run(Set &done, int64_t live,
                                           ArrayRef<unsigned> list) const {
  int64_t peak = 0;
  for (unsigned u : list) {
    auto [during, after] = step(done, live, u);
    peak = std::max(peak, during);
    live = after;
    done.set(u);
  }
  return {peak, live};
}

int64_t Scheduler::peakOf(ArrayRef<unsigned> order) const {
  Set done(nodes.size());
  return run(done, 0, order).first;
}

SmallVector<unsigned> Scheduler::greedy(int64_t &peak) const {
  Set done(nodes.size());
  SmallVector<unsigned> order;
  int64_t live = 0;
  peak = 0;
  while (order.size() < nodes.size()) {
    int best = -1;
    std::pair<int64_t, int64_t> bestRun;
    for (unsigned v = 0; v < nodes.size(); ++v) {
      if (!ready(done, v))
        continue;
      Set trial = done;
      auto r = run(trial, live, move(done, v));
      if (best < 0 || r < bestRun) {
        best = v;
        bestRun = r;
      }
    }
    SmallVector<unsigned> list = move(done, best);
    auto [p, after] = run(done, live, list);
    peak = std::max(peak, p);
    live = after;
    order.append(list);
  }
  return order;
}

std::optional<SmallVector<unsigned>> Scheduler::exact(uint64_t maxStates,
                                                      int64_t &peak) const {
  // The bytes alive after a set of ops depend only on the set, so the
  // smallest peak to reach each set is found layer by layer (sets with k
  // eager ops extend to sets with k+1). Graphs without branches have one set
  // per layer.
  struct State {
    Set done;
    int64_t live, peak;
    unsigned parent, last;
  };
  auto key = [](const Set &s) {
    std::string k;
    for (unsigned w : s.set_bits())
      k.append(reinterpret_cast<const char *>(&w), sizeof(w));
    return k;
  };
  unsigned eager = llvm::count(lazy, false);
  SmallVector<std::vector<State>> layers(1);
  layers[0].push_back({Set(nodes.size()), 0, 0, 0, 0});
  uint64_t total = 1;
  for (unsigned k = 0; k < eager; ++k) {
    std::vector<State> next;
    std::unordered_map<std::string, unsigned> index;
    for (auto [si, s] : llvm::enumerate(layers[k]))
      for (unsigned v = 0; v < nodes.size(); ++v) {
        if (!ready(s.done, v))
          continue;
        Set done = s.done;
        auto [during, after] = run(done, s.live, move(s.done, v));
        int64_t p = std::max(s.peak, during);
        auto [it, inserted] = index.try_emplace(key(done), next.size());
        if (inserted) {
          next.push_back({std::move(done), after, p, unsigned(si), v});
          if (++total > maxStates)
            return std::nullopt;
        } else if (p < next[it->second].peak) {
          next[it->second].peak = p;
          next[it->second].parent = si;
          next[it->second].last = v;
        }
      }
    layers.push_back(std::move(next));
  }
  SmallVector<unsigned> chosen(eager);
  unsigned si = 0;
  for (unsigned k = eager; k > 0; --k) {
    const State &s = layers[k][si];
    chosen[k - 1] = s.last;
    si = s.parent;
  }
  SmallVector<unsigned> order;
  Set done(nodes.size());
  for (unsigned v : chosen) {
    SmallVector<unsigned> list = move(done, v);
    for (unsigned u : list)
      done.set(u);
    order.append(list);
  }
  peak = layers.back().front().peak;
  return order;
}

void Scheduler::apply(ArrayRef<unsigned> order) {
  Operation *terminator = body.getTerminator();
  for (Operation *op : sources)
    op->moveBefore(terminator);
  for (unsigned v : order)
    nodes[v].op->moveBefore(terminator);
}

struct MCUQSchedulePass : mcuq::impl::MCUQSchedulePassBase<MCUQSchedulePass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal() || !func.getBody().hasOneBlock())
      return;
    Block &body = func.getBody().front();

    // One empty tensor per destination: CSE merges identical ones, and
    // bufferization would then give every op writing into a merged one the
    // same allocation, alive from its first to its last writer. Separate
    // buffers let the planner decide what shares memory.
    for (auto empty :
         llvm::make_early_inc_range(body.getOps<tensor::EmptyOp>())) {
      SmallVector<OpOperand *> uses = llvm::map_to_vector(
          empty->getUses(), [](OpOperand &u) { return &u; });
      // Each copy goes right before its user and takes its location, so the
      // allocation it becomes names the layer that writes it.
      for (OpOperand *use : ArrayRef(uses).drop_front()) {
        Operation *user = body.findAncestorOpInBlock(*use->getOwner());
        OpBuilder b(user);
        Operation *copy = b.clone(*empty);
        copy->setLoc(user->getLoc());
        use->set(copy->getResult(0));
      }
    }

    Scheduler scheduler(body);
    scheduler.build();
    scheduler.findLazy();
    SmallVector<unsigned> original =
        llvm::to_vector(llvm::seq<unsigned>(0, scheduler.nodes.size()));
    int64_t originalPeak = scheduler.peakOf(original);
    int64_t peak = originalPeak;
    SmallVector<unsigned> order = original;
    StringRef how = "original";
    int64_t exactPeak = 0;
    if (auto best = scheduler.exact(maxStates, exactPeak)) {
      if (exactPeak < peak) {
        order = *best;
        peak = exactPeak;
      }
      how = exactPeak < originalPeak ? "exact" : "original, optimal";
    } else {
      int64_t greedyPeak = 0;
      SmallVector<unsigned> g = scheduler.greedy(greedyPeak);
      if (greedyPeak < peak) {
        order = g;
        peak = greedyPeak;
        how = "greedy";
      }
    }
    if (order != original)
      scheduler.apply(order);
    if (printSchedule)
      func.emitRemark() << "schedule of " << scheduler.nodes.size()
                        << " ops: peak " << peak << " bytes (" << how
                        << "), original order " << originalPeak << " bytes";
  }
};

} // namespace
