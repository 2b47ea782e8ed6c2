//===- CompiledModel.h - What a lowered module promises -------*- C++ -*-===//
//
// The one reader of the contract attributes a lowered module carries
// (`mcuq.target`, `mcuq.interface`, `mcuq.arena_plan`, `mcuq.source`): the
// header export, the JSON summary and the tools all go through it.
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_TARGET_COMPILEDMODEL_H
#define MCUQ_TARGET_COMPILEDMODEL_H

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/JSON.h"

#include <optional>

namespace mlir::mcuq {

/// One parameter of the entry point, in C order.
struct EntryParameter {
  /// Null for the arena, which comes last.
  PortAttr port;
  /// Index of the port among those of its role (input 0, input 1, ...).
  unsigned index = 0;
};

struct CompiledModel {
  TargetAttr target;
  InterfaceAttr interface;
  ArenaPlanAttr plan;
  StringRef source;

  /// Reads the contract of a module lowered by mcuq-to-llvm-pipeline;
  /// emits an error on `module` when it has none. `target` overrides the
  /// module's (for modules that do not record one).
  static FailureOr<CompiledModel> read(ModuleOp module, TargetAttr target = {});

  /// The ports of one role, in argument order.
  SmallVector<PortAttr> getPorts(PortRole role) const;
  /// The C parameters of the entry point: every port that does not live in
  /// the arena, then the arena.
  SmallVector<EntryParameter> getParameters() const;

  /// The interface and the plan as the JSON summary gives them.
  llvm::json::Object toJSON() const;
};

/// The C type of an interface element (int8_t, ..., float), if it has one.
std::optional<StringRef> getCType(Type element);

} // namespace mlir::mcuq

#endif // MCUQ_TARGET_COMPILEDMODEL_H
