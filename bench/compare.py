#!/usr/bin/python3
"""djabberd side by side with Prosody and ejabberd: memory per idle connection (plain TCP and
STARTTLS), logins/s, messages/s, message latency, server CPU per message and presence fan-out,
each server on CPU 0 and the generator on CPU 1, the same users and scenarios for all. Prints a
table with ratios to the best server and writes bench/results/compare-DATE.json. Builds and
installs nothing."""

import argparse
import datetime
import glob
import json
import os
import shutil
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import compare_table, procinfo  # noqa: E402
from benchlib.djabberd_server import DjabberdServer  # noqa: E402
from benchlib.ejabberd_server import EBIN_ROOT, EjabberdServer  # noqa: E402
from benchlib.generator_target import GeneratorTarget  # noqa: E402
from benchlib.idle_round import bytes_per_connection, idle_round  # noqa: E402
from benchlib.machine import machine  # noqa: E402
from benchlib.presence_rosters import ContactGroups  # noqa: E402
from benchlib.prosody_server import ProsodyServer  # noqa: E402
from benchlib.run_results import core_runs, fanout_result  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PASSWORD = "bench-pw"
FANOUT_PREFIX = "fan"  # the fan-out's users, apart from the other scenarios' bench<i>
SERVERS = ("djabberd", "prosody", "ejabberd")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--servers", default=",".join(SERVERS),
                   help="comma-separated, in this order in the table (djabberd,prosody,ejabberd)")
    p.add_argument("--djabberd", default=os.path.join(REPO, "build", "actors", "djabberd"))
    p.add_argument("--loadgen", default=os.path.join(REPO, "build", "bench", "djabberd-loadgen"))
    p.add_argument("--prosody", default="/usr/bin/prosody")
    p.add_argument("--erl", default="/usr/bin/erl", help="Erlang, for ejabberd (/usr/bin/erl)")
    p.add_argument("--idle", type=int, default=5000,
                   help="idle connections (5000; the open-files limit bounds it: each costs the "
                   "server and the generator a descriptor; above ~28,000 add --source-ips)")
    p.add_argument("--idle-rate", type=float, default=100,
                   help="new idle connections per second (100)")
    p.add_argument("--settle", type=float, default=30,
                   help="seconds between the last idle login and the memory sample (30): idle "
                   "means silent for that long, for every server (djabberd frees an idle "
                   "session's XML parser after 10-20 s of silence)")
    p.add_argument("--source-ips", default="",
                   help="generator source addresses for the idle run, e.g. 127.0.0.2-127.0.0.200")
    p.add_argument("--logins", type=int, default=2000, help="logins of the login-rate run (2000)")
    p.add_argument("--login-rate", type=float, default=5000,
                   help="offered logins/s, i.e. as fast as the server goes (5000)")
    p.add_argument("--pairs", type=int, default=1000, help="messaging pairs (1000)")
    p.add_argument("--window", type=int, default=1,
                   help="saturation: messages in flight per client (1)")
    p.add_argument("--sat-duration", type=float, default=15, help="saturation seconds (15)")
    p.add_argument("--fixed-rate", type=float, default=2000,
                   help="offered msgs/s of the latency run (2000)")
    p.add_argument("--fixed-duration", type=float, default=15, help="latency run seconds (15)")
    p.add_argument("--fanout-users", type=int, default=1010,
                   help="presence fan-out: users logging in (1010; a multiple of --contacts + 1; "
                   "0 = no fan-out run)")
    p.add_argument("--contacts", type=int, default=100,
                   help="presence fan-out: mutual contacts per user (100)")
    p.add_argument("--fanout-rate", type=float, default=5000,
                   help="presence fan-out: offered logins/s, i.e. as fast as the server goes "
                   "(5000)")
    p.add_argument("--fanout-wait", type=float, default=120,
                   help="presence fan-out: seconds after the last login to wait for missing "
                   "presences before giving up (120)")
    p.add_argument("--no-plain", action="store_true",
                   help="skip the plain-TCP idle round (its own server start)")
    p.add_argument("--mech", choices=["SCRAM-SHA-256", "PLAIN"], default="SCRAM-SHA-256")
    p.add_argument("--server-cpu", default="0")
    p.add_argument("--loadgen-cpu", default="1")
    p.add_argument("--quiet-timeout", type=float, default=120,
                   help="seconds to wait, before each run, for other work on the machine to stop "
                   "(120); it goes ahead anyway after that, with a warning")
    p.add_argument("--output", help="JSON file (default: bench/results/compare-DATE.json)")
    p.add_argument("--keep", action="store_true", help="keep the temporary directories")
    p.add_argument("--show", metavar="JSON", help="run nothing: print the tables (text and "
                   "Markdown) of a results file written earlier")
    return p.parse_args()


def check_prerequisites(args, names):
    """Exits with what to do when a binary or a Debian package is missing."""
    problems = []
    for path, what in ((args.loadgen, "djabberd-loadgen"), (args.djabberd, "djabberd")):
        if (what == "djabberd-loadgen" or "djabberd" in names) and not os.access(path, os.X_OK):
            problems.append(f"no {what} at {path}: build the tree first (./tools/build.sh)")
    packages = {"taskset": "util-linux", "openssl": "openssl"}
    if "prosody" in names:
        packages[args.prosody] = "prosody"
    if "ejabberd" in names:
        packages[args.erl] = "ejabberd"
        if not glob.glob(os.path.join(EBIN_ROOT, "ejabberd-*", "ebin")):
            problems.append("ejabberd is not installed: apt-get install -y ejabberd "
                            "(listed in tools/install-deps.sh)")
    for binary, package in packages.items():
        if not shutil.which(binary):
            problems.append(f"{binary} not found: apt-get install -y {package} "
                            "(listed in tools/install-deps.sh)")
    if problems:
        sys.exit("compare: " + "\ncompare: ".join(problems))
    if procinfo.pids_named("beam.smp"):
        # Not ours (ours has not started yet): e.g. the Debian ejabberd service, if systemd
        # started it at install. It does not clash (own node name and ports) but takes CPU.
        print("compare: warning: other Erlang VMs run (the system ejabberd? `systemctl stop "
              "ejabberd` or `ejabberdctl stop`); they compete for the CPUs", file=sys.stderr)


def make_server(args, name, workdir, users, plain=False, rosters=None):
    """`plain`: encryption not required on the STARTTLS port (the plain-TCP idle round);
    `rosters`: a ContactGroups provisioned into the server's roster storage. djabberd always
    runs with the roster_sqlite plugin: the peers always load rosters at login too."""
    if name == "djabberd":
        return DjabberdServer(args.djabberd, workdir, users, PASSWORD, cpu=args.server_cpu,
                              require_encryption=not plain, roster_sqlite=True, rosters=rosters)
    if name == "prosody":
        return ProsodyServer(args.prosody, workdir, users, PASSWORD, cpu=args.server_cpu,
                             storage="hashed", require_encryption=not plain, rosters=rosters)
    return EjabberdServer(workdir, users, PASSWORD, cpu=args.server_cpu, erl=args.erl,
                          require_encryption=not plain, rosters=rosters)


def contact_groups(args):
    """The fan-out's users and rosters, or None without a fan-out run."""
    if not args.fanout_users:
        return None
    return ContactGroups(FANOUT_PREFIX, args.fanout_users, args.contacts)


def user_count(args):
    return max(args.idle, args.logins, 2 * args.pairs)


def idle_memory(args, name, server, port, workdir, loadgen, transport, extra=()):
    """One idle round on a fresh server: RSS before the first login and `--settle` s after the
    last; bytes per connection = the difference / connections online."""
    procinfo.wait_quiet(server.pids(), timeout=args.quiet_timeout)
    before = procinfo.sample_rss_sum_kb(server.pids)
    print(f"[{name}] idle ({transport}): {args.idle} connections at {args.idle_rate}/s",
          file=sys.stderr)
    rnd = idle_round(loadgen, server, port, workdir, 1, count=args.idle, rate=args.idle_rate,
                     settle=args.settle, mech=args.mech, password=PASSWORD,
                     transport=transport, source_ips=args.source_ips,
                     loadgen_cpu=args.loadgen_cpu, extra=extra)
    idle_kb = rnd["memory_idle"]["VmRSS"] if rnd["memory_idle"] else None
    idle = {"transport": transport, "connections_online": rnd["connections_online"],
            "failed": rnd["failed"], "dropped": rnd["dropped"], "failures": rnd["failures"],
            "rss_before_kb": before["VmRSS"], "rss_idle_kb": idle_kb,
            "bytes_per_connection": bytes_per_connection(before["VmRSS"], idle_kb,
                                                         rnd["connections_online"]),
            "memory_before": before, "memory_idle": rnd["memory_idle"],
            "memory_after_close": rnd["memory_after_close"],
            "login_latency_ms": rnd["login_latency_ms"]}
    print(f"[{name}] idle ({transport}): {idle['bytes_per_connection']} bytes/connection",
          file=sys.stderr)
    return idle


def fanout(args, name, target):
    """Presence fan-out: an unmeasured warm-up login of the fan-out users (fills the key
    cache), then all of them log in at --fanout-rate; the time until every client has seen every
    contact's available presence."""
    count = args.fanout_users
    target.run("fanout_warmup", [], 0, count, 500, prefix=FANOUT_PREFIX)
    rep, marks = target.run(
        "fanout", ["--scenario", "presence", "--contacts", str(args.contacts),
                   "--login-timeout", "60"],
        args.fanout_wait, count, args.fanout_rate, prefix=FANOUT_PREFIX)
    result = fanout_result(rep, marks)
    print(f"[{name}] fan-out: {result['time_s']} s, {result['deliveries_per_s']} presences/s, "
          f"{result['missing']} missing", file=sys.stderr)
    return result


def scenarios(args, name, server, port, workdir, loadgen):
    """The scenarios against one running server, in order: idle memory over STARTTLS (on the
    fresh server), a warm-up of the users the idle run did not log in, logins, saturation,
    fixed rate, presence fan-out (its own users, whose rosters nobody else has)."""
    users = user_count(args)
    # Every server stores SCRAM keys with a salt per user: the generator computes each user's
    # key once (idle run, warm-ups) and the measured runs cost it no PBKDF2.
    keys = os.path.join(workdir, "scram-keys")
    idle = idle_memory(args, name, server, port, workdir, loadgen, "starttls",
                       ["--scram-cache", keys])
    target = GeneratorTarget(loadgen, server, port, workdir, args.loadgen_cpu, PASSWORD,
                             scram_cache=keys, quiet_timeout=args.quiet_timeout,
                             common_args=["--mech", args.mech])
    if users > args.idle:
        # Unmeasured: fills the generator's key cache for the rest of the users.
        target.run("warmup", ["--first-index", str(args.idle)], 0, users - args.idle, 500)
    # Prosody runs a PBKDF2 per SCRAM login: 2,000 queued logins can take it over 30 s.
    logins, saturation, fixed = core_runs(target, name, args, ["--login-timeout", "60"])
    out = {"idle": idle, "logins": logins, "saturation": saturation, "fixed_rate": fixed}
    if args.fanout_users:
        try:
            out["fanout"] = fanout(args, name, target)
        except Exception as e:  # noqa: BLE001 - recorded; the other figures stand
            traceback.print_exc()
            out["fanout"] = {"error": f"{type(e).__name__}: {e}"[:2000]}
    return out


def measure_plain(args, name, loadgen):
    """Idle memory over plain TCP: a fresh server of its own whose c2s does not require
    encryption, only the idle users; always stopped at the end."""
    users = [f"bench{i}" for i in range(args.idle)]
    workdir = tempfile.mkdtemp(prefix=f"compare-{name}-plain-")
    server = make_server(args, name, workdir, users, plain=True)
    print(f"[{name}] plain TCP: starting in {workdir}", file=sys.stderr)
    result = {}
    try:
        ports = server.start(timeout=120 + len(users) / 50)
        result = idle_memory(args, name, server, ports["starttls"], workdir, loadgen, "plain")
    except Exception as e:  # noqa: BLE001 - recorded; the other runs still go on
        traceback.print_exc()
        result["error"] = f"{type(e).__name__}: {e}"[:2000]
    finally:
        result["exit_code"] = server.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return result


def measure(args, name, loadgen):
    """The plain-TCP idle round on a server of its own, then a fresh server `name` with its own
    directory and ports for the other scenarios; each always stopped at the end. A failure is
    recorded in the result, and the other servers still run."""
    groups = contact_groups(args)
    users = [f"bench{i}" for i in range(user_count(args))] + (groups.users() if groups else [])
    result = {"version": None}
    if not args.no_plain:
        result["idle_plain"] = measure_plain(args, name, loadgen)
    workdir = tempfile.mkdtemp(prefix=f"compare-{name}-")
    server = make_server(args, name, workdir, users, rosters=groups)
    print(f"[{name}] starting in {workdir}", file=sys.stderr)
    started = time.monotonic()
    result["version"] = server.version()
    try:
        # Provisioning (ejabberd: one write per user and per roster item) is part of the start.
        items = groups.pairs() if groups else 0
        ports = server.start(timeout=120 + len(users) / 50 + items / 1000)
        result["start_s"] = round(time.monotonic() - started, 1)
        result["provision_s"] = getattr(server, "provision_s", None)
        result["ports"] = ports
        result.update(scenarios(args, name, server, ports["starttls"], workdir, loadgen))
    except Exception as e:  # noqa: BLE001 - recorded; the next server still runs
        traceback.print_exc()
        result["error"] = f"{type(e).__name__}: {e}"[:2000]
    finally:
        result["exit_code"] = server.stop()
        print(f"[{name}] stopped (exit {result['exit_code']})", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return result


def show(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    print(compare_table.text_table(doc))
    print()
    print(compare_table.markdown_table(doc))
    for line in compare_table.failures(doc):
        print("problem: " + line)
    return 0


def main():
    args = parse_args()
    if args.show:
        return show(args.show)
    names = [n.strip() for n in args.servers.split(",") if n.strip()]
    if not names or any(n not in SERVERS for n in names):
        sys.exit("compare: --servers takes " + ", ".join(SERVERS))
    if min(args.idle, args.logins, args.pairs) < 1 or args.idle_rate <= 0:
        sys.exit("compare: --idle, --logins, --pairs and --idle-rate must be positive")
    if args.fanout_users and (args.contacts < 1 or args.fanout_users % (args.contacts + 1)):
        sys.exit("compare: --fanout-users must be a multiple of --contacts + 1 (groups of "
                 "mutual contacts)")
    check_prerequisites(args, names)
    started = datetime.datetime.now(datetime.timezone.utc)
    servers = {n: measure(args, n, args.loadgen) for n in names}
    doc = {
        "benchmark": "compare",
        "date": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {"idle": args.idle, "idle_rate": args.idle_rate, "settle_s": args.settle,
                     "source_ips": args.source_ips, "logins": args.logins,
                     "login_rate": args.login_rate, "pairs": args.pairs, "window": args.window,
                     "sat_duration_s": args.sat_duration, "fixed_rate": args.fixed_rate,
                     "fixed_duration_s": args.fixed_duration, "mech": args.mech,
                     "fanout_users": args.fanout_users, "contacts": args.contacts,
                     "fanout_rate": args.fanout_rate, "fanout_wait_s": args.fanout_wait,
                     "plain_idle": not args.no_plain,
                     "transport": "starttls (plain TCP: idle_plain only)",
                     "server_cpu": args.server_cpu,
                     "loadgen_cpu": args.loadgen_cpu, "djabberd": args.djabberd,
                     "loadgen": args.loadgen},
        "servers": servers,
    }
    output = args.output or os.path.join(
        HERE, "results", f"compare-{started.strftime('%Y%m%d-%H%M%S')}.json")
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print(compare_table.text_table(doc))
    problems = compare_table.failures(doc)
    for line in problems:
        print("problem: " + line)
    print(f"results: {output}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
