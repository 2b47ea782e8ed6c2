"""Runs shared TFLite models through mcuq on a target and compares every output byte
with TFLM's reference outputs in ../shared/models/reference (used by lit tests).

    shared_models.py [--runs=N] <models dir> <target> <model> ...

With --runs=N (stateful models) the model is invoked N times in a row from the reset
state and the outputs of the last invoke are compared with mcuq's python reference
(python/mcuq/reference.py) run N times: the state carried between invokes must be
TFLM's."""

import json
import os
import sys

from mcuq import run


def reference_outputs(path, input_files, runs):
    """The outputs of `runs` invokes from the reset state, by the python reference."""
    import numpy as np
    from mcuq import reference, tflite
    graph = tflite.load_model(path)
    sg = graph.subgraphs[0]
    inputs = [np.fromfile(p, dtype=sg.tensors[i].dtype) for p, i in zip(input_files, sg.inputs)]
    state = {}
    for _ in range(runs):
        outputs = reference.run(graph, inputs, state)
    return [np.ascontiguousarray(o).tobytes() for o in outputs]


def check(models_dir, target, models, sets=None, runs=1):
    ref = os.path.join(models_dir, "reference")
    failures = 0
    for model in models:
        with open(os.path.join(ref, model + ".json")) as f:
            meta = json.load(f)
        for s in meta["sets"]:
            if sets and s["set"] not in sets:
                continue
            inputs = [open(os.path.join(ref, p), "rb").read() for p in s["input_files"]]
            expected = [open(os.path.join(ref, p), "rb").read() for p in s["output_files"]]
            path = os.path.join(models_dir, model + ".tflite")
            if runs > 1:
                expected = reference_outputs(path, [os.path.join(ref, p)
                                                    for p in s["input_files"]], runs)
            try:
                r = run.run_model(path, target, inputs, runs=runs)
            except Exception as e:  # report and go on with the other models
                print(f"FAIL {model} {s['set']} {target}: {e}")
                failures += 1
                continue
            if r["outputs"] != expected:
                bad = [i for i, (g, w) in enumerate(zip(r["outputs"], expected)) if g != w]
                got, want = r["outputs"][bad[0]], expected[bad[0]]
                first = next(i for i in range(min(len(got), len(want))) if got[i] != want[i])
                print(f"FAIL {model} {s['set']} {target}: output {bad[0]} differs from byte "
                      f"{first} on: got {got[first:first + 8].hex()} want "
                      f"{want[first:first + 8].hex()}")
                failures += 1
                continue
            count = "" if r["instructions"] is None else f" instructions={r['instructions']}"
            times = f" x{runs}" if runs > 1 else ""
            print(f"PASS {model} {s['set']} {target}{times}: bit-exact "
                  f"arena={r['summary']['arena_bytes']}{count}")
    return failures


if __name__ == "__main__":
    args = sys.argv[1:]
    n = 1
    if args and args[0].startswith("--runs="):
        n = int(args.pop(0).split("=", 1)[1])
    models_dir, target, *models = args
    sys.exit(1 if check(models_dir, target, models, runs=n) else 0)
