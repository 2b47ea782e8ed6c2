//===- MCUQAttrs.td - mcuq attributes ----------------------*- tablegen -*-===//

#ifndef MCUQ_DIALECT_MCUQ_IR_MCUQATTRS_TD
#define MCUQ_DIALECT_MCUQ_IR_MCUQATTRS_TD

include "mcuq/Dialect/MCUQ/IR/MCUQDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

class MCUQ_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<MCUQ_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def MCUQ_ActivationNone : I32EnumAttrCase<"None", 0, "none">;
def MCUQ_ActivationRelu : I32EnumAttrCase<"Relu", 1, "relu">;
def MCUQ_ActivationReluN1To1 : I32EnumAttrCase<"ReluN1To1", 2, "relu_n1_to_1">;
def MCUQ_ActivationRelu6 : I32EnumAttrCase<"Relu6", 3, "relu6">;
def MCUQ_ActivationRelu0To1 : I32EnumAttrCase<"Relu0To1", 4, "relu_0_to_1">;
def MCUQ_ActivationTanh : I32EnumAttrCase<"Tanh", 5, "tanh">;
def MCUQ_ActivationSignBit : I32EnumAttrCase<"SignBit", 6, "sign_bit">;

def MCUQ_Activation : I32EnumAttr<"Activation",
    "activation function fused into an operator", [
      MCUQ_ActivationNone, MCUQ_ActivationRelu, MCUQ_ActivationReluN1To1,
      MCUQ_ActivationRelu6, MCUQ_ActivationRelu0To1, MCUQ_ActivationTanh,
      MCUQ_ActivationSignBit]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::mcuq";
}

def MCUQ_ActivationAttr : EnumAttr<MCUQ_Dialect, MCUQ_Activation, "activation"> {
  let summary = "Fused activation function, as TFLite's ActivationFunctionType.";
  let description = [{
    `relu`, `relu6`, `relu_n1_to_1` and `relu_0_to_1` clamp the quantized
    output to the representation of [0, inf), [0, 6], [-1, 1] and [0, 1]
    intersected with the storage range. `tanh` and `sign_bit` exist in the
    TFLite schema; mcuq operators reject them in their verifiers.
  }];
  let assemblyFormat = "`<` $value `>`";
}

def MCUQ_PaddingSame : I32EnumAttrCase<"Same", 0, "same">;
def MCUQ_PaddingValid : I32EnumAttrCase<"Valid", 1, "valid">;
def MCUQ_PaddingExplicit : I32EnumAttrCase<"Explicit", 2, "explicit">;

def MCUQ_PaddingMode : I32EnumAttr<"PaddingMode",
    "spatial padding scheme", [
      MCUQ_PaddingSame, MCUQ_PaddingValid, MCUQ_PaddingExplicit]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::mcuq";
}

def MCUQ_PaddingModeAttr : EnumAttr<MCUQ_Dialect, MCUQ_PaddingMode, "padding"> {
  let summary = "Spatial padding: TFLite's SAME/VALID, or explicit amounts.";
  let description = [{
    `same` pads so that the output has ceil(input / stride) elements, with
    the smaller half of the total padding before (top/left) and the rest
    after, as TFLite computes it. `valid` does not pad. `explicit` takes the
    amounts from the operator's `pad` attribute, `[top, bottom, left, right]`.
  }];
  let assemblyFormat = "`<` $value `>`";
}

def MCUQ_RoundingDoubleHighMul : I32EnumAttrCase<"DoubleHighMul", 0, "double_high_mul">;
def MCUQ_RoundingSingle : I32EnumAttrCase<"Single", 1, "single">;
def MCUQ_RoundingReduced16 : I32EnumAttrCase<"Reduced16", 2, "reduced16">;

def MCUQ_RoundingMode : I32EnumAttr<"RoundingMode",
    "how a fixed-point multiplier is applied", [
      MCUQ_RoundingDoubleHighMul, MCUQ_RoundingSingle, MCUQ_RoundingReduced16]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::mcuq";
}

def MCUQ_RoundingModeAttr : EnumAttr<MCUQ_Dialect, MCUQ_RoundingMode, "rounding"> {
  let summary = "Rounding of a fixed-point rescale.";
  let description = [{
    - `double_high_mul`: TFLite's default MultiplyByQuantizedMultiplier on a
      32-bit value: left shift, saturating rounding doubling high multiply,
      then rounding (half away from zero) arithmetic right shift.
    - `single`: one 64-bit product rounded once (half up) by the total shift,
      TFLite's `TFLITE_SINGLE_ROUNDING` build.
    - `reduced16`: TFLite's MultiplyByQuantizedMultiplier on a 64-bit value
      (int16 activation paths): the multiplier is rounded to 16 bits and
      applied to the 64-bit accumulator with one rounding.

    docs/spec.md gives the exact integer arithmetic.
  }];
  let assemblyFormat = "`<` $value `>`";
}


//===----------------------------------------------------------------------===//
// Contracts: what the pipeline hands to later passes and to the exporters
//===----------------------------------------------------------------------===//

// `true` / `false` in attribute syntax; absent means false.
def MCUQ_BoolParameter : AttrOrTypeParameter<"bool", "flag"> {
  let parser = "::mlir::mcuq::parseBoolParameter($_parser)";
  let printer = "$_printer << ($_self ? \"true\" : \"false\")";
  let defaultValue = "false";
}

// Non-negative integers, absent means 0.
def MCUQ_UnsignedParameter : DefaultValuedParameter<"unsigned", "0">;

// `[1, 49, 10, 1]`.
def MCUQ_ShapeParameter : ArrayRefParameter<"int64_t", "static shape"> {
  let parser = "::mlir::mcuq::parseShapeParameter($_parser)";
  let printer = "::mlir::mcuq::printShapeParameter($_printer, $_self)";
}

def MCUQ_FloatABISoft : I32EnumAttrCase<"Soft", 0, "soft">;
def MCUQ_FloatABIHard : I32EnumAttrCase<"Hard", 1, "hard">;

def MCUQ_FloatABI : I32EnumAttr<"FloatABI",
    "how float arguments are passed", [MCUQ_FloatABISoft, MCUQ_FloatABIHard]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::mcuq";
}

def MCUQ_KernelStrategyGeneric : I32EnumAttrCase<"Generic", 0, "generic">;
def MCUQ_KernelStrategyArmDsp : I32EnumAttrCase<"ArmDsp", 1, "arm_dsp">;
def MCUQ_KernelStrategyArmMve : I32EnumAttrCase<"ArmMve", 2, "arm_mve">;
def MCUQ_KernelStrategyRiscV : I32EnumAttrCase<"RiscV", 3, "riscv">;

def MCUQ_KernelStrategy : I32EnumAttr<"KernelStrategy",
    "instruction-set strategy of the generated kernels", [
      MCUQ_KernelStrategyGeneric, MCUQ_KernelStrategyArmDsp,
      MCUQ_KernelStrategyArmMve, MCUQ_KernelStrategyRiscV]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::mcuq";
}

def MCUQ_TargetAttr : MCUQ_Attr<"Target", "target"> {
  let summary = "The machine a module is compiled for.";
  let description = [{
    Attached to the module as `mcuq.target` by `mcuq-attach-target` (the
    first step of `mcuq-to-llvm-pipeline`), read by every later pass and by
    the object and header exporters, so that a module always carries what
    it was lowered for. The values come from mcuq's one table of targets
    (`mcuq-compile --list-targets`).

    - `name`: the target's name in that table;
    - `triple`, `cpu`, `features`, `abi`: LLVM's target triple (empty for the
      machine running mcuq), CPU, feature string and ABI name;
    - `float_abi`: whether float arguments travel in FPU registers;
    - `index_bits`: the width of `index` in the generated code (also the
      module's DLTI data layout);
    - `registers`: general-purpose registers that kernels may keep values in;
    - `dsp`, `mve`, `fpu`, `popcount`: instruction-set features (Arm DSP
      extension, Arm MVE, a floating-point unit, a population count
      instruction); `vector_bits`: width of the SIMD registers kernels may fill;
    - `strategy`: how kernels are generated for it, a policy choice of the
      table rather than a hardware fact (the M55 has the DSP extension but
      its kernels use MVE).

    ```mlir
    module attributes {mcuq.target = #mcuq.target<name = "cortex-m4",
        triple = "thumbv7em-none-eabihf", cpu = "cortex-m4", float_abi = hard,
        index_bits = 32, registers = 13, dsp = true, fpu = true,
        strategy = arm_dsp>} {}
    ```
  }];
  let parameters = (ins
    StringRefParameter<"target name">:$name,
    StringRefParameter<"LLVM triple (empty: the host's)", "\"\"">:$triple,
    StringRefParameter<"LLVM CPU", "\"\"">:$cpu,
    StringRefParameter<"LLVM feature string", "\"\"">:$features,
    StringRefParameter<"ABI name", "\"\"">:$abi,
    EnumParameter<MCUQ_FloatABI>:$float_abi,
    "unsigned":$index_bits,
    "unsigned":$registers,
    MCUQ_BoolParameter:$dsp,
    MCUQ_BoolParameter:$mve,
    MCUQ_BoolParameter:$fpu,
    MCUQ_BoolParameter:$popcount,
    MCUQ_UnsignedParameter:$vector_bits,
    EnumParameter<MCUQ_KernelStrategy>:$strategy
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let extraClassDeclaration = [{
    bool isHost() const { return getTriple().empty(); }
    /// i32 lanes of a vector register that kernels may fill (0: none).
    unsigned getVectorLanes() const { return getVectorBits() / 32; }
  }];
}

def MCUQ_PortRoleInput : I32EnumAttrCase<"Input", 0, "input">;
def MCUQ_PortRoleOutput : I32EnumAttrCase<"Output", 1, "output">;
def MCUQ_PortRoleState : I32EnumAttrCase<"State", 2, "state">;

def MCUQ_PortRole : I32EnumAttr<"PortRole",
    "what an entry-point buffer is for", [
      MCUQ_PortRoleInput, MCUQ_PortRoleOutput, MCUQ_PortRoleState]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::mcuq";
}

def MCUQ_PortAttr : MCUQ_Attr<"Port", "port"> {
  let summary = "One buffer of the entry point: an input, output or state.";
  let description = [{
    `name` is the TFLite tensor's name, `shape` and `element` its static
    shape and storage type, `scale` and `zero_point` its quantization when
    it has one, `state_init` the value a state tensor is reset to, and
    `offset` its place in the arena when inputs and outputs live there.
  }];
  let parameters = (ins
    EnumParameter<MCUQ_PortRole>:$role,
    StringRefParameter<"tensor name", "\"\"">:$name,
    MCUQ_ShapeParameter:$shape,
    "Type":$element,
    OptionalParameter<"FloatAttr">:$scale,
    OptionalParameter<"std::optional<int64_t>">:$zero_point,
    OptionalParameter<"std::optional<int64_t>">:$state_init,
    OptionalParameter<"std::optional<int64_t>">:$offset
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let extraClassDeclaration = [{
    /// Bytes of one element (at least 1) and of the whole buffer.
    int64_t getElementBytes() const;
    int64_t getBytes() const;
  }];
}

def MCUQ_InterfaceAttr : MCUQ_Attr<"Interface", "interface"> {
  let summary = "The model's C entry point.";
  let description = [{
    Set on the module as `mcuq.interface` by `mcuq-prepare-entry`: the
    symbol of the entry point and its buffers in argument order (inputs,
    outputs, state; the arena comes last). `mcuq-plan-memory` adds the
    arena offsets of inputs and outputs that live in the arena. The header
    export, the JSON summary and the tools read it with one reader.
  }];
  let parameters = (ins
    StringRefParameter<"entry point symbol">:$entry,
    ArrayRefParameter<"PortAttr", "buffers in argument order">:$ports
  );
  let assemblyFormat = "`<` $entry `,` `[` $ports `]` `>`";
}

def MCUQ_ArenaPlanAttr : MCUQ_Attr<"ArenaPlan", "arena_plan"> {
  let summary = "The static memory plan: one arena of known size.";
  let description = [{
    Set on the module as `mcuq.arena_plan` by `mcuq-plan-memory`: the
    arena's `size` and `alignment` in bytes, the `lower_bound` no placement
    can beat (the most bytes alive at once) and the same bound without
    in-place reuse, the placement `strategy` and whether it is `optimal`,
    how many ops write `in_place` over a dying input and the bytes it saves,
    the `peak_layer` where the bound is reached, whether inputs and outputs
    live in the arena (`io_in_arena`) and the linker `section` the caller
    should declare the arena in (empty: any).
  }];
  let parameters = (ins
    "int64_t":$size,
    "int64_t":$alignment,
    "int64_t":$lower_bound,
    DefaultValuedParameter<"int64_t", "0">:$lower_bound_without_in_place,
    StringRefParameter<"placement strategy", "\"\"">:$strategy,
    MCUQ_BoolParameter:$optimal,
    DefaultValuedParameter<"int64_t", "0">:$in_place,
    DefaultValuedParameter<"int64_t", "0">:$in_place_bytes,
    StringRefParameter<"layer at the peak", "\"\"">:$peak_layer,
    MCUQ_BoolParameter:$io_in_arena,
    StringRefParameter<"linker section", "\"\"">:$section
  );
  let assemblyFormat = "`<` struct(params) `>`";
}

#endif // MCUQ_DIALECT_MCUQ_IR_MCUQATTRS_TD
