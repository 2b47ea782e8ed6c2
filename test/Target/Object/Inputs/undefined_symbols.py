"""Compiles a .tflite model for every MCU target and checks that the object's
undefined symbols are all defined by the runtime library built for that target
(python/mcuq/qemu.py builds it with the target's flags).

    undefined_symbols.py <mcuq-compile> <model.tflite> <out dir>

Prints one line per target: `<target>: ok: <helpers>` or `<target>: MISSING ...`.
"""

import os
import subprocess
import sys

from mcuq import qemu


def nm(*args):
    out = subprocess.run([qemu.tool("llvm-nm"), *args], stdout=subprocess.PIPE, text=True,
                         check=True).stdout
    return {line.split()[-1] for line in out.splitlines() if line.strip() and ":" not in line}


def main(compiler, model, out_dir):
    failures = 0
    for target in qemu.TARGETS:
        d = os.path.join(out_dir, target)
        subprocess.run([compiler, model, "--target=" + target, "-o", d, "--name=m", "--quiet"],
                       check=True)
        undefined = nm("--undefined-only", os.path.join(d, "m.o"))
        provided = nm("--defined-only", "--extern-only", qemu.build_runtime(target, out_dir))
        missing = sorted(undefined - provided)
        if missing:
            failures += 1
            print(f"{target}: MISSING {' '.join(missing)}")
        else:
            print(f"{target}: ok: {' '.join(sorted(undefined))}")
    return failures


if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
