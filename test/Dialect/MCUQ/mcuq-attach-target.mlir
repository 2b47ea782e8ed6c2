// RUN: mcuq-opt %s -split-input-file -mcuq-attach-target=target=cortex-m4 | FileCheck %s --check-prefix=M4
// RUN: mcuq-opt %s -split-input-file -mcuq-attach-target | FileCheck %s --check-prefix=DEFAULT
// RUN: not mcuq-opt %s -split-input-file -mcuq-attach-target="target=cortex-m55 strategy=generic" \
// RUN:   -mlir-print-op-on-diagnostic=false > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=GENERIC < %t.out
// RUN: FileCheck %s --check-prefix=MISMATCH < %t.err
// RUN: not mcuq-opt %s -split-input-file -mcuq-attach-target=target=cortex-m99 -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not mcuq-opt %s -split-input-file -mcuq-attach-target="target=cortex-m4 strategy=fast" -o /dev/null 2>&1 | FileCheck %s --check-prefix=STRATEGY

// The row of the target table and the index width as DLTI data layout.
// M4: module attributes {dlti.dl_spec = #dlti.dl_spec<index = 32 : i32>, mcuq.target = #mcuq.target<name = "cortex-m4", triple = "thumbv7em-none-eabihf", cpu = "cortex-m4", float_abi = hard, index_bits = 32, registers = 13, dsp = true, fpu = true, strategy = arm_dsp>}
// DEFAULT: module attributes {dlti.dl_spec = #dlti.dl_spec<index = 64 : i32>, mcuq.target = #mcuq.target<name = "host", float_abi = hard, index_bits = 64, registers = 16, fpu = true, strategy = generic>}
// GENERIC: mcuq.target = #mcuq.target<name = "cortex-m55", {{.*}}mve = true, fpu = true, vector_bits = 128, strategy = generic>
// UNKNOWN: error: unknown target 'cortex-m99'; known targets: host, cortex-m0plus, cortex-m4, cortex-m4-soft, cortex-m7, cortex-m7-soft, cortex-m33, cortex-m55, rv32imc, rv32imac
// STRATEGY: error: unknown kernel strategy 'fast'; known: generic, arm_dsp, arm_mve, riscv
module {
}

// -----

// A module keeps the target it records (and its other data layout
// entries); another target is an error.
// M4: module attributes {dlti.dl_spec = #dlti.dl_spec<index = 32 : i32, i8 = dense<8> : vector<2xi64>>, mcuq.target = #mcuq.target<name = "cortex-m4"
// DEFAULT: mcuq.target = #mcuq.target<name = "cortex-m4"
// MISMATCH: :[[@LINE+1]]:1: error: the module is already compiled for 'cortex-m4', not for 'cortex-m55'
module attributes {dlti.dl_spec = #dlti.dl_spec<i8 = dense<8> : vector<2xi64>>,
    mcuq.target = #mcuq.target<name = "cortex-m4", triple = "thumbv7em-none-eabihf",
        cpu = "cortex-m4", float_abi = hard, index_bits = 32, registers = 13,
        dsp = true, fpu = true, strategy = arm_dsp>} {
}
