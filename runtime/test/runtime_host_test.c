/* Host test of the runtime's C code against native arithmetic and a byte-wise
 * reference. The sources are included with the memory and libm functions
 * renamed (so the host libc keeps its own) and with every C fallback compiled
 * in (MCUQ_RUNTIME_TEST): software 32-bit division, the Armv6-M 64-bit
 * multiply and shift helpers, software clz, software single-precision float
 * (checked against the host's SSE arithmetic). Cross-target behaviour (Arm
 * EABI entry points, register conventions) is tested under QEMU by
 * python/test/test_qemu.py.
 *
 *   runtime_host_test               ~70 M checks, a few seconds
 *   runtime_host_test --exhaustive  also every float/int32 input of the unary
 *                                   float helpers (4 x 2^32 checks, ~1 min)
 */
#define MCUQ_RUNTIME_TEST 1
#define memcpy t_memcpy
#define memmove t_memmove
#define memset t_memset
#define roundf t_roundf
#define fmaximumf t_fmaximumf
#define fminimumf t_fminimumf
#include "../src/float.c"
#include "../src/integer.c"
#include "../src/memory.c"
#undef memcpy
#undef memmove
#undef memset
#undef roundf
#undef fmaximumf
#undef fminimumf

#include <stdio.h>
#include <string.h>

static unsigned long g_checks, g_failures;

#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    ++g_checks;                                                                \
    if (!(cond)) {                                                             \
      if (++g_failures <= 20) {                                                \
        printf("FAIL %s:%d: ", __FILE__, __LINE__);                            \
        printf(__VA_ARGS__);                                                   \
        printf("\n");                                                          \
      }                                                                        \
    }                                                                          \
  } while (0)

static uint64_t g_rng = 0x9E3779B97F4A7C15ull;

static uint64_t rnd64(void) {
  /* xorshift64* */
  g_rng ^= g_rng >> 12;
  g_rng ^= g_rng << 25;
  g_rng ^= g_rng >> 27;
  return g_rng * 2685821657736338717ull;
}

/* Random value with a random bit length, so quotients of every size occur. */
static uint64_t rnd_bits(void) {
  unsigned bits = (unsigned)(rnd64() % 65);
  uint64_t v = rnd64();
  v = bits == 64 ? v : v & ((1ull << bits) - 1);
  return (rnd64() & 3) == 0 ? 0 - v : v;
}

static const uint64_t k_special[] = {0,
                                     1,
                                     2,
                                     3,
                                     5,
                                     7,
                                     10,
                                     0x7F,
                                     0x80,
                                     0xFF,
                                     0xFFFF,
                                     0x10000,
                                     0x7FFFFFFF,
                                     0x80000000,
                                     0x80000001,
                                     0xFFFFFFFE,
                                     0xFFFFFFFF,
                                     0x100000000ull,
                                     0x100000001ull,
                                     0x1FFFFFFFFull,
                                     0x7FFFFFFFFFFFFFFFull,
                                     0x8000000000000000ull,
                                     0x8000000000000001ull,
                                     0xFFFFFFFF00000000ull,
                                     0xFFFFFFFF80000000ull,
                                     0xFFFFFFFFFFFFFFFEull,
                                     0xFFFFFFFFFFFFFFFFull};
#define NUM_SPECIAL (sizeof(k_special) / sizeof(k_special[0]))

static void check_div32(uint32_t a, uint32_t b) {
  uint64_t qr = __aeabi_uidivmod(a, b);
  uint64_t sqr = __aeabi_idivmod((int32_t)a, (int32_t)b);
  uint32_t eq, er;
  int32_t seq, ser;
  if (b == 0) {
    eq = DIV0_QUOTIENT;
    er = a;
    seq = (int32_t)DIV0_QUOTIENT;
    ser = (int32_t)a;
  } else {
    eq = a / b;
    er = a % b;
    if ((int32_t)a == INT32_MIN && (int32_t)b == -1) {
      seq = INT32_MIN;
      ser = 0;
    } else {
      seq = (int32_t)a / (int32_t)b;
      ser = (int32_t)a % (int32_t)b;
    }
  }
  CHECK((uint32_t)qr == eq && (uint32_t)(qr >> 32) == er, "uidivmod %u %u", a,
        b);
  CHECK(__aeabi_uidiv(a, b) == eq, "uidiv %u %u", a, b);
  CHECK((int32_t)(uint32_t)sqr == seq && (int32_t)(uint32_t)(sqr >> 32) == ser,
        "idivmod %d %d", (int32_t)a, (int32_t)b);
  CHECK(__aeabi_idiv((int32_t)a, (int32_t)b) == seq, "idiv %d %d", (int32_t)a,
        (int32_t)b);
}

static void check_div64(uint64_t a, uint64_t b) {
  uint64_t eq, er, r;
  int64_t seq, ser, sr;
  if (b == 0) {
    eq = (uint64_t)(int64_t)(int32_t)DIV0_QUOTIENT;
    er = a;
    seq = (int64_t)eq;
    ser = (int64_t)a;
  } else {
    eq = a / b;
    er = a % b;
    if ((int64_t)a == INT64_MIN && (int64_t)b == -1) {
      seq = INT64_MIN;
      ser = 0;
    } else {
      seq = (int64_t)a / (int64_t)b;
      ser = (int64_t)a % (int64_t)b;
    }
  }
  CHECK(mcuq_udivmod64(a, b, &r) == eq && r == er, "udivmod64 %llx %llx",
        (unsigned long long)a, (unsigned long long)b);
  CHECK(mcuq_test_udivmod64_bitwise(a, b, &r) == eq && r == er,
        "udivmod64_bitwise %llx %llx", (unsigned long long)a,
        (unsigned long long)b);
  CHECK(mcuq_divmod64((int64_t)a, (int64_t)b, &sr) == seq && sr == ser,
        "divmod64 %llx %llx", (unsigned long long)a, (unsigned long long)b);
  CHECK(__udivdi3(a, b) == eq && __umoddi3(a, b) == er, "udivdi3 %llx %llx",
        (unsigned long long)a, (unsigned long long)b);
  CHECK(__divdi3((int64_t)a, (int64_t)b) == seq &&
            __moddi3((int64_t)a, (int64_t)b) == ser,
        "divdi3 %llx %llx", (unsigned long long)a, (unsigned long long)b);
}

static void check_mul_shift(uint64_t a, uint64_t b) {
  int s = (int)(b & 63);
  CHECK(__aeabi_lmul(a, b) == a * b, "lmul %llx %llx", (unsigned long long)a,
        (unsigned long long)b);
  CHECK(__aeabi_llsl(a, s) == a << s, "llsl %llx %d", (unsigned long long)a, s);
  CHECK(__aeabi_llsr(a, s) == a >> s, "llsr %llx %d", (unsigned long long)a, s);
  CHECK(__aeabi_lasr((int64_t)a, s) == (int64_t)a >> s, "lasr %llx %d",
        (unsigned long long)a, s);
}

static void check_clz(uint32_t x) {
  CHECK(__clzsi2(x) == (x ? __builtin_clz(x) : 32), "clz %x", x);
}

static void test_integer(void) {
  unsigned i, j;
  long n;
  for (i = 0; i < NUM_SPECIAL; ++i) {
    for (j = 0; j < NUM_SPECIAL; ++j) {
      uint64_t a = k_special[i], b = k_special[j];
      check_div32((uint32_t)a, (uint32_t)b);
      check_div64(a, b);
      check_div64(a, b + 1);
      check_div64(a - 1, b);
      check_mul_shift(a, b);
    }
  }
  for (i = 0; i < 64; ++i)
    for (j = 0; j < NUM_SPECIAL; ++j)
      check_mul_shift(k_special[j], i);
  /* Small operands: every pair. */
  for (i = 0; i < 300; ++i)
    for (j = 0; j < 300; ++j) {
      check_div32(i, j);
      check_div32((uint32_t) - (int32_t)i, j);
      check_div64(i, j);
    }
  for (n = 0; n < 3000000; ++n) {
    uint64_t a = rnd_bits(), b = rnd_bits();
    check_div32((uint32_t)a, (uint32_t)b);
    check_div32((uint32_t)a, (uint32_t)b >> (b & 31));
    check_div64(a, b);
    check_div64(a, b >> (a & 63));
    check_mul_shift(a, b);
  }
  for (i = 0; i < 32; ++i)
    for (j = 0; j < 1000; ++j)
      check_clz(
          (uint32_t)((1ull << i) | ((uint32_t)rnd64() & ((1u << i) - 1))));
  check_clz(0);
  for (n = 0; n < 1000000; ++n)
    check_clz((uint32_t)rnd64() >> (n & 31));
}

enum { BUF = 1024 };

static void fill(unsigned char *p, unsigned n) {
  unsigned i;
  for (i = 0; i < n; ++i)
    p[i] = (unsigned char)rnd64();
}

static void test_memory(void) {
  static unsigned char src[BUF], a[BUF], b[BUF];
  unsigned so, d, n;
  for (so = 0; so < 8; ++so) {
    for (d = 0; d < 8; ++d) {
      for (n = 0; n <= 300; ++n) {
        void *r;
        unsigned k;
        fill(src, BUF);
        fill(a, BUF);
        memcpy(b, a, BUF);
        r = t_memcpy(a + 64 + d, src + 64 + so, n);
        memcpy(b + 64 + d, src + 64 + so, n);
        CHECK(r == a + 64 + d && memcmp(a, b, BUF) == 0,
              "memcpy d=%u s=%u n=%u", d, so, n);

        r = t_memset(a + d, (int)(n * 7 + so) | 0x300, n);
        memset(b + d, (int)((n * 7 + so) & 0xFF), n);
        CHECK(r == a + d && memcmp(a, b, BUF) == 0, "memset d=%u n=%u", d, n);

        /* Overlapping moves in both directions, and disjoint ones. */
        for (k = 0; k < 3; ++k) {
          unsigned dst = 300 + d, srco = k == 0   ? 300 + so + 5
                                         : k == 1 ? 300 + so - 5
                                                  : so;
          r = t_memmove(a + dst, a + srco, n);
          memmove(b + dst, b + srco, n);
          CHECK(r == a + dst && memcmp(a, b, BUF) == 0,
                "memmove d=%u s=%u n=%u", dst, srco, n);
        }
      }
    }
  }
  /* Overlap distances 1..20 with longer lengths. */
  for (so = 1; so <= 20; ++so) {
    for (n = 0; n <= 600; n += 37) {
      fill(a, BUF);
      memcpy(b, a, BUF);
      t_memmove(a + 100, a + 100 + so, n);
      memmove(b + 100, b + 100 + so, n);
      CHECK(memcmp(a, b, BUF) == 0, "memmove down dist=%u n=%u", so, n);
      t_memmove(a + 100 + so, a + 100, n);
      memmove(b + 100 + so, b + 100, n);
      CHECK(memcmp(a, b, BUF) == 0, "memmove up dist=%u n=%u", so, n);
    }
  }
}

/* Float references: the host's SSE arithmetic (IEEE, round to nearest even,
 * no flush to zero), reached through volatile so nothing is folded. */
static float fbits(uint32_t u) { return from_bits(u); }

static int same_result(uint32_t got, uint32_t want, uint32_t a, uint32_t b) {
  if (is_nan(want)) {
    /* Any quiet NaN, but with one NaN operand its payload must survive. */
    if (!is_nan(got) || !(got & QUIET))
      return 0;
    if (is_nan(a) != is_nan(b))
      return got == ((is_nan(a) ? a : b) | QUIET);
    return 1;
  }
  return got == want;
}

static void check_binary(uint32_t a, uint32_t b) {
  volatile float x = fbits(a), y = fbits(b);
  uint32_t want_mul = to_bits(x * y), want_div = to_bits(x / y);
  uint32_t got_mul = to_bits(__aeabi_fmul(fbits(a), fbits(b)));
  uint32_t got_div = to_bits(__aeabi_fdiv(fbits(a), fbits(b)));
  CHECK(same_result(got_mul, want_mul, a, b),
        "fmul %08x %08x = %08x, want %08x", a, b, got_mul, want_mul);
  CHECK(same_result(got_div, want_div, a, b),
        "fdiv %08x %08x = %08x, want %08x", a, b, got_div, want_div);
  g_bitwise_quotient = 1;
  g_v6m_product = 1;
  CHECK(to_bits(__mulsf3(fbits(a), fbits(b))) == got_mul &&
            to_bits(__divsf3(fbits(a), fbits(b))) == got_div,
        "rv32 names, bitwise division, Armv6-M product %08x %08x", a, b);
  g_bitwise_quotient = 0;
  g_v6m_product = 0;
}

static void check_minmax(uint32_t a, uint32_t b) {
  volatile float x = fbits(a), y = fbits(b);
  uint32_t want_max, want_min, got_max, got_min;
  if (x != x || y != y) {
    want_max = want_min = DEFAULT_NAN;
  } else if (x == y) { /* equal, or zeros of either sign */
    want_max = (a & SIGN) ? b : a;
    want_min = (a & SIGN) ? a : b;
  } else {
    want_max = x > y ? a : b;
    want_min = x < y ? a : b;
  }
  got_max = to_bits(t_fmaximumf(fbits(a), fbits(b)));
  got_min = to_bits(t_fminimumf(fbits(a), fbits(b)));
  CHECK(same_result(got_max, want_max, a, b), "fmaximumf %08x %08x = %08x", a,
        b, got_max);
  CHECK(same_result(got_min, want_min, a, b), "fminimumf %08x %08x = %08x", a,
        b, got_min);
}

/* roundf from exact float operations: truncate, then step away from zero
 * when the discarded fraction is at least one half. */
static uint32_t ref_roundf(uint32_t a) {
  volatile float x = fbits(a), t, d;
  if (is_nan(a))
    return a | QUIET;
  if (!(x > -8388608.0f && x < 8388608.0f))
    return a;
  t = (float)(int32_t)x;
  d = x - t;
  if (d >= 0.5f)
    t = t + 1.0f;
  else if (d <= -0.5f)
    t = t - 1.0f;
  if (t == 0.0f)
    return a & SIGN; /* keeps -0 for -0.4 */
  return to_bits(t);
}

static void check_unary(uint32_t a) {
  volatile float x = fbits(a);
  volatile int32_t i = (int32_t)a;
  int32_t want_int, got_int;
  uint32_t want, got;
  /* float -> int32 truncates; out of range saturates, NaN gives 0. */
  if (is_nan(a))
    want_int = 0;
  else if (x >= 2147483648.0f)
    want_int = INT32_MAX;
  else if (x < -2147483648.0f)
    want_int = INT32_MIN;
  else
    want_int = (int32_t)x;
  got_int = __aeabi_f2iz(fbits(a));
  CHECK(got_int == want_int && __fixsfsi(fbits(a)) == got_int,
        "f2iz %08x = %d, want %d", a, got_int, want_int);
  want = to_bits((float)i);
  got = to_bits(__aeabi_i2f((int32_t)a));
  CHECK(got == want && to_bits(__floatsisf((int32_t)a)) == got,
        "i2f %d = %08x, want %08x", (int32_t)a, got, want);
  want = to_bits((float)a);
  got = to_bits(__aeabi_ui2f(a));
  CHECK(got == want && to_bits(__floatunsisf(a)) == got,
        "ui2f %u = %08x, want %08x", a, got, want);
  want = ref_roundf(a);
  got = to_bits(t_roundf(fbits(a)));
  CHECK(got == want, "roundf %08x = %08x, want %08x", a, got, want);
}

static uint32_t rnd32(void) { return (uint32_t)(rnd64() >> 32); }

/* A float with the given biased exponent and a significand that is random,
 * or short (few significant bits, so that products are often exact or
 * exactly halfway between two floats). */
static uint32_t make_float(uint32_t exp, int shortsig) {
  uint32_t sig = rnd32() & 0x007FFFFFu;
  if (shortsig)
    sig &= ~((1u << (rnd32() % 24)) - 1);
  return (rnd32() & SIGN) | (exp << 23) | sig;
}

static const uint32_t k_float_special[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x00000002, 0x007FFFFF,
    0x807FFFFF, 0x00400000, 0x00800000, 0x80800000, 0x00800001, 0x00FFFFFF,
    0x01000000, 0x33800000, 0x34000000, 0x3EFFFFFF, 0x3F000000, 0xBF000000,
    0x3F000001, 0x3F7FFFFF, 0x3F800000, 0xBF800000, 0x3F800001, 0x3FC00000,
    0xBFC00000, 0x40000000, 0x40200000, 0x40400000, 0x4B000000, 0x4AFFFFFF,
    0x4B7FFFFF, 0x4B800000, 0x4EFFFFFF, 0x4F000000, 0xCF000000, 0xCF000001,
    0x5F800000, 0x7F000000, 0x7F7FFFFF, 0xFF7FFFFF, 0x7F800000, 0xFF800000,
    0x7FC00000, 0xFFC00000, 0x7F800001, 0xFF800001, 0x7FBFFFFF, 0x7FFFFFFF,
    0x3DCCCCCD, 0x3EAAAAAB, 0x42FE0000, 0xC3000000};
#define NUM_FLOAT_SPECIAL (sizeof(k_float_special) / sizeof(k_float_special[0]))

static void test_float(int exhaustive) {
  unsigned i, j;
  long n;
  for (i = 0; i < NUM_FLOAT_SPECIAL; ++i) {
    check_unary(k_float_special[i]);
    check_unary(k_float_special[i] + 1);
    check_unary(k_float_special[i] - 1);
    for (j = 0; j < NUM_FLOAT_SPECIAL; ++j) {
      check_binary(k_float_special[i], k_float_special[j]);
      check_minmax(k_float_special[i], k_float_special[j]);
    }
  }
  for (n = 0; n < 3000000; ++n) {
    uint32_t a = rnd32(), b = rnd32(), ea, eb;
    int shortsig = (n & 3) == 0;
    check_binary(a, b);
    check_minmax(a, b);
    check_minmax(a, a ^ (b & 0x8000000F));
    check_unary(a);
    check_unary(a >> (b & 31)); /* small integers and small floats */
    /* Exponents whose product or quotient lands near the subnormal range,
     * near overflow, or anywhere. */
    ea = rnd32() % 255;
    switch (n % 4) {
    case 0: /* product exponent ea + eb - 127 in [-30, 3] */
      eb = (uint32_t)((int32_t)(rnd32() % 34) - 30 + 127 - (int32_t)ea);
      break;
    case 1: /* quotient exponent ea - eb + 127 in [-30, 3] */
      eb = (uint32_t)((int32_t)ea + 127 + 30 - (int32_t)(rnd32() % 34));
      break;
    case 2: /* near overflow */
      eb = (uint32_t)(127 + 250 - (int32_t)ea + (int32_t)(rnd32() % 8));
      break;
    default:
      eb = rnd32() % 255;
    }
    if (eb > 254)
      eb = rnd32() % 255;
    check_binary(make_float(ea, shortsig), make_float(eb, shortsig));
    check_binary(make_float(eb, shortsig), make_float(ea, shortsig));
  }
  /* Every int32 of magnitude below 2^20 and around each power of two. */
  for (n = -(1 << 20); n < (1 << 20); ++n)
    check_unary((uint32_t)n);
  for (i = 0; i < 32; ++i)
    for (j = 0; j < 512; ++j) {
      check_unary((1u << i) + j - 256);
      check_unary(0u - (1u << i) + j - 256);
    }
  if (exhaustive) {
    uint32_t u = 0;
    do
      check_unary(u);
    while (++u != 0);
  }
}

int main(int argc, char **argv) {
  test_float(argc > 1 && strcmp(argv[1], "--exhaustive") == 0);
  test_integer();
  test_memory();
  printf("mcuq runtime host test\n%lu passed, %lu failed\n",
         g_checks - g_failures, g_failures);
  return g_failures != 0;
}
