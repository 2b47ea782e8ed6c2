#!/usr/bin/env bash
# Sets mcuq up (utils/setup.sh) and runs the bundled example: the tiny
# keyword-spotting model compiled for an emulated Cortex-M4, run on QEMU with
# the bundled input; prints the prediction, arena, flash and instructions.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/utils/setup.sh"
exec /usr/bin/python3 "$repo/examples/run_example.py" "$@"
