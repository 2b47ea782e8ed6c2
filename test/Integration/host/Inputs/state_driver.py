"""Builds a host executable that invokes a compiled model several times in one process
(through the harness glue of mcuq.run, which resets the state once) and writes its outputs
and its whole state buffer, for the tests of stateful models."""

import os
import subprocess

from mcuq import run

# Calls the model through the harness glue of mcuq.run (which resets the state once),
# then writes the outputs and the whole state buffer.
DRIVER = r"""
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *load(const char *path, unsigned size) {
  void *p = calloc(1, size ? size : 1);
  FILE *f = fopen(path, "rb");
  if (!p || !f || fread(p, 1, size, f) != size)
    exit(3);
  fclose(f);
  return p;
}

static void save(const char *path, const void *p, unsigned size) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(p, 1, size, f) != size)
    exit(3);
  fclose(f);
}

/* driver <runs> <state.bin> <in0> ... <out0> ... */
int main(int argc, char **argv) {
  const mcuq_harness_model_t *m = &mcuq_harness_model;
  if (argc != 3 + (int)(m->num_inputs + m->num_outputs))
    return 4;
  const void *in[16];
  void *out[16];
  for (unsigned i = 0; i < m->num_inputs; ++i)
    in[i] = load(argv[3 + i], m->input_sizes[i]);
  for (unsigned i = 0; i < m->num_outputs; ++i)
    out[i] = calloc(1, m->output_sizes[i]);
  void *arena = malloc(m->arena_size + 64);
  void *state = calloc(1, m->state_size + 16);
  memset(arena, 0xA5, m->arena_size + 64);
  arena = (void *)(((unsigned long)arena + 63) & ~63ul);
  for (int r = atoi(argv[1]); r > 0; --r)
    if (m->invoke(in, out, arena, state))
      return 1;
  save(argv[2], state, m->state_size);
  for (unsigned i = 0; i < m->num_outputs; ++i)
    save(argv[3 + m->num_inputs + i], out[i], m->output_sizes[i]);
  return 0;
}
"""


def build_driver(model):
    summary, obj, header = run.compile_model(model, "host")
    out_dir = os.path.dirname(obj)
    glue = os.path.join(out_dir, "glue.c")
    if not os.path.exists(glue):
        run.write_glue(summary, header, glue)
    source = os.path.join(out_dir, "state_driver.c")
    with open(source, "w") as f:
        f.write(DRIVER)
    exe = os.path.join(out_dir, "state-driver")
    cmd = [os.path.join(run.LLVM_BIN, "clang"), "-O2", "-w",
           "-I", os.path.join(run.REPO, "utils", "qemu"), source, glue, obj, "-o", exe]
    subprocess.run(cmd, check=True)
    return summary, exe, out_dir


def invoke(model, in_paths, runs, tag="run"):
    """Compiles `model` for the host (cached) and invokes it `runs` times on the inputs in
    `in_paths`. Returns (outputs as bytes, states as bytes in interface order)."""
    summary, exe, out_dir = build_driver(model)
    ports = summary["interface"]
    num_outputs = sum(p["role"] == "output" for p in ports)
    states = [p for p in ports if p["role"] == "state"]
    state_path = os.path.join(out_dir, f"{tag}-state.bin")
    out_paths = [os.path.join(out_dir, f"{tag}-out{i}.bin") for i in range(num_outputs)]
    p = subprocess.run([exe, str(runs), state_path, *in_paths, *out_paths],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"driver exit {p.returncode}: {p.stdout}")
    outputs = [open(o, "rb").read() for o in out_paths]
    blob = open(state_path, "rb").read()
    # The glue packs the states 16-byte aligned in interface order, which is the
    # order of their tensor indices.
    result, offset = [], 0
    for s in states:
        result.append(blob[offset:offset + s["bytes"]])
        offset += (s["bytes"] + 15) // 16 * 16
    return outputs, result
