/* Test kernel for the runtime's float helpers: plain C float code, which is a
 * libcall on soft-float targets (__aeabi_fmul/fdiv/i2f/f2iz, __mulsf3/
 * __divsf3/__floatsisf/__fixsfsi, and the unsigned conversion) and FPU code
 * elsewhere, plus the libm functions LLVM calls for llvm.round/maximum/minimum.
 *   input0:  n pairs of little-endian uint32 float bits (a, b), 8 bytes each
 *   output0: per pair, 8 x uint32 (32 bytes): a*b, a/b, (float)(int32)bits(a),
 *            (int32)a, roundf(a), fmaximumf(a, b), fminimumf(a, b),
 *            (float)(uint32)bits(a)
 * Float to int conversion of a NaN or an out-of-range value is undefined in
 * C; here it gives what the target's conversion gives (saturation). */
#include "harness.h"
#include <stdint.h>

float roundf(float);
float fmaximumf(float, float);
float fminimumf(float, float);

enum { PAIRS = 4096 };

typedef union {
  float f;
  uint32_t u;
} bits_t;

static float as_float(const unsigned char *p) {
  bits_t b;
  b.u = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
        (uint32_t)p[3] << 24;
  return b.f;
}

static void put(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t bits(float f) {
  bits_t b;
  b.f = f;
  return b.u;
}

static int invoke(const void *const *inputs, void *const *outputs, void *arena,
                  void *state) {
  const unsigned char *in = (const unsigned char *)inputs[0];
  unsigned char *out = (unsigned char *)outputs[0];
  (void)arena;
  (void)state;
  for (int i = 0; i < PAIRS; ++i, in += 8, out += 32) {
    /* volatile: no folding or reassociation across iterations. */
    volatile float a = as_float(in), b = as_float(in + 4);
    volatile int32_t ia = (int32_t)bits(a);
    volatile uint32_t ua = bits(a);
    put(out + 0, bits(a * b));
    put(out + 4, bits(a / b));
    put(out + 8, bits((float)ia));
    put(out + 12, (uint32_t)(int32_t)a);
    put(out + 16, bits(roundf(a)));
    put(out + 20, bits(fmaximumf(a, b)));
    put(out + 24, bits(fminimumf(a, b)));
    put(out + 28, bits((float)ua));
  }
  return 0;
}

static const unsigned input_sizes[] = {PAIRS * 8};
static const unsigned output_sizes[] = {PAIRS * 32};
const mcuq_harness_model_t mcuq_harness_model = {
    1, 1, input_sizes, output_sizes, 0, 0, 0, invoke,
};
