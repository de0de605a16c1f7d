"""A private Prosody instance as a federation peer for the s2s interop tests.

ProsodyPeer writes its own configuration, data directory, pid file, log file and self-signed
certificate (openssl) into a temporary directory, listens only on the given loopback address,
registers accounts with `prosodyctl --config FILE register`, and is stopped by its PID. It never
touches the system instance (/etc/prosody, /var/lib/prosody).

Prosody resolves remote domains by DNS (SRV, then A/AAAA, port 5269 without SRV) through
libunbound, which reads /etc/resolv.conf: the caller arranges for that file to name a test DNS
server (see test_s2s_prosody.py, which runs everything in private network and mount namespaces).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

PROSODY = shutil.which("prosody") or "/usr/bin/prosody"
PROSODYCTL = shutil.which("prosodyctl") or "/usr/bin/prosodyctl"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


def lua_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def available():
    """None if Prosody can run here, else the reason it cannot."""
    for tool in (PROSODY, PROSODYCTL, OPENSSL):
        if not os.access(tool, os.X_OK):
            return "%s is not installed (Debian packages prosody, openssl)" % tool
    return None


class ProsodyPeer:
    """One Prosody process serving `domain` on `address` (c2s and s2s ports given)."""

    def __init__(self, domain, address, c2s_port=5222, s2s_port=5269, log_level="debug"):
        self.domain, self.address = domain, address
        self.c2s_port, self.s2s_port = c2s_port, s2s_port
        self.tmpdir = tempfile.mkdtemp(prefix="prosody-peer-")
        self.data_dir = os.path.join(self.tmpdir, "data")
        os.makedirs(self.data_dir, mode=0o750)
        self.config_path = os.path.join(self.tmpdir, "prosody.cfg.lua")
        self.log_path = os.path.join(self.tmpdir, "prosody.log")
        self.pid_path = os.path.join(self.tmpdir, "prosody.pid")
        self.cert_path = os.path.join(self.tmpdir, domain + ".crt")
        self.key_path = os.path.join(self.tmpdir, domain + ".key")
        self.console_path = os.path.join(self.tmpdir, "console.log")
        self.log_level = log_level
        self.proc = None

    # -- setup
    def _make_certificate(self):
        subprocess.run([OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                        "-subj", "/CN=" + self.domain,
                        "-addext", "subjectAltName=DNS:%s,DNS:*.%s" % (self.domain, self.domain),
                        "-keyout", self.key_path, "-out", self.cert_path],
                       check=True, capture_output=True, timeout=60)

    def _write_config(self):
        ssl = "{ certificate = %s; key = %s; }" % (lua_string(self.cert_path),
                                                    lua_string(self.key_path))
        text = """-- Written by tests/integration/prosody_peer.py for one test run.
run_as_root = true          -- CI runs the tests as root
pidfile = {pid}
data_path = {data}
log = {{ {{ levels = {{ min = "{level}" }}, to = "file", filename = {log} }} }}
interfaces = {{ {addr} }}
local_interfaces = {{ {addr} }}
c2s_ports = {{ {c2s} }}
s2s_ports = {{ {s2s} }}
c2s_direct_tls_ports = {{ }}
s2s_direct_tls_ports = {{ }}
admin_socket = {data_sock}
certificates = {certs}
modules_enabled = {{ "roster"; "saslauth"; "tls"; "dialback"; "disco"; "ping"; "posix"; }}
modules_disabled = {{ "s2s_bidi"; }}
authentication = "internal_hashed"
storage = "internal"
c2s_require_encryption = true
s2s_require_encryption = true   -- Prosody 0.12's default: the peer must offer STARTTLS
s2s_secure_auth = false         -- self-signed certificates: fall back to dialback
ssl = {ssl}
VirtualHost {domain}
  ssl = {ssl}
""".format(pid=lua_string(self.pid_path), data=lua_string(self.data_dir),
           level=self.log_level, log=lua_string(self.log_path),
           addr=lua_string(self.address), c2s=self.c2s_port, s2s=self.s2s_port,
           data_sock=lua_string(os.path.join(self.data_dir, "prosody.sock")),
           certs=lua_string(self.tmpdir), ssl=ssl, domain=lua_string(self.domain))
        with open(self.config_path, "w") as f:
            f.write(text)

    def _listening(self, port):
        try:
            with socket.create_connection((self.address, port), timeout=1):
                return True
        except OSError:
            return False

    # -- lifecycle
    def start(self):
        self._make_certificate()
        self._write_config()
        with open(self.console_path, "wb") as console:
            self.proc = subprocess.Popen([PROSODY, "-F", "--config", self.config_path],
                                         stdin=subprocess.DEVNULL, stdout=console,
                                         stderr=subprocess.STDOUT, cwd=self.tmpdir)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("prosody exited with %s\n%s" % (self.proc.returncode,
                                                                     self.diagnostics()))
            if self._listening(self.c2s_port) and self._listening(self.s2s_port):
                return self
            time.sleep(0.2)
        self.stop()
        raise AssertionError("prosody did not listen within %.0f s\n%s"
                             % (START_TIMEOUT, self.diagnostics()))

    def register(self, user, password):
        r = subprocess.run([PROSODYCTL, "--config", self.config_path, "register", user,
                            self.domain, password],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
                           cwd=self.tmpdir)
        if r.returncode != 0:
            raise AssertionError("prosodyctl register %s@%s exited %d\n%s%s"
                                 % (user, self.domain, r.returncode, r.stdout, r.stderr))

    def stop(self):
        """SIGTERM to our PID, SIGKILL of that PID after STOP_TIMEOUT s."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.kill(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=STOP_TIMEOUT)
        except ProcessLookupError:
            pass

    def cleanup(self):
        self.stop()
        if os.environ.get("DJABBERD_KEEP_TMP"):
            sys.stderr.write("keeping %s\n" % self.tmpdir)
        else:
            shutil.rmtree(self.tmpdir, ignore_errors=True)

    # -- diagnostics
    def log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def log_tail(self, n=300):
        return "\n".join(self.log().splitlines()[-n:])

    def diagnostics(self):
        try:
            with open(self.console_path, encoding="utf-8", errors="replace") as f:
                console = f.read()
        except OSError:
            console = ""
        return "--- prosody console ---\n%s\n--- prosody log ---\n%s" % (console, self.log_tail())
