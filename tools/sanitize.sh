#!/usr/bin/env bash
# The sanitizer configuration: builds everything with -fsanitize=address,undefined into
# ./build-asan and runs the unit and integration tests there (UBSan findings abort the test).
# tools/sanitize.sh [CTEST_ARGS...], e.g. tools/sanitize.sh -R integration.sasl
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${JOBS:-2}"
# DJABBERD_TEST_SLOWDOWN: sanitized code runs 2-3x slower, so the integration tests' waiting
# bounds (tests/integration/harness.py) and their ctest timeouts grow by this factor.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDJABBERD_SANITIZE=ON \
  -DDJABBERD_TEST_SLOWDOWN="${DJABBERD_TEST_SLOWDOWN:-3}" >/dev/null
nice cmake --build build-asan -j"$jobs"
# detect_leaks=0: the daemon is stopped by signals in the integration tests, and CAF 0.17 keeps
# process-lifetime allocations; set ASAN_OPTIONS yourself to hunt leaks in one test.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:strict_string_checks=1}"
# tools/ubsan.supp: third-party (CAF 0.17) findings only, each explained there.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tools/ubsan.supp}"
nice ctest --test-dir build-asan -j"$jobs" --output-on-failure --timeout 600 -LE fuzz "$@"
