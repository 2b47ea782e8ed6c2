/* Uses every declaration of the tiny model's header the way firmware would;
 * compiled as C99 and as C++11 with warnings as errors. With -DTWO_MODELS it
 * includes a second model's header too (nothing may clash). */
#include "tiny.h"
#ifdef TWO_MODELS
#include "other.h"
#endif

#define CHECK(name, cond) typedef char name[(cond) ? 1 : -1]

CHECK(arena_align_is_power_of_two,
      (MCUQ_TINY_ARENA_ALIGN & (MCUQ_TINY_ARENA_ALIGN - 1)) == 0);
CHECK(counts, MCUQ_TINY_NUM_INPUTS == 1 && MCUQ_TINY_NUM_OUTPUTS == 2 &&
                  MCUQ_TINY_NUM_STATES == 0);
CHECK(input_align, MCUQ_TINY_INPUT0_ALIGN == sizeof(mcuq_tiny_input0_t));
CHECK(zero_point_in_expression, -MCUQ_TINY_OUTPUT0_ZERO_POINT == 128);

static union {
  unsigned char bytes[MCUQ_TINY_ARENA_SIZE];
  double align; /* what C99 offers; a real firmware uses _Alignas or aligned() */
} arena;
static mcuq_tiny_input0_t input[MCUQ_TINY_INPUT0_SIZE / sizeof(mcuq_tiny_input0_t)];
static mcuq_tiny_output0_t probs[MCUQ_TINY_OUTPUT0_SIZE / sizeof(mcuq_tiny_output0_t)];
static mcuq_tiny_output1_t probs_float[MCUQ_TINY_OUTPUT1_SIZE /
                                       sizeof(mcuq_tiny_output1_t)];

float first_probability(void);

float first_probability(void) {
  static const int shape[] = MCUQ_TINY_INPUT0_SHAPE;
  const char *target = MCUQ_TINY_TARGET;
  unsigned i;
  for (i = 0; i < sizeof(input) / sizeof(input[0]); ++i)
    input[i] = (float)shape[i % MCUQ_TINY_INPUT0_RANK];
  mcuq_tiny_invoke(input, probs, probs_float, &arena);
#ifdef TWO_MODELS
  mcuq_other_invoke(input, probs, probs_float, &arena);
#endif
  return (float)target[0] * MCUQ_TINY_OUTPUT0_SCALE *
             (float)(probs[0] - MCUQ_TINY_OUTPUT0_ZERO_POINT) +
         probs_float[0];
}
