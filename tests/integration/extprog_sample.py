#!/usr/bin/python3
"""A sample program for djabberd's extprog plugin: roster storage in a JSON file and a
message filter, speaking extprog's line protocol (one JSON object per line each way).

    program = "extprog_sample.py"
    args = ["/var/lib/djabberd/rosters.json", "/run/djabberd/extprog.pid"]   # pid file optional
    hooks = ["roster.get", "roster.set_item", "roster.remove", "roster.wipe", "c2s.filter"]

Rosters are kept as {"owner@host": [item, ...]} and the file is rewritten after every change,
so a restarted program serves what was stored before. c2s.filter drops messages whose XML
contains "forbidden-word"; c2s.route answers chat messages to echo@VHOST (body reversed);
deliver appends messages to sink@VHOST to DATA.sink. For tests: roster.get for an owner whose name starts with "sleepy"
hangs (sleeps a minute) instead of answering.
"""

import json
import os
import re
import xml.etree.ElementTree as ET
import sys
import time

DATA = sys.argv[1]
PIDFILE = sys.argv[2] if len(sys.argv) > 2 else None


def log(text):
    # stderr goes to the server's log
    sys.stderr.write("extprog_sample: %s\n" % text)
    sys.stderr.flush()


def load():
    try:
        with open(DATA) as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def save(rosters):
    tmp = DATA + ".tmp"
    with open(tmp, "w") as f:
        json.dump(rosters, f, indent=1)
    os.replace(tmp, DATA)


def stanza_to(stanza, kind):
    """The 'to' of a serialized stanza of this kind, or None."""
    try:
        e = ET.fromstring(stanza)
    except ET.ParseError:
        return None
    return e.get("to") if e.tag.endswith("}" + kind) or e.tag == kind else None


def handle(req, rosters):
    hook = req["hook"]
    owner = req.get("owner", "")
    if hook == "roster.get":
        if owner.startswith("sleepy"):
            log("roster.get %s: sleeping" % owner)
            time.sleep(60)
        return {"result": "handled", "items": rosters.get(owner, [])}
    if hook == "roster.set_item":
        item = req["item"]
        items = [i for i in rosters.get(owner, []) if i["jid"] != item["jid"]]
        # replace in place to keep the insertion order
        old = rosters.get(owner, [])
        pos = next((n for n, i in enumerate(old) if i["jid"] == item["jid"]), len(items))
        items.insert(pos, item)
        rosters[owner] = items
        save(rosters)
        log("roster.set_item %s %s" % (owner, item["jid"]))
        return {"result": "handled", "stored": True}
    if hook == "roster.remove":
        rosters[owner] = [i for i in rosters.get(owner, []) if i["jid"] != req["contact"]]
        save(rosters)
        return {"result": "handled", "removed": True}
    if hook == "roster.wipe":
        rosters.pop(owner, None)
        save(rosters)
        return {"result": "handled", "wiped": True}
    if hook == "deliver":
        # A sink: messages to sink@VHOST are appended to DATA + ".sink" instead of delivered.
        stanza = req["stanza"]
        if stanza_to(stanza, "message") == "sink@%s" % req["vhost"]:
            with open(DATA + ".sink", "a") as f:
                f.write(stanza + "\n")
            return {"result": "handled"}
        return {"result": "declined"}
    if hook == "c2s.route":
        # A bot: a chat message to echo@VHOST is consumed and answered with its body reversed.
        stanza = req["stanza"]
        m = re.search(r"<body>([^<]*)</body>", stanza)
        if stanza_to(stanza, "message") == "echo@%s" % req["vhost"] and m:
            log("c2s.route: answered %s" % req["jid"])
            reply = ("<message xmlns=\"jabber:client\" from=\"echo@%s\" to=\"%s\" type=\"chat\">"
                     "<body>%s</body></message>" % (req["vhost"], req["jid"], m.group(1)[::-1]))
            return {"result": "handled", "reply": reply}
        return {"result": "declined"}
    if hook == "c2s.filter":
        if req["stanza"].startswith("<message") and "forbidden-word" in req["stanza"]:
            log("c2s.filter: dropped a message from %s" % req["jid"])
            return {"result": "handled"}
        return {"result": "declined"}
    return {"result": "declined"}


def main():
    if PIDFILE:
        with open(PIDFILE, "w") as f:
            f.write("%d\n" % os.getpid())
    log("started, pid %d" % os.getpid())
    rosters = load()
    for line in sys.stdin:  # EOF: the server closed our stdin, exit
        try:
            req = json.loads(line)
        except ValueError:
            log("not JSON: %r" % line)
            continue
        reply = handle(req, rosters)
        reply["id"] = req["id"]
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
