"""The side-by-side table of bench/compare.py: one row per figure, one column per server, each
value with its ratio to the best server's, and djabberd against the best of its peers.

Pure functions of the results document (no servers, no /proc): tested on a fixed JSON input by
bench/tests/compare_table_test.py."""

# (label, path into a server's results, better: "low" or "high", decimals). Labels may name
# the run's sizes as {setting} from the document's "settings" (see label()).
METRICS = [
    ("memory per idle connection, plain TCP ({idle:,} connections, bytes)",
     ("idle_plain", "bytes_per_connection"), "low", 0),
    ("memory per idle connection, STARTTLS ({idle:,} connections, bytes)",
     ("idle", "bytes_per_connection"), "low", 0),
    ("logins/s", ("logins", "logins_per_s"), "high", 0),
    ("login time p50 (ms)", ("logins", "login_latency_ms", "p50"), "low", 1),
    ("login time p99 (ms)", ("logins", "login_latency_ms", "p99"), "low", 1),
    ("server CPU per login (ms)", ("logins", "server_cpu_ms_per_login"), "low", 2),
    ("msgs/s at saturation", ("saturation", "msgs_per_s"), "high", 0),
    ("latency at saturation p50 (ms)", ("saturation", "latency_ms", "p50"), "low", 2),
    ("server CPU s / 1,000 msgs, saturation", ("saturation", "server_cpu_s_per_1000_msgs"),
     "low", 4),
    ("latency at fixed rate p50 (ms)", ("fixed_rate", "latency_ms", "p50"), "low", 2),
    ("latency at fixed rate p99 (ms)", ("fixed_rate", "latency_ms", "p99"), "low", 2),
    ("server CPU s / 1,000 msgs, fixed rate", ("fixed_rate", "server_cpu_s_per_1000_msgs"),
     "low", 4),
    ("presence fan-out ({fanout_users:,} users × {contacts} contacts): s until all delivered",
     ("fanout", "time_s"), "low", 2),
    ("presence fan-out: presences delivered/s", ("fanout", "deliveries_per_s"), "high", 0),
    ("presence fan-out: server CPU s / 1,000 presences",
     ("fanout", "server_cpu_s_per_1000_presences"), "low", 4),
]


class _Unknown(dict):
    """format_map helper: a setting the document does not have prints as '?'."""

    def __missing__(self, key):
        return _Question()


class _Question:
    def __format__(self, spec):
        return "?"


def label(template, doc):
    """A metric's label with the run's sizes filled in from doc["settings"]."""
    return template.format_map(_Unknown(doc.get("settings") or {}))

OURS = "djabberd"


def lookup(result, path):
    """The number at `path` in one server's results, or None (missing, failed run, not a
    number)."""
    value = result
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def best_of(values, better):
    """The best of the numbers in `values` (None ignored): the lowest or the highest."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return min(present) if better == "low" else max(present)


def ratio(value, reference):
    """value / reference, or None when either is missing or the reference is 0."""
    if value is None or reference is None or reference == 0:
        return None
    return value / reference


def rows(doc):
    """[{label, better, values: {server: value}, ratios: {server: value / best},
    ours_vs_best_peer}] for every metric, servers in the document's order."""
    servers = list(doc["servers"])
    out = []
    for template, path, better, decimals in METRICS:
        values = {s: lookup(doc["servers"][s], path) for s in servers}
        best = best_of(values.values(), better)
        peers = [values[s] for s in servers if s != OURS]
        out.append({
            "label": label(template, doc),
            "better": better,
            "decimals": decimals,
            "values": values,
            "ratios": {s: ratio(values[s], best) for s in servers},
            "ours_vs_best_peer": (ratio(values.get(OURS), best_of(peers, better))
                                  if OURS in values else None),
        })
    return out


def format_value(value, decimals):
    if value is None:
        return "-"
    return f"{value:,.{decimals}f}"


def format_cell(value, rel, decimals):
    """'12,345 (1.00×)': the value and its ratio to the best server's."""
    if value is None:
        return "-"
    return f"{format_value(value, decimals)} ({rel:.2f}×)" if rel is not None else \
        format_value(value, decimals)


def text_table(doc):
    """The table as aligned plain text (what compare.py prints)."""
    servers = list(doc["servers"])
    head = ["figure (better)", *servers, f"{OURS} / best peer"]
    body = []
    for row in rows(doc):
        body.append([f"{row['label']} ({row['better']})",
                     *(format_cell(row["values"][s], row["ratios"][s], row["decimals"])
                       for s in servers),
                     format_value(row["ours_vs_best_peer"], 2)])
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(line, widths)))
             for line in [head, *body]]
    return "\n".join(lines)


def markdown_table(doc):
    """The same table in Markdown (for the README and docs/performance.md)."""
    servers = list(doc["servers"])
    lines = ["| figure | " + " | ".join(servers) + f" | {OURS} / best peer |",
             "|---|" + "---|" * (len(servers) + 1)]
    for row in rows(doc):
        cells = [format_cell(row["values"][s], row["ratios"][s], row["decimals"])
                 for s in servers]
        lines.append(f"| {row['label']} ({row['better']} is better) | " + " | ".join(cells)
                     + f" | {format_value(row['ours_vs_best_peer'], 2)} |")
    return "\n".join(lines)


def failures(doc):
    """One line per server whose run failed or had failed logins, lost or bounced messages."""
    out = []
    for name, result in doc["servers"].items():
        if result.get("error"):
            out.append(f"{name}: run failed: {result['error']}")
            continue
        problems = []
        for key, what in (("idle_plain", "plain-TCP idle"), ("idle", "idle")):
            idle = result.get(key) or {}
            if idle.get("error"):
                problems.append(f"{what} run failed: {idle['error']}")
            elif idle.get("failed"):
                problems.append(f"{idle['failed']} {what} logins failed")
        if (result.get("logins") or {}).get("failed"):
            problems.append(f"{result['logins']['failed']} logins failed")
        for run in ("saturation", "fixed_rate"):
            r = result.get(run) or {}
            if r.get("errors") or r.get("lost") or r.get("logins_failed"):
                problems.append(f"{run}: {r.get('errors', 0)} errors, {r.get('lost', 0)} lost, "
                                f"{r.get('logins_failed', 0)} logins failed")
        fan = result.get("fanout") or {}
        if fan.get("error"):
            problems.append(f"fan-out failed: {fan['error']}")
        elif fan and not fan.get("complete"):
            problems.append(f"fan-out: {fan.get('missing')} presences missing "
                            f"({fan.get('clients_incomplete')} clients incomplete), "
                            f"{fan.get('logins_failed', 0)} logins failed")
        if problems:
            out.append(f"{name}: " + "; ".join(problems))
    return out
