"""`syllabus serve` under load: a bounded wrk run on loopback while rebuilds happen, then
memory across 1,000 rebuilds, then a live reload seen by a real page, then a deck that fails
while the pages build, shown in the error overlay of an open page, then a slow client.

Traffic goes only to 127.0.0.1, to a server this test starts and stops itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "syllabus"


def start_serve(work: Path, env: dict | None = None):
    """`syllabus serve` on a copy of the valid fixture guide in `work`: the process and its port."""
    shutil.copytree(ROOT / "Tests" / "Fixtures" / "valid" / "content", work / "content")
    process = subprocess.Popen(
        [str(BINARY), "serve", "--port", "0", "--templates", str(ROOT / "templates")],
        cwd=work, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    line = process.stdout.readline()
    return process, int(re.search(r":(\d+)/", line).group(1))


@pytest.fixture()
def served(report):
    work = Path(tempfile.mkdtemp(prefix="syllabus-serve-"))
    process, port = start_serve(work)
    yield process, port, work
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


def rebuild(port: int) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/__syllabus/rebuild", method="POST", data=b"")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_wrk_load_during_rebuilds_has_no_errors(served, report):
    process, port, _ = served
    stop = threading.Event()
    rebuilds = []

    def keep_rebuilding():
        while not stop.is_set():
            rebuilds.append(rebuild(port)["version"])

    worker = threading.Thread(target=keep_rebuilding)
    worker.start()
    try:
        result = subprocess.run(
            ["wrk", "-t", "2", "-c", "64", "-d", "10s", "--timeout", "5s", f"http://127.0.0.1:{port}/topics/basics.html"],
            capture_output=True, text=True, timeout=60)
    finally:
        stop.set()
        worker.join(timeout=60)
    out = result.stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    assert "Socket errors" not in out, out
    assert "Non-2xx or 3xx responses" not in out, out
    assert requests > 1000, out
    assert len(rebuilds) >= 3, "rebuilds must run during the load"
    assert process.poll() is None, "the server crashed"
    report.append(f"serve under wrk (64 connections, 10 s): {requests} requests, 0 errors, {len(rebuilds)} rebuilds meanwhile")


def test_memory_does_not_grow_across_1000_rebuilds(served, report):
    process, port, _ = served
    for _ in range(50):  # warm up caches and allocator pools first
        rebuild(port)
    before = rss_kib(process.pid)
    started = time.time()
    for _ in range(1000):
        rebuild(port)
    after = rss_kib(process.pid)
    report.append(f"serve RSS across 1,000 rebuilds: {before} KiB before, {after} KiB after ({time.time() - started:.0f} s)")
    assert after < before * 1.25 + 8_192, f"RSS grew from {before} KiB to {after} KiB"


def test_open_page_reloads_after_edit_and_shows_errors(served, fresh):
    _, port, work = served
    driver = fresh
    driver.get(f"http://127.0.0.1:{port}/pages/about.html")
    wait_for(driver, lambda d: "Because." in d.page_source)
    page = work / "content" / "pages" / "about.md"
    page.write_text('---\ntitle: "About this guide"\norder: 1\n---\n## Why\n\nEdited while open.\n')
    wait_for(driver, lambda d: "Edited while open." in d.page_source, timeout=15)
    page.write_text('---\ntitle: "About"\norder: [1\n---\nbroken\n')
    wait_for(driver, lambda d: d.find_elements("id", "syllabus-build-errors"), timeout=15)
    overlay = driver.find_element("id", "syllabus-build-errors").text
    # The front matter's flow sequence never closes: YAML notices at the line after it.
    assert "content/pages/about.md:4:1: error: invalid YAML:" in overlay, overlay
    assert "Edited while open." in driver.page_source, "the last good page stays beneath the overlay"
    page.write_text('---\ntitle: "About"\norder: 1\n---\nFixed.\n')
    wait_for(driver, lambda d: "Fixed." in d.page_source and not d.find_elements("id", "syllabus-build-errors"), timeout=15)


# Nothing in a guide makes the deck fail (it is made in memory from pages that built), so the
# failure comes from below: this library, preloaded into `serve`, makes SQLite fail to open
# the deck's collection (`AnkiCollection.sqlite`: a scratch file, or a database in memory that
# is then serialized) while a marker file exists, and is SQLite's own otherwise. The real
# binary then takes its real path: the deck's request fails, `SiteState` publishes the error,
# the open page's overlay shows it.
FAILING_SQLITE = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>
static int failing(void) {
  const char *marker = getenv("SYLLABUS_TEST_DECK_FAILS_WHILE");
  return marker && access(marker, F_OK) == 0;
}
/* The collection's scratch file (or, without a temporary folder, its in-memory database)
   cannot be opened: SQLITE_CANTOPEN. */
int sqlite3_open_v2(const char *name, void **db, int flags, const char *vfs) {
  if (failing()) { if (db) *db = NULL; return 14; }
  int (*real)(const char *, void **, int, const char *) =
    (int (*)(const char *, void **, int, const char *))dlsym(RTLD_NEXT, "sqlite3_open_v2");
  return real(name, db, flags, vfs);
}
unsigned char *sqlite3_serialize(void *db, const char *schema, long long *size, unsigned int flags) {
  if (failing()) { if (size) *size = 0; return NULL; }
  unsigned char *(*real)(void *, const char *, long long *, unsigned int) =
    (unsigned char *(*)(void *, const char *, long long *, unsigned int))dlsym(RTLD_NEXT, "sqlite3_serialize");
  return real(db, schema, size, flags);
}
"""
DECK = "practice/fixture-guide.apkg"


@pytest.fixture()
def served_with_failing_deck(tmp_path):
    library = tmp_path / "failing_sqlite.so"
    (tmp_path / "failing_sqlite.c").write_text(FAILING_SQLITE)
    # `cc` where the machine has one; otherwise the clang that ships with the Swift toolchain
    # (a machine set up by our scripts always has that one).
    compiler = shutil.which("cc") or shutil.which("clang") or str(Path(os.path.realpath(shutil.which("swift"))).parent / "clang")
    subprocess.run([compiler, "-shared", "-fPIC", "-o", str(library), str(tmp_path / "failing_sqlite.c"), "-ldl"], check=True)
    marker = tmp_path / "deck-fails"
    marker.touch()
    env = dict(os.environ, LD_PRELOAD=str(library), SYLLABUS_TEST_DECK_FAILS_WHILE=str(marker))
    work = tmp_path / "guide"
    work.mkdir()
    process, port = start_serve(work, env)
    yield port, work, marker
    process.terminate()
    process.wait(timeout=10)


def get(port: int, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_a_failing_deck_shows_on_the_open_page_until_a_rebuild_mends_it(served_with_failing_deck, fresh):
    port, work, marker = served_with_failing_deck
    driver = fresh
    driver.get(f"http://127.0.0.1:{port}/pages/about.html")
    wait_for(driver, lambda d: "Because." in d.page_source)
    assert not driver.find_elements("id", "syllabus-build-errors"), "the pages built: no overlay yet"

    status, body = get(port, DECK)
    assert status == 500, body[:200]
    error = body.decode().strip()
    assert error.startswith(f"error: could not build the Anki deck {DECK}: SQLite error 14: unable to open database file"), error

    # The page hears of a new version, reloads onto it and shows the deck's error over it, as
    # text without a location (no source file is at fault): "error: <message>".
    wait_for(driver, lambda d: d.find_elements("id", "syllabus-build-errors"), timeout=15)
    overlay = driver.find_element("id", "syllabus-build-errors")
    assert overlay.find_element("tag name", "strong").text == "Part of this build failed: the page below is current, but:"
    assert [item.text for item in overlay.find_elements("tag name", "li")] == [error]
    assert "Because." in driver.page_source, "the page stays beneath the overlay"

    # Mend it and rebuild (an edit): the page reloads onto the new version and the overlay goes.
    driver.execute_script("window.syllabusTestBeforeReload = true;")
    marker.unlink()
    page = work / "content" / "pages" / "about.md"
    page.write_text(page.read_text().replace("Because.", "Because, again."))
    wait_for(driver, lambda d: d.execute_script("return window.syllabusTestBeforeReload === undefined;")
             and "Because, again." in d.page_source, timeout=15)
    wait_for(driver, lambda d: not d.find_elements("id", "syllabus-build-errors"), timeout=5)
    status, body = get(port, DECK)
    assert status == 200 and body[:2] == b"PK", (status, body[:200])


def test_slow_and_malformed_clients_do_not_stall_the_server(served):
    _, port, _ = served
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finishes its headers
    garbage = socket.create_connection(("127.0.0.1", port))
    garbage.sendall(b"\x00\xff NOT HTTP AT ALL\r\n\r\n")
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
        assert response.status == 200
    slow.close()
    garbage.close()
