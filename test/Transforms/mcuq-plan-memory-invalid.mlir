// RUN: mcuq-opt %s -split-input-file -verify-diagnostics --mcuq-plan-memory

func.func @escapes_iteration(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %first = memref.alloc() : memref<16xi8>
  %last = scf.for %i = %c0 to %n step %c1 iter_args(%prev = %first) -> (memref<16xi8>) {
    // expected-error @below {{cannot plan a buffer that outlives the region iteration allocating it}}
    %next = memref.alloc() : memref<16xi8>
    memref.copy %prev, %next : memref<16xi8> to memref<16xi8>
    scf.yield %next : memref<16xi8>
  }
  return
}

// -----

func.func @unbounded(%n: index, %x: i8) {
  // expected-error @below {{cannot plan a buffer of dynamic size without a constant upper bound: 'memref<?xi8>'}}
  %a = memref.alloc(%n) : memref<?xi8>
  %c0 = arith.constant 0 : index
  memref.store %x, %a[%c0] : memref<?xi8>
  return
}

// -----

func.func @strided(%x: i8) {
  // expected-error @below {{cannot plan a buffer with a non-identity layout}}
  %a = memref.alloc() : memref<4xi8, strided<[2]>>
  return
}

// -----

func.func @escapes_entry() -> memref<4xi8> {
  %a = memref.alloc() : memref<4xi8>
  // expected-error @below {{a planned buffer escapes the entry point}}
  return %a : memref<4xi8>
}
