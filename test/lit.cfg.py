# -*- Python -*-
# lit configuration for mcuq.

import os
import shutil

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "MCUQ"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".py"]
config.excludes = ["Inputs", "lib", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mcuq_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%mcuq_src_root", config.mcuq_src_root))
config.substitutions.append(("%mcuq_obj_root", config.mcuq_obj_root))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

# Python tooling: Debian's interpreter (it has numpy), our sources and the
# flatc-generated TFLite accessors.
python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else config.python_executable
config.environment["PYTHONPATH"] = os.pathsep.join(
    [os.path.join(config.mcuq_src_root, "python"),
     os.path.join(config.mcuq_obj_root, "python")])
config.environment["MCUQ_BUILD_DIR"] = config.mcuq_obj_root
config.substitutions.append(("%python", python))

# The real models beside the checkout; tests that need them require the
# `shared-models` feature and are reported UNSUPPORTED when it is absent.
shared = os.path.abspath(os.path.join(config.mcuq_src_root, "..", "shared", "models"))
if os.path.isdir(shared):
    config.available_features.add("shared-models")
    config.substitutions.append(("%shared_models", shared))
else:
    lit_config.note("../shared/models not found: tests on the real models are skipped")
    config.substitutions.append(("%shared_models", "/nonexistent/shared/models"))

for tool in ("qemu-system-arm", "qemu-system-riscv32"):
    if shutil.which(tool):
        config.available_features.add(tool)
# The C++ is formatted with this version (output differs between versions).
if shutil.which("clang-format-14"):
    config.available_features.add("clang-format-14")
if shutil.which("qemu-system-arm") and shutil.which("qemu-system-riscv32"):
    config.available_features.add("qemu")

config.excludes.append("Examples")
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
tool_dirs = [config.mcuq_tools_dir, config.llvm_tools_dir]
tools = ["mcuq-compile", "mcuq-opt", "mcuq-translate", "mcuq-fixedpoint-eval"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
# /usr/bin may hold another LLVM's binary tools ahead of LLVM 22 on PATH: tests
# get the ones from the LLVM we build against.
llvm_tools = ["llvm-readobj", "llvm-readelf", "llvm-nm", "llvm-objdump",
              "llvm-dwarfdump", "llvm-size", "clang"]
llvm_config.add_tool_substitutions(llvm_tools, [config.llvm_tools_dir])
