// RUN: mcuq-opt %s -convert-mcuq-to-linalg -split-input-file | FileCheck %s

!qx = !quant.uniform<i8:f32, 5.000000e-02:-128>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qb = !quant.uniform<i32:f32, 5.000000e-04>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>

// 8x8->16 LSTM over three time steps.
// CHECK-LABEL: func.func @lstm_steps
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x3x2xi8> {{.*}}, %[[H0:[a-z0-9]+]]: tensor<1x2xi8> {{.*}}, %[[C0:[a-z0-9]+]]: tensor<1x2xi16>
// The gate matrices stacked in TFLite's gate order (input, forget, cell,
// output) into one input and one recurrent matrix.
// CHECK-DAG: %[[WIN:.*]] = arith.constant dense<{{\[\[}}1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14], [15, 16]]> : tensor<8x2xi8>
// CHECK-DAG: %[[WREC:.*]] = arith.constant dense<{{\[\[}}-1, 0], [0, -1], [-2, 0], [0, -2], [-3, 0], [0, -3], [-4, 0], [0, -4]]> : tensor<8x2xi8>
// Per gate and cell: bias - zp_in * sum(w) (e.g. 10 + 128 * 3), and
// -zp_h * sum(w_rec) for the recurrent side.
// CHECK-DAG: %[[BIN:.*]] = arith.constant dense<{{\[\[}}394, 916], [1438, 1960], [2482, 3004], [3526, 4048]]> : tensor<4x2xi32>
// CHECK-DAG: %[[BREC:.*]] = arith.constant dense<{{\[\[}}2, 2], [4, 4], [6, 6], [8, 8]]> : tensor<4x2xi32>
// CHECK-DAG: %[[OUT0:.*]] = tensor.empty() : tensor<1x3x2xi8>
// CHECK-DAG: %[[ACC0:.*]] = tensor.empty() : tensor<2x1x8xi32>
// The cell state, hidden state, output sequence and accumulators are
// loop-carried.
// CHECK: %[[LOOP:.*]]:4 = scf.for %[[T:.*]] = %c0 to %c3 step %c1 iter_args(%[[C:.*]] = %[[C0]], %[[H:.*]] = %[[H0]], %[[OUT:.*]] = %[[OUT0]], %[[ACC:.*]] = %[[ACC0]])
// CHECK: %[[XT:.*]] = tensor.extract_slice %[[X]][0, %[[T]], 0] [1, 1, 2] [1, 1, 1] : tensor<1x3x2xi8> to tensor<1x2xi8>
// CHECK: %[[AIN:.*]] = tensor.extract_slice %[[ACC]][0, 0, 0] [1, 1, 8]
// CHECK: %[[ZIN:.*]] = linalg.fill ins(%c0_i32 : i32) outs(%[[AIN]] : tensor<1x8xi32>)
// CHECK: %[[GIN:.*]] = linalg.generic {{.*}} ins(%[[XT]], %[[WIN]] : tensor<1x2xi8>, tensor<8x2xi8>) outs(%[[ZIN]] : tensor<1x8xi32>)
// CHECK: %[[ACC1:.*]] = tensor.insert_slice %[[GIN]] into %[[ACC]][0, 0, 0] [1, 1, 8]
// CHECK: %[[AREC:.*]] = tensor.extract_slice %[[ACC1]][1, 0, 0] [1, 1, 8]
// CHECK: %[[ZREC:.*]] = linalg.fill ins(%c0_i32 : i32) outs(%[[AREC]] : tensor<1x8xi32>)
// CHECK: %[[GREC:.*]] = linalg.generic {{.*}} ins(%[[H]], %[[WREC]] : tensor<1x2xi8>, tensor<8x2xi8>) outs(%[[ZREC]] : tensor<1x8xi32>)
// CHECK: %[[ACC2:.*]] = tensor.insert_slice %[[GREC]] into %[[ACC1]][1, 0, 0] [1, 1, 8]
// CHECK: %[[GATES:.*]] = tensor.expand_shape {{.*}} output_shape [2, 1, 4, 2]
// One element-wise update per cell, the cell state in place.
// CHECK: %[[NEW:.*]]:2 = linalg.generic {{.*}} ins(%[[GATES]], {{.*}}, %[[BIN]], {{.*}}, %[[BREC]], {{.*}}) outs(%[[C]], %{{.*}} : tensor<1x2xi16>, tensor<1x2xi8>)
// Input FC to Q3.12: f32(0.05 * 0.01) / 2^-12 is 0.512 * 2^2.
// CHECK: arith.shli %{{.*}}, %c2_i32
// CHECK: arith.constant 1099511680 : i32
// The recurrent FC: f32(0.008 * 0.01) / 2^-12 = 0.65536 * 2^-1.
// CHECK: arith.constant 1407374976 : i32
// The sigmoid and tanh gates read Q3.12 with TFLite's multiplier 3.
// CHECK: arith.muli %{{.*}}, %c3_i32
// cell_clip 1.0 at scale 2^-11.
// CHECK: arith.maxsi %{{.*}}, %c-2048_i32
// CHECK: arith.minsi %{{.*}}, %c2048_i32
// tanh of the Q4.11 cell: multiplier 3 << 1.
// CHECK: arith.muli %{{.*}}, %c6_i32
// CHECK: arith.addi %{{.*}}, %c2_i32
// CHECK: arith.maxsi %{{.*}}, %c-128_i32
// CHECK: linalg.yield %{{.*}}, %{{.*}} : i16, i8
// The hidden state goes to the state buffer and to the output sequence.
// CHECK: %[[HNEXT:.*]] = linalg.copy ins(%[[NEW]]#1 : tensor<1x2xi8>) outs(%[[H]] : tensor<1x2xi8>)
// CHECK: %[[OUTNEXT:.*]] = tensor.insert_slice %[[NEW]]#1 into %[[OUT]][0, %[[T]], 0] [1, 1, 2] [1, 1, 1]
// CHECK: scf.yield %[[NEW]]#0, %[[HNEXT]], %[[OUTNEXT]], %[[ACC2]]
// CHECK: return %[[LOOP]]#2, %[[LOOP]]#1, %[[LOOP]]#0 : tensor<1x3x2xi8>, tensor<1x2xi8>, tensor<1x2xi16>
func.func @lstm_steps(%x: tensor<1x3x2x!qx>, %h: tensor<1x2x!qh>, %c: tensor<1x2x!qc>) -> (tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>) {
  %wi = mcuq.const dense<[[1, 2], [3, 4]]> : tensor<2x2xi8> -> tensor<2x2x!qw>
  %wf = mcuq.const dense<[[5, 6], [7, 8]]> : tensor<2x2xi8> -> tensor<2x2x!qw>
  %wc = mcuq.const dense<[[9, 10], [11, 12]]> : tensor<2x2xi8> -> tensor<2x2x!qw>
  %wo = mcuq.const dense<[[13, 14], [15, 16]]> : tensor<2x2xi8> -> tensor<2x2x!qw>
  %ri = mcuq.const dense<[[-1, 0], [0, -1]]> : tensor<2x2xi8> -> tensor<2x2x!qw>
  %rf = mcuq.const dense<[[-2, 0], [0, -2]]> : tensor<2x2xi8> -> tensor<2x2x!qw>
  %rc = mcuq.const dense<[[-3, 0], [0, -3]]> : tensor<2x2xi8> -> tensor<2x2x!qw>
  %ro = mcuq.const dense<[[-4, 0], [0, -4]]> : tensor<2x2xi8> -> tensor<2x2x!qw>
  %bi = mcuq.const dense<[10, 20]> : tensor<2xi32> -> tensor<2x!qb>
  %bf = mcuq.const dense<[30, 40]> : tensor<2xi32> -> tensor<2x!qb>
  %bc = mcuq.const dense<[50, 60]> : tensor<2xi32> -> tensor<2x!qb>
  %bo = mcuq.const dense<[70, 80]> : tensor<2xi32> -> tensor<2x!qb>
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c)
      input_weights(in = %wi, %wf, %wc, %wo) recurrent_weights(in = %ri, %rf, %rc, %ro)
      biases(in = %bi, %bf, %bc, %bo) {cell_clip = 1.0 : f32, intermediate_types = []}
      : (tensor<1x3x2x!qx>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>,
         tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>,
         tensor<2x!qb>, tensor<2x!qb>, tensor<2x!qb>, tensor<2x!qb>, tensor<1x2x!qh>, tensor<1x2x!qc>)
      -> (tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>)
  return %y, %h1, %c1 : tensor<1x3x2x!qh>, tensor<1x2x!qh>, tensor<1x2x!qc>
}

// -----

!qx16 = !quant.uniform<i16:f32, 1.000000e-03>
!qw = !quant.uniform<i8:f32, 1.000000e-02>
!qh16 = !quant.uniform<i16:f32, 2.000000e-04>
!qc = !quant.uniform<i16:f32, 2.44140625E-4>

// 16x8 variant (int16 activations, int64 biases), time major, one step:
// straight-line code, int64 accumulators starting from the biases, and the
// 16-bit-multiplier rescale of the 16x8 kernels.
// CHECK-LABEL: func.func @lstm_16x8_single_step
// CHECK-NOT: scf.for
// CHECK: %[[INIT:.*]] = arith.constant dense<{{\[\[}}1000, -1000, 1000, -1000, 1000, -1000, 1000, -1000], [0, 0, 0, 0, 0, 0, 0, 0]]> : tensor<2x8xi64>
// CHECK: linalg.generic {{.*}} ins(%[[INIT]] : tensor<2x8xi64>) outs(%{{.*}} : tensor<2x1x8xi64>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x2xi16>, tensor<8x2xi8>) outs(%{{.*}} : tensor<1x8xi64>)
// CHECK: arith.extsi %{{.*}} : i16 to i64
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x2xi16>, tensor<8x2xi8>) outs(%{{.*}} : tensor<1x8xi64>)
// 1e-3 * 1e-2 / 2^-12 = 0.65536 * 2^-4: 15-bit multiplier 21475, shift 19.
// CHECK: linalg.generic
// CHECK: arith.muli %{{.*}}, %c21475_i64
// CHECK: arith.shrsi %{{.*}}, %c19_i64
// The hidden state clamps to int16.
// CHECK: arith.maxsi %{{.*}}, %c-32768_i32
// CHECK: linalg.yield %{{.*}}, %{{.*}} : i16, i16
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0] [1, 1, 2] [1, 1, 1] : tensor<1x2xi16> into tensor<1x1x2xi16>
func.func @lstm_16x8_single_step(%x: tensor<1x1x2x!qx16>, %h: tensor<1x2x!qh16>, %c: tensor<1x2x!qc>) -> (tensor<1x1x2x!qh16>, tensor<1x2x!qh16>, tensor<1x2x!qc>) {
  %w = mcuq.const dense<[[1, -1], [2, 3]]> : tensor<2x2xi8> -> tensor<2x2x!qw>
  %b = mcuq.const dense<[1000, -1000]> : tensor<2xi64> -> tensor<2xi64>
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c)
      input_weights(in = %w, %w, %w, %w) recurrent_weights(in = %w, %w, %w, %w)
      biases(in = %b, %b, %b, %b) {time_major = true, intermediate_types = []}
      : (tensor<1x1x2x!qx16>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>,
         tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>, tensor<2x2x!qw>,
         tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<1x2x!qh16>, tensor<1x2x!qc>)
      -> (tensor<1x1x2x!qh16>, tensor<1x2x!qh16>, tensor<1x2x!qc>)
  return %y, %h1, %c1 : tensor<1x1x2x!qh16>, tensor<1x2x!qh16>, tensor<1x2x!qc>
}
