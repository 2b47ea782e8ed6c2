//===- InitAllTranslations.h - Translations mcuq-translate has --*- C++ -*-===//

#ifndef MCUQ_INITALLTRANSLATIONS_H
#define MCUQ_INITALLTRANSLATIONS_H

#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Tools/mlir-translate/Translation.h"

namespace mlir::mcuq {

/// Registers mcuq's translations (import of TFLite flatbuffers, object and
/// header export) and LLVM IR export for inspecting the lowered module.
void registerAllTranslations();

} // namespace mlir::mcuq

#endif // MCUQ_INITALLTRANSLATIONS_H
