"""The presence fan-out's rosters, provisioned into each server in its own storage format.

The layout is the generator's (bench/loadgen/presence_contacts.hpp): users <prefix>0 ...
<prefix>N-1 in groups of C + 1 consecutive numbers, each user's contacts the other members of
its group, subscription "both" (mutual). Writers: djabberd's roster_sqlite tables, Prosody's
roster .dat files, ejabberd's `roster` mnesia records (as Erlang terms)."""

import os
import re
import sqlite3

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROSTER_SCHEMA = os.path.join(REPO, "plugins", "roster_sqlite", "roster_schema.hpp")


class ContactGroups:
    """`count` users named `prefix`<i>, each with `contacts` mutual contacts."""

    def __init__(self, prefix, count, contacts):
        if contacts < 1 or count % (contacts + 1) != 0:
            raise ValueError(f"fan-out users ({count}) must be a multiple of contacts + 1 "
                             f"({contacts + 1})")
        self.prefix = prefix
        self.count = count
        self.contacts = contacts

    def users(self):
        return [f"{self.prefix}{i}" for i in range(self.count)]

    def contacts_of(self, i):
        """User numbers of user i's contacts: the rest of its group of C + 1."""
        first = i - i % (self.contacts + 1)
        return [j for j in range(first, first + self.contacts + 1) if j != i]

    def rosters(self):
        """(user name, [contact names]) for every user."""
        for i in range(self.count):
            yield f"{self.prefix}{i}", [f"{self.prefix}{j}" for j in self.contacts_of(i)]

    def pairs(self):
        return self.count * self.contacts


def roster_schema_sql(path=ROSTER_SCHEMA):
    """The CREATE TABLE statements of the roster_sqlite plugin, read from its header so that the
    tables written here are the server's own."""
    with open(path, encoding="utf-8") as f:
        match = re.search(r'R"sql\((.*?)\)sql"', f.read(), re.S)
    if not match:
        raise RuntimeError(f"no schema found in {path}")
    return match.group(1)


def write_djabberd(data_dir, domain, groups):
    """Rows of roster_items in <data_dir>/djabberd.sqlite (the server adds its other tables at
    start): owner and contact are bare JIDs, both subscription directions, nothing pending."""
    os.makedirs(data_dir, exist_ok=True)
    db = sqlite3.connect(os.path.join(data_dir, "djabberd.sqlite"))
    try:
        db.executescript(roster_schema_sql())
        db.executemany(
            "INSERT INTO roster_items (domain, owner, contact, name, sub_to, sub_from, "
            "pending_out, pending_in, approved, in_roster) VALUES (?, ?, ?, '', 1, 1, 0, 0, 0, 1)",
            ((domain, f"{user}@{domain}", f"{contact}@{domain}")
             for user, contacts in groups.rosters() for contact in contacts))
        db.commit()
    finally:
        db.close()


def write_prosody(data_dir, domain, groups):
    """<data>/<host>/roster/<user>.dat: Prosody's keyval roster (rostermanager.lua): the
    metadata under [false] and one item per contact JID."""
    folder = os.path.join(data_dir, domain.replace(".", "%2e"), "roster")
    os.makedirs(folder, exist_ok=True)
    for user, contacts in groups.rosters():
        items = "".join(f'["{c}@{domain}"] = {{["subscription"] = "both"; ["groups"] = {{}};}};\n'
                        for c in contacts)
        with open(os.path.join(folder, user + ".dat"), "w", encoding="utf-8") as f:
            f.write('return {\n[false] = {["version"] = 1; ["pending"] = {};};\n' + items
                    + "};\n")


def ejabberd_terms(domain, groups):
    """One `roster` record per item (mod_roster.hrl of 23.01: usj, us, jid, name,
    subscription, ask, groups, askmessage, xs), as Erlang terms for file:consult."""
    for user, contacts in groups.rosters():
        u = f'<<"{user}">>,<<"{domain}">>'
        for c in contacts:
            jid = f'{{<<"{c}">>,<<"{domain}">>,<<>>}}'
            yield f"{{roster,{{{u},{jid}}},{{{u}}},{jid},<<>>,both,none,[],<<>>,[]}}."
