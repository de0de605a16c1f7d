#!/usr/bin/python3
"""Captures real client sessions for the fuzz seed corpora: starts djabberd (through the
integration harness, DJABBERD_BIN / DJABBERCTL_BIN as there), logs slixmpp in with SCRAM-SHA-256
and PLAIN, exchanges a message, a ping, a roster get and presence, and records the plaintext
bytes slixmpp sends and receives (after TLS). Writes, under tests/fuzz/corpus/:
  xml_stream/  each stream (between restarts) of both directions, one file each
  c2s_stream/  the whole client byte stream of each login (first byte: piece size for the target)
  sasl/        the decoded SASL messages: PLAIN, and SCRAM client-first NUL client-final
  jid/         every 'to'/'from' address seen
Run by hand: /usr/bin/python3 tests/fuzz/capture_corpus.py (the corpus is checked in)."""

import asyncio
import base64
import hashlib
import os
import re
import ssl
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))

from harness import DjabberdServer  # noqa: E402
import slixmpp  # noqa: E402

CORPUS = os.path.join(HERE, "corpus")


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


async def session(port, jid, password, mech):
    xmpp = slixmpp.ClientXMPP(jid, password, sasl_mech=mech)
    xmpp.ssl_context.check_hostname = False
    xmpp.ssl_context.verify_mode = ssl.CERT_NONE
    mechs = xmpp["feature_mechanisms"]
    orig = mechs.sasl_callback

    def no_channel_binding(required, optional):
        values = orig(required, optional)
        values.pop("channel_binding", None)
        return values

    mechs.sasl_callback = no_channel_binding
    xmpp.register_plugin("xep_0199")
    sent, received = [], []
    orig_send_raw, orig_received = xmpp.send_raw, xmpp.data_received

    def send_raw(data):
        sent.append(data if isinstance(data, str) else data.decode("utf-8", "replace"))
        return orig_send_raw(data)

    def data_received(data):
        received.append(data.decode("utf-8", "replace") if isinstance(data, bytes) else data)
        return orig_received(data)

    xmpp.send_raw = send_raw
    xmpp.data_received = data_received
    done = asyncio.get_running_loop().create_future()

    async def on_start(_):
        xmpp.send_presence()
        await xmpp.get_roster()
        xmpp.send_message(mto=jid, mbody="hello <fuzz> & 'friends'", mtype="chat")
        await xmpp["xep_0199"].ping(jid=xmpp.boundjid.domain, timeout=5)
        xmpp.disconnect()

    xmpp.add_event_handler("session_start", on_start)
    xmpp.add_event_handler("disconnected", lambda _: done.done() or done.set_result(True))
    xmpp.connect(("127.0.0.1", port), force_starttls=True)
    await asyncio.wait_for(done, 30)
    return "".join(sent), "".join(received)


def split_streams(text):
    """Pieces starting at each stream header."""
    starts = [m.start() for m in re.finditer(r"<(\?xml|stream:stream)", text)]
    pieces = []
    for i, s in enumerate(starts):
        if text.startswith("<stream", s) and i > 0 and text.startswith("<?xml", starts[i - 1]):
            continue  # the header after its XML declaration
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        pieces.append(text[s:end])
    return [p for p in pieces if p]


def sasl_messages(client_text):
    out = []
    b64 = [m.group(1) for m in re.finditer(r"<(?:auth|response)[^>]*>([^<]*)<", client_text)]
    decoded = [base64.b64decode(x) for x in b64 if x and x != "="]
    if len(decoded) >= 2:
        out.append(decoded[0] + b"\0" + decoded[1])
    out.extend(decoded)
    return out


def main():
    server = DjabberdServer(c2s={"require_encryption": True})
    try:
        server.start()
        server.adduser("alice@localhost", "alice-pw")
        for mech in ("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"):
            sent, received = asyncio.run(session(server.port, "alice@localhost", "alice-pw", mech))
            for piece in (1, 7, 64):
                write("c2s_stream", bytes([piece - 1]) + sent.encode("utf-8"))
            for stream in split_streams(sent) + split_streams(received):
                write("xml_stream", b"\x3f" + stream.encode("utf-8"))
                write("c2s_stream", b"\x10" + stream.encode("utf-8"))
            for m in sasl_messages(sent):
                write("sasl", m)
            for addr in set(re.findall(r"(?:to|from)=['\"]([^'\"]+)['\"]", sent + received)):
                write("jid", addr)
        print("corpus written to", CORPUS)
    finally:
        server.stop()
        server.cleanup()


if __name__ == "__main__":
    main()
