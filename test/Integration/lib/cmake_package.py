"""Installs mcuq from a build folder (cmake --install --component mcuq), then
builds runtime/test/model-firmware against the installed package for an mcuq
target (find_package(mcuq) + mcuq_add_model) and runs it under QEMU; its
output must equal what utils/mcuq-run computes for the same model and input.

    cmake_package.py <build dir> <work dir> <target> <model.tflite> <input.bin>
"""

import os
import shutil
import subprocess
import sys

from mcuq import qemu, run

REPO = run.REPO


def cmake(*args, cwd):
    p = subprocess.run(["cmake", *args], cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        print(f"FAIL cmake {' '.join(args)}:\n{p.stdout}")
        sys.exit(1)
    return p.stdout


def main(build, work, target, model, input_path):
    build, work, model = os.path.abspath(build), os.path.abspath(work), os.path.abspath(model)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    prefix = os.path.join(work, "prefix")
    if not os.path.exists(os.path.join(build, "runtime", target, "libmcuq_runtime.a")):
        print(f"FAIL {build}/runtime/{target}/libmcuq_runtime.a is missing: build the "
              f"mcuq-runtimes target")
        return 1
    cmake("--install", build, "--component", "mcuq", "--prefix", prefix, cwd=work)
    for root, _, files in sorted(os.walk(prefix)):
        for f in sorted(files):
            print("installed", os.path.relpath(os.path.join(root, f), prefix))
    # The installed compiler runs from the prefix.
    p = subprocess.run([os.path.join(prefix, "bin", "mcuq-compile"), "--version"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(f"mcuq-compile --version: exit {p.returncode}")

    gen = ["-G", "Ninja"] if shutil.which("ninja") else []
    fw = os.path.join(work, "fw")
    cmake("-S", os.path.join(REPO, "runtime", "test", "model-firmware"), "-B", fw, *gen,
          "-DCMAKE_TOOLCHAIN_FILE=" + os.path.join(prefix, "lib", "cmake", "mcuq",
                                                   "clang-baremetal.cmake"),
          "-DMCUQ_TARGET=" + target, "-DCMAKE_PREFIX_PATH=" + prefix,
          "-DMODEL=" + os.path.abspath(model), cwd=work)
    out = cmake("--build", fw, "--verbose", cwd=work)
    print("runtime linked:", "lib/mcuq/%s/libmcuq_runtime.a" % target in out)
    elf = os.path.join(fw, "firmware.elf")
    with open(input_path, "rb") as f:
        data = f.read()
    got = qemu.run(target, elf, [data])
    print(f"firmware exit {got.exit_code} instructions {got.instructions}")
    want = run.run_model(model, target, [data])
    if got.outputs == want["outputs"] and got.instructions == want["instructions"]:
        print(f"PASS firmware output and instruction count equal mcuq-run's on {target}")
        return 0
    print(f"FAIL firmware {got.outputs} {got.instructions}, mcuq-run {want['outputs']} "
          f"{want['instructions']}\n{got.log}")
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
