"""Fixed-point primitives with the exact integer semantics of TFLite's reference kernels.

Every function accepts Python ints or numpy integer arrays and computes in numpy int64, which
holds every intermediate TFLite forms in int32 or int64 without overflow. Results that C would
store in an int32 are wrapped to 32 bits where C's two's-complement wrap can occur, so the
values match what a 32-bit or 64-bit build of TFLite Micro produces. Scalar inputs give Python
ints back; array inputs give int64 arrays back.

The arithmetic is described in docs/spec.md; section numbers below refer to it.
"""

import math

import numpy as np

INT32_MIN = -(1 << 31)
INT32_MAX = (1 << 31) - 1

__all__ = [
    "INT32_MIN", "INT32_MAX", "tflite_round", "quantize_multiplier",
    "quantize_multiplier_smaller_than_one_exp", "quantize_multiplier_greater_than_one",
    "wrap32", "saturate", "saturating_rounding_doubling_high_mul", "rounding_divide_by_pot",
    "multiply_by_quantized_multiplier", "multiply_by_quantized_multiplier_int64",
    "multiply_by_quantized_multiplier_single_rounding",
    "multiply_by_quantized_multiplier_smaller_than_one_exp",
    "multiply_by_quantized_multiplier_greater_than_one", "saturating_rounding_multiply_by_pot",
    "rounding_half_sum", "count_leading_zeros32", "exp_on_negative_values",
    "one_over_one_plus_x_for_x_in_0_1", "one_minus_x_over_one_plus_x_for_x_in_0_1",
    "fixed_point_logistic", "fixed_point_tanh", "get_reciprocal", "calculate_input_radius",
    "preprocess_softmax_scaling", "checked_log2", "SIGMOID_TABLE_UINT16", "logistic_int16",
    "tanh_int16", "gen_lut_int16", "lut_lookup_int16", "float_to_quantized",
    "activation_range_quantized", "trunc_div", "rounding_average_div",
]


def _arr(x):
    return np.asarray(x, dtype=np.int64)


def _out(result, *inputs):
    """Python int for all-scalar inputs, int64 array otherwise."""
    if all(np.ndim(i) == 0 for i in inputs):
        return int(result)
    return np.asarray(result, dtype=np.int64)


# ---------------------------------------------------------------------------------------------
# Floating-point helpers (spec section 1)
# ---------------------------------------------------------------------------------------------

def tflite_round(x):
    """std::round / roundf: round half away from zero, exactly, keeping the input's float type.

    Works for Python floats (double) and numpy float32/float64 scalars or arrays.
    """
    if isinstance(x, float):
        a = abs(x)
        f = math.floor(a)
        r = f + 1.0 if a - f >= 0.5 else f
        return math.copysign(r, x)
    x = np.asarray(x)
    t = np.trunc(x)
    d = x - t  # exact: t and x share exponent range
    one = x.dtype.type(1)
    return np.where(np.abs(d) >= x.dtype.type(0.5), t + np.copysign(one, x), t).astype(x.dtype)


def quantize_multiplier(real):
    """TFLite QuantizeMultiplier (double-rounding build): real ~= m * 2^(shift - 31).

    real is a Python float (double). Returns (m, shift) with m in [2^30, 2^31) or 0.
    """
    real = float(real)
    if real == 0.0:
        return 0, 0
    q, shift = math.frexp(real)
    q_fixed = int(tflite_round(q * float(1 << 31)))
    assert q_fixed <= (1 << 31)
    if q_fixed == (1 << 31):
        q_fixed //= 2
        shift += 1
    assert q_fixed <= INT32_MAX
    if shift < -31:
        shift = 0
        q_fixed = 0
    return q_fixed, shift


def quantize_multiplier_smaller_than_one_exp(real):
    real = float(real)
    assert 0.0 < real < 1.0, real
    m, shift = quantize_multiplier(real)
    assert shift <= 0
    return m, shift


def quantize_multiplier_greater_than_one(real):
    real = float(real)
    assert real > 1.0, real
    m, shift = quantize_multiplier(real)
    assert shift >= 0
    return m, shift


# ---------------------------------------------------------------------------------------------
# Integer primitives (spec section 2)
# ---------------------------------------------------------------------------------------------

def wrap32(x):
    """Two's-complement wrap of an int64 value to int32 (what a C cast/overflow does)."""
    a = _arr(x)
    r = ((a + (1 << 31)) & 0xFFFFFFFF) - (1 << 31)
    return _out(r, x)


def saturate(x, lo, hi):
    a = _arr(x)
    return _out(np.minimum(np.maximum(a, lo), hi), x)


def trunc_div(a, b):
    """C integer division (truncates toward zero); b > 0 or arrays of positive divisors."""
    aa = _arr(a)
    bb = _arr(b)
    q = np.abs(aa) // np.abs(bb)
    r = np.where((aa < 0) != (bb < 0), -q, q)
    return _out(r, a, b)


def rounding_average_div(acc, count):
    """AVERAGE_POOL / MEAN rounding: (acc +/- count/2) / count with C truncation."""
    aa = _arr(acc)
    cc = _arr(count)
    half = cc // 2
    r = trunc_div(np.where(aa > 0, aa + half, aa - half), cc)
    return _out(r, acc, count)


def saturating_rounding_doubling_high_mul(a, b):
    """gemmlowp SaturatingRoundingDoublingHighMul for int32 a, b.

    (a*b + nudge) / 2^31 with C truncating division, nudge = 2^30 for a*b >= 0 else 1 - 2^30;
    the single overflow case a == b == INT32_MIN gives INT32_MAX.
    """
    aa = _arr(a)
    bb = _arr(b)
    ab = aa * bb
    nudge = np.where(ab >= 0, 1 << 30, 1 - (1 << 30))
    s = ab + nudge
    q = np.abs(s) >> 31
    r = np.where(s < 0, -q, q)
    r = np.where((aa == INT32_MIN) & (bb == INT32_MIN), INT32_MAX, r)
    return _out(r, a, b)


def rounding_divide_by_pot(x, exponent):
    """gemmlowp RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties away from zero.

    exponent in [0, 31]; may be an array broadcast against x (per-channel shifts).
    """
    xx = _arr(x)
    e = _arr(exponent)
    assert np.all(e >= 0) and np.all(e <= 31)
    mask = (np.int64(1) << e) - 1
    remainder = xx & mask
    threshold = (mask >> 1) + (xx < 0)
    r = (xx >> e) + (remainder > threshold)
    return _out(r, x, exponent)


def multiply_by_quantized_multiplier(x, multiplier, shift):
    """TFLite MultiplyByQuantizedMultiplier(int32 x, ...) without TFLITE_SINGLE_ROUNDING.

    RoundingDivideByPOT(SRDHM(x * 2^max(shift,0), m), max(-shift,0)); the left shift is an int32
    multiplication in C and wraps on overflow.
    """
    xx = _arr(x)
    s = _arr(shift)
    left = np.maximum(s, 0)
    right = np.maximum(-s, 0)
    shifted = wrap32(xx * (np.int64(1) << left))
    r = rounding_divide_by_pot(saturating_rounding_doubling_high_mul(shifted, multiplier), right)
    return _out(r, x, multiplier, shift)


def multiply_by_quantized_multiplier_smaller_than_one_exp(x, multiplier, left_shift):
    """RoundingDivideByPOT(SRDHM(x, m), -left_shift) with left_shift <= 0 (ADD's rescales)."""
    s = _arr(left_shift)
    assert np.all(s <= 0)
    r = rounding_divide_by_pot(saturating_rounding_doubling_high_mul(x, multiplier), -s)
    return _out(r, x, multiplier, left_shift)


def multiply_by_quantized_multiplier_greater_than_one(x, multiplier, left_shift):
    """SRDHM(x * 2^left_shift, m) (softmax input scaling); left shift wraps like C."""
    xx = _arr(x)
    s = _arr(left_shift)
    assert np.all(s >= 0)
    shifted = wrap32(xx * (np.int64(1) << s))
    return _out(saturating_rounding_doubling_high_mul(shifted, multiplier), x, multiplier,
                left_shift)


def multiply_by_quantized_multiplier_int64(x, multiplier, shift):
    """TFLite MultiplyByQuantizedMultiplier(int64 x, ...), the form used by 16x8 kernels.

    The 31-bit multiplier is first reduced to 15 bits with rounding, then one rounding shift:
    (x * round(m / 2^16) + 2^(14 - shift)) >> (15 - shift), truncated to int32.
    """
    xx = _arr(x)
    m = _arr(multiplier)
    s = _arr(shift)
    reduced = np.where(m < 0x7FFF0000, (m + (1 << 15)) >> 16, 0x7FFF)
    total_shift = 15 - s
    r = (xx * reduced + (np.int64(1) << (total_shift - 1))) >> total_shift
    return _out(wrap32(r), x, multiplier, shift)


def multiply_by_quantized_multiplier_single_rounding(x, multiplier, shift):
    """The TFLITE_SINGLE_ROUNDING variant (not used by TFLM's default build; for reference).

    (x * m + 2^(30 - shift)) >> (31 - shift), shift in [-31, 30].
    """
    xx = _arr(x)
    m = _arr(multiplier)
    s = _arr(shift)
    total_shift = 31 - s
    r = (xx * m + (np.int64(1) << (total_shift - 1))) >> total_shift
    return _out(r, x, multiplier, shift)


def saturating_rounding_multiply_by_pot(x, exponent):
    """gemmlowp SaturatingRoundingMultiplyByPOT<exponent> on int32 raw values.

    exponent > 0: left shift saturating to [INT32_MIN, INT32_MAX]; exponent < 0: rounding right
    shift; 0: identity.
    """
    xx = _arr(x)
    if exponent == 0:
        return _out(xx, x)
    if exponent > 0:
        threshold = (1 << (31 - exponent)) - 1
        r = np.where(xx > threshold, INT32_MAX,
                     np.where(xx < -threshold, INT32_MIN, wrap32(xx << exponent)))
        return _out(r, x)
    return rounding_divide_by_pot(x, -exponent)


def rounding_half_sum(a, b):
    """gemmlowp RoundingHalfSum for int32: (a + b + sign(a + b)) / 2 with C truncation."""
    s = _arr(a) + _arr(b)
    sign = np.where(s >= 0, 1, -1)
    return _out(trunc_div(s + sign, 2), a, b)


def count_leading_zeros32(x):
    """Leading zero bits of x viewed as uint32 (32 for 0)."""
    xx = _arr(x) & 0xFFFFFFFF
    r = np.full(xx.shape, 32, dtype=np.int64)
    v = xx.copy()
    for bit in range(31, -1, -1):
        hit = (r == 32) & (((v >> bit) & 1) == 1)
        r = np.where(hit, 31 - bit, r)
    return _out(r, x)


# ---------------------------------------------------------------------------------------------
# gemmlowp fixed-point transcendental functions (spec section 3)
#
# A value with I integer bits is an int32 raw r meaning r / 2^(31 - I). Fixed-point '*' is
# SRDHM of the raws (integer bits add up); '+'/'-' are plain int32 adds of the raws (they
# cannot overflow in these functions, but we wrap like C regardless).
# ---------------------------------------------------------------------------------------------

_SRDHM = saturating_rounding_doubling_high_mul


def _add(a, b):
    return wrap32(_arr(a) + _arr(b))


def _sub(a, b):
    return wrap32(_arr(a) - _arr(b))


def _rescale(raw, src_bits, dst_bits):
    return saturating_rounding_multiply_by_pot(raw, src_bits - dst_bits)


def _exp_on_interval_between_negative_one_quarter_and_0_excl(a):
    # Taylor expansion of exp around -1/8, evaluated in Q0.31.
    constant_term = 1895147668        # exp(-1/8)
    constant_1_over_3 = 715827883     # 1/3
    x = _add(a, 1 << 28)              # a + 1/8
    x2 = _SRDHM(x, x)
    x3 = _SRDHM(x2, x)
    x4 = _SRDHM(x2, x2)
    x4_over_4 = saturating_rounding_multiply_by_pot(x4, -2)
    t = saturating_rounding_multiply_by_pot(
        _add(_SRDHM(_add(x4_over_4, x3), constant_1_over_3), x2), -1)
    return _add(constant_term, _SRDHM(constant_term, _add(x, t)))


_EXP_BARREL = [(-2, 1672461947), (-1, 1302514674), (0, 790015084), (1, 290630308),
               (2, 39332535), (3, 720401), (4, 242)]  # round(exp(-2^k) * 2^31)


def exp_on_negative_values(a, integer_bits):
    """gemmlowp exp_on_negative_values: input Q(integer_bits), a <= 0; result Q0.31."""
    a = _arr(a)
    frac_bits = 31 - integer_bits
    one_quarter = 1 << (frac_bits - 2)
    mask = one_quarter - 1
    a_mod_quarter_minus_one_quarter = _sub(a & mask, one_quarter)
    result = _exp_on_interval_between_negative_one_quarter_and_0_excl(
        _rescale(a_mod_quarter_minus_one_quarter, integer_bits, 0))
    remainder = _sub(a_mod_quarter_minus_one_quarter, a)
    for exponent, multiplier in _EXP_BARREL:
        if integer_bits > exponent:
            shift_amount = frac_bits + exponent
            bit = (_arr(remainder) >> shift_amount) & 1
            result = np.where(bit != 0, _SRDHM(result, multiplier), result)
    if integer_bits > 5:
        clamp = -(1 << (36 - integer_bits))
        result = np.where(a < clamp, 0, result)
    result = np.where(a == 0, INT32_MAX, result)
    return _out(result, a)


_F2_48_OVER_17 = 1515870810
_F2_NEG_32_OVER_17 = -1010580540
_F2_ONE = 1 << 29


def _newton_reciprocal_f2(a):
    """Shared core: x ~= 1 / ((1 + a) / 2) in Q2.29 after three Newton-Raphson steps."""
    half_denominator = rounding_half_sum(a, INT32_MAX)
    x = _add(_F2_48_OVER_17, _SRDHM(half_denominator, _F2_NEG_32_OVER_17))
    for _ in range(3):
        half_denominator_times_x = _SRDHM(half_denominator, x)
        one_minus = _sub(_F2_ONE, half_denominator_times_x)
        x = _add(x, _rescale(_SRDHM(x, one_minus), 4, 2))
    return x


def one_over_one_plus_x_for_x_in_0_1(a):
    """gemmlowp one_over_one_plus_x_for_x_in_0_1: Q0.31 in, Q0.31 out."""
    x = _newton_reciprocal_f2(a)
    # ExactMulByPot<-1> keeps the raw and makes it Q1.30; Rescale<0> doubles it saturating.
    return _out(_rescale(x, 1, 0), a)


def one_minus_x_over_one_plus_x_for_x_in_0_1(a):
    x = _newton_reciprocal_f2(a)
    return _out(_rescale(_sub(x, _F2_ONE), 2, 0), a)


def fixed_point_logistic(a, integer_bits):
    """gemmlowp logistic: Q(integer_bits) in, Q0.31 out."""
    a = _arr(a)
    positive = a > 0
    abs_input = np.where(positive, a, wrap32(-a))
    result_if_positive = one_over_one_plus_x_for_x_in_0_1(
        exp_on_negative_values(wrap32(-abs_input), integer_bits))
    result_if_negative = _sub(INT32_MAX, result_if_positive)
    r = np.where(a == 0, 1 << 30, np.where(positive, result_if_positive, result_if_negative))
    return _out(r, a)


def fixed_point_tanh(a, integer_bits):
    """gemmlowp tanh: Q(integer_bits) in, Q0.31 out."""
    a = _arr(a)
    negative = a < 0
    n = np.where(negative, a, wrap32(-a))
    # ExactMulByPot<1>: same raw, one more integer bit (the value doubles).
    t = one_minus_x_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(n, integer_bits + 1))
    r = np.where(a == 0, 0, np.where(negative, wrap32(-_arr(t)), t))
    return _out(r, a)


def get_reciprocal(x, x_integer_digits):
    """TFLite GetReciprocal: returns (Q0.31 raw of 1/x scaled, num_bits_over_unit)."""
    xx = _arr(x)
    headroom_plus_one = count_leading_zeros32(xx)
    num_bits_over_unit = x_integer_digits - _arr(headroom_plus_one)
    shifted_sum_minus_one = wrap32(((xx & 0xFFFFFFFF) << _arr(headroom_plus_one)) - (1 << 31))
    shifted_scale = one_over_one_plus_x_for_x_in_0_1(shifted_sum_minus_one)
    return _out(shifted_scale, x), _out(num_bits_over_unit, x)


def calculate_input_radius(input_integer_bits, input_left_shift, total_signed_bits=31):
    """floor(((2^ib - 1) * 2^(tsb - ib)) / 2^left_shift), evaluated in double as TFLite does."""
    max_input_rescaled = (1.0 * ((1 << input_integer_bits) - 1)
                          * float(1 << (total_signed_bits - input_integer_bits))
                          / float(1 << input_left_shift))
    return int(math.floor(max_input_rescaled))


def preprocess_softmax_scaling(beta, input_scale, input_integer_bits):
    """TFLite PreprocessSoftmaxScaling (double math, capped at 2^31 - 1)."""
    max_real_multiplier = float((1 << 31) - 1)
    real = min(float(beta) * float(input_scale) * float(1 << (31 - input_integer_bits)),
               max_real_multiplier)
    return quantize_multiplier_greater_than_one(real)


def checked_log2(x):
    """TFLite CheckedLog2(float): (rounded log2, is_power_of_two) computed in float32."""
    x = np.float32(x)
    with np.errstate(all="ignore"):
        x_log2 = np.float32(np.float32(np.log(np.float64(x))) *
                            np.float32(np.float32(1.0) / np.float32(np.log(np.float64(2.0)))))
    rounded = tflite_round(x_log2)
    frac = np.float32(x_log2 - rounded)
    return int(rounded), bool(abs(frac) < np.float32(1e-3))


# ---------------------------------------------------------------------------------------------
# int16 LUT-based activations (spec section 4)
# ---------------------------------------------------------------------------------------------

# TFLite's sigmoid_table_uint16: sigmoid(i/24) for i in [0, 256) in unsigned 0.16 fixed point.
# The entries are tuned values (up to ~1.1 LSB away from a plain rounding of the formula), so
# the int16 LOGISTIC/TANH kernels can only be reproduced with this exact table.
SIGMOID_TABLE_UINT16 = np.array([
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149,
    40794, 41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369,
    47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409, 51865, 52311, 52745, 53169,
    53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
    57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370,
    60565, 60753, 60935, 61110, 61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302,
    62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186, 63279, 63368, 63454, 63536,
    63615, 63691, 63765, 63835, 63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
    64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687, 64721, 64754, 64786,
    64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079,
    65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234, 65246, 65258,
    65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
    65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433,
    65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474,
    65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498,
    65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
    65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522,
    65523, 65523, 65524, 65524, 65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528,
    65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530, 65530, 65530, 65531, 65531,
    65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
    65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534,
    65534, 65534, 65534, 65535,
], dtype=np.int64)


def logistic_int16(x, input_multiplier, input_left_shift):
    """TFLM reference_integer_ops::Logistic for int16 (table interpolation), output Q0.15."""
    xx = _arr(x)
    if input_multiplier == 0:
        input_multiplier = 3 << input_left_shift
        input_left_shift = 0
    rnd = (1 << (input_left_shift - 1)) if input_left_shift > 0 else 0
    v = wrap32(xx * input_multiplier + rnd) >> input_left_shift
    v = _arr(v)
    a = np.abs(v)
    uh = a >> 9
    idx = np.minimum(uh, 254)
    ua = SIGMOID_TABLE_UINT16[idx]
    ub = SIGMOID_TABLE_UINT16[idx + 1]
    ut = a & 0x1FF
    res = np.where(uh >= 255, 0x7FFF << 10, (ua << 9) + ut * (ub - ua))
    res = np.where(v >= 0, res + (1 << 9), (1 << 25) - res + (1 << 9) - 1)
    res = (res & 0xFFFFFFFF) >> 10
    return _out(wrap16(res), x)


def tanh_int16(x, input_multiplier, input_left_shift):
    """TFLM reference_integer_ops::Tanh for int16 (sigmoid table, tanh = 2 sig(2x) - 1)."""
    xx = _arr(x)
    if input_multiplier == 0:
        input_multiplier = 3 << input_left_shift
        input_left_shift = 0
    rnd = (1 << (input_left_shift - 1)) if input_left_shift > 0 else 0
    v = _arr(wrap32(xx * input_multiplier + rnd)) >> input_left_shift
    a = np.abs(v)
    uh = a >> 8
    idx = np.minimum(uh, 254)
    ua = SIGMOID_TABLE_UINT16[idx]
    ub = SIGMOID_TABLE_UINT16[idx + 1]
    ut = a & 0xFF
    res = np.where(uh >= 255, 0xFFFF << 8, (ua << 8) + ut * (ub - ua))
    res = np.where(v >= 0, res - (1 << 23) + (1 << 7), -res + (1 << 23) + (1 << 7) - 1)
    res = _arr(wrap32(res)) >> 8
    return _out(wrap16(res), x)


def wrap16(x):
    a = _arr(x)
    return _out(((a + (1 << 15)) & 0xFFFF) - (1 << 15), x)


def gen_lut_int16(func, input_min, input_max, output_min, output_max):
    """TFLite gen_lut<float, int16_t, int16_t>: 513-entry table, all arithmetic in float32.

    func maps a float32 scalar to a float32 scalar.
    """
    f32 = np.float32
    input_min, input_max = f32(input_min), f32(input_max)
    output_min, output_max = f32(output_min), f32(output_max)
    nb_steps = 512
    step = f32((input_max - input_min) / f32(nb_steps))
    half_step = f32(step / f32(2))
    output_scaling_inv = f32(f32(65536) / f32(output_max - output_min))
    table_min, table_max = f32(-32768), f32(32767)
    lut = np.zeros(nb_steps + 1, dtype=np.int64)
    for i in range(nb_steps):
        x0 = f32(input_min + f32(f32(i) * step))
        val = f32(func(x0))
        val_midpoint = f32(func(f32(x0 + half_step)))
        val_next = f32(func(f32(input_min + f32(f32(i + 1) * step))))
        sample_val = tflite_round(f32(val * output_scaling_inv))
        midpoint_interp_val = tflite_round(
            f32(f32(f32(val_next * output_scaling_inv) + sample_val) / f32(2)))
        midpoint_val = tflite_round(f32(val_midpoint * output_scaling_inv))
        midpoint_err = f32(midpoint_interp_val - midpoint_val)
        bias = tflite_round(f32(midpoint_err / f32(2)))
        lut[i] = int(min(max(f32(sample_val - bias), table_min), table_max))
    last = tflite_round(f32(f32(func(input_max)) * output_scaling_inv))
    lut[nb_steps] = int(min(max(last, table_min), table_max))
    return lut


def lut_lookup_int16(value, lut):
    """int16 -> int16 table lookup with 7-bit linear interpolation (513-entry table)."""
    v = _arr(value)
    index = 256 + (v >> 7)
    offset = v & 0x7F
    base = lut[index]
    slope = lut[index + 1] - base
    delta = (slope * offset + 64) >> 7
    return _out(wrap16(base + delta), value)


# ---------------------------------------------------------------------------------------------
# Quantization helpers used when preparing op parameters (spec section 1)
# ---------------------------------------------------------------------------------------------

def float_to_quantized(value, scale, zero_point, qmin, qmax):
    """zero_point + roundf(value / scale) in float32, clamped (FloatToQuantizedType)."""
    q = tflite_round(np.float32(np.float32(value) / np.float32(scale)))
    return int(min(max(int(q) + int(zero_point), qmin), qmax))


def activation_range_quantized(activation, scale, zero_point, qmin, qmax):
    """CalculateActivationRangeQuantized: fused activation clamp in the output's integers."""
    def q(f):
        return int(zero_point) + int(tflite_round(np.float32(np.float32(f) / np.float32(scale))))
    if activation in (None, "NONE"):
        return qmin, qmax
    if activation == "RELU":
        return max(qmin, q(0.0)), qmax
    if activation == "RELU6":
        return max(qmin, q(0.0)), min(qmax, q(6.0))
    if activation == "RELU_N1_TO_1":
        return max(qmin, q(-1.0)), min(qmax, q(1.0))
    raise NotImplementedError("fused activation %s" % activation)
