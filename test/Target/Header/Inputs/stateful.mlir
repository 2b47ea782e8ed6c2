// A planned stateful model in the LLVM dialect, as mcuq-to-llvm-pipeline
// leaves it for the export, written by hand so that the stateful header and
// ABI are tested without ../shared (stateful-svdf.test uses a real SVDF
// model) and with behaviour a test can predict. An int16 input, an int8
// output, an int8 state that TFLite resets to its zero point and an int16
// state reset to 0. Per call:
//   output = {state0[0], (int8)state1[0], (int8)input[0]}
//   state0[0] += 1; state1[0] += input[0]
module attributes {
    mcuq.target = #mcuq.target<name = "host", float_abi = hard, index_bits = 64,
                               registers = 16, fpu = true, strategy = generic>,
    mcuq.arena_plan = #mcuq.arena_plan<size = 32, alignment = 16, lower_bound = 32>,
    mcuq.source = "stateful.tflite",
    mcuq.interface = #mcuq.interface<"mcuq_stateful_invoke", [
      #mcuq.port<role = input, name = "audio", shape = [1, 4], element = i16,
                 scale = 2.44140625E-4 : f64, zero_point = 0>,
      #mcuq.port<role = output, name = "probs", shape = [1, 3], element = i8,
                 scale = 3.906250e-03 : f64, zero_point = -128>,
      #mcuq.port<role = state, name = "svdf/state", shape = [1, 8], element = i8,
                 scale = 0.80731141567230224 : f64, zero_point = -50, state_init = -50>,
      #mcuq.port<role = state, name = "lstm/cell", shape = [1, 2], element = i16,
                 scale = 2.44140625E-4 : f64, zero_point = 0, state_init = 0>]>} {
  llvm.func @mcuq_stateful_invoke(%in: !llvm.ptr, %out: !llvm.ptr, %s0: !llvm.ptr,
                                  %s1: !llvm.ptr, %arena: !llvm.ptr) {
    %one_i8 = llvm.mlir.constant(1 : i8) : i8
    %one = llvm.mlir.constant(1 : i32) : i32
    %two = llvm.mlir.constant(2 : i32) : i32
    %a = llvm.load %s0 : !llvm.ptr -> i8
    llvm.store %a, %out : i8, !llvm.ptr
    %c = llvm.load %s1 : !llvm.ptr -> i16
    %ct = llvm.trunc %c : i16 to i8
    %o1 = llvm.getelementptr %out[%one] : (!llvm.ptr, i32) -> !llvm.ptr, i8
    llvm.store %ct, %o1 : i8, !llvm.ptr
    %x = llvm.load %in : !llvm.ptr -> i16
    %xt = llvm.trunc %x : i16 to i8
    %o2 = llvm.getelementptr %out[%two] : (!llvm.ptr, i32) -> !llvm.ptr, i8
    llvm.store %xt, %o2 : i8, !llvm.ptr
    %a1 = llvm.add %a, %one_i8 : i8
    llvm.store %a1, %s0 : i8, !llvm.ptr
    %c1 = llvm.add %c, %x : i16
    llvm.store %c1, %s1 : i16, !llvm.ptr
    llvm.return
  }
}
