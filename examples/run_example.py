#!/usr/bin/env python3
"""The README's first command: compile the bundled keyword-spotting model for
an emulated Cortex-M4, run it on QEMU with the bundled input, check the result
against mcuq's numpy reference of TFLite's arithmetic, and print the
prediction with the figures users compare tools by.

    /usr/bin/python3 examples/run_example.py [--target cortex-m4]
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BUILD = os.environ.get("MCUQ_BUILD_DIR", os.path.join(REPO, "build"))
sys.path[:0] = [os.path.join(REPO, "python"), os.path.join(BUILD, "python")]

import numpy as np  # noqa: E402

from mcuq import reference, run, tflite  # noqa: E402

LABELS = ["silence", "unknown", "yes", "no", "up", "down", "left", "right", "on", "off",
          "stop", "go"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", default="cortex-m4")
    ap.add_argument("--model", default=os.path.join(HERE, "tiny_kws.tflite"))
    ap.add_argument("--input", default=os.path.join(HERE, "tiny_kws.input.bin"))
    args = ap.parse_args()

    with open(args.input, "rb") as f:
        data = f.read()
    result = run.run_model(args.model, args.target, [data])
    out = np.frombuffer(result["outputs"][0], dtype=np.int8)
    s = result["summary"]
    port = [p for p in s["interface"] if p["role"] == "output"][0]
    probs = (out.astype(np.float64) - port["zero_point"]) * port["scale"]

    # The same inference with the reference interpreter of TFLite's integer
    # arithmetic: the emulated MCU must agree byte for byte.
    model = tflite.load_model(args.model)
    shape = model.subgraphs[0].tensors[model.subgraphs[0].inputs[0]].shape
    expected = reference.run(model, [np.frombuffer(data, np.int8).reshape(shape)])[0]
    exact = expected.astype(np.int8).tobytes() == result["outputs"][0]

    best = int(np.argmax(out))
    label = LABELS[best] if best < len(LABELS) else str(best)
    print(f"model      {os.path.basename(args.model)} -> {args.target} (QEMU {args.target})")
    print(f"prediction class {best} '{label}' (p = {probs[best]:.3f})")
    print(f"bit-exact  {'yes' if exact else 'NO'} (vs the TFLite reference arithmetic)")
    if result["instructions"] is not None:
        print(f"instructions {result['instructions']:,} for one inference")
    print(f"arena      {s['arena_bytes']:,} B RAM")
    print(f"flash      {s['text_bytes']:,} B code + {s['rodata_bytes']:,} B weights")
    print(f"compiled   in {s['compile_seconds']:.2f} s")
    return 0 if exact else 1


if __name__ == "__main__":
    sys.exit(main())
