#!/usr/bin/env python3
"""Prints the size of every print document of built sites (print.html, print/<path>.html), and
what its weight is made of: the headings' "#" self-links, the section ids and aria attributes,
and the in-page anchors' prefixes.

    python3 bench/print_weight.py public [other-build ...]

With two builds, also the change from the first to each other one.
"""
import re
import sys
from pathlib import Path

SELF_LINK = re.compile(rb'<a class="anchor" [^>]*>.*?</a>', re.S)
ARIA = re.compile(rb' aria-labelledby="[^"]*"')
ANCHOR = re.compile(rb'(?:id|href)="#?([^"]*)"')


def documents(site: Path):
    found = [site / "print.html"] if (site / "print.html").exists() else []
    return found + sorted((site / "print").glob("*.html"))


def weigh(path: Path):
    data = path.read_bytes()
    return {
        "bytes": len(data),
        "self-links": sum(len(m) for m in SELF_LINK.findall(data)),
        "aria-labelledby": sum(len(m) for m in ARIA.findall(data)),
        "id/href values": sum(len(m) for m in ANCHOR.findall(data)),
    }


def mb(n):
    return f"{n / 1e6:8.2f} MB"


def main(sites):
    if not sites:
        sys.exit(__doc__)
    totals = []
    for site in map(Path, sites):
        docs = documents(site)
        if not docs:
            sys.exit(f"{site}: no print.html (build the site first)")
        print(f"{site}")
        total = 0
        for doc in docs:
            w = weigh(doc)
            total += w["bytes"]
            parts = ", ".join(f"{k} {mb(v).strip()}" for k, v in w.items() if k != "bytes")
            print(f"  {str(doc.relative_to(site)):40} {mb(w['bytes'])}   ({parts})")
        print(f"  {'all print documents':40} {mb(total)}")
        totals.append((site, total))
    base = totals[0][1]
    for site, total in totals[1:]:
        print(f"{site}: {mb(total).strip()} against {mb(base).strip()} ({(total - base) / base * 100:+.1f} %)")


if __name__ == "__main__":
    main(sys.argv[1:])
