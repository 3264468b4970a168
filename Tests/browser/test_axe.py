"""(f) axe-core finds zero violations on one page of each kind, in the light and the dark theme."""

import json
import urllib.parse
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import search_term, set_theme, wait_for


def _axe_source():
    for module in ("selenium_axe_python", "axe_selenium_python"):
        try:
            package = __import__(module)
        except ImportError:
            continue
        base = Path(package.__file__).parent
        for candidate in (base / "axe-core" / "axe.min.js", base / "node_modules" / "axe-core" / "axe.min.js"):
            if candidate.exists():
                return candidate.read_text(encoding="utf-8")
    pytest.fail("no axe-core script found: run scripts/install-browser-deps.sh")


AXE = None

KINDS = {
    "home": "index.html",
    "chapter": None,  # first topics/*.html
    "question": None,  # the question page with the most hints
    "cheat sheet": None,  # first cheatsheets/*.html other than the index
    "all cheat sheets": "cheatsheets/index.html",
    "path": None,  # first paths/*.html
    "level": None,  # first levels/*.html
    "tag": None,  # first tags/*.html other than the index
    "tags index": "tags/index.html",
    "page": None,  # first pages/*.html
    "map": "map.html",
    "search with results": None,  # a query derived from the guide
    "404": "404.html",
}


def _page_for(site, kind):
    if KINDS[kind]:
        return KINDS[kind]
    if kind == "question":
        return _richest_question(site)
    if kind == "search with results":
        return "search.html?q=" + urllib.parse.quote(search_term(site))
    folder = {"path": "paths/", "level": "levels/", "tag": "tags/", "page": "pages/", "chapter": "topics/", "cheat sheet": "cheatsheets/"}[kind]
    return next(p for p in site.pages if p.startswith(folder) and not p.endswith("/index.html"))


def _richest_question(site):
    questions = [p for p in site.pages if p.startswith("questions/")]
    return max(questions, key=lambda p: ((site.root / p).read_text(encoding="utf-8").count('class="hint"'), p))


def _run_axe(driver):
    global AXE
    if AXE is None:
        AXE = _axe_source()
    driver.execute_script(AXE)
    driver.set_script_timeout(60)
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations); },"
        " function (e) { done([{id: 'axe-error', help: String(e), nodes: []}]); });")


def _describe(violations):
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v.get('impact')}): {v['help']}")
        for node in v["nodes"][:6]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_axe_zero_violations(fresh, site, kind, theme):
    rel = _page_for(site, kind)
    fresh.get(site.url("index.html"))
    set_theme(fresh, theme)
    fresh.get(site.url(rel))
    assert fresh.find_element(By.TAG_NAME, "html").get_attribute("data-theme") == theme
    if kind == "search with results":
        wait_for(fresh, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
    violations = _run_axe(fresh)
    assert not violations, f"{rel} ({theme}):\n" + _describe(violations)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_question_with_everything_revealed(fresh, site, theme):
    fresh.get(site.url("index.html"))
    set_theme(fresh, theme)
    fresh.get(site.url(_richest_question(site)))
    for _ in fresh.find_elements(By.CSS_SELECTOR, ".hint"):
        buttons = fresh.find_elements(By.XPATH, "//button[starts-with(normalize-space(), 'Show hint')]")
        if buttons and buttons[0].is_displayed():
            buttons[0].click()
    fresh.find_element(By.XPATH, "//button[normalize-space()='Show the answer']").click()
    violations = _run_axe(fresh)
    assert not violations, _describe(violations)


def test_axe_help_dialog_open(fresh, site):
    from selenium.webdriver.common.action_chains import ActionChains
    fresh.get(site.url("index.html"))
    ActionChains(fresh).send_keys("?").perform()
    wait_for(fresh, lambda d: d.find_element(By.ID, "shortcut-help").get_attribute("open") is not None)
    violations = _run_axe(fresh)
    assert not violations, _describe(violations)


def test_os_dark_preference_matches_dark_toggle(fresh, site):
    """With no stored choice, prefers-color-scheme: dark gives the same colours as the toggle."""
    fresh.get(site.url("index.html"))
    set_theme(fresh, "dark")
    fresh.get(site.url("index.html"))
    toggled = fresh.execute_script("var s = getComputedStyle(document.body); return [s.backgroundColor, s.color];")
    set_theme(fresh, None)
    fresh.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    fresh.get(site.url("index.html"))
    emulated = fresh.execute_script("var s = getComputedStyle(document.body); return [s.backgroundColor, s.color];")
    assert emulated == toggled
    assert fresh.find_element(By.CSS_SELECTOR, ".theme-toggle").text == "Light theme"
    violations = _run_axe(fresh)
    assert not violations, _describe(violations)


@pytest.mark.parametrize("kind", ["home", "chapter", "question", "cheat sheet", "search with results"])
def test_axe_phone_width(fresh, site, kind):
    """At 390 px wide, tables and code blocks scroll sideways: they must stay reachable by keyboard."""
    fresh.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    rel = _page_for(site, kind)
    fresh.get(site.url(rel))
    if kind == "search with results":
        wait_for(fresh, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
    violations = _run_axe(fresh)
    assert not violations, f"{rel} (390 px):\n" + _describe(violations)
