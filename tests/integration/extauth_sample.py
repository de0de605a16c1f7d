#!/usr/bin/python3
"""A sample extauth program for djabberd's auth_extauth plugin (ejabberd extauth protocol).

Usage (djabberd.toml):
    [[vhosts.plugins]]
    name = "auth_extauth"
    program = "/path/to/extauth_sample.py"
    args = ["/path/to/users.json"]

users.json maps bare JIDs to passwords: {"alice@localhost": "secret"}.

Protocol: each request is a 2-byte big-endian length followed by text such as
"auth:User:Server:Password" or "isuser:User:Server" (the password may contain ':', so
split at most 3 times). Each reply is the 2-byte length 2 followed by a 2-byte result,
1 for success and 0 for failure. stdout carries only replies; log to stderr (djabberd
copies it to its own log). The program ends when stdin is closed.
"""

import json
import struct
import sys


def log(text):
    sys.stderr.write("extauth_sample: %s\n" % text)
    sys.stderr.flush()


def load_users(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_request(stream):
    head = stream.read(2)
    if len(head) < 2:
        return None
    (size,) = struct.unpack(">H", head)
    body = stream.read(size)
    if len(body) < size:
        return None
    return body.decode("utf-8", "replace")


def write_reply(stream, ok):
    stream.write(struct.pack(">HH", 2, 1 if ok else 0))
    stream.flush()


def answer(users, request):
    fields = request.split(":", 3)
    op = fields[0]
    if op == "auth" and len(fields) == 4:
        user, server, password = fields[1], fields[2], fields[3]
        ok = users.get("%s@%s" % (user, server)) == password
        log("auth %s@%s: %s" % (user, server, "accepted" if ok else "refused"))
        return ok
    if op == "isuser" and len(fields) >= 3:
        user, server = fields[1], fields[2]
        return "%s@%s" % (user, server) in users
    # setpass, tryregister, removeuser, removeuser3: not supported by this sample.
    log("unsupported request: %s" % op)
    return False


def main():
    users = load_users(sys.argv[1]) if len(sys.argv) > 1 else {}
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        request = read_request(stdin)
        if request is None:
            return 0
        write_reply(stdout, answer(users, request))


if __name__ == "__main__":
    sys.exit(main())
