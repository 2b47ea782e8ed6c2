// Placement strategies on five buffers where every first-fit order leaves a
// hole and only the exact search reaches the lower bound (112 bytes).
//
//   step      2    3    4    5    6    7    8
//   %c (80)   #
//   %d (32)   #----#----#----#
//   %a (16)        #----#----#
//   %b (32)        #----#----#----#
//   %e (64)                       #----#----#
//
// RUN: mcuq-opt %s --mcuq-plan-memory="strategy=size" | FileCheck %s --check-prefix=SIZE
// RUN: mcuq-opt %s --mcuq-plan-memory="strategy=breadth" | FileCheck %s --check-prefix=BREADTH
// RUN: mcuq-opt %s --mcuq-plan-memory="strategy=conflicts" | FileCheck %s --check-prefix=CONFLICTS
// RUN: mcuq-opt %s --mcuq-plan-memory="strategy=lifetime" | FileCheck %s --check-prefix=LIFETIME
// RUN: mcuq-opt %s --mcuq-plan-memory="strategy=exact" | FileCheck %s --check-prefix=EXACT
// RUN: mcuq-opt %s --mcuq-plan-memory | FileCheck %s --check-prefix=BEST
// RUN: mcuq-opt %s --mcuq-plan-memory="exact-limit=0" | FileCheck %s --check-prefix=GREEDY
// RUN: mcuq-opt %s --mcuq-plan-memory="print-plan" -mlir-print-op-on-diagnostic=false \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAN

// SIZE: #mcuq.arena_plan<size = 144, alignment = 16, lower_bound = 112, {{.*}}strategy = "size", peak_layer
// BREADTH: #mcuq.arena_plan<size = 144, {{.*}}strategy = "breadth", peak_layer
// CONFLICTS: #mcuq.arena_plan<size = 128, {{.*}}strategy = "conflicts", peak_layer
// LIFETIME: #mcuq.arena_plan<size = 128, {{.*}}strategy = "lifetime", peak_layer
// EXACT: #mcuq.arena_plan<size = 112, {{.*}}strategy = "exact", optimal = true,
// BEST: #mcuq.arena_plan<size = 112, {{.*}}strategy = "exact", optimal = true,
// GREEDY: #mcuq.arena_plan<size = 128, {{.*}}strategy = "conflicts", peak_layer

// The exact placement: %d above %c, then %a and %b where %c was, %e over
// %b's end and where %d was.
// PLAN: 16 bytes, live 10..12, offset 0
// PLAN: 32 bytes, live 11..15, offset 16
// PLAN: 80 bytes, live 7..9, offset 0
// PLAN: 32 bytes, live 8..13, offset 80
// PLAN: 64 bytes, live 14..16, offset 48
// PLAN: arena 112 bytes, lower bound 112 (112 without in-place reuse), strategy exact, optimal

func.func @five(%x: i8) {
  %c0 = arith.constant 0 : index
  %a = memref.alloc() : memref<16xi8>
  %b = memref.alloc() : memref<32xi8>
  %c = memref.alloc() : memref<80xi8>
  %d = memref.alloc() : memref<32xi8>
  %e = memref.alloc() : memref<64xi8>
  // Step 2.
  memref.store %x, %c[%c0] : memref<80xi8>
  memref.store %x, %d[%c0] : memref<32xi8>
  %0 = memref.load %c[%c0] : memref<80xi8>
  // Step 3.
  memref.store %x, %a[%c0] : memref<16xi8>
  memref.store %x, %b[%c0] : memref<32xi8>
  // Step 5.
  %1 = memref.load %a[%c0] : memref<16xi8>
  %2 = memref.load %d[%c0] : memref<32xi8>
  // Step 6.
  memref.store %x, %e[%c0] : memref<64xi8>
  %3 = memref.load %b[%c0] : memref<32xi8>
  // Step 8.
  %4 = memref.load %e[%c0] : memref<64xi8>
  return
}
