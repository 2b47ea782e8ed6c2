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

#endif // MCUQ_DIALECT_MCUQ_TRANSFORMS_PASSES_TD
