#!/usr/bin/env python3
"""Paired benchmark runner for issue 7 (called by bench/run.sh; Python 3 stdlib only).

For each corpus size it runs, in rounds, our full build, `hugo --quiet` and
cmark-gfm's CLI over the same Markdown bodies. Each round runs every tool once,
in an order that rotates from round to round, so slow phases of a noisy machine
hit every tool alike. Every run starts from an empty output folder (the removal
is not timed) and is wrapped in /usr/bin/time -v for peak RSS and CPU time; wall
time is measured here around that. Medians are reported, and everything is also
written to WORK/results.json.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

# The extensions our parser enables (footnotes are an "extension" name in Debian's CLI), and
# strikethrough with double tildes only, as ours.
CMARK_FLAGS = ("-e table -e strikethrough -e autolink -e tasklist -e footnotes "
               "--strikethrough-double-tilde --to html")


TOOLS = ("syllabus", "hugo", "cmark-gfm", "cmark-2p")


def parse_time_v(path):
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("Maximum resident set size"):
                out["rss_kb"] = int(line.rsplit(":", 1)[1])
            elif line.startswith("User time"):
                out["user"] = float(line.rsplit(":", 1)[1])
            elif line.startswith("System time"):
                out["sys"] = float(line.rsplit(":", 1)[1])
            elif line.startswith("Exit status"):
                out["exit"] = int(line.rsplit(":", 1)[1])
    return out


def du_bytes(path):
    """Disk usage in bytes (du -s --block-size=1), and the number of files."""
    if not os.path.exists(path):
        return 0, 0
    res = subprocess.run(["du", "-s", "--block-size=1", path], capture_output=True, text=True, check=True)
    files = sum(len(fs) for _, _, fs in os.walk(path))
    return int(res.stdout.split()[0]), files


def measure(name, argv, out_dir, cwd, tmp):
    """One timed run. Returns a dict; raises SystemExit-free errors as dict['error']."""
    shutil.rmtree(out_dir, ignore_errors=True)
    if name.startswith("cmark"):
        os.makedirs(out_dir, exist_ok=True)
    tfile = os.path.join(tmp, "time-v.txt")
    t0 = time.perf_counter()
    res = subprocess.run(["/usr/bin/time", "-v", "-o", tfile] + argv, cwd=cwd,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    r = parse_time_v(tfile)
    r["wall"] = wall
    r["returncode"] = res.returncode
    r["stderr"] = res.stderr
    return r


def tool_commands(tool, corpus, out, args, cache):
    if tool == "syllabus":
        return [args.syllabus, "build", "--content", os.path.join(corpus, "syllabus", "content"),
                "--templates", args.templates, "--output", out], None
    if tool == "hugo":
        return ["hugo", "--quiet", "--source", os.path.join(corpus, "hugo"), "--destination", out,
                "--cacheDir", cache], None
    if tool == "cmark-gfm":
        # One shell pipeline: sorted file list -> xargs -> as few cmark-gfm processes as fit in
        # ~1 MB of arguments (one process for both corpora). cmark-gfm reads its file arguments
        # as one concatenated document; every generated body ends with a blank line and closes
        # its blocks, and footnote labels are unique per file, so this is the same work as
        # rendering each file on its own, minus per-process start-up.
        script = ("find . -name '*.md' -print0 | LC_ALL=C sort -z | xargs -0 -s 1000000 "
                  "cmark-gfm %s > %s" % (CMARK_FLAGS, shlex.quote(os.path.join(out, "all.html"))))
        return ["sh", "-c", script], os.path.join(corpus, "cmark")
    if tool == "cmark-2p":
        # For information: the same renderer on both cores, 100 files per process, two processes
        # at a time (xargs -P 2). Both write to one file, so only its size is meaningful.
        script = ("find . -name '*.md' -print0 | LC_ALL=C sort -z | xargs -0 -n 100 -P 2 "
                  "cmark-gfm %s > %s" % (CMARK_FLAGS, shlex.quote(os.path.join(out, "all.html"))))
        return ["sh", "-c", script], os.path.join(corpus, "cmark")
    raise ValueError(tool)


def run_size(label, corpus, runs, warmup, args, work):
    tools = list(TOOLS)
    outs = {t: os.path.join(work, "out", label, t) for t in tools}
    cache = os.path.join(work, "hugo-cache")
    tmp = os.path.join(work, "tmp")
    os.makedirs(tmp, exist_ok=True)
    samples = {t: [] for t in tools}
    for rnd in range(-warmup, runs):
        k = rnd % len(tools) if rnd >= 0 else 0
        order = tools[k:] + tools[:k]
        for t in order:
            argv, cwd = tool_commands(t, corpus, outs[t], args, cache)
            r = measure(t, argv, outs[t], cwd, tmp)
            ok = r["returncode"] == 0
            tag = "warm-up" if rnd < 0 else "run %d/%d" % (rnd + 1, runs)
            print("  %-4s %-9s %-10s %7.2f s  %7.0f MiB%s" % (
                label, t, tag, r["wall"], r.get("rss_kb", 0) / 1024, "" if ok else "  FAILED (exit %d)" % r["returncode"]),
                flush=True)
            if not ok:
                sys.stderr.write("---- %s failed on the %s corpus; its standard error:\n%s\n" % (t, label, r["stderr"]))
                return {"failed": t, "stderr": r["stderr"]}
            if t == "syllabus" and rnd == runs - 1:
                last = r["stderr"].strip().splitlines()
                samples_summary = last[-1] if last else ""
                print("       syllabus says: %s" % samples_summary)
            if rnd >= 0:
                samples[t].append(r)
    result = {}
    for t in tools:
        s = samples[t]
        size, files = du_bytes(outs[t])
        result[t] = {
            "wall_median": statistics.median(x["wall"] for x in s),
            "wall_min": min(x["wall"] for x in s),
            "wall_all": [round(x["wall"], 4) for x in s],
            "cpu_median": statistics.median(x["user"] + x["sys"] for x in s),
            "sys_median": statistics.median(x["sys"] for x in s),
            "rss_mib_median": statistics.median(x["rss_kb"] for x in s) / 1024,
            "rss_mib_max": max(x["rss_kb"] for x in s) / 1024,
            "out_bytes": size,
            "out_files": files,
        }
    # Search index, if our build writes one.
    idx = os.path.join(outs["syllabus"], "assets", "search-index.js")
    with open(os.path.join(corpus, "corpus.json")) as f:
        meta = json.load(f)
    result["corpus"] = meta
    if os.path.exists(idx):
        isize = os.path.getsize(idx)
        with open(idx, "rb") as f:
            head = f.read(300).decode("utf-8", "replace")
        m = re.search(r"indexed-text-bytes:\s*(\d+)", head)
        text_bytes = int(m.group(1)) if m else meta["markdown_bytes"]
        result["search_index"] = {"bytes": isize, "indexed_text_bytes": text_bytes,
                                  "text_source": "index header" if m else "Markdown body bytes"}
    return result


def run_real(args, work):
    out = os.path.join(work, "out", "real-guide")
    tmp = os.path.join(work, "tmp")
    samples = []
    for i in range(-1, args.real_runs):
        argv = [args.syllabus, "build", "--content", args.real_content, "--templates", args.templates, "--output", out]
        r = measure("syllabus", argv, out, None, tmp)
        if r["returncode"] != 0:
            sys.stderr.write("---- our build of the real guide failed:\n%s\n" % r["stderr"])
            return None
        if i >= 0:
            samples.append(r)
    walls = [x["wall"] for x in samples]
    size, files = du_bytes(out)
    return {"wall_median": statistics.median(walls), "wall_min": min(walls), "wall_all": [round(w, 4) for w in walls],
            "cpu_median": statistics.median(x["user"] + x["sys"] for x in samples),
            "sys_median": statistics.median(x["sys"] for x in samples),
            "rss_mib_median": statistics.median(x["rss_kb"] for x in samples) / 1024,
            "out_bytes": size, "out_files": files,
            "summary": samples[-1]["stderr"].strip().splitlines()[-1]}


def fmt_ratio(x, target, better_low=True):
    if x is None:
        return "n/a", target, ""
    ok = x <= target if better_low else x >= target
    return x, target, "met" if ok else "NOT MET"


def report(results, real, machine):
    lines = []
    p = lines.append
    p("")
    p("Syllabus benchmark (issue 7) — medians of paired runs on this machine")
    p(machine)
    p("")
    p("%-5s %-10s %6s %9s %9s %8s %9s %10s %10s %7s" % (
        "size", "tool", "runs", "median s", "min s", "CPU s", "kernel s", "peak MiB", "output MB", "files"))
    for label, res in results.items():
        if "failed" in res:
            p("%-5s %s FAILED on this corpus (its standard error is printed above)" % (label, res["failed"]))
            continue
        c = res["corpus"]
        for t in TOOLS:
            r = res[t]
            p("%-5s %-10s %6d %9.3f %9.3f %8.2f %9.2f %10.0f %10.1f %7d" % (
                label, t, len(r["wall_all"]), r["wall_median"], r["wall_min"], r["cpu_median"], r["sys_median"],
                r["rss_mib_median"], r["out_bytes"] / 1e6, r["out_files"]))
        p("      corpus: %d questions, %d topics, %d Markdown files, %.1f MB of Markdown bodies" % (
            c["questions"], c["topics"], c["markdown_files"], c["markdown_bytes"] / 1e6))
    if real:
        p("real  syllabus   %6d %9.3f %9.3f %8.2f %9.2f %10.0f %10.1f %7d   (content/ of this repo)" % (
            len(real["wall_all"]), real["wall_median"], real["wall_min"], real["cpu_median"], real["sys_median"], real["rss_mib_median"],
            real["out_bytes"] / 1e6, real["out_files"]))
    p("")

    def get(label, tool, key):
        res = results.get(label)
        return res[tool][key] if res and tool in res else None

    rows = []
    for label in results:
        o, h, c = (get(label, t, "wall_median") for t in ("syllabus", "hugo", "cmark-gfm"))
        om, hm = get(label, "syllabus", "rss_mib_median"), get(label, "hugo", "rss_mib_median")
        big = label == "10k"
        rows.append(("ours / Hugo time (%s)" % label, o / h if o and h else None, "<= 0.20" if big else "(info)"))
        rows.append(("ours / cmark-gfm floor time (%s)" % label, o / c if o and c else None, "<= 2.0" if big else "(info)"))
        c2 = get(label, "cmark-2p", "wall_median")
        rows.append(("ours / cmark-gfm on 2 cores (%s)" % label, o / c2 if o and c2 else None, "(info)"))
        rows.append(("ours / Hugo peak memory (%s)" % label, om / hm if om and hm else None, "<= 0.50" if big else "(info)"))
        oc, hc = get(label, "syllabus", "cpu_median"), get(label, "hugo", "cpu_median")
        rows.append(("ours / Hugo CPU time (%s)" % label, oc / hc if oc and hc else None, "(info)"))
    o1, o10 = get("1k", "syllabus", "wall_median"), get("10k", "syllabus", "wall_median")
    rows.append(("ours 10k / 1k time", o10 / o1 if (o1 and o10) else None, "<= 11"))
    c1, c10 = get("1k", "syllabus", "cpu_median"), get("10k", "syllabus", "cpu_median")
    rows.append(("ours 10k / 1k CPU time", c10 / c1 if (c1 and c10) else None, "(info)"))
    b1, b10 = get("1k", "syllabus", "out_bytes"), get("10k", "syllabus", "out_bytes")
    rows.append(("ours 10k / 1k output size", b10 / b1 if (b1 and b10) else None, "(info)"))
    if real:
        rows.append(("real guide full build, seconds", real["wall_median"], "< 0.3"))
    p("%-38s %12s %10s  %s" % ("ratio", "value", "target", "status"))
    for name, val, target in rows:
        if val is None:
            p("%-38s %12s %10s  %s" % (name, "n/a", target, ""))
            continue
        status = ""
        if not target.startswith("("):
            op, num = target.split()
            status = "met" if (val < float(num) if op == "<" else val <= float(num)) else "NOT MET"
        p("%-38s %12.3f %10s  %s" % (name, val, target, status))
    for label, res in results.items():
        if "failed" in res:
            continue
        si = res.get("search_index")
        if si:
            p("%-38s %12.3f %10s  %.2f MB index / %.2f MB text (%s)" % (
                "search index / indexed text (%s)" % label, si["bytes"] / si["indexed_text_bytes"], "(info)",
                si["bytes"] / 1e6, si["indexed_text_bytes"] / 1e6, si["text_source"]))
        else:
            p("%-38s %12s" % ("search index / indexed text (%s)" % label, "n/a (no search index yet)"))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--syllabus", required=True)
    ap.add_argument("--templates", required=True)
    ap.add_argument("--real-content", required=True)
    ap.add_argument("--size", action="append", required=True,
                    help="LABEL:CORPUS_DIR:RUNS:WARMUP, e.g. 1k:bench/.work/corpus-1k:5:1")
    ap.add_argument("--real-runs", type=int, default=5)
    ap.add_argument("--machine", default="")
    args = ap.parse_args()
    args.syllabus = os.path.abspath(args.syllabus)
    args.templates = os.path.abspath(args.templates)
    args.real_content = os.path.abspath(args.real_content)
    work = os.path.abspath(args.work)

    results = {}
    for spec in args.size:
        label, corpus, runs, warmup = spec.split(":")
        print("%s corpus (%s): %s runs each, %s warm-up" % (label, corpus, runs, warmup), flush=True)
        results[label] = run_size(label, os.path.abspath(corpus), int(runs), int(warmup), args, work)
    print("real guide (%s): %d runs, 1 warm-up" % (args.real_content, args.real_runs), flush=True)
    real = run_real(args, work)
    text = report(results, real, args.machine)
    print(text)
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump({"sizes": results, "real": real, "machine": args.machine}, f, indent=1, default=str)
    with open(os.path.join(work, "report.txt"), "w") as f:
        f.write(text + "\n")
    return 0 if not any("failed" in r for r in results.values()) and real else 1


if __name__ == "__main__":
    sys.exit(main())
