// RUN: mcuq-opt %s -split-input-file | mcuq-opt -split-input-file | FileCheck %s
// RUN: mcuq-opt %s -split-input-file --mlir-print-op-generic | mcuq-opt -split-input-file | FileCheck %s

// The contract attributes round-trip; parameters at their default (false,
// 0, "") are left out.
// CHECK: module attributes {
// CHECK-SAME: mcuq.arena_plan = #mcuq.arena_plan<size = 320, alignment = 16, lower_bound = 256, strategy = "exact", optimal = true, peak_layer = "conv", io_in_arena = true, section = ".dtcm">
// CHECK-SAME: mcuq.interface = #mcuq.interface<"mcuq_m_invoke", [<role = input, name = "x \22q\22", shape = [1, 4], element = i8, scale = 5.000000e-01 : f64, zero_point = -1, offset = 64>, <role = output, shape = [], element = f32>, <role = state, name = "s", shape = [2], element = i16, state_init = 0>]>
// CHECK-SAME: mcuq.source = "m.tflite"
// CHECK-SAME: mcuq.target = #mcuq.target<name = "rv32imac", triple = "riscv32-unknown-elf", cpu = "generic-rv32", features = "+m,+a,+c", abi = "ilp32", float_abi = soft, index_bits = 32, registers = 31, strategy = riscv>
module attributes {
    mcuq.target = #mcuq.target<name = "rv32imac", triple = "riscv32-unknown-elf",
        cpu = "generic-rv32", features = "+m,+a,+c", abi = "ilp32", float_abi = soft,
        index_bits = 32, registers = 31, dsp = false, strategy = riscv>,
    mcuq.interface = #mcuq.interface<"mcuq_m_invoke", [
        #mcuq.port<role = input, name = "x \"q\"", shape = [1, 4], element = i8,
                   scale = 0.5 : f64, zero_point = -1, offset = 64>,
        #mcuq.port<role = output, shape = [], element = f32>,
        #mcuq.port<role = state, name = "s", shape = [2], element = i16, state_init = 0>]>,
    mcuq.arena_plan = #mcuq.arena_plan<size = 320, alignment = 16, lower_bound = 256,
        strategy = "exact", optimal = true, peak_layer = "conv", io_in_arena = true,
        section = ".dtcm">,
    mcuq.source = "m.tflite"} {
}
