#!/usr/bin/env python3
"""Edit-to-reload latency of `syllabus serve` on the real guide (issue 6's benchmark).

Starts the release binary on a copy of content/, then repeatedly edits one question's body,
one chapter's body, and one question's front matter, and times from the write to the moment
/__syllabus/events announces the new version (the instant open pages are told to reload;
the new site is already in place by then). Prints medians. Loopback only.
"""
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINARY = ROOT / ".build" / "release" / "syllabus"
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10


def events(port, after):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__syllabus/events?after={after}", timeout=60) as r:
        return json.loads(r.read())


def main():
    work = Path(tempfile.mkdtemp(prefix="syllabus-latency-"))
    shutil.copytree(ROOT / "content", work / "content")
    process = subprocess.Popen([str(BINARY), "serve", "--port", "0", "--templates", str(ROOT / "templates")],
                               cwd=work, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(re.search(r":(\d+)/", process.stdout.readline()).group(1))
        version = events(port, -1)["version"]
        cases = {
            "question body": (work / "content/questions/rag-systems/hyde.md", "body"),
            "chapter body": (work / "content/topics/rag-systems.md", "body"),
            "question front matter": (work / "content/questions/rag-systems/hyde.md", "front"),
        }
        print(f"{'edit':<24} {'median ms':>10} {'min ms':>8} {'max ms':>8}   (runs: {RUNS}, target < 100 ms)")
        for name, (path, where) in cases.items():
            original = path.read_text()
            samples = []
            for i in range(RUNS):
                if where == "body":
                    text = original + f"\n\nLatency probe {i}.\n"
                else:
                    text = original.replace("level: mid", "level: senior" if i % 2 == 0 else "level: mid", 1)
                    text = text.replace("\ntags:", f"\n# probe {i}\ntags:", 1)
                time.sleep(0.3)  # let the watcher settle between edits
                started = time.perf_counter()
                path.write_text(text)
                state = events(port, version)
                samples.append((time.perf_counter() - started) * 1000)
                version = state["version"]
                assert not state["failing"], state["diagnostics"]
            path.write_text(original)
            version = events(port, version)["version"]
            print(f"{name:<24} {statistics.median(samples):>10.0f} {min(samples):>8.0f} {max(samples):>8.0f}")
        print("(from the write to the announcement of the new version; inotify, 15 ms settling window)")
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
