"""Turns a generator report and the CPU marks of its run into login or messaging figures, and
runs the login and messaging measurements compare.py and cores.py share."""

import sys


def login_result(report, marks):
    """Logins/s, login time, failures and server/generator CPU per login of one login run."""
    cpu = marks.between("launch", "ready")
    established = report["established"]
    return {
        "offered_rate": report["rate"],
        "established": established,
        "failed": report["failed"],
        "failures": report["failures"],
        "ramp_s": report["ramp_s"],
        "logins_per_s": report["logins_per_s"],
        "login_latency_ms": report["login_latency_ms"],
        "tls_handshake_ms": report["tls_handshake_ms"],
        "scram_keys_computed_by_generator": report["scram_keys_computed"],
        "cpu": cpu,
        "server_cpu_ms_per_login": (round(cpu["server_cpu_s"] * 1000 / established, 3)
                                    if cpu and established else None),
        "loadgen_cpu_ms_per_login": (round(cpu["loadgen_cpu_s"] * 1000 / established, 3)
                                     if cpu and cpu.get("loadgen_cpu_s") is not None
                                     and established else None),
    }


def messaging_result(report, marks):
    """Delivered msgs/s, latency, errors and server CPU per 1,000 messages of one messaging run."""
    m = report["messaging"]
    cpu = marks.between("messaging_start", "messaging_stop")
    delivered = m["delivered_in_window"]
    return {
        "mode": m["mode"],
        "pairs": m["pairs"],
        "window": m["window"],
        "offered_rate": m["offered_rate"],
        "logins_failed": report["failed"],
        "dropped": report["dropped"],
        "sent": m["sent"],
        "delivered": m["delivered"],
        "delivered_in_window": delivered,
        "errors": m["errors"],
        "error_conditions": m["error_conditions"],
        "lost": m["lost"],
        "window_s": m["window_s"],
        "msgs_per_s": m["msgs_per_s"],
        "latency_ms": m["latency_ms"],
        "delivered_per_second": m["delivered_per_second"],
        "cpu": cpu,
        "server_cpu_s_per_1000_msgs": (round(cpu["server_cpu_s"] * 1000 / delivered, 4)
                                       if cpu and delivered else None),
        "server_cores_busy": (round(cpu["server_cpu_s"] / cpu["wall_s"], 3)
                              if cpu and cpu["wall_s"] else None),
        "loadgen_cores_busy": (round(cpu["loadgen_cpu_s"] / cpu["wall_s"], 3)
                               if cpu and cpu.get("loadgen_cpu_s") is not None and cpu["wall_s"]
                               else None),
    }


def fanout_result(report, marks):
    """Time until every client saw every contact's presence, deliveries/s, what is missing,
    and the server's CPU from the launch to the last delivery."""
    p = report["presence"]
    cpu = marks.between("launch", "presence_complete")
    return {
        "users": p["clients"],
        "contacts": p["contacts"],
        "expected": p["expected"],
        "complete": p["complete"],
        "time_s": p["time_s"],
        "deliveries_per_s": p["deliveries_per_s"],
        "missing": p["missing"],
        "clients_incomplete": p["clients_incomplete"],
        "last_new_s": p["last_new_s"],
        "repeats": p["repeats"],
        "logins_failed": report["failed"],
        "failures": report["failures"],
        "dropped": report["dropped"],
        "ramp_s": report["ramp_s"],
        "login_latency_ms": report["login_latency_ms"],
        "cpu": cpu,
        "server_cpu_s_per_1000_presences": (round(cpu["server_cpu_s"] * 1000 / p["expected"], 4)
                                            if cpu and p["expected"] else None),
    }


def core_runs(target, name, args, login_args=()):
    """The measured runs compare.py and cores.py share, on one GeneratorTarget: `args.logins`
    logins at `args.login_rate`, then `args.pairs` pairs at saturation (`args.window` in flight,
    `args.sat_duration` s) and at `args.fixed_rate` msgs/s (`args.fixed_duration` s). Returns
    (logins, saturation, fixed_rate) as login_result / messaging_result."""
    rep, marks = target.run("logins", list(login_args), 1, args.logins, args.login_rate)
    logins = login_result(rep, marks)
    print(f"[{name}] logins: {logins['logins_per_s']:.0f}/s", file=sys.stderr)
    # Bounded by time: the message limit is set out of the way.
    common = ["--scenario", "messaging", "--login-timeout", "60", "--messages", "100000000"]
    rep, marks = target.run(
        "saturation", [*common, "--msg-rate", "0", "--window", str(args.window),
                       "--duration", str(args.sat_duration)],
        args.sat_duration + 5, 2 * args.pairs, 1000)
    saturation = messaging_result(rep, marks)
    print(f"[{name}] saturation: {saturation['msgs_per_s']:.0f} msgs/s", file=sys.stderr)
    rep, marks = target.run(
        "fixed_rate", [*common, "--msg-rate", str(args.fixed_rate),
                       "--duration", str(args.fixed_duration)],
        args.fixed_duration + 5, 2 * args.pairs, 1000)
    fixed = messaging_result(rep, marks)
    print(f"[{name}] fixed rate: p50 {fixed['latency_ms']['p50']} ms", file=sys.stderr)
    return logins, saturation, fixed
