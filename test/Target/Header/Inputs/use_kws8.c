/* Firmware-style use of a real stateful model's header (keyword_scrambled_8bit:
 * int16 input, int32 output, seven int8 SVDF states): static buffers sized by
 * the macros, reset once, invoke per frame. Compiled as C99 and C++11. */
#include "kws8.h"

#define CHECK(name, cond) typedef char name[(cond) ? 1 : -1]
CHECK(states, MCUQ_KWS8_NUM_STATES == 7);
CHECK(state_size, MCUQ_KWS8_STATE_SIZE ==
                      MCUQ_KWS8_STATE0_SIZE + MCUQ_KWS8_STATE1_SIZE +
                          MCUQ_KWS8_STATE2_SIZE + MCUQ_KWS8_STATE3_SIZE +
                          MCUQ_KWS8_STATE4_SIZE + MCUQ_KWS8_STATE5_SIZE +
                          MCUQ_KWS8_STATE6_SIZE);

static mcuq_kws8_state0_t s0[MCUQ_KWS8_STATE0_SIZE];
static mcuq_kws8_state1_t s1[MCUQ_KWS8_STATE1_SIZE];
static mcuq_kws8_state2_t s2[MCUQ_KWS8_STATE2_SIZE];
static mcuq_kws8_state3_t s3[MCUQ_KWS8_STATE3_SIZE];
static mcuq_kws8_state4_t s4[MCUQ_KWS8_STATE4_SIZE];
static mcuq_kws8_state5_t s5[MCUQ_KWS8_STATE5_SIZE];
static mcuq_kws8_state6_t s6[MCUQ_KWS8_STATE6_SIZE];
static union {
  unsigned char bytes[MCUQ_KWS8_ARENA_SIZE];
  double align;
} arena;

void start(void);
int32_t frame(const mcuq_kws8_input0_t *features);

void start(void) { mcuq_kws8_reset(s0, s1, s2, s3, s4, s5, s6); }

int32_t frame(const mcuq_kws8_input0_t *features) {
  static mcuq_kws8_output0_t scores[MCUQ_KWS8_OUTPUT0_SIZE /
                                    sizeof(mcuq_kws8_output0_t)];
  mcuq_kws8_invoke(features, scores, s0, s1, s2, s3, s4, s5, s6, &arena);
  return scores[0] > scores[1] ? 0 : 1;
}
