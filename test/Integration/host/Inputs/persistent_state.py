"""Invokes stateful shared models (SVDF, LSTM) several times in a row in one process on
the host and compares the outputs and every state buffer after the last invoke with
mcuq's python reference run as many times from the same reset state: the state the
compiled code carries between invokes must be TFLM's.

    persistent_state.py <models_dir> <runs> <model> ...

Prints one PASS/FAIL line per model and input set."""

import json
import os
import subprocess
import sys

import numpy as np

from mcuq import reference, run, tflite

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


def check(models_dir, runs, models):
    ref = os.path.join(models_dir, "reference")
    failures = 0
    for model in models:
        path = os.path.join(models_dir, model + ".tflite")
        with open(os.path.join(ref, model + ".json")) as f:
            meta = json.load(f)
        summary, exe, out_dir = build_driver(path)
        # The harness packs the states 16-byte aligned in interface order, which is
        # the order of their tensor indices.
        states = [p for p in summary["interface"] if p["role"] == "state"]
        offsets, size = [], 0
        for s in states:
            offsets.append(size)
            size += (s["bytes"] + 15) // 16 * 16
        graph = tflite.load_model(path)
        sg = graph.subgraphs[0]
        for s in meta["sets"]:
            in_paths = [os.path.join(ref, p) for p in s["input_files"]]
            inputs = [np.fromfile(p, dtype=sg.tensors[i].dtype)
                      for p, i in zip(in_paths, sg.inputs)]
            state = {}
            for _ in range(runs):
                expected = reference.run(graph, inputs, state)
            state_path = os.path.join(out_dir, "state.bin")
            out_paths = [os.path.join(out_dir, f"state-out{i}.bin")
                         for i in range(len(expected))]
            p = subprocess.run([exe, str(runs), state_path, *in_paths, *out_paths],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if p.returncode != 0:
                print(f"FAIL {model} {s['set']} x{runs}: driver exit {p.returncode} {p.stdout}")
                failures += 1
                continue
            problems = []
            for i, (o, e) in enumerate(zip(out_paths, expected)):
                if open(o, "rb").read() != np.ascontiguousarray(e).tobytes():
                    problems.append(f"output {i}")
            blob = open(state_path, "rb").read()
            for k, (index, off, port) in enumerate(zip(sorted(state), offsets, states)):
                want = np.ascontiguousarray(state[index]).tobytes()
                if blob[off:off + port["bytes"]] != want:
                    problems.append(f"state {k} (tensor {index})")
            if problems:
                print(f"FAIL {model} {s['set']} x{runs}: {', '.join(problems)} differ from "
                      f"the reference")
                failures += 1
                continue
            print(f"PASS {model} {s['set']} x{runs}: outputs and state match")
    return failures


if __name__ == "__main__":
    models_dir, runs, *models = sys.argv[1:]
    sys.exit(1 if check(models_dir, int(runs), models) else 0)
