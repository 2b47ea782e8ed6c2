/* Host harness: runs one compiled model with the glue contract of
 * utils/qemu/harness.h, reading inputs from and writing outputs to files.
 *
 *   harness -i in0.bin [-i in1.bin ...] -o out0.bin [...] [-n runs]
 *
 * State (SVDF/LSTM) persists across the runs of one process, like the
 * emulated harness. Exit codes follow harness.h. */
#include "harness.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *aligned_buffer(size_t size, size_t align, unsigned char fill) {
  void *p = NULL;
  if (align < sizeof(void *))
    align = sizeof(void *);
  if (posix_memalign(&p, align, size ? size : 1) != 0)
    return NULL;
  memset(p, fill, size ? size : 1);
  return p;
}

static int read_file(const char *path, void *buf, size_t size) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  size_t n = fread(buf, 1, size, f);
  int extra = fgetc(f);
  fclose(f);
  return (n == size && extra == EOF) ? 0 : -2;
}

int main(int argc, char **argv) {
  const mcuq_harness_model_t *m = &mcuq_harness_model;
  const char *inputs[16] = {0}, *outputs[16] = {0};
  unsigned ni = 0, no = 0, runs = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "-i") && ni < 16)
      inputs[ni++] = argv[i + 1];
    else if (!strcmp(argv[i], "-o") && no < 16)
      outputs[no++] = argv[i + 1];
    else if (!strcmp(argv[i], "-n"))
      runs = (unsigned)atoi(argv[i + 1]);
    else {
      fprintf(stderr, "usage: %s -i in.bin ... -o out.bin ... [-n runs]\n",
              argv[0]);
      return MCUQ_EXIT_USAGE;
    }
  }
  if (ni != m->num_inputs || no > m->num_outputs) {
    fprintf(stderr, "expected %u inputs and at most %u outputs\n",
            m->num_inputs, m->num_outputs);
    return MCUQ_EXIT_USAGE;
  }
  const void *in[16];
  void *out[16];
  for (unsigned i = 0; i < m->num_inputs; ++i) {
    void *b = aligned_buffer(m->input_sizes[i], 16, 0);
    int r = read_file(inputs[i], b, m->input_sizes[i]);
    if (r) {
      fprintf(stderr, "%s: %s (expected %u bytes)\n", inputs[i],
              r == -1 ? "cannot open" : "wrong size", m->input_sizes[i]);
      return r == -1 ? MCUQ_EXIT_IO : MCUQ_EXIT_USAGE;
    }
    in[i] = b;
  }
  for (unsigned i = 0; i < m->num_outputs; ++i)
    out[i] = aligned_buffer(m->output_sizes[i], 16, 0x5A);
  /* Garbage-filled like the emulated harness: nothing may rely on zeros. */
  void *arena = aligned_buffer(m->arena_size, m->arena_align ? m->arena_align : 16, 0xA5);
  void *state = aligned_buffer(m->state_size, 16, 0);
  for (unsigned r = 0; r < runs; ++r)
    if (m->invoke(in, out, arena, state) != 0)
      return MCUQ_EXIT_INVOKE_FAILED;
  for (unsigned i = 0; i < no; ++i) {
    FILE *f = fopen(outputs[i], "wb");
    if (!f || fwrite(out[i], 1, m->output_sizes[i], f) != m->output_sizes[i])
      return MCUQ_EXIT_IO;
    fclose(f);
  }
  printf("MCUQ instructions=0 runs=%u arena=%u state=%u exit=0\n", runs,
         m->arena_size, m->state_size);
  return MCUQ_EXIT_OK;
}
