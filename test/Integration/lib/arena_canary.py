"""Runs shared models on an emulated MCU with their planned arena and checks that the
outputs are TFLM's bytes and that nothing was written outside the arena.

The QEMU harness (utils/qemu) surrounds the arena, state, inputs and outputs with guard
bytes, fills the arena with 0xA5 and exits with status 2 when a guard or an input changed.
With --io-in-arena the compiled entry point takes only the arena (and state): the glue
here copies the inputs to their arena offsets and the outputs back, so the guards around
the harness' own input and output buffers then check the copies too.

usage: arena_canary.py MODELS_DIR TARGET [--io-in-arena] [--compile-arg=ARG]... MODEL...
"""

import json
import os
import sys

from mcuq import qemu, run


def write_io_glue(summary, header, path):
    """Harness glue for an entry point whose inputs and outputs live in the arena."""
    ports = summary["interface"]
    ins = [p for p in ports if p["role"] == "input"]
    outs = [p for p in ports if p["role"] == "output"]
    states = [p for p in ports if p["role"] == "state"]
    offsets, state_size = [], 0
    for s in states:
        offsets.append(state_size)
        state_size += (s["bytes"] + 15) // 16 * 16
    state_args = [f"({run.C_TYPES[s['element']]} *)((char *)state + {o})"
                  for s, o in zip(states, offsets)]
    # Through the header's macros, so that they are checked too.
    m = "MCUQ_" + summary["model"].upper()
    copy_in = "".join(
        f"  __builtin_memcpy((char *)arena + {m}_INPUT{i}_OFFSET, inputs[{i}], {m}_INPUT{i}_SIZE);\n"
        for i, p in enumerate(ins))
    copy_out = "".join(
        f"  __builtin_memcpy(outputs[{i}], (char *)arena + {m}_OUTPUT{i}_OFFSET, {m}_OUTPUT{i}_SIZE);\n"
        for i, p in enumerate(outs))
    reset = ""
    if states:
        reset = (f"  static int initialized;\n"
                 f"  if (!initialized) {{ mcuq_{summary['model']}_reset({', '.join(state_args)}); "
                 f"initialized = 1; }}\n")
    glue = f"""/* io-in-arena harness glue for '{summary["model"]}' (test/Integration/lib). */
#include "harness.h"
#include "{os.path.abspath(header)}"

static const unsigned input_sizes[] = {{{", ".join(str(p["bytes"]) for p in ins) or "0"}}};
static const unsigned output_sizes[] = {{{", ".join(str(p["bytes"]) for p in outs) or "0"}}};

static int invoke(const void *const *inputs, void *const *outputs, void *arena, void *state) {{
  (void)inputs; (void)outputs; (void)state;
{reset}{copy_in}  {summary["entry"]}({", ".join(state_args + ["arena"])});
{copy_out}  return 0;
}}

const mcuq_harness_model_t mcuq_harness_model = {{
  {len(ins)}, {len(outs)}, input_sizes, output_sizes,
  {m}_ARENA_SIZE, {m}_ARENA_ALIGN, {state_size}, invoke,
}};
"""
    with open(path, "w") as f:
        f.write(glue)


def run_one(model_path, target, inputs, io_in_arena, compile_args):
    args = tuple(compile_args) + (("--io-in-arena",) if io_in_arena else ())
    summary, obj, header = run.compile_model(model_path, target, extra_args=args)
    out_dir = os.path.dirname(obj)
    glue = os.path.join(out_dir, "glue-io.c" if io_in_arena else "glue.c")
    if io_in_arena:
        write_io_glue(summary, header, glue)
    else:
        run.write_glue(summary, header, glue)
    elf = qemu.build(target, [glue], objects=[obj], name=summary["model"],
                     out_dir=os.path.join(out_dir, "qemu-io" if io_in_arena else "qemu"))
    return summary, qemu.run(target, elf, inputs, timeout=600)


def main(argv):
    models_dir, target, *rest = argv
    io_in_arena = "--io-in-arena" in rest
    compile_args = [a.split("=", 1)[1] for a in rest if a.startswith("--compile-arg=")]
    models = [a for a in rest if not a.startswith("--")]
    ref = os.path.join(models_dir, "reference")
    failures = 0
    for model in models:
        with open(os.path.join(ref, model + ".json")) as f:
            meta = json.load(f)
        s = next(s for s in meta["sets"] if s["set"] == "lcg")
        inputs = [open(os.path.join(ref, p), "rb").read() for p in s["input_files"]]
        expected = [open(os.path.join(ref, p), "rb").read() for p in s["output_files"]]
        mode = " io-in-arena" if io_in_arena else ""
        try:
            summary, r = run_one(os.path.join(models_dir, model + ".tflite"), target, inputs,
                                 io_in_arena, compile_args)
        except (run.RunError, qemu.QemuError) as e:
            print(f"FAIL {model} {target}{mode}: {e}")
            failures += 1
            continue
        if r.exit_code == 2:
            print(f"FAIL {model} {target}{mode}: the harness found guard bytes or inputs "
                  f"overwritten\n{r.log}")
            failures += 1
        elif r.exit_code != 0:
            print(f"FAIL {model} {target}{mode}: exit {r.exit_code}\n{r.log}")
            failures += 1
        elif r.outputs != expected:
            print(f"FAIL {model} {target}{mode}: outputs differ from TFLM's")
            failures += 1
        else:
            print(f"PASS {model} {target}{mode}: bit-exact, guards intact, "
                  f"arena={summary['arena_bytes']} lower_bound={summary['arena_lower_bound']} "
                  f"align={summary['arena_alignment']}")
    return failures


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1:]) else 0)
