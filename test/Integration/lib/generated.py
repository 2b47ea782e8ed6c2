"""Generated-model differential tests: mcuq on the host against mcuq.reference.

Every family below yields small TFLite models built with mcuq.builder: single ops with
seeded random shapes, strides, paddings, dilations and quantization, plus hand-picked edge
cases and short chains. Each model is compiled by mcuq-compile, run by the host harness
on several inputs (seeded random values, the zero point, the storage extremes and a
random mix of both extremes) and every output byte is compared with the numpy reference
(python/mcuq/reference.py, itself checked against TFLM on the shared models).

    generated.py <work dir> <family> [<family> ...] [--only NAME ...] [--list] [--keep]

The work dir is emptied first, so each run compiles from scratch: an earlier result can
never stand in for the current compiler. One line per model: PASS, FAIL (with the input
set and the first differing bytes), XFAIL (a known bug, named by the case) or XPASS (a known
bug that no longer reproduces, which fails the run so the mark gets removed).
The exit status is 1 when any model FAILs or XPASSes.
"""

import math
import os
import random
import shutil
import sys
import time
import zlib

import numpy as np

from mcuq import reference, run, tflite
from mcuq.builder import ModelBuilder, conv2d_output_shape

ACTIVATIONS = ("NONE", "RELU", "RELU6", "RELU_N1_TO_1")
LIMITS = {"INT8": (-128, 127), "INT16": (-32768, 32767), "INT32": (-2**31, 2**31 - 1)}


class Case:
    """One generated model. `xfail` names a known, reported bug."""

    def __init__(self, name, build, xfail=None):
        self.name = name
        self.build = build
        self.xfail = xfail


FAMILIES = {}


def family(fn):
    FAMILIES[fn.__name__.replace("_family", "")] = fn
    return fn


def _seed(name):
    return zlib.crc32(name.encode())


def _rng(name):
    return random.Random(_seed(name))


def _model_case(desc, fn):
    """A case whose model `fn(mb, r)` builds, `r` seeded by the description."""
    def build():
        r = _rng(desc + "/q")
        mb = ModelBuilder(seed=_seed(desc), description=desc)
        fn(mb, r)
        return mb.build()
    return Case(desc, build)


# ---------------------------------------------------------------------------------------
# Random parameters
# ---------------------------------------------------------------------------------------

def _in_quant(r, dtype="int8"):
    """(scale, zero point) of an activation: spreads from fine to coarse, zero points
    at both ends of the range and in between."""
    if dtype == "int16":
        return r.choice([2.0 ** -12, 2.0 ** -10, 3.05e-4, 1.7e-3]), 0
    scale = r.choice([0.0039, 0.0125, 0.05, 0.1, 0.37]) * r.uniform(0.8, 1.25)
    zp = r.choice([0, -128, 127, r.randint(-128, 127), r.randint(-20, 20)])
    return scale, zp


def _out_quant(r, in_scale, dtype="int8"):
    """None (the builder's range-based choice) or an explicit output quantization whose
    multiplier ranges from tiny to larger than one."""
    if r.random() < 0.6:
        return None, None
    scale = in_scale * r.choice([0.02, 0.3, 1.0, 4.0, 30.0])
    return scale, (0 if dtype == "int16" else r.randint(-128, 127))


def _fit(size, kernel, dilation, padding):
    """Grows `size` so that a VALID window fits."""
    eff = (kernel - 1) * dilation + 1
    return max(size, eff) if padding == "VALID" else size


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


# ---------------------------------------------------------------------------------------
# Input sets
# ---------------------------------------------------------------------------------------

def _quantize_consumer(model, index):
    """Output quantization of the QUANTIZE reading float input `index`."""
    g = model.subgraphs[0]
    for op in g.operators:
        if op.opcode == "QUANTIZE" and op.inputs[0] == index:
            t = g.tensors[op.outputs[0]]
            return float(t.quant.scale[0]), int(t.quant.zero_point[0]), t.type_name
    return 0.05, 0, "INT8"


def input_sets(model, name):
    """[(label, [array per input])]: random (two seeds), zero point, min, max and a random
    mix of min and max; floats get random, zero, huge and rounding-tie values."""
    g = model.subgraphs[0]
    rng = np.random.default_rng(_seed(name))
    tensors = [g.tensors[i] for i in g.inputs]
    sets = {}

    def add(label, fn):
        sets[label] = [fn(t) for t in tensors]

    def qrange(t):
        return LIMITS[t.type_name]

    def zp(t):
        return int(t.quant.zero_point[0]) if t.quant is not None else 0

    def floats(t, kind):
        s, z, tn = _quantize_consumer(model, t.index)
        lo, hi = LIMITS[tn]
        shape = t.shape
        if kind == "rand":
            v = rng.uniform((lo - z) * s * 1.3, (hi - z) * s * 1.3, size=shape)
        elif kind == "ties":
            v = (rng.integers(lo - z - 4, hi - z + 4, size=shape) + 0.5) * s
        elif kind == "huge":
            v = np.where(rng.random(shape) < 0.5, -1.0e6, 1.0e6)
        else:
            v = np.zeros(shape)
        return v.astype(np.float32)

    if all(t.type_name == "FLOAT32" for t in tensors):
        for kind in ("rand", "ties", "huge", "zero"):
            add(kind, lambda t, k=kind: floats(t, k))
        return list(sets.items())
    for k in range(2):
        add(f"rand{k}", lambda t: rng.integers(qrange(t)[0], qrange(t)[1] + 1,
                                                size=t.shape).astype(t.dtype))
    add("zp", lambda t: np.full(t.shape, zp(t), t.dtype))
    add("min", lambda t: np.full(t.shape, qrange(t)[0], t.dtype))
    add("max", lambda t: np.full(t.shape, qrange(t)[1], t.dtype))
    add("minmax", lambda t: np.where(rng.random(t.shape) < 0.5, qrange(t)[0],
                                     qrange(t)[1]).astype(t.dtype))
    if len(tensors) > 1:
        # One input at each extreme: the widest sums and differences.
        sets["min,max"] = [np.full(t.shape, qrange(t)[i % 2], t.dtype)
                           for i, t in enumerate(tensors)]
    return list(sets.items())


# ---------------------------------------------------------------------------------------
# Model helpers the builder does not have
# ---------------------------------------------------------------------------------------

def _weights(mb, shape, fan_in):
    q = mb.rng.integers(-127, 128, size=shape)
    scale = math.sqrt(2.0 / fan_in) / (127 / math.sqrt(3.0))
    return q, scale


def grouped_conv2d(mb, x, out_channels, groups, kernel, stride=1, dilation=1,
                   padding="SAME", activation="NONE", name="grouped"):
    """CONV_2D whose filter depth is input channels / groups (TFLite's grouped conv)."""
    t = mb.t(x)
    s_in = float(t.quant.scale[0])
    kh, kw = _pair(kernel)
    fic = t.shape[3] // groups
    q, base = _weights(mb, (out_channels, kh, kw, fic), kh * kw * fic)
    ws = (base * mb.rng.uniform(0.7, 1.3, size=out_channels)).astype(np.float32)
    f = mb.const(q, "int8", ws, 0, 0, name=f"{name}/filter")
    bs = (np.float64(s_in) * ws.astype(np.float64)).astype(np.float32)
    acc_std = s_in * 64 * math.sqrt(2.0)
    bq = np.round(mb.rng.normal(0, 0.25 * acc_std, out_channels) / bs).astype(np.int32)
    b = mb.const(bq, "int32", bs, 0, 0, name=f"{name}/bias")
    shape = conv2d_output_shape(t.shape, out_channels, (kh, kw), _pair(stride),
                                _pair(dilation), padding)
    os_ = 6 * acc_std / 255
    y = mb.activation(shape, "int8", os_, int(mb.rng.integers(-20, 20)), name=name)
    sh, sw = _pair(stride)
    dh, dw = _pair(dilation)
    mb.op("CONV_2D", [x, f, b], [y], {
        "padding": padding, "stride_w": sw, "stride_h": sh,
        "fused_activation_function": activation,
        "dilation_w_factor": dw, "dilation_h_factor": dh})
    return y


def conv2d_int32_bias(mb, x, out_channels, kernel, name="conv16_b32"):
    """16x8 CONV_2D with an int32 bias (TFLite then accumulates in int32)."""
    t = mb.t(x)
    s_in = float(t.quant.scale[0])
    kh, kw = _pair(kernel)
    q, base = _weights(mb, (out_channels, kh, kw, t.shape[3]), kh * kw * t.shape[3])
    ws = (base * mb.rng.uniform(0.7, 1.3, size=out_channels)).astype(np.float32)
    f = mb.const(q, "int8", ws, 0, 0, name=f"{name}/filter")
    bs = (np.float64(s_in) * ws.astype(np.float64)).astype(np.float32)
    bq = mb.rng.integers(-3000, 3000, size=out_channels).astype(np.int32)
    b = mb.const(bq, "int32", bs, 0, 0, name=f"{name}/bias")
    shape = conv2d_output_shape(t.shape, out_channels, (kh, kw), 1, 1, "SAME")
    y = mb.activation(shape, "int16", s_in * 2.0, 0, name=name)
    mb.op("CONV_2D", [x, f, b], [y], {"padding": "SAME", "stride_w": 1, "stride_h": 1},
          version=4)
    return y


# ---------------------------------------------------------------------------------------
# Families
# ---------------------------------------------------------------------------------------

def _conv_params(r, i):
    padding = r.choice(["SAME", "VALID"])
    kh, kw = r.choice([(1, 1), (2, 2), (3, 3), (3, 3), (3, 1), (1, 5), (5, 5), (4, 3)])
    stride = r.choice([1, 1, 2, (1, 2), (2, 1), 3])
    dil = r.choice([1, 1, 1, 2, (2, 1), (1, 3)])
    dh, dw = _pair(dil)
    h = _fit(r.randint(1, 12), kh, dh, padding)
    w = _fit(r.randint(1, 12), kw, dw, padding)
    return dict(n=r.choice([1, 1, 1, 2]), h=h, w=w, kernel=(kh, kw), stride=stride,
                dilation=dil, padding=padding, act=ACTIVATIONS[i % 4])


def _describe(p):
    s = p["stride"]
    d = p["dilation"]
    return (f"{p['n']}x{p['h']}x{p['w']} k{p['kernel'][0]}x{p['kernel'][1]} "
            f"s{'x'.join(map(str, _pair(s)))} d{'x'.join(map(str, _pair(d)))} "
            f"{p['padding']} {p['act']}")


def _conv_case(name, p, cin, cout, per_channel=True, bias=True, dtype="int8",
               xfail=None):
    def build():
        r = _rng(name + "/q")
        mb = ModelBuilder(seed=_seed(name), description=name)
        s, z = _in_quant(r, dtype)
        x = mb.input((p["n"], p["h"], p["w"], cin), dtype, s, z)
        os_, oz = _out_quant(r, s, dtype)
        mb.output(mb.conv2d(x, cout, p["kernel"], p["stride"], p["padding"],
                            p["dilation"], p["act"], per_channel=per_channel, bias=bias,
                            gain=r.choice([0.5, 1.0, 2.0]), out_scale=os_,
                            out_zero_point=oz))
        return mb.build()
    return Case(name, build, xfail)


@family
def conv_family():
    cases = []
    for i in range(26):
        name = f"conv/{i:02d}"
        r = _rng(name)
        p = _conv_params(r, i)
        cin, cout = r.randint(1, 6), r.randint(1, 8)
        pc, bias = r.random() < 0.8, r.random() < 0.85
        cases.append(_conv_case(f"{name} {_describe(p)} c{cin}->{cout}"
                                f"{' pt' if not pc else ''}{'' if bias else ' nobias'}",
                                p, cin, cout, pc, bias))

    def fixed(tag, cin, cout, **kw):
        p = dict(n=1, h=7, w=9, kernel=(3, 3), stride=1, dilation=1, padding="SAME",
                 act="NONE")
        extra = {k: kw.pop(k) for k in list(kw) if k in ("per_channel", "bias", "dtype")}
        p.update(kw)
        cases.append(_conv_case(f"conv/{tag} {_describe(p)} c{cin}->{cout}", p, cin,
                                cout, **extra))

    fixed("1x1", 8, 5, kernel=(1, 1))
    fixed("1x1-s2", 4, 4, kernel=(1, 1), stride=2, h=9, w=7)
    fixed("same-s2-odd", 3, 4, stride=2)
    fixed("same-s2-even-k", 3, 2, stride=2, kernel=(4, 4), h=11, w=5)
    fixed("dil2", 3, 3, dilation=2)
    fixed("dil2-valid", 2, 3, dilation=2, padding="VALID")
    fixed("kernel-eq-input", 2, 3, kernel=(7, 9), padding="VALID")
    fixed("same-big-kernel", 2, 2, kernel=(5, 5), h=3, w=2)
    fixed("1x1-image", 5, 3, kernel=(1, 1), h=1, w=1)
    fixed("per-tensor", 3, 6, per_channel=False, act="RELU6")
    fixed("batch3", 2, 2, n=3, act="RELU")
    for act in ACTIVATIONS:
        fixed(f"act-{act}", 3, 4, act=act)
    # Grouped convolution (filter depth = input channels / groups).
    for g, (cin, cout, k, s, pad) in enumerate([(4, 4, 3, 1, "SAME"), (6, 9, 3, 2, "SAME"),
                                                (8, 4, 1, 1, "VALID"), (6, 6, 2, 1, "VALID")]):
        groups = [2, 3, 4, 3][g]
        name = f"conv/grouped-{g} g{groups} c{cin}->{cout} k{k} s{s} {pad}"

        def build(name=name, cin=cin, cout=cout, k=k, s=s, pad=pad, groups=groups):
            mb = ModelBuilder(seed=_seed(name), description=name)
            x = mb.input((1, 6, 7, cin), "int8", 0.04, 9)
            mb.output(grouped_conv2d(mb, x, cout, groups, k, s, padding=pad,
                                     activation=ACTIVATIONS[groups % 4]))
            return mb.build()
        cases.append(Case(name, build))
    return cases


@family
def conv16_family():
    cases = []
    for i in range(6):
        name = f"conv16/{i:02d}"
        r = _rng(name)
        p = _conv_params(r, i)
        cin, cout = r.randint(1, 5), r.randint(1, 6)
        cases.append(_conv_case(f"{name} {_describe(p)} c{cin}->{cout} int16", p, cin, cout,
                                per_channel=r.random() < 0.7, bias=i != 3, dtype="int16"))
    name = "conv16/int32-bias"

    def build():
        mb = ModelBuilder(seed=_seed(name), description=name)
        x = mb.input((1, 5, 4, 3), "int16", 2.0 ** -11, 0)
        mb.output(conv2d_int32_bias(mb, x, 4, 3))
        return mb.build()
    cases.append(Case(name, build))
    return cases


def _dw_case(name, p, cin, mult, bias=True, dtype="int8", xfail=None):
    def build():
        r = _rng(name + "/q")
        mb = ModelBuilder(seed=_seed(name), description=name)
        s, z = _in_quant(r, dtype)
        x = mb.input((p["n"], p["h"], p["w"], cin), dtype, s, z)
        os_, oz = _out_quant(r, s, dtype)
        mb.output(mb.depthwise_conv2d(x, p["kernel"], p["stride"], p["padding"], mult,
                                      p["dilation"], p["act"], bias=bias,
                                      gain=r.choice([0.5, 1.0, 2.0]), out_scale=os_,
                                      out_zero_point=oz))
        return mb.build()
    return Case(name, build, xfail)


@family
def depthwise_family():
    cases = []
    for i in range(24):
        name = f"dw/{i:02d}"
        r = _rng(name)
        p = _conv_params(r, i)
        cin, mult = r.randint(1, 6), r.choice([1, 1, 2, 3, 8])
        bias = r.random() < 0.85
        cases.append(_dw_case(f"{name} {_describe(p)} c{cin} m{mult}"
                              f"{'' if bias else ' nobias'}", p, cin, mult, bias))
    fixed = [("m1", 4, 1, {}), ("m2-s2", 3, 2, dict(stride=2)),
             ("m8-same-s2", 1, 8, dict(stride=2, h=11, w=10)),
             ("m8-valid", 2, 8, dict(padding="VALID")),
             ("dil2-m2", 3, 2, dict(dilation=2)), ("1x1-image-m3", 2, 3, dict(h=1, w=1))]
    for tag, cin, mult, kw in fixed:
        p = dict(n=1, h=7, w=9, kernel=(3, 3), stride=1, dilation=1, padding="SAME",
                 act=ACTIVATIONS[len(cases) % 4])
        p.update(kw)
        cases.append(_dw_case(f"dw/{tag} {_describe(p)} c{cin} m{mult}", p, cin, mult))
    for i in range(4):
        name = f"dw16/{i:02d}"
        r = _rng(name)
        p = _conv_params(r, i)
        cases.append(_dw_case(f"{name} {_describe(p)} int16", p, r.randint(1, 4),
                              r.choice([1, 2]), dtype="int16"))
    return cases


@family
def fully_connected_family():
    cases = []
    shapes = [((1, 8), None, False), ((3, 5), None, False), ((1, 2, 3, 4), None, False),
              ((1, 4, 4, 3), None, False), ((2, 3, 6), None, True), ((1, 2, 5), None, True),
              ((1, 2, 3, 4), 6, False), ((4, 1, 1, 7), None, True), ((1, 1), None, False),
              ((2, 64), None, False)]
    for i in range(26):
        name = f"fc/{i:02d}"
        r = _rng(name)
        shape, isize, keep = shapes[i % len(shapes)]
        units = r.choice([1, 3, 4, 7, 10, 16])
        pc, bias = r.random() < 0.3, r.random() < 0.8
        dtype = "int16" if i >= 22 else "int8"
        act = ACTIVATIONS[i % 4]
        desc = (f"{name} {'x'.join(map(str, shape))} units{units}"
                f"{f' size{isize}' if isize else ''}{' keep' if keep else ''}"
                f"{' pc' if pc else ''}{'' if bias else ' nobias'} {act} {dtype}")

        def build(desc=desc, shape=shape, isize=isize, keep=keep, units=units, pc=pc,
                  bias=bias, dtype=dtype, act=act):
            r = _rng(desc + "/q")
            mb = ModelBuilder(seed=_seed(desc), description=desc)
            s, z = _in_quant(r, dtype)
            x = mb.input(shape, dtype, s, z)
            os_, oz = _out_quant(r, s, dtype)
            mb.output(mb.fully_connected(x, units, act, keep, isize, bias, pc,
                                         gain=r.choice([0.5, 1.0, 2.0]), out_scale=os_,
                                         out_zero_point=oz))
            return mb.build()
        cases.append(Case(desc, build))
    return cases


@family
def pool_family():
    cases = []
    for i in range(34):
        name = f"pool/{i:02d}"
        r = _rng(name)
        is_max = i % 2 == 1
        padding = r.choice(["SAME", "VALID"])
        fh, fw = r.choice([(2, 2), (3, 3), (1, 3), (3, 2), (5, 5), (4, 1), (7, 7)])
        stride = r.choice([None, 1, 2, (2, 1), 3])
        h = _fit(r.randint(1, 11), fh, 1, padding)
        w = _fit(r.randint(1, 11), fw, 1, padding)
        c = r.randint(1, 5)
        dtype = "int16" if i >= 30 else "int8"
        act = ACTIVATIONS[(i // 2) % 4]
        op = "max" if is_max else "avg"
        sdesc = "x".join(map(str, _pair(stride))) if stride else "f"
        desc = f"{name} {op} 1x{h}x{w}x{c} f{fh}x{fw} s{sdesc} {padding} {act} {dtype}"

        def build(desc=desc, is_max=is_max, padding=padding, f=(fh, fw), stride=stride,
                  shape=(r.choice([1, 1, 2]), h, w, c), dtype=dtype, act=act):
            r = _rng(desc + "/q")
            mb = ModelBuilder(seed=_seed(desc), description=desc)
            s, z = _in_quant(r, dtype)
            x = mb.input(shape, dtype, s, z)
            pool = mb.max_pool2d if is_max else mb.average_pool2d
            mb.output(pool(x, f, stride, padding, act))
            return mb.build()
        cases.append(Case(desc, build))
    # Windows clipped on every side: SAME with a filter larger than the image.
    for op in ("avg", "max"):
        for f, hw in (((5, 5), (3, 3)), ((4, 6), (2, 5))):
            desc = f"pool/clipped-{op} 1x{hw[0]}x{hw[1]}x3 f{f[0]}x{f[1]} s1 SAME"

            def build(desc=desc, op=op, f=f, hw=hw):
                mb = ModelBuilder(seed=_seed(desc), description=desc)
                x = mb.input((1, hw[0], hw[1], 3), "int8", 0.02, -7)
                pool = mb.max_pool2d if op == "max" else mb.average_pool2d
                mb.output(pool(x, f, 1, "SAME"))
                return mb.build()
            cases.append(Case(desc, build))
    return cases


def _binary_shapes(r):
    return r.choice([
        ((1, 4, 4, 3), (1, 4, 4, 3)), ((1, 4, 4, 3), (1, 1, 1, 3)), ((2, 3), (3,)),
        ((1, 5, 1, 2), (1, 1, 3, 2)), ((7,), (1,)), ((1, 1, 1, 4), (1, 3, 2, 4)),
        ((2, 1, 3), (1, 4, 1)), ((1, 6, 6, 8), (1, 6, 6, 8)), ((1,), (5,)),
    ])


@family
def elementwise_family():
    cases = []
    for i in range(40):
        name = f"ew/{i:02d}"
        r = _rng(name)
        op = ("ADD", "MUL", "MAXIMUM", "MINIMUM")[i % 4]
        dtype = "int16" if i >= 32 else "int8"
        sa, sb = _binary_shapes(r)
        act = ACTIVATIONS[(i // 4) % 4] if op in ("ADD", "MUL") else "NONE"
        desc = f"{name} {op} {'x'.join(map(str, sa))} {'x'.join(map(str, sb))} {act} {dtype}"

        def build(desc=desc, op=op, sa=sa, sb=sb, act=act, dtype=dtype):
            r = _rng(desc + "/q")
            mb = ModelBuilder(seed=_seed(desc), description=desc)
            s1, z1 = _in_quant(r, dtype)
            if op in ("MAXIMUM", "MINIMUM"):
                s2, z2 = s1, z1  # TFLite's converter gives both the output's parameters
            elif r.random() < 0.2:
                s2, z2 = s1, z1
            else:
                s2, z2 = _in_quant(r, dtype)
            if dtype == "int16" and op == "MUL":
                z1 = z2 = 0
            a = mb.input(sa, dtype, s1, z1, name="a")
            b = mb.input(sb, dtype, s2, z2, name="b")
            if op == "ADD":
                os_, oz = _out_quant(r, max(s1, s2), dtype)
                y = mb.add(a, b, act, os_, oz)
            elif op == "MUL":
                os_, oz = _out_quant(r, s1 * s2 * 64, dtype)
                y = mb.mul(a, b, act, os_, oz)
            elif op == "MAXIMUM":
                y = mb.maximum(a, b)
            else:
                y = mb.minimum(a, b)
            mb.output(y)
            return mb.build()
        cases.append(Case(desc, build))
    # The same tensor on both sides, and a constant operand.
    for op in ("ADD", "MUL"):
        desc = f"ew/self-{op} 1x3x3x2"

        def build(desc=desc, op=op):
            mb = ModelBuilder(seed=_seed(desc), description=desc)
            x = mb.input((1, 3, 3, 2), "int8", 0.03, 11)
            mb.output(mb.add(x, x, "RELU") if op == "ADD" else mb.mul(x, x))
            return mb.build()
        cases.append(Case(desc, build))
    for op in ("ADD", "MUL", "MAXIMUM"):
        desc = f"ew/const-{op} 1x2x3x4 + 4"

        def build(desc=desc, op=op):
            mb = ModelBuilder(seed=_seed(desc), description=desc)
            x = mb.input((1, 2, 3, 4), "int8", 0.05, -3)
            sc, zc = (0.05, -3) if op == "MAXIMUM" else (0.02, 5)
            c = mb.const(mb.rng.integers(-128, 128, size=(4,)).astype(np.int8), "int8",
                         sc, zc, name="c")
            y = {"ADD": mb.add, "MUL": mb.mul, "MAXIMUM": mb.maximum}[op](x, c)
            mb.output(y)
            return mb.build()
        cases.append(Case(desc, build))
    return cases


@family
def activation_family():
    cases = []
    # RELU / RELU6 / RELU_N1_TO_1 ops, same and different quantization.
    for i in range(15):
        name = f"relu/{i:02d}"
        r = _rng(name)
        kind = ("RELU", "RELU6", "RELU_N1_TO_1")[i % 3]
        same = i < 6
        dtype = "int16" if i in (12, 13, 14) else "int8"
        desc = f"{name} {kind} {'same' if same else 'requant'} {dtype}"

        def build(desc=desc, kind=kind, same=same, dtype=dtype):
            r = _rng(desc + "/q")
            mb = ModelBuilder(seed=_seed(desc), description=desc)
            s, z = _in_quant(r, dtype)
            x = mb.input((1, 3, 5, 4), dtype, s, z)
            os_, oz = (None, None) if same else \
                (s * r.choice([0.25, 0.7, 1.0, 1.9, 6.0]), 0 if dtype == "int16" else
                 r.randint(-128, 127))
            fn = {"RELU": mb.relu, "RELU6": mb.relu6, "RELU_N1_TO_1": mb.relu_n1_to_1}[kind]
            mb.output(fn(x, os_, oz))
            return mb.build()
        cases.append(Case(desc, build))
    # SOFTMAX: betas, row lengths, int8 and int16 outputs.
    for i in range(14):
        name = f"softmax/{i:02d}"
        r = _rng(name)
        shape = r.choice([(1, 10), (3, 7), (1, 2, 2, 5), (2, 1), (1, 1), (4, 33), (1, 300)])
        beta = r.choice([1.0, 1.0, 0.5, 2.0, 0.1, 3.7])
        od = "int16" if i % 4 == 3 else "int8"
        desc = f"{name} {'x'.join(map(str, shape))} beta{beta} ->{od}"

        def build(desc=desc, shape=shape, beta=beta, od=od):
            r = _rng(desc + "/q")
            mb = ModelBuilder(seed=_seed(desc), description=desc)
            s = r.choice([0.0039, 0.05, 0.1, 0.3, 1.2])
            x = mb.input(shape, "int8", s, r.randint(-128, 127))
            mb.output(mb.softmax(x, beta, od))
            return mb.build()
        cases.append(Case(desc, build))
    # LOGISTIC / TANH: input scales around and beyond the saturating radius.
    for i in range(16):
        name = f"sigmoid/{i:02d}"
        r = _rng(name)
        op = "LOGISTIC" if i % 2 == 0 else "TANH"
        dtype = "int16" if i >= 12 else "int8"
        desc = f"{name} {op} {dtype}"

        def build(desc=desc, op=op, dtype=dtype):
            r = _rng(desc + "/q")
            mb = ModelBuilder(seed=_seed(desc), description=desc)
            if dtype == "int16":
                s, z = r.choice([2.0 ** -12, 2.0 ** -11, 3.0 / 4096, 1.0 / 32768 * 7]), 0
            else:
                s = r.choice([0.002, 0.0235, 0.05, 0.1, 0.5, 1.7])
                z = r.randint(-128, 127)
            x = mb.input((2, 3, 7), dtype, s, z)
            mb.output(mb.logistic(x) if op == "LOGISTIC" else mb.tanh(x))
            return mb.build()
        cases.append(Case(desc, build))
    return cases


@family
def data_movement_family():
    cases = []

    def case(desc, fn):
        cases.append(_model_case(desc, fn))

    # QUANTIZE f32 -> int8/int16, int -> int requantization, DEQUANTIZE.
    for i, (scale, zp, dt) in enumerate([(0.05, -3, "int8"), (0.0039, -128, "int8"),
                                         (1.7, 100, "int8"), (2.0 ** -10, 0, "int16")]):
        case(f"quantize/f32-{i} ->{dt} s{scale} z{zp}",
             lambda mb, r, scale=scale, zp=zp, dt=dt: mb.output(
                 mb.quantize(mb.input((2, 9), "float32"), dt, scale, zp)))
    for i in range(8):
        src = ("int8", "int8", "int8", "int8", "int16", "int16", "int8", "int16")[i]
        dst = ("int8", "int8", "int8", "int8", "int8", "int8", "int16", "int16")[i]
        ratio = (0.3, 1.0, 2.5, 0.01, 1.0, 100.0, 1.0 / 300, 0.5)[i]

        def fn(mb, r, src=src, dst=dst, ratio=ratio):
            s, z = _in_quant(r, src)
            x = mb.input((1, 4, 3, 2), src, s, z)
            mb.output(mb.quantize(x, dst, s * ratio, 0 if dst == "int16" else
                                  r.randint(-128, 127)))
        case(f"quantize/{i} {src}->{dst} ratio{ratio:g}", fn)
    case("quantize/int16->int32",
         lambda mb, r: mb.output(mb.quantize(mb.input((1, 6), "int16", 2.0 ** -10, 0),
                                             "int32", 2.0 ** -14, 0)))
    for i, dt in enumerate(["int8", "int8", "int16"]):
        def fn(mb, r, dt=dt):
            s, z = _in_quant(r, dt)
            mb.output(mb.dequantize(mb.input((3, 5), dt, s, z)))
        case(f"dequantize/{i} {dt}", fn)
    # Regression: an i32 offset is not exact in f32, so the f32-only lowering
    # of DEQUANTIZE rounded twice and was off by one unit in the last place.
    def dequantize32(mb, r):
        x = mb.input((4, 6), "int32", 0.37, 0)
        y = mb.activation((4, 6), "float32", name="dequantize")
        mb.op("DEQUANTIZE", [x], [y])  # the builder's helper takes int8/int16 only
        mb.output(y)
    case("dequantize/int32 zp0 large values", dequantize32)
    case("quantize/int32->int8",
         lambda mb, r: mb.output(mb.quantize(mb.input((3, 7), "int32", 1e-4, 0), "int8",
                                             0.05, 9)))
    case("quantize-dequantize f32 chain",
         lambda mb, r: mb.output(mb.dequantize(mb.quantize(
             mb.input((1, 12), "float32"), "int8", 0.021, 17))))
    # RESHAPE.
    for i, (shape, new) in enumerate([((1, 4, 4, 3), (1, 48)), ((2, 6), (3, -1)),
                                      ((1, 1, 1, 5), (5,)), ((1, 24), (1, 2, 3, 4))]):
        case(f"reshape/{i} {shape}->{new}",
             lambda mb, r, shape=shape, new=new: mb.output(
                 mb.reshape(mb.input(shape, "int8", 0.1, 4), new)))
    def squeeze(mb, r):
        x = mb.input((1, 3, 1, 4), "int8", 0.1, 4)
        y = mb.activation((3, 4), "int8", 0.1, 4, name="squeeze")
        mb.op("SQUEEZE", [x], [y], {"squeeze_dims": [0, 2]})
        mb.output(y)
    case("squeeze 1x3x1x4 dims[0,2]", squeeze)

    def expand_dims(mb, r):
        x = mb.input((3, 4), "int8", 0.1, 4)
        axis = mb.const(np.array([1], np.int32), name="axis")
        y = mb.activation((3, 1, 4), "int8", 0.1, 4, name="expand_dims")
        mb.op("EXPAND_DIMS", [x, axis], [y])
        mb.output(mb.fully_connected(y, 5, keep_num_dims=True))
    case("expand_dims 3x4 axis1 -> fc keep_num_dims", expand_dims)
    # MEAN: axis combinations, keep_dims, rescaled outputs.
    means = [((1, 4, 5, 3), [1, 2], True), ((1, 4, 5, 3), [1, 2], False),
             ((1, 7, 3, 2), [1], True), ((1, 7, 3, 2), [2], False), ((2, 3, 4, 5), [3], True),
             ((2, 3, 4, 5), [1, 2, 3], False), ((1, 6, 6, 4), [2, 1], True),
             ((3, 8), [1], False), ((3, 8), [0], True), ((2, 3, 5), [0, 2], False),
             ((1, 25, 5, 8), [1, 2], True), ((1, 3, 3, 16), [-3, -2], True)]
    for i, (shape, axes, keep) in enumerate(means):
        requant = i % 3 != 0
        dt = "int16" if i in (4, 9) else "int8"

        def fn(mb, r, shape=shape, axes=axes, keep=keep, requant=requant, dt=dt):
            s, z = _in_quant(r, dt)
            x = mb.input(shape, dt, s, z)
            os_ = s * r.choice([0.3, 0.9, 2.2]) if requant else None
            oz = (0 if dt == "int16" else r.randint(-128, 127)) if requant else None
            mb.output(mb.mean(x, axes, keep, os_, oz))
        case(f"mean/{i:02d} {'x'.join(map(str, shape))} axes{axes} "
             f"{'keep' if keep else 'drop'}{' requant' if requant else ''} {dt}", fn)
    # PAD / PADV2.
    pads = [((1, 3, 4, 2), [[0, 0], [1, 2], [0, 1], [0, 0]]),
            ((1, 2, 2, 3), [[0, 0], [3, 3], [3, 3], [0, 0]]),
            ((4, 5), [[1, 0], [2, 3]]), ((2, 3, 4), [[0, 0], [0, 0], [1, 1]]),
            ((1, 2, 3, 4), [[1, 1], [0, 0], [0, 0], [2, 0]])]
    for i, (shape, p) in enumerate(pads):
        case(f"pad/{i} {'x'.join(map(str, shape))} {p}",
             lambda mb, r, shape=shape, p=p: mb.output(
                 mb.pad(mb.input(shape, "int8", 0.05, r.randint(-128, 127)), p)))
        value = (-1.0, 0.0, 0.7, 1000.0, -1000.0)[i]
        case(f"padv2/{i} {'x'.join(map(str, shape))} {p} value{value}",
             lambda mb, r, shape=shape, p=p, value=value: mb.output(
                 mb.padv2(mb.input(shape, "int8", 0.05, r.randint(-128, 127)), p, value)))
    case("pad/int16", lambda mb, r: mb.output(
        mb.pad(mb.input((1, 3, 3, 2), "int16", 2.0 ** -10, 0), [[0, 0], [1, 1], [2, 0], [0, 0]])))
    # CONCATENATION, including inputs whose quantization differs from the output's.
    concats = [([(1, 2, 3, 4), (1, 2, 3, 5)], -1), ([(1, 2, 3, 4), (1, 4, 3, 4)], 1),
               ([(2, 3), (2, 3), (2, 1)], 1), ([(1, 3), (4, 3)], 0),
               ([(1, 2, 2, 1), (1, 2, 2, 2), (1, 2, 2, 3)], 3), ([(1, 1, 5, 2), (1, 1, 2, 2)], 2)]
    for i, (shapes, axis) in enumerate(concats):
        differ = i % 2 == 1

        def fn(mb, r, shapes=shapes, axis=axis, differ=differ):
            s, z = _in_quant(r, "int8")
            xs = []
            for k, shape in enumerate(shapes):
                q = _in_quant(r, "int8") if differ and k else (s, z)
                xs.append(mb.input(shape, "int8", q[0], q[1], name=f"in{k}"))
            mb.output(mb.concatenation(xs, axis))
        case(f"concat/{i} {shapes} axis{axis}{' mixed-quant' if differ else ''}", fn)
    case("concat/int16", lambda mb, r: mb.output(mb.concatenation(
        [mb.input((1, 2, 3), "int16", 2.0 ** -10, 0, name="a"),
         mb.input((1, 2, 2), "int16", 2.0 ** -10, 0, name="b")], -1)))
    return cases


@family
def chains_family():
    cases = []

    def case(desc, fn):
        cases.append(_model_case(desc, fn))

    def classifier(mb, r, h, w, c, pool):
        x = mb.input((1, h, w, c), "int8", 0.02, r.randint(-128, 127))
        y = mb.conv2d(x, 8, 3, 2, "SAME", activation="RELU6")
        y = mb.depthwise_conv2d(y, 3, 1, "SAME", 2, activation="RELU")
        y = mb.conv2d(y, 6, 1, activation="RELU")
        y = pool(mb, y)
        y = mb.fully_connected(y, 5)
        mb.output(mb.softmax(y))

    for i, (h, w, c) in enumerate([(9, 9, 3), (12, 7, 1), (16, 16, 2)]):
        case(f"chain/classifier-avg-{i} {h}x{w}x{c}", lambda mb, r, h=h, w=w, c=c: classifier(
            mb, r, h, w, c, lambda mb, y: mb.average_pool2d(y, mb.t(y).shape[1:3])))
        case(f"chain/classifier-max-{i} {h}x{w}x{c}", lambda mb, r, h=h, w=w, c=c: classifier(
            mb, r, h, w, c, lambda mb, y: mb.max_pool2d(y, 2, 2, "SAME")))

    def residual(mb, r, relu):
        x = mb.input((1, 6, 6, 4), "int8", 0.03, r.randint(-30, 30))
        y = mb.conv2d(x, 4, 3, activation="RELU")
        y = mb.conv2d(y, 4, 3)
        z = mb.add(x, y, "RELU" if relu else "NONE")
        z = mb.average_pool2d(z, 2)
        mb.output(mb.fully_connected(z, 3, activation="RELU6"))
    case("chain/residual-relu", lambda mb, r: residual(mb, r, True))
    case("chain/residual-none", lambda mb, r: residual(mb, r, False))

    def gated(mb, r):
        x = mb.input((1, 5, 5, 3), "int8", 0.04, 3)
        y = mb.conv2d(x, 4, 3)
        mb.output(mb.mul(y, mb.logistic(y)))
    case("chain/swish", gated)

    def branches(mb, r):
        x = mb.input((1, 6, 5, 2), "int8", 0.05, -10)
        a = mb.conv2d(x, 3, 1, activation="RELU")
        b = mb.conv2d(x, 2, 3, activation="RELU")
        y = mb.concatenation([a, mb.quantize(b, "int8", float(mb.t(a).quant.scale[0]),
                                             int(mb.t(a).quant.zero_point[0]))], -1)
        y = mb.max_pool2d(y, 3, 2, "VALID")
        mb.output(mb.mean(y, [1, 2], keep_dims=False))
    case("chain/inception-concat", branches)

    def float_io(mb, r):
        x = mb.input((1, 10), "float32")
        q = mb.quantize(x, "int8", 0.04, -5)
        y = mb.fully_connected(q, 8, "RELU")
        y = mb.fully_connected(y, 4)
        mb.output(mb.dequantize(y))
    case("chain/float-io-fc", float_io)

    def padded(mb, r):
        x = mb.input((1, 5, 5, 2), "int8", 0.05, 7)
        y = mb.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]])
        y = mb.conv2d(y, 3, 3, padding="VALID", activation="RELU")
        y = mb.reshape(y, (1, -1))
        mb.output(mb.tanh(mb.fully_connected(y, 4)))
    case("chain/pad-conv-reshape-fc-tanh", padded)

    def kws(mb, r):
        x = mb.input((1, 49, 10, 1), "int8", 0.5, 83)
        y = mb.conv2d(x, 8, (10, 4), (2, 2), "SAME", activation="RELU")
        y = mb.depthwise_conv2d(y, 3, 1, "SAME", activation="RELU")
        y = mb.average_pool2d(y, mb.t(y).shape[1:3])
        y = mb.reshape(y, (1, -1))
        mb.output(mb.softmax(mb.fully_connected(y, 12)))
    case("chain/kws-like", kws)

    def minmax(mb, r):
        x = mb.input((1, 4, 4, 3), "int8", 0.05, 0)
        a = mb.conv2d(x, 3, 3, out_scale=0.1, out_zero_point=-2)
        b = mb.conv2d(x, 3, 1, out_scale=0.1, out_zero_point=-2)
        mb.output(mb.relu6(mb.minimum(mb.maximum(a, b), a)))
    case("chain/max-min-relu6", minmax)

    def requant_mul(mb, r):
        a = mb.input((1, 3, 4), "int8", 0.07, -20, name="a")
        b = mb.input((1, 1, 4), "int8", 0.01, 50, name="b")
        y = mb.mul(a, b, "RELU")
        y = mb.add(y, mb.relu(a, 0.05, -128))
        mb.output(mb.logistic(y))
    case("chain/mul-add-relu-logistic", requant_mul)
    return cases


def _cases_from(prefix, specs):
    """Cases from (description, fn(mb, r)) pairs."""
    cases = []
    for desc, fn in specs:
        name = f"{prefix}/{desc}"

        def build(name=name, fn=fn):
            mb = ModelBuilder(seed=_seed(name), description=name)
            fn(mb, _rng(name + "/q"))
            return mb.build()
        cases.append(Case(name, build))
    return cases


@family
def extremes_family():
    """Rescales at the edges of the fixed-point ranges: multipliers above one (left
    shifts), channels flushed to zero, long reductions, saturating exponentials."""
    specs = []

    def conv(mb, r, out_scale, w_gain=1.0, cin=4, k=3, flush=False):
        x = mb.input((1, 5, 6, cin), "int8", 0.05, -9)
        y = mb.conv2d(x, 5, k, gain=w_gain, out_scale=out_scale, out_zero_point=3)
        if flush:
            # A dead channel: weight scale ~1e-9 gives a multiplier below 2^-32.
            t = mb.t(mb.operators[-1].inputs[1])
            t.quant.scale[2] = np.float32(1e-9)
            b = mb.t(mb.operators[-1].inputs[2])
            b.quant.scale[2] = np.float32(np.float32(0.05) * np.float32(1e-9))
        mb.output(y)
    specs += [("conv-left-shift-x40", lambda mb, r: conv(mb, r, 2e-5)),
              ("conv-left-shift-x3", lambda mb, r: conv(mb, r, 3e-4, cin=1, k=1)),
              ("conv-tiny-multiplier", lambda mb, r: conv(mb, r, 400.0)),
              ("conv-flushed-channel", lambda mb, r: conv(mb, r, None, flush=True)),
              ("conv-deep-5x5x64", lambda mb, r: conv(mb, r, None, cin=64, k=5))]

    def fc(mb, r, depth, units, out_scale=None, pc=False):
        x = mb.input((2, depth), "int8", 0.03, 17)
        mb.output(mb.fully_connected(x, units, per_channel=pc, out_scale=out_scale,
                                     out_zero_point=-5))
    specs += [("fc-depth-1024", lambda mb, r: fc(mb, r, 1024, 10)),
              ("fc-units-200", lambda mb, r: fc(mb, r, 16, 200, pc=True)),
              ("fc-left-shift", lambda mb, r: fc(mb, r, 8, 4, 1e-5)),
              ("fc-huge-out-scale", lambda mb, r: fc(mb, r, 8, 4, 1e3))]

    def dw(mb, r, out_scale, mult):
        x = mb.input((1, 6, 6, 2), "int8", 0.1, 100)
        mb.output(mb.depthwise_conv2d(x, 3, 1, "SAME", mult, out_scale=out_scale,
                                      out_zero_point=-100))
    specs += [("dw-left-shift", lambda mb, r: dw(mb, r, 1e-4, 2)),
              ("dw-m16-cin1", lambda mb, r: dw(mb, r, None, 16))]

    def add(mb, r, s1, s2, so, shape=(1, 3, 4, 2), dt="int8"):
        z = 0 if dt == "int16" else 11
        a = mb.input(shape, dt, s1, z, name="a")
        b = mb.input(shape, dt, s2, -z, name="b")
        mb.output(mb.add(a, b, out_scale=so, out_zero_point=0 if dt == "int16" else -3))
    specs += [("add-ratio-1e4", lambda mb, r: add(mb, r, 1e-4, 1.0, 0.5)),
              ("add-tiny-output", lambda mb, r: add(mb, r, 0.05, 0.07, 1e-3)),
              ("add-huge-output", lambda mb, r: add(mb, r, 0.05, 0.07, 50.0)),
              ("add16-ratio-300", lambda mb, r: add(mb, r, 1e-5, 3e-3, 2e-3, dt="int16"))]

    def mul(mb, r, s1, s2, so, dt="int8"):
        z = 0 if dt == "int16" else 1
        a = mb.input((2, 5), dt, s1, -z * 128, name="a")
        b = mb.input((2, 5), dt, s2, z * 127, name="b")
        mb.output(mb.mul(a, b, out_scale=so, out_zero_point=0))
    specs += [("mul-multiplier-above-one", lambda mb, r: mul(mb, r, 0.5, 0.5, 1e-3)),
              ("mul-tiny-multiplier", lambda mb, r: mul(mb, r, 1e-3, 1e-3, 10.0)),
              ("mul16-wide", lambda mb, r: mul(mb, r, 1e-3, 2e-3, 3e-3, "int16"))]

    def mean(mb, r, shape, axes, s_in, s_out, dt="int8"):
        z = 0 if dt == "int16" else -77
        x = mb.input(shape, dt, s_in, z)
        mb.output(mb.mean(x, axes, True, s_out, 0 if dt == "int16" else 20))
    specs += [("mean-4096", lambda mb, r: mean(mb, r, (1, 64, 64, 1), [1, 2], 0.1, 0.1)),
              ("mean-fold-limited", lambda mb, r: mean(mb, r, (1, 16, 16, 2), [1, 2], 1e-6, 1.0)),
              ("mean-left-shift", lambda mb, r: mean(mb, r, (1, 5, 7, 3), [1, 2], 1.0, 1e-2)),
              ("mean16-1000", lambda mb, r: mean(mb, r, (1, 10, 100, 1), [1, 2], 1e-3, 2e-4,
                                                 "int16"))]

    def pool(mb, r, f, shape, dt="int8"):
        x = mb.input(shape, dt, 0.02, 0 if dt == "int16" else 120)
        mb.output(mb.average_pool2d(x, f, 1, "SAME"))
    specs += [("avgpool-25x5", lambda mb, r: pool(mb, r, (25, 5), (1, 25, 5, 4))),
              ("avgpool16-9x9", lambda mb, r: pool(mb, r, (9, 9), (1, 9, 9, 2), "int16"))]

    def softmax(mb, r, s, beta, n=12, od=None):
        x = mb.input((2, n), "int8", s, 5)
        mb.output(mb.softmax(x, beta, od))
    specs += [("softmax-huge-scale", lambda mb, r: softmax(mb, r, 40.0, 1.0)),
              ("softmax-multiplier-clamped", lambda mb, r: softmax(mb, r, 1000.0, 3.0)),
              ("softmax-tiny-scale", lambda mb, r: softmax(mb, r, 1e-4, 1.0)),
              ("softmax-diff-min", lambda mb, r: softmax(mb, r, 0.8, 1.0, 40)),
              ("softmax-int16-huge-scale", lambda mb, r: softmax(mb, r, 25.0, 1.0, 9, "int16"))]

    def sig(mb, r, op, s):
        x = mb.input((4, 64), "int8", s, -3)
        mb.output(mb.logistic(x) if op == "LOGISTIC" else mb.tanh(x))
    for op in ("LOGISTIC", "TANH"):
        for s in (1e-4, 0.5, 30.0):
            specs.append((f"{op.lower()}-scale{s:g}", lambda mb, r, op=op, s=s: sig(mb, r, op, s)))

    def requant(mb, r, src, dst, s_in, s_out):
        x = mb.input((1, 40), src, s_in, 0 if src == "int16" else 60)
        mb.output(mb.quantize(x, dst, s_out, 0 if dst == "int16" else -60))
    specs += [("requant-x128", lambda mb, r: requant(mb, r, "int8", "int8", 1.0, 1.0 / 128)),
              ("requant-flush", lambda mb, r: requant(mb, r, "int8", "int8", 1e-12, 1.0)),
              ("requant16-x2^15", lambda mb, r: requant(mb, r, "int16", "int16", 1.0, 2.0 ** -15))]

    def relu(mb, r, s_in, s_out):
        x = mb.input((3, 11), "int8", s_in, 40)
        mb.output(mb.relu(x, s_out, -128))
    specs += [("relu-x50", lambda mb, r: relu(mb, r, 0.5, 0.01)),
              ("relu-x0.001", lambda mb, r: relu(mb, r, 0.001, 1.0))]
    return _cases_from("edge", specs)


@family
def graphs_family():
    """Graph shapes that stress buffer assignment: values used long after they are
    made, inputs and outputs read by several ops, outputs that are views of inputs."""
    specs = []

    def reshape_only(mb, r):
        mb.output(mb.reshape(mb.input((1, 2, 3, 4), "int8", 0.1, 3), (4, 6)))
    specs.append(("reshape-input-to-output", reshape_only))

    def two_reshapes(mb, r):
        x = mb.input((2, 6), "int8", 0.1, 3)
        mb.output(mb.reshape(x, (3, 4)), mb.reshape(x, (12,)))
    specs.append(("input-viewed-twice", two_reshapes))

    def output_reused(mb, r):
        x = mb.input((1, 4, 4, 3), "int8", 0.05, 1)
        a = mb.conv2d(x, 3, 3, activation="RELU")
        b = mb.conv2d(a, 3, 3)
        mb.output(a, mb.add(a, b), b)
    specs.append(("output-also-consumed", output_reused))

    def long_skip(mb, r):
        x = mb.input((1, 8, 8, 4), "int8", 0.05, 1)
        y = x
        for i in range(4):
            y = mb.conv2d(y, 4, 3, activation="RELU", name=f"c{i}")
        y = mb.add(y, x, "RELU")
        mb.output(mb.mean(y, [1, 2], keep_dims=False))
    specs.append(("long-skip", long_skip))

    def fanout(mb, r):
        x = mb.input((1, 5, 5, 2), "int8", 0.05, -4)
        a = mb.max_pool2d(x, 2, 1, "SAME")
        b = mb.average_pool2d(x, 3, 1, "SAME")
        c = mb.relu6(x)
        d = mb.pad(x, [[0, 0], [0, 0], [0, 0], [3, 3]])
        y = mb.concatenation([a, b, c, x], -1)
        mb.output(mb.add(y, d))
    specs.append(("fan-out-concat", fanout))

    def concat_self(mb, r):
        x = mb.input((1, 3, 2), "int8", 0.05, -4)
        mb.output(mb.concatenation([x, x, x], 1))
    specs.append(("concat-same-input", concat_self))

    def out_of_order_outputs(mb, r):
        x = mb.input((1, 6), "int8", 0.05, -4)
        a = mb.fully_connected(x, 5)
        b = mb.fully_connected(a, 4)
        c = mb.softmax(b)
        mb.output(c, a, b)
    specs.append(("outputs-out-of-order", out_of_order_outputs))

    def two_inputs_chain(mb, r):
        a = mb.input((1, 4, 4, 2), "int8", 0.05, -4, name="a")
        b = mb.input((1, 4, 4, 2), "int8", 0.07, 9, name="b")
        y = mb.mul(a, b)
        y = mb.add(y, a, "RELU6")
        y = mb.maximum(y, mb.quantize(b, "int8", float(mb.t(y).quant.scale[0]),
                                      int(mb.t(y).quant.zero_point[0])))
        mb.output(mb.depthwise_conv2d(y, 3, 2, "SAME", 2))
    specs.append(("two-inputs-mixed", two_inputs_chain))

    def passthrough(mb, r):
        x = mb.input((1, 4), "int8", 0.1, 3)
        mb.output(x, mb.relu(x))
    specs.append(("input-is-output", passthrough))

    def duplicate_output(mb, r):
        y = mb.relu6(mb.input((2, 5), "int8", 0.1, 3))
        mb.output(y, y)
    specs.append(("same-output-twice", duplicate_output))

    def swapped_inputs(mb, r):
        a = mb.input((2, 3), "int8", 0.1, 3, name="a")
        b = mb.input((2, 3), "int8", 0.1, 3, name="b")
        mb.output(mb.concatenation([b, a], 0), mb.reshape(b, (3, 2)))
    specs.append(("inputs-used-out-of-order", swapped_inputs))

    def deep(mb, r):
        x = mb.input((1, 16, 16, 3), "int8", 0.02, 0)
        y = x
        for i in range(6):
            y = mb.conv2d(y, 8, 3, 2 if i % 2 else 1, activation="RELU6", name=f"c{i}")
            y = mb.depthwise_conv2d(y, 3, 1, "SAME", activation="RELU", name=f"d{i}")
        y = mb.reshape(y, (1, -1))
        mb.output(mb.softmax(mb.fully_connected(y, 10)))
    specs.append(("deep-mobilenet-like", deep))
    return _cases_from("graph", specs)


def _random_chain(mb, r, length):
    """A random network: 4-D ops on NHWC tensors (some joining an earlier tensor of
    the same shape), then optionally a classifier head."""
    h, w, c = r.randint(3, 12), r.randint(3, 12), r.randint(1, 6)
    s, z = _in_quant(r)
    x = mb.input((1, h, w, c), "int8", s, z)
    made = [x]
    for _ in range(length):
        t = mb.t(x)
        _, h, w, c = t.shape
        kind = r.choice(["conv", "conv", "dw", "pool", "join", "act", "pad", "concat",
                         "requant"])
        act = r.choice(ACTIVATIONS)
        if kind == "conv":
            k = min(r.choice([1, 3, 5]), h, w)
            x = mb.conv2d(x, r.randint(1, 8), k, r.choice([1, 1, 2]), r.choice(["SAME", "VALID"]),
                          activation=act, per_channel=r.random() < 0.8)
        elif kind == "dw":
            k = min(r.choice([1, 2, 3]), h, w)
            x = mb.depthwise_conv2d(x, k, r.choice([1, 2]), r.choice(["SAME", "VALID"]),
                                    r.choice([1, 1, 2]), activation=act)
        elif kind == "pool":
            f = min(r.choice([1, 2, 3]), h, w)
            pool = mb.max_pool2d if r.random() < 0.5 else mb.average_pool2d
            x = pool(x, f, r.choice([1, 2]), r.choice(["SAME", "VALID"]), act)
        elif kind == "join":
            same = [m for m in made if mb.t(m).shape == t.shape and m != x]
            other = r.choice(same) if same else mb.conv2d(x, c, 1)
            op = r.choice(["add", "add", "mul", "max"])
            if op == "add":
                x = mb.add(x, other, act)
            elif op == "mul":
                x = mb.mul(x, other, act)
            else:
                q = t.quant
                other = mb.quantize(other, "int8", float(q.scale[0]), int(q.zero_point[0]))
                x = mb.maximum(x, other) if r.random() < 0.5 else mb.minimum(x, other)
        elif kind == "act":
            fn = r.choice([mb.relu, mb.relu6, mb.relu_n1_to_1, mb.logistic, mb.tanh])
            x = fn(x)
        elif kind == "pad":
            p = [[0, 0], [r.randint(0, 2), r.randint(0, 2)], [r.randint(0, 2), r.randint(0, 2)],
                 [0, 0]]
            x = mb.pad(x, p) if r.random() < 0.5 else mb.padv2(x, p, r.uniform(-1, 1))
        elif kind == "concat":
            same = [m for m in made if mb.t(m).shape[:3] == t.shape[:3]]
            x = mb.concatenation([x, r.choice(same)], -1)
        else:
            x = mb.quantize(x, "int8", float(t.quant.scale[0]) * r.uniform(0.3, 3),
                            r.randint(-100, 100))
        made.append(x)
    if r.random() < 0.5:
        x = mb.mean(x, [1, 2], keep_dims=r.random() < 0.5) if r.random() < 0.5 else \
            mb.reshape(x, (1, -1))
        x = mb.fully_connected(x, r.randint(2, 10), r.choice(ACTIVATIONS))
        if r.random() < 0.5:
            x = mb.softmax(x, r.choice([1.0, 0.5]))
    mb.output(x)


@family
def random_chains_family():
    cases = []
    for i in range(30):
        name = f"random/{i:02d}"
        length = 3 + i % 5

        def build(name=name, length=length):
            mb = ModelBuilder(seed=_seed(name), description=name)
            _random_chain(mb, _rng(name + "/q"), length)
            return mb.build()
        cases.append(Case(f"{name} length{length}", build))
    return cases


# ---------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------

def _bytes(a):
    a = np.ascontiguousarray(a)
    return a.astype(a.dtype.newbyteorder("<")).tobytes()


def check(case, work):
    """Returns (ok, message, number of inputs run)."""
    # The full name keys the directory: cases that share a prefix must not share a
    # compiled model.
    safe = "".join(c if c.isalnum() else "_" for c in case.name.split(" ")[0])
    d = os.path.join(work, f"{safe}-{_seed(case.name):08x}")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "model.tflite")
    data = case.build()
    with open(path, "wb") as f:
        f.write(data)
    model = tflite.load_model(data)
    sets = input_sets(model, case.name)
    for label, inputs in sets:
        want = [_bytes(o) for o in reference.run(model, inputs)]
        try:
            got = run.run_model(path, "host", [_bytes(x) for x in inputs],
                                out_dir=os.path.join(d, "build"))["outputs"]
        except (run.RunError, OSError) as e:
            first = str(e).strip().splitlines()
            return False, f"{label}: {' | '.join(first[:4])}", 0
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                at = next((k for k in range(min(len(g), len(w))) if g[k] != w[k]),
                          min(len(g), len(w)))
                ndiff = sum(1 for k in range(min(len(g), len(w))) if g[k] != w[k])
                return False, (f"input set {label}: output {i} differs in {ndiff} of "
                               f"{len(w)} bytes, first at {at}: got {g[at:at + 8].hex()} "
                               f"want {w[at:at + 8].hex()}"), 0
    return True, "", len(sets)


def main(argv):
    args = list(argv)
    keep = "--keep" in args
    if keep:
        args.remove("--keep")
    only = []
    while "--only" in args:
        k = args.index("--only")
        only.append(args[k + 1])
        del args[k:k + 2]
    if "--list" in args:
        for fam in args[args.index("--list") + 1:] or sorted(FAMILIES):
            for c in FAMILIES[fam]():
                print(f"{fam}: {c.name}{' (xfail)' if c.xfail else ''}")
        return 0
    work, fams = args[0], args[1:]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    start = time.time()
    counts = {"PASS": 0, "FAIL": 0, "XFAIL": 0, "XPASS": 0}
    inputs = 0
    cases = [c for fam in fams for c in FAMILIES[fam]()]
    names = [c.name for c in cases]
    if len(set(names)) != len(names):
        raise SystemExit("duplicate case names: "
                         + ", ".join(sorted({n for n in names if names.count(n) > 1})))
    for c in cases:
        if only and not any(c.name.startswith(o) for o in only):
            continue
        try:
            ok, msg, n = check(c, work)
        except Exception as e:  # a builder or reference failure is a test bug
            ok, msg, n = False, f"{type(e).__name__}: {e}", 0
        inputs += n
        if c.xfail:
            status = "XPASS" if ok else "XFAIL"
            msg = c.xfail if not ok else "known bug no longer reproduces: " + c.xfail
        else:
            status = "PASS" if ok else "FAIL"
        counts[status] += 1
        print(f"{status} {c.name}{': ' + msg if msg else f' ({n} inputs)'}", flush=True)
    total = sum(counts.values())
    print(f"{' '.join(fams)}: {total} models, {inputs} input sets, "
          + ", ".join(f"{v} {k}" for k, v in counts.items() if v)
          + f", {time.time() - start:.1f} s")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if counts["FAIL"] or counts["XPASS"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
