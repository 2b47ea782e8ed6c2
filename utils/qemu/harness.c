/* Harness for running one compiled model under QEMU; see README.md.
 *
 * Instruction counting: QEMU runs with `-icount shift=S` so that every guest
 * instruction advances virtual time by exactly 2^S ns. On Cortex-M boards a
 * timer driven by virtual time is read right before and right after the call
 * (in assembly, so the overhead is constant) and ticks are converted back to
 * instructions; this is exact while a tick is shorter than half an
 * instruction. On RISC-V, minstret counts instructions directly (shift 0).
 * The overhead is measured with a one-instruction function and subtracted;
 * a loop of known length checks the whole chain on every run.
 */
#include "harness.h"
#include "semihost.h"
#include <mcuq/runtime.h>
#include <stdint.h>

#ifndef MCUQ_ICOUNT_SHIFT
#if defined(__riscv)
#define MCUQ_ICOUNT_SHIFT 0
#else
#define MCUQ_ICOUNT_SHIFT 7
#endif
#endif

/* Board selection: -DMCUQ_BOARD_<NAME>, otherwise the default board of the
 * architecture. */
#if !defined(MCUQ_BOARD_MPS2) && !defined(MCUQ_BOARD_AN505) &&                 \
    !defined(MCUQ_BOARD_AN547) && !defined(MCUQ_BOARD_RISCV_VIRT)
#if defined(__riscv)
#define MCUQ_BOARD_RISCV_VIRT 1
#elif defined(__ARM_ARCH_8_1M_MAIN__)
#define MCUQ_BOARD_AN547 1
#elif defined(__ARM_ARCH_8M_MAIN__)
#define MCUQ_BOARD_AN505 1
#else
#define MCUQ_BOARD_MPS2 1
#endif
#endif

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))

#if defined(MCUQ_BOARD_MPS2) || defined(MCUQ_BOARD_AN505)
/* CMSDK APB timer 0: 32-bit down-counter clocked by the board's main clock.
 * an505: Secure alias of the SSE-200 timer 0. */
#if defined(MCUQ_BOARD_AN505)
#define TIMER_BASE 0x50000000u
#define COUNTER_HZ 20000000u
#else
#define TIMER_BASE 0x40000000u
#define COUNTER_HZ 25000000u
#endif
#define COUNTER_ADDR (TIMER_BASE + 4u) /* VALUE */
#define COUNTER_DOWN 1
static void counter_init(void) {
  REG32(TIMER_BASE + 0x0) = 0;           /* CTRL: stop */
  REG32(TIMER_BASE + 0x8) = 0xFFFFFFFFu; /* RELOAD */
  REG32(TIMER_BASE + 0x4) = 0xFFFFFFFFu; /* VALUE */
  REG32(TIMER_BASE + 0x0) = 1;           /* CTRL: enable, no interrupt */
}
#elif defined(MCUQ_BOARD_AN547)
/* SSE-300 system timer 0 (Secure alias): low word of the 64-bit CNTPCT, fed by
 * the system counter at 32 MHz once the counter is enabled (CNTCR.EN). */
#define COUNTER_ADDR 0x58000000u
#define COUNTER_HZ 32000000u
#define COUNTER_DOWN 0
static void counter_init(void) { REG32(0x58100000u) |= 1u; }
#elif defined(MCUQ_BOARD_RISCV_VIRT)
#define COUNTER_ADDR 0u /* minstret */
#define COUNTER_HZ 0u
#define COUNTER_DOWN 0
static void counter_init(void) {}
#endif

/* Layout shared with the assembly below. */
typedef struct {
  int (*fn)(const void *const *, void *const *, void *, void *); /* 0 */
  const void *const *a0;                                         /* 4 */
  void *const *a1;                                               /* 8 */
  void *a2;                                                      /* 12 */
  void *a3;                                                      /* 16 */
  uintptr_t counter;                                             /* 20 */
  uint32_t t0, t1;                                               /* 24, 28 */
  int32_t ret;                                                   /* 32 */
  uintptr_t sp;    /* 36: sp at the call */
  uintptr_t paint; /* 40: if set, fill [paint, sp) first */
} call_frame_t;

void mcuq_count_call(call_frame_t *frame);
int mcuq_count_null(const void *const *, void *const *, void *, void *);
int mcuq_count_probe(const void *const *, void *const *, void *, void *);
#define PROBE_INSTRUCTIONS 202u

#if defined(__arm__)
__asm__(".syntax unified\n"
        ".section .text.mcuq_count_call,\"ax\",%progbits\n"
        ".globl mcuq_count_call\n"
        ".type mcuq_count_call, %function\n"
        ".thumb_func\n"
        "mcuq_count_call:\n"
        "  push {r4, r5, r6, r7, lr}\n"
        "  mov r4, r0\n"
        "  ldr r0, [r4, #40]\n"
        "  cmp r0, #0\n"
        "  beq 2f\n"
        "  ldr r1, =0xC5C5C5C5\n" /* STACK_PAINT */
        "  mov r2, sp\n"
        "1:\n"
        "  cmp r0, r2\n"
        "  bhs 2f\n"
        "  stmia r0!, {r1}\n"
        "  b 1b\n"
        "2:\n"
        "  mov r6, sp\n"
        "  str r6, [r4, #36]\n"
        "  ldr r5, [r4, #20]\n"
        "  ldr r7, [r4, #0]\n"
        "  ldr r0, [r4, #4]\n"
        "  ldr r1, [r4, #8]\n"
        "  ldr r2, [r4, #12]\n"
        "  ldr r3, [r4, #16]\n"
        "  ldr r6, [r5]\n" /* t0 */
        "  blx r7\n"
        ".globl mcuq_count_return\n" /* for trace cross-checks */
        "mcuq_count_return:\n"
        "  ldr r1, [r5]\n" /* t1 */
        "  str r6, [r4, #24]\n"
        "  str r1, [r4, #28]\n"
        "  str r0, [r4, #32]\n"
        "  pop {r4, r5, r6, r7, pc}\n"
        ".ltorg\n"
        ".size mcuq_count_call, .-mcuq_count_call\n"
        ".globl mcuq_count_null\n"
        ".type mcuq_count_null, %function\n"
        ".thumb_func\n"
        "mcuq_count_null:\n"
        "  bx lr\n"
        ".size mcuq_count_null, .-mcuq_count_null\n"
        ".globl mcuq_count_probe\n"
        ".type mcuq_count_probe, %function\n"
        ".thumb_func\n"
        "mcuq_count_probe:\n" /* 1 + 100 * 2 + 1 instructions */
        "  movs r0, #100\n"
        "1:\n"
        "  subs r0, #1\n"
        "  bne 1b\n"
        "  bx lr\n"
        ".size mcuq_count_probe, .-mcuq_count_probe\n");
#elif defined(__riscv)
__asm__(".section .text.mcuq_count_call,\"ax\",@progbits\n"
        ".globl mcuq_count_call\n"
        ".type mcuq_count_call, @function\n"
        "mcuq_count_call:\n"
        "  addi sp, sp, -16\n"
        "  sw ra, 12(sp)\n"
        "  sw s0, 8(sp)\n"
        "  sw s1, 4(sp)\n"
        "  mv s0, a0\n"
        "  lw t0, 0(s0)\n"
        "  lw a0, 4(s0)\n"
        "  lw a1, 8(s0)\n"
        "  lw a2, 12(s0)\n"
        "  lw a3, 16(s0)\n"
        "  lw t1, 40(s0)\n"
        "  beqz t1, 2f\n"
        "  li t2, 0xC5C5C5C5\n" /* STACK_PAINT */
        "1:\n"
        "  bgeu t1, sp, 2f\n"
        "  sw t2, 0(t1)\n"
        "  addi t1, t1, 4\n"
        "  j 1b\n"
        "2:\n"
        "  sw sp, 36(s0)\n"
        "  csrr s1, minstret\n"
        "  jalr t0\n"
        ".globl mcuq_count_return\n" /* for trace cross-checks */
        "mcuq_count_return:\n"
        "  csrr t1, minstret\n"
        "  sw s1, 24(s0)\n"
        "  sw t1, 28(s0)\n"
        "  sw a0, 32(s0)\n"
        "  lw s1, 4(sp)\n"
        "  lw s0, 8(sp)\n"
        "  lw ra, 12(sp)\n"
        "  addi sp, sp, 16\n"
        "  ret\n"
        ".size mcuq_count_call, .-mcuq_count_call\n"
        ".globl mcuq_count_null\n"
        ".type mcuq_count_null, @function\n"
        "mcuq_count_null:\n"
        "  ret\n"
        ".size mcuq_count_null, .-mcuq_count_null\n"
        ".globl mcuq_count_probe\n"
        ".type mcuq_count_probe, @function\n"
        "mcuq_count_probe:\n" /* 1 + 100 * 2 + 1 instructions */
        "  li a0, 100\n"
        "1:\n"
        "  addi a0, a0, -1\n"
        "  bnez a0, 1b\n"
        "  ret\n"
        ".size mcuq_count_probe, .-mcuq_count_probe\n");
#endif

static uintptr_t g_call_sp;

/* Instructions between the two counter reads of mcuq_count_call. */
static uintptr_t g_paint;

static uint64_t raw_count(int (*fn)(const void *const *, void *const *, void *,
                                    void *),
                          const void *const *a0, void *const *a1, void *a2,
                          void *a3, int *ret) {
  call_frame_t f;
  uint32_t ticks;
  f.fn = fn;
  f.a0 = a0;
  f.a1 = a1;
  f.a2 = a2;
  f.a3 = a3;
  f.counter = COUNTER_ADDR;
  f.paint = g_paint;
  g_paint = 0;
  mcuq_count_call(&f);
  if (ret)
    *ret = f.ret;
  g_call_sp = f.sp;
  ticks = COUNTER_DOWN ? f.t0 - f.t1 : f.t1 - f.t0;
#if COUNTER_HZ
  {
    /* instructions = ticks / (f_clk * 2^shift / 1e9), rounded */
    const uint64_t per = (uint64_t)COUNTER_HZ << MCUQ_ICOUNT_SHIFT;
    return ((uint64_t)ticks * 1000000000u + per / 2) / per;
  }
#else
  return (uint64_t)ticks >> MCUQ_ICOUNT_SHIFT;
#endif
}

static uint64_t g_null_count;
static int g_counter_ok;

static void counter_calibrate(void) {
  uint64_t probe, null2;
  counter_init();
  g_null_count = raw_count(mcuq_count_null, 0, 0, 0, 0, 0);
  probe = raw_count(mcuq_count_probe, 0, 0, 0, 0, 0);
  null2 = raw_count(mcuq_count_null, 0, 0, 0, 0, 0);
  g_counter_ok =
      null2 == g_null_count && probe - g_null_count + 1 == PROBE_INSTRUCTIONS;
}

unsigned long mcuq_count_instructions(int (*fn)(const void *const *,
                                                void *const *, void *, void *),
                                      const void *const *a0, void *const *a1,
                                      void *a2, void *a3, int *ret) {
  uint64_t n = raw_count(fn, a0, a1, a2, a3, ret);
  if (!g_counter_ok)
    return (unsigned long)-1;
  return (unsigned long)(n - g_null_count + 1);
}

/* ---- output ---- */

static char g_line[256];
static unsigned g_len;

static void out_str(const char *s) {
  while (*s && g_len < sizeof(g_line) - 2)
    g_line[g_len++] = *s++;
}

static void out_u64(uint64_t v) {
  char t[21];
  int n = 0;
  do {
    uint32_t lo = (uint32_t)(v % 10u);
    t[n++] = (char)('0' + lo);
    v /= 10u;
  } while (v);
  while (n && g_len < sizeof(g_line) - 2)
    g_line[g_len++] = t[--n];
}

static void out_i32(int32_t v) {
  if (v < 0) {
    out_str("-");
    out_u64((uint64_t)(-(int64_t)v));
  } else {
    out_u64((uint64_t)v);
  }
}

static void out_hex(uint32_t v) {
  int i;
  out_str("0x");
  for (i = 28; i >= 0; i -= 4) {
    char c[2] = {"0123456789abcdef"[(v >> i) & 0xF], 0};
    out_str(c);
  }
}

static void out_kv(const char *key, uint64_t v) {
  out_str(" ");
  out_str(key);
  out_str("=");
  out_u64(v);
}

static void out_end(void) {
  g_line[g_len++] = '\n';
  g_line[g_len] = 0;
  mcuq_sh_write0(g_line);
  g_len = 0;
}

static void error(const char *what, const char *detail) {
  out_str("MCUQ error: ");
  out_str(what);
  if (detail) {
    out_str(" ");
    out_str(detail);
  }
  out_end();
}

/* ---- memory layout ---- */

extern unsigned char __mcuq_heap_start[], __mcuq_heap_end[];
extern uint32_t __mcuq_stack_limit[];

#define MAX_TENSORS 16
#define GUARD_BYTES 32u
#define STACK_PAINT 0xC5C5C5C5u

typedef struct {
  unsigned char *start, *end;
} range_t;

static uintptr_t g_heap;
static range_t g_guards[2 * MAX_TENSORS + 3];
static unsigned g_num_guards;

static unsigned char guard_byte(uintptr_t addr) {
  return (unsigned char)(0xA7u + 13u * (addr & 0xFFu));
}

/* Reserves size bytes at the given alignment, with guard bytes on both sides.
 */
static unsigned char *alloc(unsigned size, unsigned align) {
  uintptr_t guard = g_heap, p;
  if (align < 4)
    align = 4;
  p = (g_heap + GUARD_BYTES + align - 1) & ~(uintptr_t)(align - 1);
  if (p + size + GUARD_BYTES > (uintptr_t)__mcuq_heap_end || p + size < p)
    return 0;
  g_guards[g_num_guards].start = (unsigned char *)guard;
  g_guards[g_num_guards].end = (unsigned char *)p;
  ++g_num_guards;
  g_heap = p + size;
  return (unsigned char *)p;
}

static void close_guards(void) {
  /* Trailing guard after the last buffer; alloc() left room for it. */
  g_guards[g_num_guards].start = (unsigned char *)g_heap;
  g_guards[g_num_guards].end = (unsigned char *)(g_heap + GUARD_BYTES);
  ++g_num_guards;
  for (unsigned i = 0; i < g_num_guards; ++i)
    for (unsigned char *p = g_guards[i].start; p < g_guards[i].end; ++p)
      *p = guard_byte((uintptr_t)p);
}

static unsigned char *first_bad_guard(void) {
  for (unsigned i = 0; i < g_num_guards; ++i)
    for (unsigned char *p = g_guards[i].start; p < g_guards[i].end; ++p)
      if (*p != guard_byte((uintptr_t)p))
        return p;
  return 0;
}

static unsigned guard_index(const unsigned char *p) {
  unsigned i = 0;
  while (i + 1 < g_num_guards && p >= g_guards[i].end)
    ++i;
  return i;
}

/* Buffers in allocation order: arena, state, inputs, outputs. */
static void out_buffer_name(unsigned k) {
  const mcuq_harness_model_t *m = &mcuq_harness_model;
  if (k == (unsigned)-1) {
    out_str("start");
  } else if (k == 0) {
    out_str("arena");
  } else if (k == 1) {
    out_str("state");
  } else if (k < 2 + m->num_inputs) {
    out_str("input");
    out_u64(k - 2);
  } else if (k < 2 + m->num_inputs + m->num_outputs) {
    out_str("output");
    out_u64(k - 2 - m->num_inputs);
  } else {
    out_str("end");
  }
}

static uint32_t fnv1a(const unsigned char *p, unsigned n) {
  uint32_t h = 2166136261u;
  while (n--)
    h = (h ^ *p++) * 16777619u;
  return h;
}

static uint32_t *lowest_used_stack(void) {
  uint32_t *p = __mcuq_stack_limit;
  while (*p == STACK_PAINT)
    ++p;
  return p;
}

/* ---- command line ---- */

static char g_cmdline[1024];
static const char *g_in_files[MAX_TENSORS], *g_out_files[MAX_TENSORS];
static const char *g_out_prefix;
static unsigned g_num_in_files, g_num_out_files, g_runs = 1;
static int g_require_count = 1;

static int parse_cmdline(void) {
  char *p = g_cmdline, *tok[2 * MAX_TENSORS + 8];
  unsigned n = 0, i;
  if (mcuq_sh_get_cmdline(g_cmdline, sizeof(g_cmdline)) != 0)
    g_cmdline[0] = 0;
  while (*p && n < sizeof(tok) / sizeof(tok[0])) {
    while (*p == ' ')
      *p++ = 0;
    if (!*p)
      break;
    tok[n++] = p;
    while (*p && *p != ' ')
      ++p;
  }
  while (*p == ' ')
    *p++ = 0;
  /* tok[0] is the program (QEMU passes the kernel file name first). */
  for (i = 1; i < n; ++i) {
    const char *t = tok[i];
    if (t[0] == '-' && t[1] && !t[2] && t[1] != 'x' && i + 1 >= n) {
      error("missing value after", t);
      return 0;
    }
    if (t[0] != '-' || !t[1] || t[2]) {
      error("unknown argument", t);
      return 0;
    }
    switch (t[1]) {
    case 'i':
      if (g_num_in_files == MAX_TENSORS)
        return 0;
      g_in_files[g_num_in_files++] = tok[++i];
      break;
    case 'o':
      if (g_num_out_files == MAX_TENSORS)
        return 0;
      g_out_files[g_num_out_files++] = tok[++i];
      break;
    case 'p':
      g_out_prefix = tok[++i];
      break;
    case 'n': {
      const char *d = tok[++i];
      g_runs = 0;
      while (*d >= '0' && *d <= '9')
        g_runs = g_runs * 10u + (unsigned)(*d++ - '0');
      if (*d || g_runs == 0) {
        error("bad run count", tok[i]);
        return 0;
      }
      break;
    }
    case 'x':
      g_require_count = 0;
      break;
    default:
      error("unknown argument", t);
      return 0;
    }
  }
  return 1;
}

static int read_file(const char *path, unsigned char *buf, unsigned size) {
  long fd = mcuq_sh_open(path, MCUQ_SH_MODE_RB), len;
  if (fd < 0) {
    error("cannot open", path);
    return MCUQ_EXIT_IO;
  }
  len = mcuq_sh_flen(fd);
  if (len != (long)size) {
    mcuq_sh_close(fd);
    out_str("MCUQ error: ");
    out_str(path);
    out_kv("bytes", (uint64_t)(len < 0 ? 0 : len));
    out_kv("expected", size);
    out_end();
    return MCUQ_EXIT_USAGE;
  }
  if (mcuq_sh_read(fd, buf, size) != 0) {
    mcuq_sh_close(fd);
    error("cannot read", path);
    return MCUQ_EXIT_IO;
  }
  mcuq_sh_close(fd);
  return 0;
}

static int write_file(const char *path, const unsigned char *buf,
                      unsigned size) {
  long fd = mcuq_sh_open(path, MCUQ_SH_MODE_WB);
  if (fd < 0) {
    error("cannot create", path);
    return MCUQ_EXIT_IO;
  }
  if (mcuq_sh_write(fd, buf, size) != 0) {
    mcuq_sh_close(fd);
    error("cannot write", path);
    return MCUQ_EXIT_IO;
  }
  mcuq_sh_close(fd);
  return 0;
}

int main(void) {
  const mcuq_harness_model_t *m = &mcuq_harness_model;
  const void *inputs[MAX_TENSORS];
  void *outputs[MAX_TENSORS];
  uint32_t in_hash[MAX_TENSORS];
  unsigned char *arena, *state;
  unsigned i, run;
  unsigned long first_count = 0;
  int status = MCUQ_EXIT_OK, ret = 0;
  uintptr_t stack_used;
  uint32_t *low;
  unsigned char *bad;

  if (!parse_cmdline())
    return MCUQ_EXIT_USAGE;
  if (m->num_inputs > MAX_TENSORS || m->num_outputs > MAX_TENSORS) {
    error("too many tensors", 0);
    return MCUQ_EXIT_USAGE;
  }
  if (g_num_in_files > m->num_inputs || g_num_out_files > m->num_outputs) {
    error("more files than model inputs/outputs", 0);
    return MCUQ_EXIT_USAGE;
  }
  if (m->arena_align & (m->arena_align - 1)) {
    error("arena_align is not a power of two", 0);
    return MCUQ_EXIT_USAGE;
  }

  counter_calibrate();
  if (!g_counter_ok) {
    error("instruction counter not exact: run QEMU with -icount "
          "shift=N,align=off,sleep=off and the "
          "shift the harness was built for",
          0);
    if (g_require_count)
      return MCUQ_EXIT_COUNTER;
  }

  /* Arena first, then state, inputs, outputs; each between guard bytes. */
  g_heap = (uintptr_t)__mcuq_heap_start;
  arena = alloc(m->arena_size, m->arena_align ? m->arena_align : 16u);
  state = alloc(m->state_size, 16u);
  if (!arena || !state) {
    error("arena/state do not fit in RAM", 0);
    return MCUQ_EXIT_NO_MEMORY;
  }
  for (i = 0; i < m->num_inputs; ++i) {
    unsigned char *p = alloc(m->input_sizes[i], 16u);
    if (!p) {
      error("inputs do not fit in RAM", 0);
      return MCUQ_EXIT_NO_MEMORY;
    }
    inputs[i] = p;
    if (i < g_num_in_files) {
      status = read_file(g_in_files[i], p, m->input_sizes[i]);
      if (status)
        return status;
    } else {
      memset(p, 0, m->input_sizes[i]);
    }
    in_hash[i] = fnv1a(p, m->input_sizes[i]);
  }
  for (i = 0; i < m->num_outputs; ++i) {
    unsigned char *p = alloc(m->output_sizes[i], 16u);
    if (!p) {
      error("outputs do not fit in RAM", 0);
      return MCUQ_EXIT_NO_MEMORY;
    }
    memset(p, 0x5A, m->output_sizes[i]);
    outputs[i] = p;
  }
  if (g_heap + GUARD_BYTES > (uintptr_t)__mcuq_heap_end) {
    error("buffers do not fit in RAM", 0);
    return MCUQ_EXIT_NO_MEMORY;
  }
  close_guards();
  /* Garbage, not zeros: code must not rely on a cleared arena. */
  memset(arena, 0xA5, m->arena_size);
  memset(state, 0, m->state_size);

  g_paint =
      (uintptr_t)__mcuq_stack_limit; /* the first run fills the free stack */
  for (run = 0; run < g_runs; ++run) {
    unsigned long n =
        mcuq_count_instructions(m->invoke, inputs, outputs, arena, state, &ret);
    if (run == 0)
      first_count = n;
    out_str("MCUQ run=");
    out_u64(run);
    out_str(" instructions=");
    if (n == (unsigned long)-1)
      out_str("-1");
    else
      out_u64(n);
    out_str(" ret=");
    out_i32(ret);
    out_end();
    if (ret != 0) {
      status = MCUQ_EXIT_INVOKE_FAILED;
      break;
    }
  }
  low = lowest_used_stack();
  stack_used = g_call_sp > (uintptr_t)low ? g_call_sp - (uintptr_t)low : 0;

  bad = first_bad_guard();
  if (bad) {
    out_str("MCUQ error: guard bytes overwritten at ");
    out_hex((uint32_t)(uintptr_t)bad);
    out_str(" (");
    out_buffer_name(guard_index(bad) - 1);
    out_str(" .. ");
    out_buffer_name(guard_index(bad));
    out_str(")");
    out_end();
    status = MCUQ_EXIT_CORRUPTION;
  }
  if (low == __mcuq_stack_limit) {
    error("stack overflow", 0);
    status = MCUQ_EXIT_CORRUPTION;
  }
  for (i = 0; i < m->num_inputs; ++i) {
    if (fnv1a((const unsigned char *)inputs[i], m->input_sizes[i]) !=
        in_hash[i]) {
      out_str("MCUQ error: input ");
      out_u64(i);
      out_str(" was modified");
      out_end();
      status = MCUQ_EXIT_CORRUPTION;
    }
  }
  for (i = 0; i < m->num_outputs; ++i) {
    const unsigned char *p = (const unsigned char *)outputs[i];
    const char *path = i < g_num_out_files ? g_out_files[i] : 0;
    char name[128];
    if (!path && g_out_prefix) {
      /* PREFIX<i>.bin */
      unsigned n = 0;
      const char *q = g_out_prefix;
      while (*q && n < sizeof(name) - 8)
        name[n++] = *q++;
      if (i >= 10)
        name[n++] = (char)('0' + i / 10);
      name[n++] = (char)('0' + i % 10);
      name[n++] = '.';
      name[n++] = 'b';
      name[n++] = 'i';
      name[n++] = 'n';
      name[n] = 0;
      path = name;
    }
    if (path) {
      int s = write_file(path, p, m->output_sizes[i]);
      if (s && status == MCUQ_EXIT_OK)
        status = s;
    }
    out_str("MCUQ output=");
    out_u64(i);
    out_kv("bytes", m->output_sizes[i]);
    out_str(" fnv1a=");
    out_hex(fnv1a(p, m->output_sizes[i]));
    out_end();
  }

  out_str("MCUQ instructions=");
  if (first_count == (unsigned long)-1)
    out_str("-1");
  else
    out_u64(first_count);
  out_kv("runs", g_runs);
  out_kv("stack", stack_used);
  out_kv("arena", m->arena_size);
  out_kv("state", m->state_size);
  out_kv("ram_free",
         (uint64_t)((uintptr_t)__mcuq_heap_end - g_heap - GUARD_BYTES));
  out_kv("exit", (uint64_t)status);
  out_end();
  return status;
}
