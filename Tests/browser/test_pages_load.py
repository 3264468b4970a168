"""(a) Every page loads from file:// and from http://127.0.0.1:PORT/guide/ with no console errors,
no failed requests and no request to any other host. Also reports the page weights."""

import statistics
import urllib.parse

import pytest

from conftest import search_term, drain_logs, page_problems, wait_for


def _allowed(site, via):
    if via == "file":
        return [site.file_base]
    return [site.http_base]


@pytest.mark.parametrize("via", ["file", "http"])
def test_every_page_loads_cleanly(driver, site, via, report):
    drain_logs(driver)
    problems, warnings = [], []
    for rel in site.pages:
        driver.get(site.url(rel, via))
        logs = drain_logs(driver)
        warnings += [f"{rel}: {w}" for w in logs.warnings]
        for problem in page_problems(logs, _allowed(site, via)):
            problems.append(f"{rel}: {problem}")
    # The search index is a lazily loaded script: exercise it over this scheme too.
    term = search_term(site)
    driver.get(site.url("search.html?q=" + urllib.parse.quote(term), via))
    wait_for(driver, lambda d: d.find_elements("css selector", "#search-results li"))
    for problem in page_problems(drain_logs(driver), _allowed(site, via)):
        problems.append(f"search.html?q={term}: {problem}")
    report.append(f"pages loaded over {via}: {len(site.pages)} (+ a search), problems: {len(problems)}, "
                  f"console warnings: {len(warnings)}" + (f" (first: {warnings[0][:160]})" if warnings else ""))
    assert not problems, "\n".join(problems[:50])


def test_page_weights(site, report):
    html = sorted((site.root / rel).stat().st_size for rel in site.pages)
    assets = site.root / "assets"
    sizes = {p.name: p.stat().st_size for p in sorted(assets.iterdir()) if p.suffix in (".css", ".js")}
    every_page = sizes.get("style.css", 0) + sizes.get("app.js", 0)
    css_js = sum(v for k, v in sizes.items() if k != "search-index.js")
    index = assets / "search-index.js"
    header = index.read_text(encoding="utf-8").split("\n", 1)[0]
    indexed = int(header.split("indexed-text-bytes:")[1].split()[0])
    ratio = index.stat().st_size / indexed
    report.append(
        f"HTML per page: {len(html)} pages, min {html[0]} B, median {int(statistics.median(html))} B, "
        f"max {html[-1]} B, total {sum(html)} B")
    report.append(f"CSS+JS on every page (style.css + app.js): {every_page} B; all CSS+JS without the search index: "
                  f"{css_js} B (" + ", ".join(f"{k} {v} B" for k, v in sizes.items()) + ")")
    report.append(f"search index: {index.stat().st_size} B for {indexed} B of indexed text = {ratio:.1%} (target <= 30%)")
    assert ratio <= 0.30
