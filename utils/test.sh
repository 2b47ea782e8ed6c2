#!/usr/bin/env bash
# Sets mcuq up (utils/setup.sh), then runs the whole test suite: the lit
# tests (check-mcuq: dialect, import, lowering, host and emulated-MCU
# execution) and the python tooling's unit tests.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MCUQ_BUILD_DIR:-$repo/build}
export MCUQ_BUILD_DIR=$build

"$repo/utils/setup.sh"
cmake --build "$build" --target check-mcuq
cd "$repo"
PYTHONPATH="$repo/python:$build/python" /usr/bin/python3 -m unittest discover -s python/test
