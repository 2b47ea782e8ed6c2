/* Runs the hand-written stateful model (Inputs/stateful.mlir) on the host
 * through its generated header: reset, then three calls; prints the outputs
 * and the state. Compiled as C99 and as C++11 with warnings as errors. */
#include "stateful.h"

#include <stdio.h>

#define CHECK(name, cond) typedef char name[(cond) ? 1 : -1]
CHECK(state_size, MCUQ_STATEFUL_STATE_SIZE ==
                      MCUQ_STATEFUL_STATE0_SIZE + MCUQ_STATEFUL_STATE1_SIZE);
CHECK(state_align, MCUQ_STATEFUL_STATE1_ALIGN == sizeof(int16_t));

int main(void) {
  static mcuq_stateful_state0_t svdf[MCUQ_STATEFUL_STATE0_SIZE];
  static mcuq_stateful_state1_t cell[MCUQ_STATEFUL_STATE1_SIZE / sizeof(int16_t)];
  static union {
    unsigned char bytes[MCUQ_STATEFUL_ARENA_SIZE];
    double align;
  } arena;
  mcuq_stateful_input0_t audio[MCUQ_STATEFUL_INPUT0_SIZE / sizeof(int16_t)] = {7, 0, 0,
                                                                            0};
  mcuq_stateful_output0_t probs[MCUQ_STATEFUL_OUTPUT0_SIZE];
  int call;
  svdf[5] = 1;
  cell[1] = 1;
  mcuq_stateful_reset(svdf, cell);
  printf("reset: svdf %d %d cell %d %d\n", svdf[0], svdf[5], cell[0], cell[1]);
  for (call = 0; call < 3; ++call) {
    mcuq_stateful_invoke(audio, probs, svdf, cell, &arena);
    printf("call %d: %d %d %d\n", call, probs[0], probs[1], probs[2]);
  }
  return 0;
}
