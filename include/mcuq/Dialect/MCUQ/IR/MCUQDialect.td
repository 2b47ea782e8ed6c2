//===- MCUQDialect.td - mcuq dialect definition ------------*- tablegen -*-===//
//
// The mcuq dialect: quantized neural-network operators for microcontrollers.
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_DIALECT_MCUQ_IR_MCUQDIALECT_TD
#define MCUQ_DIALECT_MCUQ_IR_MCUQDIALECT_TD

include "mlir/IR/DialectBase.td"

def MCUQ_Dialect : Dialect {
  let name = "mcuq";
  let cppNamespace = "::mlir::mcuq";
  let summary = "Quantized neural-network operators for microcontrollers.";
  let description = [{
    The `mcuq` dialect models quantized neural networks as TFLite defines
    them: NHWC tensors whose element types are MLIR's own `!quant.uniform`
    types (per-tensor and per-axis; storage i4, i8, i16 and i32), plus mcuq
    types for what `quant` lacks, namely packed sub-byte and 1-bit storage.

    Operators come in two forms. The *TFLite form* mirrors a TFLite builtin:
    the output rescaling is implied by the quantization parameters of the
    operand and result types, exactly as TFLite's kernels derive it. The
    *explicit form* splits that rescaling out into `mcuq.requantize`, whose
    integer multiplier, shift and rounding are spelled out as attributes:
    an int32-accumulating operator (result storage i32, scale = input scale x
    filter scale) followed by a requantize. `mcuq-propagate-quantization`
    rewrites the former into the latter so that later passes see every
    rounding step.

    Stateful operators (`mcuq.svdf`, `mcuq.lstm`) take their state as an
    operand and return the updated state as a result; the model's entry
    function threads persistent state through arguments and results marked
    `mcuq.state`, so memory planning can place it like any other buffer.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::quant::QuantDialect"];
  // Every `mcuq.*` attribute that passes attach to modules, functions and
  // their arguments; code names them through the generated helpers
  // (`MCUQDialect::TargetAttrHelper::getNameStr()`), never as strings.
  let discardableAttrs = (ins
    // Module: the compilation's facts.
    "TargetAttr":$target,
    "InterfaceAttr":$interface,
    "ArenaPlanAttr":$arena_plan,
    "::mlir::StringAttr":$source,
    "::mlir::StringAttr":$description,
    // Arguments and results of the model function and its entry point.
    "::mlir::StringAttr":$name,
    "::mlir::IntegerAttr":$tensor,
    "::mlir::StringAttr":$state,
    "::mlir::IntegerAttr":$state_init,
    "::mlir::FloatAttr":$scale,
    "::mlir::IntegerAttr":$zero_point,
    "::mlir::UnitAttr":$input,
    "::mlir::UnitAttr":$output,
    "::mlir::UnitAttr":$arena
  );
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
  private:
    void registerTypes();
  public:
  }];
}

#endif // MCUQ_DIALECT_MCUQ_IR_MCUQDIALECT_TD
