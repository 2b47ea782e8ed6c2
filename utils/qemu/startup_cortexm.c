/* Start-up code for Cortex-M under QEMU: vector table, reset handler, fault
 * reporting. Works for Armv6-M, Armv7-M, Armv8-M Mainline and Armv8.1-M.
 *
 * Reset order matters: on cores with an FPU or MVE, CPACR must grant CP10/CP11
 * before the first FP/MVE instruction (clang vectorises plain C loops with MVE
 * on cortex-m55, and the .data/.bss loops below are such loops), so the enable
 * is done in assembly before any C runs.
 */
#include "semihost.h"

extern unsigned long __mcuq_data_load[], __mcuq_data_start[], __mcuq_data_end[];
extern unsigned long __mcuq_bss_start[], __mcuq_bss_end[];
extern unsigned long __mcuq_stack_top[], __mcuq_stack_limit[];

int main(void);
void mcuq_reset_handler(void);
void mcuq_fault_handler(void);
void mcuq_systick_handler(void)
    __attribute__((weak, alias("mcuq_fault_handler")));

typedef void (*mcuq_vector_t)(void);

/* 16 system vectors; no peripheral interrupt is ever enabled. */
__attribute__((section(".vectors"), used))
const mcuq_vector_t mcuq_vectors[16] = {
    (mcuq_vector_t)__mcuq_stack_top,
    mcuq_reset_handler,
    mcuq_fault_handler, /* NMI */
    mcuq_fault_handler, /* HardFault */
    mcuq_fault_handler, /* MemManage */
    mcuq_fault_handler, /* BusFault */
    mcuq_fault_handler, /* UsageFault */
    mcuq_fault_handler, /* SecureFault (v8-M) */
    0,
    0,
    0,
    mcuq_fault_handler, /* SVCall */
    mcuq_fault_handler, /* DebugMonitor */
    0,
    mcuq_fault_handler, /* PendSV */
    mcuq_systick_handler,
};

__attribute__((used, noreturn)) void mcuq_cstart(void) {
  unsigned long *src = __mcuq_data_load, *dst = __mcuq_data_start;
  while (dst < __mcuq_data_end)
    *dst++ = *src++;
  for (dst = __mcuq_bss_start; dst < __mcuq_bss_end;)
    *dst++ = 0;
  mcuq_sh_exit(main());
}

__attribute__((naked, noreturn)) void mcuq_reset_handler(void) {
  __asm__ volatile(
#if !defined(__ARM_ARCH_6M__) && !defined(__ARM_ARCH_8M_BASE__)
      /* CPACR (0xE000ED88): full access to CP10 and CP11 (FPU and MVE).
       * Harmless on cores without an FPU (RAZ/WI). */
      "ldr r0, =0xE000ED88\n"
      "ldr r1, [r0]\n"
      "orr r1, r1, #(0xF << 20)\n"
      "str r1, [r0]\n"
      "dsb\n"
      "isb\n"
#endif
#if defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_8M_BASE__)
      /* Armv6-M code runs on a Cortex-M3 board (QEMU has no usable M0/M0+):
       * CCR.UNALIGN_TRP makes unaligned LDR/STR/LDRH/STRH fault as they do on
       * an M0+ (where the bit reads as one; writing it is harmless). */
      "ldr r0, =0xE000ED14\n"
      "ldr r1, [r0]\n"
      "movs r2, #8\n"
      "orrs r1, r2\n"
      "str r1, [r0]\n"
      "dsb\n"
      "isb\n"
#endif
#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
      /* Stack overflow into the data below the stack faults on v8-M. */
      "ldr r0, =__mcuq_stack_limit\n"
      "msr msplim, r0\n"
#endif
      "bl mcuq_cstart\n"
      ".ltorg\n");
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

__attribute__((used, noreturn)) void mcuq_fault_report(unsigned long *frame,
                                                       unsigned long ipsr) {
  char line[160], *p = line;
  p = put_str(p, "MCUQ fault exception=");
  p = put_hex(p, ipsr & 0x1FF);
  p = put_str(p, " pc=");
  p = put_hex(p, frame[6]);
  p = put_str(p, " lr=");
  p = put_hex(p, frame[5]);
#if !defined(__ARM_ARCH_6M__) && !defined(__ARM_ARCH_8M_BASE__)
  p = put_str(p, " cfsr=");
  p = put_hex(p, *(volatile unsigned long *)0xE000ED28);
  p = put_str(p, " hfsr=");
  p = put_hex(p, *(volatile unsigned long *)0xE000ED2C);
  p = put_str(p, " bfar=");
  p = put_hex(p, *(volatile unsigned long *)0xE000ED38);
#endif
  *p++ = '\n';
  *p = 0;
  mcuq_sh_write0(line);
  mcuq_sh_exit(6);
}

__attribute__((naked)) void mcuq_fault_handler(void) {
  /* The harness only runs on the main stack. A stack overflow leaves no room
   * for a frame: report with the limit as stack in that case. */
  __asm__ volatile("mrs r0, msp\n"
                   "mrs r1, ipsr\n"
                   "ldr r2, =__mcuq_stack_limit\n"
                   "cmp r0, r2\n"
                   "bhs 1f\n"
                   "mov r0, r2\n"
                   "mov sp, r0\n"
                   "1:\n"
                   "bl mcuq_fault_report\n"
                   ".ltorg\n");
}
