#include "semihost.h"

#if defined(__arm__)
long mcuq_sh_call(long op, void *arg) {
  register long r0 __asm__("r0") = op;
  register void *r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}
#elif defined(__riscv)
/* QEMU recognises the trap only as this exact uncompressed sequence, and
 * reads the neighbouring words, so it must not straddle a page: align 16. */
__asm__(".section .text.mcuq_sh_call,\"ax\",@progbits\n"
        ".globl mcuq_sh_call\n"
        ".type mcuq_sh_call, @function\n"
        ".option push\n"
        ".option norvc\n"
        ".option norelax\n"
        ".balign 16\n"
        "mcuq_sh_call:\n"
        "  slli x0, x0, 0x1f\n"
        "  ebreak\n"
        "  srai x0, x0, 7\n"
        "  ret\n"
        ".option pop\n"
        ".size mcuq_sh_call, .-mcuq_sh_call\n");
#else
#error "semihost.c: unsupported architecture"
#endif

void mcuq_sh_write0(const char *s) { mcuq_sh_call(MCUQ_SH_WRITE0, (void *)s); }

static unsigned long sh_strlen(const char *s) {
  unsigned long n = 0;
  while (s[n])
    ++n;
  return n;
}

long mcuq_sh_open(const char *path, int mode) {
  long block[3] = {(long)path, mode, (long)sh_strlen(path)};
  return mcuq_sh_call(MCUQ_SH_OPEN, block);
}

long mcuq_sh_close(long fd) {
  long block[1] = {fd};
  return mcuq_sh_call(MCUQ_SH_CLOSE, block);
}

unsigned long mcuq_sh_read(long fd, void *buf, unsigned long n) {
  long block[3] = {fd, (long)buf, (long)n};
  return (unsigned long)mcuq_sh_call(MCUQ_SH_READ, block);
}

unsigned long mcuq_sh_write(long fd, const void *buf, unsigned long n) {
  long block[3] = {fd, (long)buf, (long)n};
  return (unsigned long)mcuq_sh_call(MCUQ_SH_WRITE, block);
}

long mcuq_sh_flen(long fd) {
  long block[1] = {fd};
  return mcuq_sh_call(MCUQ_SH_FLEN, block);
}

long mcuq_sh_get_cmdline(char *buf, unsigned long size) {
  long block[2] = {(long)buf, (long)size};
  return mcuq_sh_call(MCUQ_SH_GET_CMDLINE, block);
}

void mcuq_sh_exit(int code) {
  /* ADP_Stopped_ApplicationExit with a subcode: QEMU exits with `code`. */
  long block[2] = {0x20026, code};
  for (;;)
    mcuq_sh_call(MCUQ_SH_EXIT_EXTENDED, block);
}
