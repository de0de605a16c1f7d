#!/usr/bin/env bash
# Installs the Debian (bookworm) packages djabberd builds, runs and tests with. Needs root.
set -euo pipefail
packages=(
  build-essential cmake ccache pkg-config
  libcaf-dev libssl-dev openssl libexpat1-dev libtomlplusplus-dev libsqlite3-dev libidn-dev
  libgtest-dev libc-ares-dev
  libpq-dev                                # the PostgreSQL storage plugins (libpq)
  postgresql                               # a throwaway server for their tests (pg_server.py)
  python3 python3-slixmpp libstrophe-dev   # third-party clients used by the integration tests
  prosody                                  # federation peer of tests/integration/test_s2s_prosody.py
  clang libclang-rt-14-dev                 # tools/fuzz.sh: libFuzzer targets of tests/fuzz
)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-deps: packages installed"
