//===- CompiledModel.cpp - What a lowered module promises -----------------===//

#include "mcuq/Target/CompiledModel.h"
#include "mcuq/Target/TargetInfo.h"

using namespace mlir;
using namespace mlir::mcuq;

std::optional<StringRef> mlir::mcuq::getCType(Type t) {
  if (t.isInteger(8))
    return StringRef("int8_t");
  if (t.isInteger(16))
    return StringRef("int16_t");
  if (t.isInteger(32))
    return StringRef("int32_t");
  if (t.isInteger(64))
    return StringRef("int64_t");
  if (t.isF32())
    return StringRef("float");
  return std::nullopt;
}

FailureOr<CompiledModel> CompiledModel::read(ModuleOp module,
                                             TargetAttr target) {
  MLIRContext *ctx = module.getContext();
  CompiledModel m;
  m.interface = MCUQDialect::InterfaceAttrHelper(ctx).getAttr(module);
  m.plan = MCUQDialect::ArenaPlanAttrHelper(ctx).getAttr(module);
  if (!m.interface || !m.plan)
    return emitError(module.getLoc(),
                     "the module has no planned entry point; run "
                     "mcuq-to-llvm-pipeline first");
  m.target = target ? target : getModuleTarget(module);
  if (!m.target)
    m.target = getTargetAttr(ctx, getDefaultTarget());
  if (StringAttr source = MCUQDialect::SourceAttrHelper(ctx).getAttr(module))
    m.source = source.getValue();
  for (PortAttr port : m.interface.getPorts())
    if (!getCType(port.getElement()))
      return emitError(module.getLoc(), "no C type for interface element ")
             << port.getElement();
  return m;
}

SmallVector<PortAttr> CompiledModel::getPorts(PortRole role) const {
  return llvm::filter_to_vector(
      interface.getPorts(), [&](PortAttr p) { return p.getRole() == role; });
}

SmallVector<EntryParameter> CompiledModel::getParameters() const {
  SmallVector<EntryParameter> params;
  unsigned counts[3] = {0, 0, 0};
  for (PortAttr port : interface.getPorts()) {
    unsigned index = counts[static_cast<unsigned>(port.getRole())]++;
    if (!port.getOffset())
      params.push_back({port, index});
  }
  params.push_back({PortAttr(), 0});
  return params;
}

llvm::json::Object CompiledModel::toJSON() const {
  llvm::json::Array ports;
  for (PortAttr p : interface.getPorts()) {
    llvm::json::Object port;
    port["role"] = stringifyPortRole(p.getRole());
    if (!p.getName().empty())
      port["name"] = p.getName();
    port["shape"] = llvm::json::Array(p.getShape());
    std::string element;
    llvm::raw_string_ostream(element) << p.getElement();
    port["element"] = element;
    port["bytes"] = p.getBytes();
    if (FloatAttr scale = p.getScale())
      port["scale"] = scale.getValueAsDouble();
    if (std::optional<int64_t> z = p.getZeroPoint())
      port["zero_point"] = *z;
    if (std::optional<int64_t> init = p.getStateInit())
      port["state_init"] = *init;
    if (std::optional<int64_t> offset = p.getOffset())
      port["arena_offset"] = *offset;
    ports.push_back(std::move(port));
  }
  llvm::json::Array params;
  for (const EntryParameter &p : getParameters()) {
    if (!p.port) {
      params.push_back(llvm::json::Object{{"role", "arena"}});
      continue;
    }
    params.push_back(
        llvm::json::Object{{"role", stringifyPortRole(p.port.getRole())},
                           {"index", p.index},
                           {"c_type", *getCType(p.port.getElement())},
                           {"const", p.port.getRole() == PortRole::Input}});
  }
  llvm::json::Object plan{
      {"strategy", this->plan.getStrategy()},
      {"optimal", this->plan.getOptimal()},
      {"lower_bound_without_in_place",
       this->plan.getLowerBoundWithoutInPlace()},
      {"in_place", this->plan.getInPlace()},
      {"in_place_bytes", this->plan.getInPlaceBytes()},
  };
  if (!this->plan.getPeakLayer().empty())
    plan["peak_layer"] = this->plan.getPeakLayer();
  return llvm::json::Object{
      {"target", target.getName()},
      {"entry", interface.getEntry()},
      {"arena_bytes", this->plan.getSize()},
      {"arena_alignment", this->plan.getAlignment()},
      {"arena_lower_bound", this->plan.getLowerBound()},
      {"arena_gap_bytes", this->plan.getSize() - this->plan.getLowerBound()},
      {"arena_plan", std::move(plan)},
      {"io_in_arena", this->plan.getIoInArena()},
      {"arena_section", this->plan.getSection()},
      {"interface", std::move(ports)},
      {"parameters", std::move(params)},
  };
}
