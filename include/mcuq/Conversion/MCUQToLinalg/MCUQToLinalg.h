//===- MCUQToLinalg.h - mcuq to linalg conversion ---------------*- C++ -*-===//

#ifndef MCUQ_CONVERSION_MCUQTOLINALG_MCUQTOLINALG_H
#define MCUQ_CONVERSION_MCUQTOLINALG_MCUQTOLINALG_H

#include "mlir/Transforms/DialectConversion.h"

namespace mlir::mcuq {

/// Maps quantized tensors to tensors of their signless storage integers and
/// packed tensors to their storage words.
class MCUQTypeConverter : public TypeConverter {
public:
  MCUQTypeConverter();
};

/// Patterns lowering mcuq operators (explicit form, see
/// mcuq-propagate-quantization) to linalg, tensor, arith and math on tensors.
void populateMCUQToLinalgConversionPatterns(const TypeConverter &converter,
                                            RewritePatternSet &patterns);

// Per-family pattern sets (one source file each).
void populateConvPatterns(const TypeConverter &converter,
                          RewritePatternSet &patterns);
void populateElementwisePatterns(const TypeConverter &converter,
                                 RewritePatternSet &patterns);
void populatePoolingPatterns(const TypeConverter &converter,
                             RewritePatternSet &patterns);
void populateDataMovementPatterns(const TypeConverter &converter,
                                  RewritePatternSet &patterns);
void populateActivationPatterns(const TypeConverter &converter,
                                RewritePatternSet &patterns);
void populateRecurrentPatterns(const TypeConverter &converter,
                               RewritePatternSet &patterns);

} // namespace mlir::mcuq

#endif // MCUQ_CONVERSION_MCUQTOLINALG_MCUQTOLINALG_H
