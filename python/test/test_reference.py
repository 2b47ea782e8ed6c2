"""Tests of mcuq.quant (hand-checked values) and mcuq.reference (TFLM reference outputs).

The model tests read ../shared/models next to the repository and skip when it is absent.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

from mcuq import quant as Q
from mcuq import builder, reference, tflite

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(REPO), "shared", "models")
REF_DIR = os.path.join(SHARED, "reference")
I32_MIN, I32_MAX = Q.INT32_MIN, Q.INT32_MAX


class QuantizeMultiplierTest(unittest.TestCase):
    def test_powers_of_two(self):
        self.assertEqual(Q.quantize_multiplier(0.5), (1 << 30, 0))
        self.assertEqual(Q.quantize_multiplier(1.0), (1 << 30, 1))
        self.assertEqual(Q.quantize_multiplier(0.25), (1 << 30, -1))
        self.assertEqual(Q.quantize_multiplier(0.0), (0, 0))

    def test_greater_than_one(self):
        # 3 = 0.75 * 2^2 -> 0.75 * 2^31
        self.assertEqual(Q.quantize_multiplier(3.0), (1610612736, 2))
        self.assertEqual(Q.quantize_multiplier(1000.0), (2097152000, 10))
        self.assertEqual(Q.quantize_multiplier_greater_than_one(1.5), (1610612736, 1))

    def test_mantissa_rounds_half_away_from_zero(self):
        # frexp gives q = 0.5 + 2^-32 + ...; q * 2^31 = 2^30 + 0.5 exactly -> rounds up.
        real = 0.5 + 2.0 ** -32
        self.assertEqual(Q.quantize_multiplier(real), ((1 << 30) + 1, 0))
        real = 0.5 + 2.0 ** -33  # q * 2^31 = 2^30 + 0.25 -> rounds down
        self.assertEqual(Q.quantize_multiplier(real), (1 << 30, 0))

    def test_rounding_up_to_two_pow_31_renormalizes(self):
        # q = 1 - 2^-40 rounds to 2^31: TFLite halves it and bumps the shift.
        real = (1.0 - 2.0 ** -40) * 0.5
        self.assertEqual(Q.quantize_multiplier(real), (1 << 30, 0))

    def test_tiny_multiplier_flushes_to_zero(self):
        self.assertEqual(Q.quantize_multiplier(2.0 ** -40), (0, 0))
        # 2^-32 has frexp exponent -31: still representable.
        self.assertEqual(Q.quantize_multiplier(2.0 ** -32), (1 << 30, -31))

    def test_typical_conv_scale(self):
        m, s = Q.quantize_multiplier(0.0035)
        self.assertEqual(s, -8)
        self.assertEqual(m, 1924145349)  # round(0.0035 * 2^8 * 2^31)


class FixedPointPrimitiveTest(unittest.TestCase):
    def test_srdhm_saturates_only_min_times_min(self):
        self.assertEqual(Q.saturating_rounding_doubling_high_mul(I32_MIN, I32_MIN), I32_MAX)
        self.assertEqual(Q.saturating_rounding_doubling_high_mul(I32_MIN, I32_MAX), -I32_MAX)
        self.assertEqual(Q.saturating_rounding_doubling_high_mul(I32_MAX, I32_MAX), I32_MAX - 1)

    def test_srdhm_rounding(self):
        # Ties round toward +infinity: 1.5 -> 2 but -1.5 -> -1, because the negative nudge is
        # 1 - 2^30 (not -2^30) and the division truncates toward zero.
        self.assertEqual(Q.saturating_rounding_doubling_high_mul(3, 1 << 30), 2)
        self.assertEqual(Q.saturating_rounding_doubling_high_mul(-3, 1 << 30), -1)
        self.assertEqual(Q.saturating_rounding_doubling_high_mul(1, 1 << 30), 1)    # 0.5
        self.assertEqual(Q.saturating_rounding_doubling_high_mul(-1, 1 << 30), 0)   # -0.5
        # just past the tie rounds away from zero on both sides
        self.assertEqual(Q.saturating_rounding_doubling_high_mul(-3, (1 << 30) + 1), -2)
        # 5 * (2^30 - 1) / 2^31 = 2.4999999977 -> 2 ; negative -> -2
        self.assertEqual(Q.saturating_rounding_doubling_high_mul(5, (1 << 30) - 1), 2)
        self.assertEqual(Q.saturating_rounding_doubling_high_mul(-5, (1 << 30) - 1), -2)

    def test_rounding_divide_by_pot(self):
        self.assertEqual(Q.rounding_divide_by_pot(5, 1), 3)
        self.assertEqual(Q.rounding_divide_by_pot(-5, 1), -3)
        self.assertEqual(Q.rounding_divide_by_pot(-6, 2), -2)   # -1.5 -> -2
        self.assertEqual(Q.rounding_divide_by_pot(-5, 2), -1)   # -1.25 -> -1
        self.assertEqual(Q.rounding_divide_by_pot(6, 2), 2)     # 1.5 -> 2
        self.assertEqual(Q.rounding_divide_by_pot(123, 0), 123)
        self.assertEqual(Q.rounding_divide_by_pot(I32_MAX, 31), 1)
        self.assertEqual(Q.rounding_divide_by_pot(I32_MIN, 31), -1)
        self.assertEqual(Q.rounding_divide_by_pot(-(1 << 30), 31), -1)   # -0.5 -> -1
        self.assertEqual(Q.rounding_divide_by_pot(-(1 << 30) + 1, 31), 0)
        np.testing.assert_array_equal(
            Q.rounding_divide_by_pot(np.array([7, -7, 7]), np.array([1, 1, 2])), [4, -4, 2])

    def test_multiply_by_quantized_multiplier(self):
        m, s = Q.quantize_multiplier(0.5)
        self.assertEqual(Q.multiply_by_quantized_multiplier(3, m, s), 2)    # 1.5 -> 2
        # shift 0 leaves only SRDHM, whose ties go toward +infinity: -1.5 -> -1
        self.assertEqual(Q.multiply_by_quantized_multiplier(-3, m, s), -1)
        m, s = Q.quantize_multiplier(3.0)                                   # left shift 2
        self.assertEqual(Q.multiply_by_quantized_multiplier(100, m, s), 300)
        self.assertEqual(Q.multiply_by_quantized_multiplier(-100, m, s), -300)
        m, s = Q.quantize_multiplier(0.1)
        self.assertEqual(Q.multiply_by_quantized_multiplier(1000, m, s), 100)
        self.assertEqual(Q.multiply_by_quantized_multiplier(15, m, s), 2)   # 1.5 -> 2
        self.assertEqual(Q.multiply_by_quantized_multiplier(-15, m, s), -2)
        # shift -31: (2^31 - 1) * 0.5 / 2^31 = 0.49999.. but SRDHM first rounds to 2^30, and
        # 2^30 / 2^31 = 0.5 then rounds away from zero: double rounding gives 1.
        self.assertEqual(Q.multiply_by_quantized_multiplier(I32_MAX, 1 << 30, -31), 1)
        self.assertEqual(Q.multiply_by_quantized_multiplier(1 << 30, 1 << 30, -31), 0)
        self.assertEqual(Q.multiply_by_quantized_multiplier(0, 0, 0), 0)

    def test_double_rounding_differs_from_single_rounding(self):
        m, s = (1 << 30) + (1 << 29), -1    # 0.75 * 2^-1 = 0.375
        # exact 0.375 -> 0, but SRDHM(1, 0.75) = 1 and then 1/2 rounds up to 1.
        self.assertEqual(Q.multiply_by_quantized_multiplier(1, m, s), 1)
        self.assertEqual(Q.multiply_by_quantized_multiplier_single_rounding(1, m, s), 0)
        x = 4   # exact: 1.5
        self.assertEqual(Q.multiply_by_quantized_multiplier(x, m, s), 2)
        self.assertEqual(Q.multiply_by_quantized_multiplier_single_rounding(x, m, s), 2)
        x = 5   # 1.875: SRDHM(5, 0.75) = round(3.75) = 4, then 4/2 = 2; single: 2
        self.assertEqual(Q.multiply_by_quantized_multiplier(x, m, s), 2)
        m, s = (1 << 30) + 1, -2            # just above 0.125
        x = -12  # SRDHM gives -6 (ties away), /4 = -1.5 -> -2 ; exact -1.5000000014 -> -2
        self.assertEqual(Q.multiply_by_quantized_multiplier(x, m, s), -2)
        x = 4    # exact 0.5000000005: SRDHM -> 2, RDBPOT(2, 2) = 0.5 -> 1
        self.assertEqual(Q.multiply_by_quantized_multiplier(x, m, s), 1)
        x = -4   # -0.5000000005: SRDHM -> -2 then -0.5 -> -1
        self.assertEqual(Q.multiply_by_quantized_multiplier(x, m, s), -1)

    def test_multiply_by_quantized_multiplier_int64(self):
        m, s = Q.quantize_multiplier(0.5)       # reduced multiplier 2^14, total shift 15
        self.assertEqual(Q.multiply_by_quantized_multiplier_int64(3, m, s), 2)
        self.assertEqual(Q.multiply_by_quantized_multiplier_int64(-3, m, s), -1)  # floor(-1.5+.5)
        # the int64 result is truncated to int32 like C's cast: 2^39 -> 0
        self.assertEqual(Q.multiply_by_quantized_multiplier_int64(1 << 40, m, s), 0)
        # multipliers >= 0x7FFF0000 use 0x7FFF
        self.assertEqual(Q.multiply_by_quantized_multiplier_int64(1 << 20, I32_MAX, 0),
                         ((1 << 20) * 0x7FFF + (1 << 14)) >> 15)
        m, s = Q.quantize_multiplier(3.0)       # shift 2 -> total shift 13
        self.assertEqual(Q.multiply_by_quantized_multiplier_int64(1000, m, s), 3000)

    def test_saturating_rounding_multiply_by_pot(self):
        self.assertEqual(Q.saturating_rounding_multiply_by_pot(1 << 29, 2), I32_MAX)
        self.assertEqual(Q.saturating_rounding_multiply_by_pot(-(1 << 29), 2), I32_MIN)
        self.assertEqual(Q.saturating_rounding_multiply_by_pot(3, 2), 12)
        self.assertEqual(Q.saturating_rounding_multiply_by_pot(-3, -1), -2)

    def test_tflite_round(self):
        self.assertEqual(Q.tflite_round(2.5), 3.0)
        self.assertEqual(Q.tflite_round(-2.5), -3.0)
        self.assertEqual(Q.tflite_round(0.49999999999999994), 0.0)
        np.testing.assert_array_equal(
            Q.tflite_round(np.array([0.5, -0.5, 1.5, 8388609.0], dtype=np.float32)),
            np.array([1, -1, 2, 8388609], dtype=np.float32))

    def test_activation_range(self):
        # RELU6 on scale 0.0235/zp -128: 6 / 0.0235 = 255.3 -> 255 - 128 = 127
        self.assertEqual(Q.activation_range_quantized("RELU6", np.float32(0.0235), -128,
                                                      -128, 127), (-128, 127))
        self.assertEqual(Q.activation_range_quantized("RELU6", np.float32(0.05), 0,
                                                      -128, 127), (0, 120))
        self.assertEqual(Q.activation_range_quantized("RELU_N1_TO_1", np.float32(0.25), 3,
                                                      -128, 127), (-1, 7))

    def test_average_rounding(self):
        self.assertEqual(Q.rounding_average_div(7, 2), 4)
        self.assertEqual(Q.rounding_average_div(-7, 2), -4)
        self.assertEqual(Q.rounding_average_div(-5, 4), -1)
        self.assertEqual(Q.rounding_average_div(5, 9), 1)


class TranscendentalTest(unittest.TestCase):
    def test_exp_on_negative_values_accuracy(self):
        a = np.arange(-(32 << 26), 1, 1 << 19)
        r = np.asarray(Q.exp_on_negative_values(a, 5)) / 2.0 ** 31
        self.assertLess(np.max(np.abs(r - np.exp(a / 2.0 ** 26))), 1e-6)
        self.assertEqual(Q.exp_on_negative_values(0, 5), I32_MAX)

    def test_reciprocal(self):
        # 3.0 in Q12.19 has 11 leading zeros: one bit above the unit, so
        # 1/3 = shifted_scale * 2^-1 with shifted_scale = 1 / (1 + 0.5).
        scale, bits = Q.get_reciprocal(3 << 19, 12)
        self.assertEqual(bits, 1)
        self.assertAlmostEqual(scale / 2.0 ** 31, 2.0 / 3.0, places=6)

    def test_logistic_tanh_fixed_point(self):
        a = np.arange(-(8 << 27), 8 << 27, 1 << 20)
        lg = np.asarray(Q.fixed_point_logistic(a, 4)) / 2.0 ** 31
        th = np.asarray(Q.fixed_point_tanh(a, 4)) / 2.0 ** 31
        x = a / 2.0 ** 27
        self.assertLess(np.max(np.abs(lg - 1 / (1 + np.exp(-x)))), 1e-6)
        self.assertLess(np.max(np.abs(th - np.tanh(x))), 1e-6)
        self.assertEqual(Q.fixed_point_logistic(0, 4), 1 << 30)
        self.assertEqual(Q.fixed_point_tanh(0, 4), 0)

    def test_int16_lut_activations(self):
        x = np.arange(-32768, 32768)
        lg = np.asarray(Q.logistic_int16(x, 0, 0))
        th = np.asarray(Q.tanh_int16(x, 0, 0))
        self.assertLess(np.max(np.abs(lg / 32768 - 1 / (1 + np.exp(-x / 4096.0)))), 1e-4)
        self.assertLess(np.max(np.abs(th / 32768 - np.tanh(x / 4096.0))), 1e-4)
        self.assertEqual(Q.logistic_int16(0, 0, 0), 16384)
        # Q3.12 input 7.9998: table entry 191 interpolated, sigmoid(8) * 2^15 = 32757
        self.assertEqual(Q.logistic_int16(32767, 0, 0), 32757)
        # multiplier 3 << 1: |x| >> 9 >= 255 takes the saturated branch (0x7FFF << 10)
        self.assertEqual(Q.logistic_int16(32767, 0, 1), 32767)
        self.assertEqual(Q.logistic_int16(-32768, 0, 1), 1)
        self.assertEqual(Q.tanh_int16(0, 0, 0), 0)
        # tanh works at twice the resolution (>> 8), so Q3.12 +-8 already saturates
        self.assertEqual(Q.tanh_int16(32767, 0, 0), 32767)
        self.assertEqual(Q.tanh_int16(-32768, 0, 0), -32767)

    def test_gen_lut_exp(self):
        lut = Q.gen_lut_int16(lambda v: np.float32(np.exp(np.float64(v))), -10.0, 0.0, -1.0, 1.0)
        self.assertEqual(len(lut), 513)
        self.assertEqual(lut[512], 32767)                 # exp(0) saturates
        # 32767 is the last interpolation point before 0: exp(-10/65536 * 1) * 32767
        self.assertLessEqual(abs(Q.lut_lookup_int16(32767, lut) - 32762), 1)
        v = np.asarray(Q.lut_lookup_int16(np.arange(-32768, 32768, 97), lut)) / 32768.0
        x = (np.arange(-32768, 32768, 97) + 32768) / 65536.0 * 10.0 - 10.0
        self.assertLess(np.max(np.abs(v - np.exp(x))), 2e-4)


def _model_sets():
    if not os.path.isdir(REF_DIR):
        return []
    out = []
    for name in sorted(os.listdir(REF_DIR)):
        if name.endswith(".json"):
            with open(os.path.join(REF_DIR, name)) as f:
                meta = json.load(f)
            out.append((name[:-5], meta))
    return out


def _read(path, dtype):
    return np.fromfile(path, dtype=np.dtype(dtype).newbyteorder("<"))


@unittest.skipUnless(os.path.isdir(REF_DIR), "shared models not found at %s" % SHARED)
class SharedModelTest(unittest.TestCase):
    """Every shared model, every input set: outputs byte-identical to TFLM's."""

    def test_all_models_bit_exact(self):
        sets = _model_sets()
        self.assertTrue(sets)
        for stem, meta in sets:
            model = tflite.load_model(os.path.join(SHARED, meta["model"]))
            for s in meta["sets"]:
                with self.subTest(model=stem, input_set=s["set"]):
                    inputs = [_read(os.path.join(REF_DIR, f), d["dtype"])
                              for f, d in zip(s["input_files"], meta["inputs"])]
                    outputs = reference.run(model, inputs)
                    self.assertEqual(len(outputs), len(s["output_files"]))
                    for got, f, d in zip(outputs, s["output_files"], meta["outputs"]):
                        want = _read(os.path.join(REF_DIR, f), d["dtype"])
                        self.assertEqual(got.dtype, np.dtype(d["dtype"]))
                        self.assertEqual(list(got.shape), d["shape"])
                        self.assertEqual(got.astype(got.dtype.newbyteorder("<")).tobytes(),
                                         want.tobytes(),
                                         "%s/%s differs in %d elements" % (
                                             stem, s["set"],
                                             int((got.reshape(-1) != want).sum())))

    def test_state_dict_carries_variables(self):
        model = tflite.load_model(os.path.join(SHARED, "keyword_scrambled.tflite"))
        x = np.zeros((1, 96), dtype=np.int16)
        state = {}
        first = reference.run(model, [x], state)
        self.assertTrue(state)
        fresh = reference.run(model, [x])
        np.testing.assert_array_equal(first[0], fresh[0])
        for idx, value in state.items():
            t = model.subgraphs[0].tensors[idx]
            self.assertTrue(t.is_variable)
            self.assertEqual(value.shape, tuple(t.shape))

    def test_cli_writes_output_bytes(self):
        stem = "hello_world_int8"
        with open(os.path.join(REF_DIR, stem + ".json")) as f:
            meta = json.load(f)
        s = [x for x in meta["sets"] if x["set"] == "lcg"][0]
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.bin")
            env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "python"))
            subprocess.run([sys.executable, "-m", "mcuq.reference",
                            os.path.join(SHARED, meta["model"]),
                            "--input", os.path.join(REF_DIR, s["input_files"][0]),
                            "--output", out], check=True, env=env)
            with open(out, "rb") as f, open(os.path.join(REF_DIR, s["output_files"][0]),
                                            "rb") as g:
                self.assertEqual(f.read(), g.read())


class UnsupportedOpTest(unittest.TestCase):
    @unittest.skipUnless(os.path.isdir(SHARED), "shared models not found at %s" % SHARED)
    def test_unknown_op_names_op_and_index(self):
        model = tflite.load_model(os.path.join(SHARED, "hello_world_int8.tflite"))
        model.subgraphs[0].operators[1].opcode = "BATCH_MATMUL"
        with self.assertRaises(NotImplementedError) as cm:
            reference.run(model, [np.zeros((1, 1), dtype=np.int8)])
        self.assertIn("BATCH_MATMUL", str(cm.exception))
        self.assertIn("operator 1", str(cm.exception))


if __name__ == "__main__":
    unittest.main()


# ---------------------------------------------------------------------------------------------
# Single-op models from mcuq.builder: ops no shared model exercises. TFLM outputs are not
# available for them, so each is checked against a float evaluation of the op on the
# dequantized operands (within a small number of output steps).
# ---------------------------------------------------------------------------------------------

def _deq(t, q):
    if t.quant is None:
        return np.asarray(q, np.float64)
    s = t.quant.scale.astype(np.float64)
    z = t.quant.zero_point.astype(np.float64)
    if s.size > 1:
        shape = [1] * np.ndim(q)
        shape[t.quant.axis] = s.size
        s, z = s.reshape(shape), z.reshape(shape)
    else:
        s, z = s[0], z[0]
    return (np.asarray(q, np.float64) - z) * s


def _float_conv(x, w, b, stride, padding, dilation=(1, 1), depthwise=False):
    n, h, wd, c = x.shape
    kh, kw = w.shape[1], w.shape[2]
    sh, sw = stride
    dh, dw = dilation

    def out_pad(size, k, s, d):
        eff = (k - 1) * d + 1
        o = (size + s - 1) // s if padding == "SAME" else (size - eff + s) // s
        p = max(((o - 1) * s + eff - size) // 2, 0) if padding == "SAME" else 0
        return o, p
    oh, pt = out_pad(h, kh, sh, dh)
    ow, pl = out_pad(wd, kw, sw, dw)
    oc = w.shape[3] if depthwise else w.shape[0]
    y = np.zeros((n, oh, ow, oc))
    for oy in range(oh):
        for ox in range(ow):
            for ky in range(kh):
                for kx in range(kw):
                    iy, ix = oy * sh - pt + ky * dh, ox * sw - pl + kx * dw
                    if 0 <= iy < h and 0 <= ix < wd:
                        v = x[:, iy, ix, :]
                        if depthwise:
                            y[:, oy, ox, :] += np.repeat(v, oc // c, axis=1) * w[0, ky, kx, :]
                        else:
                            y[:, oy, ox, :] += v @ w[:, ky, kx, :].T
    return y + (0 if b is None else b)


class SyntheticOpTest(unittest.TestCase):
    def build_and_run(self, mb, inputs):
        model = tflite.load_model(mb.build())
        return model, reference.run(model, inputs)

    def rand(self, mb, idx, seed=1):
        t = mb.t(idx)
        lo, hi = (-128, 127) if t.type_name == "INT8" else (-4000, 4000)
        return np.random.default_rng(seed).integers(lo, hi + 1, size=t.shape).astype(t.dtype)

    def assert_close(self, model, out_idx, got, real, tol=1, act=(None, None)):
        t = model.subgraphs[0].tensors[out_idx]
        s, z = float(t.quant.scale[0]), int(t.quant.zero_point[0])
        lo, hi = {"INT8": (-128, 127), "INT16": (-32768, 32767)}[t.type_name]
        want = np.clip(np.round(real / s) + z, lo, hi)
        if act[0] is not None:
            want = np.clip(want, act[0], act[1])
        diff = np.abs(got.astype(np.int64) - want)
        self.assertLessEqual(int(diff.max()), tol, "max step error %d" % diff.max())

    def weights(self, model, op_index):
        sg = model.subgraphs[0]
        op = sg.operators[op_index]
        return [None if i < 0 else _deq(sg.tensors[i], sg.tensors[i].data)
                for i in op.inputs[1:]]

    def test_conv_variants(self):
        for dtype, stride, dil, pad in (("int8", 2, 1, "SAME"), ("int8", 1, 2, "VALID"),
                                        ("int16", 1, 1, "SAME")):
            mb = builder.ModelBuilder(seed=3)
            x = mb.input((1, 9, 8, 3), dtype)
            y = mb.conv2d(x, 5, (3, 3), stride=stride, dilation=dil, padding=pad,
                          activation="RELU")
            mb.output(y)
            xv = self.rand(mb, x)
            model, (got,) = self.build_and_run(mb, [xv])
            w, b = self.weights(model, 0)
            real = np.maximum(_float_conv(_deq(mb.t(x), xv), w, b, (stride, stride), pad,
                                          (dil, dil)), 0)
            with self.subTest(dtype=dtype, stride=stride, dilation=dil):
                self.assert_close(model, y, got, real)

    def test_depthwise_variants(self):
        for dtype, mult in (("int8", 2), ("int16", 1)):
            mb = builder.ModelBuilder(seed=4)
            x = mb.input((1, 7, 7, 3), dtype)
            y = mb.depthwise_conv2d(x, (3, 3), stride=2, depth_multiplier=mult)
            mb.output(y)
            xv = self.rand(mb, x)
            model, (got,) = self.build_and_run(mb, [xv])
            w, b = self.weights(model, 0)
            real = _float_conv(_deq(mb.t(x), xv), w, b, (2, 2), "SAME", depthwise=True)
            with self.subTest(dtype=dtype):
                self.assert_close(model, y, got, real)

    def test_fully_connected_variants(self):
        for dtype, per_channel in (("int8", True), ("int16", False)):
            mb = builder.ModelBuilder(seed=5)
            x = mb.input((2, 20), dtype)
            y = mb.fully_connected(x, 7, per_channel=per_channel)
            mb.output(y)
            xv = self.rand(mb, x)
            model, (got,) = self.build_and_run(mb, [xv])
            w, b = self.weights(model, 0)
            real = _deq(mb.t(x), xv) @ w.T + b
            with self.subTest(dtype=dtype):
                self.assert_close(model, y, got, real)

    def test_pools(self):
        mb = builder.ModelBuilder(seed=6)
        x = mb.input((1, 7, 6, 4))
        a = mb.average_pool2d(x, 3, stride=2, padding="SAME")
        m = mb.max_pool2d(x, 3, stride=2, padding="SAME")
        mb.output(a, m)
        xv = self.rand(mb, x)
        model, (ga, gm) = self.build_and_run(mb, [xv])
        xf = xv.astype(np.float64)
        # SAME: rows pad (1, 1); columns need one in total, which goes after (0, 1).
        pad = np.pad(xf, ((0, 0), (1, 1), (0, 1), (0, 0)), constant_values=np.nan)
        win = np.stack([pad[:, dy:dy + 7:2, dx:dx + 6:2, :] for dy in range(3)
                        for dx in range(3)])
        np.testing.assert_array_equal(gm, np.nanmax(win, axis=0))
        mean = np.nanmean(win, axis=0)
        self.assertLessEqual(np.abs(ga - mean).max(), 0.5)

    def test_add_mul_broadcast(self):
        for op in ("add", "mul"):
            for dtype in ("int8", "int16"):
                mb = builder.ModelBuilder(seed=7)
                a = mb.input((1, 4, 5, 3), dtype, name="a")
                b = mb.input((1, 1, 5, 3), dtype, scale=0.03 if dtype == "int8" else 2 ** -11,
                             name="b")
                y = getattr(mb, op)(a, b, activation="RELU6" if dtype == "int8" else "NONE")
                mb.output(y)
                av, bv = self.rand(mb, a, 1), self.rand(mb, b, 2)
                model, (got,) = self.build_and_run(mb, [av, bv])
                fa, fb = _deq(mb.t(a), av), _deq(mb.t(b), bv)
                real = fa + fb if op == "add" else fa * fb
                if dtype == "int8":
                    real = np.clip(real, 0, 6)
                with self.subTest(op=op, dtype=dtype):
                    self.assert_close(model, y, got, real)

    def test_activations(self):
        cases = [("relu", "int8", lambda v: np.maximum(v, 0), 1),
                 ("relu6", "int8", lambda v: np.clip(v, 0, 6), 1),
                 ("relu_n1_to_1", "int8", lambda v: np.clip(v, -1, 1), 1),
                 ("logistic", "int8", lambda v: 1 / (1 + np.exp(-v)), 1),
                 ("tanh", "int8", np.tanh, 1),
                 ("logistic", "int16", lambda v: 1 / (1 + np.exp(-v)), 1),
                 ("tanh", "int16", np.tanh, 1)]
        for name, dtype, fn, tol in cases:
            mb = builder.ModelBuilder(seed=8)
            scale = 0.05 if dtype == "int8" else 2.0 ** -12
            x = mb.input((3, 50), dtype, scale=scale, zero_point=7 if dtype == "int8" else 0)
            y = getattr(mb, name)(x)
            mb.output(y)
            xv = self.rand(mb, x)
            model, (got,) = self.build_and_run(mb, [xv])
            with self.subTest(op=name, dtype=dtype):
                self.assert_close(model, y, got, fn(_deq(mb.t(x), xv)), tol)

    def test_softmax(self):
        for dtype, out in (("int8", None), ("int8", "int16"), ("int16", None)):
            mb = builder.ModelBuilder(seed=9)
            x = mb.input((2, 10), dtype, scale=0.1 if dtype == "int8" else 2 ** -11,
                         zero_point=3 if dtype == "int8" else 0)
            y = mb.softmax(x, out_dtype=out)
            mb.output(y)
            xv = self.rand(mb, x)
            model, (got,) = self.build_and_run(mb, [xv])
            v = _deq(mb.t(x), xv)
            e = np.exp(v - v.max(axis=1, keepdims=True))
            with self.subTest(dtype=dtype, out=out):
                self.assert_close(model, y, got, e / e.sum(axis=1, keepdims=True),
                                  tol=1)

    def test_quantize_dequantize(self):
        mb = builder.ModelBuilder(seed=10)
        x = mb.input((4, 6), "float32")
        q8 = mb.quantize(x, "int8", scale=0.02, zero_point=-5)
        q16 = mb.quantize(q8, "int16", scale=2.0 ** -10)
        back = mb.quantize(q16, "int8", scale=0.05, zero_point=3)
        deq = mb.dequantize(back)
        mb.output(q8, q16, back, deq)
        xv = np.linspace(-3, 3, 24, dtype=np.float32).reshape(4, 6)
        model, (g8, g16, gb, gd) = self.build_and_run(mb, [xv])
        self.assert_close(model, q8, g8, xv)
        self.assert_close(model, q16, g16, _deq(mb.t(q8), g8))
        self.assert_close(model, back, gb, _deq(mb.t(q16), g16))
        np.testing.assert_array_equal(gd, ((gb.astype(np.float64) - 3) * np.float32(0.05))
                                      .astype(np.float32))

    def test_mean_pad_concat_max_min(self):
        mb = builder.ModelBuilder(seed=11)
        x = mb.input((1, 4, 5, 3), zero_point=-10, name="x")
        z = mb.input((1, 4, 5, 2), zero_point=-10, name="z")
        m1 = mb.mean(x, [1, 2], keep_dims=True, out_scale=0.01, out_zero_point=4)
        m2 = mb.mean(x, [-1], keep_dims=False)
        p = mb.pad(x, [(0, 0), (1, 2), (0, 1), (0, 0)])
        p2 = mb.padv2(x, [(0, 0), (0, 0), (2, 0), (0, 0)], value=0.5)
        c = mb.concatenation([x, z], axis=-1)
        mx = mb.maximum(x, mb.input((1, 1, 1, 3), zero_point=-10, name="w"))
        mb.output(m1, m2, p, p2, c, mx)
        xv, zv = self.rand(mb, x, 1), self.rand(mb, z, 2)
        wv = np.array([-50, 0, 50], np.int8).reshape(1, 1, 1, 3)
        model, (g1, g2, gp, gp2, gc, gm) = self.build_and_run(mb, [xv, zv, wv])
        fx = _deq(mb.t(x), xv)
        self.assert_close(model, m1, g1, fx.mean(axis=(1, 2), keepdims=True))
        self.assert_close(model, m2, g2, fx.mean(axis=-1))
        self.assertEqual(gp.shape, (1, 7, 6, 3))
        self.assertTrue(np.all(gp[:, 0] == -10) and np.all(gp[:, :, 5] == -10))
        np.testing.assert_array_equal(gp[:, 1:5, :5], xv)
        self.assertTrue(np.all(gp2[:, :, :2] == -10 + 32))       # 0.5 / (1/64)
        np.testing.assert_array_equal(gc, np.concatenate([xv, zv], axis=-1))
        np.testing.assert_array_equal(gm, np.maximum(xv, wv))

    def test_stateful_ops_run(self):
        for kind in ("svdf16", "svdf8", "lstm8", "lstm16"):
            mb = builder.ModelBuilder(seed=12)
            if kind.startswith("svdf"):
                x = mb.input((1, 12))
                y = mb.svdf(x, 4, 5, rank=2,
                            state_dtype="int16" if kind == "svdf16" else "int8")
            else:
                dtype = "int8" if kind == "lstm8" else "int16"
                x = mb.input((2, 5, 6), dtype)
                y = mb.unidirectional_sequence_lstm(x, 4)
            mb.output(y)
            model = tflite.load_model(mb.build())
            state = {}
            xv = self.rand(mb, x)
            first = reference.run(model, [xv], state)[0]
            second = reference.run(model, [xv], state)[0]
            fresh = reference.run(model, [xv])[0]
            with self.subTest(kind=kind):
                self.assertEqual(first.shape, tuple(mb.t(y).shape))
                np.testing.assert_array_equal(first, fresh)
                self.assertTrue(state)
                if kind.startswith("svdf"):
                    self.assertFalse(np.array_equal(first, second))   # memory moved on
