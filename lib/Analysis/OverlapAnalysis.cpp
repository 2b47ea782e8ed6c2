//===- OverlapAnalysis.cpp - When may an op's output overlap its input ----===//

#include "mcuq/Analysis/OverlapAnalysis.h"

#include "mlir/Analysis/Presburger/IntegerRelation.h"
#include "mlir/Analysis/Presburger/Simplex.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "llvm/ADT/MapVector.h"

using namespace mlir;
using namespace mlir::mcuq;
namespace pb = mlir::presburger;

namespace {

/// An integer expression: constant + sum of coefficient * atom, where an atom
/// is the induction variable of an scf.for inside the analyzed op or an
/// opaque value with known bounds.
struct Linear {
  llvm::SmallMapVector<Value, int64_t, 4> coeffs;
  int64_t constant = 0;

  Linear &add(const Linear &o, int64_t scale) {
    for (auto [v, c] : o.coeffs)
      coeffs[v] += c * scale;
    constant += o.constant * scale;
    return *this;
  }
};

using Interval = std::pair<int64_t, int64_t>;

/// One load or store of the input or output, at an element address.
struct Access {
  Operation *op;
  bool isStore;
  bool onInput;
  Linear element; // address in elements from the buffer's base
  int64_t elementBytes;
  int64_t width;                 // bytes touched from the address
  SmallVector<scf::ForOp> loops; // enclosing, outermost first
  /// Affine conditions of enclosing scf.if then-branches, each >= 0.
  SmallVector<Linear> conditions;
};

class Analyzer {
public:
  explicit Analyzer(Operation *root) : root(root) {}

  std::optional<Linear> linear(Value v);
  std::optional<Interval> interval(Value v);
  bool collect(Value buffer, bool isInput, SmallVector<Access, 4> &out);
  /// Bounds of eS * S.element - eL * L.element without their constants over
  /// iterations where L runs after S (at or after `level` common loops
  /// agree). Empty optional: unbounded or unanalyzable; Interval lo > hi:
  /// no such pair.
  std::optional<Interval> bounds(const Access &s, const Access &l,
                                 unsigned level);

private:
  bool isInnerIV(Value v) {
    auto arg = dyn_cast<BlockArgument>(v);
    if (!arg)
      return false;
    auto loop = dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp());
    return loop && loop.getInductionVar() == v && root->isAncestor(loop);
  }
  std::optional<Linear> address(Value memref, ValueRange indices);
  /// Appends `cond` (an i1 value) as constraints `>= 0` when it is a
  /// conjunction of affine comparisons; drops what it cannot express (which
  /// only loses precision).
  void conditions(Value cond, SmallVectorImpl<Linear> &out);

public:
  /// The bounds of a linear expression from the intervals of its atoms.
  std::optional<Interval> range(const Linear &l);
  /// Constraints (each >= 0) tying an opaque atom to the atoms it is made of:
  /// the clamps of window borders, max(min(y - 1, 0), ...), stay related to
  /// the induction variables.
  DenseMap<Value, SmallVector<Linear>> relations;

private:
  Operation *root;
  DenseMap<Value, std::optional<Interval>> intervals;
};

std::optional<Interval> Analyzer::interval(Value v) {
  auto it = intervals.find(v);
  if (it != intervals.end())
    return it->second;
  // Cycles cannot occur (SSA dominance, loop bounds are defined outside).
  std::optional<Interval> result;
  auto both = [&](Value a, Value b, auto f) -> std::optional<Interval> {
    auto x = interval(a), y = interval(b);
    if (!x || !y)
      return std::nullopt;
    return f(*x, *y);
  };
  if (std::optional<int64_t> c = getConstantIntValue(v)) {
    result = Interval{*c, *c};
  } else if (auto arg = dyn_cast<BlockArgument>(v)) {
    auto loop = dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp());
    if (loop && loop.getInductionVar() == v) {
      auto lb = interval(loop.getLowerBound());
      auto ub = interval(loop.getUpperBound());
      if (lb && ub)
        result = Interval{lb->first, std::max(lb->first, ub->second - 1)};
    }
  } else if (Operation *def = v.getDefiningOp()) {
    if (auto op = dyn_cast<arith::AddIOp>(def))
      result = both(op.getLhs(), op.getRhs(), [](Interval a, Interval b) {
        return Interval{a.first + b.first, a.second + b.second};
      });
    else if (auto op = dyn_cast<arith::SubIOp>(def))
      result = both(op.getLhs(), op.getRhs(), [](Interval a, Interval b) {
        return Interval{a.first - b.second, a.second - b.first};
      });
    else if (auto op = dyn_cast<arith::MulIOp>(def))
      result = both(op.getLhs(), op.getRhs(), [](Interval a, Interval b) {
        int64_t p[] = {a.first * b.first, a.first * b.second,
                       a.second * b.first, a.second * b.second};
        return Interval{*std::min_element(p, p + 4),
                        *std::max_element(p, p + 4)};
      });
    else if (auto op = dyn_cast<arith::MaxSIOp>(def))
      result = both(op.getLhs(), op.getRhs(), [](Interval a, Interval b) {
        return Interval{std::max(a.first, b.first),
                        std::max(a.second, b.second)};
      });
    else if (auto op = dyn_cast<arith::MinSIOp>(def))
      result = both(op.getLhs(), op.getRhs(), [](Interval a, Interval b) {
        return Interval{std::min(a.first, b.first),
                        std::min(a.second, b.second)};
      });
    else if (auto op = dyn_cast<arith::SelectOp>(def))
      result = both(op.getTrueValue(), op.getFalseValue(),
                    [](Interval a, Interval b) {
                      return Interval{std::min(a.first, b.first),
                                      std::max(a.second, b.second)};
                    });
    else if (isa<arith::DivSIOp, arith::FloorDivSIOp, arith::CeilDivSIOp>(
                 def)) {
      std::optional<int64_t> d = getConstantIntValue(def->getOperand(1));
      auto x = interval(def->getOperand(0));
      if (d && *d > 0 && x)
        result = Interval{llvm::divideFloorSigned(x->first, *d),
                          llvm::divideCeilSigned(x->second, *d)};
    } else if (isa<arith::RemSIOp>(def)) {
      std::optional<int64_t> d = getConstantIntValue(def->getOperand(1));
      auto x = interval(def->getOperand(0));
      if (d && *d != 0 && x) {
        int64_t m = std::abs(*d) - 1;
        result = Interval{x->first >= 0 ? 0 : -m, x->second <= 0 ? 0 : m};
      }
    } else if (isa<arith::IndexCastOp>(def)) {
      result = interval(def->getOperand(0));
    } else if (isa<arith::AndIOp>(def)) {
      // x & c: within [0, c] for c >= 0; x rounded down to a multiple of
      // 2^k for c = -2^k (tail loops of vector kernels).
      std::optional<int64_t> c = getConstantIntValue(def->getOperand(1));
      auto x = interval(def->getOperand(0));
      if (c && *c >= 0)
        result = Interval{0, *c};
      else if (c && x && llvm::isPowerOf2_64(-*c))
        result = Interval{x->first + *c + 1, x->second};
    }
  }
  intervals[v] = result;
  return result;
}

std::optional<Linear> Analyzer::linear(Value v) {
  Linear l;
  if (std::optional<int64_t> c = getConstantIntValue(v)) {
    l.constant = *c;
    return l;
  }
  if (isInnerIV(v)) {
    l.coeffs[v] = 1;
    return l;
  }
  Operation *def = v.getDefiningOp();
  if (auto op = dyn_cast_or_null<arith::AddIOp>(def)) {
    auto a = linear(op.getLhs()), b = linear(op.getRhs());
    if (a && b)
      return a->add(*b, 1);
  } else if (auto op = dyn_cast_or_null<arith::SubIOp>(def)) {
    auto a = linear(op.getLhs()), b = linear(op.getRhs());
    if (a && b)
      return a->add(*b, -1);
  } else if (auto op = dyn_cast_or_null<arith::MulIOp>(def)) {
    std::optional<int64_t> cl = getConstantIntValue(op.getLhs());
    std::optional<int64_t> cr = getConstantIntValue(op.getRhs());
    if (cl || cr) {
      auto x = linear(cl ? op.getRhs() : op.getLhs());
      if (x) {
        Linear r;
        return r.add(*x, cl ? *cl : *cr);
      }
    }
  } else if (isa_and_nonnull<arith::IndexCastOp>(def)) {
    return linear(def->getOperand(0));
  }
  // Anything else stands for itself, within its bounds.
  if (!interval(v))
    return std::nullopt;
  l.coeffs[v] = 1;
  if (isa_and_nonnull<arith::AndIOp>(def) && !relations.count(v)) {
    // x & -2^k: x - 2^k < v <= x.
    std::optional<int64_t> c = getConstantIntValue(def->getOperand(1));
    std::optional<Linear> x = linear(def->getOperand(0));
    SmallVector<Linear> rel;
    if (c && *c < 0 && llvm::isPowerOf2_64(-*c) && x) {
      Linear below = *x; // x - v >= 0
      below.add(l, -1);
      Linear above = l; // v - x - c - 1 >= 0
      above.add(*x, -1);
      above.constant -= *c + 1;
      rel = {below, above};
    }
    relations[v] = rel;
  }
  if (isa_and_nonnull<arith::MaxSIOp, arith::MinSIOp>(def) &&
      !relations.count(v)) {
    // v = max(a, b): v >= a, v >= b, v <= a + sup(max(0, b - a)) and
    // likewise for b; min mirrors it.
    bool isMax = isa<arith::MaxSIOp>(def);
    std::optional<Linear> a = linear(def->getOperand(0));
    std::optional<Linear> b = linear(def->getOperand(1));
    SmallVector<Linear> rel;
    if (a && b) {
      for (auto [x, y] : {std::make_pair(*a, *b), std::make_pair(*b, *a)}) {
        Linear vMinusX = l;
        vMinusX.add(x, -1);
        Linear yMinusX = y;
        yMinusX.add(x, -1);
        std::optional<Interval> diff = range(yMinusX);
        if (isMax) {
          rel.push_back(vMinusX); // v - x >= 0
          if (diff) {
            Linear r;
            r.add(vMinusX, -1);
            r.constant += std::max<int64_t>(0, diff->second);
            rel.push_back(r); // x + sup(max(0, y - x)) - v >= 0
          }
        } else {
          Linear r;
          r.add(vMinusX, -1);
          rel.push_back(r); // x - v >= 0
          if (diff) {
            Linear q = vMinusX;
            q.constant += std::max<int64_t>(0, -diff->first);
            rel.push_back(q); // v - x + sup(max(0, x - y)) >= 0
          }
        }
      }
    }
    relations[v] = rel;
  }
  return l;
}

std::optional<Interval> Analyzer::range(const Linear &l) {
  Interval r{l.constant, l.constant};
  for (auto [v, c] : l.coeffs) {
    std::optional<Interval> i = interval(v);
    if (!i)
      return std::nullopt;
    r.first += c >= 0 ? c * i->first : c * i->second;
    r.second += c >= 0 ? c * i->second : c * i->first;
  }
  return r;
}

void Analyzer::conditions(Value cond, SmallVectorImpl<Linear> &out) {
  Operation *def = cond.getDefiningOp();
  if (auto op = dyn_cast_or_null<arith::AndIOp>(def)) {
    conditions(op.getLhs(), out);
    conditions(op.getRhs(), out);
    return;
  }
  auto cmp = dyn_cast_or_null<arith::CmpIOp>(def);
  if (!cmp || !cmp.getLhs().getType().isIndex())
    return;
  std::optional<Linear> a = linear(cmp.getLhs()), b = linear(cmp.getRhs());
  if (!a || !b)
    return;
  Linear aMinusB = *a;
  aMinusB.add(*b, -1);
  Linear bMinusA = *b;
  bMinusA.add(*a, -1);
  switch (cmp.getPredicate()) {
  case arith::CmpIPredicate::sge:
    out.push_back(aMinusB);
    break;
  case arith::CmpIPredicate::sgt:
    aMinusB.constant -= 1;
    out.push_back(aMinusB);
    break;
  case arith::CmpIPredicate::sle:
    out.push_back(bMinusA);
    break;
  case arith::CmpIPredicate::slt:
    bMinusA.constant -= 1;
    out.push_back(bMinusA);
    break;
  case arith::CmpIPredicate::eq:
    out.push_back(aMinusB);
    out.push_back(bMinusA);
    break;
  default:
    break;
  }
}

/// The element address of `indices` into `memref`, a view of a buffer root
/// (an allocation or an argument): subviews map indices to their source's;
/// below them, reshapes and casts of contiguous row-major buffers keep the
/// flat index. All of them share the root's base pointer and element type.
std::optional<Linear> Analyzer::address(Value memref, ValueRange indices) {
  SmallVector<Linear> idx;
  for (Value i : indices) {
    std::optional<Linear> l = linear(i);
    if (!l)
      return std::nullopt;
    idx.push_back(*l);
  }
  while (auto sub = memref.getDefiningOp<memref::SubViewOp>()) {
    // Source index = offset + index * stride (rank-reducing subviews drop
    // unit dimensions).
    llvm::SmallBitVector dropped = sub.getDroppedDims();
    SmallVector<Linear> srcIdx;
    unsigned k = 0;
    for (unsigned d = 0; d < sub.getSourceType().getRank(); ++d) {
      OpFoldResult o = sub.getMixedOffsets()[d];
      std::optional<Linear> off;
      if (std::optional<int64_t> c = getConstantIntValue(o)) {
        off = Linear();
        off->constant = *c;
      } else {
        off = linear(cast<Value>(o));
      }
      std::optional<int64_t> stride =
          getConstantIntValue(sub.getMixedStrides()[d]);
      if (!off || !stride)
        return std::nullopt;
      if (!dropped.test(d))
        off->add(idx[k++], *stride);
      srcIdx.push_back(*off);
    }
    idx = std::move(srcIdx);
    memref = sub.getSource();
  }
  auto contiguous = [](Value v) {
    auto type = dyn_cast<MemRefType>(v.getType());
    return type && type.hasStaticShape() && type.getLayout().isIdentity();
  };
  if (!contiguous(memref))
    return std::nullopt;
  auto type = cast<MemRefType>(memref.getType());
  Linear flat;
  int64_t stride = 1;
  for (int d = type.getRank() - 1; d >= 0; --d) {
    flat.add(idx[d], stride);
    stride *= type.getDimSize(d);
  }
  while (Operation *def = memref.getDefiningOp()) {
    if (isa<memref::AllocOp, memref::AllocaOp>(def))
      break;
    if (!isa<memref::CollapseShapeOp, memref::ExpandShapeOp, memref::CastOp>(
            def) ||
        !contiguous(def->getOperand(0)))
      return std::nullopt;
    memref = def->getOperand(0);
  }
  return flat;
}

bool Analyzer::collect(Value buffer, bool isInput,
                       SmallVector<Access, 4> &out) {
  SmallVector<Value> worklist = {buffer};
  DenseSet<Value> seen;
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      if (isa<memref::CollapseShapeOp, memref::ExpandShapeOp, memref::CastOp,
              memref::SubViewOp>(user)) {
        worklist.push_back(user->getResult(0));
        continue;
      }
      if (!root->isAncestor(user)) {
        // Accesses before or after the op do not matter here; anything else
        // (an alias, a pointer) could lead into it.
        if (!isa<memref::LoadOp, memref::StoreOp, memref::CopyOp,
                 memref::DeallocOp, memref::DimOp, vector::TransferReadOp,
                 vector::TransferWriteOp, vector::LoadOp, vector::StoreOp,
                 linalg::LinalgOp>(user))
          return false;
        continue;
      }
      Access a;
      a.op = user;
      a.onInput = isInput;
      // Scalar accesses, and 1-D vector accesses along the innermost
      // dimension (N consecutive elements, e.g. four int8 for SMLAD).
      Value memref;
      ValueRange indices;
      int64_t lanes = 1;
      auto vectorLanes = [](VectorType t, AffineMap map) -> int64_t {
        if (!t || t.getRank() != 1 || t.isScalable() || !map.isMinorIdentity())
          return 0;
        return t.getNumElements();
      };
      if (auto load = dyn_cast<memref::LoadOp>(user)) {
        a.isStore = false;
        memref = load.getMemRef();
        indices = load.getIndices();
      } else if (auto store = dyn_cast<memref::StoreOp>(user);
                 store && store.getMemRef() == v && !isInput) {
        a.isStore = true;
        memref = store.getMemRef();
        indices = store.getIndices();
      } else if (auto read = dyn_cast<vector::TransferReadOp>(user);
                 read && !read.getMask()) {
        a.isStore = false;
        memref = read.getBase();
        indices = read.getIndices();
        lanes = vectorLanes(read.getVectorType(), read.getPermutationMap());
      } else if (auto write = dyn_cast<vector::TransferWriteOp>(user);
                 write && write.getBase() == v && !write.getMask() &&
                 !isInput) {
        a.isStore = true;
        memref = write.getBase();
        indices = write.getIndices();
        lanes = vectorLanes(write.getVectorType(), write.getPermutationMap());
      } else if (auto vload = dyn_cast<vector::LoadOp>(user)) {
        a.isStore = false;
        memref = vload.getBase();
        indices = vload.getIndices();
        lanes = vectorLanes(
            vload.getVectorType(),
            AffineMap::getMinorIdentityMap(vload.getMemRefType().getRank(), 1,
                                           user->getContext()));
      } else {
        return false;
      }
      if (lanes == 0 || !isa<MemRefType>(memref.getType()))
        return false;
      auto addr = address(memref, indices);
      if (!addr)
        return false;
      a.element = *addr;
      Type element = cast<MemRefType>(v.getType()).getElementType();
      if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() % 8)
        return false;
      a.elementBytes = element.getIntOrFloatBitWidth() / 8;
      a.width = a.elementBytes * lanes;
      for (Operation *child = user, *p = user->getParentOp(); p;
           child = p, p = p->getParentOp()) {
        if (auto ifOp = dyn_cast<scf::IfOp>(p))
          if (ifOp.getThenRegion().isAncestor(child->getParentRegion()))
            conditions(ifOp.getCondition(), a.conditions);
        if (auto loop = dyn_cast<scf::ForOp>(p))
          a.loops.insert(a.loops.begin(), loop);
        else if (isa<LoopLikeOpInterface>(p) || !isa<scf::IfOp>(p))
          if (root->isAncestor(p) && p != root)
            return false; // another kind of loop or region: give up
        if (p == root)
          break;
      }
      // Induction variables of the enclosing loops need constant steps.
      for (scf::ForOp loop : a.loops)
        if (!getConstantIntValue(loop.getStep()))
          return false;
      out.push_back(std::move(a));
    }
  }
  return true;
}

/// Builds the iteration constraints of one side of a pair.
class SystemBuilder {
public:
  explicit SystemBuilder(Analyzer &analyzer) : analyzer(analyzer) {}

  /// The variable of atom `v` on side `side`, with its constraints.
  std::optional<unsigned> var(unsigned side, Value v) {
    auto key = std::make_pair(side, v.getAsOpaquePointer());
    auto it = vars.find(key);
    if (it != vars.end())
      return it->second;
    unsigned id = numVars++;
    vars[key] = id;
    auto arg = dyn_cast<BlockArgument>(v);
    auto loop = arg ? dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp())
                    : scf::ForOp();
    if (loop && loop.getInductionVar() == v) {
      // iv = lb + step * k, k >= 0, iv <= ub - 1.
      std::optional<Linear> lb = analyzer.linear(loop.getLowerBound());
      std::optional<Linear> ub = analyzer.linear(loop.getUpperBound());
      int64_t step = *getConstantIntValue(loop.getStep());
      if (!lb || !ub || step <= 0)
        return std::nullopt;
      unsigned k = numVars++;
      Row eq = {{id, 1}, {k, -step}};
      Row upper = {{id, -1}};
      if (!addLinear(side, eq, *lb, -1) || !addLinear(side, upper, *ub, 1))
        return std::nullopt;
      equalities.push_back({eq, -lb->constant});
      inequalities.push_back({{{k, 1}}, 0});
      // With constant bounds, the last iteration exactly: the simplex
      // relaxes k to a rational, which would reach ub - 1 off the step.
      int64_t last = ub->constant - 1;
      if (lb->coeffs.empty() && ub->coeffs.empty() && last >= lb->constant)
        last = lb->constant + (last - lb->constant) / step * step;
      inequalities.push_back({upper, last});
      return id;
    }
    std::optional<Interval> b = analyzer.interval(v);
    if (!b)
      return std::nullopt;
    inequalities.push_back({{{id, 1}}, -b->first});
    inequalities.push_back({{{id, -1}}, b->second});
    auto rel = analyzer.relations.find(v);
    if (rel != analyzer.relations.end())
      for (const Linear &r : SmallVector<Linear>(rel->second))
        if (!addConstraint(side, r))
          return std::nullopt;
    return id;
  }

  /// Adds `l >= 0` on `side`.
  bool addConstraint(unsigned side, const Linear &l) {
    Row row;
    if (!addLinear(side, row, l, 1))
      return false;
    inequalities.push_back({row, l.constant});
    return true;
  }

  using Row = SmallVector<std::pair<unsigned, int64_t>>;

  /// row += scale * (l without its constant).
  bool addLinear(unsigned side, Row &row, const Linear &l, int64_t scale) {
    for (auto [v, c] : l.coeffs) {
      std::optional<unsigned> id = var(side, v);
      if (!id)
        return false;
      row.push_back({*id, c * scale});
    }
    return true;
  }

  pb::IntegerPolyhedron build(unsigned extraVars) const {
    pb::IntegerPolyhedron poly(
        pb::PresburgerSpace::getSetSpace(numVars + extraVars));
    auto dense = [&](const Row &row, int64_t constant) {
      SmallVector<int64_t> r(numVars + extraVars + 1, 0);
      for (auto [id, c] : row)
        r[id] += c;
      r.back() = constant;
      return r;
    };
    for (auto &[row, c] : equalities)
      poly.addEquality(dense(row, c));
    for (auto &[row, c] : inequalities)
      poly.addInequality(dense(row, c));
    return poly;
  }

  Analyzer &analyzer;
  std::map<std::pair<unsigned, const void *>, unsigned> vars;
  unsigned numVars = 0;
  SmallVector<std::pair<Row, int64_t>> equalities, inequalities;
};

std::optional<Interval> Analyzer::bounds(const Access &s, const Access &l,
                                         unsigned level) {
  SystemBuilder sb(*this);
  SystemBuilder::Row objective;
  if (!sb.addLinear(0, objective, s.element, s.elementBytes) ||
      !sb.addLinear(1, objective, l.element, -l.elementBytes))
    return std::nullopt;
  // Every loop of both sides gets its variables, used in the objective or
  // not (their bounds keep the iterations real).
  for (scf::ForOp loop : s.loops)
    if (!sb.var(0, loop.getInductionVar()))
      return std::nullopt;
  for (scf::ForOp loop : l.loops)
    if (!sb.var(1, loop.getInductionVar()))
      return std::nullopt;
  for (const Linear &c : s.conditions)
    if (!sb.addConstraint(0, c))
      return std::nullopt;
  for (const Linear &c : l.conditions)
    if (!sb.addConstraint(1, c))
      return std::nullopt;
  // L runs after S: the first `level` common loops agree, the next one (if
  // any) is further in L. With all common loops equal, L is counted as after
  // S whatever their order in the body (conservative).
  unsigned common = 0;
  while (common < s.loops.size() && common < l.loops.size() &&
         s.loops[common] == l.loops[common])
    ++common;
  if (level > common)
    return Interval{1, 0};
  for (unsigned c = 0; c < level; ++c) {
    Value iv = scf::ForOp(s.loops[c]).getInductionVar();
    sb.equalities.push_back({{{*sb.var(0, iv), 1}, {*sb.var(1, iv), -1}}, 0});
  }
  if (level < common) {
    // A later iteration of the same loop with the same lower bound (the
    // loops around it agree): at least one step further.
    scf::ForOp loop = s.loops[level];
    Value iv = loop.getInductionVar();
    int64_t step = *getConstantIntValue(loop.getStep());
    sb.inequalities.push_back(
        {{{*sb.var(1, iv), 1}, {*sb.var(0, iv), -1}}, -step});
  }
  pb::IntegerPolyhedron poly = sb.build(0);
  pb::Simplex simplex(poly);
  if (simplex.isEmpty())
    return Interval{1, 0};
  SmallVector<DynamicAPInt> coeffs(sb.numVars + 1, DynamicAPInt(0));
  for (auto [id, c] : objective)
    coeffs[id] += DynamicAPInt(c);
  auto [min, max] = simplex.computeIntegerBounds(coeffs);
  if (min.isEmpty() || max.isEmpty())
    return Interval{1, 0};
  if (!min.isBounded() || !max.isBounded())
    return std::nullopt;
  return Interval{int64_t(min.getBoundedOptimum()),
                  int64_t(max.getBoundedOptimum())};
}

} // namespace

std::optional<UnsafeDisplacements>
mlir::mcuq::analyzeOverlap(Operation *op, Value input, Value output) {
  Analyzer analyzer(op);
  SmallVector<Access, 4> inputs, outputs;
  if (!analyzer.collect(input, /*isInput=*/true, inputs) ||
      !analyzer.collect(output, /*isInput=*/false, outputs))
    return std::nullopt;

  // Accesses that differ only in their constant (the taps of a window, the
  // channels of a block) share the bounds of their variable part.
  struct Group {
    SmallVector<const Access *> members;
  };
  auto group = [](ArrayRef<Access> list, bool stores) {
    SmallVector<Group> groups;
    for (const Access &a : list) {
      if (a.isStore != stores)
        continue;
      // Accesses of one block share their loops and branch conditions.
      auto same = llvm::find_if(groups, [&](const Group &g) {
        const Access *b = g.members.front();
        return b->op->getBlock() == a.op->getBlock() && b->loops == a.loops &&
               b->elementBytes == a.elementBytes && b->width == a.width &&
               b->element.coeffs.size() == a.element.coeffs.size() &&
               llvm::all_of(a.element.coeffs, [&](auto vc) {
                 auto it = b->element.coeffs.find(vc.first);
                 return it != b->element.coeffs.end() &&
                        it->second == vc.second;
               });
      });
      if (same == groups.end())
        groups.push_back({{&a}});
      else
        same->members.push_back(&a);
    }
    return groups;
  };
  SmallVector<Group> stores = group(outputs, true);
  SmallVector<Group> loads = group(inputs, false);

  // Within one iteration of all common loops, whether `l` may run after `s`:
  // their ancestors in the innermost block holding both are in that order.
  // In the then and else regions of one scf.if they exclude each other (the
  // if runs once per iteration: any loop around it is common); in different
  // regions of another op, assume they may.
  auto mayRunAfter = [](Operation *s, Operation *l) {
    for (Block *b = l->getBlock(); b;
         b = b->getParentOp() ? b->getParentOp()->getBlock() : nullptr) {
      Operation *as = b->findAncestorOpInBlock(*s);
      if (!as)
        continue;
      Operation *al = b->findAncestorOpInBlock(*l);
      if (as != al)
        return as->isBeforeInBlock(al);
      auto ifOp = dyn_cast<scf::IfOp>(as);
      return !ifOp || ifOp.getThenRegion().isAncestor(s->getParentRegion()) ==
                          ifOp.getThenRegion().isAncestor(l->getParentRegion());
    }
    return true;
  };

  UnsafeDisplacements unsafe;
  for (const Group &s : stores)
    for (const Group &l : loads) {
      const Access &sa = *s.members.front(), &la = *l.members.front();
      unsigned common = 0;
      while (common < sa.loops.size() && common < la.loops.size() &&
             sa.loops[common] == la.loops[common])
        ++common;
      int64_t eS = sa.elementBytes, eL = la.elementBytes;
      int64_t wS = sa.width, wL = la.width;
      for (unsigned level = 0; level <= common; ++level) {
        std::optional<Interval> t = analyzer.bounds(sa, la, level);
        if (!t)
          return std::nullopt;
        if (t->first > t->second)
          continue;
        // Store bytes [a, a + wS), load bytes [D + b, D + b + wL) meet iff
        // a - b - wL < D < a - b + wS, with a - b = t + the constants. Pair
        // by pair: the hull of a block's constants would cover D = 0 where
        // an in-place block is safe. In the same iteration of every common
        // loop only pairs in program order count (a load before the store in
        // the body is harmless).
        for (const Access *sm : s.members)
          for (const Access *lm : l.members) {
            if (level == common && !mayRunAfter(sm->op, lm->op))
              continue;
            int64_t c = eS * sm->element.constant - eL * lm->element.constant;
            unsafe.add(t->first + c - wL + 1, t->second + c + wS - 1);
          }
      }
    }
  return unsafe;
}

bool UnsafeDisplacements::contains(int64_t d) const {
  auto it =
      llvm::partition_point(ranges, [&](const std::pair<int64_t, int64_t> &r) {
        return r.second < d;
      });
  return it != ranges.end() && it->first <= d;
}

void UnsafeDisplacements::add(int64_t lo, int64_t hi) {
  if (lo > hi)
    return;
  // Merge with every range it touches; the list stays sorted and disjoint.
  auto first =
      llvm::partition_point(ranges, [&](const std::pair<int64_t, int64_t> &r) {
        return r.second < lo - 1;
      });
  auto last = first;
  while (last != ranges.end() && last->first <= hi + 1) {
    lo = std::min(lo, last->first);
    hi = std::max(hi, last->second);
    ++last;
  }
  first = ranges.erase(first, last);
  ranges.insert(first, {lo, hi});
}
