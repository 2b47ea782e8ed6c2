/* Generic harness that runs one compiled model on an emulated MCU (QEMU) and
 * counts the instructions of its invoke function.
 *
 * The compiler side generates a glue .c per model that defines
 * `mcuq_harness_model`; the harness (harness.c) provides main(). See
 * utils/qemu/README.md for the command line, the output lines and the memory
 * layout.
 */
#ifndef MCUQ_QEMU_HARNESS_H
#define MCUQ_QEMU_HARNESS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  unsigned num_inputs, num_outputs;
  const unsigned *input_sizes;  /* bytes, num_inputs entries */
  const unsigned *output_sizes; /* bytes, num_outputs entries */
  unsigned arena_size;          /* bytes of scratch memory for one invoke */
  unsigned arena_align;         /* power of two; 0 means 16 */
  unsigned state_size; /* persistent state bytes (SVDF/LSTM), zeroed once before
                          the first run */
  /* Returns 0 on success. Inputs must not be written; outputs are fully
   * written. */
  int (*invoke)(const void *const *inputs, void *const *outputs, void *arena,
                void *state);
} mcuq_harness_model_t;

extern const mcuq_harness_model_t mcuq_harness_model;

/* Exit status of the QEMU process (also printed as `exit=`). */
enum {
  MCUQ_EXIT_OK = 0,
  MCUQ_EXIT_INVOKE_FAILED = 1, /* invoke returned non-zero */
  MCUQ_EXIT_CORRUPTION =
      2, /* guard words around a buffer overwritten, or an input modified */
  MCUQ_EXIT_IO = 3,    /* semihosting file error */
  MCUQ_EXIT_USAGE = 4, /* bad command line or input file of the wrong size */
  MCUQ_EXIT_NO_MEMORY = 5, /* buffers do not fit in the free RAM */
  MCUQ_EXIT_FAULT = 6,     /* CPU fault/trap (printed by the start-up code) */
  MCUQ_EXIT_COUNTER = 7,   /* instruction counter is not exact (QEMU run without
                              the -icount the build expects) */
};

/* Counts the instructions of one call fn(a0, a1, a2, a3), from its first
 * instruction to its return instruction inclusive. Returns -1 (all ones) when
 * the counter failed its self-check. *ret gets fn's return value. */
unsigned long mcuq_count_instructions(int (*fn)(const void *const *,
                                                void *const *, void *, void *),
                                      const void *const *a0, void *const *a1,
                                      void *a2, void *a3, int *ret);

#ifdef __cplusplus
}
#endif

#endif
