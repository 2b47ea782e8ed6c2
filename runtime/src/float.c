/* IEEE-754 single-precision helpers for generated code on cores without a
 * single-precision FPU, and the libm functions LLVM calls for intrinsics
 * that some FPUs lack:
 *   soft-float Arm:  __aeabi_fmul, __aeabi_fdiv, __aeabi_i2f, __aeabi_ui2f,
 *                    __aeabi_f2iz
 *   soft-float rv32: __mulsf3, __divsf3, __floatsisf, __floatunsisf,
 *                    __fixsfsi
 *   all targets:     roundf (llvm.round; Cortex-M4's FPv4 has no VRINTA),
 *                    fmaximumf, fminimumf (llvm.maximum/minimum without FPU)
 * That is exactly what mcuq's float QUANTIZE/DEQUANTIZE lowering calls (LLVM
 * turns sitofp into uitofp where it proves the operand non-negative); other
 * float operations are not provided.
 *
 * Arithmetic is correctly rounded (round to nearest, ties to even) with
 * subnormal inputs and outputs, infinities, NaNs and signed zeros, using only
 * 32-bit integer operations (and the high word of a product where the core
 * has a 32x32->64 multiply). A NaN result is a
 * quiet NaN: the first NaN operand quietened, or the default NaN 0x7FC00000
 * for invalid operations. Float to int conversion saturates like the cores'
 * own instructions: out-of-range values give INT32_MIN/INT32_MAX, and NaN
 * gives 0 on Arm (VCVT) and INT32_MAX on RISC-V (FCVT.W.S).
 *
 * The libm names are weak so that a firmware linking a C library as well gets
 * one definition, whichever archive is searched first.
 */
#include <mcuq/runtime.h>
#include <stdint.h>

#if defined(MCUQ_RUNTIME_TEST)
#define NEED_SOFT_ARITH 1
#elif defined(__arm__) && !defined(__ARM_FP)
#define NEED_SOFT_ARITH 1 /* -mfloat-abi=soft: no FPU instructions at all */
#elif defined(__riscv) && !defined(__riscv_flen)
#define NEED_SOFT_ARITH 1
#endif

/* The run-time ABI helpers use the base procedure call standard (integer
 * registers) even in hard-float code. */
#if defined(__arm__)
#define AEABI __attribute__((pcs("aapcs")))
#else
#define AEABI
#endif
#define WEAK __attribute__((weak))

#define SIGN 0x80000000u
#define QUIET 0x00400000u
#define DEFAULT_NAN 0x7FC00000u
#define INF 0x7F800000u

#if defined(__arm__) || defined(MCUQ_RUNTIME_TEST)
#define NAN_TO_INT 0 /* VCVT.S32.F32 */
#else
#define NAN_TO_INT INT32_MAX /* FCVT.W.S */
#endif

typedef union {
  float f;
  uint32_t u;
} bits_t;

static inline uint32_t to_bits(float f) {
  bits_t b;
  b.f = f;
  return b.u;
}

static inline float from_bits(uint32_t u) {
  bits_t b;
  b.u = u;
  return b.f;
}

static inline int is_nan(uint32_t u) { return (u & ~SIGN) > INF; }

/* The first NaN of a and b, quietened (the caller knows one is a NaN). */
static inline uint32_t propagate_nan(uint32_t a, uint32_t b) {
  return (is_nan(a) ? a : b) | QUIET;
}

#if defined(NEED_SOFT_ARITH)
/* `exp` is the biased exponent minus one and `sig` the significand with its
 * leading one at bit 30 and 7 rounding bits below the 23 kept ones, so that
 * (exp << 23) + (sig >> 7) is the packed magnitude and a carry out of the
 * significand increments the exponent. exp < 0 denotes a subnormal result. */
__attribute__((noinline)) static uint32_t round_pack(uint32_t sign, int32_t exp,
                                                     uint32_t sig) {
  uint32_t round_bits = sig & 0x7F;
  if ((uint32_t)exp >= 0xFD) {
    if (exp < 0) {
      /* Denormalize, keeping every shifted-out bit in the sticky bit. */
      uint32_t dist = (uint32_t)-exp;
      sig = dist < 31 ? (sig >> dist) | ((sig << (32 - dist)) != 0) : sig != 0;
      exp = 0;
      round_bits = sig & 0x7F;
    } else if (exp > 0xFD || sig + 0x40 >= 0x80000000u) {
      return sign | INF;
    }
  }
  sig = (sig + 0x40) >> 7;
  if (round_bits == 0x40)
    sig &= ~1u; /* a tie: to even */
  if (sig == 0)
    exp = 0;
  return sign + ((uint32_t)exp << 23) + sig;
}

/* Normalizes a subnormal significand (non-zero, below 0x00800000) and
 * returns the exponent that goes with it. */
static int32_t normalize_subnormal(uint32_t *sig) {
  int32_t exp = 1;
  while (!(*sig & 0x00800000u)) {
    *sig <<= 1;
    --exp;
  }
  return exp;
}

/* The product of two 24-bit significands (leading ones at bit 23) shifted
 * right by 17, leading one at bit 29 or 30, with a sticky bit for the bits
 * shifted out. */
#if !defined(__ARM_ARCH_6M__) || defined(MCUQ_RUNTIME_TEST)
static uint32_t product_long(uint32_t a, uint32_t b) {
  uint64_t p = (uint64_t)a * b; /* UMULL, or MUL + MULHU */
  return (uint32_t)(p >> 17) | (((uint32_t)p & 0x1FFFF) != 0);
}
#endif
#if defined(__ARM_ARCH_6M__) || defined(MCUQ_RUNTIME_TEST)
/* Armv6-M has only a 32-bit MUL: four 16x8/16x16/8x8-bit partial products
 * instead of the generic 64-bit multiply helper. */
static uint32_t product_halves(uint32_t a, uint32_t b) {
  uint32_t a0 = a & 0xFFFF, a1 = a >> 16, b0 = b & 0xFFFF, b1 = b >> 16;
  uint32_t mid = a1 * b0 + a0 * b1; /* < 2^25 */
  uint32_t lo = a0 * b0, hi = a1 * b1;
  uint32_t lo2 = lo + (mid << 16);
  hi += (mid >> 16) + (lo2 < lo);
  return (hi << 15) | (lo2 >> 17) | ((lo2 & 0x1FFFF) != 0);
}
#endif
#if defined(MCUQ_RUNTIME_TEST)
static int g_v6m_product; /* the host test runs both */
static uint32_t product(uint32_t a, uint32_t b) {
  return g_v6m_product ? product_halves(a, b) : product_long(a, b);
}
#elif defined(__ARM_ARCH_6M__)
#define product product_halves
#else
#define product product_long
#endif

static uint32_t f32_mul(uint32_t a, uint32_t b) {
  uint32_t sign = (a ^ b) & SIGN;
  int32_t exp_a = (int32_t)((a >> 23) & 0xFF),
          exp_b = (int32_t)((b >> 23) & 0xFF);
  uint32_t sig_a = a & 0x007FFFFFu, sig_b = b & 0x007FFFFFu;
  uint32_t sig;
  int32_t exp;
  if (exp_a == 0xFF || exp_b == 0xFF) {
    if (is_nan(a) || is_nan(b))
      return propagate_nan(a, b);
    /* inf * 0 is invalid; inf * anything else is inf. */
    if ((exp_a | sig_a) == 0 || (exp_b | sig_b) == 0)
      return DEFAULT_NAN;
    return sign | INF;
  }
  if (exp_a == 0) {
    if (sig_a == 0)
      return sign;
    exp_a = normalize_subnormal(&sig_a);
  }
  if (exp_b == 0) {
    if (sig_b == 0)
      return sign;
    exp_b = normalize_subnormal(&sig_b);
  }
  exp = exp_a + exp_b - 0x7F;
  sig = product(sig_a | 0x00800000u, sig_b | 0x00800000u);
  if (sig < 0x40000000u) {
    --exp;
    sig <<= 1;
  }
  return round_pack(sign, exp, sig);
}

/* sig_b <= sig_a < 2 sig_b (with their leading ones): the 31-bit quotient
 * sig_a * 2^30 / sig_b, leading one at bit 30, with a sticky bit for a
 * non-zero remainder. */
#if defined(__ARM_ARCH_EXT_IDIV__) || defined(__riscv_div) ||                  \
    defined(MCUQ_RUNTIME_TEST)
/* Four digits of 7, 8, 8 and 7 bits on the 32-bit divider; remainders stay
 * below 2^24, so each partial dividend fits in 32 bits. */
static uint32_t quotient_digits(uint32_t sig_a, uint32_t sig_b) {
  uint32_t q = (sig_a << 7) / sig_b, rem = (sig_a << 7) - q * sig_b, digit;
  int i;
  for (i = 0; i < 2; ++i) {
    digit = (rem << 8) / sig_b;
    rem = (rem << 8) - digit * sig_b;
    q = (q << 8) | digit;
  }
  digit = (rem << 7) / sig_b;
  rem = (rem << 7) - digit * sig_b;
  return (q << 7) | digit | (rem != 0);
}
#endif
#if !(defined(__ARM_ARCH_EXT_IDIV__) || defined(__riscv_div)) ||               \
    defined(MCUQ_RUNTIME_TEST)
/* Restoring division, one quotient bit per step (rem < 2 sig_b < 2^25). */
static uint32_t quotient_bitwise(uint32_t sig_a, uint32_t sig_b) {
  uint32_t q = 0, rem = sig_a;
  int i;
  for (i = 0; i < 31; ++i) {
    q <<= 1;
    if (rem >= sig_b) {
      rem -= sig_b;
      q |= 1;
    }
    rem <<= 1;
  }
  return q | (rem != 0);
}
#endif
#if defined(MCUQ_RUNTIME_TEST)
static int g_bitwise_quotient; /* the host test runs both */
static uint32_t quotient(uint32_t sig_a, uint32_t sig_b) {
  return g_bitwise_quotient ? quotient_bitwise(sig_a, sig_b)
                            : quotient_digits(sig_a, sig_b);
}
#elif defined(__ARM_ARCH_EXT_IDIV__) || defined(__riscv_div)
#define quotient quotient_digits
#else
#define quotient quotient_bitwise
#endif

static uint32_t f32_div(uint32_t a, uint32_t b) {
  uint32_t sign = (a ^ b) & SIGN;
  int32_t exp_a = (int32_t)((a >> 23) & 0xFF),
          exp_b = (int32_t)((b >> 23) & 0xFF);
  uint32_t sig_a = a & 0x007FFFFFu, sig_b = b & 0x007FFFFFu;
  int32_t exp;
  if (exp_a == 0xFF) {
    if (is_nan(a) || is_nan(b))
      return propagate_nan(a, b);
    return exp_b == 0xFF ? DEFAULT_NAN : sign | INF; /* inf/inf, inf/x */
  }
  if (exp_b == 0xFF)
    return is_nan(b) ? b | QUIET : sign; /* x/inf = 0 */
  if (exp_b == 0) {
    if (sig_b == 0)
      return (exp_a | sig_a) == 0 ? DEFAULT_NAN : sign | INF; /* 0/0, x/0 */
    exp_b = normalize_subnormal(&sig_b);
  }
  if (exp_a == 0) {
    if (sig_a == 0)
      return sign;
    exp_a = normalize_subnormal(&sig_a);
  }
  sig_a |= 0x00800000u;
  sig_b |= 0x00800000u;
  exp = exp_a - exp_b + 0x7E;
  if (sig_a < sig_b) {
    --exp;
    sig_a <<= 1;
  }
  return round_pack(sign, exp, quotient(sig_a, sig_b));
}

/* sign | the float nearest to the integer mag. */
__attribute__((noinline)) static uint32_t f32_from_mag(uint32_t sign,
                                                       uint32_t mag) {
  int32_t exp = 0x9C; /* 2^30 (bit 30): biased exponent 0x9D, minus one */
  if (mag == 0)
    return 0;
  if (mag & SIGN) { /* 2^31 or more: one bit to the right, kept as sticky */
    mag = (mag >> 1) | (mag & 1);
    ++exp;
  }
#if defined(__ARM_FEATURE_CLZ) || defined(__riscv_zbb)
  {
    int shift = __builtin_clz(mag) - 1;
    mag <<= shift;
    exp -= shift;
  }
#else
  /* Binary search for the leading one: 5 steps instead of up to 30. */
  if (!(mag & 0x7FFF8000u)) {
    mag <<= 16;
    exp -= 16;
  }
  if (!(mag & 0x7F800000u)) {
    mag <<= 8;
    exp -= 8;
  }
  if (!(mag & 0x78000000u)) {
    mag <<= 4;
    exp -= 4;
  }
  if (!(mag & 0x60000000u)) {
    mag <<= 2;
    exp -= 2;
  }
  if (!(mag & 0x40000000u)) {
    mag <<= 1;
    exp -= 1;
  }
#endif
  if (!(mag & 0x7F)) /* exact: |a| < 2^24 or enough trailing zeros */
    return sign + ((uint32_t)exp << 23) + (mag >> 7);
  return round_pack(sign, exp, mag);
}

static uint32_t f32_from_i32(int32_t a) {
  return a < 0 ? f32_from_mag(SIGN, 0u - (uint32_t)a)
               : f32_from_mag(0, (uint32_t)a);
}

static int32_t f32_to_i32(uint32_t a) {
  int32_t exp = (int32_t)((a >> 23) & 0xFF) - 0x7F;
  uint32_t mag;
  if (is_nan(a))
    return NAN_TO_INT;
  if (exp < 0)
    return 0;
  if (exp >= 31) /* also infinities; INT32_MIN itself is exact */
    return (a & SIGN) ? INT32_MIN : INT32_MAX;
  mag = (a & 0x007FFFFFu) | 0x00800000u;
  mag = exp >= 23 ? mag << (exp - 23) : mag >> (23 - exp);
  return (a & SIGN) ? (int32_t)(0u - mag) : (int32_t)mag;
}

#if defined(__arm__) || defined(MCUQ_RUNTIME_TEST)
AEABI WEAK float __aeabi_fmul(float a, float b) {
  return from_bits(f32_mul(to_bits(a), to_bits(b)));
}
AEABI WEAK float __aeabi_fdiv(float a, float b) {
  return from_bits(f32_div(to_bits(a), to_bits(b)));
}
AEABI WEAK float __aeabi_i2f(int32_t a) { return from_bits(f32_from_i32(a)); }
AEABI WEAK float __aeabi_ui2f(uint32_t a) {
  return from_bits(f32_from_mag(0, a));
}
AEABI WEAK int32_t __aeabi_f2iz(float a) { return f32_to_i32(to_bits(a)); }
#endif
#if !defined(__arm__) || defined(MCUQ_RUNTIME_TEST)
WEAK float __mulsf3(float a, float b) {
  return from_bits(f32_mul(to_bits(a), to_bits(b)));
}
WEAK float __divsf3(float a, float b) {
  return from_bits(f32_div(to_bits(a), to_bits(b)));
}
WEAK float __floatsisf(int32_t a) { return from_bits(f32_from_i32(a)); }
WEAK float __floatunsisf(uint32_t a) { return from_bits(f32_from_mag(0, a)); }
WEAK int32_t __fixsfsi(float a) { return f32_to_i32(to_bits(a)); }
#endif
#endif /* NEED_SOFT_ARITH */

/* Rounds half away from zero (C roundf) on the bits. */
WEAK float roundf(float x) {
  uint32_t u = to_bits(x);
  int32_t exp = (int32_t)((u >> 23) & 0xFF) - 0x7F;
  uint32_t frac;
  if (exp >= 23) /* integral, infinite or NaN */
    return from_bits(is_nan(u) ? u | QUIET : u);
  if (exp < -1) /* |x| < 0.5 */
    return from_bits(u & SIGN);
  if (exp == -1) /* 0.5 <= |x| < 1 */
    return from_bits((u & SIGN) | 0x3F800000u);
  frac = 0x007FFFFFu >> exp;
  if (u & frac) {
    /* Adding one half may carry into the exponent, which is right. */
    u += 0x00400000u >> exp;
    u &= ~frac;
  }
  return from_bits(u);
}

/* IEEE 754-2019 maximum/minimum: a NaN operand gives NaN, and -0 < +0. */
WEAK float fmaximumf(float x, float y) {
  uint32_t a = to_bits(x), b = to_bits(y);
  if (is_nan(a) || is_nan(b))
    return from_bits(propagate_nan(a, b));
  /* Ordered as sign-magnitude integers. */
  if ((a & SIGN) != (b & SIGN))
    return from_bits((a & SIGN) ? b : a);
  return from_bits(((a > b) != ((a & SIGN) != 0)) ? a : b);
}

WEAK float fminimumf(float x, float y) {
  uint32_t a = to_bits(x), b = to_bits(y);
  if (is_nan(a) || is_nan(b))
    return from_bits(propagate_nan(a, b));
  if ((a & SIGN) != (b & SIGN))
    return from_bits((a & SIGN) ? a : b);
  return from_bits(((a < b) != ((a & SIGN) != 0)) ? a : b);
}
