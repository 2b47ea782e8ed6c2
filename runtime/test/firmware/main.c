/* Uses memcpy/memset and 64-bit division, which the compiler turns into calls
 * to the runtime (__aeabi_uldivmod on Arm, __udivdi3 on RISC-V). */
#include "semihost.h"
#include <mcuq/runtime.h>
#include <stdint.h>

static volatile uint64_t g_den = 1000003u;

int main(void) {
  static unsigned char a[100], b[100];
  uint64_t n = 0x0123456789ABCDEFull;
  memset(a, 0x5A, sizeof(a));
  memcpy(b, a, sizeof(b));
  if (b[99] != 0x5A || n / g_den != 81985529216486895ull / 1000003u ||
      n % g_den != 81985529216486895ull % 1000003u) {
    mcuq_sh_write0("firmware: FAILED\n");
    return 1;
  }
  mcuq_sh_write0("firmware: ok\n");
  return 0;
}
