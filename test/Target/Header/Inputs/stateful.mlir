// A planned stateful model in the LLVM dialect, as mcuq-to-llvm-pipeline
// leaves it for the export, written by hand so that the stateful header and
// ABI are tested without ../shared (stateful-svdf.test uses a real SVDF
// model) and with behaviour a test can predict. An int16 input, an int8
// output, an int8 state that TFLite resets to its zero point and an int16
// state reset to 0. Per call:
//   output = {state0[0], (int8)state1[0], (int8)input[0]}
//   state0[0] += 1; state1[0] += input[0]
module attributes {
    mcuq.arena_alignment = 16 : i64, mcuq.arena_size = 32 : i64,
    mcuq.entry = "mcuq_stateful_invoke", mcuq.source = "stateful.tflite",
    mcuq.interface = [
      {element = i16, name = "audio", role = "input", scale = 2.44140625E-4 : f64,
       shape = array<i64: 1, 4>, zero_point = 0 : i64},
      {element = i8, name = "probs", role = "output", scale = 3.906250e-03 : f64,
       shape = array<i64: 1, 3>, zero_point = -128 : i64},
      {element = i8, name = "svdf/state", role = "state", scale = 0.80731141567230224 : f64,
       shape = array<i64: 1, 8>, state_init = -50 : i32, zero_point = -50 : i64},
      {element = i16, name = "lstm/cell", role = "state", scale = 2.44140625E-4 : f64,
       shape = array<i64: 1, 2>, state_init = 0 : i32, zero_point = 0 : i64}]} {
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
