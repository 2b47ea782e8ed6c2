//===- MCUQTypes.td - mcuq types ---------------------------*- tablegen -*-===//

#ifndef MCUQ_DIALECT_MCUQ_IR_MCUQTYPES_TD
#define MCUQ_DIALECT_MCUQ_IR_MCUQTYPES_TD

include "mcuq/Dialect/MCUQ/IR/MCUQDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinTypeInterfaces.td"

class MCUQ_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<MCUQ_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def MCUQ_PackedType : MCUQ_Type<"Packed", "packed"> {
  let summary = "A tensor of sub-byte or 1-bit values packed into words.";
  let description = [{
    A ranked tensor whose `elementType` is narrower than a byte (`i1`, `i2`,
    `i4`, or a `!quant.uniform` type with such storage), stored packed along
    one dimension, the `axis`, into little-endian words of `wordBits` bits
    (8 or 32).

    Layout, stated once for every producer and consumer:
    - The storage is a row-major tensor with the logical shape except that
      dimension `axis` holds `ceil(shape[axis] * bits / wordBits)` words.
    - Element `k` along `axis` lives in word `k * bits / wordBits`, at bit
      offset `(k * bits) % wordBits` (lowest bits first).
    - Bits of the last word beyond `shape[axis]` elements (the padding) are
      zero. Binary operators rely on this: with the sign encoding below, a
      zero pad bit XOR a zero pad bit adds nothing to a popcount, so the
      real channel count is used in the popcount correction.
    - 1-bit values use the sign encoding of Larq: bit 0 is +1, bit 1 is -1.
      Sub-byte integers are two's complement.

    Examples: 32 binary channels per word,
    `!mcuq.packed<1x8x8x64xi1, axis = 3, word = 32>` (storage
    `tensor<1x8x8x2xi32>`); two int4 weights per byte,
    `!mcuq.packed<16x3x3x8x!quant.uniform<i4:f32, 0.1>, axis = 3, word = 8>`
    (storage `tensor<16x3x3x4xi8>`).
  }];
  let parameters = (ins
    ArrayRefParameter<"int64_t", "logical shape">:$shape,
    "Type":$elementType,
    "unsigned":$axis,
    "unsigned":$wordBits
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Bits per element (1, 2 or 4).
    unsigned getElementBits() const;
    /// Number of storage words along the packed axis.
    int64_t getNumWords() const;
    /// The row-major integer tensor that holds the words.
    RankedTensorType getStorageType() const;
    int64_t getRank() const { return getShape().size(); }
  }];
}

def MCUQ_PackedTensor : Type<CPred<"::llvm::isa<::mlir::mcuq::PackedType>($_self)">,
    "packed sub-byte tensor", "::mlir::mcuq::PackedType">;

def MCUQ_BinaryTensor : Type<
    And<[CPred<"::llvm::isa<::mlir::mcuq::PackedType>($_self)">,
         CPred<"::llvm::cast<::mlir::mcuq::PackedType>($_self).getElementBits() == 1">]>,
    "packed 1-bit tensor", "::mlir::mcuq::PackedType">;

#endif // MCUQ_DIALECT_MCUQ_IR_MCUQTYPES_TD
