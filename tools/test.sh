#!/usr/bin/env bash
# Quick start, command 2: install the packages, build, and run every test (unit + integration).
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install-deps.sh
./tools/build.sh
ctest --test-dir build -j"${JOBS:-2}" --output-on-failure --timeout 300
