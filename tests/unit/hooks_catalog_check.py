#!/usr/bin/python3
"""Checks the hook catalog against its documentation and its callers.

* every name in actors/hooks/hook_id.cpp (what hooks::name returns for each hook_id) has a
  `### <name>` section in docs/hooks.md, and every such section names a hook of the catalog;
* the names and the enumerators of actors/hooks/hook_id.hpp line up (same count; `a.b_c` <-> `a_b_c`);
* every hook_id is run somewhere in actors/ or plugins/: `hook_id::<id>` within three lines of a
  run_chain / run_collect / run_transform / run_notify call (or a run_*_hook wrapper, or the
  blocking ask_first / ask_collect), or its
  name as a string literal within three lines of a hook-runner request (plugins).

Usage: hooks_catalog_check.py SOURCE_ROOT
"""

import os
import re
import sys

# Hooks the catalog keeps for plugins but that no server code runs yet, with the reason.
NOT_RUN_YET = {}

# Plugins run chains through their vhost's hook runner by name: "group.verb" next to one of these.
RUNNER_CALL = re.compile(r"atoms::(run_hook|collect)\b|\brun\s*\(")

RUN_CALL = re.compile(r"\b(run_(chain|collect|transform|notify|\w+_hook)|ask_(first|collect))\s*\(")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def catalog(root):
    text = read(os.path.join(root, "actors/hooks/hook_id.cpp"))
    block = re.search(r"names\s*=\s*\{(.*?)\};", text, re.S)
    if not block:
        sys.exit("hook_id.cpp: names array not found")
    names = re.findall(r'"([^"]+)"', block.group(1))
    header = read(os.path.join(root, "actors/hooks/hook_id.hpp"))
    enum = re.search(r"enum class hook_id[^{]*\{(.*?)\};", header, re.S)
    if not enum:
        sys.exit("hook_id.hpp: enum hook_id not found")
    body = re.sub(r"//[^\n]*", "", enum.group(1))
    ids = [x.strip() for x in body.split(",") if x.strip()]
    return names, ids


def documented(root):
    text = read(os.path.join(root, "docs/hooks.md"))
    return re.findall(r"^### (\S+)\s*$", text, re.M)


def run_sites(root):
    """hook_id enumerator -> list of 'file:line' where it is run."""
    sites = {}
    for top in ("actors", "plugins"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            if os.sep + "tests" in dirpath:
                continue
            for f in files:
                if not f.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(dirpath, f)
                lines = read(path).splitlines()
                for i, line in enumerate(lines):
                    for m in re.finditer(r'"(\w+\.\w+)"', line):
                        window = "\n".join(lines[max(0, i - 3):i + 4])
                        if RUNNER_CALL.search(window):
                            rel = os.path.relpath(path, root)
                            sites.setdefault(m.group(1).replace(".", "_"), []).append(
                                "%s:%d" % (rel, i + 1))
                    for m in re.finditer(r"hook_id::(\w+)", line):
                        window = "\n".join(lines[max(0, i - 3):i + 4])
                        if RUN_CALL.search(window):
                            rel = os.path.relpath(path, root)
                            sites.setdefault(m.group(1), []).append("%s:%d" % (rel, i + 1))
    return sites


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../..")
    names, ids = catalog(root)
    problems = []
    if len(names) != len(ids):
        problems.append("hook_id.hpp has %d enumerators but hook_id.cpp %d names" % (len(ids), len(names)))
    for name, ident in zip(names, ids):
        if name.replace(".", "_") != ident:
            problems.append("hook_id::%s is named '%s' (expected '%s')"
                            % (ident, name, ident.replace("_", ".", 1)))
    docs = documented(root)
    for name in names:
        if name not in docs:
            problems.append("docs/hooks.md has no '### %s' section" % name)
    for name in docs:
        if name not in names:
            problems.append("docs/hooks.md documents '### %s', which is not in the catalog" % name)
    if len(set(docs)) != len(docs):
        problems.append("docs/hooks.md documents a hook twice")
    sites = run_sites(root)
    for ident in ids:
        if ident in NOT_RUN_YET:
            if ident in sites:
                problems.append("hook_id::%s is run now (%s): remove it from NOT_RUN_YET"
                                % (ident, sites[ident][0]))
            continue
        if ident not in sites:
            problems.append("hook_id::%s is never run (no run_* call next to it in actors/ or plugins/)"
                            % ident)
    for ident in ids:
        where = ", ".join(sites.get(ident, [])) or "not run: " + NOT_RUN_YET.get(ident, "?")
        print("%-22s %s" % (ident, where))
    if problems:
        print("\n".join(["", "FAILED:"] + problems))
        return 1
    print("\n%d hooks: all documented and run" % len(ids))
    return 0


if __name__ == "__main__":
    sys.exit(main())
