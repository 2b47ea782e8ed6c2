//===- Registration.cpp - mcuq translations -------------------------------===//

#include "mcuq/InitAllTranslations.h"

namespace mlir {
void registerToLLVMIRTranslation();
} // namespace mlir

void mlir::mcuq::registerAllTranslations() {
  static bool once = [] {
    registerToLLVMIRTranslation();
    return true;
  }();
  (void)once;
}
