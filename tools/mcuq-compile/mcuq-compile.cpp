//===- mcuq-compile.cpp - One-shot model compiler -------------------------===//
//
// model.tflite -> <name>.o, <name>.h and <name>.json for one target, all
// in-process: import, the mcuq-to-llvm pipeline, LLVM code generation and
// the header export (the same steps mcuq-translate and mcuq-opt expose one by
// one).
//
//===----------------------------------------------------------------------===//

#include "mcuq/InitAllDialects.h"
#include "mcuq/Dialect/MCUQ/Transforms/Pipelines.h"
#include "mcuq/Target/Export.h"
#include "mcuq/Target/TFLite/TFLiteImport.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

#include <chrono>

using namespace mlir;
using namespace mlir::mcuq;
namespace cl = llvm::cl;

static cl::OptionCategory category("mcuq-compile options");
static cl::opt<std::string> input(cl::Positional, cl::desc("<model.tflite>"),
                                  cl::Required, cl::cat(category));
static cl::opt<std::string> target("target",
                                   cl::desc("Target machine: host, cortex-m0plus, "
                                            "cortex-m4, cortex-m4-soft, cortex-m7, "
                                            "cortex-m7-soft, cortex-m33, "
                                            "cortex-m55, rv32imc, rv32imac"),
                                   cl::init("host"), cl::cat(category));
static cl::opt<std::string> outputDir("o", cl::desc("Output directory"),
                                      cl::value_desc("dir"), cl::init("."),
                                      cl::cat(category));
static cl::opt<std::string>
    name("name", cl::desc("Model name (default: the file's stem)"),
         cl::init(""), cl::cat(category));
static cl::opt<unsigned>
    alignment("alignment",
              cl::desc("Minimum arena buffer alignment in bytes (default 0: "
                       "each buffer's natural alignment)"),
              cl::init(0), cl::cat(category));
static cl::opt<bool>
    ioInArena("io-in-arena",
              cl::desc("Place inputs and outputs inside the arena (the entry "
                       "point then takes only the arena and state)"),
              cl::init(false), cl::cat(category));
static cl::opt<bool>
    inPlace("in-place",
            cl::desc("Let layers write their output over an input that dies "
                     "there when the accesses prove it safe (default on)"),
            cl::init(true), cl::cat(category));
static cl::opt<std::string>
    arenaSection("arena-section",
                 cl::desc("Linker section for the caller's arena (a header "
                          "macro, e.g. .dtcm)"),
                 cl::init(""), cl::cat(category));
static cl::opt<int64_t>
    arenaBudget("arena-budget",
                cl::desc("Fail when the arena exceeds this many bytes"),
                cl::init(-1), cl::cat(category));
static cl::opt<unsigned> optLevel("opt-level", cl::desc("LLVM -O level"),
                                  cl::init(2), cl::cat(category));
static cl::opt<std::string>
    weightsSection("weights-section",
                   cl::desc("Linker section for weights (default .rodata)"),
                   cl::init(""), cl::cat(category));
static cl::opt<bool> emitMLIR("emit-mlir",
                              cl::desc("Also write <name>.mcuq.mlir (imported) "
                                       "and <name>.llvm.mlir (lowered)"),
                              cl::init(false), cl::cat(category));
static cl::opt<bool>
    debugInfo("g",
              cl::desc("DWARF line tables: each instruction maps to its "
                       "operator's line in <name>.mcuq.mlir (also written)"),
              cl::init(false), cl::cat(category));
static cl::opt<bool> quiet("quiet", cl::desc("Do not print the summary"),
                           cl::init(false), cl::cat(category));

static std::string sanitize(StringRef s) {
  std::string out;
  for (char c : s)
    out += llvm::isAlnum(c) ? llvm::toLower(c) : '_';
  return out;
}

/// "CONV_2D#3 (tensor 'conv1/Relu')" for the importer's fused locations,
/// "file:line:col" for source locations, nothing for unknown ones.
static std::string describe(Location loc) {
  std::string out;
  llvm::raw_string_ostream os(out);
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    SmallVector<StringRef> names;
    for (Location inner : fused.getLocations())
      if (auto name = dyn_cast<NameLoc>(inner))
        names.push_back(name.getName().getValue());
    if (!names.empty()) {
      os << names.front();
      if (names.size() > 1)
        os << " (tensor '" << names[1] << "')";
      return out;
    }
  }
  if (auto name = dyn_cast<NameLoc>(loc))
    return ("tensor '" + name.getName().getValue() + "'").str();
  if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    if (file.getLine() == 0)
      return "";
    os << file.getFilename().getValue() << ":" << file.getLine() << ":"
       << file.getColumn();
  }
  return out;
}

static LogicalResult writeFile(StringRef path, StringRef contents) {
  std::string error;
  auto file = openOutputFile(path, &error);
  if (!file) {
    llvm::errs() << "error: " << error << "\n";
    return failure();
  }
  file->os() << contents;
  file->keep();
  return success();
}

/// Gives each op's location its line in `text` (the printed `module`, written
/// to `path`), so that line tables point at the mcuq op while diagnostics
/// still name the model's operator and tensor.
static LogicalResult attachLineLocations(ModuleOp module, StringRef text,
                                         StringRef path) {
  MLIRContext *ctx = module.getContext();
  ParserConfig config(ctx);
  OwningOpRef<ModuleOp> parsed =
      parseSourceString<ModuleOp>(text, config, path);
  if (!parsed)
    return module.emitError("cannot re-read the printed module");
  SmallVector<Operation *> original, reread;
  module->walk([&](Operation *op) { original.push_back(op); });
  parsed.get()->walk([&](Operation *op) { reread.push_back(op); });
  if (original.size() != reread.size())
    return module.emitError("the printed module does not re-read the same");
  // The LLVM debug translation merges the parts of a fused location and
  // reads a name location through its child: each name gets the line as child.
  for (auto [op, reread] : llvm::zip_equal(original, reread)) {
    Location line = reread->getLoc();
    auto withLine = [&](Location loc) -> Location {
      if (auto name = dyn_cast<NameLoc>(loc))
        return NameLoc::get(name.getName(), line);
      return line;
    };
    Location loc = op->getLoc();
    if (auto fused = dyn_cast<FusedLoc>(loc))
      op->setLoc(FusedLoc::get(
          ctx, llvm::map_to_vector(fused.getLocations(), withLine)));
    else
      op->setLoc(withLine(loc));
  }
  return success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv,
                              "mcuq model compiler: a .tflite model to an "
                              "object file and C header for a microcontroller\n");
  auto start = std::chrono::steady_clock::now();
  std::optional<TargetInfo> targetInfo = lookupTarget(target);
  if (!targetInfo) {
    llvm::errs() << "error: unknown target '" << target
                 << "'; known targets: " << getTargetNames() << "\n";
    return 1;
  }
  std::string modelName =
      name.empty() ? sanitize(llvm::sys::path::stem(input)) : sanitize(name);

  DialectRegistry registry;
  registerAllDialects(registry);
  registerTFLiteImportDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // Users see the model's operator and tensor names, not compiler IR.
  context.printOpOnDiagnostic(false);
  context.printStackTraceOnDiagnostic(false);
  StringRef fileName = llvm::sys::path::filename(input);
  ScopedDiagnosticHandler diagHandler(&context, [&](Diagnostic &diag) {
    auto print = [&](Diagnostic &d, StringRef severity) {
      std::string where = describe(d.getLocation());
      llvm::errs() << fileName << ": " << severity << ": ";
      if (!where.empty())
        llvm::errs() << where << ": ";
      llvm::errs() << d.str() << "\n";
    };
    StringRef severity = diag.getSeverity() == DiagnosticSeverity::Error
                             ? "error"
                         : diag.getSeverity() == DiagnosticSeverity::Warning
                             ? "warning"
                             : "note";
    print(diag, severity);
    for (Diagnostic &note : diag.getNotes())
      print(note, "note");
    return success();
  });

  std::string error;
  std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(input, &error);
  if (!file) {
    llvm::errs() << "error: " << error << "\n";
    return 1;
  }
  OwningOpRef<ModuleOp> module =
      importTFLite(file->getBuffer(), llvm::sys::path::filename(input), &context);
  if (!module)
    return 1;
  if (std::error_code ec = llvm::sys::fs::create_directories(outputDir)) {
    llvm::errs() << "error: cannot create " << outputDir << ": "
                 << ec.message() << "\n";
    return 1;
  }
  auto outPath = [&](StringRef suffix) {
    llvm::SmallString<128> p(outputDir);
    llvm::sys::path::append(p, modelName + suffix.str());
    return std::string(p);
  };
  if (emitMLIR || debugInfo) {
    std::string text;
    llvm::raw_string_ostream os(text);
    module->print(os);
    if (failed(writeFile(outPath(".mcuq.mlir"), text)))
      return 1;
    if (debugInfo && failed(attachLineLocations(*module, text,
                                                outPath(".mcuq.mlir"))))
      return 1;
  }

  PassManager pm(&context);
  MCUQToLLVMPipelineOptions options;
  options.target = target;
  options.entryName = "mcuq_" + modelName + "_invoke";
  options.alignment = alignment;
  options.arenaBudget = arenaBudget;
  options.ioInArena = ioInArena;
  options.inPlace = inPlace;
  for (StringRef section : {StringRef(weightsSection), StringRef(arenaSection)})
    if (llvm::any_of(section, [](char c) {
          return !llvm::isAlnum(c) && !StringRef("._$-").contains(c);
        })) {
      llvm::errs() << "error: invalid section name '" << section << "'\n";
      return 1;
    }
  if (failed(buildMCUQToLLVMPipeline(pm, options)) || failed(pm.run(*module)))
    return 1;
  if (emitMLIR) {
    std::string text;
    llvm::raw_string_ostream os(text);
    module->print(os);
    if (failed(writeFile(outPath(".llvm.mlir"), text)))
      return 1;
  }

  if (!arenaSection.empty())
    (*module)->setAttr("mcuq.arena_section",
                       StringAttr::get(&context, arenaSection));

  ObjectOptions objectOptions;
  objectOptions.optLevel = optLevel;
  objectOptions.debugInfo = debugInfo;
  objectOptions.weightsSection = weightsSection;
  llvm::SmallString<0> object;
  llvm::raw_svector_ostream objectStream(object);
  if (failed(emitObject(*module, *targetInfo, objectOptions, objectStream)))
    return 1;
  std::string header;
  llvm::raw_string_ostream headerStream(header);
  if (failed(emitHeader(*module, modelName, target, headerStream)))
    return 1;
  if (failed(writeFile(outPath(".o"), object)) ||
      failed(writeFile(outPath(".h"), header)))
    return 1;

  // Section sizes of the object, for the summary.
  int64_t text = 0, rodata = 0, data = 0, bss = 0;
  auto objectFile = llvm::object::ObjectFile::createObjectFile(
      llvm::MemoryBufferRef(object, "model.o"));
  if (!objectFile) {
    llvm::consumeError(objectFile.takeError());
  } else {
    for (const llvm::object::SectionRef &section : (*objectFile)->sections()) {
      llvm::Expected<StringRef> sectionName = section.getName();
      if (!sectionName) {
        llvm::consumeError(sectionName.takeError());
        continue;
      }
      if (sectionName->starts_with(".text"))
        text += section.getSize();
      else if (sectionName->starts_with(".rodata") ||
               (!weightsSection.empty() && *sectionName == weightsSection))
        rodata += section.getSize();
      else if (sectionName->starts_with(".data"))
        data += section.getSize();
      else if (sectionName->starts_with(".bss"))
        bss += section.getSize();
    }
  }
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  auto moduleInt = [&](StringRef attr) -> int64_t {
    auto a = (*module)->getAttrOfType<IntegerAttr>(attr);
    return a ? a.getInt() : 0;
  };
  int64_t arena = moduleInt("mcuq.arena_size");
  int64_t lowerBound = moduleInt("mcuq.arena_lower_bound");
  llvm::json::Object plan;
  if (auto stats = (*module)->getAttrOfType<DictionaryAttr>("mcuq.arena_plan"))
    for (NamedAttribute a : stats) {
      if (auto b = dyn_cast<BoolAttr>(a.getValue()))
        plan[a.getName().getValue()] = b.getValue();
      else if (auto i = dyn_cast<IntegerAttr>(a.getValue()))
        plan[a.getName().getValue()] = i.getInt();
      else if (auto str = dyn_cast<StringAttr>(a.getValue()))
        plan[a.getName().getValue()] = str.getValue();
    }

  llvm::json::Array ports;
  for (Attribute a :
       (*module)->getAttrOfType<ArrayAttr>("mcuq.interface").getValue()) {
    auto d = cast<DictionaryAttr>(a);
    llvm::json::Object port;
    port["role"] = cast<StringAttr>(d.get("role")).getValue();
    if (auto n = d.getAs<StringAttr>("name"))
      port["name"] = n.getValue();
    llvm::json::Array shape;
    int64_t elements = 1;
    for (int64_t dim : cast<DenseI64ArrayAttr>(d.get("shape")).asArrayRef()) {
      shape.push_back(dim);
      elements *= dim;
    }
    port["shape"] = std::move(shape);
    Type element = cast<TypeAttr>(d.get("element")).getValue();
    std::string elementName;
    llvm::raw_string_ostream(elementName) << element;
    port["element"] = elementName;
    port["bytes"] = elements * (element.getIntOrFloatBitWidth() / 8);
    if (auto s = d.getAs<FloatAttr>("scale"))
      port["scale"] = s.getValueAsDouble();
    if (auto z = d.getAs<IntegerAttr>("zero_point"))
      port["zero_point"] = z.getInt();
    if (auto z = d.getAs<IntegerAttr>("state_init"))
      port["state_init"] = z.getInt();
    if (auto o = d.getAs<IntegerAttr>("offset"))
      port["arena_offset"] = o.getInt();
    ports.push_back(std::move(port));
  }
  llvm::json::Object summary{
      {"model", modelName},
      {"source", llvm::sys::path::filename(input)},
      {"target", target.getValue()},
      {"entry", options.entryName.getValue()},
      {"arena_bytes", arena},
      {"arena_alignment", moduleInt("mcuq.arena_alignment")},
      {"arena_lower_bound", lowerBound},
      {"arena_gap_bytes", arena - lowerBound},
      {"arena_plan", std::move(plan)},
      {"io_in_arena", ioInArena.getValue()},
      {"arena_section", arenaSection.getValue()},
      {"weights_section", weightsSection.getValue()},
      {"text_bytes", text},
      {"rodata_bytes", rodata},
      {"data_bytes", data},
      {"bss_bytes", bss},
      {"compile_seconds", seconds},
      {"interface", std::move(ports)},
  };
  std::string json;
  llvm::raw_string_ostream jsonStream(json);
  jsonStream << llvm::formatv("{0:2}", llvm::json::Value(std::move(summary)))
             << "\n";
  if (failed(writeFile(outPath(".json"), json)))
    return 1;
  if (!quiet)
    llvm::outs() << "mcuq: " << modelName << " for " << target << ": arena "
                 << arena << " B, code " << text << " B, weights " << rodata
                 << " B, compiled in " << llvm::format("%.2f", seconds)
                 << " s -> " << outPath(".o") << ", " << outPath(".h") << "\n";
  if (!quiet) {
    llvm::outs() << "mcuq: arena lower bound " << lowerBound << " B";
    if (auto stats =
            (*module)->getAttrOfType<DictionaryAttr>("mcuq.arena_plan")) {
      if (auto layer = stats.getAs<StringAttr>("peak_layer"))
        llvm::outs() << ", peak at " << layer.getValue();
      if (auto strategy = stats.getAs<StringAttr>("strategy"))
        llvm::outs() << ", placement " << strategy.getValue();
    }
    llvm::outs() << "\n";
  }
  return 0;
}
