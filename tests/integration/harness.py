"""Integration test harness for djabberd.

Two parts:

* DjabberdServer: writes a TOML configuration into a temporary directory, starts
  `djabberd --conf=...` with port 0 listeners, collects its log (stderr) on a reader
  thread so the pipe never fills, reads the real ports from the `listening kind=...
  address=...` lines, waits for `djabberd ready`, runs djabberctl, and stops the
  daemon by PID (SIGTERM, then SIGKILL of that PID only after 10 s).
* XmppClient: a raw XMPP client over a socket (plain TCP with STARTTLS, or direct
  TLS) that sends raw XML and parses what the server sends incrementally with
  xml.etree.ElementTree.XMLPullParser (namespace-aware). It implements STARTTLS,
  SASL PLAIN and SCRAM-SHA-1/SHA-256 (with -PLUS over tls-server-end-point),
  resource binding and the legacy session request. Every read has a deadline, so no
  test can hang.

ServerTestCase is a unittest base class that runs one daemon per test class.

Binaries: $DJABBERD_BIN and $DJABBERCTL_BIN, else those in the build folder of this source
tree.

Other environment variables (all optional):
  DJABBERD_KEEP_TMP=1           keep each server's temporary directory (config, data, certs)
  DJABBERD_TEST_DEBUG=1         slixmpp debug logging in test_login_slixmpp
  DJABBERD_TEST_EXTERNAL=P1:P2  do not start djabberd; use a server already listening on
                                127.0.0.1 (STARTTLS port P1, direct TLS port P2) whose
                                accounts exist -- only to check the tests' own logic
                                against another server (e.g. a local Prosody)
  DJABBERD_TEST_DEFAULT_MECH    the mechanism of login helpers (default SCRAM-SHA-256),
                                for such a server without SCRAM-SHA-256
  DJABBERD_TEST_SLOWDOWN=F      multiplies the harness's waiting bounds (default 1) for a
                                slower build; tools/sanitize.sh sets it (ASan/UBSan code is
                                2-3x slower). Only bounds grow; no assertion changes.

A sanitizer report (AddressSanitizer, UndefinedBehaviorSanitizer) in a daemon's log fails the
test that stops that daemon, also when the report came during shutdown.

A failing test class prints the last 300 lines of its server's log on stderr.
"""

import base64
import hashlib
import hmac
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid
import xml.etree.ElementTree as ET

# --- Namespaces -----------------------------------------------------------------------------------

NS_STREAM = "http://etherx.jabber.org/streams"
NS_CLIENT = "jabber:client"
NS_STREAMS_ERR = "urn:ietf:params:xml:ns:xmpp-streams"
NS_STANZA_ERR = "urn:ietf:params:xml:ns:xmpp-stanzas"
NS_TLS = "urn:ietf:params:xml:ns:xmpp-tls"
NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl"
NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind"
NS_SESSION = "urn:ietf:params:xml:ns:xmpp-session"
NS_SASL_CB = "urn:xmpp:sasl-cb:0"
NS_PING = "urn:xmpp:ping"

# Sanitizer builds run several times slower; their ctest timeouts grow by the same kind of
# factor (tests/integration/CMakeLists.txt).
SLOWDOWN = max(1.0, float(os.environ.get("DJABBERD_TEST_SLOWDOWN") or 1))
DEFAULT_TIMEOUT = 10.0 * SLOWDOWN
READY_TIMEOUT = 20.0 * SLOWDOWN
STOP_TIMEOUT = 10.0 * SLOWDOWN
# Waiting for a stream error: the server answers within milliseconds on loopback; a shorter
# bound keeps a file with many failing tests under ctest's 120 s.
STREAM_ERROR_TIMEOUT = 5.0 * SLOWDOWN
DOMAIN = "localhost"
# The mechanism login helpers use (overridable only to check the tests against a server
# without SCRAM-SHA-256).
DEFAULT_MECH = os.environ.get("DJABBERD_TEST_DEFAULT_MECH", "SCRAM-SHA-256")


def q(ns, local):
    """Clark notation: {ns}local."""
    return "{%s}%s" % (ns, local)


def xml_escape(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&apos;").replace('"', "&quot;"))


def to_string(elem):
    """Serialises an element for failure messages."""
    if elem is None:
        return "<None>"
    try:
        return ET.tostring(elem, encoding="unicode")
    except Exception:  # pragma: no cover - diagnostics only
        return repr(elem)


# --- Binaries ------------------------------------------------------------------------------------

_HERE = os.path.dirname(os.path.abspath(__file__))
_SOURCE_ROOT = os.path.dirname(os.path.dirname(_HERE))


def _default_bin(relpath):
    """The binary built from this source tree (./build); DJABBERD_BIN / DJABBERCTL_BIN name
    others."""
    return os.path.join(_SOURCE_ROOT, "build", relpath)


def djabberd_bin():
    return os.environ.get("DJABBERD_BIN") or _default_bin("actors/djabberd")


def djabberctl_bin():
    return os.environ.get("DJABBERCTL_BIN") or _default_bin("tools/djabberctl/djabberctl")


# --- TOML writing ---------------------------------------------------------------------------------

def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join("%s = %s" % (k, toml_value(x)) for k, x in v.items()) + " }"
    raise TypeError("cannot write %r as TOML" % (v,))


def default_plugins():
    return [
        {"name": "auth_sqlite"},
        {"name": "roster_sqlite"},
        {"name": "offline_sqlite"},
        {"name": "carbons"},
        {"name": "auth_static", "users": {"static_user": "static-pass"}},
    ]


def make_config(data_dir, c2s=None, vhosts=None, log_level="debug", extra=""):
    """The TOML text of a configuration. `c2s` adds keys to [c2s] (listen addresses
    default to port 0); `vhosts` is a list of dicts {domain, plugins}."""
    c2s_keys = {"listen": ["127.0.0.1:0"], "direct_tls_listen": ["127.0.0.1:0"]}
    c2s_keys.update(c2s or {})
    if vhosts is None:
        vhosts = [{"domain": DOMAIN, "plugins": default_plugins()}]
    lines = ['data_dir = %s' % toml_value(data_dir), extra, "[log]",
             "level = %s" % toml_value(log_level), "[c2s]"]
    for k, v in c2s_keys.items():
        lines.append("%s = %s" % (k, toml_value(v)))
    for vh in vhosts:
        lines.append("[[vhosts]]")
        lines.append("domain = %s" % toml_value(vh["domain"]))
        lines.append('tls_cert = %s' % toml_value(vh.get("tls_cert", "")))
        lines.append('tls_key = %s' % toml_value(vh.get("tls_key", "")))
        for k, v in vh.items():  # further vhost keys, e.g. s2s_auth
            if k not in ("domain", "tls_cert", "tls_key", "plugins"):
                lines.append("%s = %s" % (k, toml_value(v)))
        for p in vh.get("plugins", default_plugins()):
            lines.append("  [[vhosts.plugins]]")
            for k, v in p.items():
                lines.append("  %s = %s" % (k, toml_value(v)))
    return "\n".join(lines) + "\n"


# --- The daemon ----------------------------------------------------------------------------------

_LISTEN_RE = re.compile(r"listening kind=(starttls|direct_tls) address=([0-9.]+|\[[0-9a-fA-F:.]+\]):(\d+)")
# The [s2s] listeners (federation) announce themselves differently.
_S2S_LISTEN_RE = re.compile(r"s2s listener kind=(starttls|direct_tls) address=([0-9.]+|\[[0-9a-fA-F:.]+\]):(\d+)")


class ServerError(AssertionError):
    pass


# The first line of an ASan/LSan report ("==PID==ERROR: AddressSanitizer: ...") and of a UBSan
# report ("file.cpp:12:5: runtime error: ...").
_SANITIZER_RE = re.compile(r"==\d+==ERROR: (Address|Leak)Sanitizer|^\S+:\d+:\d+: runtime error: ")


def sanitizer_report(log_lines, max_lines=80):
    """The first sanitizer report in a daemon's log lines (at most max_lines), or None."""
    for i, line in enumerate(log_lines):
        if _SANITIZER_RE.search(line):
            return "\n".join(log_lines[i:i + max_lines])
    return None


class DjabberdServer:
    """One djabberd process with its own temporary directory and configuration."""

    def __init__(self, c2s=None, vhosts=None, extra=""):
        self.tmpdir = tempfile.mkdtemp(prefix="djabberd-it-")
        self.data_dir = os.path.join(self.tmpdir, "data")
        os.makedirs(self.data_dir, exist_ok=True)
        self.conf_path = os.path.join(self.tmpdir, "djabberd.toml")
        with open(self.conf_path, "w") as f:
            f.write(make_config(self.data_dir, c2s=c2s, vhosts=vhosts, extra=extra))
        self.proc = None
        self.returncode = None
        self._log_lines = []
        self._log_cond = threading.Condition()
        self._reader = None
        self._run_log_start = 0  # the first log line of the current run (start() again restarts)
        self._sanitizer_checked = False
        self.starttls_ports = []
        self.direct_tls_ports = []
        self.s2s_ports = []  # [s2s] listen, then direct_tls_listen, as (kind, port)

    # -- log collection
    def _read_log(self, stream):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self._log_cond:
                self._log_lines.append(line)
                self._log_cond.notify_all()
        stream.close()
        with self._log_cond:
            self._log_cond.notify_all()

    @property
    def log(self):
        with self._log_cond:
            return "\n".join(self._log_lines)

    def log_tail(self, n=200):
        with self._log_cond:
            return "\n".join(self._log_lines[-n:])

    def wait_for_log(self, pattern, timeout=DEFAULT_TIMEOUT, start=0):
        """Waits for a log line (from line index `start` on) matching regex `pattern`.
        Returns the match or None on timeout / process exit."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._log_cond:
            i = start
            while True:
                while i < len(self._log_lines):
                    m = rx.search(self._log_lines[i])
                    if m:
                        return m
                    i += 1
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                if self.proc is not None and self.proc.poll() is not None and \
                        (self._reader is None or not self._reader.is_alive()):
                    return None
                self._log_cond.wait(min(remaining, 0.2))

    def log_line_count(self):
        with self._log_cond:
            return len(self._log_lines)

    # -- lifecycle
    def start(self):
        binary = djabberd_bin()
        if not os.access(binary, os.X_OK):
            raise ServerError("djabberd binary not found or not executable: %s "
                              "(set DJABBERD_BIN)" % binary)
        self.proc = subprocess.Popen([binary, "--conf=" + self.conf_path],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, cwd=self.tmpdir)
        with self._log_cond:
            self._run_log_start = len(self._log_lines)
        self._sanitizer_checked = False
        self._reader = threading.Thread(target=self._read_log, args=(self.proc.stdout,),
                                        daemon=True)
        self._reader.start()
        m = self.wait_for_log(r"djabberd ready", timeout=READY_TIMEOUT)
        if m is None:
            rc = self.proc.poll()
            state = ("exited with code %s" % rc) if rc is not None else "still running"
            self.stop()
            raise ServerError("djabberd did not log 'djabberd ready' within %.0f s (%s).\n"
                              "config %s:\n%s\n--- log ---\n%s"
                              % (READY_TIMEOUT, state, self.conf_path,
                                 open(self.conf_path).read(), self.log))
        for line in self.log.splitlines():
            for kind, host, port in _LISTEN_RE.findall(line):
                (self.starttls_ports if kind == "starttls" else self.direct_tls_ports).append(int(port))
            for kind, host, port in _S2S_LISTEN_RE.findall(line):
                self.s2s_ports.append((kind, int(port)))
        if not self.starttls_ports or not self.direct_tls_ports:
            self.stop()
            raise ServerError("could not read both listener ports from the log "
                              "(starttls=%r direct_tls=%r)\n--- log ---\n%s"
                              % (self.starttls_ports, self.direct_tls_ports, self.log))
        return self

    @property
    def port(self):
        return self.starttls_ports[0]

    @property
    def tls_port(self):
        return self.direct_tls_ports[0]

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def signal(self, sig):
        if self.running():
            os.kill(self.proc.pid, sig)

    def wait(self, timeout):
        """Waits for the process to exit; returns its exit code or None."""
        try:
            self.returncode = self.proc.wait(timeout=timeout)
            return self.returncode
        except subprocess.TimeoutExpired:
            return None

    def stop(self, timeout=STOP_TIMEOUT):
        """SIGTERM, wait, SIGKILL of this PID only after `timeout` s. Returns the exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            try:
                os.kill(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.kill(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=timeout)
        self.returncode = self.proc.returncode
        if self._reader is not None:
            self._reader.join(timeout=5)
        self._check_sanitizers()
        return self.returncode

    def _check_sanitizers(self):
        """Fails (once) when the daemon's log holds an ASan/UBSan report: the daemon may have
        died of it, or hit it while shutting down, which no XMPP assertion would notice."""
        if self._sanitizer_checked:
            return
        self._sanitizer_checked = True
        with self._log_cond:
            report = sanitizer_report(self._log_lines[self._run_log_start:])
        if report is not None:
            raise ServerError("sanitizer report in the log of djabberd (%s):\n%s"
                              % (self.conf_path, report))

    def cleanup(self):
        try:
            self.stop()
        finally:
            if os.environ.get("DJABBERD_KEEP_TMP"):
                sys.stderr.write("keeping %s\n" % self.tmpdir)
            else:
                shutil.rmtree(self.tmpdir, ignore_errors=True)

    # -- djabberctl
    def ctl(self, *args, timeout=30):
        binary = djabberctl_bin()
        if not os.access(binary, os.X_OK):
            raise ServerError("djabberctl binary not found or not executable: %s "
                              "(set DJABBERCTL_BIN)" % binary)
        return subprocess.run([binary, "--conf=" + self.conf_path] + list(args),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout, cwd=self.tmpdir)

    def ctl_ok(self, *args):
        r = self.ctl(*args)
        if r.returncode != 0:
            raise ServerError("djabberctl %s exited %d\nstdout: %s\nstderr: %s"
                              % (" ".join(args), r.returncode, r.stdout, r.stderr))
        return r

    def adduser(self, jid, password):
        return self.ctl_ok("adduser", jid, password)


class ExternalServer:
    """An already running server (only for checking the tests' own logic)."""

    def __init__(self, spec):
        a, b = spec.split(":")
        self.starttls_ports, self.direct_tls_ports = [int(a)], [int(b)]
        self.proc = None

    port = property(lambda self: self.starttls_ports[0])
    tls_port = property(lambda self: self.direct_tls_ports[0])

    def adduser(self, jid, password):
        pass

    def log_tail(self, n=200):
        return "(external server)"

    def cleanup(self):
        pass


# --- SASL helpers ---------------------------------------------------------------------------------

def b64e(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return base64.b64encode(data).decode("ascii")


def b64d(text):
    return base64.b64decode((text or "").strip().encode("ascii"), validate=True)


def saslname(name):
    return name.replace("=", "=3D").replace(",", "=2C")


def tls_server_end_point(der):
    """RFC 5929 §4.1: the hash of the server certificate, with the certificate's
    signature hash algorithm, where MD5 and SHA-1 are replaced by SHA-256."""
    algo = "sha256"
    try:
        from cryptography import x509  # Debian python3-cryptography, optional
        cert = x509.load_der_x509_certificate(der)
        h = cert.signature_hash_algorithm
        if h is not None and h.name not in ("md5", "sha1"):
            algo = h.name
        elif h is None:
            # EdDSA has no separate hash; OpenSSL uses SHA-512 for Ed25519.
            algo = "sha512"
    except ImportError:
        pass
    except Exception:
        pass
    return hashlib.new(algo, der).digest()


class ScramClient:
    """RFC 5802 SCRAM client side (SHA-1, SHA-256; -PLUS over tls-server-end-point)."""

    def __init__(self, hash_name, username, password, authzid=None, cb_flag="n",
                 cb_data=b"", cnonce=None):
        self.hash_name = hash_name  # 'sha1' / 'sha256'
        self.username = username
        self.password = password
        self.authzid = authzid
        self.cb_flag = cb_flag  # 'n', 'y' or 'p=<type>'
        self.cb_data = cb_data
        self.cnonce = cnonce or base64.b64encode(secrets.token_bytes(18)).decode().replace("=", "")
        gs2 = cb_flag + "," + (("a=" + saslname(authzid)) if authzid else "") + ","
        self.gs2_header = gs2
        self.client_first_bare = "n=%s,r=%s" % (saslname(username), self.cnonce)
        self.server_signature = None

    def _hmac(self, key, msg):
        return hmac.new(key, msg, self.hash_name).digest()

    def first(self):
        return (self.gs2_header + self.client_first_bare).encode("utf-8")

    def final(self, server_first):
        server_first = server_first.decode("utf-8")
        attrs = dict(kv.split("=", 1) for kv in server_first.split(","))
        nonce = attrs["r"]
        if not nonce.startswith(self.cnonce) or len(nonce) <= len(self.cnonce):
            raise AssertionError("server nonce %r does not extend client nonce %r" % (nonce, self.cnonce))
        salt = base64.b64decode(attrs["s"])
        iterations = int(attrs["i"])
        cbind = self.gs2_header.encode("utf-8") + (self.cb_data if self.cb_flag.startswith("p=") else b"")
        without_proof = "c=%s,r=%s" % (base64.b64encode(cbind).decode(), nonce)
        salted = hashlib.pbkdf2_hmac(self.hash_name, self.password.encode("utf-8"), salt, iterations)
        client_key = self._hmac(salted, b"Client Key")
        stored_key = hashlib.new(self.hash_name, client_key).digest()
        auth_message = ",".join([self.client_first_bare, server_first, without_proof]).encode("utf-8")
        client_sig = self._hmac(stored_key, auth_message)
        proof = bytes(a ^ b for a, b in zip(client_key, client_sig))
        server_key = self._hmac(salted, b"Server Key")
        self.server_signature = self._hmac(server_key, auth_message)
        return (without_proof + ",p=" + base64.b64encode(proof).decode()).encode("utf-8")

    def verify_server_final(self, server_final):
        text = server_final.decode("utf-8")
        attrs = dict(kv.split("=", 1) for kv in text.split(",") if "=" in kv)
        if "e" in attrs:
            return False
        return base64.b64decode(attrs.get("v", "")) == self.server_signature


class SaslResult:
    def __init__(self, ok, condition=None, element=None, server_verified=None, text=None):
        self.ok = ok
        self.condition = condition  # failure condition local name, or None
        self.element = element
        self.server_verified = server_verified
        self.text = text

    def __repr__(self):
        return "SaslResult(ok=%r, condition=%r, element=%s)" % (self.ok, self.condition,
                                                                 to_string(self.element))


def condition_of(elem, ns):
    """Local name of the first child of `elem` in namespace `ns` other than <text/>."""
    if elem is None:
        return None
    for child in elem:
        if child.tag.startswith("{%s}" % ns) and child.tag != q(ns, "text"):
            return child.tag.split("}", 1)[1]
    return None


def stream_error_problems(elem):
    """RFC 6120 §4.9.2 syntax of <stream:error/>: exactly one defined condition and an
    optional <text/>, both qualified by urn:ietf:params:xml:ns:xmpp-streams (other
    children are application-specific conditions in other namespaces). Returns a list of
    problems (empty if fine)."""
    problems = []
    conditions = [c for c in elem if c.tag.startswith("{%s}" % NS_STREAMS_ERR)
                  and c.tag != q(NS_STREAMS_ERR, "text")]
    if len(conditions) != 1:
        problems.append("%d defined conditions (want exactly 1)" % len(conditions))
    for child in elem:
        ns, _, local = child.tag[1:].partition("}") if child.tag.startswith("{") else ("", "", child.tag)
        if local == "text" and ns != NS_STREAMS_ERR:
            problems.append("<text/> is in namespace %r, not %r (missing xmlns on <text/>?)"
                            % (ns, NS_STREAMS_ERR))
    return problems


def stanza_error_condition(stanza):
    err = stanza.find(q(NS_CLIENT, "error"))
    return condition_of(err, NS_STANZA_ERR), (err.get("type") if err is not None else None)


# --- The raw client ------------------------------------------------------------------------------

class StreamClosed(AssertionError):
    pass


class XmppTimeout(AssertionError):
    pass


class XmppClient:
    """A raw XMPP client. Elements the server sends at depth 1 of the stream are queued;
    wait_for() takes the first queued (or arriving) element that matches a predicate,
    leaving the others queued."""

    def __init__(self, port, host="127.0.0.1", direct_tls=False, domain=DOMAIN,
                 timeout=DEFAULT_TIMEOUT, source=None):
        self.domain = domain
        self.timeout = timeout
        # `source`: the local address to connect from (e.g. "127.0.0.2": another client address).
        self.sock = socket.create_connection((host, port), timeout=timeout,
                                             source_address=(source, 0) if source else None)
        self.sock.settimeout(timeout)
        self.tls = False
        self.peer_cert_der = None
        self.received_bytes = bytearray()
        self.jid = None
        self._id = 0
        if direct_tls:
            self._wrap_tls()
        self._reset_parser()

    # -- transport
    def _tls_context(self):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE  # the server's certificate is self-signed
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        return ctx

    def _wrap_tls(self, **ctx_opts):
        ctx = self._tls_context()
        for k, v in ctx_opts.items():
            setattr(ctx, k, v)
        self.sock = ctx.wrap_socket(self.sock, server_hostname=self.domain)
        self.sock.settimeout(self.timeout)
        self.tls = True
        self.peer_cert_der = self.sock.getpeercert(binary_form=True)

    @property
    def tls_version(self):
        return self.sock.version() if self.tls else None

    def _reset_parser(self):
        self.parser = ET.XMLPullParser(events=("start", "end", "start-ns"))
        self.depth = 0
        self.root = None
        self.header = None  # the server's <stream:stream> element (attributes only)
        self.header_ns = {}
        self._pending_ns = {}
        self.queue = []
        self.stream_ended = False  # the server sent </stream:stream>
        self.eof = False  # the TCP/TLS connection is closed for reading
        self.parse_error = None

    def send(self, data, ignore_errors=False):
        if isinstance(data, str):
            data = data.encode("utf-8")
        try:
            self.sock.sendall(data)
        except (OSError, ssl.SSLError):
            if not ignore_errors:
                raise

    def _recv_once(self, deadline):
        """Reads once (bounded by deadline) and feeds the parser. Returns False on timeout."""
        if self.eof:
            return False
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        self.sock.settimeout(min(remaining, self.timeout))
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            return False
        except ssl.SSLWantReadError:
            return True
        except (ConnectionResetError, BrokenPipeError, ssl.SSLError, OSError):
            data = b""
        finally:
            try:
                self.sock.settimeout(self.timeout)
            except OSError:
                pass
        if not data:
            self.eof = True
            return True
        self.received_bytes += data
        self._feed(data)
        return True

    def _feed(self, data):
        if self.parse_error is not None:
            return
        try:
            self.parser.feed(data)
            events = list(self.parser.read_events())
        except ET.ParseError as e:
            self.parse_error = e
            return
        for event, payload in events:
            if event == "start-ns":
                prefix, uri = payload
                self._pending_ns[prefix] = uri
            elif event == "start":
                self.depth += 1
                if self.depth == 1:
                    self.root = payload
                    self.header = payload
                    self.header_ns = dict(self._pending_ns)
                self._pending_ns = {}
            elif event == "end":
                if self.depth == 2:
                    self.queue.append(payload)
                    if self.root is not None:
                        try:
                            self.root.remove(payload)
                        except ValueError:
                            pass
                elif self.depth == 1:
                    self.stream_ended = True
                self.depth -= 1

    def _describe(self):
        tail = bytes(self.received_bytes[-2000:]).decode("utf-8", "replace")
        return ("queued=%s stream_ended=%s eof=%s parse_error=%s\nlast bytes received: %s"
                % ([to_string(e) for e in self.queue], self.stream_ended, self.eof,
                   self.parse_error, tail))

    def wait_for(self, pred=None, timeout=None, what="element"):
        """The first top-level element satisfying `pred` (default: any). Raises
        XmppTimeout after `timeout` s, StreamClosed if the stream ends first."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while True:
            for i, elem in enumerate(self.queue):
                if pred is None or pred(elem):
                    return self.queue.pop(i)
            if self.stream_ended or self.eof or self.parse_error is not None:
                raise StreamClosed("stream closed while waiting for %s; %s" % (what, self._describe()))
            if time.monotonic() >= deadline:
                raise XmppTimeout("timed out after %.1f s waiting for %s; %s"
                                  % (timeout, what, self._describe()))
            self._recv_once(deadline)

    def wait_tag(self, tag, timeout=None):
        return self.wait_for(lambda e: e.tag == tag, timeout, what=tag)

    def poll(self, timeout=1.0):
        """Reads for up to `timeout` s and returns whatever top-level elements are queued
        (removing them). Does not raise on close."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not (self.eof or self.parse_error):
            self._recv_once(deadline)
        out, self.queue = self.queue, []
        return out

    def wait_closed(self, timeout=None):
        """Waits until the server has sent </stream:stream> and closed the connection.
        Returns (stream_ended, eof)."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        answered = False
        while not self.eof and time.monotonic() < deadline:
            if (self.stream_ended or self.parse_error is not None) and not answered:
                # RFC 6120 §4.4: answer the closing tag so the server need not time out.
                self.send("</stream:stream>", ignore_errors=True)
                answered = True
            self._recv_once(deadline)
        return self.stream_ended, self.eof

    def wait_header(self, timeout=None):
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while self.header is None:
            if self.eof or self.parse_error is not None:
                raise StreamClosed("no stream header; %s" % self._describe())
            if time.monotonic() >= deadline:
                raise XmppTimeout("timed out waiting for the stream header; %s" % self._describe())
            self._recv_once(deadline)
        return self.header

    def wait_stream_error(self, timeout=None):
        """Waits for <stream:error/>; returns (condition, element). Raises if the
        stream closes without one."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while True:
            for i, elem in enumerate(self.queue):
                if elem.tag == q(NS_STREAM, "error"):
                    self.queue.pop(i)
                    return condition_of(elem, NS_STREAMS_ERR), elem
            if self.eof or self.parse_error is not None or self.stream_ended:
                raise StreamClosed("stream closed without <stream:error/>; %s" % self._describe())
            if time.monotonic() >= deadline:
                raise XmppTimeout("timed out waiting for <stream:error/>; %s" % self._describe())
            self._recv_once(deadline)

    # -- stream
    def stream_header(self, to=None, version="1.0", xmlns=NS_CLIENT, stream_ns=NS_STREAM,
                      extra_attrs="", xml_decl=True):
        to = self.domain if to is None else to
        attrs = "xmlns='%s' xmlns:stream='%s'" % (xmlns, stream_ns)
        if to:
            attrs += " to='%s'" % xml_escape(to)
        if version:
            attrs += " version='%s'" % version
        attrs += " xml:lang='en'"
        if extra_attrs:
            attrs += " " + extra_attrs
        return ("<?xml version='1.0'?>" if xml_decl else "") + "<stream:stream %s>" % attrs

    def open_stream(self, **kw):
        """Sends a stream header (a restart resets the parser first) and waits for the
        server's header and <stream:features/>; returns the features element."""
        self._reset_parser()
        self.send(self.stream_header(**kw))
        self.wait_header()
        return self.wait_tag(q(NS_STREAM, "features"))

    def starttls(self, **ctx_opts):
        """STARTTLS (after the first stream features); returns the new features."""
        self.send("<starttls xmlns='%s'/>" % NS_TLS)
        resp = self.wait_for(lambda e: e.tag in (q(NS_TLS, "proceed"), q(NS_TLS, "failure")),
                             what="<proceed/>")
        if resp.tag != q(NS_TLS, "proceed"):
            raise AssertionError("STARTTLS refused: %s" % to_string(resp))
        self._wrap_tls(**ctx_opts)
        return self.open_stream()

    def close(self):
        try:
            if not self.eof:
                self.send("</stream:stream>", ignore_errors=True)
        finally:
            try:
                self.sock.close()
            except OSError:
                pass

    def next_id(self, prefix="id"):
        self._id += 1
        return "%s%d-%s" % (prefix, self._id, uuid.uuid4().hex[:6])

    # -- SASL
    def _sasl_wait(self):
        return self.wait_for(lambda e: e.tag in (q(NS_SASL, "challenge"), q(NS_SASL, "success"),
                                                  q(NS_SASL, "failure")),
                             what="SASL challenge/success/failure")

    def _sasl_outcome(self, elem, scram=None):
        if elem.tag == q(NS_SASL, "failure"):
            text = elem.find(q(NS_SASL, "text"))
            return SaslResult(False, condition_of(elem, NS_SASL), elem,
                              text=text.text if text is not None else None)
        verified = None
        if scram is not None:
            data = b64d(elem.text) if (elem.text or "").strip() not in ("", "=") else b""
            verified = scram.verify_server_final(data) if data else False
        return SaslResult(True, None, elem, server_verified=verified)

    def auth_plain(self, username, password, authzid=""):
        msg = "%s\0%s\0%s" % (authzid, username, password)
        self.send("<auth xmlns='%s' mechanism='PLAIN'>%s</auth>" % (NS_SASL, b64e(msg)))
        return self._sasl_outcome(self._sasl_wait())

    def channel_binding_data(self):
        return tls_server_end_point(self.peer_cert_der)

    def auth_scram(self, username, password, mech="SCRAM-SHA-256", authzid=None,
                   cb_flag=None, cb_data=None):
        """SCRAM-SHA-1 / SCRAM-SHA-256 (-PLUS: tls-server-end-point). cb_flag/cb_data
        override the GS2 flag and the binding data (for negative tests)."""
        plus = mech.endswith("-PLUS")
        hash_name = {"SHA-1": "sha1", "SHA-256": "sha256", "SHA-512": "sha512"}[
            mech[len("SCRAM-"):].replace("-PLUS", "")]
        if cb_flag is None:
            cb_flag = "p=tls-server-end-point" if plus else "n"
        if cb_data is None:
            cb_data = self.channel_binding_data() if cb_flag.startswith("p=") else b""
        scram = ScramClient(hash_name, username, password, authzid=authzid, cb_flag=cb_flag,
                            cb_data=cb_data)
        self.send("<auth xmlns='%s' mechanism='%s'>%s</auth>" % (NS_SASL, mech, b64e(scram.first())))
        resp = self._sasl_wait()
        if resp.tag != q(NS_SASL, "challenge"):
            return self._sasl_outcome(resp)
        final = scram.final(b64d(resp.text))
        self.send("<response xmlns='%s'>%s</response>" % (NS_SASL, b64e(final)))
        resp = self._sasl_wait()
        if resp.tag == q(NS_SASL, "challenge"):
            # server-final-message in a challenge (RFC 6120 §6.3.10 allows it); the
            # client answers with an empty response and the server sends <success/>.
            data = b64d(resp.text)
            ok = scram.verify_server_final(data)
            self.send("<response xmlns='%s'/>" % NS_SASL)
            resp = self._sasl_wait()
            res = self._sasl_outcome(resp)
            if res.ok:
                res.server_verified = ok
            return res
        return self._sasl_outcome(resp, scram)

    def authenticate(self, username, password, mech="SCRAM-SHA-256", **kw):
        if mech == "PLAIN":
            return self.auth_plain(username, password, **kw)
        return self.auth_scram(username, password, mech=mech, **kw)

    # -- bind / session / stanzas
    def bind(self, resource=None):
        """Returns the iq result (or error) to a bind request."""
        iq_id = self.next_id("bind")
        res = ("<resource>%s</resource>" % xml_escape(resource)) if resource is not None else ""
        self.send("<iq type='set' id='%s'><bind xmlns='%s'>%s</bind></iq>" % (iq_id, NS_BIND, res))
        reply = self.wait_for(lambda e: e.tag == q(NS_CLIENT, "iq") and e.get("id") == iq_id,
                              what="bind result")
        if reply.get("type") == "result":
            jid = reply.find("%s/%s" % (q(NS_BIND, "bind"), q(NS_BIND, "jid")))
            self.jid = jid.text if jid is not None else None
        return reply

    def session(self):
        iq_id = self.next_id("sess")
        self.send("<iq type='set' id='%s'><session xmlns='%s'/></iq>" % (iq_id, NS_SESSION))
        return self.wait_for(lambda e: e.tag == q(NS_CLIENT, "iq") and e.get("id") == iq_id,
                             what="session result")

    def iq(self, type_, payload, to=None, timeout=None):
        """Sends an IQ and waits for its result/error (matched by id)."""
        iq_id = self.next_id("iq")
        to_attr = (" to='%s'" % xml_escape(to)) if to else ""
        self.send("<iq type='%s' id='%s'%s>%s</iq>" % (type_, iq_id, to_attr, payload))
        return self.wait_for(lambda e: e.tag == q(NS_CLIENT, "iq") and e.get("id") == iq_id
                             and e.get("type") in ("result", "error"), timeout, what="iq %s" % iq_id)

    def send_message(self, to, body, type_="chat", msg_id=None, extra_attrs=""):
        msg_id = msg_id or self.next_id("msg")
        self.send("<message to='%s' type='%s' id='%s'%s><body>%s</body></message>"
                  % (xml_escape(to), type_, msg_id, (" " + extra_attrs) if extra_attrs else "",
                     xml_escape(body)))
        return msg_id

    def wait_message(self, pred=None, timeout=None):
        return self.wait_for(lambda e: e.tag == q(NS_CLIENT, "message") and (pred is None or pred(e)),
                             timeout, what="message")

    # -- whole login
    def login(self, username, password, mech=None, resource=None, session=True):
        """Stream open (+STARTTLS unless already on TLS), SASL, restart, bind (and the
        optional session). Returns the bound full JID."""
        mech = mech or DEFAULT_MECH
        feats = self.open_stream()
        if not self.tls:
            if feats.find(q(NS_TLS, "starttls")) is None:
                raise AssertionError("no STARTTLS offered: %s" % to_string(feats))
            self.starttls()
        res = self.authenticate(username, password, mech=mech)
        if not res.ok:
            raise AssertionError("SASL %s as %s failed: %r" % (mech, username, res))
        feats = self.open_stream()
        if feats.find(q(NS_BIND, "bind")) is None:
            raise AssertionError("no bind feature after SASL: %s" % to_string(feats))
        reply = self.bind(resource)
        if reply.get("type") != "result" or not self.jid:
            raise AssertionError("bind failed: %s" % to_string(reply))
        if session and feats.find(q(NS_SESSION, "session")) is not None:
            self.session()
        return self.jid


def bare(jid):
    return jid.split("/", 1)[0]


# --- unittest base class ---------------------------------------------------------------------------

class ServerTestCase(unittest.TestCase):
    """Runs one djabberd for the whole test class. Subclasses may set c2s_options,
    vhosts, and users (added with djabberctl once the server is ready)."""

    c2s_options = None
    limits = None  # keys of the [limits] section
    vhosts = None
    users = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"}
    domain = DOMAIN

    @classmethod
    def setUpClass(cls):
        cls._had_failure = False
        if os.environ.get("DJABBERD_TEST_EXTERNAL"):
            # Validation of the test logic against another server (e.g. Prosody) whose
            # accounts already exist: DJABBERD_TEST_EXTERNAL=STARTTLS_PORT:DIRECT_TLS_PORT
            cls.server = ExternalServer(os.environ["DJABBERD_TEST_EXTERNAL"])
            return
        extra = "".join("\n%s = %s" % (k, toml_value(v)) for k, v in (cls.limits or {}).items())
        cls.server = DjabberdServer(c2s=cls.c2s_options, vhosts=cls.vhosts,
                                    extra=("[limits]" + extra + "\n") if cls.limits else "")
        cls.addClassCleanup(cls._cleanup_server)
        cls.server.start()
        for user, pw in cls.users.items():
            cls.server.adduser("%s@%s" % (user, cls.domain), pw)

    @classmethod
    def _cleanup_server(cls):
        server = cls.server
        if server.proc is not None and cls._had_failure:
            server.stop()
            sys.stderr.write("\n===== djabberd log (%s) =====\n%s\n===== end of log =====\n"
                             % (cls.__name__, server.log_tail(300)))
        server.cleanup()

    def run(self, result=None):
        before = (len(result.failures), len(result.errors)) if result is not None else None
        out = super().run(result)
        if result is not None and (len(result.failures), len(result.errors)) != before:
            type(self)._had_failure = True
        return out

    # -- helpers
    def client(self, direct_tls=False, **kw):
        port = self.server.tls_port if direct_tls else self.server.port
        c = XmppClient(port, direct_tls=direct_tls, domain=kw.pop("domain", self.domain), **kw)
        self.addCleanup(c.close)
        return c

    def logged_in(self, user="alice", password=None, resource=None, mech=None,
                  direct_tls=False):
        password = self.users[user] if password is None else password
        c = self.client(direct_tls=direct_tls)
        c.login(user, password, mech=mech, resource=resource)
        return c

    def tls_stream(self, direct_tls=False):
        """A client on TLS with an open stream, ready for SASL; returns (client, features)."""
        c = self.client(direct_tls=direct_tls)
        feats = c.open_stream()
        if not direct_tls:
            feats = c.starttls()
        return c, feats

    def assertStreamError(self, client, condition, timeout=None, require_close=True):
        """Asserts a <stream:error/> with `condition` (one name or a tuple), then that the
        server closes the stream (</stream:stream>) and the connection (RFC 6120 §4.9.1.1)."""
        cond, elem = client.wait_stream_error(STREAM_ERROR_TIMEOUT if timeout is None else timeout)
        allowed = (condition,) if isinstance(condition, str) else tuple(condition)
        self.assertIn(cond, allowed, "wrong stream error condition: %s" % to_string(elem))
        # The syntax of the error element (stream_error_problems) is checked by a test of
        # its own, so that one bug there does not hide the conditions checked here.
        if require_close:
            ended, eof = client.wait_closed()
            self.assertTrue(ended, "server did not send </stream:stream> after the stream error "
                                   "(RFC 6120 §4.9.1.1); %s" % client._describe())
            self.assertTrue(eof, "server did not close the connection after the stream error")
        return cond, elem
