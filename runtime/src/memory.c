/* memcpy, memmove, memset and their Arm run-time ABI entry points.
 *
 * Must be compiled with -fno-builtin (GCC: also
 * -fno-tree-loop-distribute-patterns) so that the copy loops are not turned
 * back into calls to these functions. Word loops are used when the pointers
 * allow it; on cores that allow unaligned word accesses
 * (__ARM_FEATURE_UNALIGNED: Armv7-M and later) only the destination needs
 * aligning.
 */
#include <mcuq/runtime.h>
#include <stdint.h>

typedef uint32_t __attribute__((may_alias)) word_t;
#if defined(__ARM_FEATURE_UNALIGNED)
typedef uint32_t __attribute__((may_alias, aligned(1))) src_word_t;
#define CAN_USE_WORDS(d, s) 1
#else
typedef word_t src_word_t;
#define CAN_USE_WORDS(d, s) (((uintptr_t)(d) ^ (uintptr_t)(s)) & 3) == 0
#endif

/* Armv7-M/Armv8-M Mainline without MVE: LDM/STM move 32 bytes in four
 * instructions (clang emits single LDR/STRDs for the C loop). With MVE, clang
 * vectorises the C loops instead. Armv6-M gets LDM/STM from the C loop. */
#if (defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__) ||                  \
     defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)) &&      \
    !defined(__ARM_FEATURE_MVE)
#define USE_LDM 1
#endif

/* The loops are unrolled by hand as far as pays off; more only costs flash. */
#if defined(__clang__)
#define NO_UNROLL _Pragma("clang loop unroll(disable)")
#elif defined(__GNUC__)
#define NO_UNROLL _Pragma("GCC unroll 1")
#else
#define NO_UNROLL
#endif

/* Also used by memmove for overlapping buffers with dst < src: the copy runs
 * forwards and reads every word before anything at or above it is written.
 * (No restrict here, so the compiler cannot reorder that.) */
__attribute__((noinline)) void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  if (n >= 8 && CAN_USE_WORDS(d, s)) {
    word_t *dw;
    const src_word_t *sw;
    NO_UNROLL
    while ((uintptr_t)d & 3) {
      *d++ = *s++;
      --n;
    }
#if defined(USE_LDM)
    if (n >= 32 && ((uintptr_t)s & 3) == 0) {
      __asm__ volatile("sub %[n], %[n], #32\n"
                       "1:\n"
                       "ldmia %[s]!, {r3, r4, r5, r6, r8, r9, r10, r12}\n"
                       "subs %[n], %[n], #32\n"
                       "stmia %[d]!, {r3, r4, r5, r6, r8, r9, r10, r12}\n"
                       "bhs 1b\n"
                       "add %[n], %[n], #32\n"
                       : [d] "+r"(d), [s] "+r"(s), [n] "+r"(n)
                       :
                       : "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r12", "cc",
                         "memory");
    }
#endif
    dw = (word_t *)d;
    sw = (const src_word_t *)s;
    NO_UNROLL
    for (; n >= 16; n -= 16) {
      uint32_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];
      dw[0] = a;
      dw[1] = b;
      dw[2] = c;
      dw[3] = e;
      dw += 4;
      sw += 4;
    }
    NO_UNROLL
    for (; n >= 4; n -= 4)
      *dw++ = *sw++;
    d = (unsigned char *)dw;
    s = (const unsigned char *)sw;
  }
  NO_UNROLL
  while (n--)
    *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  if ((uintptr_t)d - (uintptr_t)s >= n) {
    /* dst below src, or no overlap. */
    return memcpy(dst, src, n);
  }
  d += n;
  s += n;
  if (n >= 8 && CAN_USE_WORDS(d, s)) {
    word_t *dw;
    const src_word_t *sw;
    NO_UNROLL
    while ((uintptr_t)d & 3) {
      *--d = *--s;
      --n;
    }
    dw = (word_t *)d;
    sw = (const src_word_t *)s;
    NO_UNROLL
    for (; n >= 16; n -= 16) {
      uint32_t a = sw[-1], b = sw[-2], c = sw[-3], e = sw[-4];
      dw[-1] = a;
      dw[-2] = b;
      dw[-3] = c;
      dw[-4] = e;
      dw -= 4;
      sw -= 4;
    }
    NO_UNROLL
    for (; n >= 4; n -= 4)
      *--dw = *--sw;
    d = (unsigned char *)dw;
    s = (const unsigned char *)sw;
  }
  NO_UNROLL
  while (n--)
    *--d = *--s;
  return dst;
}

__attribute__((noinline)) void *memset(void *dst, int c, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  if (n >= 8) {
    uint32_t w = (unsigned char)c * 0x01010101u;
    word_t *dw;
    NO_UNROLL
    while ((uintptr_t)d & 3) {
      *d++ = (unsigned char)c;
      --n;
    }
#if defined(USE_LDM)
    if (n >= 32) {
      __asm__ volatile("mov r3, %[w]\n"
                       "mov r4, %[w]\n"
                       "mov r5, %[w]\n"
                       "mov r6, %[w]\n"
                       "sub %[n], %[n], #32\n"
                       "1:\n"
                       "stmia %[d]!, {r3, r4, r5, r6}\n"
                       "subs %[n], %[n], #32\n"
                       "stmia %[d]!, {r3, r4, r5, r6}\n"
                       "bhs 1b\n"
                       "add %[n], %[n], #32\n"
                       : [d] "+r"(d), [n] "+r"(n)
                       : [w] "r"(w)
                       : "r3", "r4", "r5", "r6", "cc", "memory");
    }
#endif
    dw = (word_t *)d;
    NO_UNROLL
    for (; n >= 16; n -= 16) {
      dw[0] = w;
      dw[1] = w;
      dw[2] = w;
      dw[3] = w;
      dw += 4;
    }
    NO_UNROLL
    for (; n >= 4; n -= 4)
      *dw++ = w;
    d = (unsigned char *)dw;
  }
  NO_UNROLL
  while (n--)
    *d++ = (unsigned char)c;
  return dst;
}

#if defined(__arm__)
/* Run-time ABI for the Arm architecture, section 4.3.4. The aligned variants
 * only promise alignment; sharing the generic code costs a few instructions
 * per call and keeps the library small. */
void __aeabi_memcpy(void *dst, const void *src, size_t n)
    __attribute__((alias("memcpy")));
void __aeabi_memcpy4(void *dst, const void *src, size_t n)
    __attribute__((alias("memcpy")));
void __aeabi_memcpy8(void *dst, const void *src, size_t n)
    __attribute__((alias("memcpy")));
void __aeabi_memmove(void *dst, const void *src, size_t n)
    __attribute__((alias("memmove")));
void __aeabi_memmove4(void *dst, const void *src, size_t n)
    __attribute__((alias("memmove")));
void __aeabi_memmove8(void *dst, const void *src, size_t n)
    __attribute__((alias("memmove")));

/* Note the argument order: (dst, n, c). */
void __aeabi_memset(void *dst, size_t n, int c) { memset(dst, c, n); }
void __aeabi_memset4(void *dst, size_t n, int c)
    __attribute__((alias("__aeabi_memset")));
void __aeabi_memset8(void *dst, size_t n, int c)
    __attribute__((alias("__aeabi_memset")));
void __aeabi_memclr(void *dst, size_t n) { memset(dst, 0, n); }
void __aeabi_memclr4(void *dst, size_t n)
    __attribute__((alias("__aeabi_memclr")));
void __aeabi_memclr8(void *dst, size_t n)
    __attribute__((alias("__aeabi_memclr")));
#endif
