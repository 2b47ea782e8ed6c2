"""A tiny model that exercises every kind of code mcuq emits for an MCU: float32
QUANTIZE/DEQUANTIZE at the edges (float helpers on soft-float cores),
convolution, depthwise convolution, pooling, fully connected and softmax
(requantization, 64-bit products, division on some cores), reshape (copies).

    tiny_model.py <output.tflite>
"""

import sys

from mcuq.builder import ModelBuilder


def build():
    mb = ModelBuilder(seed=7, description="mcuq object/header test model")
    x = mb.input((1, 8, 8, 3), "float32", name="image")
    q = mb.quantize(x, "int8", 0.02, -5, name="quantized")
    c = mb.conv2d(q, 8, (3, 3), stride=2, activation="RELU", name="conv")
    d = mb.depthwise_conv2d(c, (3, 3), activation="RELU6", name="dw")
    p = mb.average_pool2d(d, (2, 2), name="pool")
    r = mb.reshape(p, (1, -1), name="flat")
    f = mb.fully_connected(r, 6, name="fc")
    s = mb.softmax(f, name="probs")
    mb.output(s, mb.dequantize(s, name="probs_float"))
    return mb.build()


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as out:
        out.write(build())
