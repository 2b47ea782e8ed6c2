//===- mcuq-fixedpoint-eval.cpp - Evaluate FixedPoint.h from a script -----===//
//
// Test driver: reads `<function> <integer or float args...>` lines from stdin
// and prints one result line each, so that tests can compare the compiler's
// compile-time arithmetic with the python reference on many inputs.
//
//===----------------------------------------------------------------------===//

#include "mcuq/Support/FixedPoint.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

using namespace mcuq::fixedpoint;

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string fn;
    in >> fn;
    auto i64 = [&] {
      long long v = 0;
      in >> v;
      return v;
    };
    auto f64 = [&] {
      std::string s;
      in >> s;
      return std::strtod(s.c_str(), nullptr);
    };
    if (fn == "quantize_multiplier") {
      QuantizedMultiplier q = quantizeMultiplier(f64());
      std::cout << q.multiplier << " " << q.shift << "\n";
    } else if (fn == "srdhm") {
      int32_t a = i64(), b = i64();
      std::cout << saturatingRoundingDoublingHighMul(a, b) << "\n";
    } else if (fn == "rdbpot") {
      int32_t x = i64();
      int e = i64();
      std::cout << roundingDivideByPOT(x, e) << "\n";
    } else if (fn == "mbqm") {
      int32_t x = i64(), m = i64();
      int s = i64();
      std::cout << multiplyByQuantizedMultiplier(x, m, s) << "\n";
    } else if (fn == "mbqm64") {
      int64_t x = i64();
      int32_t m = i64();
      int s = i64();
      std::cout << multiplyByQuantizedMultiplier64(x, m, s) << "\n";
    } else if (fn == "exp_on_negative_values") {
      int32_t a = i64();
      int bits = i64();
      std::cout << expOnNegativeValues(a, bits) << "\n";
    } else if (fn == "logistic") {
      int32_t a = i64();
      int bits = i64();
      std::cout << logistic(a, bits) << "\n";
    } else if (fn == "tanh") {
      int32_t a = i64();
      int bits = i64();
      std::cout << mcuq::fixedpoint::tanh(a, bits) << "\n";
    } else if (fn == "get_reciprocal") {
      int32_t x = i64();
      int digits = i64();
      auto [scale, bits] = getReciprocal(x, digits);
      std::cout << scale << " " << bits << "\n";
    } else if (fn == "logistic_int16") {
      int16_t x = i64();
      int32_t m = i64(), l = i64();
      std::cout << logisticInt16(x, m, l) << "\n";
    } else if (fn == "tanh_int16") {
      int16_t x = i64();
      int32_t m = i64(), l = i64();
      std::cout << tanhInt16(x, m, l) << "\n";
    } else if (fn == "exp_lut") {
      std::vector<int16_t> lut = genLutInt16(
          [](float x) { return std::exp(x); }, -10.0f, 0.0f, -1.0f, 1.0f);
      for (int16_t v : lut)
        std::cout << v << " ";
      std::cout << "\n";
    } else if (fn == "recip_lut") {
      std::vector<int16_t> lut = genLutInt16(
          [](float x) { return 1.0f / (1.0f + x); }, 0.0f, 1.0f, -1.0f, 1.0f);
      for (int16_t v : lut)
        std::cout << v << " ";
      std::cout << "\n";
    } else if (fn == "checked_log2") {
      auto [l, pot] = checkedLog2(static_cast<float>(f64()));
      std::cout << l << " " << (pot ? 1 : 0) << "\n";
    } else {
      std::cerr << "unknown function '" << fn << "'\n";
      return 1;
    }
  }
  return 0;
}
