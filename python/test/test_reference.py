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
from mcuq import reference, tflite

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
