# Compares the compiler's compile-time fixed-point arithmetic (FixedPoint.h)
# with the python reference (python/mcuq/quant.py, itself checked against TFLM)
# on edge cases and many random inputs.
# RUN: %python %s mcuq-fixedpoint-eval

import random
import subprocess
import sys

import numpy as np
from mcuq import quant

INT32_MIN, INT32_MAX = -(1 << 31), (1 << 31) - 1
rng = random.Random(1234)
cases = []  # (line for the driver, expected output)


def add(fn, args, expected):
    cases.append((fn + " " + " ".join(str(a) for a in args), expected))


edge32 = [0, 1, -1, 2, -2, 3, INT32_MAX, INT32_MIN, INT32_MIN + 1, 1 << 30, -(1 << 30),
          (1 << 30) + 1, 12345, -12345]
rand32 = lambda: rng.randint(INT32_MIN, INT32_MAX)

for real in [0.0, 1.0, 0.5, 0.75, 3.0, 1e-9, 1e-10, 2.0 ** -32, 0.9999999999, 1234.5,
             0.0039215689, 0.584702909 * 0.01 / 0.2] + [rng.uniform(1e-6, 4.0) for _ in range(300)]:
    m, s = quant.quantize_multiplier(real)
    add("quantize_multiplier", [repr(real)], f"{m} {s}")

for _ in range(3000):
    a, b = rng.choice(edge32 + [rand32()]), rng.choice(edge32 + [rand32()])
    add("srdhm", [a, b], str(quant.saturating_rounding_doubling_high_mul(a, b)))
    x, e = rng.choice(edge32 + [rand32()]), rng.randint(0, 31)
    add("rdbpot", [x, e], str(quant.rounding_divide_by_pot(x, e)))
    x = rng.choice([rng.randint(-(1 << 20), 1 << 20), rand32()])
    m, s = rng.randint(1 << 30, INT32_MAX), rng.randint(-31, 6)
    if s > 0:
        x = max(min(x, (1 << (31 - s)) - 1), -(1 << (31 - s)))
    add("mbqm", [x, m, s], str(quant.multiply_by_quantized_multiplier(x, m, s)))
    x64 = rng.randint(-(1 << 46), 1 << 46)
    m, s = rng.randint(1 << 30, INT32_MAX), rng.randint(-31, 7)
    add("mbqm64", [x64, m, s], str(quant.multiply_by_quantized_multiplier_int64(x64, m, s)))

for _ in range(2000):
    bits = rng.choice([0, 1, 2, 3, 4, 5])
    a = -rng.randint(0, INT32_MAX)
    add("exp_on_negative_values", [a, bits], str(quant.exp_on_negative_values(a, bits)))
    a = rng.choice([rand32(), 0, rng.randint(-1000, 1000)])
    add("logistic", [a, 4], str(quant.fixed_point_logistic(a, 4)))
    add("tanh", [a, 4], str(quant.fixed_point_tanh(a, 4)))
    x = rng.choice([rng.randint(1, INT32_MAX), rng.randint(1, 1 << 20)])
    scale, nb = quant.get_reciprocal(x, 12)
    add("get_reciprocal", [x, 12], f"{scale} {nb}")

for x in list(range(-32768, 32768, 97)) + [-32768, 32767, 0]:
    for m, l in [(0, 0), (0, 1), (3, 0), (12288, 2), (25000, 7)]:
        add("logistic_int16", [x, m, l], str(quant.logistic_int16(x, m, l)))
        add("tanh_int16", [x, m, l], str(quant.tanh_int16(x, m, l)))

exp_lut = quant.gen_lut_int16(lambda v: np.float32(np.exp(np.float32(v))), -10, 0, -1, 1)
add("exp_lut", [], " ".join(str(int(v)) for v in exp_lut))
recip_lut = quant.gen_lut_int16(lambda v: np.float32(np.float32(1) / (np.float32(1) + np.float32(v))), 0, 1, -1, 1)
add("recip_lut", [], " ".join(str(int(v)) for v in recip_lut))

for v in [2.0 ** -11, 2.0 ** -12, 4.8828125e-4, 0.001, 1.0, 3.0517578125e-05, 0.0013]:
    l, pot = quant.checked_log2(v)
    add("checked_log2", [repr(v)], f"{l} {int(pot)}")

out = subprocess.run([sys.argv[1]], input="\n".join(c for c, _ in cases) + "\n",
                     capture_output=True, text=True, check=True).stdout.splitlines()
bad = [(c, e, g) for (c, e), g in zip(cases, out) if e.strip() != g.strip()]
assert len(out) == len(cases), (len(out), len(cases))
for c, e, g in bad[:20]:
    print(f"MISMATCH {c[:80]}: expected {e[:80]} got {g[:80]}")
print(f"{len(cases)} cases, {len(bad)} mismatches")
sys.exit(1 if bad else 0)
