//===- mcuq-compile.cpp - One-shot model compiler -------------------------===//
//
// model.tflite -> <name>.o, <name>.h and <name>.json for one target, all
// in-process: import, the mcuq-to-llvm pipeline, LLVM code generation and
// the header export (the same steps mcuq-translate and mcuq-opt expose one by
// one).
//
//===----------------------------------------------------------------------===//

#include "mcuq/Dialect/MCUQ/Transforms/Pipelines.h"
#include "mcuq/InitAllDialects.h"
#include "mcuq/Target/CompiledModel.h"
#include "mcuq/Target/Export.h"
#include "mcuq/Target/TFLite/TFLiteImport.h"
#include "mcuq/Target/TargetInfo.h"

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
                                  cl::cat(category));
static cl::opt<std::string>
    target("target",
           cl::desc("Target machine (--list-targets names them; default: "
                    "the machine running mcuq)"),
           cl::init(""), cl::cat(category));
static cl::opt<bool>
    listTargets("list-targets",
                cl::desc("Print the targets and exit (with --json: every "
                         "fact of the table, for build scripts)"),
                cl::init(false), cl::cat(category));
static cl::opt<bool> json("json", cl::desc("With --list-targets: as JSON"),
                          cl::init(false), cl::cat(category));
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
  cl::ParseCommandLineOptions(
      argc, argv,
      "mcuq model compiler: a .tflite model to an "
      "object file and C header for a microcontroller\n");
  auto start = std::chrono::steady_clock::now();
  if (json && !listTargets) {
    llvm::errs() << "error: --json goes with --list-targets (the compile "
                    "summary is always written as <name>.json)\n";
    return 1;
  }
  if (listTargets) {
    if (json)
      printTargetsJSON(llvm::outs());
    else
      printTargets(llvm::outs());
    return 0;
  }
  if (input.empty()) {
    llvm::errs() << "error: no model given (mcuq-compile model.tflite "
                    "--target=...)\n";
    return 1;
  }
  if (!target.empty() && !lookupTarget(target)) {
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
    StringRef severity =
        diag.getSeverity() == DiagnosticSeverity::Error     ? "error"
        : diag.getSeverity() == DiagnosticSeverity::Warning ? "warning"
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
  OwningOpRef<ModuleOp> module = importTFLite(
      file->getBuffer(), llvm::sys::path::filename(input), &context);
  if (!module)
    return 1;
  if (std::error_code ec = llvm::sys::fs::create_directories(outputDir)) {
    llvm::errs() << "error: cannot create " << outputDir << ": " << ec.message()
                 << "\n";
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
    if (debugInfo &&
        failed(attachLineLocations(*module, text, outPath(".mcuq.mlir"))))
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
  options.arenaSection = arenaSection;
  if (llvm::any_of(weightsSection.getValue(), [](char c) {
        return !llvm::isAlnum(c) && !StringRef("._$-").contains(c);
      })) {
    llvm::errs() << "error: invalid section name '" << weightsSection << "'\n";
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

  ObjectOptions objectOptions;
  objectOptions.optLevel = optLevel;
  objectOptions.debugInfo = debugInfo;
  objectOptions.weightsSection = weightsSection;
  llvm::SmallString<0> object;
  llvm::raw_svector_ostream objectStream(object);
  FailureOr<CompiledModel> compiled = CompiledModel::read(*module);
  if (failed(compiled) || failed(emitObject(*module, compiled->target,
                                            objectOptions, objectStream)))
    return 1;
  std::string header;
  llvm::raw_string_ostream headerStream(header);
  if (failed(emitHeader(*compiled, modelName, headerStream)))
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
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  llvm::json::Object summary = compiled->toJSON();
  summary["model"] = modelName;
  summary["source"] = llvm::sys::path::filename(input);
  summary["weights_section"] = weightsSection.getValue();
  summary["text_bytes"] = text;
  summary["rodata_bytes"] = rodata;
  summary["data_bytes"] = data;
  summary["bss_bytes"] = bss;
  summary["compile_seconds"] = seconds;
  ArenaPlanAttr plan = compiled->plan;
  StringRef targetName = compiled->target.getName();
  std::string summaryText;
  llvm::raw_string_ostream jsonStream(summaryText);
  jsonStream << llvm::formatv("{0:2}", llvm::json::Value(std::move(summary)))
             << "\n";
  if (failed(writeFile(outPath(".json"), summaryText)))
    return 1;
  if (!quiet)
    llvm::outs() << "mcuq: " << modelName << " for " << targetName << ": arena "
                 << plan.getSize() << " B, code " << text << " B, weights "
                 << rodata << " B, compiled in "
                 << llvm::format("%.2f", seconds) << " s -> " << outPath(".o")
                 << ", " << outPath(".h") << "\n";
  if (!quiet) {
    llvm::outs() << "mcuq: arena lower bound " << plan.getLowerBound() << " B";
    if (!plan.getPeakLayer().empty())
      llvm::outs() << ", peak at " << plan.getPeakLayer();
    if (!plan.getStrategy().empty())
      llvm::outs() << ", placement " << plan.getStrategy();
    llvm::outs() << "\n";
  }
  return 0;
}
