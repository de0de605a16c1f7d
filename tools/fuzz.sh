#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) into ./build-fuzz and runs
# each for N seconds (default 20): tools/fuzz.sh [SECONDS]. New inputs collect in
# build-fuzz/tests/fuzz/work/<target>; a crash leaves build-fuzz/tests/fuzz/crash-<target>-*
# and fails the run. Copy such a file to tests/fuzz/regressions/<target>/ once it is fixed: the
# fuzz_replay.<target> ctest tests of every build replay it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
jobs="${JOBS:-2}"
if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ not found (apt-get install clang)" >&2
  exit 1
fi
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDJABBERD_FUZZ=ON -DDJABBERD_FUZZ_SECONDS="$seconds" >/dev/null
nice cmake --build build-fuzz -j"$jobs" --target fuzz_xml_stream fuzz_jid fuzz_sasl fuzz_c2s_stream
ctest --test-dir build-fuzz -L fuzz -j"$jobs" --output-on-failure --timeout $((seconds + 120))
