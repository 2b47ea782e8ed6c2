/* Host test of the runtime's C code against native arithmetic and a byte-wise
 * reference. The sources are included with the memory functions renamed (so
 * the host libc keeps its own) and with every C fallback compiled in
 * (MCUQ_RUNTIME_TEST): software 32-bit division, the Armv6-M 64-bit multiply
 * and shift helpers, software clz. Cross-target behaviour (Arm EABI entry
 * points, register conventions) is tested under QEMU by
 * python/test/test_qemu.py.
 */
#define MCUQ_RUNTIME_TEST 1
#define memcpy t_memcpy
#define memmove t_memmove
#define memset t_memset
#include "../src/integer.c"
#include "../src/memory.c"
#undef memcpy
#undef memmove
#undef memset

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

int main(void) {
  test_integer();
  test_memory();
  printf("mcuq runtime host test\n%lu passed, %lu failed\n",
         g_checks - g_failures, g_failures);
  return g_failures != 0;
}
