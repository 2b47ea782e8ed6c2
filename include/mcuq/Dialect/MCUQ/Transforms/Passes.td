//===- Passes.td - mcuq dialect passes ---------------------*- tablegen -*-===//

#ifndef MCUQ_DIALECT_MCUQ_TRANSFORMS_PASSES_TD
#define MCUQ_DIALECT_MCUQ_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def MCUQPropagateQuantizationPass
    : Pass<"mcuq-propagate-quantization", "func::FuncOp"> {
  let summary = "Make every rescale explicit as mcuq.requantize";
  let description = [{
    Rewrites operators in TFLite form into explicit form: convolutions,
    fully connected layers, ADD, MUL, standalone ReLUs and integer QUANTIZE
    become an exact integer computation followed by `mcuq.requantize` whose
    multiplier and shift are derived exactly as TFLite derives them
    (docs/spec.md section 1), with fused activations turned into the
    requantize's clamp. Then it folds identity requantizes, merges clamp-only
    requantizes into their producer (also across value-preserving reshapes,
    max pools and pads, through which it moves them), and cancels
    dequantize/quantize pairs.

    Example:
    ```mlir
    %y = mcuq.conv2d %x, %w, %b {fused_activation = #mcuq.activation<relu>, ...}
        : (...) -> tensor<1x8x8x16x!quant.uniform<i8:f32, 0.1:-128>>
    ```
    becomes
    ```mlir
    %acc = mcuq.conv2d %x, %w, %b {...} : (...) -> tensor<1x8x8x16x!quant.uniform<i32:f32:3, {...}>>
    %y = mcuq.requantize %acc {axis = 3 : i64, multiplier = array<i32: ...>,
                               shift = array<i32: ...>, min = -128 : i32}
        : (...) -> tensor<1x8x8x16x!quant.uniform<i8:f32, 0.1:-128>>
    ```
  }];
  let dependentDialects = ["::mlir::mcuq::MCUQDialect",
                           "::mlir::quant::QuantDialect"];
}

def MCUQAttachTargetPass : Pass<"mcuq-attach-target", "ModuleOp"> {
  let summary = "Record on the module the target it is compiled for";
  let description = [{
    Attaches `mcuq.target = #mcuq.target<...>`, the row of mcuq's target table
    named by `target`, and the matching DLTI data layout (the width of
    `index`) to the module. Every later pass and the exporters read the
    target from there. Without `target` a module keeps the target it has, and
    one without any gets the default (`host`). Naming another target than the
    one a module already records is an error: lower the imported model
    again instead. `strategy` replaces the table's kernel strategy, for
    experiments and tests (`generic` on the M55 keeps vector accumulators but
    no MVE intrinsics).

    ```mlir
    module attributes {mcuq.target = #mcuq.target<name = "rv32imac", ...>,
                       dlti.dl_spec = #dlti.dl_spec<index = 32 : i32>} {...}
    ```
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"\"",
           "Target name (host, cortex-m4, rv32imac, ...; see "
           "mcuq-compile --list-targets)">,
    Option<"strategy", "strategy", "std::string", /*default=*/"\"\"",
           "Kernel strategy instead of the table's (generic, arm_dsp, "
           "arm_mve, riscv), e.g. to compare them">,
  ];
  let dependentDialects = ["::mlir::DLTIDialect", "::mlir::mcuq::MCUQDialect"];
}

#endif // MCUQ_DIALECT_MCUQ_TRANSFORMS_PASSES_TD
