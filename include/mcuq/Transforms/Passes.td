//===- Passes.td - mcuq passes on linalg, tensors and memrefs -*- tablegen -*-===//
//
// The passes after the lowering out of mcuq ops: kernel generation, the C
// entry point, scheduling, memory planning and loops. They read the module's
// #mcuq.target and write the contract attributes, but work on upstream ops.
//
//===----------------------------------------------------------------------===//

#ifndef MCUQ_TRANSFORMS_PASSES_TD
#define MCUQ_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def MCUQPrepareEntryPass : Pass<"mcuq-prepare-entry", "ModuleOp"> {
  let summary = "Give the model function a C calling convention on buffers";
  let description = [{
    Rewrites the imported model function (`@main`, after lowering to storage
    types) into the public entry point `entry-name`: its inputs become
    read-only buffer arguments, its results become output buffer arguments
    written in place, and persistent state (arguments and results marked
    `mcuq.state`) becomes one in/out buffer argument per state tensor. The
    body reads arguments through `bufferization.to_tensor ... restrict` and
    writes results with `bufferization.materialize_in_destination`, so that
    one-shot bufferization computes outputs directly into the caller's
    buffers without copies. Argument attributes keep the tensor names
    (`mcuq.name`) and roles (`mcuq.input`, `mcuq.output`, `mcuq.state`).
  }];
  let options = [
    Option<"entryName", "entry-name", "std::string",
           /*default=*/"\"mcuq_model_invoke\"",
           "Symbol name of the generated entry point">,
  ];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::mcuq::MCUQDialect"];
}

def MCUQPlanMemoryPass : Pass<"mcuq-plan-memory", "ModuleOp"> {
  let summary = "Place every intermediate buffer at a fixed offset of one arena";
  let description = [{
    Runs after bufferization. Every `memref.alloc`/`memref.alloca` of the
    entry point (`mcuq.entry`, else the public function) becomes a
    `memref.view` into a caller-provided arena, a trailing `memref<Nxi8>`
    argument marked `mcuq.arena`; no memory is allocated at run time.

    - Lifetimes: a buffer lives from the first to the last op that touches
      it or any view of it (subview, reshape, cast, view), in op order. A use
      inside a region (a loop) that does not also hold the allocation keeps
      the buffer alive for the whole region-holding op; a buffer allocated
      inside a loop body is planned within that body and must not outlive
      its iteration. Dynamic sizes take their constant upper bound.
    - In-place reuse: an element-wise `linalg` op (all loops parallel,
      identity maps) writes its output over an input that dies there when
      output elements are no wider than input elements (requantizing i32 to
      i8, a residual add); the two buffers share one base offset. Any other
      op that reads a buffer for the last time and writes a new one (a
      convolution kernel's loop nest) may overlap them at a displacement
      where, by integer programming over its affine loads and stores, no
      store reaches an input byte that a later load reads (TinyEngine's
      in-place depthwise convolution, generalized). Chains of such links are
      kept where they shrink the arena.
    - Placement: first fit in several orders (by size as TFLM does, by the
      busiest step a buffer is alive at, by conflicting bytes, by lifetime)
      and a branch-and-bound search for up to `exact-limit` buffers; the
      smallest arena wins.
    - Never-accessed buffers (a pooling window operand) take no room.

    The module gets `mcuq.arena_size`, `mcuq.arena_alignment`,
    `mcuq.arena_lower_bound` (the most bytes alive at one time: no
    placement of these buffers can be smaller) and `mcuq.arena_plan`
    (strategy, optimality, in-place reuse, the peak layer). With
    `io-in-arena`, model inputs and outputs are arena buffers too: their
    entry arguments disappear and their `mcuq.interface` entries get an
    `offset`.

    Example: an i32 accumulator requantized to i8 in place.
    ```mlir
    %acc = memref.alloc() : memref<64xi32>
    linalg.fill ins(%c0 : i32) outs(%acc : memref<64xi32>)
    %q = memref.alloc() : memref<64xi8>
    linalg.generic {...} ins(%acc : memref<64xi32>) outs(%q : memref<64xi8>)
    ```
    becomes views at the same offset of a 256-byte arena:
    ```mlir
    %acc = memref.view %arena[%c0][] : memref<256xi8> to memref<64xi32>
    %q = memref.view %arena[%c0][] : memref<256xi8> to memref<64xi8>
    ```
  }];
  let options = [
    Option<"alignment", "alignment", "unsigned", /*default=*/"0",
           "Minimum alignment of every buffer in bytes; 0 gives each buffer "
           "its element's natural alignment (the smallest safe arena)">,
    Option<"arenaBudget", "arena-budget", "int64_t", /*default=*/"-1",
           "Fail when the arena would exceed this many bytes (-1: no limit)">,
    Option<"ioInArena", "io-in-arena", "bool", /*default=*/"false",
           "Place model inputs and outputs in the arena too">,
    Option<"inPlace", "in-place", "bool", /*default=*/"true",
           "Let element-wise ops write over an input that dies there">,
    Option<"overlap", "overlap", "bool", /*default=*/"true",
           "With in-place, also overlap loop kernels' outputs with their "
           "dying inputs where the access analysis proves it safe">,
    Option<"strategy", "strategy", "std::string", /*default=*/"\"best\"",
           "Placement: size, breadth, conflicts, lifetime, exact or best">,
    Option<"exactLimit", "exact-limit", "unsigned", /*default=*/"64",
           "Most buffers for which the best strategy also searches exactly">,
    Option<"arenaSection", "arena-section", "std::string", /*default=*/"\"\"",
           "Linker section the caller declares the arena in (recorded in "
           "the plan for the header)">,
    Option<"printPlan", "print-plan", "bool", /*default=*/"false",
           "Emit a remark per buffer with its lifetime and offset">,
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::mcuq::MCUQDialect"];
}

def MCUQExpandCopiesPass : Pass<"mcuq-expand-copies", "func::FuncOp"> {
  let summary = "Turn memref.copy into linalg.copy";
  let description = [{
    Bufferization copies buffers with `memref.copy`, which the LLVM lowering
    turns into a call to a runtime library function for strided copies. On a
    microcontroller there is no such library: as `linalg.copy` the copy
    becomes loops (contiguous ones are then recognized as `memcpy`, which
    the mcuq runtime provides).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def MCUQLowerToLoopsPass : Pass<"mcuq-lower-to-loops", "func::FuncOp"> {
  let summary = "Lower linalg ops on buffers to loops, accumulating in registers";
  let description = [{
    Like `convert-linalg-to-loops`, but for operations with reduction
    iterators the reduction loops become innermost and carry the output
    values as `scf.for` iteration arguments: each output element is loaded
    once before its reduction and stored once after it. All buffers of a
    model are views of one arena, so without this LLVM cannot prove that
    the accumulator does not alias the operands and reloads and stores it
    at every multiply-accumulate.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def MCUQGenerateKernelsPass : Pass<"mcuq-generate-kernels", "func::FuncOp"> {
  let summary = "Fuse convolutions and matmuls with their epilogue into loop kernels";
  let description = [{
    Runs on linalg over tensors, after convert-mcuq-to-linalg and element-wise
    fusion. Each `linalg.conv_2d_nhwc_fhwc`, `linalg.depthwise_conv_2d_nhwc_*`
    and fully connected contraction whose constant weights are known becomes
    one loop nest over output elements that

    - accumulates in registers (`scf.for` iteration arguments), several
      output channels at a time so that each input load serves all of them;
    - applies the element-wise consumer (the requantize, and whatever
      element-wise fusion merged into it) to each accumulator directly, so
      the int32 accumulator tensor never exists in memory;
    - reads the unpadded input and clips windows at the borders instead of
      materializing a padded copy: interior outputs start from the bias with
      the share of the input zero point (the operand of the `_q` named ops)
      folded in, border outputs subtract the zero point from the taps they do
      read;
    - with the `arm_dsp` strategy of the module's `#mcuq.target`, multiplies
      four int8 pairs per two instructions with SXTB16/SXTAB16 and SMLAD;
    - on targets with vector registers (`vector_bits`, 128 on the M55), in
      portable vector ops whatever the strategy, accumulates depthwise
      convolutions as vectors of i32 over adjacent channels (per tap one widening load of
      input and weights and one multiply-add per vector), and convolutions
      over at most four input channels (and depthwise ones over a single
      channel) with output channels across the lanes: per tap one input
      value times a vector of weights;
    - with the `arm_mve` strategy, applies the epilogue to four adjacent
      output channels at once: per-channel tables read as vectors, the doubling high multiply
      as VQRDMULH, the rest lane-wise (falling back to one channel at a time
      for epilogues with other 64-bit arithmetic or index computations).

    A module without a target gets the `generic` strategy (plain scalar code).
    The result is exactly the linalg semantics: every kernel computes the same
    integers as the ops it replaces.
  }];
  let options = [
    Option<"channelBlock", "channel-block", "unsigned", /*default=*/"4",
           "Output channels computed together (1, 2 or 4)">,
    Option<"pairChannels", "pair-channels", "unsigned", /*default=*/"0",
           "Output channels per pass of the kernel for two adjacent interior "
           "pixels (2 or 4; 0: the target's choice, 4 where the accumulators "
           "fit the registers or one vector)">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::arith::ArithDialect"];
}

def MCUQFuseElementwisePass : Pass<"mcuq-fuse-elementwise", "func::FuncOp"> {
  let summary = "Fuse chains of element-wise linalg ops";
  let description = [{
    Merges an element-wise `linalg.generic` into its element-wise consumer
    (e.g. the requantizes and the integer add of a quantized ADD), so that
    chains of element-wise steps run as one loop without intermediate
    tensors. Unlike upstream `linalg-fuse-elementwise-ops` it never fuses a
    producer into a consumer with reduction loops: that would recompute the
    producer (a requantize) once per multiply-accumulate of the consumer.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def MCUQSchedulePass : Pass<"mcuq-schedule", "func::FuncOp"> {
  let summary = "Order tensor operations for the smallest peak of live buffers";
  let description = [{
    Runs on tensors, before bufferization. Gives every `tensor.empty` a
    single use (CSE merges identical ones, and bufferization would give all
    their writers one long-lived allocation), then reorders the function's
    top-level operations, within their dependences and keeping ops with side
    effects in their order, so that the most bytes alive at once (the arena's
    lower bound) is smallest. The cost model follows one-shot bufferization:
    a destination-passing chain from an empty tensor is one buffer, reshapes
    and slices alias it, values returned or materialized into the caller's
    buffers and constants take no arena memory, and an element-wise op may
    write over an input that dies there (as `mcuq-plan-memory` does).

    Only graphs with branches leave a choice, such as a residual block whose
    shortcut convolution can run before or after the main path. The search
    is exact (dynamic programming over the sets of ops already run) while
    the number of such sets stays under `max-states`, greedy otherwise; the
    original order is kept when nothing is better.
  }];
  let options = [
    Option<"maxStates", "max-states", "uint64_t", /*default=*/"200000",
           "Most sets of scheduled ops the exact search may visit">,
    Option<"printSchedule", "print-schedule", "bool", /*default=*/"false",
           "Emit a remark with the peak before and after scheduling">,
  ];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

#endif // MCUQ_TRANSFORMS_PASSES_TD
