/* Start-up code for rv32 (QEMU `virt`, `-bios none`): the ELF entry point runs
 * in M-mode on hart 0 with no firmware. Sets gp/sp and a trap vector that
 * reports and exits, copies .data, zeroes .bss, runs main(). */
#include "semihost.h"

extern unsigned long __mcuq_data_load[], __mcuq_data_start[], __mcuq_data_end[];
extern unsigned long __mcuq_bss_start[], __mcuq_bss_end[];

int main(void);

__asm__(".section .text.mcuq_start,\"ax\",@progbits\n"
        ".globl mcuq_reset_handler\n"
        "mcuq_reset_handler:\n"
        ".option push\n"
        ".option norelax\n"
        "  la gp, __global_pointer$\n"
        ".option pop\n"
        "  la sp, __mcuq_stack_top\n"
        "  la t0, mcuq_trap_entry\n"
        "  csrw mtvec, t0\n"
        "  call mcuq_cstart\n"
        "1: j 1b\n"
        ".balign 4\n"
        "mcuq_trap_entry:\n"
        "  csrr a0, mcause\n"
        "  csrr a1, mepc\n"
        "  csrr a2, mtval\n"
        "  la sp, __mcuq_stack_top\n"
        "  call mcuq_trap_report\n");

__attribute__((used, noreturn)) void mcuq_cstart(void) {
  unsigned long *src = __mcuq_data_load, *dst = __mcuq_data_start;
  if (src != dst)
    while (dst < __mcuq_data_end)
      *dst++ = *src++;
  for (dst = __mcuq_bss_start; dst < __mcuq_bss_end;)
    *dst++ = 0;
  mcuq_sh_exit(main());
}

static char *put_str(char *p, const char *s) {
  while (*s)
    *p++ = *s++;
  return p;
}

static char *put_hex(char *p, unsigned long v) {
  int i;
  *p++ = '0';
  *p++ = 'x';
  for (i = 28; i >= 0; i -= 4)
    *p++ = "0123456789abcdef"[(v >> i) & 0xF];
  return p;
}

__attribute__((used, noreturn)) void mcuq_trap_report(unsigned long mcause,
                                                      unsigned long mepc,
                                                      unsigned long mtval) {
  char line[128], *p = line;
  p = put_str(p, "MCUQ fault mcause=");
  p = put_hex(p, mcause);
  p = put_str(p, " pc=");
  p = put_hex(p, mepc);
  p = put_str(p, " mtval=");
  p = put_hex(p, mtval);
  *p++ = '\n';
  *p = 0;
  mcuq_sh_write0(line);
  mcuq_sh_exit(6);
}
