/* The model behind the QEMU harness (utils/qemu/harness.h), written against
 * the generated header only: sizes, alignment and the entry point. */
#include "harness.h"
#include "model.h"

static const unsigned input_sizes[] = {MCUQ_MODEL_INPUT0_SIZE};
static const unsigned output_sizes[] = {MCUQ_MODEL_OUTPUT0_SIZE};

static int invoke(const void *const *inputs, void *const *outputs, void *arena,
                  void *state) {
  (void)state;
  mcuq_model_invoke((const mcuq_model_input0_t *)inputs[0],
                    (mcuq_model_output0_t *)outputs[0], arena);
  return 0;
}

const mcuq_harness_model_t mcuq_harness_model = {
    MCUQ_MODEL_NUM_INPUTS, MCUQ_MODEL_NUM_OUTPUTS, input_sizes,
    output_sizes,          MCUQ_MODEL_ARENA_SIZE,  MCUQ_MODEL_ARENA_ALIGN,
    0,                     invoke,
};
