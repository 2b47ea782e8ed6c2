"""Invokes stateful shared models (SVDF, LSTM) several times in a row in one process on
the host and compares the outputs and every state buffer after the last invoke with
mcuq's python reference run as many times from the same reset state: the state the
compiled code carries between invokes must be TFLM's.

    persistent_state.py <models_dir> <runs> <model> ...

Prints one PASS/FAIL line per model and input set."""

import json
import os
import sys

import numpy as np

from mcuq import reference, tflite

import state_driver


def check(models_dir, runs, models):
    ref = os.path.join(models_dir, "reference")
    failures = 0
    for model in models:
        path = os.path.join(models_dir, model + ".tflite")
        with open(os.path.join(ref, model + ".json")) as f:
            meta = json.load(f)
        graph = tflite.load_model(path)
        sg = graph.subgraphs[0]
        for s in meta["sets"]:
            in_paths = [os.path.join(ref, p) for p in s["input_files"]]
            inputs = [np.fromfile(p, dtype=sg.tensors[i].dtype)
                      for p, i in zip(in_paths, sg.inputs)]
            state = {}
            for _ in range(runs):
                expected = reference.run(graph, inputs, state)
            try:
                outputs, states = state_driver.invoke(path, in_paths, runs)
            except RuntimeError as e:
                print(f"FAIL {model} {s['set']} x{runs}: {e}")
                failures += 1
                continue
            problems = [f"output {i}" for i, (o, e) in enumerate(zip(outputs, expected))
                        if o != np.ascontiguousarray(e).tobytes()]
            problems += [f"state {k} (tensor {index})"
                         for k, (index, got) in enumerate(zip(sorted(state), states))
                         if got != np.ascontiguousarray(state[index]).tobytes()]
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
