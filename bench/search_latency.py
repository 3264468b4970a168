#!/usr/bin/env python3
"""Search latency per keystroke in headless Chromium (issue 14).

Builds each guide given with --content, opens its pages from file:// in headless Chromium (the
browser suite's driver, Tests/browser/conftest.py) and types each query one character at a time
into a search box. A keystroke's time is measured in the page: from setting the box's value and
firing its `input` event to the end of the forced layout of the updated results, which is all the
work a keystroke causes (the search runs synchronously in the handler once the index is loaded).

Before typing, the page loads the index (timed separately: "index load"); each query is typed
after a reload, so the caches of the query before it do not help. Every query is typed --runs
times and the median of each keystroke is kept; the table shows the slowest keystroke of the
query and the last one (the whole query).

Usage (with the browser suite's venv):
  .venv/bin/python bench/search_latency.py --content content \
      --content /tmp/c10k/syllabus/content [--box page|header] [--runs 5] [--query "kv cache" …]
Goal (issue 14): under 10 ms on our guide, under 50 ms at 10k questions.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "browser"))
from conftest import make_driver  # noqa: E402  (the suite's Chromium settings, offline)

QUERIES = ["r", "re", "ret", "retrieval aug", "kv cache", "attention", "lost in the middle"]
# page: the search page's box; header: the combobox in every page's header (8 best matches).
BOXES = {"page": ("search.html", "search-input"), "header": ("index.html", "site-search")}

LOAD = """
var done = arguments[arguments.length - 1], t = performance.now();
window.SyllabusSearch.load(function () { done([performance.now() - t, window.SYLLABUS_SEARCH.docs.length]); });
"""
KEY = """
var box = document.getElementById(arguments[0]), t = performance.now();
box.value = arguments[1];
box.dispatchEvent(new Event('input', {bubbles: true}));
document.body.offsetHeight;  // force the layout the new results need
return performance.now() - t;
"""


def build(content: Path, out: Path, binary: Path) -> None:
    result = subprocess.run([str(binary), "build", "--content", str(content), "--templates", str(REPO / "templates"),
                             "--output", str(out)], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"building {content} failed:\n{result.stderr}")


def measure(driver, url: str, box: str, query: str, runs: int) -> list:
    """Median ms of each keystroke of `query`, over `runs` fresh page loads."""
    samples = []
    for _ in range(runs):
        driver.get(url)
        driver.execute_async_script(LOAD)
        samples.append([driver.execute_script(KEY, box, query[:n]) for n in range(1, len(query) + 1)])
    return [statistics.median(column) for column in zip(*samples)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", action="append", type=Path, default=[], help="a guide's content folder (repeatable)")
    parser.add_argument("--site", action="append", type=Path, default=[],
                        help="a guide already built (repeatable; skips the build, e.g. to compare templates on the same site)")
    parser.add_argument("--query", action="append", help=f"query to type (repeatable; default {QUERIES})")
    parser.add_argument("--box", choices=sorted(BOXES), default="page")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary", type=Path, default=REPO / ".build" / "release" / "syllabus")
    args = parser.parse_args()
    if not args.content and not args.site:
        parser.error("give at least one --content or --site")
    binary = args.binary if args.binary.exists() else REPO / ".build" / "debug" / "syllabus"
    page, box = BOXES[args.box]
    # Timings follow the machine's load (a shared 2-core machine): print it beside them.
    print("load average before: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    driver = make_driver(javascript=True)
    driver.set_script_timeout(120)
    try:
        with tempfile.TemporaryDirectory(prefix="search-latency-") as tmp:
            sites = []
            for n, content in enumerate(args.content):
                sites.append((content, Path(tmp) / f"site{n}"))
                build(content, sites[-1][1], binary)
            for content, out in sites + [(site, site) for site in args.site]:
                url = (out / page).as_uri()
                driver.get(url)
                load_ms, docs = driver.execute_async_script(LOAD)
                driver.get(url)
                load_ms = min(load_ms, driver.execute_async_script(LOAD)[0])
                size = (out / "assets" / "search-index.js").stat().st_size
                print(f"\n{content}: {docs} documents, index {size / 1024:.0f} KiB, index load {load_ms:.0f} ms, {args.box} box")
                print(f"  {'query':<22}{'slowest key ms':>16}{'last key ms':>13}   per key")
                for query in args.query or QUERIES:
                    keys = measure(driver, url, box, query, args.runs)
                    print(f"  {query!r:<22}{max(keys):>16.1f}{keys[-1]:>13.1f}   " + " ".join(f"{k:.1f}" for k in keys))
    finally:
        driver.quit()
    print("\nload average after: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
