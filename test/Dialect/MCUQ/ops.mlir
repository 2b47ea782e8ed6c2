// RUN: mcuq-opt %s | mcuq-opt | FileCheck %s
// RUN: mcuq-opt %s --mlir-print-op-generic | mcuq-opt | FileCheck %s

!qin = !quant.uniform<i8:f32, 5.000000e-01:-1>
!qout = !quant.uniform<i8:f32, 1.000000e+00:3>
!qw = !quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>
!qdw = !quant.uniform<i8:f32:3, {2.500000e-01,1.250000e-01,2.500000e-01,1.250000e-01,2.500000e-01,1.250000e-01}>
!qb = !quant.uniform<i32:f32:0, {1.250000e-01,6.250000e-02}>
!qdb = !quant.uniform<i32:f32:0, {1.250000e-01,6.250000e-02,1.250000e-01,6.250000e-02,1.250000e-01,6.250000e-02}>
!qacc = !quant.uniform<i32:f32:3, {1.250000e-01,6.250000e-02}>
!qfc = !quant.uniform<i8:f32, 2.500000e-01>
!qfcb = !quant.uniform<i32:f32, 1.250000e-01>
!q16 = !quant.uniform<i16:f32, 1.000000e-03>
!qsm = !quant.uniform<i8:f32, 3.906250e-03:-128>
!qtanh = !quant.uniform<i8:f32, 7.812500e-03>
!qi32 = !quant.uniform<i32:f32, 1.000000e-03>

// CHECK-LABEL: func.func @const
func.func @const() -> (tensor<2x!qw>, tensor<2x!qb>, !mcuq.packed<2x40xi1, axis = 1, word = 32>) {
  // CHECK: mcuq.const dense<[1, -2]> : tensor<2xi8> -> tensor<2x!quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>>
  %0 = mcuq.const dense<[1, -2]> : tensor<2xi8> -> tensor<2x!qw>
  // CHECK: mcuq.const dense<[7, 9]> : tensor<2xi32>
  %1 = mcuq.const dense<[7, 9]> : tensor<2xi32> -> tensor<2x!qb>
  // CHECK: mcuq.const dense<{{.*}}> : tensor<2x2xi32> -> !mcuq.packed<2x40xi1, axis = 1, word = 32>
  %2 = mcuq.const dense<[[1, 2], [3, 4]]> : tensor<2x2xi32> -> !mcuq.packed<2x40xi1, axis = 1, word = 32>
  return %0, %1, %2 : tensor<2x!qw>, tensor<2x!qb>, !mcuq.packed<2x40xi1, axis = 1, word = 32>
}

// CHECK-LABEL: func.func @conv2d
func.func @conv2d(%x: tensor<1x5x5x3x!qin>, %w: tensor<2x3x3x3x!qw>, %b: tensor<2x!qb>)
    -> (tensor<1x3x3x2x!qout>, tensor<1x3x3x2x!qacc>, tensor<1x3x3x2x!qout>) {
  // CHECK: mcuq.conv2d %{{.*}}, %{{.*}}, %{{.*}} {fused_activation = #mcuq.activation<relu6>, padding = #mcuq.padding<same>, stride = array<i64: 2, 2>}
  %0 = mcuq.conv2d %x, %w, %b {stride = array<i64: 2, 2>, padding = #mcuq.padding<same>,
                               fused_activation = #mcuq.activation<relu6>}
      : (tensor<1x5x5x3x!qin>, tensor<2x3x3x3x!qw>, tensor<2x!qb>) -> tensor<1x3x3x2x!qout>
  // CHECK: mcuq.conv2d %{{.*}}, %{{.*}} {padding = #mcuq.padding<valid>} : {{.*}} -> tensor<1x3x3x2x!quant.uniform<i32:f32:3
  %1 = mcuq.conv2d %x, %w {padding = #mcuq.padding<valid>}
      : (tensor<1x5x5x3x!qin>, tensor<2x3x3x3x!qw>) -> tensor<1x3x3x2x!qacc>
  // CHECK: mcuq.conv2d {{.*}}dilation = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>, padding = #mcuq.padding<explicit>
  %2 = mcuq.conv2d %x, %w, %b {dilation = array<i64: 2, 2>, padding = #mcuq.padding<explicit>,
                               pad = array<i64: 1, 1, 1, 1>}
      : (tensor<1x5x5x3x!qin>, tensor<2x3x3x3x!qw>, tensor<2x!qb>) -> tensor<1x3x3x2x!qout>
  return %0, %1, %2 : tensor<1x3x3x2x!qout>, tensor<1x3x3x2x!qacc>, tensor<1x3x3x2x!qout>
}

// CHECK-LABEL: func.func @depthwise_conv2d
func.func @depthwise_conv2d(%x: tensor<1x4x4x3x!qin>, %w: tensor<1x3x3x6x!qdw>, %b: tensor<6x!qdb>)
    -> tensor<1x4x4x6x!qout> {
  // CHECK: mcuq.depthwise_conv2d %{{.*}}, %{{.*}}, %{{.*}} {depth_multiplier = 2 : i64, padding = #mcuq.padding<same>}
  %0 = mcuq.depthwise_conv2d %x, %w, %b {depth_multiplier = 2 : i64, padding = #mcuq.padding<same>}
      : (tensor<1x4x4x3x!qin>, tensor<1x3x3x6x!qdw>, tensor<6x!qdb>) -> tensor<1x4x4x6x!qout>
  return %0 : tensor<1x4x4x6x!qout>
}

// CHECK-LABEL: func.func @fully_connected
func.func @fully_connected(%x: tensor<2x3x4x!qin>, %w: tensor<5x4x!qfc>, %b: tensor<5x!qfcb>)
    -> (tensor<6x5x!qout>, tensor<2x3x5x!qout>) {
  // CHECK: mcuq.fully_connected %{{.*}}, %{{.*}}, %{{.*}} : {{.*}} -> tensor<6x5x
  %0 = mcuq.fully_connected %x, %w, %b
      : (tensor<2x3x4x!qin>, tensor<5x4x!qfc>, tensor<5x!qfcb>) -> tensor<6x5x!qout>
  // CHECK: mcuq.fully_connected {{.*}}keep_num_dims = true
  %1 = mcuq.fully_connected %x, %w {keep_num_dims = true, fused_activation = #mcuq.activation<relu>}
      : (tensor<2x3x4x!qin>, tensor<5x4x!qfc>) -> tensor<2x3x5x!qout>
  return %0, %1 : tensor<6x5x!qout>, tensor<2x3x5x!qout>
}

// CHECK-LABEL: func.func @elementwise
func.func @elementwise(%a: tensor<1x4x4x2x!qin>, %b: tensor<1x1x1x2x!qout>, %c: tensor<4x!qi32>)
    -> (tensor<1x4x4x2x!qout>, tensor<1x4x4x2x!qout>, tensor<1x4x4x2x!qin>, tensor<1x4x4x2x!qin>, tensor<4x!qi32>) {
  // CHECK: mcuq.add %{{.*}}, %{{.*}} {fused_activation = #mcuq.activation<relu>}
  %0 = mcuq.add %a, %b {fused_activation = #mcuq.activation<relu>}
      : (tensor<1x4x4x2x!qin>, tensor<1x1x1x2x!qout>) -> tensor<1x4x4x2x!qout>
  // CHECK: mcuq.mul
  %1 = mcuq.mul %a, %b : (tensor<1x4x4x2x!qin>, tensor<1x1x1x2x!qout>) -> tensor<1x4x4x2x!qout>
  // CHECK: mcuq.maximum
  %2 = mcuq.maximum %a, %a : (tensor<1x4x4x2x!qin>, tensor<1x4x4x2x!qin>) -> tensor<1x4x4x2x!qin>
  // CHECK: mcuq.minimum
  %3 = mcuq.minimum %a, %a : (tensor<1x4x4x2x!qin>, tensor<1x4x4x2x!qin>) -> tensor<1x4x4x2x!qin>
  // CHECK: mcuq.add %{{.*}}, %{{.*}} : (tensor<4x!quant.uniform<i32:f32, 1.000000e-03>>
  %4 = mcuq.add %c, %c : (tensor<4x!qi32>, tensor<4x!qi32>) -> tensor<4x!qi32>
  return %0, %1, %2, %3, %4 : tensor<1x4x4x2x!qout>, tensor<1x4x4x2x!qout>, tensor<1x4x4x2x!qin>, tensor<1x4x4x2x!qin>, tensor<4x!qi32>
}

// CHECK-LABEL: func.func @pooling
func.func @pooling(%x: tensor<1x5x5x2x!qin>) -> (tensor<1x3x3x2x!qin>, tensor<1x2x2x2x!qin>, tensor<1x1x1x2x!qout>) {
  // CHECK: mcuq.avg_pool2d %{{.*}} {kernel = array<i64: 3, 3>, padding = #mcuq.padding<same>, stride = array<i64: 2, 2>}
  %0 = mcuq.avg_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, padding = #mcuq.padding<same>}
      : (tensor<1x5x5x2x!qin>) -> tensor<1x3x3x2x!qin>
  // CHECK: mcuq.max_pool2d
  %1 = mcuq.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = #mcuq.padding<valid>,
                           fused_activation = #mcuq.activation<relu>}
      : (tensor<1x5x5x2x!qin>) -> tensor<1x2x2x2x!qin>
  // CHECK: mcuq.mean %{{.*}} {axes = array<i64: 1, 2>, keep_dims = true}
  %2 = mcuq.mean %x {axes = array<i64: 1, 2>, keep_dims = true} : (tensor<1x5x5x2x!qin>) -> tensor<1x1x1x2x!qout>
  return %0, %1, %2 : tensor<1x3x3x2x!qin>, tensor<1x2x2x2x!qin>, tensor<1x1x1x2x!qout>
}

// CHECK-LABEL: func.func @nonlinear
func.func @nonlinear(%x: tensor<1x12x!qin>, %y: tensor<8x!q16>)
    -> (tensor<1x12x!qsm>, tensor<1x12x!qsm>, tensor<1x12x!qtanh>, tensor<1x12x!qout>, tensor<8x!quant.uniform<i16:f32, 3.0517578125E-5>>) {
  // CHECK: mcuq.softmax %{{.*}} {beta = 5.000000e-01 : f32}
  %0 = mcuq.softmax %x {beta = 0.5 : f32} : (tensor<1x12x!qin>) -> tensor<1x12x!qsm>
  // CHECK: mcuq.logistic
  %1 = mcuq.logistic %x : (tensor<1x12x!qin>) -> tensor<1x12x!qsm>
  // CHECK: mcuq.tanh
  %2 = mcuq.tanh %x : (tensor<1x12x!qin>) -> tensor<1x12x!qtanh>
  // CHECK: mcuq.relu %{{.*}} {kind = #mcuq.activation<relu6>}
  %3 = mcuq.relu %x {kind = #mcuq.activation<relu6>} : (tensor<1x12x!qin>) -> tensor<1x12x!qout>
  // CHECK: mcuq.softmax %{{.*}} : ({{.*}}) -> tensor<1x12x!quant.uniform<i16:f32, 1.52587890625E-5:-32768>>
  %5 = mcuq.softmax %x : (tensor<1x12x!qin>) -> tensor<1x12x!quant.uniform<i16:f32, 1.52587890625E-5:-32768>>
  // TFLM's tolerance: keyword_scrambled stores 1/65535.
  // CHECK: mcuq.softmax %{{.*}} : ({{.*}}) -> tensor<1x12x!quant.uniform<i16:f32, 1.5259021893143654E-5:-32768>>
  %6 = mcuq.softmax %x : (tensor<1x12x!qin>) -> tensor<1x12x!quant.uniform<i16:f32, 1.5259021893143654E-5:-32768>>
  // CHECK: mcuq.logistic %{{.*}} : (tensor<8x!quant.uniform<i16:f32, 1.000000e-03>>)
  %4 = mcuq.logistic %y : (tensor<8x!q16>) -> tensor<8x!quant.uniform<i16:f32, 3.0517578125E-5>>
  return %0, %1, %2, %3, %4 : tensor<1x12x!qsm>, tensor<1x12x!qsm>, tensor<1x12x!qtanh>, tensor<1x12x!qout>, tensor<8x!quant.uniform<i16:f32, 3.0517578125E-5>>
}

// CHECK-LABEL: func.func @data_movement
func.func @data_movement(%x: tensor<1x2x2x3x!qin>, %y: tensor<1x2x2x1x!qout>)
    -> (tensor<1x12x!qin>, tensor<1x4x4x3x!qin>, tensor<1x2x2x4x!qout>) {
  // CHECK: mcuq.reshape %{{.*}} : (tensor<1x2x2x3x{{.*}}) -> tensor<1x12x
  %0 = mcuq.reshape %x : (tensor<1x2x2x3x!qin>) -> tensor<1x12x!qin>
  // CHECK: mcuq.pad %{{.*}} {pad_value = 5 : i32, paddings = array<i64: 0, 0, 1, 1, 1, 1, 0, 0>}
  %1 = mcuq.pad %x {paddings = array<i64: 0, 0, 1, 1, 1, 1, 0, 0>, pad_value = 5 : i32}
      : (tensor<1x2x2x3x!qin>) -> tensor<1x4x4x3x!qin>
  // CHECK: mcuq.concatenate %{{.*}}, %{{.*}} {axis = 3 : i64}
  %2 = mcuq.concatenate %x, %y {axis = 3 : i64}
      : (tensor<1x2x2x3x!qin>, tensor<1x2x2x1x!qout>) -> tensor<1x2x2x4x!qout>
  return %0, %1, %2 : tensor<1x12x!qin>, tensor<1x4x4x3x!qin>, tensor<1x2x2x4x!qout>
}

// CHECK-LABEL: func.func @quantization
func.func @quantization(%f: tensor<4xf32>, %q: tensor<1x3x3x2x!qacc>) -> (tensor<4xf32>, tensor<4x!q16>, tensor<1x3x3x2x!qout>) {
  // CHECK: mcuq.quantize %{{.*}} : (tensor<4xf32>)
  %0 = mcuq.quantize %f : (tensor<4xf32>) -> tensor<4x!qin>
  // CHECK: mcuq.quantize %{{.*}} : (tensor<4x!quant.uniform<i8:f32, 5.000000e-01:-1>>)
  %1 = mcuq.quantize %0 : (tensor<4x!qin>) -> tensor<4x!q16>
  // CHECK: mcuq.dequantize
  %2 = mcuq.dequantize %0 : (tensor<4x!qin>) -> tensor<4xf32>
  // CHECK: mcuq.requantize %{{.*}} {axis = 3 : i64, max = 100 : i32, min = 3 : i32, multiplier = array<i32: 1073741824, 1518500250>, pre_shift = 2 : i32, rounding = #mcuq.rounding<single>, shift = array<i32: -3, 2>}
  %3 = mcuq.requantize %q {multiplier = array<i32: 1073741824, 1518500250>, shift = array<i32: -3, 2>,
                           axis = 3 : i64, pre_shift = 2 : i32, rounding = #mcuq.rounding<single>,
                           min = 3 : i32, max = 100 : i32}
      : (tensor<1x3x3x2x!qacc>) -> tensor<1x3x3x2x!qout>
  return %2, %1, %3 : tensor<4xf32>, tensor<4x!q16>, tensor<1x3x3x2x!qout>
}

!qs = !quant.uniform<i16:f32, 2.000000e-03>
!qsvdf_in = !quant.uniform<i8:f32, 5.000000e-02>
!qsvdf_wf = !quant.uniform<i8:f32, 1.000000e-02>
!qsvdf_wt = !quant.uniform<i16:f32, 1.000000e-04>
!qsvdf_b = !quant.uniform<i32:f32, 1.000000e-06>

// CHECK-LABEL: func.func @svdf
func.func @svdf(%x: tensor<1x6x!qsvdf_in>, %wf: tensor<4x6x!qsvdf_wf>, %wt: tensor<4x3x!qsvdf_wt>,
                %b: tensor<2x!qsvdf_b>, %s: tensor<1x12x!qs>) -> (tensor<1x2x!qsvdf_in>, tensor<1x12x!qs>) {
  // CHECK: mcuq.svdf %{{.*}}, %{{.*}}, %{{.*}} state(%{{.*}}) bias(%{{.*}}) {fused_activation = #mcuq.activation<relu>, rank = 2 : i64}
  %y, %s1 = mcuq.svdf %x, %wf, %wt state(%s) bias(%b) {rank = 2 : i64, fused_activation = #mcuq.activation<relu>}
      : (tensor<1x6x!qsvdf_in>, tensor<4x6x!qsvdf_wf>, tensor<4x3x!qsvdf_wt>, tensor<2x!qsvdf_b>, tensor<1x12x!qs>)
      -> (tensor<1x2x!qsvdf_in>, tensor<1x12x!qs>)
  return %y, %s1 : tensor<1x2x!qsvdf_in>, tensor<1x12x!qs>
}

!qx = !quant.uniform<i8:f32, 4.000000e-03:-128>
!qlw = !quant.uniform<i8:f32, 1.000000e-02>
!qlb = !quant.uniform<i32:f32, 4.000000e-05>
!qh = !quant.uniform<i8:f32, 8.000000e-03:2>
!qc = !quant.uniform<i16:f32, 4.8828125E-4>

// CHECK-LABEL: func.func @lstm
func.func @lstm(%x: tensor<1x3x5x!qx>, %w: tensor<4x5x!qlw>, %r: tensor<4x4x!qlw>, %b: tensor<4x!qlb>,
                %h: tensor<1x4x!qh>, %c: tensor<1x4x!qc>) -> (tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>) {
  // CHECK: mcuq.lstm %arg0, state(%arg4, %arg5) input_weights(in = %arg1, %arg1, %arg1, %arg1) recurrent_weights(in = %arg2, %arg2, %arg2, %arg2) biases(in = %arg3, %arg3, %arg3, %arg3) {cell_clip
  // CHECK-SAME: intermediate_types = [!quant.uniform<i16:f32, 3.000000e-03>
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c)
      input_weights(in = %w, %w, %w, %w) recurrent_weights(in = %r, %r, %r, %r)
      biases(in = %b, %b, %b, %b) {cell_clip = 10.0 : f32,
        intermediate_types = [!quant.uniform<i16:f32, 3.000000e-03>, !quant.uniform<i16:f32, 3.000000e-03>,
                              !quant.uniform<i16:f32, 3.000000e-03>, !quant.uniform<i16:f32, 3.000000e-03>,
                              !quant.uniform<i8:f32, 4.000000e-03>]}
      : (tensor<1x3x5x!qx>, tensor<4x5x!qlw>, tensor<4x5x!qlw>, tensor<4x5x!qlw>, tensor<4x5x!qlw>,
         tensor<4x4x!qlw>, tensor<4x4x!qlw>, tensor<4x4x!qlw>, tensor<4x4x!qlw>, tensor<4x!qlb>, tensor<4x!qlb>, tensor<4x!qlb>, tensor<4x!qlb>,
         tensor<1x4x!qh>, tensor<1x4x!qc>)
      -> (tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>)
  return %y, %h1, %c1 : tensor<1x3x4x!qh>, tensor<1x4x!qh>, tensor<1x4x!qc>
}

// The 16x8 variant: int16 input and output state, int64 gate biases.
// CHECK-LABEL: func.func @lstm_16x8
func.func @lstm_16x8(%x: tensor<1x3x5x!q16>, %w: tensor<4x5x!qlw>, %r: tensor<4x4x!qlw>, %b: tensor<4xi64>,
                     %h: tensor<1x4x!q16>, %c: tensor<1x4x!qc>) -> (tensor<1x3x4x!q16>, tensor<1x4x!q16>, tensor<1x4x!qc>) {
  // CHECK: mcuq.lstm %arg0, state(%arg4, %arg5) {{.*}} biases({{ *}}%arg3, %arg3, %arg3)
  // CHECK-SAME: tensor<4xi64>
  %y, %h1, %c1 = mcuq.lstm %x, state(%h, %c)
      input_weights(%w, %w, %w) recurrent_weights(%r, %r, %r)
      biases(%b, %b, %b) {intermediate_types = []}
      : (tensor<1x3x5x!q16>, tensor<4x5x!qlw>, tensor<4x5x!qlw>, tensor<4x5x!qlw>,
         tensor<4x4x!qlw>, tensor<4x4x!qlw>, tensor<4x4x!qlw>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>,
         tensor<1x4x!q16>, tensor<1x4x!qc>)
      -> (tensor<1x3x4x!q16>, tensor<1x4x!q16>, tensor<1x4x!qc>)
  return %y, %h1, %c1 : tensor<1x3x4x!q16>, tensor<1x4x!q16>, tensor<1x4x!qc>
}

!b64 = !mcuq.packed<1x4x4x64xi1, axis = 3, word = 32>
!b70 = !mcuq.packed<1x4x4x70xi1, axis = 3, word = 32>
!bw = !mcuq.packed<64x3x3x70xi1, axis = 3, word = 32>

// CHECK-LABEL: func.func @binary
func.func @binary(%x: tensor<1x4x4x70x!qin>, %w: !bw, %m: tensor<64xf32>, %bias: tensor<64xf32>, %t: tensor<64xi32>)
    -> (tensor<1x4x4x64x!qout>, !b64, tensor<1x2x2x70x!qin>, tensor<1x4x4x64x!quant.uniform<i32:f32, 1.0>>) {
  // CHECK: mcuq.pack_bits %{{.*}} : (tensor<1x4x4x70x{{.*}}) -> !mcuq.packed<1x4x4x70xi1, axis = 3, word = 32>
  %b = mcuq.pack_bits %x : (tensor<1x4x4x70x!qin>) -> !b70
  // CHECK: mcuq.bconv2d %{{.*}}, %{{.*}} multiplier(%{{.*}}) bias(%{{.*}}) {padding = #mcuq.padding<same>}
  %0 = mcuq.bconv2d %b, %w multiplier(%m) bias(%bias) {padding = #mcuq.padding<same>}
      : (!b70, !bw, tensor<64xf32>, tensor<64xf32>) -> tensor<1x4x4x64x!qout>
  // CHECK: mcuq.bconv2d %{{.*}}, %{{.*}} threshold(%{{.*}}) {pad_value = 0 : i32, padding = #mcuq.padding<same>}
  %1 = mcuq.bconv2d %b, %w threshold(%t) {padding = #mcuq.padding<same>, pad_value = 0 : i32}
      : (!b70, !bw, tensor<64xi32>) -> !b64
  // CHECK: mcuq.bmax_pool2d %{{.*}} {kernel = array<i64: 2, 2>, padding = #mcuq.padding<valid>, stride = array<i64: 2, 2>}
  %2 = mcuq.bmax_pool2d %b {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = #mcuq.padding<valid>}
      : (!b70) -> !mcuq.packed<1x2x2x70xi1, axis = 3, word = 32>
  // CHECK: mcuq.unpack_bits
  %3 = mcuq.unpack_bits %2 : (!mcuq.packed<1x2x2x70xi1, axis = 3, word = 32>) -> tensor<1x2x2x70x!qin>
  // CHECK: mcuq.bconv2d %{{.*}}, %{{.*}} {padding = #mcuq.padding<valid>, stride = array<i64: 2, 2>}
  %4 = mcuq.bconv2d %b, %w {padding = #mcuq.padding<valid>, stride = array<i64: 2, 2>}
      : (!b70, !bw) -> tensor<1x1x1x64x!quant.uniform<i32:f32, 1.0>>
  %5 = mcuq.bconv2d %b, %w {padding = #mcuq.padding<same>}
      : (!b70, !bw) -> tensor<1x4x4x64x!quant.uniform<i32:f32, 1.0>>
  return %0, %1, %3, %5 : tensor<1x4x4x64x!qout>, !b64, tensor<1x2x2x70x!qin>, tensor<1x4x4x64x!quant.uniform<i32:f32, 1.0>>
}

// CHECK-LABEL: func.func @int4_packed
// CHECK-SAME: !mcuq.packed<16x3x3x8x!quant.uniform<i4:f32, 1.000000e-01>, axis = 3, word = 8>
func.func @int4_packed(%w: !mcuq.packed<16x3x3x8x!quant.uniform<i4:f32, 0.1>, axis = 3, word = 8>) {
  return
}

// CHECK-LABEL: func.func @doubling_high_mul
// CHECK: mcuq.doubling_high_mul %{{.*}}, %{{.*}} : i32
// CHECK: mcuq.doubling_high_mul %{{.*}}, %{{.*}} {rhs_not_min} : i32
func.func @doubling_high_mul(%a: i32, %b: i32) -> (i32, i32) {
  %0 = mcuq.doubling_high_mul %a, %b : i32
  %1 = mcuq.doubling_high_mul %a, %b {rhs_not_min} : i32
  return %0, %1 : i32, i32
}
