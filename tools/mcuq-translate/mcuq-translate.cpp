//===- mcuq-translate.cpp - mcuq translation driver -----------------------===//

#include "mcuq/InitAllTranslations.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mlir::mcuq::registerAllTranslations();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "mcuq translation driver\n"));
}
