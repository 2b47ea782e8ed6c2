// RUN: mcuq-opt %s -convert-mcuq-to-arith | FileCheck %s

// The doubling high multiply in 64 bits: (a * b + 2^30) >> 31, and the
// INT32_MIN * INT32_MIN saturation unless an operand rules it out.
// CHECK-LABEL: func.func @general
// CHECK-SAME:  (%[[A:.*]]: i32, %[[B:.*]]: i32)
// CHECK:       %[[WA:.*]] = arith.extsi %[[A]] : i32 to i64
// CHECK:       %[[WB:.*]] = arith.extsi %[[B]] : i32 to i64
// CHECK:       %[[P:.*]] = arith.muli %[[WA]], %[[WB]] : i64
// CHECK:       %[[N:.*]] = arith.addi %[[P]], %c1073741824_i64 : i64
// CHECK:       %[[S:.*]] = arith.shrsi %[[N]], %c31_i64 : i64
// CHECK:       %[[R:.*]] = arith.trunci %[[S]] : i64 to i32
// CHECK:       %[[AM:.*]] = arith.cmpi eq, %[[A]], %c-2147483648_i32 : i32
// CHECK:       %[[BM:.*]] = arith.cmpi eq, %[[B]], %c-2147483648_i32
// CHECK:       %[[BOTH:.*]] = arith.andi %[[AM]], %[[BM]] : i1
// CHECK:       %[[SAT:.*]] = arith.select %[[BOTH]], %c2147483647_i32, %[[R]] : i32
// CHECK:       return %[[SAT]]
// CHECK-NOT:   mcuq.doubling_high_mul
func.func @general(%a: i32, %b: i32) -> i32 {
  %0 = mcuq.doubling_high_mul %a, %b : i32
  return %0 : i32
}

// A requantize multiplier is never INT32_MIN, and neither is this constant.
// CHECK-LABEL: func.func @no_saturation
// CHECK:       arith.trunci
// CHECK-NOT:   arith.select
// CHECK:       arith.trunci
// CHECK-NOT:   arith.select
// CHECK:       return
func.func @no_saturation(%a: i32, %m: i32) -> (i32, i32) {
  %c = arith.constant 1518500250 : i32
  %0 = mcuq.doubling_high_mul %a, %m {rhs_not_min} : i32
  %1 = mcuq.doubling_high_mul %a, %c : i32
  return %0, %1 : i32, i32
}

// CHECK-LABEL: func.func @min_constant
// CHECK:       arith.select
func.func @min_constant(%a: i32) -> i32 {
  %c = arith.constant -2147483648 : i32
  %0 = mcuq.doubling_high_mul %a, %c : i32
  return %0 : i32
}
