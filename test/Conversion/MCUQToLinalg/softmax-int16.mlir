// RUN: mcuq-opt %s -convert-mcuq-to-linalg | FileCheck %s

!qin = !quant.uniform<i16:f32, 1.000000e-03>
!qout = !quant.uniform<i16:f32, 3.0517578125E-5>

// int16 -> int16 SOFTMAX (docs/spec.md 9.2) over rows of 3.
// CHECK-LABEL: func.func @softmax_int16
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xi16>
// TFLite's generated tables, evaluated at compile time and stored as int16
// (little-endian hex): exp on [-10, 0] starts at 2, 1 / (1 + x) on [0, 1]
// at 32767.
// CHECK-DAG: %[[EXP:.*]] = arith.constant dense<"0x0200{{[0-9A-F]*}}"> : tensor<513xi16>
// CHECK-DAG: %[[RECIP:.*]] = arith.constant dense<"0xFF7F{{[0-9A-F]*}}"> : tensor<513xi16>
// Row maximum.
// CHECK: %[[MAXINIT:.*]] = linalg.fill ins(%c-32768_i32 : i32)
// CHECK: %[[MAX:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<2x3xi16>) outs(%[[MAXINIT]] : tensor<2xi32>)
// CHECK: arith.maxsi
// exp(x - max): 1e-3 / (10 / 65535) = 0.8191875 * 2^3, then +32767 and
// the 7-bit interpolating lookup.
// CHECK: %[[E:.*]] = linalg.generic {{.*}} ins(%[[X]], %[[MAX]] : tensor<2x3xi16>, tensor<2xi32>) outs(%{{.*}} : tensor<2x3xi16>)
// CHECK: %[[D:.*]] = arith.subi %{{.*}}, %{{.*}} : i32
// CHECK: arith.shli %[[D]], %c3_i32
// CHECK: arith.constant 1759191761 : i32
// CHECK: arith.addi %{{.*}}, %c32767_i32
// CHECK: %[[HI:.*]] = arith.shrsi %{{.*}}, %c7_i32
// CHECK: arith.addi %[[HI]], %c256_i32
// CHECK: arith.andi %{{.*}}, %c127_i32
// CHECK: tensor.extract %[[EXP]]
// CHECK: tensor.extract %[[EXP]]
// CHECK: arith.addi %{{.*}}, %c64_i32
// Row sums, in int32.
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[E]] : tensor<2x3xi16>)
// The sum normalized with clz, 1 / (1 + x) from the table, and the shift.
// CHECK: %[[R:.*]]:2 = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2xi32>)
// CHECK: %[[CLZ:.*]] = math.ctlz
// CHECK: arith.addi %{{.*}}, %c8192_i64
// CHECK: arith.shrsi %{{.*}}, %c14_i64
// CHECK: arith.subi %{{.*}}, %c98304_i32
// CHECK: tensor.extract %[[RECIP]]
// CHECK: arith.subi %c31_i32, %[[CLZ]]
// exp * reciprocal, rounded right shift in int64, clamped to [0, 32767].
// CHECK: %[[OUT:.*]] = linalg.generic {{.*}} ins(%[[E]], %[[R]]#0, %[[R]]#1 : tensor<2x3xi16>, tensor<2xi32>, tensor<2xi32>)
// CHECK: arith.muli %{{.*}}, %{{.*}} : i64
// CHECK: arith.shrsi %{{.*}}, %{{.*}} : i64
// CHECK: arith.maxsi %{{.*}}, %c0_i32
// CHECK: arith.minsi %{{.*}}, %c32767_i32
// CHECK: return %[[OUT]] : tensor<2x3xi16>
func.func @softmax_int16(%x: tensor<2x3x!qin>) -> tensor<2x3x!qout> {
  %y = mcuq.softmax %x {beta = 1.0 : f32} : (tensor<2x3x!qin>) -> tensor<2x3x!qout>
  return %y : tensor<2x3x!qout>
}
