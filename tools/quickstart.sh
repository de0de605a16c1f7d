#!/usr/bin/env bash
# Quick start, command 1: install the packages, build, and start djabberd in the foreground on
# the default configuration (config/djabberd.toml: domain "localhost", SQLite in ./data, a
# self-signed certificate generated on first start). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install-deps.sh
./tools/build.sh
cat <<'TXT'

djabberd is starting on localhost (STARTTLS on 127.0.0.1:5222, direct TLS on 127.0.0.1:5223).
Add the first account from another terminal (works while the server runs):

    ./build/tools/djabberctl/djabberctl --conf=config/djabberd.toml adduser admin@localhost 'a-good-password'

then log in as admin@localhost with any XMPP client (accept the self-signed certificate).

TXT
exec ./build/actors/djabberd --conf=config/djabberd.toml
