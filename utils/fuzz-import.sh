#!/usr/bin/env bash
# Fuzzes the TFLite importer (mcuq-translate --import-tflite) with libFuzzer.
#
#   utils/fuzz-import.sh <seconds> [extra libFuzzer flags...]
#
# Configures and builds a separate ASan + libFuzzer build in build-fuzz
# (MCUQ_FUZZ_BUILD_DIR overrides it), generates a seed corpus from the small
# test models (test/Target/TFLite/Inputs/models.py) plus ../shared/models when
# present, and runs mcuq-fuzz-import for the given time. New inputs collect in
# <build>/fuzz/corpus, crashes in <build>/fuzz/artifacts; rerun one with
#   <build>/bin/mcuq-fuzz-import <artifact>
# and turn it into a lit test under test/Target/TFLite.
set -euo pipefail

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 <seconds> [libFuzzer flags...]" >&2
  exit 2
fi
seconds=$1
shift

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${MCUQ_FUZZ_BUILD_DIR:-$root/build-fuzz}
llvm=/usr/lib/llvm-22
python=/usr/bin/python3

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

# Everything this build compiles is instrumented for coverage and ASan, with
# assertions on so that failed casts and invariants in our code (and in the
# MLIR headers it inlines) abort instead of passing silently.
cmake -G Ninja -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER="$llvm/bin/clang" \
  -DCMAKE_CXX_COMPILER="$llvm/bin/clang++" \
  -DLLVM_USE_LINKER=lld \
  -DMLIR_DIR="$llvm/lib/cmake/mlir" \
  -DLLVM_EXTERNAL_LIT="$llvm/bin/lit" \
  -DLLVM_ENABLE_ASSERTIONS=ON \
  -DMCUQ_ENABLE_FUZZER=ON \
  -DCMAKE_C_FLAGS="-fsanitize=address,fuzzer-no-link -fno-omit-frame-pointer" \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,fuzzer-no-link -fno-omit-frame-pointer" \
  "${launcher[@]}" >/dev/null
cmake --build "$build" --target mcuq-fuzz-import mcuq-python-fb

fuzz=$build/fuzz
rm -rf "$fuzz/seeds"
mkdir -p "$fuzz/seeds" "$fuzz/corpus" "$fuzz/artifacts"
export PYTHONPATH=$root/python:$build/python MCUQ_BUILD_DIR=$build
"$python" "$root/test/Target/TFLite/Inputs/models.py" --all "$fuzz/seeds"
# Shared models up to 128 KiB: larger inputs cost more per execution than
# they add coverage (the generated models cover the same operators).
shared=$root/../shared/models
if [[ -d $shared ]]; then
  find "$shared" -maxdepth 1 -name '*.tflite' -size -128k \
    -exec cp -f {} "$fuzz/seeds/" \;
else
  echo "note: $shared not found; seeding with generated models only" >&2
fi
printf '"TFL3"\n"\\x00\\x00\\x00\\x00"\n"\\xff\\xff\\xff\\xff"\n"\\x01\\x00\\x00\\x00"\n' \
  >"$fuzz/tflite.dict"

# 10 s per input is a hang.
exec "$build/bin/mcuq-fuzz-import" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
  -max_len=131072 -print_final_stats=1 \
  -dict="$fuzz/tflite.dict" -artifact_prefix="$fuzz/artifacts/" \
  "$@" "$fuzz/corpus" "$fuzz/seeds"
