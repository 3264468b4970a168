"""Instructions per page for the parse and render stages, from callgrind (issue 15).

Wall time on this shared 2-core machine moves by a factor of two from one minute to the next;
instruction counts do not. One build of a corpus runs under callgrind, pinned to one CPU
(taskset): libdispatch then sizes `concurrentPerform` to one thread and runs every iteration
on the calling thread, inside the stage function, so the stage function's inclusive cost is the
whole stage. (On two cores the worker threads' share would sit under the threads' own start
routines instead.) The inclusive costs come from `callgrind_annotate --inclusive=yes`.

Valgrind 3.19 (Debian 12) cannot read the DWARF 5 debug info Swift 6 writes ("unhandled dwarf2
abbrev form code 0x25 … Possibly corrupted debuginfo file … Giving up"), so the build runs from
a copy with the debug sections removed (`objcopy --strip-debug`): the symbol table, which is
all the function names need, stays.

Why inclusive costs and not `--toggle-collect`: the release build has no plain
`Pipeline.parse` symbol, only a specialisation of it (`…FZTf4nnnd_n`), and which of a
function, its thunk and its specialisations exist changes with the optimiser. A toggle on two
of them that call each other switches collection off again; the largest inclusive cost over
every match is always the outermost one. Python 3 stdlib only.
"""

import json
import os
import re
import shutil
import subprocess

# The stage functions, as regular expressions over mangled Swift names: the name up to its
# `F` (function) or `FZ` (static function) marker, then at most a specialisation suffix
# (`Tf…`, `Tg…`, or a closure-specialisation `04$s…` that names its caller and ends in
# `Tf…`), never a closure of the function itself (`…FZySi…fU_`). A stage made of several
# functions that do not call each other lists each; its cost is the sum of their largest
# matches.
SPECIALISED = r"(T[fg]\w*|04\$s[\w$]*?T[fg]\w*)?"
STAGES = {
    # static Pipeline.parse(_:links:…) in SyllabusBuild, whatever parameters follow `links:`
    # (the stage gained `reserved:`, `disk:` and more; the largest inclusive match is the
    # function itself, not a closure inside it)
    "parse": [r"\$s13SyllabusBuild8PipelineO5parse_5links\w*?tFZ" + SPECIALISED],
    # SiteRenderer.plan(reuse:deferSearchIndex:) lists the pages; SiteRenderer.render(_:deliver:)
    # renders them in batches (the jobs `plan` made run inside it); a build makes the search
    # index before them (searchIndexFile()) and then cuts the documents (dropSearchText())
    "render": [r"\$s16SyllabusRenderer04SiteB0V4plan5reuse16deferSearchIndex\w*?tF" + SPECIALISED,
               r"\$s16SyllabusRenderer04SiteB0V6render_7deliver\w*?tKF" + SPECIALISED,
               r"\$s16SyllabusRenderer04SiteB0V15searchIndexFile\w*?yF" + SPECIALISED,
               r"\$s16SyllabusRenderer04SiteB0V14dropSearchTextyyF" + SPECIALISED],
}

# `1,234,567 (12.34%)  file:function [object]` in callgrind_annotate's output.
ANNOTATE_LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+\S*?:(\S+)")


def inclusive(annotated):
    """{function: inclusive instructions} from callgrind_annotate --inclusive=yes output."""
    out = {}
    for line in annotated.splitlines():
        m = ANNOTATE_LINE.match(line)
        if m:
            name = m.group(2)
            out[name] = max(out.get(name, 0), int(m.group(1).replace(",", "")))
    return out


def stage_totals(costs):
    """{stage: instructions}: for each of a stage's functions the largest inclusive cost among
    its names, summed; a stage with a function that matched nothing is left out."""
    out = {}
    for stage, patterns in STAGES.items():
        parts = [max((n for name, n in costs.items() if re.fullmatch(p, name)), default=0)
                 for p in patterns]
        if all(parts):
            out[stage] = sum(parts)
    return out


def run_callgrind(label, corpus, args, work, build_argv):
    """One build of corpus `label` under callgrind; instructions per parsed document and per
    rendered page. Returns a dict for the report (with 'error' when it could not measure)."""
    if not all(shutil.which(t) for t in ("valgrind", "callgrind_annotate", "taskset", "objcopy")):
        return {"error": "valgrind, callgrind_annotate, taskset or objcopy is missing"}
    base = os.path.join(work, "callgrind", label)
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(base)
    out, data = os.path.join(base, "out"), os.path.join(base, "callgrind.out")
    binary = os.path.join(base, "syllabus")
    subprocess.run(["objcopy", "--strip-debug", args.syllabus, binary], check=True)
    argv = ["taskset", "-c", "0", "valgrind", "--tool=callgrind", "--callgrind-out-file=" + data]
    argv += [binary] + build_argv(os.path.join(corpus, "syllabus", "content"), out)[1:]
    print("  %-4s %s" % (label, " ".join(argv)), flush=True)
    res = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if res.returncode != 0:
        return {"error": "the build under callgrind failed:\n" + res.stderr[-2000:]}
    annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", data],
                               capture_output=True, text=True, check=True).stdout
    with open(os.path.join(base, "inclusive.txt"), "w") as f:
        f.write(annotated)
    totals = stage_totals(inclusive(annotated))
    pages = sum(1 for _, _, fs in os.walk(out) for f in fs if f.endswith(".html"))
    with open(os.path.join(corpus, "corpus.json")) as f:
        documents = json.load(f)["markdown_files"]
    result = {"pages": pages, "documents": documents, "instructions": totals, "folder": base}
    missing = [s for s in STAGES if not totals.get(s)]
    if missing:
        result["error"] = ("no function matched the %s stage's name; update STAGES in bench/callgrind.py "
                           "(nm .build/release/syllabus lists the names)" % ", ".join(missing))
    return result
