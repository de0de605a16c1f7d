// Test helper: writes small extauth programs (Python, ejabberd style) into a directory.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>

namespace djabberd::plugins::auth_extauth::testing {

/// An ejabberd-style extauth script. Accounts: alice/secret and colon/"a:b:c" on localhost.
/// Special users: "crash" exits with status 3, "hang" sleeps, "garbage" prints text instead of
/// a reply, "extra" replies 1 followed by stray bytes. argv[1], if given, is a file where each
/// request is logged as "PID op:user:server" and each start as "PID start". `preamble` is
/// Python run before the loop (e.g. to ignore SIGTERM).
inline std::string extauth_script(const std::string& preamble = "") {
  return R"(#!/usr/bin/python3
import os, signal, struct, sys, time
LOG = sys.argv[1] if len(sys.argv) > 1 else None
ACCOUNTS = {"alice": "secret", "colon": "a:b:c"}

def log(text):
    if LOG:
        with open(LOG, "a") as f:
            f.write("%d %s\n" % (os.getpid(), text))

def reply(ok):
    sys.stdout.buffer.write(struct.pack(">hh", 2, 1 if ok else 0))
    sys.stdout.buffer.flush()

)" + preamble +
         R"(
log("start")
while True:
    head = sys.stdin.buffer.read(2)
    if len(head) < 2:
        break
    (size,) = struct.unpack(">H", head)
    fields = sys.stdin.buffer.read(size).decode("utf-8").split(":", 3)
    log(":".join(fields[:3]))
    op, user, server = fields[0], fields[1], fields[2]
    if user == "crash":
        os._exit(3)
    if user == "hang":
        time.sleep(3600)
    if user == "garbage":
        sys.stdout.buffer.write(b"hello world\n")
        sys.stdout.buffer.flush()
        continue
    if user == "extra":
        sys.stdout.buffer.write(struct.pack(">hh", 2, 1) + b"??")
        sys.stdout.buffer.flush()
        continue
    if op == "auth":
        reply(server == "localhost" and ACCOUNTS.get(user) == fields[3])
    elif op == "isuser":
        reply(server == "localhost" and user in ACCOUNTS)
    else:
        reply(False)
)";
}

/// A preamble that makes the script ignore SIGTERM and never exit on end of input.
inline std::string stubborn_preamble() {
  return "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
         "log('start')\n"
         "while True:\n"
         "    time.sleep(3600)\n";
}

/// Writes `text` to `dir`/`name` with mode 0755 and returns the path.
inline std::filesystem::path write_script(const std::filesystem::path& dir, const std::string& name,
                                          const std::string& text) {
  auto path = dir / name;
  std::ofstream(path) << text;
  ::chmod(path.c_str(), 0755);
  return path;
}

}  // namespace djabberd::plugins::auth_extauth::testing
