//===- mcuq-opt.cpp - mcuq optimizer driver -------------------------------===//

#include "mcuq/InitAllDialects.h"
#include "mcuq/InitAllPasses.h"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::mcuq::registerAllDialects(registry);
  mlir::mcuq::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "mcuq optimizer driver\n", registry));
}
