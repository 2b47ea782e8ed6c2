//===- PrepareEntry.cpp - The model's C entry point -----------------------===//

#include "mcuq/Target/CompiledModel.h"
#include "mcuq/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/StringExtras.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_MCUQPREPAREENTRYPASS
#include "mcuq/Transforms/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;
using namespace mlir::mcuq;

namespace {

MemRefType toMemRef(Type type) {
  auto tensor = cast<RankedTensorType>(type);
  return MemRefType::get(tensor.getShape(), tensor.getElementType());
}

struct MCUQPrepareEntryPass
    : mcuq::impl::MCUQPrepareEntryPassBase<MCUQPrepareEntryPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // The symbol is declared in the C header.
    StringRef name = entryName;
    if (name.empty() || llvm::isDigit(name.front()) ||
        llvm::any_of(name,
                     [](char c) { return !llvm::isAlnum(c) && c != '_'; })) {
      module.emitError("entry name '") << name << "' is not a C identifier";
      return signalPassFailure();
    }
    auto main = module.lookupSymbol<func::FuncOp>("main");
    if (!main) {
      module.emitError("no model function @main to expose");
      return signalPassFailure();
    }
    FunctionType type = main.getFunctionType();
    for (Type t : llvm::concat<const Type>(type.getInputs(), type.getResults()))
      if (!isa<RankedTensorType>(t) ||
          !cast<RankedTensorType>(t).hasStaticShape()) {
        main.emitError("model inputs and outputs must be static tensors");
        return signalPassFailure();
      }

    // Arguments: inputs, outputs, then one in/out buffer per state tensor.
    MLIRContext *ctx = &getContext();
    StringRef stateKey = MCUQDialect::StateAttrHelper::getNameStr();
    OpBuilder b(main);
    SmallVector<Type> argTypes;
    SmallVector<DictionaryAttr> argAttrs;
    SmallVector<unsigned> stateArgs, stateResults, inputArgs, outputResults;
    for (unsigned i = 0; i < type.getNumInputs(); ++i) {
      if (main.getArgAttr(i, stateKey))
        stateArgs.push_back(i);
      else
        inputArgs.push_back(i);
    }
    for (unsigned i = 0; i < type.getNumResults(); ++i) {
      if (main.getResultAttr(i, stateKey))
        stateResults.push_back(i);
      else
        outputResults.push_back(i);
    }
    if (stateArgs.size() != stateResults.size()) {
      main.emitError("every state argument needs a matching state result");
      return signalPassFailure();
    }
    auto withRole = [&](DictionaryAttr attrs, StringRef role) {
      NamedAttrList list(attrs);
      list.set(role, UnitAttr::get(ctx));
      return list.getDictionary(ctx);
    };
    StringRef inputKey = MCUQDialect::InputAttrHelper::getNameStr();
    StringRef outputKey = MCUQDialect::OutputAttrHelper::getNameStr();
    for (unsigned i : inputArgs) {
      argTypes.push_back(toMemRef(type.getInput(i)));
      argAttrs.push_back(withRole(main.getArgAttrDict(i), inputKey));
    }
    for (unsigned i : outputResults) {
      argTypes.push_back(toMemRef(type.getResult(i)));
      argAttrs.push_back(withRole(main.getResultAttrDict(i), outputKey));
    }
    for (unsigned i : stateArgs) {
      argTypes.push_back(toMemRef(type.getInput(i)));
      argAttrs.push_back(main.getArgAttrDict(i));
    }

    // The interface as the header export needs it, independent of how the
    // function is lowered later.
    SmallVector<PortAttr> ports;
    for (auto [i, t] : llvm::enumerate(argTypes)) {
      auto memref = cast<MemRefType>(t);
      NamedAttrList attrs(argAttrs[i]);
      PortRole role = attrs.get(inputKey)    ? PortRole::Input
                      : attrs.get(outputKey) ? PortRole::Output
                                             : PortRole::State;
      auto name = dyn_cast_or_null<StringAttr>(
          attrs.get(MCUQDialect::NameAttrHelper::getNameStr()));
      if (!name)
        name = dyn_cast_or_null<StringAttr>(attrs.get(stateKey));
      // The header declares every buffer with a C type.
      if (!getCType(memref.getElementType())) {
        main.emitError() << stringifyPortRole(role) << " '"
                         << (name ? name.getValue() : StringRef()) << "' of "
                         << memref.getElementType()
                         << " elements has no C type (int8_t, int16_t, "
                            "int32_t, int64_t or float buffers)";
        return signalPassFailure();
      }
      auto integer = [&](StringRef key) -> std::optional<int64_t> {
        if (auto v = dyn_cast_or_null<IntegerAttr>(attrs.get(key)))
          return v.getInt();
        return std::nullopt;
      };
      ports.push_back(
          PortAttr::get(ctx, role, name ? name.getValue() : StringRef(),
                        memref.getShape(), memref.getElementType(),
                        dyn_cast_or_null<FloatAttr>(attrs.get(
                            MCUQDialect::ScaleAttrHelper::getNameStr())),
                        integer(MCUQDialect::ZeroPointAttrHelper::getNameStr()),
                        integer(MCUQDialect::StateInitAttrHelper::getNameStr()),
                        std::nullopt));
    }
    MCUQDialect::InterfaceAttrHelper(ctx).setAttr(
        module, InterfaceAttr::get(ctx, entryName, ports));

    auto entry = func::FuncOp::create(b, main.getLoc(), entryName,
                                      FunctionType::get(ctx, argTypes, {}));
    // The caller's buffers must not overlap (the header says so): marking
    // them noalias lets LLVM keep accumulators in registers across the
    // stores of a contraction instead of reloading them from memory.
    for (auto [i, attrs] : llvm::enumerate(argAttrs)) {
      NamedAttrList list(attrs);
      list.set("llvm.noalias", UnitAttr::get(ctx));
      entry.setArgAttrs(i, list.getDictionary(ctx));
    }
    Block *block = entry.addEntryBlock();
    b.setInsertionPointToStart(block);

    // Inputs and state are read through tensors that nothing else aliases.
    IRMapping mapping;
    unsigned numOutputs = outputResults.size();
    for (auto [k, i] : llvm::enumerate(inputArgs))
      mapping.map(main.getArgument(i),
                  bufferization::ToTensorOp::create(
                      b, main.getLoc(), type.getInput(i), block->getArgument(k),
                      /*restrict=*/true, /*writable=*/false));
    for (auto [k, i] : llvm::enumerate(stateArgs))
      mapping.map(main.getArgument(i),
                  bufferization::ToTensorOp::create(
                      b, main.getLoc(), type.getInput(i),
                      block->getArgument(inputArgs.size() + numOutputs + k),
                      /*restrict=*/true, /*writable=*/true));
    for (Operation &op : main.getBody().front().without_terminator())
      b.clone(op, mapping);

    auto ret = cast<func::ReturnOp>(main.getBody().front().getTerminator());
    auto materialize = [&](Value tensor, Value buffer) {
      auto m = bufferization::MaterializeInDestinationOp::create(
          b, ret.getLoc(), mapping.lookupOrDefault(tensor), buffer);
      m.setRestrict(true);
      m.setWritable(true);
    };
    for (auto [k, i] : llvm::enumerate(outputResults))
      materialize(ret.getOperand(i), block->getArgument(inputArgs.size() + k));
    for (auto [k, i] : llvm::enumerate(stateResults))
      materialize(ret.getOperand(i),
                  block->getArgument(inputArgs.size() + numOutputs + k));
    func::ReturnOp::create(b, ret.getLoc());
    main.erase();
  }
};

} // namespace
