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

import callgrind
import rebuild

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


def measure(name, argv, out_dir, cwd, tmp, clean=True):
    """One timed run, into an emptied output folder unless clean is False. Returns a dict."""
    if clean:
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


def our_build(args, cached=False):
    """argv of our full build, as a function of the content and output folders. Cold runs pass
    --no-cache, so they neither read nor leave a build cache (.syllabus-cache/ beside content/);
    only the warm one-edit rebuild (cached=True) uses it."""
    cache = [] if cached else ["--no-cache"]
    return lambda content, out: [args.syllabus, "build", "--content", content, "--templates", args.templates,
                                 "--output", out] + cache


def tool_commands(tool, corpus, out, args, cache):
    if tool == "syllabus":
        # --timings only adds the stage split to standard error (kept in results.json).
        return our_build(args)(os.path.join(corpus, "syllabus", "content"), out) + ["--timings"], None
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


def summarise(samples):
    """Medians (and the minimum wall time, and the largest peak) over timed runs."""
    return {
        "wall_median": statistics.median(x["wall"] for x in samples),
        "wall_min": min(x["wall"] for x in samples),
        "wall_all": [round(x["wall"], 4) for x in samples],
        "cpu_median": statistics.median(x["user"] + x["sys"] for x in samples),
        "sys_median": statistics.median(x["sys"] for x in samples),
        "rss_mib_median": statistics.median(x["rss_kb"] for x in samples) / 1024,
        "rss_mib_max": max(x["rss_kb"] for x in samples) / 1024,
    }


def run_size(label, corpus, runs, warmup, args, work, tools=TOOLS):
    tools = list(tools)
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
            if t == "syllabus":
                r["stages"] = rebuild.stages(r["stderr"])
                if rnd == runs - 1:
                    summary = [x for x in r["stderr"].strip().splitlines() if x.startswith("built ")]
                    print("       syllabus says: %s" % (summary[-1] if summary else r["stderr"].strip()[-200:]))
                    print("       stages, ms: %s" % ", ".join("%s %.0f" % st for st in r["stages"]))
            if rnd >= 0:
                samples[t].append(r)
    result = {}
    for t in tools:
        s = samples[t]
        size, files = du_bytes(outs[t])
        result[t] = dict(summarise(s), out_bytes=size, out_files=files)
        if t == "syllabus":
            result[t]["stages_ms"] = rebuild.median_stages([x["stages"] for x in s])
    result["tools"] = tools
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
        argv = our_build(args)(args.real_content, out)
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
            "summary": ([x for x in samples[-1]["stderr"].strip().splitlines() if x.startswith("built ")] or [""])[-1]}


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def fmt_ratio(x, target, better_low=True):
    if x is None:
        return "n/a", target, ""
    ok = x <= target if better_low else x >= target
    return x, target, "met" if ok else "NOT MET"


def report(results, real, machine, warm=None, grind=None):
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
        for t in res["tools"]:
            r = res[t]
            p("%-5s %-10s %6d %9.3f %9.3f %8.2f %9.2f %10.0f %10.1f %7d" % (
                label, t, len(r["wall_all"]), r["wall_median"], r["wall_min"], r["cpu_median"], r["sys_median"],
                r["rss_mib_median"], r["out_bytes"] / 1e6, r["out_files"]))
        w = (warm or {}).get(label)
        if w and "failed" not in w:
            p("%-5s %-10s %6d %9.3f %9.3f %8.2f %9.2f %10.0f %10s %7d   (one edit, same output; %d files written)" % (
                label, "warm-edit", len(w["wall_all"]), w["wall_median"], w["wall_min"], w["cpu_median"],
                w["sys_median"], w["rss_mib_median"], "", w["out_files"], w["rewritten_median"]))
        elif w:
            p("%-5s warm-edit FAILED (its standard error is printed above)" % label)
        for name, st in (("cold", res["syllabus"].get("stages_ms")), ("warm-edit", (w or {}).get("stages_ms"))):
            if st:
                p("      ours, %s, stage medians (ms): %s" % (name, ", ".join("%s %.0f" % tuple(x) for x in st)))
        p("      corpus: %d questions, %d topics, %d Markdown files, %.1f MB of Markdown bodies" % (
            c["questions"], c["topics"], c["markdown_files"], c["markdown_bytes"] / 1e6))
        p("      load average after the cold runs: %s%s" % (
            res.get("load_after", "?"), "; after the warm runs: %s" % w["load_after"] if w else ""))
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
        if not h:
            continue  # Hugo and cmark-gfm were not run on this size
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
    o50, om10, om50 = get("50k", "syllabus", "wall_median"), get("10k", "syllabus", "rss_mib_median"), get("50k", "syllabus", "rss_mib_median")
    if o50:
        rows.append(("ours 50k / 10k time", o50 / o10 if o10 else None, "<= 5.5"))
        # CPU time moves less than wall time with the load of a shared machine.
        c50 = get("50k", "syllabus", "cpu_median")
        rows.append(("ours 50k / 10k CPU time", c50 / c10 if c10 else None, "(info)"))
    rows.append(("ours peak memory (10k), MiB", om10, "< 256"))
    if o50:
        rows.append(("ours peak memory (50k), MiB", om50, "< 1024"))
    for label, w in (warm or {}).items():
        big = label == "10k"
        rows.append(("warm one-edit rebuild (%s), seconds" % label, w.get("wall_median"), "< 1.0" if big else "(info)"))
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
    for label, g in (grind or {}).items():
        if g.get("error"):
            p("callgrind (%s): n/a, %s" % (label, g["error"].splitlines()[0]))
        for stage, unit, count in (("parse", "document", g.get("documents")), ("render", "page", g.get("pages"))):
            n = g.get("instructions", {}).get(stage)
            if n and count:
                p("%-38s %12.0f %10s  %.3g instructions / %d %ss (1 CPU; load after: %s)" % (
                    "%s instructions per %s (%s)" % (stage, unit, label), n / count, "(info)", n, count, unit,
                    g.get("load_after")))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--report-only", action="store_true", help="only print the table again, from WORK/results.json")
    ap.add_argument("--syllabus", default="")
    ap.add_argument("--templates", default="")
    ap.add_argument("--real-content", default="")
    ap.add_argument("--size", action="append", default=[],
                    help="LABEL:CORPUS_DIR:RUNS:WARMUP[:TOOL,TOOL], e.g. 1k:bench/.work/corpus-1k:5:1 (all tools)")
    ap.add_argument("--real-runs", type=int, default=5)
    ap.add_argument("--warm", action="append", default=[], help="LABEL:RUNS, one-edit rebuilds on that size's corpus")
    ap.add_argument("--callgrind", action="append", default=[], help="LABEL, instructions per page on that size's corpus")
    ap.add_argument("--machine", default="")
    args = ap.parse_args()
    work = os.path.abspath(args.work)
    if args.report_only:
        with open(os.path.join(work, "results.json")) as f:
            saved = json.load(f)
        print(report(saved["sizes"], saved["real"], saved["machine"], saved.get("warm"), saved.get("callgrind")))
        return 0
    if not (args.syllabus and args.templates and args.real_content and args.size):
        ap.error("--syllabus, --templates, --real-content and at least one --size are needed")
    args.syllabus = os.path.abspath(args.syllabus)
    args.templates = os.path.abspath(args.templates)
    args.real_content = os.path.abspath(args.real_content)

    results, corpora = {}, {}
    for spec in args.size:
        label, corpus, runs, warmup, *tools = spec.split(":")
        tools = tools[0].split(",") if tools else TOOLS
        corpora[label] = os.path.abspath(corpus)
        print("%s corpus (%s): %s runs each of %s, %s warm-up" % (label, corpus, runs, ", ".join(tools), warmup), flush=True)
        results[label] = run_size(label, corpora[label], int(runs), int(warmup), args, work, tools)
        # The machine's load next to each size's figures: it is shared, and the load moves them.
        results[label]["load_after"] = load()
        print("  load average after the %s runs: %s" % (label, results[label]["load_after"]), flush=True)
    warm = {}
    for spec in args.warm:
        label, runs = spec.split(":")
        print("%s warm rebuild after one edit: %s runs" % (label, runs), flush=True)
        warm[label] = rebuild.run_warm(label, corpora[label], int(runs), work, measure, summarise, our_build(args, cached=True))
        warm[label]["load_after"] = load()
        if "failed" in warm[label]:
            sys.stderr.write("---- %s failed:\n%s\n" % (warm[label]["failed"], warm[label]["stderr"]))
    grind = {}
    for label in args.callgrind:
        print("%s callgrind, parse and render stages (one build, one CPU; minutes)" % label, flush=True)
        grind[label] = callgrind.run_callgrind(label, corpora[label], args, work, our_build(args))
        grind[label]["load_after"] = load()
    print("real guide (%s): %d runs, 1 warm-up" % (args.real_content, args.real_runs), flush=True)
    real = run_real(args, work)
    # The samples first, so a failure in the report below loses nothing.
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump({"sizes": results, "warm": warm, "callgrind": grind, "real": real, "machine": args.machine},
                  f, indent=1, default=str)
    text = report(results, real, args.machine, warm, grind)
    print(text)
    with open(os.path.join(work, "report.txt"), "w") as f:
        f.write(text + "\n")
    failed = any("failed" in r for r in list(results.values()) + list(warm.values()))
    return 0 if not failed and real else 1


if __name__ == "__main__":
    sys.exit(main())
