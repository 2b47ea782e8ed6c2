// RUN: mcuq-opt %s -mcuq-prepare-entry="entry-name=mcuq_net_invoke" -split-input-file -verify-diagnostics | FileCheck %s

// Inputs, outputs and state become buffers of a public C entry point; the
// interface is recorded for the header.
// CHECK: module attributes {mcuq.interface = #mcuq.interface<"mcuq_net_invoke", [
// CHECK-SAME: <role = input, name = "in", shape = [1, 4], element = i8, scale = 5.000000e-01 : f64, zero_point = -1>,
// CHECK-SAME: <role = output, name = "out", shape = [1, 4], element = i8>,
// CHECK-SAME: <role = state, name = "mem", shape = [1, 4], element = i16, state_init = 0>]>}
// CHECK-LABEL: func.func @mcuq_net_invoke
// CHECK-SAME: (%[[IN:.*]]: memref<1x4xi8> {llvm.noalias, mcuq.input, mcuq.name = "in", {{.*}}}, %[[OUT:.*]]: memref<1x4xi8> {llvm.noalias, mcuq.name = "out", mcuq.output}, %[[S:.*]]: memref<1x4xi16> {llvm.noalias, mcuq.state = "mem", mcuq.state_init = 0 : i32})
// CHECK: %[[X:.*]] = bufferization.to_tensor %[[IN]] restrict : memref<1x4xi8>
// CHECK: %[[ST:.*]] = bufferization.to_tensor %[[S]] restrict writable : memref<1x4xi16>
// CHECK: bufferization.materialize_in_destination %{{.*}} in restrict writable %[[OUT]]
// CHECK: bufferization.materialize_in_destination %{{.*}} in restrict writable %[[S]]
// CHECK-NOT: func.func @main
func.func @main(%x: tensor<1x4xi8> {mcuq.name = "in", mcuq.scale = 0.5 : f64, mcuq.zero_point = -1 : i64},
                %s: tensor<1x4xi16> {mcuq.state = "mem", mcuq.state_init = 0 : i32})
    -> (tensor<1x4xi8> {mcuq.name = "out"}, tensor<1x4xi16> {mcuq.state = "mem"}) {
  %0 = arith.addi %x, %x : tensor<1x4xi8>
  %1 = arith.addi %s, %s : tensor<1x4xi16>
  return %0, %1 : tensor<1x4xi8>, tensor<1x4xi16>
}

// -----
// expected-error @+1 {{no model function @main to expose}}
module {
  func.func @other() {
    return
  }
}

// -----
func.func @main(%x: tensor<1x4xi8>, %s: tensor<1x4xi16> {mcuq.state = "mem"}) -> tensor<1x4xi8> {
  return %x : tensor<1x4xi8>
}
// expected-error @-3 {{every state argument needs a matching state result}}

// The entry name is declared in the C header.
// RUN: not mcuq-opt %s -split-input-file -mcuq-prepare-entry="entry-name=9lives" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NAME
// RUN: not mcuq-opt %s -split-input-file -mcuq-prepare-entry="entry-name=my-model" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NAME2
// NAME: error: entry name '9lives' is not a C identifier
// NAME2: error: entry name 'my-model' is not a C identifier

// -----
// expected-error @+1 {{input 'w' of 'i4' elements has no C type (int8_t, int16_t, int32_t, int64_t or float buffers)}}
func.func @main(%x: tensor<1x4xi4> {mcuq.name = "w"}) -> tensor<1x4xi8> {
  %0 = arith.extsi %x : tensor<1x4xi4> to tensor<1x4xi8>
  return %0 : tensor<1x4xi8>
}
