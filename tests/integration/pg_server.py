"""A throwaway PostgreSQL 15 server for the PostgreSQL storage plugin tests.

PgServer: initdb into a temporary directory, then `postgres` listening on a Unix socket in
that directory and on a free 127.0.0.1 port, with one database (`djabberd`). PostgreSQL
refuses to run as root, so when the tests run as root the directory belongs to the
`postgres` system user and the server is started through setpriv as that user (setpriv
execs, so the PID we hold is the postmaster's). stop() ends it by that PID (SIGINT = fast
shutdown, SIGKILL of that PID only after a bounded wait); restart() stops and starts it on
the same data directory and port, which breaks every client connection.

As a program: `pg_server.py --run CMD [ARGS...]` starts a server, runs CMD with
DJABBERD_TEST_PG_CONNINFO set, stops the server and exits with CMD's status, or 77 (the
ctest skip code) when the PostgreSQL binaries are not installed.

Binaries: $DJABBERD_PG_BINDIR, else /usr/lib/postgresql/15/bin.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

PG_BINDIR = os.environ.get("DJABBERD_PG_BINDIR", "/usr/lib/postgresql/15/bin")
DATABASE = "djabberd"
SUPERUSER = "postgres"
READY_TIMEOUT = 30.0
STOP_TIMEOUT = 30.0
SKIP_EXIT_CODE = 77


def missing_reason():
    """Why no server can be started here, or None."""
    for tool in ("initdb", "postgres", "pg_isready", "psql"):
        if not os.access(os.path.join(PG_BINDIR, tool), os.X_OK):
            return "PostgreSQL binaries not found in %s (install postgresql)" % PG_BINDIR
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' system user to run PostgreSQL"
        if shutil.which("setpriv") is None:
            return "running as root and setpriv (util-linux) is missing"
    return None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self):
        self.tmp = None
        self.port = None
        self.proc = None
        self.log_path = None

    # --- paths and connection strings ---------------------------------------------------------

    @property
    def data_dir(self):
        return os.path.join(self.tmp, "data")

    @property
    def socket_dir(self):
        return self.tmp

    def conninfo(self, dbname=DATABASE):
        """libpq connection string over the Unix socket."""
        return "host=%s port=%d dbname=%s user=%s" % (self.socket_dir, self.port, dbname,
                                                      SUPERUSER)

    def tcp_conninfo(self, dbname=DATABASE):
        """libpq connection string over 127.0.0.1."""
        return "host=127.0.0.1 port=%d dbname=%s user=%s" % (self.port, dbname, SUPERUSER)

    # --- running as the postgres user when we are root ----------------------------------------

    def _as_owner(self, argv):
        if os.geteuid() != 0:
            return argv
        return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] + argv

    def _tool(self, name):
        return os.path.join(PG_BINDIR, name)

    # --- lifecycle ------------------------------------------------------------------------------

    def start(self):
        reason = missing_reason()
        if reason:
            raise RuntimeError(reason)
        self.tmp = tempfile.mkdtemp(prefix="djabberd-pg-")
        os.chmod(self.tmp, 0o755)  # the socket directory: clients of any user may connect
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.tmp, pw.pw_uid, pw.pw_gid)
        self.port = free_port()
        self.log_path = os.path.join(self.tmp, "postgres.log")
        subprocess.run(self._as_owner([self._tool("initdb"), "-D", self.data_dir, "-U", SUPERUSER,
                                       "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=120, cwd=self.tmp)
        self._launch()
        self.psql("CREATE DATABASE %s" % DATABASE, dbname="postgres")
        return self

    def _launch(self):
        # fsync off: a throwaway test server, durability does not matter and it saves time.
        argv = [self._tool("postgres"), "-D", self.data_dir, "-p", str(self.port),
                "-k", self.socket_dir, "-h", "127.0.0.1", "-c", "fsync=off",
                "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen(self._as_owner(argv), stdout=log, stderr=log,
                                         stdin=subprocess.DEVNULL, cwd=self.tmp)
        finally:
            log.close()
        self._wait_ready()

    def _wait_ready(self):
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("postgres exited with %s:\n%s" % (self.proc.returncode,
                                                                     self.log_tail()))
            ready = subprocess.run([self._tool("pg_isready"), "-q", "-h", self.socket_dir,
                                    "-p", str(self.port), "-d", "postgres", "-U", SUPERUSER],
                                   timeout=10)
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError("postgres not ready after %.0f s:\n%s" % (READY_TIMEOUT,
                                                                     self.log_tail()))

    def log_tail(self, n=50):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""

    def psql(self, sql, dbname=DATABASE):
        """Runs SQL as the superuser; returns the unaligned output (raises on error)."""
        out = subprocess.run([self._tool("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                              "-h", self.socket_dir, "-p", str(self.port), "-U", SUPERUSER,
                              "-d", dbname, "-c", sql],
                             check=True, capture_output=True, text=True, timeout=60)
        return out.stdout.strip()

    def stop(self):
        """Fast shutdown of our postmaster by PID; SIGKILL of that PID if it does not end."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(STOP_TIMEOUT)

    def restart(self):
        """Stops and starts the server on the same data and port: every connection breaks."""
        self.stop()
        self._launch()

    def cleanup(self):
        self.stop()
        if self.tmp and not os.environ.get("DJABBERD_KEEP_TMP"):
            shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp = None


def main(argv):
    if len(argv) < 3 or argv[1] != "--run":
        print("usage: pg_server.py --run CMD [ARGS...]", file=sys.stderr)
        return 2
    reason = missing_reason()
    if reason:
        print("pg_server: skipped: " + reason, file=sys.stderr)
        return SKIP_EXIT_CODE
    server = PgServer()
    try:
        server.start()
        env = dict(os.environ, DJABBERD_TEST_PG_CONNINFO=server.conninfo())
        return subprocess.run(argv[2:], env=env).returncode
    finally:
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
