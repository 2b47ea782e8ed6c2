/* Semihosting for bare-metal programs under QEMU (Arm and RISC-V).
 *
 * Both architectures use the Arm semihosting operation numbers; only the trap
 * differs (Arm: `bkpt 0xab`; RISC-V: the uncompressed, 16-byte aligned
 * `slli x0,x0,0x1f; ebreak; srai x0,x0,7` sequence). QEMU needs `-semihosting`
 * (or `-semihosting-config enable=on,...`). Paths are relative to QEMU's
 * working directory.
 */
#ifndef MCUQ_QEMU_SEMIHOST_H
#define MCUQ_QEMU_SEMIHOST_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
  MCUQ_SH_OPEN = 0x01,
  MCUQ_SH_CLOSE = 0x02,
  MCUQ_SH_WRITE0 = 0x04,
  MCUQ_SH_WRITE = 0x05,
  MCUQ_SH_READ = 0x06,
  MCUQ_SH_FLEN = 0x0C,
  MCUQ_SH_GET_CMDLINE = 0x15,
  MCUQ_SH_EXIT = 0x18,
  MCUQ_SH_EXIT_EXTENDED = 0x20,
};

/* SYS_OPEN modes (ISO C fopen equivalents). */
enum { MCUQ_SH_MODE_RB = 1, MCUQ_SH_MODE_WB = 5 };

/* Raw trap: operation in r0/a0, parameter block pointer in r1/a1. */
long mcuq_sh_call(long op, void *arg);

void mcuq_sh_write0(const char *s);
/* Returns a handle, or -1. */
long mcuq_sh_open(const char *path, int mode);
long mcuq_sh_close(long fd);
/* Both return the number of bytes NOT transferred (0 on success). */
unsigned long mcuq_sh_read(long fd, void *buf, unsigned long n);
unsigned long mcuq_sh_write(long fd, const void *buf, unsigned long n);
/* File length in bytes, or -1. */
long mcuq_sh_flen(long fd);
/* Copies the command line (NUL-terminated) into buf; returns 0 on success. */
long mcuq_sh_get_cmdline(char *buf, unsigned long size);
/* Ends the QEMU process with this exit status (SYS_EXIT_EXTENDED). */
void mcuq_sh_exit(int code) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif
