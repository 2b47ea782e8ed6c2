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

#endif // MCUQ_DIALECT_MCUQ_IR_MCUQATTRS_TD
