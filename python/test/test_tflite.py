"""Tests of the TFLite schema, reader (mcuq.tflite) and writer (mcuq.builder).

The shared real models are read from <repo>/../shared/models; those tests
skip, saying so, when the folder is absent (a user's clone has no models).
"""

import collections
import json
import sys
import unittest
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python"))

from mcuq import builder as B  # noqa: E402
from mcuq import fb  # noqa: E402
from mcuq.tflite import load_model  # noqa: E402

MODELS = REPO.parent / "shared" / "models"
HAVE_MODELS = MODELS.is_dir()
SKIP_MSG = f"shared models not found at {MODELS}"

# Op counts from shared/models/README.md.
EXPECTED_OPS = {
    "kws_ref_model": {"CONV_2D": 5, "DEPTHWISE_CONV_2D": 4,
                      "FULLY_CONNECTED": 1, "AVERAGE_POOL_2D": 1,
                      "RESHAPE": 1, "SOFTMAX": 1},
    "vww_96_int8": {"CONV_2D": 14, "DEPTHWISE_CONV_2D": 13,
                    "FULLY_CONNECTED": 1, "AVERAGE_POOL_2D": 1,
                    "RESHAPE": 1, "SOFTMAX": 1},
    "pretrainedResnet_quant": {"CONV_2D": 9, "ADD": 3, "FULLY_CONNECTED": 1,
                               "AVERAGE_POOL_2D": 1, "RESHAPE": 1,
                               "SOFTMAX": 1},
    "ad01_int8": {"FULLY_CONNECTED": 10},
    "model_ToyCar_quant_fullint_micro": {"QUANTIZE": 1, "FULLY_CONNECTED": 10,
                                         "DEQUANTIZE": 1},
    "hello_world_int8": {"FULLY_CONNECTED": 3},
    "person_detect": {"CONV_2D": 14, "DEPTHWISE_CONV_2D": 14,
                      "AVERAGE_POOL_2D": 1, "RESHAPE": 1, "SOFTMAX": 1},
    "micro_speech_quantized": {"DEPTHWISE_CONV_2D": 1, "FULLY_CONNECTED": 1,
                               "RESHAPE": 1, "SOFTMAX": 1},
    "keyword_scrambled": {"SVDF": 7, "FULLY_CONNECTED": 5, "QUANTIZE": 2,
                          "SOFTMAX": 1},
    "keyword_scrambled_8bit": {"SVDF": 7, "FULLY_CONNECTED": 5,
                               "QUANTIZE": 2, "SOFTMAX": 1},
    "trained_lstm_int8": {"UNIDIRECTIONAL_SEQUENCE_LSTM": 1,
                          "FULLY_CONNECTED": 1, "RESHAPE": 1, "SOFTMAX": 1},
    "micro_speech_lstm": {"UNIDIRECTIONAL_SEQUENCE_LSTM": 1,
                          "FULLY_CONNECTED": 1, "RESHAPE": 1, "SOFTMAX": 1},
    "dtln_noise_suppression": {"UNIDIRECTIONAL_SEQUENCE_LSTM": 2,
                               "FULLY_CONNECTED": 1, "LOGISTIC": 1},
}


def _load(stem):
    return load_model(MODELS / f"{stem}.tflite")


class SchemaTest(unittest.TestCase):
    def test_schema_ids(self):
        s = fb.schema()
        ops = s.enums["BuiltinOperator"].values
        self.assertEqual(ops["CONV_2D"], 3)
        self.assertEqual(ops["UNIDIRECTIONAL_SEQUENCE_LSTM"], 44)
        self.assertEqual(ops["QUANTIZE"], 114)
        self.assertEqual(ops["PLACEHOLDER_FOR_GREATER_OP_CODES"], 127)
        self.assertEqual(ops["RFFT2D"], 131)
        opts = s.unions["BuiltinOptions"]
        for name, uid in [("Conv2DOptions", 1), ("DepthwiseConv2DOptions", 2),
                          ("Pool2DOptions", 5), ("SVDFOptions", 6),
                          ("FullyConnectedOptions", 8), ("SoftmaxOptions", 9),
                          ("ConcatenationOptions", 10), ("AddOptions", 11),
                          ("LSTMOptions", 14), ("ReshapeOptions", 17),
                          ("MulOptions", 21), ("PadOptions", 22),
                          ("ReducerOptions", 27), ("SubOptions", 28),
                          ("DequantizeOptions", 38),
                          ("MaximumMinimumOptions", 39),
                          ("PadV2Options", 43),
                          ("UnidirectionalSequenceLSTMOptions", 71),
                          ("LeakyReluOptions", 75), ("QuantizeOptions", 89),
                          ("RightShiftOptions", 126)]:
            self.assertEqual(opts[name], uid, name)
        # Union members are numbered 1..126 without gaps.
        self.assertEqual(sorted(opts.values()), list(range(1, 127)))
        types = s.enums["TensorType"].values
        self.assertEqual((types["INT8"], types["INT16"], types["INT4"]),
                         (9, 7, 17))
        ids = {f.name: f.id for f in s.tables["Operator"]}
        self.assertEqual(ids["intermediates"], 8)
        self.assertEqual(ids["builtin_options_2"], 12)
        ids = {f.name: f.id for f in s.tables["Tensor"]}
        self.assertEqual((ids["has_rank"], ids["variant_tensors"]), (8, 9))

    def test_generated_package(self):
        pkg = fb.package()
        self.assertTrue(Path(pkg.__file__).is_relative_to(fb.generated_dir()))
        self.assertTrue(hasattr(fb.generated("Model"), "GetRootAs"))


@unittest.skipUnless(HAVE_MODELS, SKIP_MSG)
class SharedModelsTest(unittest.TestCase):
    def test_all_models_load_with_expected_ops(self):
        stems = sorted(p.stem for p in MODELS.glob("*.tflite"))
        self.assertEqual(sorted(EXPECTED_OPS), stems)
        for stem in stems:
            with self.subTest(model=stem):
                m = _load(stem)
                self.assertEqual(m.version, 3)
                self.assertEqual(len(m.subgraphs), 1)
                ops = collections.Counter(
                    o.opcode for o in m.subgraphs[0].operators)
                self.assertEqual(dict(ops), EXPECTED_OPS[stem])

    def test_io_matches_reference_json(self):
        for p in sorted(MODELS.glob("*.tflite")):
            ref = MODELS / "reference" / f"{p.stem}.json"
            if not ref.exists():
                continue
            info = json.loads(ref.read_text())
            g = load_model(p).subgraphs[0]
            with self.subTest(model=p.stem):
                for want, idx in zip(info["inputs"] + info["outputs"],
                                     g.inputs + g.outputs):
                    t = g.tensors[idx]
                    self.assertEqual(want["index"], idx)
                    self.assertEqual(want["name"], t.name)
                    self.assertEqual(np.dtype(want["dtype"]), t.dtype)
                    self.assertEqual(tuple(want["shape"]), t.shape)
                    if want.get("scale") is not None and t.quant is not None:
                        self.assertAlmostEqual(want["scale"],
                                               float(t.quant.scale[0]),
                                               delta=want["scale"] * 1e-6)
                        self.assertEqual(want["zero_point"],
                                         int(t.quant.zero_point[0]))

    def test_kws_known_tensors(self):
        g = _load("kws_ref_model").subgraphs[0]
        x = g.tensors[g.inputs[0]]
        self.assertEqual((x.name, x.shape, x.type_name),
                         ("input_1", (1, 49, 10, 1), "INT8"))
        self.assertAlmostEqual(float(x.quant.scale[0]), 0.584702909, places=8)
        self.assertEqual(int(x.quant.zero_point[0]), 83)
        conv = g.operators[0]
        self.assertEqual(conv.opcode, "CONV_2D")
        self.assertEqual(conv.options["padding"], "SAME")
        self.assertEqual((conv.options["stride_h"], conv.options["stride_w"]),
                         (2, 2))
        self.assertEqual(conv.options["fused_activation_function"], "RELU")
        f = g.tensors[conv.inputs[1]]
        self.assertEqual(f.shape, (64, 10, 4, 1))
        self.assertEqual((f.quant.axis, f.quant.scale.size), (0, 64))
        self.assertFalse(f.data.flags.writeable)
        self.assertEqual(f.data.shape, f.shape)
        dw = g.operators[1]
        self.assertEqual(dw.opcode, "DEPTHWISE_CONV_2D")
        w = g.tensors[dw.inputs[1]]
        self.assertEqual((w.shape, w.quant.axis), ((1, 3, 3, 64), 3))
        out = g.tensors[g.outputs[0]]
        self.assertEqual(float(out.quant.scale[0]), 1 / 256)
        self.assertEqual(int(out.quant.zero_point[0]), -128)

    def test_bias_scale_rule_holds(self):
        """bias scale == input scale * weight scale (per channel) in the
        converter's files: checks that per-channel data is read in order."""
        for stem in ("kws_ref_model", "vww_96_int8", "person_detect",
                     "pretrainedResnet_quant", "ad01_int8"):
            g = _load(stem).subgraphs[0]
            for op in g.operators:
                if op.opcode not in ("CONV_2D", "DEPTHWISE_CONV_2D",
                                     "FULLY_CONNECTED"):
                    continue
                x, w, b = (g.tensors[i] for i in op.inputs[:3])
                want = (x.quant.scale.astype(np.float64) *
                        w.quant.scale.astype(np.float64))
                np.testing.assert_allclose(b.quant.scale, want, rtol=1e-5,
                                           err_msg=f"{stem} op {op.index}")
                self.assertTrue((b.quant.zero_point == 0).all())
                self.assertEqual(b.type_name, "INT32")

    def test_odd_details(self):
        # person_detect (TOCO) stores quantized_dimension 3 on 1-D biases.
        g = _load("person_detect").subgraphs[0]
        b = g.tensors[g.operators[0].inputs[2]]
        self.assertEqual((b.shape, b.quant.axis), ((8,), 3))
        self.assertEqual(g.operators[0].options["depth_multiplier"], 8)
        # keyword_scrambled: int8 softmax with an int16 output, then an
        # int16 -> int32 QUANTIZE; SVDF state int16 (int8 in the 8-bit file).
        g = _load("keyword_scrambled").subgraphs[0]
        sm = g.operators[13]
        out = g.tensors[sm.outputs[0]]
        self.assertEqual((sm.opcode, out.type_name,
                          int(out.quant.zero_point[0])),
                         ("SOFTMAX", "INT16", -32768))
        self.assertEqual(g.tensors[g.outputs[0]].type_name, "INT32")
        svdf = g.operators[1]
        state = g.tensors[svdf.inputs[4]]
        self.assertTrue(state.is_variable)
        self.assertIsNone(state.data)
        self.assertEqual(state.type_name, "INT16")
        g8 = _load("keyword_scrambled_8bit").subgraphs[0]
        self.assertEqual(g8.tensors[g8.operators[1].inputs[4]].type_name,
                         "INT8")

    def test_lstm_layout(self):
        for stem in ("trained_lstm_int8", "micro_speech_lstm",
                     "dtln_noise_suppression"):
            g = _load(stem).subgraphs[0]
            for op in g.operators:
                if op.opcode != "UNIDIRECTIONAL_SEQUENCE_LSTM":
                    continue
                with self.subTest(model=stem, op=op.index):
                    self.assertEqual(len(op.inputs), 24)
                    self.assertEqual(op.inputs[9:12], [-1, -1, -1])
                    self.assertEqual(op.inputs[16:18], [-1, -1])
                    self.assertEqual(op.inputs[20:], [-1] * 4)
                    h, c = (g.tensors[i] for i in op.inputs[18:20])
                    self.assertTrue(h.is_variable and c.is_variable)
                    self.assertEqual((h.type_name, c.type_name),
                                     ("INT8", "INT16"))
                    out = g.tensors[op.outputs[0]]
                    self.assertEqual(h.quant, out.quant)
                    self.assertEqual(len(op.intermediates), 5)
                    inter = [g.tensors[i] for i in op.intermediates]
                    self.assertTrue(all(t.shape == (0,) for t in inter))
                    self.assertTrue(all(t.type_name == "FLOAT32" and
                                        t.quant is None for t in inter[:4]))
                    self.assertEqual(inter[4].quant, out.quant)
                    self.assertEqual(op.options["fused_activation_function"],
                                     "TANH")
                    self.assertEqual(op.options["time_major"], False)

    def test_float_io_model(self):
        g = _load("model_ToyCar_quant_fullint_micro").subgraphs[0]
        x = g.tensors[g.inputs[0]]
        self.assertEqual((x.type_name, x.quant), ("FLOAT32", None))
        self.assertEqual(g.operators[0].opcode, "QUANTIZE")

    def test_real_models_round_trip(self):
        for p in sorted(MODELS.glob("*.tflite")):
            with self.subTest(model=p.stem):
                m = load_model(p)
                self.assertEqual(load_model(B.write_model(m)), m)

    def test_external_buffers_round_trip(self):
        for stem in ("person_detect", "trained_lstm_int8"):
            m = _load(stem)
            data = B.write_model(m, external_buffers=True)
            self.assertGreater(len(data), len(B.write_model(m)))
            self.assertEqual(load_model(data), m)

    def test_bytes_and_path_inputs_agree(self):
        p = MODELS / "hello_world_int8.tflite"
        self.assertEqual(load_model(p), load_model(p.read_bytes()))
        self.assertEqual(load_model(str(p)),
                         load_model(bytearray(p.read_bytes())))


class ShapeHelpersTest(unittest.TestCase):
    def test_conv_output_size(self):
        self.assertEqual(B.conv_output_size(49, 10, 2, padding="SAME"), 25)
        self.assertEqual(B.conv_output_size(10, 4, 2, padding="SAME"), 5)
        self.assertEqual(B.conv_output_size(49, 10, 2, padding="VALID"), 20)
        self.assertEqual(B.conv_output_size(7, 3, 1, 2, "VALID"), 3)
        with self.assertRaises(ValueError):
            B.conv_output_size(2, 3, 1, 1, "VALID")

    def test_same_padding(self):
        self.assertEqual(B.same_padding(49, 10, 2), (4, 5))
        self.assertEqual(B.same_padding(5, 3, 1), (1, 1))
        self.assertEqual(B.same_padding(4, 3, 2), (0, 1))

    def test_shapes(self):
        self.assertEqual(B.conv2d_output_shape((1, 49, 10, 1), 64, (10, 4),
                                               2), (1, 25, 5, 64))
        self.assertEqual(B.pool2d_output_shape((1, 25, 5, 64), (25, 5)),
                         (1, 1, 1, 64))
        self.assertEqual(B.resolve_shape((1, 1, 1, 64), [1, -1]), (1, 64))


def _roundtrip(test, mb):
    m = mb.model()
    data = mb.build()
    test.assertEqual(data[4:8], b"TFL3")
    test.assertEqual(load_model(data), m)
    return m


class BuilderTest(unittest.TestCase):
    """Each op helper: write -> load gives identical dataclasses, and the
    quantization rules hold."""

    def single(self, fn, in_shape=(1, 8, 8, 4), dtype="int8", scale=0.05,
               zp=3, **kw):
        mb = B.ModelBuilder(seed=7)
        x = mb.input(in_shape, dtype, scale, zp if dtype == "int8" else 0)
        y = fn(mb, x, **kw)
        mb.output(y)
        return mb, _roundtrip(self, mb)

    def test_conv2d(self):
        for dtype in ("int8", "int16"):
            mb, m = self.single(lambda mb, x: mb.conv2d(
                x, 6, (3, 2), stride=(2, 1), padding="VALID", dilation=(1, 2),
                activation="RELU6"), dtype=dtype)
            g = m.subgraphs[0]
            op = g.operators[0]
            x, f, b, y = (g.tensors[i] for i in op.inputs + op.outputs)
            self.assertEqual(f.shape, (6, 3, 2, 4))
            self.assertEqual((f.quant.axis, f.quant.scale.size), (0, 6))
            self.assertTrue((f.quant.zero_point == 0).all())
            self.assertEqual(b.type_name,
                             "INT32" if dtype == "int8" else "INT64")
            np.testing.assert_allclose(
                b.quant.scale, x.quant.scale[0] * f.quant.scale, rtol=1e-6)
            self.assertEqual(y.shape, (1, 3, 6, 6))
            self.assertEqual(op.options["dilation_w_factor"], 2)
            if dtype == "int16":
                self.assertEqual(int(y.quant.zero_point[0]), 0)

    def test_depthwise(self):
        mb, m = self.single(lambda mb, x: mb.depthwise_conv2d(
            x, (3, 3), stride=2, depth_multiplier=2, dilation=1,
            activation="RELU"))
        g = m.subgraphs[0]
        op = g.operators[0]
        f = g.tensors[op.inputs[1]]
        self.assertEqual((f.shape, f.quant.axis), ((1, 3, 3, 8), 3))
        self.assertEqual(op.options["depth_multiplier"], 2)
        self.assertEqual(g.tensors[op.outputs[0]].shape, (1, 4, 4, 8))
        self.assertEqual(int(g.tensors[op.outputs[0]].quant.zero_point[0]),
                         -128)
        mb, m = self.single(lambda mb, x: mb.depthwise_conv2d(
            x, 3, dilation=2, padding="VALID", bias=False))
        op = m.subgraphs[0].operators[0]
        self.assertEqual(op.inputs[2], -1)
        self.assertEqual(m.subgraphs[0].tensors[op.outputs[0]].shape,
                         (1, 4, 4, 4))

    def test_fully_connected(self):
        mb, m = self.single(lambda mb, x: mb.fully_connected(
            x, 5, keep_num_dims=True), in_shape=(1, 3, 7))
        g = m.subgraphs[0]
        op = g.operators[0]
        self.assertEqual(g.tensors[op.outputs[0]].shape, (1, 3, 5))
        self.assertTrue(op.options["keep_num_dims"])
        self.assertEqual(g.tensors[op.inputs[1]].quant.scale.size, 1)
        mb, m = self.single(lambda mb, x: mb.fully_connected(
            x, 4, input_size=8 * 8 * 4))
        g = m.subgraphs[0]
        self.assertEqual(g.tensors[g.operators[0].outputs[0]].shape, (1, 4))
        self.single(lambda mb, x: mb.fully_connected(x, 3, activation="RELU"),
                    in_shape=(2, 6), dtype="int16")

    def test_pools(self):
        for name in ("average_pool2d", "max_pool2d"):
            mb, m = self.single(lambda mb, x: getattr(mb, name)(
                x, (3, 3), stride=2, padding="SAME"))
            g = m.subgraphs[0]
            x, y = g.tensors[0], g.tensors[g.operators[0].outputs[0]]
            self.assertEqual(y.shape, (1, 4, 4, 4))
            self.assertEqual(x.quant, y.quant)

    def test_elementwise(self):
        def graph(mb, x):
            c = mb.const(np.arange(4, dtype=np.int8).reshape(1, 1, 1, 4),
                         "int8", 0.1, 2)
            a = mb.add(x, c, activation="RELU")
            p = mb.mul(a, x)
            return mb.minimum(mb.maximum(p, p), p)
        mb, m = self.single(graph)
        ops = [o.opcode for o in m.subgraphs[0].operators]
        self.assertEqual(ops, ["ADD", "MUL", "MAXIMUM", "MINIMUM"])
        mb, m = self.single(lambda mb, x: mb.add(x, x), dtype="int16",
                            scale=2 ** -10)
        self.assertFalse(m.subgraphs[0].operators[0].options["pot_scale_int16"])

    def test_activations(self):
        def graph(mb, x):
            return mb.tanh(mb.logistic(mb.relu_n1_to_1(mb.relu6(mb.relu(x)))))
        mb, m = self.single(graph)
        g = m.subgraphs[0]
        lg = g.tensors[g.operators[3].outputs[0]]
        th = g.tensors[g.operators[4].outputs[0]]
        self.assertEqual((float(lg.quant.scale[0]),
                          int(lg.quant.zero_point[0])), (1 / 256, -128))
        self.assertEqual((float(th.quant.scale[0]),
                          int(th.quant.zero_point[0])), (1 / 128, 0))
        self.single(graph, dtype="int16", scale=2 ** -12)

    def test_softmax_variants(self):
        for dtype, out, want in (("int8", None, (1 / 256, -128)),
                                 ("int8", "int16", (1 / 65536, -32768)),
                                 ("int16", None, (1 / 32768, 0))):
            mb, m = self.single(lambda mb, x: mb.softmax(x, out_dtype=out),
                                in_shape=(1, 10), dtype=dtype)
            g = m.subgraphs[0]
            y = g.tensors[g.outputs[0]]
            self.assertEqual((float(y.quant.scale[0]),
                              int(y.quant.zero_point[0])), want)
            self.assertEqual(g.operators[0].options, {"beta": 1.0})

    def test_quantize_dequantize(self):
        mb = B.ModelBuilder()
        x = mb.input((1, 4), "float32")
        q = mb.quantize(x, "int8", 0.02, -5)
        r = mb.quantize(q, "int16", 2 ** -10, 0)
        mb.output(mb.dequantize(r))
        m = _roundtrip(self, mb)
        self.assertEqual([o.opcode for o in m.subgraphs[0].operators],
                         ["QUANTIZE", "QUANTIZE", "DEQUANTIZE"])
        self.assertIsNone(m.subgraphs[0].tensors[x].quant)

    def test_shape_ops(self):
        def graph(mb, x):
            p = mb.pad(x, [(0, 0), (1, 1), (2, 0), (0, 0)])
            v = mb.padv2(p, [(0, 0), (0, 1), (0, 1), (0, 0)], value=-0.5)
            mn = mb.mean(v, [1, 2], keep_dims=False)
            c = mb.concatenation([mn, mn, mn], axis=-1)
            return mb.reshape(c, [-1, 3, 4])
        mb, m = self.single(graph)
        g = m.subgraphs[0]
        shapes = [g.tensors[o.outputs[0]].shape for o in g.operators]
        self.assertEqual(shapes, [(1, 10, 10, 4), (1, 11, 11, 4), (1, 4),
                                  (1, 12), (1, 3, 4)])
        pv = g.operators[1]
        cv = g.tensors[pv.inputs[2]]
        self.assertEqual(cv.shape, ())
        self.assertEqual(int(cv.data), round(-0.5 / 0.05) + 3)
        self.assertEqual(g.operators[4].options, {"new_shape": [1, 3, 4]})

    def test_svdf(self):
        for state in ("int16", "int8"):
            mb, m = self.single(lambda mb, x: mb.svdf(
                x, 4, 6, rank=2, state_dtype=state), in_shape=(1, 20))
            g = m.subgraphs[0]
            op = g.operators[0]
            x, wf, wt, b, s = (g.tensors[i] for i in op.inputs)
            self.assertEqual((wf.shape, wt.shape, b.shape, s.shape),
                             ((8, 20), (8, 6), (4,), (1, 48)))
            self.assertEqual(wt.type_name, state.upper())
            self.assertTrue(s.is_variable)
            self.assertIsNone(s.data)
            np.testing.assert_allclose(
                b.quant.scale, s.quant.scale * wt.quant.scale, rtol=1e-6)
            self.assertEqual(op.options["rank"], 2)

    def test_lstm(self):
        for dtype in ("int8", "int16"):
            mb, m = self.single(lambda mb, x: mb.unidirectional_sequence_lstm(
                x, 6), in_shape=(1, 5, 3), dtype=dtype, scale=0.03)
            g = m.subgraphs[0]
            op = g.operators[0]
            self.assertEqual(len(op.inputs), 24)
            self.assertEqual(len(op.intermediates), 5)
            x = g.tensors[op.inputs[0]]
            h, c = g.tensors[op.inputs[18]], g.tensors[op.inputs[19]]
            self.assertEqual(c.type_name, "INT16")
            self.assertEqual(h.type_name, dtype.upper())
            self.assertEqual(h.quant, g.tensors[op.outputs[0]].quant)
            for gate in range(4):
                w = g.tensors[op.inputs[1 + gate]]
                b = g.tensors[op.inputs[12 + gate]]
                self.assertEqual(b.type_name,
                                 "INT32" if dtype == "int8" else "INT64")
                np.testing.assert_allclose(
                    b.quant.scale, x.quant.scale * w.quant.scale, rtol=1e-6)
            self.assertEqual(g.tensors[op.outputs[0]].shape, (1, 5, 6))

    def test_external_buffers(self):
        mb = B.ModelBuilder(seed=5)
        x = mb.input((1, 6, 6, 2))
        mb.output(mb.conv2d(x, 4, 3))
        mb.metadata["note"] = b"hello"
        m = mb.model()
        data = B.write_model(m, external_buffers=True)
        self.assertEqual(load_model(data), m)
        # The filter bytes sit in the trailing data area, once.
        filt = bytes(m.subgraphs[0].tensors[1].data.tobytes())
        self.assertEqual(data.count(filt), 1)
        self.assertGreater(data.index(filt), data.index(b"note"))
        with self.assertRaisesRegex(ValueError, "outside"):
            load_model(data[:-8])

    def test_deterministic(self):
        def make():
            mb = B.ModelBuilder(seed=3)
            x = mb.input((1, 6, 6, 2))
            mb.output(mb.conv2d(x, 4, 3))
            return mb.build()
        self.assertEqual(make(), make())

    def test_option_validation(self):
        mb = B.ModelBuilder()
        x = mb.input((1, 4))
        with self.assertRaises(ValueError):
            mb.op("SOFTMAX", [x], [x], {"betta": 1.0})
        with self.assertRaises(ValueError):
            mb.op("RELU", [x], [x], {"alpha": 1.0})
        with self.assertRaises(KeyError):
            mb.op("NOT_AN_OP", [x], [x])


class BadInputTest(unittest.TestCase):
    def test_malformed_files_raise(self):
        for kind in ("bad_identifier", "truncated", "empty",
                     "buffer_out_of_range", "buffer_size_mismatch",
                     "tensor_index_out_of_range"):
            with self.subTest(kind=kind):
                with self.assertRaises(ValueError):
                    load_model(B.bad_model(kind))

    def test_error_messages_name_the_culprit(self):
        with self.assertRaisesRegex(ValueError, r"tensor 1 .*buffer index"):
            load_model(B.bad_model("buffer_out_of_range"))
        with self.assertRaisesRegex(ValueError, r"tensor 1 .*needs 32"):
            load_model(B.bad_model("buffer_size_mismatch"))
        with self.assertRaisesRegex(ValueError, r"operator 0 .*input 0"):
            load_model(B.bad_model("tensor_index_out_of_range"))
        with self.assertRaisesRegex(ValueError, "identifier"):
            load_model(B.bad_model("bad_identifier"))

    def test_wellformed_but_unsupported_files_load(self):
        # The reader reports these faithfully; rejecting them is the
        # importer's job.
        ops = lambda m: [o.opcode for o in m.subgraphs[0].operators]
        self.assertIn("UNKNOWN_BUILTIN_250",
                      ops(load_model(B.bad_model("unknown_opcode"))))
        self.assertIn("RFFT2D",
                      ops(load_model(B.bad_model("unsupported_opcode"))))
        m = load_model(B.bad_model("custom_opcode"))
        self.assertEqual(m.subgraphs[0].operators[1].custom_options,
                         b"\x00\x01")
        self.assertIn("CUSTOM:mcuq_test_op", ops(m))
        self.assertEqual(load_model(B.bad_model("no_subgraphs")).subgraphs,
                         [])
        self.assertEqual(
            len(load_model(B.bad_model("multiple_subgraphs")).subgraphs), 2)
        m = load_model(B.bad_model("float_without_quant"))
        self.assertTrue(all(t.type_name == "FLOAT32" and t.quant is None
                            for t in m.subgraphs[0].tensors))

    @unittest.skipUnless(HAVE_MODELS, SKIP_MSG)
    def test_corrupted_real_model_never_crashes(self):
        data = (MODELS / "kws_ref_model.tflite").read_bytes()
        rng = np.random.default_rng(0)
        for _ in range(60):
            b = bytearray(data)
            for pos in rng.integers(8, len(b), size=16):
                b[pos] = int(rng.integers(0, 256))
            try:
                load_model(bytes(b))
            except ValueError:
                pass


class ExampleTest(unittest.TestCase):
    def test_bundled_example(self):
        path = REPO / "examples" / "tiny_kws.tflite"
        if not path.exists():
            self.skipTest(f"{path} not generated yet")
        m = load_model(path)
        g = m.subgraphs[0]
        x = g.tensors[g.inputs[0]]
        self.assertEqual((x.shape, x.type_name), ((1, 49, 10, 1), "INT8"))
        ops = [o.opcode for o in g.operators]
        self.assertEqual(ops[0], "CONV_2D")
        self.assertEqual(ops[-4:], ["AVERAGE_POOL_2D", "RESHAPE",
                                    "FULLY_CONNECTED", "SOFTMAX"])
        self.assertLess(path.stat().st_size, 30 * 1024)
        inp = REPO / "examples" / "tiny_kws.input.bin"
        self.assertEqual(inp.stat().st_size, 49 * 10)
        # The committed files are exactly what the generator makes.
        sys.path.insert(0, str(REPO / "examples"))
        try:
            import make_example
        finally:
            sys.path.remove(str(REPO / "examples"))
        self.assertEqual(make_example.build_model(), path.read_bytes())
        self.assertEqual(make_example.build_input(), inp.read_bytes())


if __name__ == "__main__":
    unittest.main()
