"""Compiles shared models and reports the planned arena against its lower bound and
TFLM's arena: TFLM's own count on the host (reference/<model>.json, arena_used_bytes)
and on Cortex-M4 with CMSIS-NN (../shared/BASELINES.md). TFLM's arena holds the model's
inputs and outputs too; `io` is mcuq's arena with them inside (--io-in-arena).

usage: arena_report.py MODELS_DIR TARGET MODEL[:MAX_ARENA]...

Prints one line per model; FAIL when the arena exceeds MAX_ARENA (a regression guard:
planning must never get worse) or when compilation fails.
"""

import json
import os
import re
import sys

from mcuq import run


def m4_baselines(models_dir):
    """Arena bytes per model from the Cortex-M4 table of BASELINES.md, if present."""
    path = os.path.join(models_dir, "..", "BASELINES.md")
    if not os.path.exists(path):
        return {}
    text = open(path).read()
    section = text.split("## Cortex-M4", 1)[-1].split("\n## ", 1)[0]
    rows = [r for r in section.splitlines() if r.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    col = next(i for i, c in enumerate(header) if c.startswith("arena"))
    result = {}
    for r in rows[2:]:
        cells = [c.strip() for c in r.strip("|").split("|")]
        if len(cells) > col and re.fullmatch(r"[\d,]+", cells[col]):
            result[cells[0]] = int(cells[col].replace(",", ""))
    return result


def main(argv):
    models_dir, target, *specs = argv
    m4 = m4_baselines(models_dir)
    failures = 0
    for spec in specs:
        model, _, ceiling = spec.partition(":")
        path = os.path.join(models_dir, model + ".tflite")
        try:
            summary, _, _ = run.compile_model(path, target)
            io, _, _ = run.compile_model(path, target, extra_args=("--io-in-arena",))
        except run.RunError as e:
            print(f"FAIL {model} {target}: {e}")
            failures += 1
            continue
        with open(os.path.join(models_dir, "reference", model + ".json")) as f:
            tflm = json.load(f)["arena_used_bytes"]
        arena, bound = summary["arena_bytes"], summary["arena_lower_bound"]
        plan = summary.get("arena_plan", {})
        line = (f"{model} {target}: arena={arena} lower_bound={bound} gap={arena - bound} "
                f"io={io['arena_bytes']} tflm_host={tflm} "
                f"ratio_host={io['arena_bytes'] / tflm:.2f}")
        if model in m4:
            line += f" tflm_m4={m4[model]} ratio_m4={io['arena_bytes'] / m4[model]:.2f}"
        line += (f" strategy={plan.get('strategy', '?')} in_place={plan.get('in_place', 0)} "
                 f"peak={plan.get('peak_layer', '?')}")
        if ceiling and arena > int(ceiling):
            print(f"FAIL {line}: over the recorded {ceiling} bytes")
            failures += 1
        else:
            print(f"ARENA {line}")
    return failures


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1:]) else 0)
