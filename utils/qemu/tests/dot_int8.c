/* Test kernel: int8 matrix-vector product with int32 accumulation.
 *   input0  x: int8[64]
 *   input1  w: int8[16][64]
 *   output0 y: int32[16], y[j] = sum_k x[k] * w[j][k] + state[j]
 *   state     int32[16], state[j] += y[j] - state[j] (running output, so a
 *             second invoke adds the first result)
 * The arena holds a widened copy of x, which exercises arena alignment. */
#include "harness.h"
#include <stdint.h>

enum { K = 64, N = 16 };

static int invoke(const void *const *inputs, void *const *outputs, void *arena,
                  void *state) {
  const int8_t *x = (const int8_t *)inputs[0];
  const int8_t *w = (const int8_t *)inputs[1];
  int32_t *y = (int32_t *)outputs[0];
  int32_t *acc = (int32_t *)state;
  int16_t *xw = (int16_t *)arena;
  if ((uintptr_t)arena & 7)
    return 1;
  for (int k = 0; k < K; ++k)
    xw[k] = x[k];
  for (int j = 0; j < N; ++j) {
    int32_t s = acc[j];
    for (int k = 0; k < K; ++k)
      s += xw[k] * w[j * K + k];
    y[j] = s;
    acc[j] = s;
  }
  return 0;
}

static const unsigned input_sizes[] = {K, N *K};
static const unsigned output_sizes[] = {N * 4};

const mcuq_harness_model_t mcuq_harness_model = {
    2, 1, input_sizes, output_sizes, K * 2, 8, N * 4, invoke,
};
