//===- Importer.h - TFLite import state for the converters -----*- C++ -*-===//
//
// Private to lib/Target/TFLite. `Importer` owns the walk over the flatbuffer
// (validation, tensors, types, constants, persistent state, the entry
// function); `convertOperator` maps one TFLite operator to mcuq ops through
// the accessors below, which emit the diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_LIB_TARGET_TFLITE_IMPORTER_H
#define MCUQ_LIB_TARGET_TFLITE_IMPORTER_H

// flatc's output does not follow LLVM's warning flags.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wcovered-switch-default"
#endif
#include "tflite_generated.h"
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

#include "mcuq/Dialect/MCUQ/IR/MCUQDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mlir::mcuq::tflite_import {

/// One tensor of the imported subgraph.
struct TensorInfo {
  const tflite::Tensor *tensor = nullptr;
  llvm::StringRef name;
  /// Name used in locations and messages: the tensor name, or `tensor#<i>`
  /// for the unnamed tensors some converters write.
  std::string displayName;
  llvm::SmallVector<int64_t, 4> shape;
  /// Constant payload (empty for activations and state).
  llvm::ArrayRef<char> data;
  bool isVariable = false;
  /// Memoized MLIR type; null until first requested.
  Type type;
  /// Current SSA value: the block argument, the producing op's result, the
  /// materialized constant, or the latest state.
  Value value;
};

/// The TFLite operator being converted.
struct OpInfo {
  unsigned index = 0;
  const tflite::Operator *op = nullptr;
  tflite::BuiltinOperator code = tflite::BuiltinOperator::ADD;
  /// Operator code name (`CONV_2D`, `UNKNOWN_BUILTIN_250`, `CUSTOM`).
  std::string name;
  Location loc;
  llvm::ArrayRef<int32_t> inputs, outputs, intermediates;

  explicit OpInfo(Location loc) : loc(loc) {}
};

/// How an operand may be typed.
struct OperandSpec {
  llvm::StringRef role;
  bool optional = false;
  /// Only QUANTIZE takes float input.
  bool allowFloat = false;
};

class Importer {
public:
  Importer(llvm::StringRef buffer, llvm::StringRef sourceName,
           MLIRContext *context);

  OwningOpRef<ModuleOp> import();

  //===--------------------------------------------------------------------===//
  // Accessors for operator converters. Each emits its own diagnostic.
  //===--------------------------------------------------------------------===//

  MLIRContext *getContext() { return context; }
  OpBuilder &getBuilder() { return builder; }

  const TensorInfo &getTensor(int32_t index) const { return tensors[index]; }

  /// Fails unless `op` has between `minInputs` and `maxInputs` inputs and
  /// exactly `numOutputs` outputs.
  LogicalResult checkArity(const OpInfo &op, unsigned minInputs,
                           unsigned maxInputs, unsigned numOutputs = 1);

  /// The values of the inputs described by `specs` (null for absent
  /// optional ones), with their types checked: quantized, i64 biases, and
  /// f32 where allowed.
  FailureOr<llvm::SmallVector<Value>>
  getOperands(const OpInfo &op, llvm::ArrayRef<OperandSpec> specs);

  /// The type of output `i`, quantized (or f32 when allowed).
  FailureOr<Type> getResultType(const OpInfo &op, unsigned i,
                                bool allowFloat = false);

  /// Records `value` as the contents of output `i`.
  void setResult(const OpInfo &op, unsigned i, Value value);

  /// Input `i` must be a variable tensor; returns its tensor index.
  FailureOr<int32_t> getStateTensor(const OpInfo &op, unsigned i,
                                    llvm::StringRef role);
  /// Records the updated contents of a state tensor.
  void updateState(int32_t tensor, Value value) {
    tensors[tensor].value = value;
  }

  /// The integer contents of constant input `i` (INT32 or INT64).
  FailureOr<llvm::SmallVector<int64_t>>
  getConstantInts(const OpInfo &op, unsigned i, llvm::StringRef role);

  /// Element types of the operator's intermediate tensors.
  FailureOr<ArrayAttr> getIntermediateTypes(const OpInfo &op);

  /// Maps TFLite's fused activation enum.
  FailureOr<ActivationAttr> getActivation(const OpInfo &op,
                                          tflite::ActivationFunctionType act);
  FailureOr<PaddingModeAttr> getPadding(const OpInfo &op,
                                        tflite::Padding padding);

  /// The operator's options table, or a table holding the schema defaults
  /// when the file omits it (TFLite then uses the defaults too).
  template <typename OptionsT> const OptionsT *getOptions(const OpInfo &op) {
    if (const auto *opts = op.op->builtin_options_as<OptionsT>())
      return opts;
    return emptyTable<OptionsT>();
  }

  /// The diagnostic for an operator mcuq cannot import.
  LogicalResult emitUnsupported(const OpInfo &op, llvm::StringRef why = {});

private:
  template <typename TableT> static const TableT *emptyTable() {
    // An empty table reads back every field's schema default.
    static const std::vector<uint8_t> storage = [] {
      flatbuffers::FlatBufferBuilder fbb;
      flatbuffers::uoffset_t start = fbb.StartTable();
      fbb.Finish(flatbuffers::Offset<TableT>(fbb.EndTable(start)));
      return std::vector<uint8_t>(fbb.GetBufferPointer(),
                                  fbb.GetBufferPointer() + fbb.GetSize());
    }();
    return flatbuffers::GetRoot<TableT>(storage.data());
  }

  LogicalResult checkHeader();
  LogicalResult readTensors();
  LogicalResult readTensor(int32_t index);
  LogicalResult checkSubgraphTensorLists();
  void warnAboutOtherSubgraphs();
  void collectStateTensors();
  LogicalResult buildFunction();
  LogicalResult convertOperators();
  LogicalResult finishFunction();

  /// The MLIR type of a tensor; `loc` receives the diagnostic if the type
  /// is unsupported.
  FailureOr<Type> getTensorType(int32_t index, Location loc);
  FailureOr<Type> getElementType(int32_t index, Location loc);
  /// The current value of a tensor read by `op`, materializing constants.
  FailureOr<Value> getValue(int32_t index, const OpInfo &op);
  FailureOr<Value> materializeConstant(int32_t index, Location loc);

  Location getTensorLoc(int32_t index);
  std::string describeTensor(int32_t index) const;

  llvm::StringRef buffer;
  std::string sourceName;
  MLIRContext *context;
  OpBuilder builder;
  Location fileLoc;

  const tflite::Model *model = nullptr;
  const tflite::SubGraph *subgraph = nullptr;
  std::vector<TensorInfo> tensors;
  llvm::SmallVector<int32_t> inputs, outputs;
  /// Variable tensors read by operators, in ascending index order.
  llvm::SmallVector<int32_t> stateTensors;
  unsigned numDynamicBatch = 0;
  int32_t firstDynamicBatch = -1;

  OwningOpRef<ModuleOp> module;
  func::FuncOp func;
};

/// Converts one operator. Emits the diagnostic on failure.
LogicalResult convertOperator(Importer &importer, const OpInfo &op);

} // namespace mlir::mcuq::tflite_import

#endif // MCUQ_LIB_TARGET_TFLITE_IMPORTER_H
