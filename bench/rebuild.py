"""Warm rebuild after one edit (issue 15), for bench/bench.py. Python 3 stdlib only.

The corpus's content folder is copied once (so the corpus itself stays as the generator wrote
it), built once into an output folder (which also fills the build cache, .syllabus-cache/ beside
the copied content/, as an author's first build would), and then, for every timed run, one question file gets
one more sentence and the same output folder is built again. Each run is timed like the cold
ones (wall time here, peak RSS and CPU time from /usr/bin/time -v), and its `build --timings`
stage split is kept. The bench also counts how many files of the output got a new inode, i.e.
were written again rather than staged as hard links to the previous site.
"""

import os
import re
import shutil
import statistics

# `  parse                     1050.3 ms   201.4 MiB peak` — one line per stage, printed by
# `build --timings` (the memory column only where the system reports it).
STAGE_LINE = re.compile(r"^\s+(\S.*?)\s+(\d+(?:\.\d+)?) ms(?:\s+\d+(?:\.\d+)? MiB peak)?$")


def stages(stderr):
    """The stage split a `build --timings` run printed, in order, in milliseconds."""
    out = []
    for line in stderr.splitlines():
        m = STAGE_LINE.match(line)
        if m:
            out.append((m.group(1), float(m.group(2))))
    return out


def median_stages(runs):
    """Per-stage medians over runs, in the order of the first run (stages missing from a run
    are left out of that stage's median)."""
    names = [name for name, _ in runs[0]] if runs else []
    return [(n, statistics.median(ms for r in runs for name, ms in r if name == n)) for n in names]


def inodes(folder):
    """Inode of every regular file under folder, by relative path."""
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            out[os.path.relpath(path, folder)] = os.lstat(path).st_ino
    return out


def edited_file(content):
    """The question the runs edit: the middle one in path order, so not a topic's first or
    last (whose pager shows no neighbour on one side)."""
    questions = sorted(
        os.path.relpath(os.path.join(root, f), content)
        for root, _, files in os.walk(os.path.join(content, "questions")) for f in files if f.endswith(".md"))
    return questions[len(questions) // 2]


def run_warm(label, corpus, runs, work, measure, summarise, build_argv):
    """`runs` timed one-edit rebuilds on the corpus `label`; returns a dict for the report."""
    base = os.path.join(work, "warm", label)
    shutil.rmtree(base, ignore_errors=True)  # the copy, its output and its build cache
    content = os.path.join(base, "content")
    out = os.path.join(base, "out")
    tmp = os.path.join(work, "tmp")
    os.makedirs(tmp, exist_ok=True)
    shutil.copytree(os.path.join(corpus, "syllabus", "content"), content)
    target = edited_file(content)
    argv = build_argv(content, out) + ["--timings"]
    first = measure("syllabus", argv, out, None, tmp, clean=True)
    print("  %-4s %-9s %-10s %7.2f s  %7.0f MiB  (first build into the output, not counted)" % (
        label, "warm-edit", "setup", first["wall"], first.get("rss_kb", 0) / 1024), flush=True)
    if first["returncode"] != 0:
        return {"failed": "syllabus (warm set-up build)", "stderr": first["stderr"]}
    samples = []
    for i in range(runs):
        before = inodes(out)
        with open(os.path.join(content, target), "a") as f:
            f.write("\nOne more sentence for warm rebuild %d, so this body changed.\n" % (i + 1))
        r = measure("syllabus", argv, out, None, tmp, clean=False)
        if r["returncode"] != 0:
            return {"failed": "syllabus (warm rebuild)", "stderr": r["stderr"]}
        after = inodes(out)
        r["rewritten"] = sum(1 for p, ino in after.items() if before.get(p) != ino)
        r["files"] = len(after)
        r["stages"] = stages(r["stderr"])
        split = ", ".join("%s %.0f" % s for s in r["stages"])
        print("  %-4s %-9s %-10s %7.2f s  %7.0f MiB  %d of %d files written, the rest linked; ms: %s" % (
            label, "warm-edit", "run %d/%d" % (i + 1, runs), r["wall"], r.get("rss_kb", 0) / 1024,
            r["rewritten"], r["files"], split), flush=True)
        samples.append(r)
    return dict(
        summarise(samples),
        edited=target,
        rewritten_median=statistics.median(x["rewritten"] for x in samples),
        out_files=samples[-1]["files"],
        stages_ms=median_stages([x["stages"] for x in samples]),
        stages_all=[x["stages"] for x in samples],
    )
