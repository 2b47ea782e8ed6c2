#!/usr/bin/env python3
"""Generate mcuq's bundled example: a tiny DS-CNN keyword-spotting model.

    /usr/bin/python3 examples/make_example.py [out_dir]

writes tiny_kws.tflite and tiny_kws.input.bin (490 int8 bytes, row-major
1x49x10x1). The architecture follows the MLPerf Tiny KWS network at a
smaller width: CONV_2D 10x4 stride 2, three DEPTHWISE_CONV_2D 3x3 +
CONV_2D 1x1 blocks with RELU, AVERAGE_POOL_2D over the whole map, RESHAPE,
FULLY_CONNECTED to 12 classes and SOFTMAX. Weights are random but seeded,
so the output is byte-for-byte reproducible; the model is made by
mcuq.builder, not derived from any trained network.
"""

import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "python"))

from mcuq.builder import ModelBuilder  # noqa: E402

SEED = 20240601
WIDTH = 32
CLASSES = 12
IN_SCALE, IN_ZERO_POINT = 0.5, 16


def build_model() -> bytes:
    mb = ModelBuilder(seed=SEED, description="mcuq tiny_kws example")
    x = mb.input((1, 49, 10, 1), "int8", IN_SCALE, IN_ZERO_POINT,
                 name="mfcc")
    y = mb.conv2d(x, WIDTH, (10, 4), stride=2, padding="SAME",
                  activation="RELU", name="conv0")
    for i in range(1, 4):
        y = mb.depthwise_conv2d(y, (3, 3), padding="SAME", activation="RELU",
                                name=f"block{i}/depthwise")
        y = mb.conv2d(y, WIDTH, (1, 1), activation="RELU",
                      name=f"block{i}/pointwise")
    _, h, w, _ = mb.t(y).shape
    y = mb.average_pool2d(y, (h, w), name="pool")
    y = mb.reshape(y, [1, WIDTH], name="flatten")
    # Small logits keep the softmax away from one-hot outputs.
    y = mb.fully_connected(y, CLASSES, gain=0.1, name="logits")
    mb.output(mb.softmax(y, name="probabilities"))
    return mb.build()


def build_input() -> bytes:
    """A smooth, speech-like feature map: a few bands of energy that drift
    over time plus noise, quantized with the input's parameters."""
    rng = np.random.default_rng(SEED + 1)
    t = np.arange(49)[:, None]
    f = np.arange(10)[None, :]
    real = (20.0 * np.exp(-((f - 3 - 2 * np.sin(t / 8.0)) ** 2) / 4.0)
            - 8.0 * (f / 9.0) + rng.normal(0.0, 2.0, size=(49, 10)))
    q = np.clip(np.round(real / IN_SCALE) + IN_ZERO_POINT, -128, 127)
    return q.astype(np.int8).tobytes()


def main(argv):
    out = Path(argv[1]) if len(argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)
    (out / "tiny_kws.tflite").write_bytes(build_model())
    (out / "tiny_kws.input.bin").write_bytes(build_input())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
