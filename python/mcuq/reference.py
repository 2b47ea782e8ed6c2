"""Numpy interpreter reproducing TensorFlow Lite Micro's reference kernels bit for bit.

`run(model, inputs, state=None)` executes subgraph 0 of a `mcuq.tflite.Model` op by op. Every
op computes its parameters the way TFLM's Prepare does (including where TFLM multiplies scales
in float32 before widening to double) and then the integer arithmetic of the reference kernel,
using the primitives of `mcuq.quant`. docs/spec.md describes each op.

Variable tensors (SVDF and LSTM state) start from TFLM's reset value (see `initial_state`). Pass a
dict as `state` to keep them across calls: it is filled on first use and updated after each run.

Command line:
    python3 -m mcuq.reference model.tflite --input in0.bin [--input in1.bin] --output out0.bin
"""

import argparse
import math
import sys

import numpy as np

from . import quant as Q
from . import tflite

_LIMITS = {
    np.dtype(np.int8): (-128, 127),
    np.dtype(np.int16): (-32768, 32767),
    np.dtype(np.int32): (Q.INT32_MIN, Q.INT32_MAX),
    np.dtype(np.uint8): (0, 255),
}


class RefError(ValueError):
    """A model that TFLM's Prepare would reject (types, quantization, shapes)."""


# ---------------------------------------------------------------------------------------------
# Tensor helpers
# ---------------------------------------------------------------------------------------------

def _scale(t):
    """Per-tensor scale as numpy float32 (TfLiteQuantizationParams.scale is a float)."""
    if t.quant is None or t.quant.scale.size == 0:
        return np.float32(0.0)
    return np.float32(t.quant.scale[0])


def _zp(t):
    if t.quant is None or t.quant.zero_point.size == 0:
        return 0
    return int(t.quant.zero_point[0])


def _limits(dtype):
    return _LIMITS[np.dtype(dtype)]


def _f64(x):
    return float(np.float64(x))


def _exact_matmul(a, b):
    """Integer a @ b with int64 semantics; uses float64 BLAS when every partial sum is exact."""
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    if a.size == 0 or b.size == 0:
        return np.zeros((a.shape[0], b.shape[1]), dtype=np.int64)
    bound = float(np.abs(a).max()) * float(np.abs(b).max()) * a.shape[-1]
    if bound < 2.0 ** 52:
        return np.rint(a.astype(np.float64) @ b.astype(np.float64)).astype(np.int64)
    return a @ b


def _clamp_cast(x, lo, hi, dtype):
    return np.clip(np.asarray(x, dtype=np.int64), lo, hi).astype(dtype)


class _Ctx:
    def __init__(self, model, sg):
        self.model = model
        self.sg = sg
        self.env = {}

    def t(self, idx):
        return self.sg.tensors[idx]

    def get(self, idx):
        if idx < 0:
            return None
        if idx not in self.env:
            raise RefError("tensor %d is read before it is written" % idx)
        return self.env[idx]

    def set(self, idx, value):
        t = self.t(idx)
        value = np.asarray(value)
        if value.dtype != t.dtype:
            value = value.astype(t.dtype)
        if tuple(t.shape) and value.size == int(np.prod(t.shape)):
            value = value.reshape(t.shape)
        self.env[idx] = value


def initial_state(tensor):
    """TFLM ResetVariableTensors: int8 variables hold their zero point, everything else 0."""
    value = 0
    if tensor.type_name == "INT8" and tensor.quant is not None:
        value = _zp(tensor)
    return np.full(tensor.shape, value, dtype=tensor.dtype)


# ---------------------------------------------------------------------------------------------
# Shared parameter computations (spec section 5)
# ---------------------------------------------------------------------------------------------

def _activation_range(activation, out):
    lo, hi = _limits(out.dtype)
    return Q.activation_range_quantized(activation, _scale(out), _zp(out), lo, hi)


def _conv_multipliers(inp, flt, out, num_channels):
    """PopulateConvolutionQuantizationParams: per channel f64(s_in) * f64(s_w) / f64(s_out)."""
    s_in = _f64(_scale(inp))
    s_out = _f64(_scale(out))
    scales = flt.quant.scale
    per_channel = scales.size > 1
    mults = np.zeros(num_channels, dtype=np.int64)
    shifts = np.zeros(num_channels, dtype=np.int64)
    for c in range(num_channels):
        s_w = _f64(np.float32(scales[c] if per_channel else scales[0]))
        m, s = Q.quantize_multiplier(s_in * s_w / s_out)
        mults[c], shifts[c] = m, s
    return mults, shifts


def _fc_multiplier(inp, flt, out):
    """GetQuantizedConvolutionMultipler: the scale product is formed in float32 first."""
    product = np.float32(_scale(inp) * _scale(flt))
    return Q.quantize_multiplier(_f64(product) / _f64(_scale(out)))


def _padding(padding, in_size, filter_size, stride, dilation, out_size):
    """TFLM ComputePaddingHeightWidth: the leading pad; any odd extra goes at the end."""
    effective = (filter_size - 1) * dilation + 1
    if padding == "SAME":
        total = (out_size - 1) * stride + effective - in_size
        return max(total // 2, 0)
    return 0


def _out_size(padding, in_size, filter_size, stride, dilation):
    effective = (filter_size - 1) * dilation + 1
    if padding == "SAME":
        return (in_size + stride - 1) // stride
    return (in_size + stride - effective) // stride


def _windows(x, kh, kw, sh, sw, dh, dw, oh, ow, pad_t, pad_l, fill):
    """Padded input windows: returns list over (ky, kx) of [N, OH, OW, C] slices."""
    n, h, w, c = x.shape
    need_h = (oh - 1) * sh + (kh - 1) * dh + 1
    need_w = (ow - 1) * sw + (kw - 1) * dw + 1
    pad_b = max(need_h - h - pad_t, 0)
    pad_r = max(need_w - w - pad_l, 0)
    xp = np.pad(x, ((0, 0), (pad_t, pad_b), (pad_l, pad_r), (0, 0)), constant_values=fill)
    out = []
    for ky in range(kh):
        for kx in range(kw):
            y0 = ky * dh
            x0 = kx * dw
            out.append(xp[:, y0:y0 + (oh - 1) * sh + 1:sh, x0:x0 + (ow - 1) * sw + 1:sw, :])
    return out


def _requantize_acc(acc, mults, shifts, wide):
    if wide:
        return Q.multiply_by_quantized_multiplier_int64(acc, mults, shifts)
    return Q.multiply_by_quantized_multiplier(Q.wrap32(acc), mults, shifts)


# ---------------------------------------------------------------------------------------------
# Convolutions and fully connected (spec section 6)
# ---------------------------------------------------------------------------------------------

def _conv2d(ctx, op):
    inp, flt, out = ctx.t(op.inputs[0]), ctx.t(op.inputs[1]), ctx.t(op.outputs[0])
    x = ctx.get(op.inputs[0]).astype(np.int64)
    w = ctx.get(op.inputs[1]).astype(np.int64)
    bias = ctx.get(op.inputs[2]) if len(op.inputs) > 2 else None
    o = op.options
    _check_quantized(op, inp, out)
    n, h, wd, ic = x.shape
    oc, kh, kw, fic = w.shape
    groups = ic // fic
    sh, sw = o.get("stride_h", 1), o.get("stride_w", 1)
    dh, dw = o.get("dilation_h_factor", 1), o.get("dilation_w_factor", 1)
    oh, ow = out.shape[1], out.shape[2]
    pad_t = _padding(o["padding"], h, kh, sh, dh, oh)
    pad_l = _padding(o["padding"], wd, kw, sw, dw, ow)
    int16 = inp.type_name == "INT16"
    # int16 x int8 accumulates in int64 (and uses the int64 rescale) only with an int64 bias.
    wide = int16 and bias is not None and bias.dtype == np.int64
    # int8: acc += w * (x - zp_in); the int16 kernel assumes zp_in == 0 and adds no offset.
    xo = x if int16 else x - _zp(inp)
    wins = _windows(xo, kh, kw, sh, sw, dh, dw, oh, ow, pad_t, pad_l, 0)
    patches = np.stack(wins, axis=3)  # [N, OH, OW, KH*KW, IC]
    acc = np.zeros((n, oh, ow, oc), dtype=np.int64)
    fpg = oc // groups
    for g in range(groups):
        p = patches[..., g * fic:(g + 1) * fic].reshape(n * oh * ow, kh * kw * fic)
        wg = w[g * fpg:(g + 1) * fpg].reshape(fpg, kh * kw * fic)
        acc[..., g * fpg:(g + 1) * fpg] = _exact_matmul(p, wg.T).reshape(n, oh, ow, fpg)
    if bias is not None:
        acc = acc + bias.astype(np.int64)
    mults, shifts = _conv_multipliers(inp, flt, out, oc)
    lo, hi = _activation_range(o.get("fused_activation_function", "NONE"), out)
    r = _requantize_acc(acc, mults, shifts, wide)
    if not int16:
        r = r + _zp(out)
    ctx.set(op.outputs[0], _clamp_cast(r, lo, hi, out.dtype))


def _depthwise_conv2d(ctx, op):
    inp, flt, out = ctx.t(op.inputs[0]), ctx.t(op.inputs[1]), ctx.t(op.outputs[0])
    x = ctx.get(op.inputs[0]).astype(np.int64)
    w = ctx.get(op.inputs[1]).astype(np.int64)
    bias = ctx.get(op.inputs[2]) if len(op.inputs) > 2 else None
    o = op.options
    _check_quantized(op, inp, out)
    n, h, wd, ic = x.shape
    _, kh, kw, oc = w.shape
    mult = oc // ic
    sh, sw = o.get("stride_h", 1), o.get("stride_w", 1)
    dh, dw = o.get("dilation_h_factor", 1), o.get("dilation_w_factor", 1)
    oh, ow = out.shape[1], out.shape[2]
    pad_t = _padding(o["padding"], h, kh, sh, dh, oh)
    pad_l = _padding(o["padding"], wd, kw, sw, dw, ow)
    wide = inp.type_name == "INT16"
    xo = x if wide else x - _zp(inp)
    if mult > 1:
        xo = np.repeat(xo, mult, axis=3)  # output channel ic * mult + m reads input channel ic
    acc = np.zeros((n, oh, ow, oc), dtype=np.int64)
    for k, win in enumerate(_windows(xo, kh, kw, sh, sw, dh, dw, oh, ow, pad_t, pad_l, 0)):
        acc += win * w[0, k // kw, k % kw, :]
    if bias is not None:
        acc = acc + bias.astype(np.int64)
    mults, shifts = _conv_multipliers(inp, flt, out, oc)
    lo, hi = _activation_range(o.get("fused_activation_function", "NONE"), out)
    r = _requantize_acc(acc, mults, shifts, wide)
    if not wide:
        r = r + _zp(out)
    ctx.set(op.outputs[0], _clamp_cast(r, lo, hi, out.dtype))


def _fully_connected(ctx, op):
    inp, flt, out = ctx.t(op.inputs[0]), ctx.t(op.inputs[1]), ctx.t(op.outputs[0])
    _check_quantized(op, inp, out)
    x = ctx.get(op.inputs[0]).astype(np.int64)
    w = ctx.get(op.inputs[1]).astype(np.int64)
    bias = ctx.get(op.inputs[2]) if len(op.inputs) > 2 and op.inputs[2] >= 0 else None
    depth = w.shape[-1]
    units = w.shape[0]
    x = x.reshape(-1, depth)
    wide = inp.type_name == "INT16"
    per_channel = flt.quant is not None and flt.quant.scale.size > 1
    if per_channel:
        # FullyConnectedPerChannel: weights symmetric, no weight offset.
        mults, shifts = _conv_multipliers(inp, flt, out, units)
        wo = w
    else:
        m, s = _fc_multiplier(inp, flt, out)
        mults, shifts = np.int64(m), np.int64(s)
        wo = w - _zp(flt)
    xo = x if wide else x - _zp(inp)
    acc = _exact_matmul(xo, wo.T)
    if bias is not None:
        acc = acc + bias.astype(np.int64).reshape(1, units)
    lo, hi = _activation_range(op.options.get("fused_activation_function", "NONE"), out)
    r = _requantize_acc(acc, mults, shifts, wide)
    if not wide:
        r = r + _zp(out)
    ctx.set(op.outputs[0], _clamp_cast(r, lo, hi, out.dtype).reshape(out.shape))


def _check_quantized(op, inp, out):
    if inp.type_name not in ("INT8", "INT16") or inp.quant is None:
        raise NotImplementedError("%s (operator %d) with %s input: only the quantized path is "
                                  "implemented" % (op.opcode, op.index, inp.type_name))


# ---------------------------------------------------------------------------------------------
# Pooling (spec section 7)
# ---------------------------------------------------------------------------------------------

def _pool(ctx, op, is_max):
    inp, out = ctx.t(op.inputs[0]), ctx.t(op.outputs[0])
    _check_quantized(op, inp, out)
    x = ctx.get(op.inputs[0]).astype(np.int64)
    o = op.options
    n, h, wd, c = x.shape
    kh, kw = o["filter_height"], o["filter_width"]
    sh, sw = o["stride_h"], o["stride_w"]
    oh, ow = out.shape[1], out.shape[2]
    pad_t = _padding(o["padding"], h, kh, sh, 1, oh)
    pad_l = _padding(o["padding"], wd, kw, sw, 1, ow)
    lo, hi = _activation_range(o.get("fused_activation_function", "NONE"), out)
    if is_max:
        fill = np.iinfo(np.int64).min
        r = None
        for win in _windows(x, kh, kw, sh, sw, 1, 1, oh, ow, pad_t, pad_l, fill):
            r = win if r is None else np.maximum(r, win)
        r = np.maximum(r, _limits(inp.dtype)[0])  # TFLM starts from the type's lowest value
    else:
        ones = np.ones((n, h, wd, 1), dtype=np.int64)
        acc = sum(_windows(x, kh, kw, sh, sw, 1, 1, oh, ow, pad_t, pad_l, 0))
        cnt = sum(_windows(ones, kh, kw, sh, sw, 1, 1, oh, ow, pad_t, pad_l, 0))
        r = Q.rounding_average_div(acc, np.broadcast_to(cnt, acc.shape))
    ctx.set(op.outputs[0], _clamp_cast(r, lo, hi, out.dtype))


# ---------------------------------------------------------------------------------------------
# Elementwise (spec section 8)
# ---------------------------------------------------------------------------------------------

def _add(ctx, op, sub=False):
    a_t, b_t, out = ctx.t(op.inputs[0]), ctx.t(op.inputs[1]), ctx.t(op.outputs[0])
    _check_quantized(op, a_t, out)
    a = ctx.get(op.inputs[0]).astype(np.int64)
    b = ctx.get(op.inputs[1]).astype(np.int64)
    left_shift = 15 if out.type_name == "INT16" else 20
    s1, s2, so = _f64(_scale(a_t)), _f64(_scale(b_t)), _f64(_scale(out))
    twice_max = 2.0 * _f64(max(_scale(a_t), _scale(b_t)))
    m1, sh1 = Q.quantize_multiplier_smaller_than_one_exp(s1 / twice_max)
    m2, sh2 = Q.quantize_multiplier_smaller_than_one_exp(s2 / twice_max)
    mo, sho = Q.quantize_multiplier_smaller_than_one_exp(twice_max / (float(1 << left_shift) * so))
    lo, hi = _activation_range(op.options.get("fused_activation_function", "NONE"), out)
    x1 = Q.multiply_by_quantized_multiplier_smaller_than_one_exp(
        Q.wrap32((a - _zp(a_t)) << left_shift), m1, sh1)
    x2 = Q.multiply_by_quantized_multiplier_smaller_than_one_exp(
        Q.wrap32((b - _zp(b_t)) << left_shift), m2, sh2)
    raw = Q.wrap32(x1 - x2 if sub else x1 + x2)
    r = Q.multiply_by_quantized_multiplier_smaller_than_one_exp(raw, mo, sho) + _zp(out)
    ctx.set(op.outputs[0], _clamp_cast(r, lo, hi, out.dtype))


def _mul(ctx, op):
    a_t, b_t, out = ctx.t(op.inputs[0]), ctx.t(op.inputs[1]), ctx.t(op.outputs[0])
    _check_quantized(op, a_t, out)
    a = ctx.get(op.inputs[0]).astype(np.int64)
    b = ctx.get(op.inputs[1]).astype(np.int64)
    real = _f64(_scale(a_t)) * _f64(_scale(b_t)) / _f64(_scale(out))
    m, s = Q.quantize_multiplier(real)
    lo, hi = _activation_range(op.options.get("fused_activation_function", "NONE"), out)
    prod = Q.wrap32((a - _zp(a_t)) * (b - _zp(b_t)))
    r = Q.multiply_by_quantized_multiplier(prod, m, s) + _zp(out)
    ctx.set(op.outputs[0], _clamp_cast(r, lo, hi, out.dtype))


def _max_min(ctx, op, fn):
    a = ctx.get(op.inputs[0])
    b = ctx.get(op.inputs[1])
    ctx.set(op.outputs[0], fn(a, b))


def _relu_family(ctx, op, lo_real, hi_real):
    inp, out = ctx.t(op.inputs[0]), ctx.t(op.outputs[0])
    _check_quantized(op, inp, out)
    x = ctx.get(op.inputs[0]).astype(np.int64)
    qlo, qhi = _limits(out.dtype)
    if op.opcode == "RELU":
        # ReluQuantized: rescale to the output's quantization, clamp at the output's zero.
        m, s = Q.quantize_multiplier(_f64(_scale(inp)) / _f64(_scale(out)))
        r = _zp(out) + Q.multiply_by_quantized_multiplier(x - _zp(inp), m, s)
        lo = max(qlo, _zp(out) + int(Q.tflite_round(np.float32(0.0) / _scale(out))))
        ctx.set(op.outputs[0], _clamp_cast(r, lo, qhi, out.dtype))
        return
    # RELU6 / RELU_N1_TO_1: clamp raw values between the bounds quantized with the input's params.
    lo = Q.float_to_quantized(lo_real, _scale(inp), _zp(inp), qlo, qhi)
    hi = Q.float_to_quantized(hi_real, _scale(inp), _zp(inp), qlo, qhi)
    ctx.set(op.outputs[0], _clamp_cast(x, lo, hi, out.dtype))


# ---------------------------------------------------------------------------------------------
# Softmax, logistic, tanh (spec section 9)
# ---------------------------------------------------------------------------------------------

_LUT_CACHE = {}


def _softmax_luts():
    if "softmax" not in _LUT_CACHE:
        def exp_f(v):
            return np.float32(np.exp(np.float64(v)))

        def recip_f(v):
            return np.float32(np.float32(1.0) / np.float32(np.float32(1.0) + v))
        _LUT_CACHE["softmax"] = (Q.gen_lut_int16(exp_f, -10.0, 0.0, -1.0, 1.0),
                                 Q.gen_lut_int16(recip_f, 0.0, 1.0, -1.0, 1.0))
    return _LUT_CACHE["softmax"]


def _softmax(ctx, op):
    inp, out = ctx.t(op.inputs[0]), ctx.t(op.outputs[0])
    _check_quantized(op, inp, out)
    x = ctx.get(op.inputs[0]).astype(np.int64)
    beta = float(np.float32(op.options.get("beta", 1.0)))
    shape = x.shape
    x = x.reshape(-1, shape[-1])
    if inp.type_name == "INT8":
        if out.type_name == "INT8":
            if _zp(out) != -128 or _scale(out) != np.float32(1.0 / 256):
                raise RefError("SOFTMAX int8 output must have scale 1/256 and zero point -128")
        elif out.type_name == "INT16":
            if _zp(out) != -32768:
                raise RefError("SOFTMAX int16 output of an int8 input needs zero point -32768")
        mult, left_shift = Q.preprocess_softmax_scaling(beta, _f64(_scale(inp)), 5)
        diff_min = -Q.calculate_input_radius(5, left_shift)
        out_bits = 8 * out.dtype.itemsize
        out_min, out_max = _limits(out.dtype)
        max_in_row = x.max(axis=1, keepdims=True)
        diff = x - max_in_row
        valid = diff >= diff_min
        rescaled = Q.multiply_by_quantized_multiplier_greater_than_one(diff, mult, left_shift)
        exps = Q.exp_on_negative_values(rescaled, 5)
        # Rescale<12>(exp) from Q0.31 to Q12.19, summed in int32.
        sum_of_exps = np.where(valid, Q.rounding_divide_by_pot(exps, 12), 0).sum(
            axis=1, keepdims=True)
        sum_of_exps = Q.wrap32(sum_of_exps)
        shifted_scale, num_bits_over_unit = Q.get_reciprocal(sum_of_exps, 12)
        exponent = num_bits_over_unit + 31 - out_bits
        unsat = Q.rounding_divide_by_pot(Q.saturating_rounding_doubling_high_mul(
            shifted_scale, exps), exponent)
        r = np.clip(unsat + out_min, out_min, out_max)
        r = np.where(valid, r, out_min)
    elif inp.type_name == "INT16":
        if _zp(out) != 0:
            raise RefError("SOFTMAX int16 output needs zero point 0")
        exp_lut, recip_lut = _softmax_luts()
        real = _f64(_scale(inp)) * beta / (10.0 / 65535.0)
        mult, shift = Q.quantize_multiplier(real)
        max_in_row = x.max(axis=1, keepdims=True)
        scaled_diff = Q.multiply_by_quantized_multiplier(x - max_in_row, mult, shift)
        sym = np.clip(scaled_diff + 32767, -32768, 32767)
        exps = Q.lut_lookup_int16(sym, exp_lut)
        sum_of_exps = Q.wrap32(exps.sum(axis=1, keepdims=True))
        headroom_plus_one = Q.count_leading_zeros32(sum_of_exps)
        shifted_sum = ((sum_of_exps << (headroom_plus_one - 1)) + (1 << 13)) >> 14
        sym_sum = np.clip(shifted_sum - ((1 << 15) + (1 << 16)), -32768, 32767)
        recip = Q.lut_lookup_int16(sym_sum, recip_lut)
        right_shift = 31 - headroom_plus_one
        rnd = np.int64(1) << (right_shift - 1)
        res = (exps * recip + rnd) >> right_shift
        r = np.clip(Q.wrap32(res), 0, 32767)
    else:
        raise NotImplementedError("SOFTMAX (operator %d) with %s input" % (op.index, inp.type_name))
    ctx.set(op.outputs[0], np.asarray(r, dtype=np.int64).reshape(shape).astype(out.dtype))


def _int16_activation_params(inp, out, allow_shift_one):
    """LOGISTIC/TANH int16 Prepare: (input_multiplier, input_left_shift)."""
    if _zp(inp) != 0 or _zp(out) != 0:
        raise RefError("int16 LOGISTIC/TANH need zero points of 0")
    log2, pot = Q.checked_log2(_scale(inp))
    left_shift = (15 - 3) + log2
    pot = pot and (left_shift == 0 or (allow_shift_one and left_shift == 1))
    if pot:
        return 0, left_shift
    multiplier = _f64(_scale(inp)) * 4096.0 * 3.0
    left_shift = 0
    while multiplier <= 32767.0 / 2.0 and left_shift <= 30:
        left_shift += 1
        multiplier *= 2.0
    return int(multiplier), left_shift


def _int8_activation_params(inp):
    """LOGISTIC/TANH int8 Prepare: frexp of s_in * 2^27 without the 2^31 fix-up."""
    real = _f64(_scale(inp)) * float(1 << 27)
    q, left_shift = math.frexp(real)
    # Stored with a plain double -> int32 cast: a mantissa rounding up to 2^31 wraps (x86).
    mult = Q.wrap32(int(Q.tflite_round(q * float(1 << 31))))
    radius = Q.calculate_input_radius(4, left_shift, 31)
    return mult, left_shift, radius


def _logistic(ctx, op):
    inp, out = ctx.t(op.inputs[0]), ctx.t(op.outputs[0])
    _check_quantized(op, inp, out)
    x = ctx.get(op.inputs[0]).astype(np.int64)
    if inp.type_name == "INT8":
        if _zp(out) != -128:
            raise RefError("LOGISTIC int8 output needs zero point -128")
        mult, shift, radius = _int8_activation_params(inp)
        d = x - _zp(inp)
        inner = np.clip(d, -radius + 1, radius - 1)
        q4 = Q.multiply_by_quantized_multiplier(inner, mult, shift)
        o = Q.rounding_divide_by_pot(Q.fixed_point_logistic(q4, 4), 23)
        o = np.clip(o - 128, -128, 127)
        r = np.where(d <= -radius, -128, np.where(d >= radius, 127, o))
    else:
        mult, shift = _int16_activation_params(inp, out, allow_shift_one=False)
        r = Q.logistic_int16(x, mult, shift)
    ctx.set(op.outputs[0], np.asarray(r).astype(out.dtype))


def _tanh(ctx, op):
    inp, out = ctx.t(op.inputs[0]), ctx.t(op.outputs[0])
    _check_quantized(op, inp, out)
    x = ctx.get(op.inputs[0]).astype(np.int64)
    if inp.type_name == "INT8":
        mult, shift, radius = _int8_activation_params(inp)
        d = x - _zp(inp)
        inner = np.clip(d, -radius + 1, radius - 1)
        q4 = Q.multiply_by_quantized_multiplier(inner, mult, shift)
        o = np.clip(Q.rounding_divide_by_pot(Q.fixed_point_tanh(q4, 4), 24), -128, 127)
        r = np.where(d <= -radius, -128, np.where(d >= radius, 127, o))
    else:
        mult, shift = _int16_activation_params(inp, out, allow_shift_one=True)
        r = Q.tanh_int16(x, mult, shift)
    ctx.set(op.outputs[0], np.asarray(r).astype(out.dtype))


# ---------------------------------------------------------------------------------------------
# Data movement and (de)quantization (spec section 10)
# ---------------------------------------------------------------------------------------------

def _reshape(ctx, op):
    ctx.set(op.outputs[0], ctx.get(op.inputs[0]).reshape(ctx.t(op.outputs[0]).shape))


def _quantize(ctx, op):
    inp, out = ctx.t(op.inputs[0]), ctx.t(op.outputs[0])
    x = ctx.get(op.inputs[0])
    lo, hi = _limits(out.dtype)
    if inp.type_name == "FLOAT32":
        # AffineQuantize: roundf(x / (float)scale) + zp, clamped.
        q = Q.tflite_round(x.astype(np.float32) / _scale(out))
        r = np.clip(q.astype(np.float64), -2.0 ** 31, 2.0 ** 31 - 1).astype(np.int64) + _zp(out)
        ctx.set(op.outputs[0], _clamp_cast(r, lo, hi, out.dtype))
        return
    # Requantize: MultiplyByQuantizedMultiplier(x - zp_in, s_in / s_out (double)) + zp_out.
    m, s = Q.quantize_multiplier(_f64(_scale(inp)) / _f64(_scale(out)))
    r = Q.multiply_by_quantized_multiplier(x.astype(np.int64) - _zp(inp), m, s) + _zp(out)
    ctx.set(op.outputs[0], _clamp_cast(r, lo, hi, out.dtype))


def _dequantize(ctx, op):
    inp = ctx.t(op.inputs[0])
    x = ctx.get(op.inputs[0]).astype(np.int64)
    r = (_f64(_scale(inp)) * (x - _zp(inp)).astype(np.float64)).astype(np.float32)
    ctx.set(op.outputs[0], r)


def _pad(ctx, op):
    out = ctx.t(op.outputs[0])
    x = ctx.get(op.inputs[0])
    pads = np.asarray(ctx.get(op.inputs[1]), dtype=np.int64).reshape(-1, 2)
    if len(op.inputs) > 2 and op.inputs[2] >= 0:
        value = np.asarray(ctx.get(op.inputs[2])).reshape(-1)[0]
    else:
        # PAD: int8 pads with the output zero point, every other type with 0.
        value = _zp(out) if out.type_name == "INT8" else 0
    pads = np.concatenate([np.zeros((x.ndim - pads.shape[0], 2), dtype=np.int64), pads])
    ctx.set(op.outputs[0], np.pad(x, [tuple(p) for p in pads], constant_values=value))


def _concatenation(ctx, op):
    out = ctx.t(op.outputs[0])
    axis = op.options.get("axis", 0)
    if op.options.get("fused_activation_function", "NONE") != "NONE":
        raise RefError("CONCATENATION (operator %d): TFLM only accepts no fused activation"
                       % op.index)
    parts = [ctx.get(i) for i in op.inputs]
    if axis < 0:
        axis += parts[0].ndim
    # TFLM copies the raw values: int8/int16 inputs are expected to share the output's
    # quantization (the converter arranges it), nothing is requantized.
    ctx.set(op.outputs[0], np.concatenate(parts, axis=axis).astype(out.dtype))


def _mean(ctx, op):
    inp, out = ctx.t(op.inputs[0]), ctx.t(op.outputs[0])
    _check_quantized(op, inp, out)
    x = ctx.get(op.inputs[0]).astype(np.int64)
    axes = sorted(set(int(a) % x.ndim for a in np.asarray(ctx.get(op.inputs[1])).reshape(-1)))
    keep = bool(op.options.get("keep_dims", False))
    lo, hi = _limits(out.dtype)
    count = int(np.prod([x.shape[a] for a in axes])) if axes else 1
    # QuantizedMeanOrSum: s_in / s_out (double) as multiplier/shift, then 1/count folded into
    # the multiplier with `fold` extra bits of precision.
    m, s = Q.quantize_multiplier(_f64(_scale(inp)) / _f64(_scale(out)))
    fold = min(count.bit_length() - 1, 32, 31 + s)
    m = Q.wrap32((m << fold) // count)
    s = s - fold
    total = Q.wrap32(x.sum(axis=tuple(axes), keepdims=keep))
    shifted = Q.wrap32(total - _zp(inp) * count)
    r = Q.multiply_by_quantized_multiplier(shifted, m, s) + _zp(out)
    ctx.set(op.outputs[0], _clamp_cast(np.asarray(r).reshape(out.shape), lo, hi, out.dtype))


# ---------------------------------------------------------------------------------------------
# SVDF (spec section 11)
# ---------------------------------------------------------------------------------------------

def _svdf(ctx, op):
    inp, wf_t, wt_t = ctx.t(op.inputs[0]), ctx.t(op.inputs[1]), ctx.t(op.inputs[2])
    state_idx = op.inputs[4]
    st_t, out = ctx.t(state_idx), ctx.t(op.outputs[0])
    if inp.type_name != "INT8":
        raise NotImplementedError("SVDF (operator %d) with %s input" % (op.index, inp.type_name))
    rank = op.options["rank"]
    x = ctx.get(op.inputs[0]).astype(np.int64)
    wf = ctx.get(op.inputs[1]).astype(np.int64)
    wt = ctx.get(op.inputs[2]).astype(np.int64)
    bias = ctx.get(op.inputs[3]) if op.inputs[3] >= 0 else None
    state = ctx.get(state_idx).astype(np.int64)
    n_batch, _ = x.shape
    n_filter, n_memory = wt.shape
    n_unit = n_filter // rank
    # Effective scales are float32 expressions widened to double afterwards.
    s1 = np.float32(np.float32(_scale(inp) * _scale(wf_t)) / _scale(st_t))
    s2 = np.float32(np.float32(_scale(st_t) * _scale(wt_t)) / _scale(out))
    m1, sh1 = Q.quantize_multiplier(_f64(s1))
    m2, sh2 = Q.quantize_multiplier(_f64(s2))
    st_zp = _zp(st_t)
    st_lo, st_hi = _limits(st_t.dtype)
    # Shift the whole state left by one element; each filter's newest slot is overwritten.
    flat = state.reshape(n_batch, n_filter * n_memory)
    flat = np.concatenate([flat[:, 1:], flat[:, :1]], axis=1).reshape(n_batch, n_filter, n_memory)
    # Feature matmul into the newest slot: clamp to the state type, then add the state zero point.
    dot = _exact_matmul(x - _zp(inp), wf.T)
    dot = Q.multiply_by_quantized_multiplier(Q.wrap32(dot), m1, sh1)
    dot = np.clip(dot, st_lo, st_hi) + st_zp
    flat[:, :, n_memory - 1] = Q.wrap32(dot) if st_t.type_name == "INT32" else dot
    new_state = flat.astype(st_t.dtype)
    flat = new_state.astype(np.int64)
    # Time matmul per filter, reduce over rank, bias, rescale to int8.
    scratch = Q.wrap32((flat - st_zp) * wt[np.newaxis]).sum(axis=2)
    scratch = Q.wrap32(scratch)
    acc = scratch.reshape(n_batch, n_unit, rank).sum(axis=2)
    if bias is not None:
        acc = acc + bias.astype(np.int64)
    r = Q.multiply_by_quantized_multiplier(Q.wrap32(acc), m2, sh2) + _zp(out)
    ctx.env[state_idx] = new_state.reshape(st_t.shape)
    ctx.set(op.outputs[0], _clamp_cast(r, -128, 127, out.dtype))


# ---------------------------------------------------------------------------------------------
# UNIDIRECTIONAL_SEQUENCE_LSTM, integer 8x8->16 path (spec section 12)
# ---------------------------------------------------------------------------------------------

_GATE_INPUT_SCALE = np.float32(2.0 ** -12)   # gate pre-activations are Q3.12
_GATE_OUTPUT_SCALE = np.float32(2.0 ** -15)  # sigmoid/tanh outputs are Q0.15


def _lstm(ctx, op):
    ins = op.inputs
    inp = ctx.t(ins[0])
    out = ctx.t(op.outputs[0])
    if inp.type_name not in ("INT8", "INT16"):
        raise NotImplementedError("UNIDIRECTIONAL_SEQUENCE_LSTM (operator %d) with %s input"
                                  % (op.index, inp.type_name))
    # int8 activations: int32 accumulators and 2.3; int16 (16x8): int64 biases and 2.4.
    wide = inp.type_name == "INT16"
    for k, what in ((1, "CIFG (no input gate)"), (9, "peephole"), (10, "peephole"),
                    (11, "peephole"), (16, "projection"), (17, "projection")):
        if (k == 1 and ins[k] < 0) or (k != 1 and ins[k] >= 0):
            raise NotImplementedError("UNIDIRECTIONAL_SEQUENCE_LSTM (operator %d): %s is not "
                                      "supported by TFLM" % (op.index, what))
    if len(ins) > 20 and any(i >= 0 for i in ins[20:24]):
        raise NotImplementedError("UNIDIRECTIONAL_SEQUENCE_LSTM (operator %d): layer norm is not "
                                  "supported by TFLM" % op.index)
    hidden_idx, cell_idx = ins[18], ins[19]
    h_t, c_t = ctx.t(hidden_idx), ctx.t(cell_idx)
    if c_t.type_name != "INT16":
        raise NotImplementedError("UNIDIRECTIONAL_SEQUENCE_LSTM (operator %d): cell state %s"
                                  % (op.index, c_t.type_name))
    o = op.options
    time_major = bool(o.get("time_major", False))
    x = ctx.get(ins[0]).astype(np.int64)
    if time_major:
        x = x.transpose(1, 0, 2)  # -> [batch, time, input]
    n_batch, n_time, _ = x.shape
    hidden = ctx.get(hidden_idx).astype(np.int64).reshape(n_batch, -1)
    cell = ctx.get(cell_idx).astype(np.int64).reshape(n_batch, -1)

    in_zp, h_zp = _zp(inp), _zp(h_t)
    gate_t = _GATE_INPUT_SCALE

    def fc_params(act_t, w_t):
        product = np.float32(_scale(act_t) * _scale(w_t))
        return Q.quantize_multiplier(_f64(product) / _f64(gate_t))

    # gate order in the op's inputs: input, forget, cell, output
    gates = []
    for g in range(4):
        w_in = ctx.get(ins[1 + g]).astype(np.int64)
        w_rec = ctx.get(ins[5 + g]).astype(np.int64)
        b = ctx.get(ins[12 + g])
        gates.append(dict(
            w_in=w_in, w_rec=w_rec,
            bias=None if b is None else b.astype(np.int64),
            in_params=fc_params(inp, ctx.t(ins[1 + g])),
            rec_params=fc_params(h_t, ctx.t(ins[5 + g]))))

    cell_scale = _scale(c_t)
    cell_log2, _ = Q.checked_log2(cell_scale)
    cell_clip = np.float32(o.get("cell_clip", 0.0))
    quantized_clip = int(np.clip(_f64(cell_clip) / _f64(cell_scale), -32768.0, 32767.0))

    def mul_params(s1, s2, so):
        return Q.quantize_multiplier(_f64(s1) * _f64(s2) / _f64(so))
    forget_cell_mul = mul_params(_GATE_OUTPUT_SCALE, cell_scale, cell_scale)
    input_mul = mul_params(_GATE_OUTPUT_SCALE, _GATE_OUTPUT_SCALE, cell_scale)
    output_mul = mul_params(_GATE_OUTPUT_SCALE, _GATE_OUTPUT_SCALE, _scale(h_t))
    h_lo, h_hi = _limits(h_t.dtype)
    cell_activation = o.get("fused_activation_function", "TANH")

    def fc_int16(act, act_zp, w, bias, params):
        acc = _exact_matmul(act - act_zp, w.T)
        if bias is not None:
            acc = acc + bias
        r = _requantize_acc(acc, params[0], params[1], wide)
        return np.clip(r, -32768, 32767)

    def gate(g, xt, activation):
        p = gates[g]
        a = fc_int16(xt, in_zp, p["w_in"], p["bias"], p["in_params"])
        b = fc_int16(hidden, h_zp, p["w_rec"], None, p["rec_params"])
        s = np.clip(a + b, -32768, 32767)
        if activation == "SIGMOID":
            return Q.logistic_int16(s, 0, 0)
        if activation == "TANH":
            return Q.tanh_int16(s, 0, 0)
        raise NotImplementedError("UNIDIRECTIONAL_SEQUENCE_LSTM (operator %d): cell activation %s"
                                  % (op.index, activation))

    def mul(a, b, params, zp, lo, hi):
        r = Q.multiply_by_quantized_multiplier(Q.wrap32(a * b), params[0], params[1]) + zp
        return np.clip(r, lo, hi)

    outputs = np.zeros((n_batch, n_time, hidden.shape[1]), dtype=np.int64)
    tanh_shift = (15 + cell_log2) - 3
    tanh_mult = 0
    if tanh_shift < 0:
        tanh_shift, tanh_mult = -tanh_shift, 3
    for t in range(n_time):
        xt = x[:, t, :]
        f = gate(1, xt, "SIGMOID")
        i = gate(0, xt, "SIGMOID")
        cg = gate(2, xt, cell_activation)
        cell = mul(f, cell, forget_cell_mul, 0, -32768, 32767)
        upd = mul(i, cg, input_mul, 0, -32768, 32767)
        cell = np.clip(cell + upd, -32768, 32767)
        if quantized_clip > 0:
            cell = np.clip(cell, -quantized_clip, quantized_clip)
        og = gate(3, xt, "SIGMOID")
        tc = Q.tanh_int16(cell, tanh_mult, tanh_shift)
        hidden = mul(tc, og, output_mul, h_zp, h_lo, h_hi)
        outputs[:, t, :] = hidden
    if time_major:
        outputs = outputs.transpose(1, 0, 2)
    ctx.env[hidden_idx] = hidden.reshape(h_t.shape).astype(h_t.dtype)
    ctx.env[cell_idx] = cell.reshape(c_t.shape).astype(c_t.dtype)
    ctx.set(op.outputs[0], outputs.reshape(out.shape).astype(out.dtype))


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------

_OPS = {
    "CONV_2D": _conv2d,
    "DEPTHWISE_CONV_2D": _depthwise_conv2d,
    "FULLY_CONNECTED": _fully_connected,
    "AVERAGE_POOL_2D": lambda c, o: _pool(c, o, False),
    "MAX_POOL_2D": lambda c, o: _pool(c, o, True),
    "ADD": _add,
    "SUB": lambda c, o: _add(c, o, sub=True),
    "MUL": _mul,
    "MAXIMUM": lambda c, o: _max_min(c, o, np.maximum),
    "MINIMUM": lambda c, o: _max_min(c, o, np.minimum),
    "RELU": lambda c, o: _relu_family(c, o, 0.0, None),
    "RELU6": lambda c, o: _relu_family(c, o, 0.0, 6.0),
    "RELU_N1_TO_1": lambda c, o: _relu_family(c, o, -1.0, 1.0),
    "SOFTMAX": _softmax,
    "LOGISTIC": _logistic,
    "TANH": _tanh,
    "RESHAPE": _reshape,
    "SQUEEZE": _reshape,
    "EXPAND_DIMS": _reshape,
    "QUANTIZE": _quantize,
    "DEQUANTIZE": _dequantize,
    "PAD": _pad,
    "PADV2": _pad,
    "CONCATENATION": _concatenation,
    "MEAN": _mean,
    "SVDF": _svdf,
    "UNIDIRECTIONAL_SEQUENCE_LSTM": _lstm,
}

SUPPORTED_OPS = tuple(sorted(_OPS))


def run(model, inputs, state=None):
    """Run subgraph 0 of `model` on `inputs` (one array per graph input); returns the outputs.

    `model` is a `mcuq.tflite.Model` (or anything `tflite.load_model` accepts: a path or bytes).

    `state`: None for a fresh start, or a dict {tensor index: array} holding variable tensors
    across calls (missing entries start from TFLM's reset value; the dict is updated in place).
    """
    if not isinstance(model, tflite.Model):
        model = tflite.load_model(model)
    sg = model.subgraphs[0]
    ctx = _Ctx(model, sg)
    for t in sg.tensors:
        if t.data is not None:
            ctx.env[t.index] = t.data
    for t in sg.tensors:
        if t.is_variable:
            if state is not None and t.index in state:
                ctx.env[t.index] = np.asarray(state[t.index], dtype=t.dtype).reshape(t.shape)
            else:
                ctx.env[t.index] = initial_state(t)
    if len(inputs) != len(sg.inputs):
        raise ValueError("model has %d inputs, got %d" % (len(sg.inputs), len(inputs)))
    for idx, value in zip(sg.inputs, inputs):
        t = sg.tensors[idx]
        value = np.asarray(value)
        if value.size != int(np.prod(t.shape)):
            raise ValueError("input tensor %d expects shape %s, got %s"
                             % (idx, tuple(t.shape), value.shape))
        ctx.env[idx] = value.astype(t.dtype, copy=False).reshape(t.shape)
    for op in sg.operators:
        fn = _OPS.get(op.opcode)
        if fn is None:
            raise NotImplementedError("%s (operator %d) is not supported by the reference "
                                      "interpreter" % (op.opcode, op.index))
        fn(ctx, op)
    if state is not None:
        for t in sg.tensors:
            if t.is_variable:
                state[t.index] = ctx.env[t.index].copy()
    return [np.array(ctx.env[i], copy=True) for i in sg.outputs]


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m mcuq.reference",
                                 description="Run a .tflite model with the TFLM-exact reference.")
    ap.add_argument("model")
    ap.add_argument("--input", action="append", default=[],
                    help="raw little-endian bytes of one input tensor (repeat per input)")
    ap.add_argument("--output", action="append", default=[],
                    help="where to write one output tensor's raw bytes (repeat per output)")
    args = ap.parse_args(argv)
    model = tflite.load_model(args.model)
    sg = model.subgraphs[0]
    if len(args.input) != len(sg.inputs):
        ap.error("the model has %d inputs; give --input once per input" % len(sg.inputs))
    inputs = []
    for path, idx in zip(args.input, sg.inputs):
        t = sg.tensors[idx]
        data = np.fromfile(path, dtype=t.dtype.newbyteorder("<"))
        inputs.append(data.astype(t.dtype))
    outputs = run(model, inputs)
    if args.output and len(args.output) != len(outputs):
        ap.error("the model has %d outputs; give --output once per output" % len(outputs))
    for i, value in enumerate(outputs):
        data = np.ascontiguousarray(value).astype(value.dtype.newbyteorder("<"))
        if args.output:
            data.tofile(args.output[i])
        else:
            sys.stdout.write("output %d %s %s: %s\n" % (i, value.dtype, value.shape,
                                                         value.reshape(-1).tolist()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
