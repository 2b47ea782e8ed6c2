/* Integer helpers that LLVM calls on targets lacking an instruction:
 *   Armv6-M:          __aeabi_[u]idiv[mod], __aeabi_[u]ldivmod, __aeabi_lmul,
 *                     __aeabi_llsl/llsr/lasr, __clzsi2
 *   Armv7-M and later: __aeabi_[u]ldivmod
 *   rv32 (M ext.):    __udivdi3, __umoddi3, __divdi3, __moddi3
 * The code below only uses 32-bit operations that every target has natively
 * (plus 32-bit division where the core has it), so no helper calls another
 * libcall except the 32-bit division and __clzsi2 defined here.
 */
#include <mcuq/runtime.h>
#include <stdint.h>

#if defined(__arm__)
#define DIV0_QUOTIENT 0u /* what Arm SDIV/UDIV return */
#else
#define DIV0_QUOTIENT 0xFFFFFFFFu /* what RISC-V DIV/DIVU return */
#endif

/* MCUQ_RUNTIME_TEST (runtime/test/runtime_host_test.c) compiles every C
 * fallback on the host so it can be checked against native arithmetic. */
#if (defined(__arm__) && !defined(__ARM_ARCH_EXT_IDIV__)) ||                   \
    defined(MCUQ_RUNTIME_TEST)
#define NEED_SOFT_DIV32 1
#endif
#if defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_8M_BASE__) ||               \
    defined(MCUQ_RUNTIME_TEST)
#define NEED_V6M_HELPERS 1
#endif
#if defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_8M_BASE__) ||               \
    (defined(__riscv) && !defined(__riscv_zbb)) || defined(MCUQ_RUNTIME_TEST)
#define NEED_SOFT_CLZ 1
#endif

#if defined(__clang__)
#define NO_UNROLL _Pragma("clang loop unroll(disable)")
#elif defined(__GNUC__)
#define NO_UNROLL _Pragma("GCC unroll 1")
#else
#define NO_UNROLL
#endif

static inline uint64_t make64(uint32_t hi, uint32_t lo) {
  return ((uint64_t)hi << 32) | lo;
}

#if defined(NEED_SOFT_CLZ)
__attribute__((noinline))
#endif
int __clzsi2(uint32_t x) {
#if defined(NEED_SOFT_CLZ)
  int n = 0;
  if (x == 0)
    return 32;
  if (!(x & 0xFFFF0000u)) {
    n += 16;
    x <<= 16;
  }
  if (!(x & 0xFF000000u)) {
    n += 8;
    x <<= 8;
  }
  if (!(x & 0xF0000000u)) {
    n += 4;
    x <<= 4;
  }
  if (!(x & 0xC0000000u)) {
    n += 2;
    x <<= 2;
  }
  return n + !(x & 0x80000000u);
#else
  return x ? __builtin_clz(x) : 32;
#endif
}

static inline int clz32(uint32_t x) {
#if defined(NEED_SOFT_CLZ)
  return __clzsi2(x);
#else
  return __builtin_clz(x);
#endif
}

#if defined(NEED_SOFT_DIV32) && defined(__arm__) && !defined(MCUQ_RUNTIME_TEST)
/* Armv6-M: unsigned 32-bit division in Thumb-1 assembly, one quotient bit per
 * step of 4-6 instructions (the C loop took 11), entered at most 3 bits above
 * the quotient's top bit, found with 3 compares. Returns the quotient in r0
 * and the remainder in r1, as __aeabi_uidivmod must; __aeabi_uidiv is the
 * same code. */
uint64_t __aeabi_uidivmod(uint32_t n, uint32_t d);
__asm__(".syntax unified\n"
        ".section .text.__aeabi_uidivmod,\"ax\",%progbits\n"
        ".globl __aeabi_uidivmod\n"
        ".type __aeabi_uidivmod, %function\n"
        ".thumb_func\n"
        "__aeabi_uidivmod:\n"
        "  cmp r1, #0\n"
        "  bne 1f\n"
        "  mov r1, r0\n" /* d == 0: quotient 0 (as UDIV), remainder n */
        "  movs r0, #0\n"
        "  bx lr\n"
        "1:\n"
        "  movs r2, #0\n"
        "  lsrs r3, r0, #16\n"
        "  cmp r3, r1\n"
        "  bcc .Ludiv_lt16\n"
        "  lsrs r3, r0, #24\n"
        "  cmp r3, r1\n"
        "  bcc .Ludiv_lt24\n"
        "  lsrs r3, r0, #28\n"
        "  cmp r3, r1\n"
        "  bcs .Ludiv_step31\n"
        "  b .Ludiv_step27\n"
        ".Ludiv_lt24:\n"
        "  lsrs r3, r0, #20\n"
        "  cmp r3, r1\n"
        "  bcc 1f\n"
        "  b .Ludiv_step23\n"
        "1:\n"
        "  b .Ludiv_step19\n"
        ".Ludiv_lt16:\n"
        "  lsrs r3, r0, #8\n"
        "  cmp r3, r1\n"
        "  bcc .Ludiv_lt8\n"
        "  lsrs r3, r0, #12\n"
        "  cmp r3, r1\n"
        "  bcc 1f\n"
        "  b .Ludiv_step15\n"
        "1:\n"
        "  b .Ludiv_step11\n"
        ".Ludiv_lt8:\n"
        "  lsrs r3, r0, #4\n"
        "  cmp r3, r1\n"
        "  bcc 1f\n"
        "  b .Ludiv_step7\n"
        "1:\n"
        "  b .Ludiv_step3\n"
        /* Step i: if (n >> i) >= d then n -= d << i; q = 2q + that. The carry
         * is the bit: clear when the branch skips, set by the subtraction (no
         * borrow) otherwise. */
        ".irp i, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, "
        "16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1\n"
        ".Ludiv_step\\i:\n"
        "  lsrs r3, r0, #\\i\n"
        "  cmp r3, r1\n"
        "  bcc 1f\n"
        "  lsls r3, r1, #\\i\n"
        "  subs r0, r0, r3\n"
        "1:\n"
        "  adcs r2, r2\n"
        ".endr\n"
        "  cmp r0, r1\n"
        "  bcc 1f\n"
        "  subs r0, r0, r1\n"
        "1:\n"
        "  adcs r2, r2\n"
        "  mov r1, r0\n"
        "  mov r0, r2\n"
        "  bx lr\n"
        ".size __aeabi_uidivmod, .-__aeabi_uidivmod\n"
        ".globl __aeabi_uidiv\n"
        ".type __aeabi_uidiv, %function\n"
        ".thumb_set __aeabi_uidiv, __aeabi_uidivmod\n");

static inline uint32_t udivmod32(uint32_t n, uint32_t d, uint32_t *rem) {
  uint64_t qr = __aeabi_uidivmod(n, d);
  *rem = (uint32_t)(qr >> 32);
  return (uint32_t)qr;
}
#else
/* Unsigned 32-bit division; *rem gets the remainder. */
#if defined(NEED_SOFT_DIV32)
__attribute__((noinline))
#endif
static uint32_t
udivmod32(uint32_t n, uint32_t d, uint32_t *rem) {
#if defined(NEED_SOFT_DIV32)
  uint32_t q = 0;
  int s;
  if (d == 0) {
    *rem = n;
    return DIV0_QUOTIENT;
  }
  if (n < d) {
    *rem = n;
    return 0;
  }
  /* Align the divisor's top bit with the dividend's, then one bit per step. */
  s = clz32(d) - clz32(n);
  d <<= s;
  NO_UNROLL
  do {
    q <<= 1;
    if (n >= d) {
      n -= d;
      q |= 1;
    }
    d >>= 1;
  } while (--s >= 0);
  *rem = n;
  return q;
#else
  uint32_t q;
  if (d == 0) {
    *rem = n;
    return DIV0_QUOTIENT;
  }
  q = n / d;
  *rem = n - q * d;
  return q;
#endif
}
#endif

/* Shift-and-subtract 64-bit division with 32-bit halves only (variable 64-bit
 * shifts are themselves libcalls on Armv6-M); n >= d > 0. Costs about 10-20
 * instructions per quotient bit. */
static uint64_t udivmod64_bitwise(uint64_t n, uint64_t d, uint64_t *rem) {
  uint32_t nh = (uint32_t)(n >> 32), nl = (uint32_t)n;
  uint32_t dh = (uint32_t)(d >> 32), dl = (uint32_t)d;
  uint32_t qh = 0, ql = 0;
  int s = (dh ? clz32(dh) : 32 + clz32(dl)) - (nh ? clz32(nh) : 32 + clz32(nl));
  /* d <<= s */
  if (s >= 32) {
    dh = dl << (s - 32);
    dl = 0;
  } else if (s > 0) {
    dh = (dh << s) | (dl >> (32 - s));
    dl <<= s;
  }
  NO_UNROLL
  do {
    qh = (qh << 1) | (ql >> 31);
    ql <<= 1;
    if (nh > dh || (nh == dh && nl >= dl)) {
      uint32_t borrow = nl < dl;
      nl -= dl;
      nh -= dh + borrow;
      ql |= 1;
    }
    dl = (dl >> 1) | (dh << 31);
    dh >>= 1;
  } while (--s >= 0);
  *rem = make64(nh, nl);
  return make64(qh, ql);
}

#if defined(__ARM_ARCH_EXT_IDIV__) || defined(__riscv_div) ||                  \
    defined(MCUQ_RUNTIME_TEST)
#define HAVE_DIV32 1
/* (u1:u0) / v for u1 < v, with two 32/16-bit digit steps on the hardware
 * 32-bit divider (Knuth's algorithm D as in Hacker's Delight, divlu). */
__attribute__((noinline)) static uint32_t divlu(uint32_t u1, uint32_t u0,
                                                uint32_t v, uint32_t *r) {
  const uint32_t b = 65536;
  uint32_t vn1, vn0, un32, un21, un10, un1, un0, q1, q0, rhat;
  int s = clz32(v);
  v <<= s;
  vn1 = v >> 16;
  vn0 = v & 0xFFFF;
  un32 = s ? (u1 << s) | (u0 >> (32 - s)) : u1;
  un10 = u0 << s;
  un1 = un10 >> 16;
  un0 = un10 & 0xFFFF;
  q1 = un32 / vn1;
  rhat = un32 - q1 * vn1;
  while (q1 >= b || q1 * vn0 > b * rhat + un1) {
    --q1;
    rhat += vn1;
    if (rhat >= b)
      break;
  }
  un21 = un32 * b + un1 - q1 * v; /* modulo 2^32: the true value is < v */
  q0 = un21 / vn1;
  rhat = un21 - q0 * vn1;
  while (q0 >= b || q0 * vn0 > b * rhat + un0) {
    --q0;
    rhat += vn1;
    if (rhat >= b)
      break;
  }
  *r = (un21 * b + un0 - q0 * v) >> s;
  return q1 * b + q0;
}

/* n >= d > 0, n >= 2^32: a few dozen instructions instead of one loop
 * iteration per quotient bit. */
static uint64_t udivmod64_digits(uint64_t n, uint64_t d, uint64_t *rem) {
  uint32_t nh = (uint32_t)(n >> 32), dh = (uint32_t)(d >> 32);
  uint32_t r32, qh, ql;
  uint64_t q;
  int s;
  if (dh == 0) {
    uint32_t dl = (uint32_t)d;
    qh = nh / dl;
    ql = divlu(nh - qh * dl, (uint32_t)n, dl, &r32);
    *rem = r32;
    return make64(qh, ql);
  }
  /* 64-bit divisor: estimate from its top 32 bits, off by at most one. */
  s = clz32(dh);
  ql = divlu((uint32_t)(n >> 33), (uint32_t)(n >> 1),
             (uint32_t)((d << s) >> 32), &r32);
  q = ((uint64_t)ql << s) >> 31;
  if (q != 0)
    --q;
  if (n - q * d >= d)
    ++q;
  *rem = n - q * d;
  return q;
}
#endif

/* Unsigned 64-bit division; *rem gets the remainder. */
uint64_t mcuq_udivmod64(uint64_t n, uint64_t d, uint64_t *rem) {
  uint32_t nh = (uint32_t)(n >> 32), dh = (uint32_t)(d >> 32);
  if (d == 0) {
    *rem = n;
    return make64(DIV0_QUOTIENT, DIV0_QUOTIENT);
  }
  if ((dh | nh) == 0) {
    uint32_t r, q = udivmod32((uint32_t)n, (uint32_t)d, &r);
    *rem = r;
    return q;
  }
  if (n < d) {
    *rem = n;
    return 0;
  }
#if defined(HAVE_DIV32)
  return udivmod64_digits(n, d, rem);
#else
  return udivmod64_bitwise(n, d, rem);
#endif
}

#if defined(MCUQ_RUNTIME_TEST)
/* The Armv6-M path, for the host test (which otherwise takes the other one). */
uint64_t mcuq_test_udivmod64_bitwise(uint64_t n, uint64_t d, uint64_t *rem) {
  if (d == 0 || n < d) {
    *rem = n;
    return d == 0 ? make64(DIV0_QUOTIENT, DIV0_QUOTIENT) : 0;
  }
  return udivmod64_bitwise(n, d, rem);
}
#endif

int64_t mcuq_divmod64(int64_t n, int64_t d, int64_t *rem) {
  uint64_t un = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
  uint64_t ud = d < 0 ? 0 - (uint64_t)d : (uint64_t)d;
  uint64_t ur, uq;
  if (d == 0) {
    *rem = n;
    return (int64_t)(int32_t)DIV0_QUOTIENT;
  }
  uq = mcuq_udivmod64(un, ud, &ur);
  *rem = n < 0 ? (int64_t)(0 - ur) : (int64_t)ur;
  return (n < 0) != (d < 0) ? (int64_t)(0 - uq) : (int64_t)uq;
}

#if defined(NEED_SOFT_DIV32) && (defined(__arm__) || defined(MCUQ_RUNTIME_TEST))
static int32_t divmod32(int32_t n, int32_t d, int32_t *rem) {
  uint32_t un = n < 0 ? 0 - (uint32_t)n : (uint32_t)n;
  uint32_t ud = d < 0 ? 0 - (uint32_t)d : (uint32_t)d;
  uint32_t ur, uq = udivmod32(un, ud, &ur);
  if (d == 0) {
    *rem = n;
    return (int32_t)DIV0_QUOTIENT;
  }
  *rem = n < 0 ? (int32_t)(0 - ur) : (int32_t)ur;
  return (n < 0) != (d < 0) ? (int32_t)(0 - uq) : (int32_t)uq;
}

#if defined(MCUQ_RUNTIME_TEST)
uint32_t __aeabi_uidiv(uint32_t n, uint32_t d) {
  uint32_t r;
  return udivmod32(n, d, &r);
}
#endif

int32_t __aeabi_idiv(int32_t n, int32_t d) {
  int32_t r;
  return divmod32(n, d, &r);
}

/* {quotient, remainder} come back in r0, r1: a 64-bit return does exactly that.
 */
#if defined(MCUQ_RUNTIME_TEST)
uint64_t __aeabi_uidivmod(uint32_t n, uint32_t d) {
  uint32_t r, q = udivmod32(n, d, &r);
  return make64(r, q);
}
#endif

uint64_t __aeabi_idivmod(int32_t n, int32_t d) {
  int32_t r, q = divmod32(n, d, &r);
  return make64((uint32_t)r, (uint32_t)q);
}
#endif

#if defined(__arm__)
/* __aeabi_[u]ldivmod return the quotient in r0:r1 and the remainder in r2:r3,
 * which C cannot express: fetch the remainder from a stack slot. */
__attribute__((naked)) void __aeabi_uldivmod(void) {
  __asm__ volatile("push {r4, lr}\n"
                   "sub sp, #16\n"
                   "add r4, sp, #8\n"
                   "str r4, [sp]\n"
                   "bl mcuq_udivmod64\n"
                   "ldr r2, [sp, #8]\n"
                   "ldr r3, [sp, #12]\n"
                   "add sp, #16\n"
                   "pop {r4, pc}\n");
}

__attribute__((naked)) void __aeabi_ldivmod(void) {
  __asm__ volatile("push {r4, lr}\n"
                   "sub sp, #16\n"
                   "add r4, sp, #8\n"
                   "str r4, [sp]\n"
                   "bl mcuq_divmod64\n"
                   "ldr r2, [sp, #8]\n"
                   "ldr r3, [sp, #12]\n"
                   "add sp, #16\n"
                   "pop {r4, pc}\n");
}
#endif

#if defined(NEED_V6M_HELPERS)
/* 32x32->64 from 16-bit pieces: MULS gives only the low 32 bits. */
static uint64_t umul32x32(uint32_t a, uint32_t b) {
  uint32_t al = a & 0xFFFF, ah = a >> 16, bl = b & 0xFFFF, bh = b >> 16;
  uint32_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
  uint32_t mid = (ll >> 16) + (lh & 0xFFFF) + (hl & 0xFFFF);
  return make64(hh + (lh >> 16) + (hl >> 16) + (mid >> 16),
                (ll & 0xFFFF) | (mid << 16));
}

uint64_t __aeabi_lmul(uint64_t a, uint64_t b) {
  uint32_t al = (uint32_t)a, ah = (uint32_t)(a >> 32);
  uint32_t bl = (uint32_t)b, bh = (uint32_t)(b >> 32);
  uint64_t p = umul32x32(al, bl);
  return p + make64(al * bh + ah * bl, 0);
}

/* Shift counts are 0..63 (larger counts are undefined in C and never emitted).
 */
uint64_t __aeabi_llsl(uint64_t x, int n) {
  uint32_t lo = (uint32_t)x, hi = (uint32_t)(x >> 32);
  if (n >= 32)
    return make64(lo << (n - 32), 0);
  if (n == 0)
    return x;
  return make64((hi << n) | (lo >> (32 - n)), lo << n);
}

uint64_t __aeabi_llsr(uint64_t x, int n) {
  uint32_t lo = (uint32_t)x, hi = (uint32_t)(x >> 32);
  if (n >= 32)
    return hi >> (n - 32);
  if (n == 0)
    return x;
  return make64(hi >> n, (lo >> n) | (hi << (32 - n)));
}

int64_t __aeabi_lasr(int64_t x, int n) {
  uint32_t lo = (uint32_t)x;
  int32_t hi = (int32_t)((uint64_t)x >> 32);
  if (n >= 32)
    return (int64_t)make64((uint32_t)(hi >> 31), (uint32_t)(hi >> (n - 32)));
  if (n == 0)
    return x;
  return (int64_t)make64((uint32_t)(hi >> n),
                         (lo >> n) | ((uint32_t)hi << (32 - n)));
}
#endif

#if !defined(__arm__) /* libgcc names (RISC-V) */

uint64_t __udivdi3(uint64_t n, uint64_t d) {
  uint64_t r;
  return mcuq_udivmod64(n, d, &r);
}

uint64_t __umoddi3(uint64_t n, uint64_t d) {
  uint64_t r;
  mcuq_udivmod64(n, d, &r);
  return r;
}

int64_t __divdi3(int64_t n, int64_t d) {
  int64_t r;
  return mcuq_divmod64(n, d, &r);
}

int64_t __moddi3(int64_t n, int64_t d) {
  int64_t r;
  mcuq_divmod64(n, d, &r);
  return r;
}

#endif
