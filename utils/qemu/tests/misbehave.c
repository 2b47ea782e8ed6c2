/* Test kernel that breaks the harness contract on request, to test that the
 * harness notices. input0: 4 bytes, byte 0 selects what to do:
 *   0 behave        1 write one byte past the arena   2 write one byte before
 * the arena 3 modify input  4 write one byte past the state   5 write past
 * output0 6 return 5      7 fault (trap instruction)        8 use ~4 KiB of
 * stack 9 long loop: byte 1..3 = n (little-endian), exactly 2n + 4 instructions
 * (n >= 1) 10 unaligned 32-bit load: faults on Armv6-M (the start-up code sets
 * CCR.UNALIGN_TRP on the Cortex-M3 stand-in), allowed on Armv7-M and later and
 * by QEMU's RISC-V output0: 4 bytes, a copy of input0. */
#include "harness.h"
#include <stdint.h>

enum { ARENA = 100, STATE = 12 };

int mcuq_test_loop(const void *const *inputs, void *const *outputs, void *arena,
                   void *state);
#if defined(__arm__)
__asm__(".syntax unified\n"
        ".section .text.mcuq_test_loop,\"ax\",%progbits\n"
        ".globl mcuq_test_loop\n"
        ".type mcuq_test_loop, %function\n"
        ".thumb_func\n"
        "mcuq_test_loop:\n"
        "  ldr r0, [r0]\n"
        "  ldr r0, [r0]\n"
        "  lsrs r0, r0, #8\n"
        "1:\n"
        "  subs r0, #1\n"
        "  bne 1b\n"
        "  bx lr\n");
#else
__asm__(".section .text.mcuq_test_loop,\"ax\",@progbits\n"
        ".globl mcuq_test_loop\n"
        "mcuq_test_loop:\n"
        "  lw a0, 0(a0)\n"
        "  lw a0, 0(a0)\n"
        "  srli a0, a0, 8\n"
        "1:\n"
        "  addi a0, a0, -1\n"
        "  bnez a0, 1b\n"
        "  ret\n");
#endif

__attribute__((noinline)) static int deep(volatile unsigned char *p,
                                          int depth) {
  volatile unsigned char local[256];
  for (int i = 0; i < 256; ++i)
    local[i] = (unsigned char)(p[0] + i);
  return depth ? deep(local, depth - 1) + local[3] : local[7];
}

static int invoke(const void *const *inputs, void *const *outputs, void *arena,
                  void *state) {
  const unsigned char *in = (const unsigned char *)inputs[0];
  unsigned char *out = (unsigned char *)outputs[0];
  unsigned char *a = (unsigned char *)arena, *s = (unsigned char *)state;
  for (int i = 0; i < 4; ++i)
    out[i] = in[i];
  switch (in[0]) {
  case 1:
    a[ARENA] = 0;
    break;
  case 2:
    a[-1] = 0;
    break;
  case 3:
    ((unsigned char *)inputs[0])[3] ^= 1;
    break;
  case 4:
    s[STATE] = 0;
    break;
  case 5:
    out[4] = 0;
    break;
  case 6:
    return 5;
  case 7:
    __builtin_trap();
  case 8:
    out[1] = (unsigned char)deep(a, 15);
    break;
  case 9:
    return mcuq_test_loop(inputs, outputs, arena, state);
  case 10: {
    volatile uint32_t *p = (volatile uint32_t *)(a + 1);
    out[1] = (unsigned char)*p;
    break;
  }
  }
  return 0;
}

static const unsigned input_sizes[] = {4};
static const unsigned output_sizes[] = {4};

const mcuq_harness_model_t mcuq_harness_model = {
    1, 1, input_sizes, output_sizes, ARENA, 4, STATE, invoke,
};
