/* mcuq runtime: the freestanding support code that mcuq-generated objects
 * link against on Cortex-M and RISC-V (no libc, no compiler-rt).
 *
 * What it provides:
 *  - memcpy, memmove, memset (ISO C semantics);
 *  - Arm: the run-time ABI helpers code generators call (__aeabi_memcpy/4/8,
 *    __aeabi_memmove/4/8, __aeabi_memset/4/8, __aeabi_memclr/4/8; integer
 *    division __aeabi_[u]idiv[mod], __aeabi_[u]ldivmod; on Armv6-M also
 *    __aeabi_lmul, __aeabi_llsl, __aeabi_llsr, __aeabi_lasr) and __clzsi2;
 *  - RISC-V: __udivdi3, __umoddi3, __divdi3, __moddi3 and __clzsi2;
 *  - single-precision float where there is no FPU (correctly rounded IEEE
 *    754): Arm __aeabi_fmul, __aeabi_fdiv, __aeabi_i2f, __aeabi_f2iz; RISC-V
 *    __mulsf3, __divsf3, __floatsisf, __fixsfsi; everywhere roundf,
 *    fmaximumf, fminimumf (weak, so a C library may provide them instead).
 * These helpers are not declared here: the compiler calls them by name.
 *
 * Division by zero does what the target's own divide instruction does, so code
 * behaves the same with and without a hardware divider: Arm quotient 0, RISC-V
 * quotient all ones (-1); the remainder is the dividend on both. The most
 * negative value divided by -1 gives itself, remainder 0.
 *
 * Build with -ffunction-sections and link with --gc-sections: each helper sits
 * in its own section and costs flash only where it is used.
 */
#ifndef MCUQ_RUNTIME_H
#define MCUQ_RUNTIME_H

#include <stddef.h>

#define MCUQ_RUNTIME_VERSION_MAJOR 0
#define MCUQ_RUNTIME_VERSION_MINOR 1

#ifdef __cplusplus
extern "C" {
#endif

void *memcpy(void *__restrict dst, const void *__restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

#ifdef __cplusplus
}
#endif

#endif
