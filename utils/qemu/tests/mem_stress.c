/* Test kernel for memcpy, memmove, memset and the __aeabi_mem* entry points.
 *   input0:  initial contents of a 4096-byte buffer
 *   input1:  OPS records of 8 bytes: op, value, dst (u16), src (u16), len (u16)
 *   output0: the buffer after applying every record in order
 * op: 0 memcpy (non-overlapping), 1 memmove, 2 memset, 3 memclr-style memset 0;
 *     on Arm, 4..7 call __aeabi_memcpy/memmove/memset/memclr and 8..11 their
 *     4-byte aligned variants (operands are then aligned by the generator). */
#include "harness.h"
#include <mcuq/runtime.h>
#include <stdint.h>

enum { BUF = 4096, OPS = 512 };

#if defined(__arm__)
void __aeabi_memcpy(void *, const void *, size_t);
void __aeabi_memmove(void *, const void *, size_t);
void __aeabi_memset(void *, size_t, int);
void __aeabi_memclr(void *, size_t);
void __aeabi_memcpy4(void *, const void *, size_t);
void __aeabi_memmove4(void *, const void *, size_t);
void __aeabi_memset4(void *, size_t, int);
void __aeabi_memclr4(void *, size_t);
void __aeabi_memcpy8(void *, const void *, size_t);
void __aeabi_memmove8(void *, const void *, size_t);
void __aeabi_memset8(void *, size_t, int);
void __aeabi_memclr8(void *, size_t);
#endif

static int invoke(const void *const *inputs, void *const *outputs, void *arena,
                  void *state) {
  const unsigned char *init = (const unsigned char *)inputs[0];
  const unsigned char *ops = (const unsigned char *)inputs[1];
  unsigned char *buf = (unsigned char *)outputs[0];
  (void)arena;
  (void)state;
  memcpy(buf, init, BUF);
  for (int i = 0; i < OPS; ++i, ops += 8) {
    unsigned op = ops[0], v = ops[1];
    unsigned char *d = buf + (ops[2] | ops[3] << 8);
    const unsigned char *s = buf + (ops[4] | ops[5] << 8);
    size_t n = ops[6] | ops[7] << 8;
    void *r = d;
    switch (op) {
    case 0:
      r = memcpy(d, s, n);
      break;
    case 1:
      r = memmove(d, s, n);
      break;
    case 2: /* only the low byte of the value counts */
      r = memset(d, (int)(v | 0x100), n);
      break;
    case 3:
      r = memset(d, 0, n);
      break;
#if defined(__arm__)
    case 4:
      __aeabi_memcpy(d, s, n);
      break;
    case 5:
      __aeabi_memmove(d, s, n);
      break;
    case 6:
      __aeabi_memset(d, n, (int)v);
      break;
    case 7:
      __aeabi_memclr(d, n);
      break;
    case 8:
      __aeabi_memcpy4(d, s, n);
      break;
    case 9:
      __aeabi_memmove4(d, s, n);
      break;
    case 10:
      __aeabi_memset4(d, n, (int)v);
      break;
    case 11:
      __aeabi_memclr4(d, n);
      break;
    case 12:
      __aeabi_memcpy8(d, s, n);
      break;
    case 13:
      __aeabi_memmove8(d, s, n);
      break;
    case 14:
      __aeabi_memset8(d, n, (int)v);
      break;
    case 15:
      __aeabi_memclr8(d, n);
      break;
#endif
    default:
      return 2;
    }
    if (r != d)
      return 3;
  }
  return 0;
}

static const unsigned input_sizes[] = {BUF, OPS * 8};
static const unsigned output_sizes[] = {BUF};

const mcuq_harness_model_t mcuq_harness_model = {
    2, 1, input_sizes, output_sizes, 0, 0, 0, invoke,
};
