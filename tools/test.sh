#!/usr/bin/env bash
# Quick start, command 2: install the packages, build, and run every test (unit + integration).
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install-deps.sh
./tools/build.sh
ctest --test-dir build -j"${JOBS:-2}" --output-on-failure --timeout 300
# A bounded libFuzzer run of every fuzz target (clang, ASan + UBSan; FUZZ_SECONDS each, 0 skips).
if [ "${FUZZ_SECONDS:-15}" -gt 0 ]; then ./tools/fuzz.sh "${FUZZ_SECONDS:-15}"; fi
