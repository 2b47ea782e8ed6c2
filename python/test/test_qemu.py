"""Runs the C test kernels of utils/qemu/tests on every QEMU target and checks
outputs against Python, repeatability of the instruction counts, and the counts
against single-step traces."""

import concurrent.futures
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from mcuq import qemu  # noqa: E402

TESTS = os.path.join(qemu.QEMU_DIR, "tests")
KERNELS = ("dot_int8", "libcalls", "mem_stress", "misbehave")
M64 = (1 << 64) - 1
M32 = (1 << 32) - 1


def _missing():
    if not shutil.which("qemu-system-arm") or not shutil.which("qemu-system-riscv32"):
        return "qemu-system-arm/riscv32 not installed"
    if not os.path.exists(os.path.join(qemu.LLVM_BIN, "clang")):
        return f"no clang in {qemu.LLVM_BIN}"
    return None


def _s(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def _div(a, b, bits, signed, arch):
    """C division/remainder as the target computes it, including b == 0 (Arm: quotient 0,
    RISC-V: all ones; remainder = dividend) and MIN / -1 (MIN, remainder 0)."""
    mask = (1 << bits) - 1
    if signed:
        a, b = _s(a, bits), _s(b, bits)
    else:
        a, b = a & mask, b & mask
    if b == 0:
        return (0 if arch == "arm" else mask), a & mask
    q = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        q = -q
    return q & mask, (a - q * b) & mask


def libcalls_expected(pairs, arch):
    out = bytearray()
    for a, b in pairs:
        a32, b32 = a & M32, b & M32
        uq, ur = _div(a32, b32, 32, False, arch)
        sq, sr = _div(a32, b32, 32, True, arch)
        clz = 32 - a32.bit_length()
        out += struct.pack("<5I", uq, ur, sq, sr, clz)
        uq, ur = _div(a, b, 64, False, arch)
        sq, sr = _div(a, b, 64, True, arch)
        s = b & 63
        out += struct.pack("<10Q", uq, ur, sq, sr, (a * b) & M64,
                           (_s(a32, 32) * _s(b32, 32)) & M64, a32 * b32, (a << s) & M64, a >> s,
                           (_s(a, 64) >> s) & M64)
    return bytes(out)


def libcalls_pairs(rng, n=256):
    special = [0, 1, 2, 3, 7, 10, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 1 << 32,
               (1 << 32) + 1, 0x7FFFFFFFFFFFFFFF, 1 << 63, M64, M64 - 1, 0xFFFFFFFF80000000]
    pairs = [(a, b) for a in special[:9] for b in special[:9]][:60]
    pairs += [(rng.choice(special), rng.choice(special)) for _ in range(40)]
    while len(pairs) < n:
        # Random magnitudes so that quotients of every length occur.
        a = rng.getrandbits(rng.randint(1, 64))
        b = rng.getrandbits(rng.randint(1, 64))
        if rng.random() < 0.3:
            a = (-a) & M64
        if rng.random() < 0.3:
            b = (-b) & M64
        pairs.append((a, b))
    return pairs[:n]


def mem_stress_case(rng, arch, buf=4096, ops=512):
    init = bytes(rng.getrandbits(8) for _ in range(buf))
    recs, ref = bytearray(), bytearray(init)
    nops = 16 if arch == "arm" else 4
    for _ in range(ops):
        op = rng.randrange(nops)
        align = 8 if op >= 12 else 4 if op >= 8 else 1
        n = rng.choice([0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 100,
                        rng.randrange(300), rng.randrange(1200)])
        while True:
            d = rng.randrange(0, buf - n + 1) // align * align
            s = rng.randrange(0, buf - n + 1) // align * align
            if rng.random() < 0.3 and op % 4 == 1:  # memmove: force close overlap
                s = min(max(0, d + rng.randint(-9, 9) * align), buf - n) // align * align
            if op % 4 == 0 and not (d + n <= s or s + n <= d):
                continue  # memcpy needs disjoint buffers
            break
        v = rng.getrandbits(8)
        recs += struct.pack("<BBHHH", op, v, d, s, n)
        if op % 4 in (0, 1):
            ref[d:d + n] = ref[s:s + n]
        elif op % 4 == 2:
            ref[d:d + n] = bytes([v]) * n
        else:
            ref[d:d + n] = bytes(n)
    return init, bytes(recs), bytes(ref)


F32_SPECIAL = [0x00000000, 0x80000000, 0x00000001, 0x807FFFFF, 0x00800000, 0x00FFFFFF,
               0x3EFFFFFF, 0x3F000000, 0xBF000000, 0x3F7FFFFF, 0x3F800000, 0xBFC00000,
               0x40200000, 0x4B000000, 0x4AFFFFFF, 0x4EFFFFFF, 0x4F000000, 0xCF000000,
               0xCF000001, 0x7F7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00000, 0x7F800001,
               0x3DCCCCCD, 0x42FE0000]


def _f32(u):
    return struct.unpack("<f", struct.pack("<I", u))[0]


def _bits(x):
    """float32 bits of a Python float (one correct rounding; inf on overflow)."""
    try:
        return struct.unpack("<I", struct.pack("<f", x))[0]
    except OverflowError:
        return 0xFF800000 if x < 0 else 0x7F800000


def _is_nan(u):
    return (u & 0x7FFFFFFF) > 0x7F800000


def float_soft_pairs(rng, n=4096):
    pairs = [(a, b) for a in F32_SPECIAL for b in F32_SPECIAL]
    while len(pairs) < n:
        kind = rng.randrange(4)
        if kind == 0:
            a, b = rng.getrandbits(32), rng.getrandbits(32)
        else:
            # Results near the subnormal range, near overflow, or short significands
            # (exact products and ties).
            ea = rng.randrange(255)
            eb = {1: 127 - ea + rng.randrange(-30, 4), 2: ea + 127 + rng.randrange(-3, 31),
                  3: rng.randrange(255)}[kind]
            eb = eb if 0 <= eb < 255 else rng.randrange(255)
            mask = 0x7FFFFF & ~((1 << rng.randrange(24)) - 1) if rng.random() < 0.5 else 0x7FFFFF
            a = rng.getrandbits(1) << 31 | ea << 23 | (rng.getrandbits(23) & mask)
            b = rng.getrandbits(1) << 31 | eb << 23 | (rng.getrandbits(23) & mask)
        pairs.append((a, b))
    return pairs[:n]


def float_soft_expected(a, b, arch):
    """The 8 results of utils/qemu/tests/float_soft.c; None where any NaN will do."""
    x, y = _f32(a), _f32(b)
    nan = _is_nan(a) or _is_nan(b)
    # float32 products and quotients of float32 operands rounded once from double are
    # correctly rounded (53 >= 2 * 24 + 2).
    if nan:
        mul = div = None
    else:
        mul = None if (x in (0.0,) and abs(y) == float("inf")) or (
            y == 0.0 and abs(x) == float("inf")) else _bits(x * y)
        if y == 0.0:
            div = None if x == 0.0 else (0x7F800000 | ((a ^ b) & 0x80000000))
        elif abs(x) == float("inf") and abs(y) == float("inf"):
            div = None
        else:
            div = _bits(x / y) if abs(x) != float("inf") else (0x7F800000 | ((a ^ b) & 0x80000000))
    i2f = _bits(float(_s(a, 32)))
    if _is_nan(a):
        f2i = 0 if arch == "arm" else 0x7FFFFFFF
    elif x >= 2.0 ** 31:
        f2i = 0x7FFFFFFF
    elif x < -2.0 ** 31:
        f2i = 0x80000000
    else:
        f2i = int(x) & M32
    if _is_nan(a):
        rnd = a | 0x400000
    elif abs(x) == float("inf") or abs(x) >= 2.0 ** 23:
        rnd = a
    else:
        r = float(int(abs(x) + 0.5)) if abs(x) >= 0.5 else 0.0
        rnd = _bits(r) | (a & 0x80000000)
    if nan:
        mx = mn = None
    elif x == y:
        mx, mn = (b, a) if a & 0x80000000 else (a, b)
    else:
        mx, mn = (a, b) if x > y else (b, a)
    return [mul, div, i2f, f2i, rnd, mx, mn, _bits(float(a))]


@unittest.skipIf(_missing(), _missing() or "")
class QemuTargetsTest(unittest.TestCase):
    elfs = {}

    @classmethod
    def setUpClass(cls):
        def build_target(name):
            return {k: qemu.build(name, [os.path.join(TESTS, k + ".c")], name=k) for k in KERNELS}

        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
            for name, elfs in zip(qemu.TARGETS, ex.map(build_target, qemu.TARGETS)):
                cls.elfs[name] = elfs

    def run_kernel(self, target, kernel, inputs, **kw):
        res = qemu.run(target, self.elfs[target][kernel], inputs, **kw)
        return res

    def test_dot_int8(self):
        rng = random.Random(1)
        x = bytes(rng.getrandbits(8) for _ in range(64))
        w = bytes(rng.getrandbits(8) for _ in range(16 * 64))
        xs = struct.unpack("64b", x)
        y1 = [sum(xs[k] * _s(w[j * 64 + k], 8) for k in range(64)) for j in range(16)]
        expected = struct.pack("<16i", *[2 * v for v in y1])  # second run adds the state
        for target in qemu.TARGETS:
            with self.subTest(target=target):
                res = self.run_kernel(target, "dot_int8", [x, w], runs=2)
                self.assertEqual(res.exit_code, 0, res.log)
                self.assertEqual(res.outputs[0], expected)
                self.assertEqual(len(res.run_instructions), 2)
                self.assertEqual(res.run_instructions[0], res.run_instructions[1])
                self.assertGreater(res.instructions, 100)
                again = self.run_kernel(target, "dot_int8", [x, w], runs=2)
                self.assertEqual(again.run_instructions, res.run_instructions)

    def test_libcalls(self):
        pairs = libcalls_pairs(random.Random(2))
        data = b"".join(struct.pack("<QQ", a, b) for a, b in pairs)
        for target in qemu.TARGETS:
            with self.subTest(target=target):
                arch = qemu.TARGETS[target].arch
                rounds = 100_000 if target == "cortex-m0plus" else 10_000
                res = self.run_kernel(target, "libcalls", [data, struct.pack("<I", rounds)])
                self.assertEqual(res.exit_code, 0, res.log)
                self.assertEqual(res.outputs[1], bytes(8), "32-bit division self-check")
                got, exp = res.outputs[0], libcalls_expected(pairs, arch)
                for i, (a, b) in enumerate(pairs):
                    self.assertEqual(got[i * 100:(i + 1) * 100], exp[i * 100:(i + 1) * 100],
                                     f"a={a:#x} b={b:#x}")

    def test_mem_stress(self):
        for target in qemu.TARGETS:
            with self.subTest(target=target):
                init, ops, ref = mem_stress_case(random.Random(3), qemu.TARGETS[target].arch)
                res = self.run_kernel(target, "mem_stress", [init, ops])
                self.assertEqual(res.exit_code, 0, res.log)
                self.assertEqual(res.outputs[0], ref)

    def test_hard_float(self):
        x = bytes(range(0, 256, 4))
        xs = struct.unpack("64b", x)
        ys = [v * 0.5 + 0.25 for v in xs]
        expected = [struct.pack("<64f", *ys), struct.pack("<64i", *[int(y * 4) for y in ys])]
        hard = [n for n, t in qemu.TARGETS.items() if t.float_abi == "hard"]
        self.assertTrue(hard)
        for target in hard:
            with self.subTest(target=target):
                elf = qemu.build(target, [os.path.join(TESTS, "float_hard.c")], name="float_hard")
                dis = qemu.disassemble(target, elf)
                self.assertTrue(re.search(r"\bv(mul|mla|fma|add|cvt)", dis), "no FPU instructions")
                res = qemu.run(target, elf, [x])
                self.assertEqual(res.exit_code, 0, res.log)
                self.assertEqual(res.outputs, expected)

    def test_soft_float(self):
        # The runtime's float helpers on the soft-float targets (libcalls) and the
        # same C on FPU targets, against Python's IEEE arithmetic.
        pairs = float_soft_pairs(random.Random(4))
        data = b"".join(struct.pack("<II", a, b) for a, b in pairs)
        names = ("mul", "div", "i2f", "f2iz", "roundf", "fmaximumf", "fminimumf", "ui2f")
        for target in ("cortex-m0plus", "cortex-m4", "cortex-m4-soft", "cortex-m33",
                       "rv32imc"):
            with self.subTest(target=target):
                arch = qemu.TARGETS[target].arch
                elf = qemu.build(target, [os.path.join(TESTS, "float_soft.c")],
                                 name="float_soft")
                res = qemu.run(target, elf, [data])
                self.assertEqual(res.exit_code, 0, res.log)
                got = struct.unpack(f"<{8 * len(pairs)}I", res.outputs[0])
                for i, (a, b) in enumerate(pairs):
                    want = float_soft_expected(a, b, arch)
                    for k, w in enumerate(want):
                        g = got[8 * i + k]
                        if w is None:
                            self.assertTrue(_is_nan(g) and g & 0x400000,
                                            f"{names[k]} {a:08x} {b:08x} = {g:08x}")
                        else:
                            self.assertEqual(g, w, f"{names[k]} {a:08x} {b:08x} = {g:08x}, "
                                                   f"want {w:08x}")

    def test_m55_runs_mve(self):
        elf = self.elfs["cortex-m55"]["dot_int8"]
        dis = qemu.disassemble("cortex-m55", elf)
        self.assertTrue(re.search(r"\bvldrb\.", dis), "dot_int8 was not vectorised with MVE")

    def test_armv6m_strictness(self):
        for kernel in KERNELS:
            elf = self.elfs["cortex-m0plus"][kernel]
            self.assertEqual(qemu.isa_violations("cortex-m0plus", elf), [])
        # Thumb-2 code is caught statically ...
        self.assertTrue(qemu.isa_violations("cortex-m0plus", self.elfs["cortex-m4"]["libcalls"]))
        # ... and unaligned accesses fault at run time, as on an M0+.
        mode10 = [bytes([10, 0, 0, 0])]
        res = self.run_kernel("cortex-m0plus", "misbehave", mode10)
        self.assertEqual(res.exit_code, 6, res.log)
        self.assertEqual(self.run_kernel("cortex-m4", "misbehave", mode10).exit_code, 0)

    def test_contract_violations(self):
        expect = {0: 0, 1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 1, 7: 6}
        for target in ("cortex-m0plus", "cortex-m4", "cortex-m55", "rv32imac"):
            for mode, code in expect.items():
                with self.subTest(target=target, mode=mode):
                    res = self.run_kernel(target, "misbehave", [bytes([mode, 1, 2, 3])])
                    self.assertEqual(res.exit_code, code, res.log)
                    self.assertIn(f"exit={code}" if code != 6 else "MCUQ fault", res.log)

    def test_stack_high_water_mark(self):
        for target in ("cortex-m0plus", "cortex-m4", "cortex-m33", "rv32imc"):
            with self.subTest(target=target):
                small = self.run_kernel(target, "misbehave", [bytes(4)])
                deep = self.run_kernel(target, "misbehave", [bytes([8, 0, 0, 0])])
                self.assertEqual(deep.exit_code, 0, deep.log)
                self.assertLess(small.stack, 160)
                self.assertGreaterEqual(deep.stack, 16 * 256)
                self.assertLess(deep.stack, 16 * 256 + 16 * 64)

    def test_long_count_is_exact(self):
        # 2n instructions per n: differences are exact far beyond a 24-bit timer.
        n1, n2 = 1, 12_000_000
        for target in ("cortex-m4", "cortex-m33", "cortex-m55", "rv32imac", "cortex-m0plus"):
            with self.subTest(target=target):
                c = []
                for n in (n1, n2):
                    arg = bytes([9]) + n.to_bytes(3, "little")
                    res = self.run_kernel(target, "misbehave", [arg])
                    self.assertEqual(res.exit_code, 0, res.log)
                    c.append(res.instructions)
                self.assertEqual(c[1] - c[0], 2 * (n2 - n1))

    def test_counts_match_trace(self):
        rng = random.Random(1)
        x = bytes(rng.getrandbits(8) for _ in range(64))
        w = bytes(rng.getrandbits(8) for _ in range(16 * 64))
        data = b"".join(struct.pack("<QQ", a, b) for a, b in libcalls_pairs(random.Random(2)))
        loop = [bytes([9]) + (1000).to_bytes(3, "little")]
        cases = [("cortex-m4", "dot_int8", [x, w]), ("rv32imac", "dot_int8", [x, w]),
                 ("cortex-m4", "libcalls", [data, bytes(4)]),
                 ("rv32imac", "libcalls", [data, bytes(4)]),
                 ("cortex-m0plus", "libcalls", [data, struct.pack("<I", 100)]), ("cortex-m55", "dot_int8", [x, w]),
                 ("cortex-m33", "misbehave", loop), ("cortex-m7", "dot_int8", [x, w])]
        for target, kernel, inputs in cases:
            with self.subTest(target=target, kernel=kernel):
                elf = self.elfs[target][kernel]
                res = qemu.run(target, elf, inputs)
                self.assertEqual(res.exit_code, 0, res.log)
                self.assertEqual(qemu.trace_count(target, elf, "invoke", inputs), res.instructions)


@unittest.skipIf(not os.path.exists(os.path.join(qemu.LLVM_BIN, "clang")), "no clang-22")
class RuntimeHostTest(unittest.TestCase):
    def test_host(self):
        # Every C fallback of the runtime against native arithmetic (~60 M checks).
        with tempfile.TemporaryDirectory() as wd:
            exe = os.path.join(wd, "t")
            subprocess.run([qemu.tool("clang"), "-O2", "-fno-builtin", "-Wall", "-Wextra",
                            "-I", os.path.join(qemu.RUNTIME_DIR, "include"),
                            os.path.join(qemu.RUNTIME_DIR, "test", "runtime_host_test.c"),
                            "-o", exe], check=True)
            p = subprocess.run([exe], stdout=subprocess.PIPE, text=True)
            self.assertEqual(p.returncode, 0, p.stdout)
            self.assertRegex(p.stdout, r"\d+ passed, 0 failed")


@unittest.skipIf(_missing() or not shutil.which("cmake"), _missing() or "no cmake")
class CMakePackageTest(unittest.TestCase):
    def test_standalone_and_find_package(self):
        """Cross-builds and installs runtime/ standalone (cortex-m0plus), then builds a firmware
        with find_package(mcuq) for cortex-m4 from the installed sources and runs it."""
        toolchain = os.path.join(qemu.RUNTIME_DIR, "cmake", "clang-baremetal.cmake")
        gen = ["-G", "Ninja"] if shutil.which("ninja") else []
        with tempfile.TemporaryDirectory() as wd:
            def cmake(*args):
                p = subprocess.run(["cmake", *args], cwd=wd, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
                self.assertEqual(p.returncode, 0, p.stdout)

            prefix = os.path.join(wd, "prefix")
            cmake("-S", qemu.RUNTIME_DIR, "-B", "rt", *gen, f"-DCMAKE_TOOLCHAIN_FILE={toolchain}",
                  "-DMCUQ_TARGET=cortex-m0plus")
            cmake("--build", "rt")
            cmake("--install", "rt", "--prefix", prefix)
            self.assertTrue(os.path.exists(os.path.join(prefix, "lib", "mcuq", "cortex-m0plus",
                                                        "libmcuq_runtime.a")))
            cmake("-S", os.path.join(qemu.RUNTIME_DIR, "test", "firmware"), "-B", "fw", *gen,
                  f"-DCMAKE_TOOLCHAIN_FILE={toolchain}", "-DMCUQ_TARGET=cortex-m4",
                  f"-DCMAKE_PREFIX_PATH={prefix}")
            cmake("--build", "fw")
            elf = os.path.join(wd, "fw", "firmware.elf")
            p = subprocess.run(qemu.qemu_command("cortex-m4", elf, icount=False),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               timeout=60)
            self.assertEqual(p.returncode, 0, p.stdout)
            self.assertIn("firmware: ok", p.stdout)


if __name__ == "__main__":
    unittest.main()
