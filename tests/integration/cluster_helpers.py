"""Helpers for the cluster tests: free ports, the nodes' rendezvous hashing (the same function
as actors/cluster/rendezvous.cpp, so a test can pick accounts whose home is a given node), and a
restartable server with a [cluster] section."""

import os
import socket
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import toml_value  # noqa: E402
from im_helpers import RestartableServer  # noqa: E402

SECRET = "cluster-test-secret-0123456789"
MASK = (1 << 64) - 1


def free_port():
    """A loopback TCP port that was free a moment ago (the middleman must be told a port:
    other nodes connect to it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fnv1a(h, data):
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & MASK
    return h


def _mix(x):
    x ^= x >> 30
    x = (x * 0xbf58476d1ce4e5b9) & MASK
    x ^= x >> 27
    x = (x * 0x94d049bb133111eb) & MASK
    return x ^ (x >> 31)


def rendezvous_weight(node, key):
    h = _fnv1a(0xcbf29ce484222325, node.encode())
    h = _fnv1a(h, b"\0")
    return _mix(_fnv1a(h, key.encode()))


def home_of(bare_jid, nodes):
    """The node (name) that is the home of `bare_jid` among `nodes`."""
    return sorted(nodes, key=lambda n: (-rendezvous_weight(n, bare_jid), n))[0]


def name_homed_at(prefix, domain, nodes, home, counter):
    """A fresh user name whose bare JID's home among `nodes` is `home`."""
    for i in range(10000):
        name = "%s%d_%d" % (prefix, counter, i)
        if home_of("%s@%s" % (name, domain), nodes) == home:
            return name
    raise AssertionError("no name homed at %s" % home)


def cluster_extra(node, port, seeds, secret=SECRET, heartbeat_ms=200, failure_timeout_ms=2000,
                  tls=None):
    """The [cluster] section; `tls` = (cert, key, ca) paths for TLS between nodes."""
    lines = ["[cluster]",
             "node = %s" % toml_value(node),
             "listen = %s" % toml_value("127.0.0.1:%d" % port),
             "seeds = %s" % toml_value(["127.0.0.1:%d" % p for p in seeds]),
             "secret = %s" % toml_value(secret),
             "heartbeat_ms = %d" % heartbeat_ms,
             "failure_timeout_ms = %d" % failure_timeout_ms]
    if tls:
        lines += ["tls_cert = %s" % toml_value(tls[0]), "tls_key = %s" % toml_value(tls[1]),
                  "tls_ca = %s" % toml_value(tls[2])]
    return "\n".join(lines) + "\n"


def make_ca_and_cert(folder, name):
    """A throwaway CA and a node certificate it signed (openssl CLI, P-256, one day):
    returns (cert, key, ca) paths."""
    def run(*args):
        subprocess.run(["openssl"] + list(args), check=True, capture_output=True, timeout=60)
    ca_key, ca = os.path.join(folder, name + "-ca.key"), os.path.join(folder, name + "-ca.pem")
    key, csr = os.path.join(folder, name + ".key"), os.path.join(folder, name + ".csr")
    cert = os.path.join(folder, name + ".pem")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    run("req", "-x509", *ec, "-keyout", ca_key, "-out", ca, "-subj", "/CN=%s-ca" % name,
        "-days", "1")
    run("req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=" + name)
    run("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
        "-out", cert, "-days", "1")
    return cert, key, ca


class ClusterNode(RestartableServer):
    """One djabberd process as a cluster node (its own data directory and ports)."""

    def __init__(self, name, port, seeds, vhosts, secret=SECRET, tls=None, extra=""):
        """`extra`: more TOML tables (e.g. [limits]) before the [cluster] section."""
        self.name = name
        self.cluster_port = port
        super().__init__(vhosts=vhosts,
                         extra=extra + cluster_extra(name, port, seeds, secret, tls=tls))

    def cluster_info(self):
        """djabberctl cluster as a dict of its key=value lines."""
        out = self.ctl_ok("cluster").stdout
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def members(self):
        return sorted(k[len("member."):] for k in self.cluster_info() if k.startswith("member."))
