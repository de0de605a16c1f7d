"""Runs a private ejabberd (never the system service) on loopback ports, for comparison.

The Debian `ejabberdctl` reads /etc/ejabberd/ejabberdctl.cfg (the system instance's config and
pid paths) and, as root, switches to the `ejabberd` user. So this starts the Erlang VM directly,
the way ejabberdctl would (`erl -sname NODE ... -s ejabberd`), as the current user, with
everything in its own work directory: config, certificate, mnesia spool, logs, pid file, and
HOME (so the Erlang cookie is a private one too). Administration commands (user provisioning,
stop) go through `ejabberd_ctl` in a second, hidden Erlang node — what ejabberdctl runs.

`erl` execs `erlexec`, which execs `beam.smp`: the PID of the started process is the VM's.
Erlang distribution needs epmd (a daemon started by the first node if none runs); if this
server started it, `stop` ends it too, by its PID.
"""

import base64
import hashlib
import hmac
import os
import signal
import subprocess
import time

from . import child, presence_rosters, procinfo
from .prosody_server import free_port, wait_listening

EBIN_ROOT = "/usr/lib/x86_64-linux-gnu"


SCRAM_ITERATIONS = 4096  # ejabberd's default


def passwd_record(user, host, password, iterations=SCRAM_ITERATIONS):
    """The Erlang term of ejabberd's `passwd` row for `user` with SCRAM-SHA-256 keys
    (RFC 5802/7677: StoredKey = H(HMAC(salted, "Client Key")), ServerKey = HMAC(salted,
    "Server Key")). Names must be plain ASCII (they go into an Erlang binary literal)."""
    salt = os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(data):
        return base64.b64encode(data).decode()
    return (f'{{passwd,{{<<"{user}">>,<<"{host}">>}},{{scram,<<"{b64(stored_key)}">>,'
            f'<<"{b64(server_key)}">>,<<"{b64(salt)}">>,sha256,{iterations}}}}}.')


class EjabberdServer:
    name = "ejabberd"

    def __init__(self, workdir, users, password, domain="localhost", cpu=0, erl="/usr/bin/erl",
                 require_encryption=True, rosters=None):
        """`require_encryption`: starttls_required on the STARTTLS listener; `rosters`: a
        presence_rosters.ContactGroups written as `roster` records with the users."""
        self.require_encryption = require_encryption
        self.rosters = rosters
        self.erl = erl
        self.workdir = workdir
        self.users = users
        self.password = password
        self.domain = domain
        self.cpu = cpu
        self.proc = None
        self.ports = {}
        self.node = f"djbench{os.getpid()}@localhost"
        self.epmd_pid = None
        self.provision_s = None

    @property
    def pid(self):
        return self.proc.pid

    def pids(self):
        """The VM, its port programs (erl_child_setup, inet_gethost), and epmd if ours."""
        own = [self.proc.pid, *procinfo.descendants(self.proc.pid)]
        return own + ([self.epmd_pid] if self.epmd_pid else [])

    def version(self):
        out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "ejabberd"],
                             capture_output=True, text=True, check=False)
        return "ejabberd " + (out.stdout.strip() or "?")

    def _env(self):
        w = self.workdir
        env = dict(os.environ)
        env.update({
            "HOME": w,  # the Erlang cookie: private to this instance
            "EJABBERD_CONFIG_PATH": f"{w}/ejabberd.yml",
            "EJABBERD_LOG_PATH": f"{w}/logs/ejabberd.log",
            "EJABBERD_PID_PATH": f"{w}/ejabberd.pid",
            "ERL_CRASH_DUMP": f"{w}/logs/erl_crash.dump",
            "ERL_CRASH_DUMP_BYTES": "0",
            "ERL_MAX_PORTS": "262144",  # one port per connection (ejabberdctl's 32000 is too few)
            "ERL_LIBS": EBIN_ROOT,
        })
        return env

    def write_config(self):
        """Self-signed certificate and ejabberd.yml: c2s with STARTTLS required and direct TLS on
        loopback, SCRAM-SHA-256 stored keys in mnesia, no s2s/http/registration/shapers."""
        w = self.workdir
        os.makedirs(f"{w}/logs", exist_ok=True)
        os.makedirs(f"{w}/spool", exist_ok=True)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-keyout", f"{w}/key.pem", "-out",
                        f"{w}/cert.pem", "-days", "30", "-subj", f"/CN={self.domain}",
                        "-addext", f"subjectAltName=DNS:{self.domain}"],
                       check=True, capture_output=True)
        with open(f"{w}/server.pem", "w", encoding="ascii") as out:
            for part in ("cert.pem", "key.pem"):
                with open(f"{w}/{part}", encoding="ascii") as f:
                    out.write(f.read())
        self.ports = {"starttls": free_port(), "direct_tls": free_port()}
        text = (
            "loglevel: warning\n"
            "log_rotate_count: 0\n"
            f"hosts:\n  - {self.domain}\n"
            f'certfiles:\n  - "{w}/server.pem"\n'
            "acme:\n  auto: false\n"
            "listen:\n"
            f'  - port: {self.ports["starttls"]}\n'
            '    ip: "127.0.0.1"\n'
            "    module: ejabberd_c2s\n"
            "    backlog: 4096\n"  # as Prosody's tcp_backlog: a login burst must not overflow
            f"    starttls_required: {'true' if self.require_encryption else 'false'}\n"
            "    max_stanza_size: 262144\n"
            f'  - port: {self.ports["direct_tls"]}\n'
            '    ip: "127.0.0.1"\n'
            "    module: ejabberd_c2s\n"
            "    backlog: 4096\n"
            "    tls: true\n"
            "    max_stanza_size: 262144\n"
            "auth_method: internal\n"
            "auth_password_format: scram\n"
            "auth_scram_hash: sha256\n"
            "default_db: mnesia\n"
            "s2s_access: none\n"
            "modules:\n"
            "  mod_roster: {}\n"
            "  mod_disco: {}\n"
            "  mod_ping: {}\n"
        )
        with open(f"{w}/ejabberd.yml", "w", encoding="utf-8") as f:
            f.write(text)

    def ctl(self, *args, timeout=600):
        """One ejabberd_ctl command against this node (a hidden helper node, like
        ejabberdctl's). Returns the CompletedProcess."""
        helper = f"ctl{os.getpid()}x{time.monotonic_ns() % 100000}@localhost"
        return subprocess.run(
            [self.erl, "-sname", helper, "-hidden", "-noinput", "-s", "ejabberd_ctl",
             "-extra", self.node, *args],
            env=self._env(), cwd=self.workdir, capture_output=True, text=True,
            timeout=timeout, check=False)

    def provision(self):
        """Writes every user's SCRAM-SHA-256 record straight into the `passwd` mnesia table (and
        the fan-out's `roster` records, if any)
        (`mnesia:dirty_write` over Erlang RPC from one hidden helper node), with the keys
        computed here: ejabberd's own ways (`ejabberdctl register`: one VM start per user;
        `import_piefxis`: ~70 ms per user, its SCRAM derivation is Erlang code) take minutes
        for 10,000 users, this takes seconds. The record is what `register` stores (checked
        against ejabberd 23.01): {passwd, {User, Host}, {scram, StoredKey, ServerKey, Salt,
        sha256, Iterations}}, binaries base64-encoded; each user gets a random salt."""
        start = time.monotonic()
        path = os.path.join(self.workdir, "users.terms")
        with open(path, "w", encoding="ascii") as f:
            for name in self.users:
                f.write(passwd_record(name, self.domain, self.password) + "\n")
            if self.rosters is not None:
                for term in presence_rosters.ejabberd_terms(self.domain, self.rosters):
                    f.write(term + "\n")
        script = (f'{{ok, Rs}} = file:consult("{path}"), '
                  f"ok = rpc:call('{self.node}', lists, foreach, [fun mnesia:dirty_write/1, "
                  "Rs], infinity), io:format(\"written ~p roster ~p~n\", [length(Rs), "
                  f"rpc:call('{self.node}', mnesia, table_info, [roster, size])]), halt().")
        helper = f"prov{os.getpid()}@localhost"
        out = subprocess.run([self.erl, "-sname", helper, "-hidden", "-noshell", "-eval", script],
                             env=self._env(), cwd=self.workdir, capture_output=True, text=True,
                             timeout=600, check=False)
        items = self.rosters.pairs() if self.rosters is not None else 0
        if out.returncode != 0 or f"written {len(self.users) + items} roster {items}\n" \
                not in out.stdout:
            raise RuntimeError("ejabberd: writing the users failed: "
                               + (out.stdout + out.stderr)[-2000:])
        written = time.monotonic()
        listed = self.ctl("registered_users", self.domain)
        have = set(listed.stdout.split())
        missing = [u for u in self.users if u not in have]
        if listed.returncode != 0 or missing:
            raise RuntimeError(f"ejabberd: {len(missing)} users missing after the import "
                               f"(e.g. {missing[:3]}): " + listed.stderr[-500:])
        self.provision_s = round(written - start, 1)
        return self.provision_s

    def start(self, timeout):
        self.write_config()
        epmd_before = procinfo.pids_named("epmd")
        out = open(os.path.join(self.workdir, "ejabberd.stdout"), "wb")
        self.proc = child.start_pinned(
            self.cpu,
            [self.erl, "-sname", self.node, "-noinput", "+K", "true", "+P", "1000000",
             "-mnesia", "dir", f'"{self.workdir}/spool"', "-s", "ejabberd"],
            stdin=subprocess.DEVNULL, stdout=out, stderr=out, cwd=self.workdir,
            env=self._env())
        deadline = time.monotonic() + timeout
        try:
            for port in self.ports.values():
                if not wait_listening(port, deadline) or self.proc.poll() is not None:
                    raise RuntimeError("ejabberd did not start; see " + self.workdir)
            new_epmd = [p for p in procinfo.pids_named("epmd") if p not in epmd_before]
            self.epmd_pid = new_epmd[0] if new_epmd else None
            self.provision()
        except BaseException:
            self.stop()
            raise
        return self.ports

    def stop(self):
        """`stop` through ejabberd_ctl (clean mnesia shutdown), then SIGTERM/SIGKILL by PID if
        the VM is still there; then whatever of its port programs outlived it, and the epmd this
        server started, by their PIDs."""
        code = None
        if self.proc and self.proc.poll() is None:
            table = procinfo.process_table()
            helpers = {p: table[p][1] for p in procinfo.descendants(self.proc.pid) if p in table}
            try:
                self.ctl("stop", timeout=30)
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
            code = child.stop(self.proc)
            table = procinfo.process_table()
            for pid, comm in helpers.items():
                if pid in table and table[pid][1] == comm:  # not a reused PID
                    os.kill(pid, signal.SIGKILL)
        elif self.proc:
            code = self.proc.returncode
        if self.epmd_pid and self.epmd_pid in procinfo.pids_named("epmd"):
            os.kill(self.epmd_pid, signal.SIGTERM)
        return code
