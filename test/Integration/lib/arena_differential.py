"""Differential test of in-place reuse: every shared model compiled with and without
--in-place runs on random inputs; the outputs must be the same bytes. A layer writing
over input bytes that are still to be read shows up as different outputs on almost any
input, so this checks the overlap analysis on the real kernels beyond TFLM's few
reference inputs.

usage: arena_differential.py MODELS_DIR TARGET RUNS MODEL...
"""

import json
import os
import sys

import numpy as np

from mcuq import qemu, run


def random_inputs(meta, rng):
    inputs = []
    for port in meta["inputs"]:
        n = int(np.prod(port["shape"]))
        if port["dtype"] == "float32":
            inputs.append(rng.uniform(-8, 8, n).astype("<f4").tobytes())
        else:
            inputs.append(rng.integers(0, 256, port["bytes"], dtype=np.uint8).tobytes())
    return inputs


def main(argv):
    models_dir, target, runs, *models = argv
    failures = 0
    for model in models:
        with open(os.path.join(models_dir, "reference", model + ".json")) as f:
            meta = json.load(f)
        path = os.path.join(models_dir, model + ".tflite")
        rng = np.random.default_rng(sum(map(ord, model)))
        same = 0
        try:
            for _ in range(int(runs)):
                inputs = random_inputs(meta, rng)
                shared = run.run_model(path, target, inputs)
                separate = run.run_model(path, target, inputs,
                                         compile_args=("--in-place=false",))
                if shared["outputs"] != separate["outputs"]:
                    print(f"FAIL {model} {target}: in-place reuse changes the outputs")
                    failures += 1
                    break
                same += 1
        except (run.RunError, qemu.QemuError) as e:
            print(f"FAIL {model} {target}: {e}")
            failures += 1
            continue
        if same == int(runs):
            print(f"SAME {model} {target}: {same} random inputs, arena "
                  f"{shared['summary']['arena_bytes']} with in-place reuse, "
                  f"{separate['summary']['arena_bytes']} without")
    return failures


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1:]) else 0)
