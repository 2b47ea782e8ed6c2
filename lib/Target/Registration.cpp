//===- Registration.cpp - mcuq translations -------------------------------===//

#include "mcuq/InitAllTranslations.h"
#include "mcuq/Target/Export.h"
#include "mcuq/Target/TFLite/TFLiteImport.h"

namespace mlir {
void registerToLLVMIRTranslation();
} // namespace mlir

void mlir::mcuq::registerAllTranslations() {
  static bool once = [] {
    registerToLLVMIRTranslation();
    registerTFLiteImportTranslation();
    registerExportTranslations();
    return true;
  }();
  (void)once;
}
