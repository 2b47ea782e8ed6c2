"""Random convolution, depthwise and fully connected layers (shapes, strides,
dilations, padding, zero points, activations) compiled for a target and run,
compared byte for byte with the python reference. On Arm DSP cores this
exercises the SMLAD/SXTB16 kernels, which the host never runs.

    random_kernels.py TARGET COUNT SEED WORKDIR
"""
import os
import random
import sys

import numpy as np

from mcuq import reference, run, tflite
from mcuq.builder import ModelBuilder

target, count, seed, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
os.makedirs(work, exist_ok=True)
rng = random.Random(seed)
fails = 0
for t in range(count):
    kind = rng.choice(["conv", "conv", "dw", "fc"])
    mb = ModelBuilder(seed=t + seed)
    zp = rng.randint(-128, 127)
    if kind == "fc":
        k = rng.choice([1, 3, 4, 7, 8, 16, 17, 64, 100])
        x = mb.input((rng.choice([1, 2]), k), "int8", 0.05, zp)
        y = mb.fully_connected(x, rng.choice([1, 2, 3, 4, 5, 8, 12]), activation=rng.choice(["NONE", "RELU", "RELU6"]))
    else:
        h, w = rng.randint(1, 9), rng.randint(1, 9)
        c = rng.choice([1, 2, 3, 4, 5, 8, 12, 16])
        kh, kw = rng.randint(1, min(h, 4) if rng.random() < 0.5 else 4), rng.randint(1, 4)
        s = rng.choice([1, 1, 2])
        d = rng.choice([1, 1, 1, 2])
        pad = rng.choice(["SAME", "VALID"])
        if pad == "VALID" and ((kh - 1) * d + 1 > h or (kw - 1) * d + 1 > w):
            pad = "SAME"
        x = mb.input((1, h, w, c), "int8", 0.05, zp)
        act = rng.choice(["NONE", "RELU", "RELU6"])
        if kind == "conv":
            y = mb.conv2d(x, rng.choice([1, 2, 3, 4, 6, 8]), (kh, kw), stride=s, padding=pad, dilation=d, activation=act)
        else:
            y = mb.depthwise_conv2d(x, (kh, kw), stride=s, padding=pad, dilation=d, activation=act,
                                    depth_multiplier=rng.choice([1, 1, 2, 4, 8]))
    mb.output(y)
    path = os.path.join(work, f"k{t}.tflite")
    data = mb.build()
    open(path, "wb").write(data)
    model = tflite.load_model(data)
    sg = model.subgraphs[0]
    shape = sg.tensors[sg.inputs[0]].shape
    inp = np.array([rng.randint(-128, 127) for _ in range(int(np.prod(shape)))], np.int8).reshape(shape)
    exp = reference.run(model, [inp])[0].astype(np.int8).tobytes()
    try:
        r = run.run_model(path, target, [inp.tobytes()])
        ok = r["outputs"][0] == exp
    except Exception as e:
        ok = False
        print("ERR", t, kind, str(e)[:300])
    if not ok:
        fails += 1
        print("MISMATCH", t, kind, path, flush=True)
print(f"{count - fails}/{count} bit-exact on {target}")
sys.exit(1 if fails else 0)
