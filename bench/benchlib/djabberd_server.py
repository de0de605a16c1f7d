"""Runs djabberd on loopback with a temporary config (auth_static users) and finds its ports."""

import os
import re
import subprocess
import time

from . import child, presence_rosters, procinfo

# Every benchmark client connects from the same address (or a few), in bursts: the default caps
# on not-yet-authenticated connections (10 per address) would refuse most of a login burst with
# <policy-violation/>. The peers (Prosody, ejabberd) run without such caps.
BENCH_LIMITS = {"max_unauth_per_ip": 1_000_000, "max_unauth_total": 1_000_000}

LISTEN_RE = re.compile(r"listening kind=(starttls|direct_tls) address=\S+:(\d+)")


class DjabberdServer:
    name = "djabberd"

    def __init__(self, binary, workdir, users, password, domain="localhost", cpu=0,
                 worker_threads=None, require_encryption=True, wrapper=(), keepalive=None,
                 limits=None, roster_sqlite=False, rosters=None):
        """`cpu`: taskset CPU list ("0", "0-1"); `worker_threads`: CAF scheduler threads (None
        = the server's default, one per core); `wrapper`: argv run in front of the server
        (e.g. heaptrack); then the server's PID is found among the wrapper's children;
        `keepalive`: [c2s] keepalive_interval in s (None = the server's default; an idle session
        also releases its XML parser after that long); `limits`: the [limits] keys (None =
        BENCH_LIMITS); `roster_sqlite`: load the roster_sqlite plugin (rosters in the data dir's
        SQLite file); `rosters`: a presence_rosters.ContactGroups written into that file before
        the start (implies roster_sqlite)."""
        self.rosters = rosters
        self.roster_sqlite = roster_sqlite or rosters is not None
        self.limits = BENCH_LIMITS if limits is None else limits
        self.keepalive = keepalive
        self.worker_threads = worker_threads
        self.require_encryption = require_encryption
        self.wrapper = list(wrapper)
        self.binary = binary
        self.workdir = workdir
        self.users = users
        self.password = password
        self.domain = domain
        self.cpu = cpu
        self.proc = None
        self._server_pid = None
        self.ports = {}
        self.log_path = os.path.join(workdir, "djabberd.log")

    @property
    def pid(self):
        """The server's own PID (below the wrapper, if there is one)."""
        if not self.wrapper:
            return self.proc.pid
        if self._server_pid is None:
            self._server_pid = procinfo.find_descendant(self.proc.pid,
                                                        os.path.basename(self.binary))
        return self._server_pid

    def pids(self):
        """The processes whose memory and CPU count as the server's."""
        return [self.pid]

    def version(self):
        """The checkout's commit (the binary may be older: see its date) and the binary."""
        tree = os.path.dirname(os.path.abspath(__file__))
        out = subprocess.run(["git", "-C", tree, "describe", "--always", "--dirty"],
                             capture_output=True, text=True, check=False)
        built = time.strftime("%Y-%m-%d %H:%M", time.gmtime(os.path.getmtime(self.binary)))
        return f"djabberd {out.stdout.strip() or '?'} ({self.binary}, built {built} UTC)"

    def write_config(self):
        # The listening ports are logged at info level only, so the log must be at info.
        users = ", ".join(f'{name} = "{self.password}"' for name in self.users)
        top = f"worker_threads = {self.worker_threads}\n" if self.worker_threads else ""
        keepalive = ("" if self.keepalive is None
                     else f"keepalive_interval = {self.keepalive}\n")
        text = (
            f'data_dir = "{self.workdir}/data"\n'
            f"{top}"
            "[log]\n"
            'level = "info"\n'
            f'file = "{self.log_path}"\n'
            "[c2s]\n"
            'listen = ["127.0.0.1:0"]\n'
            'direct_tls_listen = ["127.0.0.1:0"]\n'
            f"require_encryption = {'true' if self.require_encryption else 'false'}\n"
            f"{keepalive}"
            "[limits]\n"
            + "".join(f"{key} = {value}\n" for key, value in self.limits.items()) +
            "[[vhosts]]\n"
            f'domain = "{self.domain}"\n'
            "  [[vhosts.plugins]]\n"
            '  name = "auth_static"\n'
            f"  users = {{ {users} }}\n"
            + ('  [[vhosts.plugins]]\n  name = "roster_sqlite"\n' if self.roster_sqlite else "")
        )
        path = os.path.join(self.workdir, "djabberd.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def start(self, timeout):
        """Starts the server; returns once it logged 'djabberd ready' with both ports."""
        config = self.write_config()
        if self.rosters is not None:
            presence_rosters.write_djabberd(os.path.join(self.workdir, "data"), self.domain,
                                            self.rosters)
        stderr = open(os.path.join(self.workdir, "djabberd.stderr"), "wb")
        self.proc = child.start_pinned(self.cpu, [*self.wrapper, self.binary, f"--conf={config}"],
                                       stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"djabberd exited with {self.proc.returncode}: "
                                   + self.tail_of_logs())
            text = self.read_log()
            self.ports = {kind: int(port) for kind, port in LISTEN_RE.findall(text)}
            if "djabberd ready" in text and len(self.ports) == 2:
                return self.ports
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"djabberd not ready after {timeout} s: " + self.tail_of_logs())

    def read_log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def tail_of_logs(self):
        try:
            with open(os.path.join(self.workdir, "djabberd.stderr"), errors="replace") as f:
                err = f.read()
        except FileNotFoundError:
            err = ""
        return (err + self.read_log())[-2000:]

    def stop(self):
        return child.stop(self.proc) if self.proc else None
