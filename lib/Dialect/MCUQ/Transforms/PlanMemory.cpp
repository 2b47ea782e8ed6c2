//===- PlanMemory.cpp - Static placement of buffers in one arena ----------===//

#include "mcuq/Dialect/MCUQ/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQPLANMEMORYPASS
#include "mcuq/Dialect/MCUQ/Transforms/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;
using namespace mlir::mcuq;

namespace {

struct Buffer {
  Operation *alloc;
  int64_t size;     // bytes
  int64_t start;    // first position (index of the top-level op)
  int64_t end;      // last position that touches it, inclusive
  int64_t offset = -1;
};

int64_t alignTo(int64_t v, int64_t a) { return (v + a - 1) / a * a; }

/// Bytes of a static memref (sub-byte elements take a byte each).
int64_t byteSize(MemRefType type) {
  int64_t elementBytes =
      std::max<int64_t>(1, (type.getElementTypeBitWidth() + 7) / 8);
  return type.getNumElements() * elementBytes;
}

/// The last top-level position at which `value` or a view of it is used.
int64_t lastUse(Value value, const DenseMap<Operation *, int64_t> &position,
                Block &body) {
  int64_t last = -1;
  SmallVector<Value> worklist = {value};
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      Operation *top = body.findAncestorOpInBlock(*user);
      if (top)
        last = std::max(last, position.lookup(top));
      // Views alias their source: their uses keep it alive.
      if (auto view = dyn_cast<ViewLikeOpInterface>(user))
        if (view.getViewSource() == v)
          for (Value r : user->getResults())
            worklist.push_back(r);
    }
  }
  return last;
}

/// First fit in order of decreasing size: a buffer takes the lowest aligned
/// offset that does not overlap any already-placed buffer alive at the same
/// time.
int64_t placeBuffers(MutableArrayRef<Buffer> buffers, int64_t alignment) {
  SmallVector<Buffer *> order;
  for (Buffer &b : buffers)
    order.push_back(&b);
  llvm::stable_sort(order, [](Buffer *a, Buffer *b) {
    return a->size != b->size ? a->size > b->size : a->start < b->start;
  });
  int64_t arena = 0;
  SmallVector<Buffer *> placed;
  for (Buffer *buf : order) {
    SmallVector<std::pair<int64_t, int64_t>> busy;
    for (Buffer *p : placed)
      if (p->start <= buf->end && buf->start <= p->end)
        busy.push_back({p->offset, p->offset + p->size});
    llvm::sort(busy);
    int64_t offset = 0;
    for (auto [lo, hi] : busy) {
      if (offset + buf->size <= lo)
        break;
      offset = std::max(offset, alignTo(hi, alignment));
    }
    buf->offset = offset;
    arena = std::max(arena, offset + buf->size);
    placed.push_back(buf);
  }
  return alignTo(arena, alignment);
}

struct MCUQPlanMemoryPass
    : mcuq::impl::MCUQPlanMemoryPassBase<MCUQPlanMemoryPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    func::FuncOp entry;
    for (auto f : module.getOps<func::FuncOp>())
      if (!f.isExternal() && f.isPublic())
        entry = f;
    if (!entry) {
      module.emitError("no public entry function to plan");
      return signalPassFailure();
    }
    if (alignment == 0 || (alignment & (alignment - 1))) {
      module.emitError("alignment must be a power of two, got ") << alignment;
      return signalPassFailure();
    }
    Block &body = entry.getBody().front();
    DenseMap<Operation *, int64_t> position;
    int64_t pos = 0;
    for (Operation &op : body)
      position[&op] = pos++;

    SmallVector<Buffer> buffers;
    SmallVector<Operation *> deallocs;
    bool failedToPlan = false;
    entry.walk([&](Operation *op) {
      if (isa<memref::DeallocOp>(op)) {
        deallocs.push_back(op);
        return;
      }
      if (!isa<memref::AllocOp, memref::AllocaOp>(op))
        return;
      auto type = cast<MemRefType>(op->getResult(0).getType());
      if (!type.hasStaticShape() || !type.getLayout().isIdentity()) {
        op->emitError("cannot plan a buffer of dynamic shape or non-identity "
                      "layout: ")
            << type;
        failedToPlan = true;
        return;
      }
      if (op->getBlock() != &body) {
        op->emitError("cannot plan a buffer allocated inside a loop or "
                      "region; hoist it first");
        failedToPlan = true;
        return;
      }
      int64_t start = position.lookup(op);
      int64_t end = std::max(start, lastUse(op->getResult(0), position, body));
      buffers.push_back({op, byteSize(type), start, end});
    });
    if (failedToPlan)
      return signalPassFailure();

    int64_t arenaSize = placeBuffers(buffers, alignment);
    if (arenaBudget >= 0 && arenaSize > arenaBudget) {
      // Name the point where the most bytes are live.
      int64_t worst = 0, worstBytes = 0;
      for (int64_t t = 0; t < pos; ++t) {
        int64_t live = 0;
        for (Buffer &b : buffers)
          if (b.start <= t && t <= b.end)
            live += b.size;
        if (live > worstBytes) {
          worstBytes = live;
          worst = t;
        }
      }
      Operation *peak = &*std::next(body.begin(), worst);
      InFlightDiagnostic diag =
          peak->emitError("arena of ")
          << arenaSize << " bytes exceeds the budget of "
          << static_cast<int64_t>(arenaBudget)
          << " bytes by " << arenaSize - static_cast<int64_t>(arenaBudget)
          << "; " << worstBytes
          << " bytes are live here";
      return signalPassFailure();
    }

    // The arena becomes the entry point's last argument.
    auto arenaType = MemRefType::get({arenaSize}, IntegerType::get(ctx, 8));
    unsigned arenaIndex = entry.getNumArguments();
    if (failed(entry.insertArgument(arenaIndex, arenaType,
                                    DictionaryAttr::get(ctx, {NamedAttribute(
                                        StringAttr::get(ctx, "mcuq.arena"),
                                        UnitAttr::get(ctx))}),
                                    entry.getLoc()))) {
      entry.emitError("cannot add the arena argument");
      return signalPassFailure();
    }
    Value arena = entry.getArgument(arenaIndex);
    for (Buffer &buf : buffers) {
      OpBuilder b(buf.alloc);
      Location loc = buf.alloc->getLoc();
      Value offset = arith::ConstantIndexOp::create(b, loc, buf.offset);
      auto type = cast<MemRefType>(buf.alloc->getResult(0).getType());
      Value view = memref::ViewOp::create(b, loc, type, arena, offset,
                                          ValueRange{});
      buf.alloc->getResult(0).replaceAllUsesWith(view);
      buf.alloc->erase();
    }
    for (Operation *op : deallocs)
      op->erase();
    Builder b(ctx);
    module->setAttr("mcuq.arena_size", b.getI64IntegerAttr(arenaSize));
    module->setAttr("mcuq.arena_alignment",
                    b.getI64IntegerAttr(static_cast<int64_t>(alignment)));
  }
};

} // namespace
