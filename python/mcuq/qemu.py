"""Cross-build C/objects with the mcuq harness and run them on QEMU-emulated MCUs.

Typical use (see also `python3 python/mcuq/qemu.py --help`)::

    from mcuq import qemu
    elf = qemu.build("cortex-m4", ["model_glue.c"], objects=["model.o"], out_dir="build/m4")
    res = qemu.run("cortex-m4", elf, inputs=[b"..."])
    res.instructions, res.outputs[0], res.exit_code

`TARGETS` maps a target name to its compiler flags, QEMU board and linker script.
The harness (utils/qemu/harness.c) prints `MCUQ ...` lines; `run` parses them into
a `RunResult`. Instruction counts are exact (QEMU -icount; see utils/qemu/README.md).
Only the Python standard library is used.
"""

import argparse
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QEMU_DIR = os.path.join(REPO, "utils", "qemu")
RUNTIME_DIR = os.path.join(REPO, "runtime")
LLVM_BIN = os.environ.get("MCUQ_LLVM_BIN", "/usr/lib/llvm-22/bin")

HARNESS_SOURCES = ("harness.c", "semihost.c")
RUNTIME_SOURCES = ("src/memory.c", "src/integer.c", "src/float.c")


@dataclasses.dataclass(frozen=True)
class Target:
    name: str
    arch: str  # "arm" or "riscv"
    triple: str
    cflags: tuple  # -mcpu/-march/-mabi/-mfloat-abi
    float_abi: str  # "soft", "hard" or "none" (RISC-V ilp32)
    qemu: str  # QEMU binary
    machine: str
    cpu: str  # QEMU -cpu ("" for the board's default)
    linker_script: str  # in utils/qemu/ld
    board: str  # harness board define: -DMCUQ_BOARD_<board>
    icount_shift: int  # -icount shift the harness converts with
    note: str = ""
    # The board's CPU executes a superset of the target ISA: check the ELF statically.
    check_isa: bool = False

    @property
    def startup(self):
        return "startup_cortexm.c" if self.arch == "arm" else "startup_riscv.c"

    def qemu_base_args(self):
        args = [self.qemu, "-M", self.machine]
        if self.cpu:
            args += ["-cpu", self.cpu]
        if self.arch == "riscv":
            args += ["-bios", "none"]
        return args + ["-nographic", "-monitor", "none", "-serial", "none"]


# How each QEMU machine runs a target's code: the harness's board define, the
# linker script (utils/qemu/ld), the -icount shift the harness converts with,
# and whether the machine's CPU executes more than the target's ISA (so the
# ELF is checked statically). Which machine runs a target is in mcuq's target
# table (`mcuq-compile --list-targets --json`), like everything else about it.
_MACHINES = {
    "mps2-an385": ("MPS2", "mps2-an386.ld", 7, True,
                   "Armv6-M code run on the Cortex-M3 of mps2-an385: QEMU 7.2 has no M0+ and its "
                   "only M0 board (microbit) has 16 KiB of RAM. The M3 executes the v6-M subset "
                   "with the same instruction count; the start-up code makes unaligned accesses "
                   "fault (CCR.UNALIGN_TRP) and build() rejects ELFs with instructions outside "
                   "Armv6-M."),
    "mps2-an386": ("MPS2", "mps2-an386.ld", 7, False, ""),
    "mps2-an500": ("MPS2", "mps2-an386.ld", 7, False, ""),
    "mps2-an505": ("AN505", "mps2-an505.ld", 7, False, ""),
    "mps3-an547": ("AN547", "mps3-an547.ld", 7, False, ""),
    "virt": ("RISCV_VIRT", "riscv-virt.ld", 0, False, ""),
}


def _target_table():
    """The embedded targets of mcuq's one target table, read from mcuq-compile."""
    build = os.environ.get("MCUQ_BUILD_DIR", os.path.join(REPO, "build"))
    compiler = os.path.join(build, "bin", "mcuq-compile")
    try:
        out = subprocess.run([compiler, "--list-targets", "--json"], check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise RuntimeError(f"cannot read the target table from {compiler} ({e}); "
                           "build mcuq first (utils/setup.sh)") from None
    targets = {}
    for t in json.loads(out)["targets"]:
        if not t["qemu_machine"]:
            continue  # the host runs natively
        board, ld, shift, check_isa, note = _MACHINES[t["qemu_machine"]]
        float_abi = t["float_abi"] if t["arch"] == "arm" else "none"
        targets[t["name"]] = Target(t["name"], t["arch"], t["c_triple"], tuple(t["c_flags"]),
                                    float_abi, t["qemu_system"], t["qemu_machine"], "", ld,
                                    board, shift, note, check_isa)
    return targets


TARGETS = _target_table()


class QemuError(RuntimeError):
    pass


def tool(name):
    """Path of an LLVM tool (clang, ld.lld, llvm-ar, llvm-size, llvm-nm)."""
    path = os.path.join(LLVM_BIN, name)
    if not os.path.exists(path):
        raise QemuError(f"{path} not found (set MCUQ_LLVM_BIN)")
    return path


def have_qemu(target="cortex-m4"):
    return shutil.which(get_target(target).qemu) is not None


def get_target(target):
    if isinstance(target, Target):
        return target
    try:
        return TARGETS[target]
    except KeyError:
        raise QemuError(f"unknown target {target!r}; known: {', '.join(TARGETS)}") from None


def default_build_dir():
    return os.path.join(os.environ.get("MCUQ_BUILD_DIR", os.path.join(REPO, "build")), "qemu")


def cflags(target, opt="-O2"):
    """Compiler flags for C code (generated glue, kernels) for `target`."""
    t = get_target(target)
    return ["--target=" + t.triple, *t.cflags, opt, "-ffreestanding", "-ffunction-sections",
            "-fdata-sections", "-fno-common", "-Wall"]


def _run(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if p.returncode != 0:
        raise QemuError(f"command failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout}")
    return p.stdout


def _tmp_name(path):
    """A sibling of `path` to write first and rename over it: lit runs several tests (and
    so several builds of the same harness and runtime) at once."""
    return f"{path}.tmp{os.getpid()}-{threading.get_ident()}"


def _stale(out, deps):
    if not os.path.exists(out):
        return True
    t = os.path.getmtime(out)
    return any(os.path.getmtime(d) > t for d in deps)


def compile_c(target, sources, out_dir, extra_cflags=(), include_dirs=(), opt="-O2"):
    """Compiles C sources to objects in out_dir (skipped when up to date). Returns object paths."""
    t = get_target(target)
    os.makedirs(out_dir, exist_ok=True)
    incs = [QEMU_DIR, os.path.join(RUNTIME_DIR, "include"), *include_dirs]
    headers = [os.path.join(QEMU_DIR, h) for h in ("harness.h", "semihost.h")]
    headers.append(os.path.join(RUNTIME_DIR, "include", "mcuq", "runtime.h"))
    objs = []
    for src in sources:
        base = os.path.splitext(os.path.basename(src))[0]
        obj = os.path.join(out_dir, base + ".o")
        flags_file = obj + ".flags"
        flags = cflags(t, opt) + [f"-DMCUQ_BOARD_{t.board}=1",
                                  f"-DMCUQ_ICOUNT_SHIFT={t.icount_shift}",
                                  *[f"-I{i}" for i in incs], *extra_cflags]
        old = _read(flags_file).decode() if os.path.exists(flags_file) else None
        if old != " ".join(flags) or _stale(obj, [src, *headers]):
            tmp = _tmp_name(obj)
            _run([tool("clang"), *flags, "-c", src, "-o", tmp])
            with open(tmp + ".flags", "w") as f:
                f.write(" ".join(flags))
            os.replace(tmp, obj)
            os.replace(tmp + ".flags", flags_file)
        objs.append(obj)
    return objs


def build_runtime(target, build_dir=None):
    """Builds libmcuq_runtime.a for `target` (cached). Returns its path."""
    t = get_target(target)
    out_dir = os.path.join(build_dir or default_build_dir(), t.name, "runtime")
    srcs = [os.path.join(RUNTIME_DIR, s) for s in RUNTIME_SOURCES]
    objs = compile_c(t, srcs, out_dir, extra_cflags=["-fno-builtin", "-Wextra"])
    lib = os.path.join(out_dir, "libmcuq_runtime.a")
    if _stale(lib, objs):
        tmp = _tmp_name(lib)
        _run([tool("llvm-ar"), "rcs", tmp, *objs])
        os.replace(tmp, lib)
    return lib


def build_harness(target, build_dir=None):
    """Compiles the harness, semihosting and start-up code for `target`. Returns objects."""
    t = get_target(target)
    out_dir = os.path.join(build_dir or default_build_dir(), t.name, "harness")
    srcs = [os.path.join(QEMU_DIR, s) for s in (*HARNESS_SOURCES, t.startup)]
    # Size over speed: the harness never runs inside the counted call.
    return compile_c(t, srcs, out_dir, extra_cflags=["-Wextra"], opt="-Os")


def link(target, objects, out_elf, stack_size=None, extra_ldflags=(), build_dir=None,
         map_file=None):
    """Links objects with the harness and the runtime into an ELF for `target` (and writes
    the linker map to `map_file` if given)."""
    t = get_target(target)
    lib = build_runtime(t, build_dir)
    harness = build_harness(t, build_dir)
    tmp = _tmp_name(out_elf)
    cmd = [tool("ld.lld"), "-T", os.path.join(QEMU_DIR, "ld", t.linker_script),
           "-L", os.path.join(QEMU_DIR, "ld"), "--gc-sections", "-o", tmp]
    if stack_size:
        cmd.append(f"--defsym=__mcuq_stack_size={int(stack_size)}")
    if map_file:
        cmd.append("-Map=" + map_file)
    cmd += [*extra_ldflags, *objects, *harness, lib]
    _run(cmd)
    os.replace(tmp, out_elf)
    return out_elf


def build(target, sources=(), objects=(), out_dir=None, name="app", extra_cflags=(),
          include_dirs=(), opt="-O2", stack_size=None, build_dir=None, map_file=False):
    """Compiles `sources` (C, e.g. the model glue defining mcuq_harness_model), links them with
    `objects` (e.g. compiler output), the harness and the runtime. Returns the ELF path; with
    map_file=True the linker map is written beside it (<name>.map, see `linked_sizes`)."""
    t = get_target(target)
    out_dir = out_dir or os.path.join(build_dir or default_build_dir(), t.name, name)
    objs = compile_c(t, sources, out_dir, extra_cflags, include_dirs, opt)
    elf = link(t, [*objs, *objects], os.path.join(out_dir, name + ".elf"), stack_size,
               build_dir=build_dir,
               map_file=os.path.join(out_dir, name + ".map") if map_file else None)
    if t.check_isa:
        bad = isa_violations(t, elf)
        if bad:
            raise QemuError(f"{elf}: instructions outside {t.triple}:\n" + "\n".join(bad[:10]))
    return elf


@dataclasses.dataclass
class RunResult:
    exit_code: int
    instructions: int  # first invoke; -1 if the counter was not exact
    run_instructions: list  # one count per invoke
    outputs: list  # bytes per model output
    output_hashes: list  # FNV-1a as printed by the harness
    stack: int  # bytes of stack used by invoke (high-water mark)
    fields: dict  # everything on the final MCUQ line
    log: str  # all QEMU/semihosting output
    seconds: float  # wall time of the QEMU process

    @property
    def ok(self):
        return self.exit_code == 0


_KV = re.compile(r"(\w+)=(-?\w+)")


def qemu_command(target, elf, args="", icount=True, extra=()):
    t = get_target(target)
    cmd = t.qemu_base_args() + ["-semihosting-config", "enable=on,target=native"]
    if icount:
        cmd += ["-icount", f"shift={t.icount_shift},align=off,sleep=off"]
    cmd += [*extra, "-kernel", os.path.abspath(elf)]
    if args:
        cmd += ["-append", args]
    return cmd


def run(target, elf, inputs=(), runs=1, timeout=120, workdir=None, require_count=True,
        check=False):
    """Runs `elf` under QEMU. `inputs`: bytes or file paths, one per model input (missing
    inputs are zero). Returns a RunResult; with check=True raises QemuError unless exit 0."""
    t = get_target(target)
    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="mcuq-qemu-")
        workdir = tmp.name
    try:
        args = []
        for i, data in enumerate(inputs):
            path = os.path.join(workdir, f"in{i}.bin")
            if isinstance(data, (bytes, bytearray, memoryview)):
                with open(path, "wb") as f:
                    f.write(data)
            else:
                shutil.copyfile(data, path)
            args += ["-i", f"in{i}.bin"]
        args += ["-p", "out"]
        if runs != 1:
            args += ["-n", str(runs)]
        if not require_count:
            args.append("-x")
        cmd = qemu_command(t, elf, " ".join(args), icount=require_count)
        start = time.monotonic()
        try:
            p = subprocess.run(cmd, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired as e:
            raise QemuError(f"QEMU timed out after {timeout} s: {' '.join(cmd)}") from e
        seconds = time.monotonic() - start
        log = p.stdout.decode("utf-8", "replace")
        runs_n, hashes, fields = [], [], {}
        for line in log.splitlines():
            if not line.startswith("MCUQ "):
                continue
            kv = dict(_KV.findall(line))
            if "run" in kv:
                runs_n.append(int(kv["instructions"]))
            elif "output" in kv:
                hashes.append(int(kv["fnv1a"], 16))
            elif line.startswith("MCUQ instructions="):
                fields = {k: int(v, 0) for k, v in kv.items()}
        outputs = []
        for i in range(len(hashes)):
            path = os.path.join(workdir, f"out{i}.bin")
            if os.path.exists(path):
                with open(path, "rb") as f:
                    outputs.append(f.read())
            else:
                outputs.append(None)
        res = RunResult(p.returncode, fields.get("instructions", -1), runs_n, outputs, hashes,
                        fields.get("stack", -1), fields, log, seconds)
        if check and not res.ok:
            raise QemuError(f"exit {res.exit_code}: {' '.join(cmd)}\n{log}")
        return res
    finally:
        if tmp is not None:
            tmp.cleanup()


def symbols(elf):
    """{name: address} of the ELF's symbols (Thumb bit cleared)."""
    out = _run([tool("llvm-nm"), "--defined-only", elf])
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16) & ~1
    return syms


def trace_count(target, elf, function, inputs=(), timeout=300):
    """Counts the instructions of the first call of `function` by single-stepping QEMU with
    `-d exec,nochain` (no -icount) and counting trace lines from the function's entry up to
    the return into the harness. Independent of the timer-based count; for small kernels only."""
    t = get_target(target)
    syms = symbols(elf)
    entry, ret = syms[function], syms["mcuq_count_return"]
    with tempfile.TemporaryDirectory(prefix="mcuq-trace-") as wd:
        args = ["-x"]
        for i, data in enumerate(inputs):
            with open(os.path.join(wd, f"in{i}.bin"), "wb") as f:
                f.write(data)
            args += ["-i", f"in{i}.bin"]
        log = os.path.join(wd, "trace.log")
        cmd = qemu_command(t, elf, " ".join(args), icount=False,
                           extra=["-singlestep", "-d", "exec,nochain", "-D", log])
        subprocess.run(cmd, cwd=wd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       stdin=subprocess.DEVNULL, timeout=timeout, check=False)
        pc_re = re.compile(rb"^Trace \d+: 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/")
        count, counting = 0, False
        with open(log, "rb") as f:
            for line in f:
                m = pc_re.match(line)
                if not m:
                    continue
                pc = int(m.group(1), 16)
                if not counting:
                    counting = pc == entry
                elif pc == ret:
                    return count
                if counting:
                    count += 1
    raise QemuError(f"{function} not found in the trace")


def disassemble(target, path):
    """llvm-objdump -d text of an ELF/object, decoded with the target's CPU features."""
    t = get_target(target)
    mcpu = [f"--mcpu={f.split('=', 1)[1]}" for f in t.cflags if f.startswith("-mcpu=")]
    return _run([tool("llvm-objdump"), "-d", *mcpu, path])


def isa_violations(target, path):
    """Disassembly lines that the target CPU cannot decode (e.g. Thumb-2 in Armv6-M code)."""
    return [ln.strip() for ln in disassemble(target, path).splitlines() if "<unknown>" in ln]


def text_size(path):
    """(text, data, bss) bytes of an ELF, object or archive (summed), per llvm-size."""
    out = _run([tool("llvm-size"), "-B", "--totals", path])
    last = [ln for ln in out.splitlines() if ln.strip()][-1].split()
    return int(last[0]), int(last[1]), int(last[2])


_MAP_INPUT = re.compile(r"^\s*[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s+(\S.*):\((\S+)\)$")


def section_kind(name, extra_rodata=()):
    """'text', 'rodata', 'data', 'bss' or None for an input section name."""
    for kind in ("text", "rodata", "data", "bss"):
        if name == "." + kind or name.startswith("." + kind + "."):
            return kind
    if name in extra_rodata:
        return "rodata"
    return None


def linked_sizes(map_file, extra_rodata=()):
    """Bytes that each input file contributes to the linked image, per section kind, from
    an ld.lld map (after --gc-sections): {file: {'text': n, 'rodata': n, ...}}. Archive
    members are reported under the archive's path. `extra_rodata`: further section names
    counted as read-only data (e.g. mcuq-compile --weights-section)."""
    sizes = {}
    with open(map_file) as f:
        for line in f:
            m = _MAP_INPUT.match(line)
            if not m:
                continue
            size, path, section = int(m.group(1), 16), m.group(2), m.group(3)
            kind = section_kind(section, extra_rodata)
            if kind is None or size == 0:
                continue
            path = re.sub(r"\([^()]*\)$", "", path)  # lib.a(member.o) -> lib.a
            entry = sizes.setdefault(path, {"text": 0, "rodata": 0, "data": 0, "bss": 0})
            entry[kind] += size
    return sizes


def symbols_of(elf, archive, map_file):
    """Names of the functions and objects that `archive`'s members put into a linked ELF,
    per the linker map."""
    names = set()
    with open(map_file) as f:
        for line in f:
            m = _MAP_INPUT.match(line)
            if m and m.group(2).startswith(archive + "(") and int(m.group(1), 16):
                kind = section_kind(m.group(3))
                if kind:
                    names.add(m.group(3)[len(kind) + 2:] or m.group(3))
    return names


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def _main(argv=None):
    ap = argparse.ArgumentParser(prog="mcuq.qemu", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("targets", help="list targets")
    b = sub.add_parser("build", help="compile + link with harness and runtime")
    b.add_argument("-t", "--target", required=True)
    b.add_argument("-o", "--output", required=True, help="ELF to write")
    b.add_argument("files", nargs="+", help=".c sources and .o/.a objects")
    b.add_argument("--cflags", default="", help="extra compiler flags")
    b.add_argument("--stack", type=int, help="stack size in bytes")
    r = sub.add_parser("run", help="run an ELF built by `build`")
    r.add_argument("-t", "--target", required=True)
    r.add_argument("elf")
    r.add_argument("-i", "--input", action="append", default=[], help="input file, in order")
    r.add_argument("-d", "--outdir", help="copy output files here")
    r.add_argument("-n", "--runs", type=int, default=1)
    r.add_argument("--timeout", type=float, default=120)
    tr = sub.add_parser("trace", help="count a function's instructions from a QEMU exec trace")
    tr.add_argument("-t", "--target", required=True)
    tr.add_argument("elf")
    tr.add_argument("function")
    tr.add_argument("-i", "--input", action="append", default=[])
    sz = sub.add_parser("runtime", help="build the runtime library and print its size")
    sz.add_argument("-t", "--target", action="append", help="default: all")
    a = ap.parse_args(argv)

    if a.cmd == "targets":
        for t in TARGETS.values():
            cpu = t.cpu or "(default)"
            print(f"{t.name:15} {t.triple:27} {' '.join(t.cflags):38} {t.qemu} -M {t.machine} "
                  f"-cpu {cpu}  {t.linker_script}")
        return 0
    if a.cmd == "build":
        srcs = [f for f in a.files if f.endswith(".c")]
        objs = [f for f in a.files if not f.endswith(".c")]
        out_dir = os.path.dirname(os.path.abspath(a.output))
        name = os.path.splitext(os.path.basename(a.output))[0]
        elf = build(a.target, srcs, objs, out_dir=os.path.join(out_dir, name + ".obj"),
                    name=name, extra_cflags=a.cflags.split(), stack_size=a.stack)
        shutil.copyfile(elf, a.output)
        print(a.output)
        return 0
    if a.cmd == "run":
        inputs = [_read(p) for p in a.input]
        res = run(a.target, a.elf, inputs, runs=a.runs, timeout=a.timeout)
        sys.stdout.write(res.log)
        if a.outdir:
            os.makedirs(a.outdir, exist_ok=True)
            for i, data in enumerate(res.outputs):
                if data is not None:
                    with open(os.path.join(a.outdir, f"out{i}.bin"), "wb") as f:
                        f.write(data)
        print(f"# {res.seconds:.3f} s", file=sys.stderr)
        return res.exit_code
    if a.cmd == "trace":
        inputs = [_read(p) for p in a.input]
        print(trace_count(a.target, a.elf, a.function, inputs))
        return 0
    if a.cmd == "runtime":
        for name in a.target or TARGETS:
            lib = build_runtime(name)
            text, data, bss = text_size(lib)
            print(f"{name:15} text={text} data={data} bss={bss}  {lib}")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(_main())
