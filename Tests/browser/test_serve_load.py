"""`syllabus serve` under load: a bounded wrk run on loopback while rebuilds happen, then
memory across 1,000 rebuilds, then a live reload seen by a real page, then a slow client.

Traffic goes only to 127.0.0.1, to a server this test starts and stops itself.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "syllabus"


@pytest.fixture()
def served(report):
    work = Path(tempfile.mkdtemp(prefix="syllabus-serve-"))
    shutil.copytree(ROOT / "Tests" / "Fixtures" / "valid" / "content", work / "content")
    process = subprocess.Popen(
        [str(BINARY), "serve", "--port", "0", "--templates", str(ROOT / "templates")],
        cwd=work, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    port = int(re.search(r":(\d+)/", line).group(1))
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
    assert "content/pages/about.md:" in overlay
    assert "Edited while open." in driver.page_source, "the last good page stays beneath the overlay"
    page.write_text('---\ntitle: "About"\norder: 1\n---\nFixed.\n')
    wait_for(driver, lambda d: "Fixed." in d.page_source and not d.find_elements("id", "syllabus-build-errors"), timeout=15)


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
