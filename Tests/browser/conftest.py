"""Browser tests for the built guide: real headless Chromium driven by Selenium.

`make test` runs `scripts/install-browser-deps.sh` and then `.venv/bin/pytest -q Tests/browser`.
Nothing here reaches the network: pages are served from 127.0.0.1 or opened from file://, and
Chromium is started with a host-resolver rule that fails every name lookup.

Fixtures (session-scoped unless noted) for every test module in this folder:

  site          `Site` for the real guide, built with `.build/debug/syllabus build --content content
                --templates templates --output <tmp>/guide` (env SYLLABUS_TEMPLATES overrides
                the templates folder) and served at
                http://127.0.0.1:<port>/guide/ by a Python http.server thread.
                  site.root            Path of the built folder
                  site.http_base       "http://127.0.0.1:PORT/guide/"
                  site.file_base       "file:///…/guide/"
                  site.pages           every *.html path relative to root, sorted ("index.html", …)
                  site.url(rel, via="http"|"file")   absolute URL of a page (rel may carry ?query/#frag)
  cjk_site      `Site` for Tests/Fixtures/browser-cjk/content (one Chinese question), served at /cjk/.
  typeset_site  `Site` for Tests/Fixtures/typeset/content (math and highlighted code), at /typeset/.
  german_site   `Site` for Tests/Fixtures/german/content (a German guide on distributed systems),
                built the way an author would: the binary copied into a temporary prefix, run from
                a copy of the guide outside the repository, with no templates folder and no
                --templates (the theme comes from the binary). Served at /de/.
  driver        headless Chromium WebDriver (JavaScript on, 1366×900), shared by all tests; it records
                console messages and DevTools network events (goog:loggingPrefs browser + performance).
                Tests that resize, emulate media or change localStorage must undo it (see `fresh`).
  nojs_driver   a second headless Chromium with JavaScript disabled through content-settings prefs.
  fresh         function-scoped: yields `driver` after clearing its logs, then resets viewport/media
                emulation, the theme stored in localStorage and the window size.
  artifacts     Path of .test-artifacts/ (ignored by git); tests write screenshots and PDFs below it.
  report        session list of strings; lines appended here are printed after the test summary.

Helpers (import them with `from conftest import …`):

  drain_logs(driver) -> Logs       reads and clears both logs; Logs has console_errors (SEVERE console
                                   entries), requests (URLs asked for), failed ((url, why) pairs: network
                                   errors and HTTP status >= 400) and warnings.
  console_errors(driver) -> list   shorthand for drain_logs(driver).console_errors.
  page_problems(logs, allowed_prefixes) -> list of readable problems: console errors, failed
                                   requests, and any request outside the allowed URL prefixes.
  wait_for(driver, predicate, timeout=5)   WebDriverWait(...).until(predicate).
  set_theme(driver, theme)         stores "light"/"dark"/None in localStorage 'syllabus-theme' for the
                                   current origin (reload afterwards).
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

sys.dont_write_bytecode = True  # no __pycache__ in the source tree for the test modules
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / ".test-artifacts"
SYLLABUS = REPO / ".build" / "debug" / "syllabus"
TEMPLATES = Path(os.environ.get("SYLLABUS_TEMPLATES", REPO / "templates"))  # override to try other templates
os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager look for downloads


# ---------------------------------------------------------------------------------------------
# The built site and its static server


@dataclasses.dataclass
class Site:
    root: Path
    http_base: str
    file_base: str
    pages: list

    def url(self, rel: str, via: str = "http") -> str:
        return (self.http_base if via == "http" else self.file_base) + rel


def _build(content: Path, output: Path) -> None:
    if not SYLLABUS.exists():
        pytest.exit(f"{SYLLABUS} is missing: run `swift build` (make test does) first", returncode=2)
    result = subprocess.run(
        [str(SYLLABUS), "build", "--content", str(content), "--templates", str(TEMPLATES),
         "--output", str(output)],
        cwd=REPO, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.exit(f"building {content} failed:\n{result.stderr}", returncode=2)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - keep the test output clean
        pass


@pytest.fixture(scope="session")
def _served():
    """Temp folder served over HTTP on an ephemeral loopback port; yields (folder, origin)."""
    folder = Path(tempfile.mkdtemp(prefix="syllabus-browser-"))
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    shutil.rmtree(folder, ignore_errors=True)


def _site(served, content: Path, mount: str) -> Site:
    folder, origin = served
    root = folder / mount
    _build(content, root)
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))
    return Site(root=root, http_base=f"{origin}{mount}/", file_base=root.as_uri() + "/", pages=pages)


@pytest.fixture(scope="session")
def site(_served) -> Site:
    return _site(_served, REPO / "content", "guide")


@pytest.fixture(scope="session")
def german_site(_served) -> Site:
    folder, origin = _served
    outside = Path(tempfile.mkdtemp(prefix="syllabus-author-"))
    prefix = outside / "prefix" / "bin"
    prefix.mkdir(parents=True)
    binary = prefix / "syllabus"
    shutil.copy2(SYLLABUS, binary)
    guide = outside / "guide"
    shutil.copytree(REPO / "Tests" / "Fixtures" / "german" / "content", guide / "content")
    root = folder / "de"
    result = subprocess.run([str(binary), "build", "--strict", "--output", str(root)], cwd=guide / "content",
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.exit(f"building the German fixture failed:\n{result.stderr}", returncode=2)
    shutil.rmtree(outside, ignore_errors=True)
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))
    return Site(root=root, http_base=f"{origin}de/", file_base=root.as_uri() + "/", pages=pages)


@pytest.fixture(scope="session")
def cjk_site(_served) -> Site:
    return _site(_served, REPO / "Tests" / "Fixtures" / "browser-cjk" / "content", "cjk")


@pytest.fixture(scope="session")
def typeset_site(_served) -> Site:
    """Tests/Fixtures/typeset/content (every math shape, code in five languages), at /typeset/."""
    return _site(_served, REPO / "Tests" / "Fixtures" / "typeset" / "content", "typeset")


# ---------------------------------------------------------------------------------------------
# Chromium


def _chromium_binary() -> str:
    for candidate in ("/usr/lib/chromium/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    pytest.exit("chromium is not installed: run scripts/install-browser-deps.sh", returncode=2)


def make_driver(javascript: bool = True, width: int = 1366, height: int = 900) -> webdriver.Chrome:
    options = Options()
    options.binary_location = _chromium_binary()
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
        "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
        "--disable-domain-reliability", "--disable-client-side-phishing-detection",
        "--metrics-recording-only", "--password-store=basic", "--lang=en-US", "--hide-scrollbars",
        "--force-device-scale-factor=1", "--font-render-hinting=none",
        f"--window-size={width},{height}",
        # Any host name fails to resolve: nothing can leave the machine even by accident.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="session")
def driver():
    d = make_driver(javascript=True)
    yield d
    d.quit()


@pytest.fixture(scope="session")
def nojs_driver():
    d = make_driver(javascript=False)
    yield d
    d.quit()


@pytest.fixture
def fresh(driver, site):
    """The shared driver with empty logs; afterwards emulation, size and stored theme are reset."""
    drain_logs(driver)
    yield driver
    try:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
        driver.set_window_size(1366, 900)
        if driver.current_url.startswith("http"):
            set_theme(driver, None)
    finally:
        drain_logs(driver)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# ---------------------------------------------------------------------------------------------
# Logs


@dataclasses.dataclass
class Logs:
    console_errors: list
    warnings: list
    requests: list
    failed: list


def drain_logs(driver) -> Logs:
    console, warnings = [], []
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            console.append(entry.get("message", ""))
        elif entry.get("level") == "WARNING":
            warnings.append(entry.get("message", ""))
    requests, failed, urls = [], [], {}
    for entry in driver.get_log("performance"):
        try:
            message = json.loads(entry["message"])["message"]
        except (KeyError, ValueError):
            continue
        method, params = message.get("method", ""), message.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            urls[params.get("requestId")] = url
            requests.append(url)
        elif method == "Network.responseReceived":
            response = params.get("response", {})
            if response.get("status", 0) >= 400:
                failed.append((response.get("url", ""), f"HTTP {response.get('status')}"))
        elif method == "Network.loadingFailed":
            failed.append((urls.get(params.get("requestId"), "?"), params.get("errorText", "failed")))
    return Logs(console_errors=console, warnings=warnings, requests=requests, failed=failed)


def console_errors(driver) -> list:
    return drain_logs(driver).console_errors


def page_problems(logs: Logs, allowed_prefixes) -> list:
    problems = [f"console error: {m}" for m in logs.console_errors]
    problems += [f"failed request: {url} ({why})" for url, why in logs.failed]
    for url in logs.requests:
        if url.startswith("data:") or url.startswith("about:"):
            continue
        if not any(url.startswith(prefix) for prefix in allowed_prefixes):
            problems.append(f"request outside the site: {url}")
    return problems


def search_term(site: Site) -> str:
    """A query with results in any guide: the first word of its first chapter's title (the
    tool's tests derive their inputs from the guide instead of naming the bundled one's ids)."""
    import html as _html
    import re as _re
    first = next(p for p in site.pages if p.startswith("topics/"))
    title = _re.search(r"<h1>(.*?)</h1>", (site.root / first).read_text(encoding="utf-8")).group(1)
    return _html.unescape(_re.sub(r"<[^>]+>", "", title)).split()[0].lower()


def wait_for(driver, predicate, timeout: float = 5):
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(predicate)


def set_theme(driver, theme) -> None:
    if theme is None:
        driver.execute_script("try { localStorage.removeItem('syllabus-theme'); } catch (e) {}")
    else:
        driver.execute_script("localStorage.setItem('syllabus-theme', arguments[0]);", theme)


# ---------------------------------------------------------------------------------------------
# Figures printed after the summary, and the plain closing line


_REPORT: list = []
_COUNTS = {"passed": 0, "failed": 0, "skipped": 0}


@pytest.fixture(scope="session")
def report() -> list:
    return _REPORT


def pytest_runtest_logreport(report):
    if report.when == "call":
        if report.passed:
            _COUNTS["passed"] += 1
        elif report.failed:
            _COUNTS["failed"] += 1
        elif report.skipped:
            _COUNTS["skipped"] += 1
    elif report.failed:  # setup or teardown errors count as failures
        _COUNTS["failed"] += 1
    elif report.when == "setup" and report.skipped:
        _COUNTS["skipped"] += 1


def pytest_terminal_summary(terminalreporter):
    if _REPORT:
        terminalreporter.write_sep("-", "browser suite figures")
        for line in _REPORT:
            terminalreporter.write_line(line)


def pytest_unconfigure(config):
    if _COUNTS["passed"] or _COUNTS["failed"]:
        skipped = f", {_COUNTS['skipped']} skipped" if _COUNTS["skipped"] else ""
        sys.stdout.write(f"{_COUNTS['passed']} passed, {_COUNTS['failed']} failed{skipped}\n")
        sys.stdout.flush()
