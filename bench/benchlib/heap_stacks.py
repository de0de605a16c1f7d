"""Reads heaptrack's collapsed stacks and attributes bytes to OpenSSL, expat, CAF, djabberd."""

import os
import re
from collections import defaultdict

OPENSSL = re.compile(r"^(SSL|ssl|tls|TLS|ossl|OSSL|CRYPTO|EVP|evp|BIO|bio|OPENSSL|ERR|BN|bn|EC|"
                     r"ec|RAND|PEM|X509|x509|ASN1|asn1|OBJ|HMAC|PKCS\d*|DH|RSA|ECDSA|ENGINE|CONF|"
                     r"d2i|i2d|dtls|DTLS|BUF|BIO)_")
EXPAT = re.compile(r"^XML_")
ALLOCATOR = re.compile(r"^(malloc|calloc|realloc|operator_new|posix_memalign|aligned_alloc|"
                       r"memalign|__libc_\w+|__GI_\w+)$")
# OpenSSL's own allocation wrappers: OpenSSL's bytes, but not an interesting site.
OPENSSL_ALLOC = re.compile(r"^CRYPTO_(malloc|zalloc|realloc|clear_realloc|strdup|strndup|"
                           r"memdup|secure_\w+)$")
NESTED = [re.compile(r"<[^<>]*>"), re.compile(r"\([^()]*\)")]


def function_name(frame):
    """The qualified function name of a frame, without file, template and parameter lists,
    return type or decltype: "caf::io::broker::initialize"."""
    text = re.sub(r" \([^()]*\.\w+\)$", "", frame.strip())  # " (file.cpp)"
    text = re.sub(r"operator (new|delete)(\[\])?", r"operator_\1", text)
    for _ in range(20):
        before = text
        for pattern in NESTED:
            text = pattern.sub("", text)
        if text == before:
            break
    tokens = [t for t in text.split() if t not in ("const", "volatile", "&", "&&", "*")]
    qualified = [t for t in tokens if "::" in t]
    return (qualified[-1] if qualified else tokens[-1] if tokens else "").lstrip("*&")


def source_file(frame):
    """The file heaptrack names after a frame ("connection.cpp"), or ""."""
    m = re.search(r" \(([^()]*\.\w+)\)$", frame.strip())
    return m.group(1) if m else ""


def site_name(frame):
    """A frame's function, with its file when the name alone says little (inlined lambdas)."""
    name = function_name(frame)
    file = source_file(frame)
    if "::" not in name and file:
        return f"{'lambda' if name == 'operator' else name} ({file})"
    return name


def classify(frame, own_files=frozenset()):
    """(category or None for frames that say nothing, site-worthy?) of one frame. A frame
    without a namespace in one of `own_files` (an inlined lambda) is djabberd's. (heaptrack
    lists the inlined frames of one call site outermost first, so the order of such frames is
    not the call order: skipping the header ones keeps the attribution right.)"""
    name = function_name(frame)
    if not name or name.startswith(("0x", "??")) or ALLOCATOR.match(name):
        return None, False
    if "::" not in name and source_file(frame):
        # Inlined code heaptrack names by file only: djabberd's lambdas, or template machinery
        # of the headers they use (caf/match_case.hpp ...), which says nothing.
        return ("djabberd", True) if source_file(frame) in own_files else (None, False)
    space = name.split("::", 1)[0] if "::" in name else ""
    if space in ("std", "__gnu_cxx", "__cxxabiv1"):
        return None, False
    if space == "caf":
        return "caf", True
    if space == "djabberd" or name == "main":
        return "djabberd", True
    if OPENSSL_ALLOC.match(name):
        return "openssl", False
    if OPENSSL.match(name):
        return "openssl", True
    if EXPAT.match(name):
        return "expat", True
    return "other", True


def attribute(frames, own_files=frozenset()):
    """(category, site) of one allocation stack, root first: the category of the frame nearest
    to the allocation that belongs to a known library; the site is that frame's function and
    its nearest meaningful caller."""
    category = None
    sites = []
    for frame in reversed(frames):
        cat, site_worthy = classify(frame, own_files)
        if cat and category is None:
            category = cat
        if site_worthy:
            sites.append(site_name(frame))
            if len(sites) == 2:
                break
    return category or "other", " <- ".join(sites) or "?"


def own_sources(repo):
    """Base names of the server's source files (the tree minus build and bench folders)."""
    names = set()
    for top in ("actors", "auth", "config", "plugins", "stanza"):
        for _, _, files in os.walk(os.path.join(repo, top)):
            names.update(f for f in files if f.endswith((".cpp", ".hpp")))
    return frozenset(names)


def read(path, own_files=frozenset()):
    """{(category, site): bytes} of a collapsed-stacks file ("f1;f2;...;fn BYTES" lines)."""
    out = defaultdict(int)
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            stack, _, value = line.rstrip("\n").rpartition(" ")
            if not stack or not value.lstrip("-").isdigit():
                continue
            out[attribute(stack.split(";"), own_files)] += int(value)
    return dict(out)


def per_connection(base, full, count, top):
    """Bytes per connection by category and by site: (full - base) / count."""
    keys = set(base) | set(full)
    diff = {k: full.get(k, 0) - base.get(k, 0) for k in keys}
    categories = defaultdict(int)
    for (cat, _), b in diff.items():
        categories[cat] += b
    sites = sorted(diff.items(), key=lambda kv: -kv[1])[:top]
    return {
        "bytes_per_connection": round(sum(diff.values()) / count),
        "categories": {c: round(b / count) for c, b in
                       sorted(categories.items(), key=lambda kv: -kv[1])},
        "sites": [{"category": c, "site": s, "bytes_per_connection": round(b / count)}
                  for (c, s), b in sites],
        "live_bytes": {"without_connections": sum(base.values()),
                       "with_connections": sum(full.values())},
    }
