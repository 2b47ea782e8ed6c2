"""Runs shared TFLite models through mcuq on a target and compares every output byte
with TFLM's reference outputs in ../shared/models/reference (used by lit tests)."""

import json
import os
import sys

from mcuq import run


def check(models_dir, target, models, sets=None):
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
            try:
                r = run.run_model(os.path.join(models_dir, model + ".tflite"), target, inputs)
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
            print(f"PASS {model} {s['set']} {target}: bit-exact "
                  f"arena={r['summary']['arena_bytes']}{count}")
    return failures


if __name__ == "__main__":
    models_dir, target, *models = sys.argv[1:]
    sys.exit(1 if check(models_dir, target, models) else 0)
