/* Test kernel for hard-float targets: single-precision FPU instructions run
 * only if the start-up code enabled CP10/CP11. Exact arithmetic only.
 *   input0:  int8[64] x
 *   output0: float[64] y = x * 0.5f + 0.25f,  int32[64] z = (int)(y * 4.0f) */
#include "harness.h"
#include <stdint.h>

enum { N = 64 };

static int invoke(const void *const *inputs, void *const *outputs, void *arena,
                  void *state) {
  const int8_t *x = (const int8_t *)inputs[0];
  float *y = (float *)outputs[0];
  int32_t *z = (int32_t *)outputs[1];
  (void)arena;
  (void)state;
  for (int i = 0; i < N; ++i) {
    y[i] = (float)x[i] * 0.5f + 0.25f;
    z[i] = (int32_t)(y[i] * 4.0f);
  }
  return 0;
}

static const unsigned input_sizes[] = {N};
static const unsigned output_sizes[] = {N * 4, N * 4};

const mcuq_harness_model_t mcuq_harness_model = {
    1, 2, input_sizes, output_sizes, 0, 0, 0, invoke,
};
