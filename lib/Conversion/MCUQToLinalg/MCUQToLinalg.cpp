//===- MCUQToLinalg.cpp - mcuq to linalg conversion pass ------------------===//

#include "mcuq/Conversion/MCUQToLinalg/MCUQToLinalg.h"
#include "mcuq/Conversion/Passes.h"
#include "mcuq/Dialect/MCUQ/IR/MCUQOps.h"
#include "mcuq/Dialect/MCUQ/IR/QuantTypeUtils.h"
#include "mcuq/Dialect/MCUQ/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mcuq {
#define GEN_PASS_DEF_CONVERTMCUQTOLINALGPASS
#include "mcuq/Conversion/Passes.h.inc"
} // namespace mlir::mcuq

using namespace mlir;
using namespace mlir::mcuq;

MCUQTypeConverter::MCUQTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](RankedTensorType type) -> Type {
    if (isa<quant::QuantizedType>(type.getElementType()))
      return toStorageType(type);
    return type;
  });
  addConversion([](PackedType type) -> Type { return type.getStorageType(); });
  auto cast = [](OpBuilder &builder, Type type, ValueRange inputs,
                 Location loc) -> Value {
    if (inputs.size() != 1)
      return {};
    return UnrealizedConversionCastOp::create(builder, loc, type, inputs)
        .getResult(0);
  };
  addSourceMaterialization(cast);
  addTargetMaterialization(cast);
}

void mlir::mcuq::populateMCUQToLinalgConversionPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  populateConvPatterns(converter, patterns);
  populateElementwisePatterns(converter, patterns);
  populatePoolingPatterns(converter, patterns);
  populateDataMovementPatterns(converter, patterns);
  populateActivationPatterns(converter, patterns);
  populateRecurrentPatterns(converter, patterns);
}

namespace {

/// Keeps the quantization of function arguments and results as attributes
/// (`mcuq.scale`, `mcuq.zero_point`) before their types become plain
/// integers, for the generated header.
void recordInterfaceQuantization(func::FuncOp func) {
  Builder b(func.getContext());
  auto record = [&](Type type, auto getAttr, auto setAttr) {
    auto q = getQuantElementType(type);
    StringRef scale = MCUQDialect::ScaleAttrHelper::getNameStr();
    if (!q || isPerAxis(type) || getAttr(scale))
      return;
    setAttr(scale, b.getF64FloatAttr(getScale(type)));
    setAttr(MCUQDialect::ZeroPointAttrHelper::getNameStr(),
            b.getI64IntegerAttr(getZeroPoint(type)));
  };
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    record(
        func.getArgument(i).getType(),
        [&](StringRef n) { return func.getArgAttr(i, n); },
        [&](StringRef n, Attribute a) { func.setArgAttr(i, n, a); });
  for (unsigned i = 0; i < func.getNumResults(); ++i)
    record(
        func.getResultTypes()[i],
        [&](StringRef n) { return func.getResultAttr(i, n); },
        [&](StringRef n, Attribute a) { func.setResultAttr(i, n, a); });
}

struct ConvertMCUQToLinalgPass
    : mcuq::impl::ConvertMCUQToLinalgPassBase<ConvertMCUQToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>())
      recordInterfaceQuantization(func);

    // TFLite-form operators first become explicit requantizations.
    RewritePatternSet explicitPatterns(ctx);
    populateExplicitRescalePatterns(explicitPatterns);
    if (failed(applyPatternsGreedily(module, std::move(explicitPatterns))))
      return signalPassFailure();

    MCUQTypeConverter converter;
    ConversionTarget target(*ctx);
    target.addIllegalDialect<MCUQDialect>();
    target.addLegalOp<ModuleOp>();
    // Stays an op until kernel generation (convert-mcuq-to-arith expands it).
    target.addLegalOp<DoublingHighMulOp>();
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, scf::SCFDialect,
                           tensor::TensorDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
      return converter.isSignatureLegal(op.getFunctionType()) &&
             converter.isLegal(&op.getBody());
    });
    target.addDynamicallyLegalOp<func::ReturnOp, func::CallOp>(
        [&](Operation *op) { return converter.isLegal(op); });

    RewritePatternSet patterns(ctx);
    populateMCUQToLinalgConversionPatterns(converter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateCallOpTypeConversionPattern(patterns, converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    if (failed(applyFullConversion(module, target, std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
