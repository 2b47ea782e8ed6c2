//===- TFLiteImport.cpp - TFLite flatbuffer to mcuq import ----------------===//
//
// Validates the flatbuffer, turns subgraph 0 into `func.func @main` and hands
// each operator to convertOperator (ConvertOperators.cpp). docs/Import.md
// describes the resulting module.
//
//===----------------------------------------------------------------------===//

#include "mcuq/Target/TFLite/TFLiteImport.h"
#include "Importer.h"

#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::mcuq;
using namespace mlir::mcuq::tflite_import;

static_assert(llvm::endianness::native == llvm::endianness::little,
              "constants are taken from the little-endian file as is");

/// Limits that keep the importer and the verifiers linear in the file size:
/// no microcontroller tensor comes near them.
static constexpr unsigned kMaxRank = 8;
static constexpr int64_t kMaxElements = int64_t(1) << 28;

/// Bytes per element of the fixed-size TFLite types (0: none or packed).
static unsigned getElementBytes(tflite::TensorType type) {
  using T = tflite::TensorType;
  switch (type) {
  case T::INT8:
  case T::UINT8:
  case T::BOOL:
    return 1;
  case T::INT16:
  case T::UINT16:
  case T::FLOAT16:
    return 2;
  case T::INT32:
  case T::UINT32:
  case T::FLOAT32:
    return 4;
  case T::INT64:
  case T::UINT64:
  case T::FLOAT64:
  case T::COMPLEX64:
    return 8;
  case T::COMPLEX128:
    return 16;
  default:
    return 0;
  }
}

static std::string getTypeName(tflite::TensorType type) {
  const char *name = tflite::EnumNameTensorType(type);
  if (name && *name)
    return name;
  return "type " + std::to_string(static_cast<int>(type));
}

static std::string getOperatorName(tflite::BuiltinOperator code) {
  const char *name = tflite::EnumNameBuiltinOperator(code);
  if (name && *name)
    return name;
  return "UNKNOWN_BUILTIN_" + std::to_string(static_cast<int32_t>(code));
}

template <typename T>
static llvm::ArrayRef<T> asArrayRef(const flatbuffers::Vector<T> *vec) {
  if (!vec)
    return {};
  return llvm::ArrayRef<T>(vec->data(), vec->size());
}

//===----------------------------------------------------------------------===//
// Importer
//===----------------------------------------------------------------------===//

Importer::Importer(StringRef buffer, StringRef sourceName, MLIRContext *context)
    : buffer(buffer), sourceName(llvm::sys::path::filename(sourceName).str()),
      context(context), builder(context),
      fileLoc(FileLineColLoc::get(context, sourceName, 0, 0)) {}

std::string Importer::describeTensor(int32_t index) const {
  return "tensor '" + tensors[index].displayName + "' (#" +
         std::to_string(index) + ")";
}

Location Importer::getTensorLoc(int32_t index) {
  return NameLoc::get(StringAttr::get(context, tensors[index].displayName));
}

OwningOpRef<ModuleOp> Importer::import() {
  if (failed(checkHeader()) || failed(readTensors()) ||
      failed(checkSubgraphTensorLists()))
    return nullptr;
  if (numDynamicBatch)
    emitWarning(fileLoc) << numDynamicBatch
                         << " tensor(s) have a dynamic batch dimension "
                            "(shape_signature -1) stored with a batch other "
                            "than 1, e.g. "
                         << describeTensor(firstDynamicBatch)
                         << "; importing them with their stored shape";
  warnAboutOtherSubgraphs();
  collectStateTensors();
  if (failed(buildFunction()) || failed(convertOperators()) ||
      failed(finishFunction()))
    return nullptr;
  // The dialect's verifiers check what the converters pass through (shapes,
  // scales, attribute ranges); their diagnostics carry the operator's
  // location.
  if (failed(verify(*module)))
    return nullptr;
  return std::move(module);
}

LogicalResult Importer::checkHeader() {
  size_t size = buffer.size();
  if (size < 8)
    return emitError(fileLoc)
           << "not a TFLite model: the file holds only " << size << " bytes";
  if (size >= FLATBUFFERS_MAX_BUFFER_SIZE)
    return emitError(fileLoc) << "TFLite files of 2 GB or more are not "
                                 "supported";
  const auto *data = reinterpret_cast<const uint8_t *>(buffer.data());
  if (!tflite::ModelBufferHasIdentifier(data)) {
    std::string id;
    for (char c : buffer.substr(4, 4))
      id += llvm::isPrint(c) ? std::string(1, c)
                             : llvm::formatv("\\{0:x-2}", uint8_t(c)).str();
    return emitError(fileLoc)
           << "not a TFLite model: file identifier is '" << id
           << "', expected '" << tflite::ModelIdentifier() << "'";
  }
  flatbuffers::Verifier verifier(data, size);
  if (!tflite::VerifyModelBuffer(verifier))
    return emitError(fileLoc)
           << "malformed TFLite file: flatbuffer verification failed "
              "(truncated or corrupt file of "
           << size << " bytes)";
  model = tflite::GetModel(data);
  const auto *subgraphs = model->subgraphs();
  if (!subgraphs || subgraphs->size() == 0)
    return emitError(fileLoc) << "empty model: no subgraphs";
  subgraph = subgraphs->Get(0);
  if (!subgraph->operators() || subgraph->operators()->size() == 0)
    return emitError(fileLoc) << "empty model: subgraph 0 has no operators";
  // Nothing to compute for the caller: the entry point would do nothing.
  if (!subgraph->outputs() || subgraph->outputs()->size() == 0)
    return emitError(fileLoc) << "empty model: subgraph 0 has no outputs";
  return success();
}

LogicalResult Importer::readTensors() {
  const auto *list = subgraph->tensors();
  size_t count = list ? list->size() : 0;
  tensors.resize(count);
  // Names first: diagnostics about one tensor may mention others.
  for (size_t i = 0; i < count; ++i) {
    TensorInfo &t = tensors[i];
    t.tensor = list->Get(i);
    if (const flatbuffers::String *name = t.tensor->name())
      t.name = StringRef(name->c_str(), name->size());
    t.displayName =
        t.name.empty() ? "tensor#" + std::to_string(i) : t.name.str();
  }
  for (size_t i = 0; i < count; ++i)
    if (failed(readTensor(i)))
      return failure();
  return success();
}

LogicalResult Importer::readTensor(int32_t index) {
  TensorInfo &t = tensors[index];
  const tflite::Tensor *tensor = t.tensor;
  auto fail = [&]() {
    return emitError(fileLoc) << describeTensor(index) << ": ";
  };

  if (tensor->type() < tflite::TensorType::MIN ||
      tensor->type() > tflite::TensorType::MAX)
    return fail() << "unknown tensor type " << static_cast<int>(tensor->type());
  if (tensor->sparsity())
    return fail() << "sparse tensors are not supported";

  llvm::ArrayRef<int32_t> shape = asArrayRef(tensor->shape());
  if (shape.size() > kMaxRank)
    return fail() << "rank " << shape.size() << " exceeds the supported "
                  << kMaxRank;
  int64_t numElements = 1;
  for (int32_t dim : shape) {
    if (dim < 0)
      return fail() << "negative dimension " << dim << " in its shape";
    numElements *= dim;
    if (numElements > kMaxElements)
      return fail() << "more than " << kMaxElements
                    << " elements are not supported";
  }
  t.shape.assign(shape.begin(), shape.end());

  // Converters write -1 into shape_signature for a dynamic batch and keep
  // the size they traced with in `shape`, which TFLM runs with.
  if (const auto *signature = tensor->shape_signature()) {
    if (signature->size() != 0 && signature->size() != shape.size())
      return fail() << "shape_signature has " << signature->size()
                    << " entries for a rank-" << shape.size() << " shape";
    for (auto [dim, size] : llvm::enumerate(asArrayRef(signature))) {
      if (size >= 0)
        continue;
      if (size != -1 || dim != 0)
        return fail() << "dynamic dimension " << dim << " (shape_signature "
                      << size << "); mcuq needs static shapes";
      // A batch of 1 is what every converter stores and what users deploy:
      // only a different stored batch is worth a warning.
      if (!shape.empty() && shape[0] != 1 && numDynamicBatch++ == 0)
        firstDynamicBatch = index;
    }
  }

  t.isVariable = tensor->is_variable();
  const auto *buffers = model->buffers();
  uint32_t bufferIndex = tensor->buffer();
  size_t numBuffers = buffers ? buffers->size() : 0;
  if (bufferIndex >= numBuffers) {
    // Buffer 0 is the "no data" sentinel even when the table is missing.
    if (bufferIndex == 0)
      return success();
    return fail() << "buffer index " << bufferIndex << " out of range ("
                  << numBuffers << " buffers)";
  }
  const tflite::Buffer *b = buffers->Get(bufferIndex);
  llvm::ArrayRef<char> data;
  if (b->data() && b->data()->size() != 0) {
    data = llvm::ArrayRef<char>(
        reinterpret_cast<const char *>(b->data()->data()), b->data()->size());
  } else if (b->offset() > 1) {
    // Data after the flatbuffer, addressed from the start of the file.
    uint64_t offset = b->offset(), size = b->size();
    if (offset > buffer.size() || size > buffer.size() - offset)
      return fail() << "buffer " << bufferIndex << " points at bytes ["
                    << offset << ", " << offset + size << ") outside the "
                    << buffer.size() << "-byte file";
    data = llvm::ArrayRef<char>(buffer.data() + offset, size);
  }
  // Variable tensors start from TFLM's reset value, never from a buffer.
  if (data.empty() || t.isVariable)
    return success();

  uint64_t expected;
  if (tensor->type() == tflite::TensorType::INT4)
    expected = (numElements + 1) / 2;
  else if (unsigned bytes = getElementBytes(tensor->type()))
    expected = numElements * bytes;
  else
    expected = data.size(); // Strings and the like: rejected where used.
  if (data.size() != expected) {
    InFlightDiagnostic diag = fail();
    diag << "buffer " << bufferIndex << " holds " << data.size()
         << " bytes but shape [";
    llvm::interleaveComma(t.shape, diag);
    return diag << "] of " << getTypeName(tensor->type()) << " needs "
                << expected;
  }
  t.data = data;
  return success();
}

LogicalResult Importer::checkSubgraphTensorLists() {
  for (auto [what, list, vec] :
       {std::make_tuple("input", &inputs, subgraph->inputs()),
        std::make_tuple("output", &outputs, subgraph->outputs())}) {
    for (auto [pos, index] : llvm::enumerate(asArrayRef(vec))) {
      if (index < 0 || static_cast<size_t>(index) >= tensors.size())
        return emitError(fileLoc)
               << "subgraph " << what << " " << pos << " refers to tensor "
               << index << ", but the subgraph has " << tensors.size()
               << " tensors";
      list->push_back(index);
    }
  }
  for (auto [pos, index] : llvm::enumerate(inputs))
    if (llvm::is_contained(llvm::ArrayRef(inputs).take_front(pos), index))
      return emitError(fileLoc)
             << describeTensor(index) << " is listed twice as a subgraph input";
  return success();
}

static bool isControlFlow(tflite::BuiltinOperator code) {
  using B = tflite::BuiltinOperator;
  return code == B::WHILE || code == B::IF || code == B::CALL_ONCE ||
         code == B::CALL;
}

static tflite::BuiltinOperator getCode(const tflite::OperatorCode *opcode) {
  // Old files only fill the byte-sized field; new ones put the placeholder
  // 127 there for larger codes.
  return static_cast<tflite::BuiltinOperator>(
      std::max<int32_t>(opcode->deprecated_builtin_code(),
                        static_cast<int32_t>(opcode->builtin_code())));
}

void Importer::warnAboutOtherSubgraphs() {
  size_t numSubgraphs = model->subgraphs()->size();
  if (numSubgraphs < 2)
    return;
  // An operator that calls another subgraph is rejected as unsupported;
  // only warn when the others are unreachable.
  const auto *opcodes = model->operator_codes();
  for (const tflite::Operator *op : *subgraph->operators())
    if (opcodes && op->opcode_index() < opcodes->size() &&
        isControlFlow(getCode(opcodes->Get(op->opcode_index()))))
      return;
  emitWarning(fileLoc) << "the model has " << numSubgraphs
                       << " subgraphs; importing subgraph 0 (the entry "
                          "point) and ignoring the others, which it never "
                          "calls";
}

void Importer::collectStateTensors() {
  llvm::SmallVector<bool> used(tensors.size(), false);
  for (const tflite::Operator *op : *subgraph->operators())
    for (int32_t index : asArrayRef(op->inputs()))
      if (index >= 0 && static_cast<size_t>(index) < tensors.size() &&
          tensors[index].isVariable)
        used[index] = true;
  for (auto [index, isUsed] : llvm::enumerate(used))
    if (isUsed && !llvm::is_contained(inputs, index))
      stateTensors.push_back(index);
}

LogicalResult Importer::buildFunction() {
  module = ModuleOp::create(fileLoc);
  StringRef description;
  if (const flatbuffers::String *desc = model->description())
    description = StringRef(desc->c_str(), desc->size());
  MCUQDialect::SourceAttrHelper(context).setAttr(
      *module, builder.getStringAttr(sourceName));
  MCUQDialect::DescriptionAttrHelper(context).setAttr(
      *module, builder.getStringAttr(description));

  SmallVector<Type> argTypes, resultTypes;
  SmallVector<Location> argLocs;
  for (int32_t index : llvm::concat<int32_t>(inputs, stateTensors)) {
    FailureOr<Type> type = getTensorType(index, getTensorLoc(index));
    if (failed(type))
      return failure();
    argTypes.push_back(*type);
    argLocs.push_back(getTensorLoc(index));
  }
  for (int32_t index : llvm::concat<int32_t>(outputs, stateTensors)) {
    FailureOr<Type> type = getTensorType(index, getTensorLoc(index));
    if (failed(type))
      return failure();
    resultTypes.push_back(*type);
  }

  builder.setInsertionPointToEnd(module->getBody());
  StringRef subgraphName =
      subgraph->name() ? subgraph->name()->c_str() : StringRef();
  Location funcLoc = subgraphName.empty()
                         ? fileLoc
                         : Location(NameLoc::get(
                               builder.getStringAttr(subgraphName), fileLoc));
  func = func::FuncOp::create(builder, funcLoc, "main",
                              builder.getFunctionType(argTypes, resultTypes));

  auto tensorAttrs = [&](StringRef key, int32_t index) {
    SmallVector<NamedAttribute, 3> attrs = {
        builder.getNamedAttr(key, builder.getStringAttr(tensors[index].name)),
        builder.getNamedAttr(MCUQDialect::TensorAttrHelper::getNameStr(),
                             builder.getI64IntegerAttr(index))};
    return attrs;
  };
  for (auto [pos, index] : llvm::enumerate(inputs))
    func.setArgAttrs(
        pos, tensorAttrs(MCUQDialect::NameAttrHelper::getNameStr(), index));
  for (auto [pos, index] : llvm::enumerate(outputs))
    func.setResultAttrs(
        pos, tensorAttrs(MCUQDialect::NameAttrHelper::getNameStr(), index));
  for (auto [pos, index] : llvm::enumerate(stateTensors)) {
    SmallVector<NamedAttribute, 3> attrs =
        tensorAttrs(MCUQDialect::StateAttrHelper::getNameStr(), index);
    // TFLM's ResetVariableTensors fills int8 state with its zero point and
    // everything else with zero bytes.
    int32_t init = 0;
    if (getStorageBits(argTypes[inputs.size() + pos]) == 8 &&
        getQuantElementType(argTypes[inputs.size() + pos]))
      init = getZeroPoint(argTypes[inputs.size() + pos]);
    attrs.push_back(
        builder.getNamedAttr(MCUQDialect::StateInitAttrHelper::getNameStr(),
                             builder.getI32IntegerAttr(init)));
    func.setArgAttrs(inputs.size() + pos, attrs);
    func.setResultAttrs(
        outputs.size() + pos,
        tensorAttrs(MCUQDialect::StateAttrHelper::getNameStr(), index));
  }

  Block *entry = func.addEntryBlock();
  for (auto [arg, loc] : llvm::zip(entry->getArguments(), argLocs))
    arg.setLoc(loc);
  for (auto [arg, index] : llvm::zip(
           entry->getArguments(), llvm::concat<int32_t>(inputs, stateTensors)))
    tensors[index].value = arg;
  builder.setInsertionPointToEnd(entry);
  return success();
}

LogicalResult Importer::convertOperators() {
  const auto *opcodes = model->operator_codes();
  size_t numOpcodes = opcodes ? opcodes->size() : 0;
  for (auto [index, op] : llvm::enumerate(*subgraph->operators())) {
    OpInfo info(fileLoc);
    info.index = index;
    info.op = op;
    info.inputs = asArrayRef(op->inputs());
    info.outputs = asArrayRef(op->outputs());
    info.intermediates = asArrayRef(op->intermediates());

    const tflite::OperatorCode *opcode = nullptr;
    if (op->opcode_index() < numOpcodes) {
      opcode = opcodes->Get(op->opcode_index());
      info.code = getCode(opcode);
      info.name = info.code == tflite::BuiltinOperator::CUSTOM
                      ? "CUSTOM"
                      : getOperatorName(info.code);
    } else {
      info.name = "INVALID_OPCODE";
    }

    // loc(fused["CONV_2D#3", "<first output tensor>"]).
    std::string outName;
    if (!info.outputs.empty() && info.outputs[0] >= 0 &&
        static_cast<size_t>(info.outputs[0]) < tensors.size())
      outName = tensors[info.outputs[0]].displayName;
    info.loc =
        FusedLoc::get(context, {NameLoc::get(builder.getStringAttr(
                                    info.name + "#" + std::to_string(index))),
                                NameLoc::get(builder.getStringAttr(outName))});

    if (!opcode)
      return emitError(info.loc)
             << "operator #" << index << ": opcode index " << op->opcode_index()
             << " out of range (" << numOpcodes << " operator codes)";
    for (auto [what, list, allowAbsent] :
         {std::make_tuple("input", info.inputs, true),
          std::make_tuple("output", info.outputs, false),
          std::make_tuple("intermediate", info.intermediates, false)}) {
      for (auto [pos, tensor] : llvm::enumerate(list)) {
        if (allowAbsent && tensor == -1)
          continue;
        if (tensor < 0 || static_cast<size_t>(tensor) >= tensors.size())
          return emitError(info.loc)
                 << info.name << " #" << index << ": " << what << " " << pos
                 << " refers to tensor " << tensor << ", but the subgraph has "
                 << tensors.size() << " tensors";
      }
    }
    if (info.outputs.empty())
      return emitError(info.loc)
             << info.name << " #" << index << " has no outputs";

    if (info.code == tflite::BuiltinOperator::CUSTOM) {
      StringRef custom =
          opcode->custom_code() ? opcode->custom_code()->c_str() : "";
      return emitError(info.loc)
             << "unsupported custom TFLite operator '" << custom << "' (#"
             << index << ") producing tensor '" << outName << "'";
    }
    if (failed(convertOperator(*this, info)))
      return failure();
  }
  return success();
}

LogicalResult Importer::finishFunction() {
  SmallVector<Value> results;
  for (int32_t index : outputs) {
    TensorInfo &t = tensors[index];
    if (!t.value) {
      if (t.data.empty())
        return emitError(fileLoc) << "subgraph output " << describeTensor(index)
                                  << " is not produced by any operator";
      FailureOr<Value> value = materializeConstant(index, getTensorLoc(index));
      if (failed(value))
        return failure();
    }
    results.push_back(t.value);
  }
  for (int32_t index : stateTensors)
    results.push_back(tensors[index].value);
  func::ReturnOp::create(builder, func.getLoc(), results);
  return success();
}

//===----------------------------------------------------------------------===//
// Types and values
//===----------------------------------------------------------------------===//

FailureOr<Type> Importer::getElementType(int32_t index, Location loc) {
  const TensorInfo &t = tensors[index];
  using T = tflite::TensorType;
  T tflType = t.tensor->type();
  unsigned bits;
  switch (tflType) {
  case T::FLOAT32:
    return Type(builder.getF32Type());
  case T::INT64:
    // int64 biases of the int16 paths: the scale is implied.
    return Type(builder.getI64Type());
  case T::INT4:
    bits = 4;
    break;
  case T::INT8:
    bits = 8;
    break;
  case T::INT16:
    bits = 16;
    break;
  case T::INT32:
    bits = 32;
    break;
  case T::UINT8:
    return emitError(loc) << "unsupported type: " << describeTensor(index)
                          << " is UINT8; mcuq supports int8/int16 "
                             "quantization (convert the model with int8 "
                             "inputs and outputs)";
  default:
    return emitError(loc) << "unsupported type: " << describeTensor(index)
                          << " is " << getTypeName(tflType);
  }

  IntegerType storage = builder.getIntegerType(bits);
  const tflite::QuantizationParameters *q = t.tensor->quantization();
  if (!q || !q->scale() || q->scale()->size() == 0)
    return Type(storage);
  auto fail = [&]() { return emitError(loc) << describeTensor(index) << ": "; };
  if (q->details_type() != tflite::QuantizationDetails::NONE)
    return fail() << "custom quantization is not supported";
  llvm::ArrayRef<float> scales = asArrayRef(q->scale());
  llvm::ArrayRef<int64_t> zeroPoints = asArrayRef(q->zero_point());
  if (zeroPoints.size() != scales.size())
    return fail() << "quantization has " << scales.size() << " scales but "
                  << zeroPoints.size() << " zero points";
  int64_t storageMin = llvm::minIntN(bits), storageMax = llvm::maxIntN(bits);
  for (auto [scale, zeroPoint] : llvm::zip(scales, zeroPoints)) {
    if (!std::isfinite(scale) || scale <= 0.0f)
      return fail() << "invalid quantization scale " << scale;
    if (zeroPoint < storageMin || zeroPoint > storageMax)
      return fail() << "zero point " << zeroPoint << " outside the i" << bits
                    << " range";
  }

  Type f32 = builder.getF32Type();
  auto emitErrorFn = [&]() { return emitError(loc); };
  Type quantType;
  if (scales.size() == 1) {
    quantType = quant::UniformQuantizedType::getChecked(
        emitErrorFn, quant::QuantizationFlags::Signed, storage, f32, scales[0],
        zeroPoints[0], storageMin, storageMax);
  } else {
    // TOCO files carry quantized_dimension 3 on 1-D conv biases: a 1-D
    // tensor can only be quantized along its one axis.
    int64_t rank = t.shape.size();
    int64_t axis = rank == 1 ? 0 : q->quantized_dimension();
    if (axis < 0 || axis >= rank)
      return fail() << "quantized_dimension " << axis
                    << " out of range for rank " << rank;
    if (t.shape[axis] != static_cast<int64_t>(scales.size()))
      return fail() << scales.size() << " per-channel scales but dimension "
                    << axis << " has size " << t.shape[axis];
    SmallVector<double> scalesF64(scales.begin(), scales.end());
    quantType = quant::UniformQuantizedPerAxisType::getChecked(
        emitErrorFn, quant::QuantizationFlags::Signed, storage, f32, scalesF64,
        zeroPoints, axis, storageMin, storageMax);
  }
  if (!quantType)
    return failure();
  return quantType;
}

FailureOr<Type> Importer::getTensorType(int32_t index, Location loc) {
  TensorInfo &t = tensors[index];
  if (t.type)
    return t.type;
  FailureOr<Type> element = getElementType(index, loc);
  if (failed(element))
    return failure();
  t.type = RankedTensorType::get(t.shape, *element);
  return t.type;
}

FailureOr<Value> Importer::materializeConstant(int32_t index, Location loc) {
  TensorInfo &t = tensors[index];
  FailureOr<Type> type = getTensorType(index, loc);
  if (failed(type))
    return failure();
  auto tensorType = cast<RankedTensorType>(*type);
  Location constLoc = getTensorLoc(index);
  if (tensorType.getElementType().isF32()) {
    auto attr = DenseElementsAttr::getFromRawBuffer(tensorType, t.data);
    t.value = arith::ConstantOp::create(builder, constLoc, attr);
    return t.value;
  }
  auto storageType = cast<RankedTensorType>(toStorageType(tensorType));
  DenseElementsAttr attr;
  if (t.tensor->type() == tflite::TensorType::INT4) {
    // Dense attributes keep one byte per i4 element; the file packs two
    // (low nibble first).
    SmallVector<char> bytes(tensorType.getNumElements());
    for (auto [i, byte] : llvm::enumerate(bytes)) {
      uint8_t packed = t.data[i / 2];
      byte = static_cast<char>(
          llvm::SignExtend32<4>(i % 2 ? packed >> 4 : packed & 0xF));
    }
    attr = DenseElementsAttr::getFromRawBuffer(storageType, bytes);
  } else {
    attr = DenseElementsAttr::getFromRawBuffer(storageType, t.data);
  }
  t.value = ConstOp::create(builder, constLoc, tensorType, attr);
  return t.value;
}

FailureOr<Value> Importer::getValue(int32_t index, const OpInfo &op) {
  TensorInfo &t = tensors[index];
  if (t.value)
    return t.value;
  if (!t.data.empty())
    return materializeConstant(index, op.loc);
  return emitError(op.loc) << op.name << " #" << op.index << " reads "
                           << describeTensor(index)
                           << ", which no earlier operator produces";
}

//===----------------------------------------------------------------------===//
// Accessors for the operator converters
//===----------------------------------------------------------------------===//

LogicalResult Importer::checkArity(const OpInfo &op, unsigned minInputs,
                                   unsigned maxInputs, unsigned numOutputs) {
  size_t n = op.inputs.size();
  if (n < minInputs || n > maxInputs) {
    InFlightDiagnostic diag = emitError(op.loc)
                              << op.name << " #" << op.index << " has " << n
                              << " inputs, expected ";
    if (minInputs == maxInputs)
      diag << minInputs;
    else
      diag << minInputs << " to " << maxInputs;
    return diag;
  }
  if (op.outputs.size() != numOutputs)
    return emitError(op.loc)
           << op.name << " #" << op.index << " has " << op.outputs.size()
           << " outputs, expected " << numOutputs;
  return success();
}

/// Whether mcuq operators can take a value of this type.
static LogicalResult
checkValueType(Type type, bool allowFloat, tflite::TensorType tflType,
               llvm::function_ref<InFlightDiagnostic()> emitErr) {
  Type element = cast<ShapedType>(type).getElementType();
  if (isa<quant::QuantizedType>(element) || element.isInteger(64))
    return success();
  if (element.isF32()) {
    if (allowFloat)
      return success();
    return emitErr() << " is float32; only QUANTIZE inputs and DEQUANTIZE "
                        "outputs may be float (mcuq compiles int8/int16 "
                        "quantized models)";
  }
  return emitErr() << " is " << getTypeName(tflType)
                   << " without quantization parameters";
}

FailureOr<SmallVector<Value>>
Importer::getOperands(const OpInfo &op, ArrayRef<OperandSpec> specs) {
  SmallVector<Value> values;
  for (auto [i, spec] : llvm::enumerate(specs)) {
    const int32_t index = i < op.inputs.size() ? op.inputs[i] : -1;
    if (index == -1) {
      if (!spec.optional)
        return emitError(op.loc)
               << op.name << " #" << op.index << ": required input " << i
               << " (" << spec.role << ") is missing";
      values.push_back(Value());
      continue;
    }
    FailureOr<Value> value = getValue(index, op);
    if (failed(value))
      return failure();
    StringRef role = spec.role;
    if (failed(checkValueType((*value).getType(), spec.allowFloat,
                              tensors[index].tensor->type(), [&] {
                                return emitError(op.loc)
                                       << "unsupported type: " << role << " of "
                                       << op.name << " #" << op.index << ", "
                                       << describeTensor(index);
                              })))
      return failure();
    values.push_back(*value);
  }
  return values;
}

FailureOr<Type> Importer::getResultType(const OpInfo &op, unsigned i,
                                        bool allowFloat) {
  int32_t index = op.outputs[i];
  FailureOr<Type> type = getTensorType(index, op.loc);
  if (failed(type))
    return failure();
  if (failed(
          checkValueType(*type, allowFloat, tensors[index].tensor->type(), [&] {
            return emitError(op.loc)
                   << "unsupported type: output of " << op.name << " #"
                   << op.index << ", " << describeTensor(index);
          })))
    return failure();
  if (tensors[index].value || !tensors[index].data.empty() ||
      tensors[index].isVariable)
    return emitError(op.loc)
           << op.name << " #" << op.index << " writes " << describeTensor(index)
           << ", which already holds a value (a subgraph "
              "input, constant, state or earlier output)";
  return *type;
}

void Importer::setResult(const OpInfo &op, unsigned i, Value value) {
  tensors[op.outputs[i]].value = value;
}

FailureOr<int32_t> Importer::getStateTensor(const OpInfo &op, unsigned i,
                                            StringRef role) {
  int32_t index = i < op.inputs.size() ? op.inputs[i] : -1;
  if (index == -1)
    return emitError(op.loc) << op.name << " #" << op.index << ": required "
                             << role << " input " << i << " is missing";
  if (!tensors[index].isVariable)
    return emitError(op.loc)
           << op.name << " #" << op.index << ": " << role << " "
           << describeTensor(index) << " is not a variable tensor";
  return index;
}

FailureOr<SmallVector<int64_t>>
Importer::getConstantInts(const OpInfo &op, unsigned i, StringRef role) {
  int32_t index = i < op.inputs.size() ? op.inputs[i] : -1;
  if (index == -1)
    return emitError(op.loc) << op.name << " #" << op.index << ": required "
                             << role << " input " << i << " is missing";
  const TensorInfo &t = tensors[index];
  if (t.data.empty())
    return emitError(op.loc)
           << op.name << " #" << op.index << ": " << role << " "
           << describeTensor(index) << " must be a constant";
  tflite::TensorType type = t.tensor->type();
  if (type != tflite::TensorType::INT32 && type != tflite::TensorType::INT64)
    return emitError(op.loc)
           << op.name << " #" << op.index << ": " << role << " "
           << describeTensor(index) << " must be INT32 or INT64, got "
           << getTypeName(type);
  SmallVector<int64_t> values;
  const char *p = t.data.data();
  if (type == tflite::TensorType::INT32) {
    for (size_t k = 0; k < t.data.size() / 4; ++k)
      values.push_back(int32_t(llvm::support::endian::read32le(p + 4 * k)));
  } else {
    for (size_t k = 0; k < t.data.size() / 8; ++k)
      values.push_back(int64_t(llvm::support::endian::read64le(p + 8 * k)));
  }
  return values;
}

FailureOr<ArrayAttr> Importer::getIntermediateTypes(const OpInfo &op) {
  SmallVector<Attribute> types;
  for (int32_t index : op.intermediates) {
    FailureOr<Type> element = getElementType(index, op.loc);
    if (failed(element))
      return failure();
    types.push_back(TypeAttr::get(*element));
  }
  return builder.getArrayAttr(types);
}

FailureOr<ActivationAttr>
Importer::getActivation(const OpInfo &op, tflite::ActivationFunctionType act) {
  using A = tflite::ActivationFunctionType;
  auto get = [&](Activation a) { return ActivationAttr::get(context, a); };
  switch (act) {
  case A::NONE:
    return get(Activation::None);
  case A::RELU:
    return get(Activation::Relu);
  case A::RELU_N1_TO_1:
    return get(Activation::ReluN1To1);
  case A::RELU6:
    return get(Activation::Relu6);
  case A::TANH:
    return get(Activation::Tanh);
  case A::SIGN_BIT:
    return get(Activation::SignBit);
  }
  // The enum is a byte in the file: anything else is corrupt.
  return emitError(op.loc) << op.name << " #" << op.index
                           << ": unknown fused activation "
                           << static_cast<int>(act);
}

FailureOr<PaddingModeAttr> Importer::getPadding(const OpInfo &op,
                                                tflite::Padding padding) {
  switch (padding) {
  case tflite::Padding::SAME:
    return PaddingModeAttr::get(context, PaddingMode::Same);
  case tflite::Padding::VALID:
    return PaddingModeAttr::get(context, PaddingMode::Valid);
  }
  return emitError(op.loc) << op.name << " #" << op.index
                           << ": unknown padding " << static_cast<int>(padding);
}

LogicalResult Importer::emitUnsupported(const OpInfo &op, StringRef why) {
  std::string outName = tensors[op.outputs[0]].displayName;
  InFlightDiagnostic diag =
      emitError(op.loc) << "unsupported TFLite operator " << op.name << " (#"
                        << op.index << ") producing tensor '" << outName << "'";
  if (!why.empty())
    diag << ": " << why;
  return diag;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> mlir::mcuq::importTFLite(StringRef buffer,
                                               StringRef sourceName,
                                               MLIRContext *context) {
  context->loadDialect<MCUQDialect, arith::ArithDialect, func::FuncDialect,
                       quant::QuantDialect>();
  return Importer(buffer, sourceName, context).import();
}

void mlir::mcuq::registerTFLiteImportDialects(DialectRegistry &registry) {
  registry.insert<MCUQDialect, arith::ArithDialect, func::FuncDialect,
                  quant::QuantDialect>();
}

void mlir::mcuq::registerTFLiteImportTranslation() {
  TranslateToMLIRRegistration registration(
      "import-tflite", "Import a TFLite flatbuffer (.tflite) into mcuq",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *file =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        return importTFLite(file->getBuffer(), file->getBufferIdentifier(),
                            context);
      },
      registerTFLiteImportDialects,
      // Flatbuffer payloads are laid out for 16-byte alignment.
      llvm::Align(16));
}
