// RUN: mcuq-opt %s --mcuq-plan-memory="io-in-arena print-plan" \
// RUN:   -mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s

// Inputs and outputs in the arena: the input is live from the call to its
// last read, the output from its first write to the return; the requantize
// writes its output over the dying accumulator, and the final copy writes the
// model's output over that. The state stays a caller buffer (it persists
// across calls); the entry point keeps only it and the arena.

#id = affine_map<(d0) -> (d0)>
// CHECK: remark: argument 0: 64 bytes, live 0..4, offset 256
// CHECK: remark: argument 1: 64 bytes, live 9..11, offset 0, in place over the 64-byte buffer that dies at this linalg.copy
// CHECK: remark: 256 bytes, live 2..8, offset 0
// CHECK: remark: 64 bytes, live 6..10, offset 0, in place over the 256-byte buffer that dies at this linalg.generic
// CHECK: remark: arena 320 bytes, lower bound 320 (320 without in-place reuse)
// CHECK: module attributes {
// CHECK-SAME: mcuq.arena_plan = #mcuq.arena_plan<size = 320, {{.*}}io_in_arena = true>
// CHECK-SAME: mcuq.interface = #mcuq.interface<"mcuq_model_invoke", [
// CHECK-SAME: <role = input, name = "x", shape = [64], element = i8, offset = 256>,
// CHECK-SAME: <role = output, name = "y", shape = [64], element = i8, offset = 0>,
// CHECK-SAME: <role = state, name = "s", shape = [4], element = i8>]>
// CHECK: func.func @mcuq_model_invoke(%[[S:.*]]: memref<4xi8> {mcuq.state = "s"}, %[[A:.*]]: memref<320xi8> {mcuq.arena})
// CHECK: memref.view %[[A]][%{{.*}}][] : memref<320xi8> to memref<64xi8>

module attributes {mcuq.interface = #mcuq.interface<"mcuq_model_invoke", [
    #mcuq.port<role = input, name = "x", shape = [64], element = i8>,
    #mcuq.port<role = output, name = "y", shape = [64], element = i8>,
    #mcuq.port<role = state, name = "s", shape = [4], element = i8>]>} {
  func.func @mcuq_model_invoke(%x: memref<64xi8> {mcuq.input, mcuq.name = "x"},
                               %y: memref<64xi8> {mcuq.output, mcuq.name = "y"},
                               %s: memref<4xi8> {mcuq.state = "s"}) {
    %acc = memref.alloc() : memref<64xi32>
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%x : memref<64xi8>) outs(%acc : memref<64xi32>) {
    ^bb0(%v: i8, %o: i32):
      %w = arith.extsi %v : i8 to i32
      linalg.yield %w : i32
    }
    %q = memref.alloc() : memref<64xi8>
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%acc : memref<64xi32>) outs(%q : memref<64xi8>) {
    ^bb0(%a: i32, %o: i8):
      %t = arith.trunci %a : i32 to i8
      linalg.yield %t : i8
    }
    linalg.copy ins(%q : memref<64xi8>) outs(%y : memref<64xi8>)
    return
  }
}
