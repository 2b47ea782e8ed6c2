"""Small .tflite files for the importer's lit tests.

    models.py <case> <output.tflite>
    models.py --list
    models.py --all <directory>     (every case but `large`, as <case>.tflite)

Well-formed cases use mcuq.builder.ModelBuilder; the listed bad inputs come
from mcuq.builder.bad_model. A few broken files need fields the builder does
not write (shape_signature, sparsity, raw enum values): `_raw_model` writes
those with the flatc-generated accessors directly.
"""

import struct
import sys

import flatbuffers
import numpy as np

from mcuq import fb
from mcuq.builder import (BAD_KINDS, FILE_IDENTIFIER, ModelBuilder,
                          bad_model, write_model)
from mcuq.tflite import Quant, load_model

CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def _x(mb, shape=(1, 8, 8, 4), dtype="int8", scale=0.05, zp=-3,
       name="input"):
    return mb.input(shape, dtype, scale, zp if dtype == "int8" else 0,
                    name=name)


# ---------------------------------------------------------------------------
# One model per op family; every op reads the input, every result is an
# output, so each attribute mapping shows up once.
# ---------------------------------------------------------------------------

@case
def conv2d():
    mb = ModelBuilder(seed=1, description="conv2d cases")
    x = _x(mb, (1, 7, 9, 3))
    # SAME with odd sizes and stride 2 (4x5 out), VALID with unequal strides,
    # dilation, per-tensor weights, no bias; one per fused activation.
    mb.output(mb.conv2d(x, 4, (3, 3), stride=2, padding="SAME",
                        name="same_s2"))
    mb.output(mb.conv2d(x, 2, (3, 2), stride=(1, 2), padding="VALID",
                        activation="RELU", name="valid_s12"))
    mb.output(mb.conv2d(x, 2, (3, 3), dilation=(2, 3), padding="SAME",
                        activation="RELU6", name="dilated"))
    mb.output(mb.conv2d(x, 2, (1, 1), per_channel=False, bias=False,
                        activation="RELU_N1_TO_1", name="per_tensor"))
    return mb.build()


@case
def conv2d_int16():
    mb = ModelBuilder(seed=2, description="16x8 conv")
    x = _x(mb, (1, 5, 5, 2), "int16", 2.0 ** -10)
    mb.output(mb.conv2d(x, 3, (3, 3), name="conv16"))
    return mb.build()


@case
def conv2d_int4():
    """int4 filter (two per byte in the file)."""
    mb = ModelBuilder(seed=3, description="int4 filter")
    x = _x(mb, (1, 4, 4, 2))
    w = mb.tensor("w4", (2, 1, 1, 2), "INT4", [0.5, 0.25], 0, axis=0,
                  data=np.array([-8, 7, 1, -1], np.int8).reshape(2, 1, 1, 2))
    b = mb.const(np.array([3, -3], np.int32), "int32", [0.025, 0.0125],
                 name="b4")
    y = mb.activation((1, 4, 4, 2), "int8", 0.1, 0, name="conv4")
    mb.op("CONV_2D", [x, w, b], [y], {"padding": "VALID", "stride_w": 1,
                                        "stride_h": 1})
    mb.output(y)
    return mb.build()


@case
def depthwise():
    mb = ModelBuilder(seed=4, description="depthwise cases")
    x = _x(mb, (1, 9, 7, 3))
    mb.output(mb.depthwise_conv2d(x, (3, 3), stride=2, depth_multiplier=2,
                                  activation="RELU6", name="mult2"))
    mb.output(mb.depthwise_conv2d(x, (2, 2), padding="VALID",
                                  dilation=(2, 1), name="dilated"))
    # Newer converters store 0; TFLite derives the multiplier from shapes.
    y = mb.depthwise_conv2d(x, (3, 3), depth_multiplier=3, name="mult_opt0")
    mb.operators[-1].options["depth_multiplier"] = 0
    mb.output(y)
    return mb.build()


@case
def fully_connected():
    mb = ModelBuilder(seed=5, description="fc cases")
    x = _x(mb, (2, 3, 8))
    mb.output(mb.fully_connected(x, 5, keep_num_dims=True, activation="RELU",
                                 name="keep"))
    mb.output(mb.fully_connected(x, 4, name="flatten"))
    mb.output(mb.fully_connected(x, 6, bias=False, per_channel=True,
                                 name="nobias_pc"))
    # A 4-D input (micro_speech feeds its conv output straight in).
    x4 = _x(mb, (1, 2, 2, 4), name="input4d")
    mb.output(mb.fully_connected(x4, 3, name="from4d"))
    return mb.build()


@case
def fully_connected_int16():
    mb = ModelBuilder(seed=6, description="16x8 fc")
    x = _x(mb, (1, 16), "int16", 2.0 ** -11)
    mb.output(mb.fully_connected(x, 4, name="fc16"))
    return mb.build()


@case
def pool():
    mb = ModelBuilder(seed=7, description="pool cases")
    x = _x(mb, (1, 7, 9, 4))
    mb.output(mb.average_pool2d(x, (3, 3), stride=2, padding="SAME",
                                name="avg_same"))
    mb.output(mb.average_pool2d(x, (7, 9), name="avg_global"))
    mb.output(mb.max_pool2d(x, (2, 3), stride=(2, 1), padding="VALID",
                            activation="RELU", name="max_valid"))
    return mb.build()


@case
def elementwise():
    mb = ModelBuilder(seed=8, description="elementwise cases")
    a = _x(mb, (1, 4, 4, 8), name="a")
    b = _x(mb, (1, 1, 1, 8), scale=0.07, zp=5, name="b")
    mb.output(mb.add(a, b, activation="RELU6", name="add_bcast"))
    mb.output(mb.mul(a, b, activation="RELU_N1_TO_1", name="mul"))
    c = _x(mb, (1, 4, 4, 8), name="c")
    mb.output(mb.maximum(a, c, name="max"))
    mb.output(mb.minimum(a, c, name="min"))
    a16 = _x(mb, (4,), "int16", 2.0 ** -12, name="a16")
    b16 = _x(mb, (4,), "int16", 2.0 ** -11, name="b16")
    mb.output(mb.add(a16, b16, name="add16"))
    return mb.build()


@case
def shapes():
    mb = ModelBuilder(seed=9, description="reshape family")
    x = _x(mb, (1, 1, 1, 12))
    mb.output(mb.reshape(x, (-1, 12), name="reshape"))
    y = mb.activation((12,), "int8", 0.05, -3, name="squeezed")
    mb.op("SQUEEZE", [x], [y], {"squeeze_dims": [0, 1, 2]})
    mb.output(y)
    axis = mb.const(np.array(0, np.int32), name="axis")
    z = mb.activation((1, 1, 1, 1, 12), "int8", 0.05, -3, name="expanded")
    mb.op("EXPAND_DIMS", [x, axis], [z])
    mb.output(z)
    return mb.build()


@case
def nonlinear():
    mb = ModelBuilder(seed=10, description="nonlinearities")
    x = _x(mb, (1, 10))
    mb.output(mb.softmax(x, beta=0.5, name="softmax"))
    mb.output(mb.softmax(x, out_dtype="int16", name="softmax16"))
    mb.output(mb.logistic(x, name="logistic"))
    mb.output(mb.tanh(x, name="tanh"))
    x16 = _x(mb, (1, 10), "int16", 2.0 ** -12, name="input16")
    mb.output(mb.logistic(x16, name="logistic16"))
    mb.output(mb.tanh(x16, name="tanh16"))
    mb.output(mb.relu(x, name="relu"))
    mb.output(mb.relu6(x, 0.03, -128, name="relu6"))
    mb.output(mb.relu_n1_to_1(x, name="relu_n1_to_1"))
    y = mb.activation((1, 10), "int8", 0.05, -3, name="relu_0_to_1")
    mb.op("RELU_0_TO_1", [x], [y])
    mb.output(y)
    return mb.build()


@case
def quantize():
    mb = ModelBuilder(seed=11, description="quantize cases")
    f = mb.input((1, 6), "float32", name="float_in")
    q = mb.quantize(f, "int8", 0.02, 7, name="q8")
    mb.output(mb.dequantize(q, name="float_out"))
    mb.output(mb.quantize(q, "int8", 0.04, -1, name="requant"))
    x16 = _x(mb, (1, 6), "int16", 2.0 ** -12, name="input16")
    mb.output(mb.quantize(x16, "int32", 2.0 ** -15, 0, name="to_i32"))
    return mb.build()


@case
def mean():
    mb = ModelBuilder(seed=12, description="mean cases")
    x = _x(mb, (1, 4, 6, 8))
    y = mb.mean(x, [1, 2], keep_dims=True, name="keep")
    mb.output(y)
    # Negative and repeated axes in the file, keep_dims false.
    z = mb.mean(x, [1, 2], keep_dims=False, out_scale=0.02,
                out_zero_point=4, name="drop")
    axes_tensor = mb.operators[-1].inputs[1]
    mb.tensors[axes_tensor].data = np.array([-2, 1, -3], np.int32)
    mb.tensors[axes_tensor].shape = (3,)
    mb.output(z)
    return mb.build()


@case
def pad():
    mb = ModelBuilder(seed=13, description="pad cases")
    x = _x(mb, (1, 3, 3, 2))
    mb.output(mb.pad(x, [(0, 0), (1, 2), (2, 1), (0, 0)], name="pad"))
    mb.output(mb.padv2(x, [(0, 0), (1, 1), (0, 0), (0, 3)], value=1.0,
                       name="padv2"))
    x16 = _x(mb, (2, 3), "int16", 2.0 ** -12, name="input16")
    mb.output(mb.padv2(x16, [(1, 0), (0, 2)], value=-0.5, name="padv2_16"))
    return mb.build()


@case
def concat():
    mb = ModelBuilder(seed=14, description="concatenation cases")
    a = _x(mb, (1, 2, 2, 3), name="a")
    b = _x(mb, (1, 2, 2, 5), name="b")
    mb.output(mb.concatenation([a, b], axis=-1, activation="RELU",
                               name="concat_neg"))
    mb.output(mb.concatenation([a, a, a], axis=1, name="concat_1"))
    return mb.build()


@case
def svdf():
    mb = ModelBuilder(seed=15, description="svdf cases")
    x = _x(mb, (1, 12))
    y = mb.svdf(x, 4, 3, rank=2, activation="RELU", name="svdf16")
    mb.output(y)
    z = mb.svdf(x, 2, 5, rank=1, activation="NONE", state_dtype="int8",
                name="svdf8")
    # int8 state with a non-zero zero point, as keyword_scrambled_8bit.
    state = mb.operators[-1].inputs[4]
    t = mb.tensors[state]
    t.quant = Quant(t.quant.scale.copy(), np.array([-7], np.int64), 0)
    mb.output(z)
    return mb.build()


@case
def lstm():
    mb = ModelBuilder(seed=16, description="lstm cases")
    x = _x(mb, (1, 5, 6))
    mb.output(mb.unidirectional_sequence_lstm(x, 4, name="lstm8"))
    x16 = _x(mb, (3, 1, 6), "int16", 2.0 ** -12, name="input16")
    mb.output(mb.unidirectional_sequence_lstm(x16, 2, time_major=True,
                                              cell_clip=0.0, name="lstm16"))
    return mb.build()


@case
def lstm20():
    """Files from before layer normalization stop after input 19."""
    mb = ModelBuilder(seed=16, description="lstm with 20 inputs")
    x = _x(mb, (1, 5, 6))
    mb.output(mb.unidirectional_sequence_lstm(x, 4, name="lstm"))
    mb.operators[-1].inputs = mb.operators[-1].inputs[:20]
    return mb.build()


@case
def external_buffers():
    """Constants stored after the flatbuffer (Buffer.offset/size)."""
    mb = ModelBuilder(seed=17, description="external buffers")
    x = _x(mb, (1, 8))
    mb.output(mb.fully_connected(x, 3, name="fc"))
    return write_model(mb.model(), external_buffers=True)


@case
def unnamed_tensors():
    mb = ModelBuilder(seed=18, description="")
    x = _x(mb, (1, 8))
    mb.output(mb.fully_connected(x, 3, name="fc"))
    m = mb.model()
    for t in m.subgraphs[0].tensors:
        t.name = ""
    return write_model(m)


@case
def shared_constant():
    """One weights tensor used twice: one mcuq.const."""
    mb = ModelBuilder(seed=19, description="shared constant")
    x = _x(mb, (1, 8))
    y = mb.fully_connected(x, 8, bias=False, name="fc1")
    w = mb.operators[-1].inputs[1]
    z = mb.activation((1, 8), "int8", 0.05, 0, name="fc2")
    mb.op("FULLY_CONNECTED", [y, w, -1], [z])
    mb.output(z)
    return mb.build()


@case
def output_is_input():
    mb = ModelBuilder(seed=20, description="pass-through output")
    x = _x(mb, (1, 4))
    mb.output(mb.relu(x, name="relu"), x)
    return mb.build()


@case
def large():
    """About 1 MiB of int8 weights, for the timing check."""
    mb = ModelBuilder(seed=21, description="large")
    x = _x(mb, (1, 1024))
    x = mb.fully_connected(x, 1024, name="fc0")
    mb.output(mb.fully_connected(x, 16, name="fc1"))
    return mb.build()


# ---------------------------------------------------------------------------
# Bad inputs beyond bad_model()
# ---------------------------------------------------------------------------

def _good():
    mb = ModelBuilder(seed=0, description="base")
    x = _x(mb, (1, 8))
    y = mb.fully_connected(x, 4, name="fc")
    mb.output(mb.softmax(y, name="softmax"))
    return mb


for _kind in BAD_KINDS:
    CASES["bad_" + _kind] = (lambda k: lambda: bad_model(k))(_kind)


@case
def bad_verification():
    """Right identifier and size, but the root offset points past the end."""
    data = bytearray(_good().build())
    struct.pack_into("<I", data, 0, len(data) + 64)
    return bytes(data)


@case
def bad_vector_length():
    """A vector whose length runs past the end of the file."""
    data = bytearray(_good().build())
    # The builder writes the description last-but-one; find it and corrupt
    # its length prefix.
    pos = bytes(data).find(b"base\x00")
    struct.pack_into("<I", data, pos - 4, 0x7FFFFFF0)
    return bytes(data)


@case
def bad_no_operators():
    mb = ModelBuilder(seed=0, description="no ops")
    x = _x(mb, (1, 8))
    mb.output(x)
    return mb.build()


@case
def bad_no_outputs():
    mb = ModelBuilder(seed=0, description="no outputs")
    x = _x(mb, (1, 8))
    mb.add(x, x, name="unused")
    return mb.build()


@case
def bad_uint8():
    mb = ModelBuilder(seed=0, description="uint8")
    x = mb.tensor("image", (1, 4), "uint8", 0.02, 128)
    mb.inputs.append(x)
    y = mb.activation((1, 4), "int8", 0.02, 0, name="q")
    mb.op("QUANTIZE", [x], [y])
    mb.output(y)
    return mb.build()


@case
def bad_int8_without_quant():
    mb = ModelBuilder(seed=0, description="int8 without quantization")
    x = mb.tensor("raw", (1, 4), "int8")
    mb.inputs.append(x)
    y = mb.activation((1, 4), "int8", 0.02, 0, name="r")
    mb.op("RELU", [x], [y])
    mb.output(y)
    return mb.build()


@case
def bad_float_conv():
    mb = ModelBuilder(seed=0, description="float conv")
    x = mb.input((1, 4, 4, 1), "float32")
    w = mb.const(np.ones((2, 3, 3, 1), np.float32), name="filter")
    y = mb.activation((1, 4, 4, 2), "float32", name="conv")
    mb.op("CONV_2D", [x, w, -1], [y], {"padding": "SAME", "stride_w": 1,
                                        "stride_h": 1})
    mb.output(y)
    return mb.build()


@case
def bad_shape_mismatch():
    """The output shape disagrees with the convolution: verifier error."""
    mb = ModelBuilder(seed=0, description="wrong conv output")
    x = _x(mb, (1, 8, 8, 2))
    y = mb.conv2d(x, 4, (3, 3), stride=2, name="conv")
    mb.tensors[y].shape = (1, 8, 8, 4)
    mb.output(y)
    return mb.build()


@case
def bad_op_order():
    mb = _good()
    g = mb.model().subgraphs[0]
    g.operators.reverse()
    m = mb.model()
    m.subgraphs[0].operators = g.operators
    return write_model(m)


@case
def bad_output_not_produced():
    mb = _good()
    t = mb.activation((1, 4), "int8", 0.1, 0, name="dangling")
    mb.output(t)
    return mb.build()


@case
def bad_written_twice():
    mb = _good()
    x = mb.inputs[0]
    mb.op("RELU", [x], [x])
    return mb.build()


@case
def bad_missing_input():
    mb = ModelBuilder(seed=0, description="missing weights")
    x = _x(mb, (1, 8))
    y = mb.activation((1, 4), "int8", 0.1, 0, name="fc")
    mb.op("FULLY_CONNECTED", [x, -1, -1], [y])
    mb.output(y)
    return mb.build()


@case
def bad_fc_shuffled():
    mb = _good()
    mb.operators[0].options["weights_format"] = "SHUFFLED4x16INT8"
    return mb.build()


@case
def bad_control_flow():
    """Two subgraphs, the entry calls the other: unsupported, no warning."""
    m = bad_model("multiple_subgraphs")
    model = load_model(m)
    g = model.subgraphs[0]
    g.operators[0].opcode = "CALL_ONCE"
    g.operators[0].options = {"init_subgraph_index": 1}
    g.operators[0].inputs = []
    return write_model(model)


@case
def bad_quant_axis():
    mb = _good()
    w = mb.operators[0].inputs[1]
    t = mb.tensors[w]
    t.quant = Quant(np.full(8, 0.01, np.float32), np.zeros(8, np.int64), 5)
    return mb.build()


@case
def bad_zero_points():
    mb = _good()
    t = mb.tensors[mb.inputs[0]]
    t.quant = Quant(t.quant.scale, np.array([1, 2], np.int64), 0)
    return mb.build()


@case
def bad_scale():
    mb = _good()
    t = mb.tensors[mb.inputs[0]]
    t.quant = Quant(np.array([0.0], np.float32), t.quant.zero_point, 0)
    return mb.build()


@case
def bad_zero_point_range():
    mb = _good()
    t = mb.tensors[mb.inputs[0]]
    t.quant = Quant(t.quant.scale, np.array([300], np.int64), 0)
    return mb.build()


@case
def bad_external_buffer():
    """Buffer.offset/size pointing past the end of the file."""
    mb = _good()
    data = bytearray(write_model(mb.model(), external_buffers=True))
    return bytes(data[:len(data) - 8])


@case
def bad_state_not_variable():
    mb = ModelBuilder(seed=0, description="svdf state not variable")
    x = _x(mb, (1, 12))
    mb.output(mb.svdf(x, 4, 3, name="svdf"))
    mb.tensors[mb.operators[-1].inputs[4]].is_variable = False
    return mb.build()


@case
def bad_axis():
    mb = ModelBuilder(seed=0, description="bad concat axis")
    a = _x(mb, (1, 2, 3), name="a")
    mb.output(mb.concatenation([a, a], axis=1, name="concat"))
    mb.operators[-1].options["axis"] = 3
    return mb.build()


@case
def bad_mean_axis_not_const():
    mb = ModelBuilder(seed=0, description="mean with runtime axes")
    x = _x(mb, (1, 4, 4, 2))
    axes = mb.tensor("axes", (2,), "int32")
    mb.inputs.append(axes)
    y = mb.activation((1, 1, 1, 2), "int8", 0.05, -3, name="mean")
    mb.op("MEAN", [x, axes], [y], {"keep_dims": True})
    mb.output(y)
    return mb.build()


@case
def bad_fc_scalar_input():
    """keep_num_dims on a rank-0 input (crashed the verifier once)."""
    mb = ModelBuilder(seed=0, description="fc on a scalar")
    x = mb.tensor("x", (), "int8", 0.5, 0)
    mb.inputs.append(x)
    w = mb.const(np.ones((2, 1), np.int8), "int8", 0.25, name="w")
    y = mb.activation((2,), "int8", 1.0, 0, name="y")
    mb.op("FULLY_CONNECTED", [x, w, -1], [y], {"keep_num_dims": True})
    mb.output(y)
    return mb.build()


@case
def bad_conv_no_channels():
    """An input with 0 channels (divided by zero in the verifier once)."""
    mb = ModelBuilder(seed=0, description="conv without channels")
    x = mb.tensor("x", (1, 4, 4, 0), "int8", 0.5, 0)
    mb.inputs.append(x)
    w = mb.const(np.ones((2, 1, 1, 1), np.int8), "int8", 0.25, name="w")
    y = mb.activation((1, 4, 4, 2), "int8", 1.0, 0, name="y")
    mb.op("CONV_2D", [x, w, -1], [y], {"padding": "VALID", "stride_w": 1,
                                        "stride_h": 1})
    mb.output(y)
    return mb.build()


# -- files with fields the builder does not write ---------------------------

def _raw_model(shape=(1, 4), shape_signature=None, tensor_type=None,
               sparse=False, custom_quant=False, activation=0,
               opcode_index=0, deprecated_code=None, builtin_code=None):
    """x -> FULLY_CONNECTED(x, w, b) -> y with the given oddities on x (or
    on the operator)."""
    b = flatbuffers.Builder(1024)
    M = {n: fb.generated_module(n) for n in (
        "Model", "SubGraph", "Tensor", "QuantizationParameters", "Operator",
        "OperatorCode", "Buffer", "SparsityParameters", "CustomQuantization",
        "FullyConnectedOptions")}
    types = fb.schema().enums["TensorType"].values

    def vec(values, dtype):
        return b.CreateNumpyVector(np.asarray(values, dtype))

    w_data = b.CreateNumpyVector(np.ones(shape[-1] * 2, np.int8))
    b_data = b.CreateNumpyVector(np.zeros(8, np.uint8))

    def buffer(data=None):
        M["Buffer"].BufferStart(b)
        if data is not None:
            M["Buffer"].BufferAddData(b, data)
        return M["Buffer"].BufferEnd(b)

    buffers = [buffer(), buffer(w_data), buffer(b_data)]

    def quant(scale, custom=False):
        details = None
        if custom:
            c = vec([1, 2], np.uint8)
            M["CustomQuantization"].CustomQuantizationStart(b)
            M["CustomQuantization"].CustomQuantizationAddCustom(b, c)
            details = M["CustomQuantization"].CustomQuantizationEnd(b)
        s, z = vec([scale], np.float32), vec([0], np.int64)
        Q = M["QuantizationParameters"]
        Q.QuantizationParametersStart(b)
        Q.QuantizationParametersAddScale(b, s)
        Q.QuantizationParametersAddZeroPoint(b, z)
        if details is not None:
            Q.QuantizationParametersAddDetailsType(b, 1)
            Q.QuantizationParametersAddDetails(b, details)
        return Q.QuantizationParametersEnd(b)

    def tensor(name, tshape, ttype, buf, scale, sig=None, sparse=False,
               custom=False):
        n = b.CreateString(name)
        sh = vec(tshape, np.int32)
        sg = vec(sig, np.int32) if sig is not None else None
        sp = None
        if sparse:
            order = vec(list(range(len(tshape))), np.int32)
            S = M["SparsityParameters"]
            S.SparsityParametersStart(b)
            S.SparsityParametersAddTraversalOrder(b, order)
            sp = S.SparsityParametersEnd(b)
        q = quant(scale, custom)
        T = M["Tensor"]
        T.TensorStart(b)
        T.TensorAddShape(b, sh)
        T.TensorAddType(b, ttype)
        T.TensorAddBuffer(b, buf)
        T.TensorAddName(b, n)
        T.TensorAddQuantization(b, q)
        if sg is not None:
            T.TensorAddShapeSignature(b, sg)
        if sp is not None:
            T.TensorAddSparsity(b, sp)
        return T.TensorEnd(b)

    units = 2
    tensors = [
        tensor("x", shape, types["INT8"] if tensor_type is None
               else tensor_type, 0, 0.5, shape_signature, sparse,
               custom_quant),
        tensor("w", (units, shape[-1]), types["INT8"], 1, 0.25),
        tensor("b", (units,), types["INT32"], 2, 0.125),
        tensor("y", shape[:-1] + (units,), types["INT8"], 0, 1.0),
    ]
    F = M["FullyConnectedOptions"]
    F.FullyConnectedOptionsStart(b)
    F.FullyConnectedOptionsAddFusedActivationFunction(b, activation)
    F.FullyConnectedOptionsAddKeepNumDims(b, len(shape) > 2)
    opts = F.FullyConnectedOptionsEnd(b)
    O = M["Operator"]
    ins, outs = vec([0, 1, 2], np.int32), vec([3], np.int32)
    O.OperatorStart(b)
    O.OperatorAddOpcodeIndex(b, opcode_index)
    O.OperatorAddInputs(b, ins)
    O.OperatorAddOutputs(b, outs)
    O.OperatorAddBuiltinOptionsType(
        b, fb.schema().unions["BuiltinOptions"]["FullyConnectedOptions"])
    O.OperatorAddBuiltinOptions(b, opts)
    op = O.OperatorEnd(b)
    C = M["OperatorCode"]
    fc = fb.schema().enums["BuiltinOperator"].values["FULLY_CONNECTED"]
    C.OperatorCodeStart(b)
    C.OperatorCodeAddDeprecatedBuiltinCode(
        b, fc if deprecated_code is None else deprecated_code)
    C.OperatorCodeAddBuiltinCode(b, fc if builtin_code is None
                                 else builtin_code)
    C.OperatorCodeAddVersion(b, 1)
    code = C.OperatorCodeEnd(b)

    def offsets(offs):
        b.StartVector(4, len(offs), 4)
        for o in reversed(offs):
            b.PrependUOffsetTRelative(o)
        return b.EndVector()

    tvec, ovec = offsets(tensors), offsets([op])
    gin, gout = vec([0], np.int32), vec([3], np.int32)
    G = M["SubGraph"]
    G.SubGraphStart(b)
    G.SubGraphAddTensors(b, tvec)
    G.SubGraphAddInputs(b, gin)
    G.SubGraphAddOutputs(b, gout)
    G.SubGraphAddOperators(b, ovec)
    g = G.SubGraphEnd(b)
    gvec, cvec, bvec = offsets([g]), offsets([code]), offsets(buffers)
    desc = b.CreateString("raw")
    Mo = M["Model"]
    Mo.ModelStart(b)
    Mo.ModelAddVersion(b, 3)
    Mo.ModelAddOperatorCodes(b, cvec)
    Mo.ModelAddSubgraphs(b, gvec)
    Mo.ModelAddDescription(b, desc)
    Mo.ModelAddBuffers(b, bvec)
    b.Finish(Mo.ModelEnd(b), file_identifier=FILE_IDENTIFIER)
    return bytes(b.Output())


@case
def raw_ok():
    return _raw_model()


@case
def dynamic_batch():
    return _raw_model(shape=(1, 4), shape_signature=(-1, 4))


@case
def large_opcode():
    """A code above 127: deprecated_builtin_code holds the placeholder."""
    return _raw_model(deprecated_code=127, builtin_code=131)


@case
def old_opcode():
    """Files from before builtin_code existed leave it 0 (ADD)."""
    return _raw_model(builtin_code=0)


@case
def bad_dynamic_dim():
    return _raw_model(shape=(1, 4), shape_signature=(1, -1))


@case
def bad_sparse():
    return _raw_model(sparse=True)


@case
def bad_custom_quant():
    return _raw_model(custom_quant=True)


@case
def bad_tensor_type():
    return _raw_model(tensor_type=99)


@case
def bad_float16():
    return _raw_model(tensor_type=1)


@case
def bad_activation():
    return _raw_model(activation=9)


@case
def bad_opcode_index():
    return _raw_model(opcode_index=3)


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        print("\n".join(sorted(CASES)))
        return 0
    if len(argv) == 3 and argv[1] == "--all":
        # The fuzzer's seed corpus; the timing model only slows it down.
        for name, fn in sorted(CASES.items()):
            if name != "large":
                with open(f"{argv[2]}/{name}.tflite", "wb") as f:
                    f.write(fn())
        return 0
    if len(argv) != 3 or argv[1] not in CASES:
        print(__doc__, file=sys.stderr)
        return 2
    data = CASES[argv[1]]()
    with open(argv[2], "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
