"""Runs a private Prosody (never the system service) on loopback ports, for comparison."""

import hashlib
import hmac
import os
import socket
import subprocess
import time

from . import child, presence_rosters


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, deadline):
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def hashed_account(password, iterations=4096):
    """The body of an `internal_hashed` account file with SCRAM-SHA-256 keys (Prosody's
    `password_hash = "SHA-256"`): hex StoredKey/ServerKey, a random text salt."""
    salt = os.urandom(16).hex()
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).hexdigest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).hexdigest()
    return (f'return {{["stored_key"] = "{stored_key}"; ["server_key"] = "{server_key}"; '
            f'["salt"] = "{salt}"; ["iteration_count"] = {iterations};}};\n')


class ProsodyServer:
    name = "prosody"

    def __init__(self, binary, workdir, users, password, domain="localhost", cpu=0,
                 storage="plain", require_encryption=True, rosters=None):
        """`storage`: "plain" (`internal_plain`: SCRAM derives the keys at every login) or
        "hashed" (`internal_hashed` with SHA-256 keys stored, like djabberd and ejabberd);
        `require_encryption`: c2s_require_encryption; `rosters`: a
        presence_rosters.ContactGroups written as roster files into the data dir."""
        self.require_encryption = require_encryption
        self.rosters = rosters
        self.storage = storage
        self.binary = binary
        self.workdir = workdir
        self.users = users
        self.password = password
        self.domain = domain
        self.cpu = cpu
        self.proc = None
        self.ports = {}

    @property
    def pid(self):
        return self.proc.pid

    def pids(self):
        """The processes whose memory and CPU count as the server's."""
        return [self.pid]

    def version(self):
        out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "prosody"],
                             capture_output=True, text=True, check=False)
        return "prosody " + (out.stdout.strip() or "?")

    def prepare(self):
        """Self-signed certificate, plaintext accounts written straight into the data dir."""
        w = self.workdir
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-keyout", f"{w}/key.pem", "-out",
                        f"{w}/cert.pem", "-days", "30", "-subj", f"/CN={self.domain}"],
                       check=True, capture_output=True)
        accounts = os.path.join(w, "data", self.domain.replace(".", "%2e"), "accounts")
        os.makedirs(accounts)
        record = f'return {{["password"] = "{self.password}";}};\n'
        for name in self.users:
            if self.storage == "hashed":
                record = hashed_account(self.password)
            with open(os.path.join(accounts, name + ".dat"), "w", encoding="utf-8") as f:
                f.write(record)
        if self.rosters is not None:
            presence_rosters.write_prosody(os.path.join(w, "data"), self.domain, self.rosters)
        self.ports = {"starttls": free_port(), "direct_tls": free_port()}
        ssl = f'{{ key = "{w}/key.pem"; certificate = "{w}/cert.pem"; }}'
        text = (
            f'pidfile = "{w}/prosody.pid"\n'
            f'data_path = "{w}/data"\n'
            "run_as_root = true\n"
            f'log = {{ warn = "{w}/prosody.log" }}\n'
            'modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "ping"; "presence"; }\n'
            'modules_disabled = { "s2s"; "offline"; }\n'
            'interfaces = { "127.0.0.1" }\n'
            f'c2s_ports = {{ {self.ports["starttls"]} }}\n'
            f'c2s_direct_tls_ports = {{ {self.ports["direct_tls"]} }}\n'
            "s2s_ports = { }\nhttp_ports = { }\nhttps_ports = { }\n"
            "network_settings = { tcp_backlog = 4096 }\n"
            + ('authentication = "internal_hashed"\npassword_hash = "SHA-256"\n'
               if self.storage == "hashed" else 'authentication = "internal_plain"\n') +
            f"c2s_require_encryption = {'true' if self.require_encryption else 'false'}\n"
            f"ssl = {ssl}\n"
            f'VirtualHost "{self.domain}"\n'
            f"  ssl = {ssl}\n"
        )
        path = os.path.join(w, "prosody.cfg.lua")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def start(self, timeout):
        config = self.prepare()
        out = open(os.path.join(self.workdir, "prosody.stdout"), "wb")
        self.proc = child.start_pinned(self.cpu, [self.binary, "--config", config, "-F"],
                                       stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        deadline = time.monotonic() + timeout
        for port in self.ports.values():
            if not wait_listening(port, deadline) or self.proc.poll() is not None:
                self.stop()
                raise RuntimeError("prosody did not start; see " + self.workdir)
        return self.ports

    def stop(self):
        return child.stop(self.proc) if self.proc else None
