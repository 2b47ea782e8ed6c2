// RUN: not mcuq-opt %s --mcuq-plan-memory="arena-budget=300" 2>&1 | FileCheck %s
// RUN: mcuq-opt %s --mcuq-plan-memory="arena-budget=320" | FileCheck %s --check-prefix=FITS

// Over budget: the diagnostic names the layer at the peak, the shortfall and
// the largest buffers alive there.

// CHECK: error: loc(fused["DEPTHWISE_CONV_2D#3", "dw/BiasAdd"]): arena of 320 bytes exceeds the budget of 300 bytes by 20; the peak is at DEPTHWISE_CONV_2D#3 with 320 bytes alive
// CHECK: note: 256 bytes alive here
// CHECK-NEXT: %acc = memref.alloc()
// CHECK: note: 64 bytes alive here
// CHECK-NEXT: %w = memref.alloc()
// FITS: #mcuq.arena_plan<size = 320,

#id = affine_map<(d0) -> (d0)>
func.func @over_budget(%in: memref<64xi8>, %out: memref<64xi8>) {
  %acc = memref.alloc() : memref<64xi32>
  %c0 = arith.constant 0 : i32
  linalg.fill ins(%c0 : i32) outs(%acc : memref<64xi32>)
  %w = memref.alloc() : memref<64xi8>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%in : memref<64xi8>) outs(%w : memref<64xi8>) {
  ^bb0(%x: i8, %o: i8):
    linalg.yield %x : i8
  } loc(fused["DEPTHWISE_CONV_2D#3", "dw/BiasAdd"])
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%acc, %w : memref<64xi32>, memref<64xi8>) outs(%out : memref<64xi8>) {
  ^bb0(%a: i32, %x: i8, %o: i8):
    %t = arith.trunci %a : i32 to i8
    %s = arith.addi %t, %x : i8
    linalg.yield %s : i8
  }
  return
}


