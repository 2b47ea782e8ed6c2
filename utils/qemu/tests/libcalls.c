/* Test kernel for the integer helpers of the runtime: every operation below is
 * a libcall on at least one target (see runtime/src/integer.c).
 *   input0:  n pairs of little-endian uint64 (a, b), 16 bytes each
 *   output0: per pair, 5 x 32-bit then 10 x 64-bit results (100 bytes):
 *            u32 a/b, u32 a%b, s32 a/b, s32 a%b, clz32(a) (32 for 0),
 *            u64 a/b, u64 a%b, s64 a/b, s64 a%b, a*b (64-bit),
 *            s32*s32->s64, u32*u32->u64, a<<(b&63), a>>(b&63) logical,
 * arithmetic Operands are 32-bit truncations of a, b where the operation is
 * 32-bit. */
#include "harness.h"
#include <stdint.h>

enum { PAIRS = 256, OUT_BYTES = 100 };

static void put32(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    p[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *p, uint64_t v) {
  put32(p, (uint32_t)v);
  put32(p + 4, (uint32_t)(v >> 32));
}

static uint64_t get64(const unsigned char *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = (v << 8) | p[i];
  return v;
}

static uint32_t g_x = 2463534242u;

static uint32_t xorshift32(void) {
  g_x ^= g_x << 13;
  g_x ^= g_x >> 17;
  g_x ^= g_x << 5;
  return g_x;
}

static void self_check(uint32_t rounds, uint32_t *fail) {
  fail[0] = fail[1] = 0;
  for (uint32_t i = 0; i < rounds; ++i) {
    uint32_t n = xorshift32() >> (xorshift32() & 31);
    volatile uint32_t d = xorshift32() >> (xorshift32() & 31);
    uint32_t q = n / d, r = n % d;
    int32_t sn = (int32_t)n, sq, sr;
    volatile int32_t sd = (int32_t)d;
    if (d == 0 || (sn == INT32_MIN && sd == -1))
      continue;
    if (r >= d || (uint64_t)q * d + r != n)
      ++fail[0];
    sq = sn / sd;
    sr = sn % sd;
    if ((int64_t)sq * sd + sr != sn || (sr != 0 && (sr < 0) != (sn < 0)) ||
        (sr < 0 ? -(int64_t)sr : sr) >= (sd < 0 ? -(int64_t)sd : sd))
      ++fail[1];
  }
}

static int invoke(const void *const *inputs, void *const *outputs, void *arena,
                  void *state) {
  const unsigned char *in = (const unsigned char *)inputs[0];
  unsigned char *out = (unsigned char *)outputs[0];
  (void)arena;
  (void)state;
  for (int i = 0; i < PAIRS; ++i, in += 16, out += OUT_BYTES) {
    uint64_t a = get64(in), b = get64(in + 8);
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
    int32_t sa32 = (int32_t)a32, sb32 = (int32_t)b32;
    int s = (int)(b & 63);
    /* Division by zero and INT_MIN / -1 are undefined in C but are part of
     * the test: the helpers and the hardware define them. The volatile
     * operands keep the compiler from reasoning about the values. */
    volatile uint32_t vb32 = b32;
    volatile int32_t vsb32 = sb32;
    volatile uint64_t vb = b;
    volatile int64_t vsb = (int64_t)b;
    put32(out + 0, a32 / vb32);
    put32(out + 4, a32 % vb32);
    put32(out + 8, (uint32_t)(sa32 / vsb32));
    put32(out + 12, (uint32_t)(sa32 % vsb32));
    put32(out + 16, a32 ? (uint32_t)__builtin_clz(a32) : 32u);
    put64(out + 20, a / vb);
    put64(out + 28, a % vb);
    put64(out + 36, (uint64_t)((int64_t)a / vsb));
    put64(out + 44, (uint64_t)((int64_t)a % vsb));
    put64(out + 52, a * b);
    put64(out + 60, (uint64_t)((int64_t)sa32 * sb32));
    put64(out + 68, (uint64_t)a32 * b32);
    put64(out + 76, a << s);
    put64(out + 84, a >> s);
    put64(out + 92, (uint64_t)((int64_t)a >> s));
  }
  self_check(*(const uint32_t *)inputs[1], (uint32_t *)outputs[1]);
  return 0;
}

static const unsigned input_sizes[] = {PAIRS * 16, 4};
static const unsigned output_sizes[] = {PAIRS * OUT_BYTES, 8};

const mcuq_harness_model_t mcuq_harness_model = {
    2, 2, input_sizes, output_sizes, 0, 0, 0, invoke,
};
