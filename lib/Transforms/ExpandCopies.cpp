//===- ExpandCopies.cpp - memref.copy as linalg.copy ----------------------===//

#include "mcuq/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQEXPANDCOPIESPASS
#include "mcuq/Transforms/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;

namespace {
struct MCUQExpandCopiesPass
    : mcuq::impl::MCUQExpandCopiesPassBase<MCUQExpandCopiesPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp op) { copies.push_back(op); });
    for (memref::CopyOp copy : copies) {
      OpBuilder b(copy);
      linalg::CopyOp::create(b, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      copy.erase();
    }
  }
};
} // namespace
