//===- RecurrentPatterns.cpp - SVDF and LSTM to linalg --------------------===//

#include "mcuq/Conversion/MCUQToLinalg/MCUQToLinalg.h"

using namespace mlir;

void mlir::mcuq::populateRecurrentPatterns(const TypeConverter &converter,
                                           RewritePatternSet &patterns) {}
