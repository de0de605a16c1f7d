#!/usr/bin/env bash
# Configures and builds djabberd into ./build (ccache when available, two jobs by default).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${JOBS:-2}"
cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build build -j"$jobs"
