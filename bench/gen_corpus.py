#!/usr/bin/env python3
"""Deterministic, seeded corpus generator for the Syllabus benchmark (issue 7).

Writes one synthetic study guide three times, with byte-identical Markdown bodies:

  OUT/syllabus/content/   our format: guide.yml, topics/, questions/<topic>/, paths/, pages/
  OUT/hugo/               a Hugo site: config.toml, content/ (same bodies), layouts/_default/
  OUT/cmark/              the same bodies as plain .md files (no front matter) for cmark-gfm's CLI
  OUT/corpus.json         counts and byte totals, read by bench/bench.py

Usage: gen_corpus.py --questions 1000 --out DIR [--topics N] [--seed S]

The graph is acyclic by construction: topic i only requires topics with a lower
index, and the layers are assigned in index order, so a foundational topic only
ever requires foundational topics. Both role paths schedule topics in index
order (a topological order) and schedule or assume every prerequisite, so the
guide builds with --strict. Python 3 standard library only; the same arguments
always give the same bytes.
"""

import argparse
import json
import os
import random
import shutil

LAYERS = [
    ("foundational", "Foundational — start here", "#d64545"),
    ("core-training", "Core training", "#c28a1e"),
    ("application", "Application layer", "#4577d6"),
    ("integration", "Advanced integration", "#3f9e5a"),
]
LEVELS = [
    ("junior", "Junior (0–2 years)", "Vocabulary used correctly and mechanisms explained.", "Explains the basics cleanly."),
    ("mid", "Mid-level (2–5 years)", "Choices made under real constraints.", "Has shipped something and can debug it."),
    ("senior", "Senior / Staff (5+ years)", "System design and cost at scale.", "Designs from a blank page and names failure modes."),
]
CALLOUTS = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]
LANGS = ["python", "swift", "go", "rust", "sql", "bash"]

NOUNS = (
    "attention tokenizer embedding gradient optimizer scheduler checkpoint shard replica cache "
    "index retriever reranker chunk corpus prompt context window budget latency throughput "
    "batch kernel tensor matrix vector projection head layer decoder encoder adapter "
    "quantizer pipeline evaluator judge rubric benchmark dataset label sample reward policy "
    "critic rollout trajectory agent tool planner memory router gateway queue worker "
    "cluster node accelerator interconnect bandwidth buffer allocator profile trace metric "
    "guardrail filter classifier detector threshold baseline ablation regression drift "
    "sampler temperature logit softmax residual norm dropout schedule warmup decay loss"
).split()
ADJECTIVES = (
    "sparse dense causal bidirectional quantized distilled streaming batched cached sharded "
    "greedy stochastic robust brittle noisy calibrated grounded hybrid lexical semantic "
    "incremental offline online adaptive static dynamic parallel sequential bounded linear"
).split()
VERBS = (
    "reduces increases bounds dominates amortizes hides exposes shifts trades caps doubles "
    "halves stabilises breaks masks measures predicts explains limits drives couples"
).split()
FILLER = "the a of for with when under across before after because while so that which".split()
GLOBAL_TAGS = (
    "latency cost memory evaluation scaling debugging design math safety data "
    "training inference retrieval agents tooling metrics systems theory production interviews "
    "trade-offs failure-modes numbers papers"
).split()


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.math = False

    def word(self):
        r = self.r.random()
        if r < 0.45:
            return self.r.choice(NOUNS)
        if r < 0.6:
            return self.r.choice(ADJECTIVES)
        if r < 0.72:
            return self.r.choice(VERBS)
        return self.r.choice(FILLER)

    def sentence(self, lo=6, hi=14, inline=True):
        words = [self.word() for _ in range(self.r.randint(lo, hi))]
        if inline:
            k = self.r.random()
            i = self.r.randrange(len(words))
            if k < 0.15:
                words[i] = "`%s_%s()`" % (self.r.choice(NOUNS), self.r.choice(NOUNS))
            elif k < 0.27:
                words[i] = "**%s %s**" % (words[i], self.r.choice(NOUNS))
            elif k < 0.36:
                words[i] = "*%s*" % words[i]
            elif k < 0.40:
                words[i] = "~~%s~~ %s" % (words[i], self.r.choice(NOUNS))
        s = " ".join(words)
        return s[0].upper() + s[1:] + ("?" if self.r.random() < 0.15 else ".")

    def paragraph(self, n_lo=2, n_hi=4):
        return " ".join(self.sentence() for _ in range(self.r.randint(n_lo, n_hi)))

    def phrase(self, lo=2, hi=4):
        return " ".join(self.r.choice(NOUNS + ADJECTIVES) for _ in range(self.r.randint(lo, hi)))

    def title_words(self, n):
        return " ".join(w.capitalize() for w in (self.r.choice(ADJECTIVES + NOUNS) for _ in range(n)))

    def number(self):
        return self.r.choice(["%d ms" % self.r.randint(2, 900), "%d%%" % self.r.randint(1, 99),
                              "%d GB" % self.r.randint(1, 640), "%dx" % self.r.randint(2, 40),
                              "%d tokens" % (self.r.randint(1, 64) * 256)])

    def table(self, rows):
        head = "| %s | %s | %s |" % (self.title_words(1), self.title_words(1), self.title_words(1))
        lines = [head, "|---|---|---|"]
        for _ in range(rows):
            lines.append("| %s | %s | %s |" % (self.phrase(1, 2), self.number(), self.phrase(2, 4)))
        return "\n".join(lines)

    def code(self, lines):
        lang = self.r.choice(LANGS)
        body = []
        for i in range(lines):
            a, b, c = self.r.choice(NOUNS), self.r.choice(NOUNS), self.r.randint(1, 4096)
            if lang == "python":
                body.append("%s%s = %s(%s, %d)" % ("    " if i % 3 else "", a, b, a, c) if i else "def %s(%s):" % (b, a))
            elif lang == "sql":
                body.append("SELECT %s, count(*) FROM %s WHERE %s > %d GROUP BY %s;" % (a, b, a, c, a))
            elif lang == "bash":
                body.append("%s --%s %d | grep %s" % (a, b, c, a))
            else:
                body.append("let %s = %s(%d) // %s" % (a, b, c, self.r.choice(ADJECTIVES)))
        return "```%s\n%s\n```" % (lang, "\n".join(body))

    def formula(self, label):
        """One inline formula per question (`--math`), different in every question so the
        typesetter's cache cannot serve it: what a guide of distinct formulas costs."""
        d = self.r.randint(16, 4096)
        return ("The score is $\\mathrm{softmax}\\left(\\frac{q_{%s} K^\\top}{\\sqrt{%d}}\\right) V$ "
                "for %s." % (label, d, self.phrase(2, 3)))

    def bullets(self, n, prefix="- "):
        return "\n".join(prefix + self.sentence(6, 14) for _ in range(n))

    def callout(self):
        kind = self.r.choice(CALLOUTS)
        return "> [!%s] %s\n> %s" % (kind, self.title_words(self.r.randint(2, 4)), self.sentence(10, 20))


def yq(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_graph(g, n_topics):
    topics = []
    for i in range(n_topics):
        layer = LAYERS[min(3, i * 4 // n_topics)][0]
        first = g.r.choice(NOUNS)
        second = g.r.choice(NOUNS)
        tid = "t%03d-%s-%s" % (i + 1, first, second)
        title = "%s %s %s" % (g.r.choice(ADJECTIVES).capitalize(), first.capitalize(), second.capitalize())
        requires = []
        if i > 0:
            window = list(range(max(0, i - 12), i))
            k = min(len(window), g.r.choice([1, 1, 2, 2, 2, 3]))
            requires = sorted(g.r.sample(window, k))
        tags = ["%s-%s" % (first, second), "%s-%d" % (layer, i % 7)]
        topics.append({"i": i, "id": tid, "title": title, "layer": layer, "req": requires, "tags": tags})
    return topics


def question_body(g, t, topics, qi, slugs, all_slugs):
    """One question body, about 2 KB, closed blocks, trailing blank line."""
    tid = t["id"]
    n = len(slugs)
    sib = slugs[(qi + 1) % n] if n > 1 else slugs[qi]
    prev = slugs[qi - 1] if qi > 0 else slugs[-1]
    parts = []
    parts.append("%s See [the next question](%s.md) and [the chapter](../../topics/%s.md)." % (
        g.sentence(), sib, tid))
    parts.append("## Answer")
    parts.append("### %s" % g.title_words(2))
    parts.append(g.paragraph(1, 2))
    items = [g.sentence(5, 10) for _ in range(3)]
    if t["req"]:
        req = topics[g.r.choice(t["req"])]
        rslug = g.r.choice(all_slugs[req["id"]])
        items.append("Builds on [%s](../%s/%s.md#answer) from [%s](../../topics/%s.md)." % (
            g.phrase(2, 3), req["id"], rslug, req["title"], req["id"]))
    else:
        items.append("Compare with [%s](%s.md#hints)." % (g.phrase(2, 3), prev))
    parts.append("\n".join("- " + x for x in items))
    parts.append(g.table(3))
    parts.append("### %s" % g.title_words(2))
    parts.append(g.sentence() + "[^%s-%d]" % (tid[:4], qi + 1))
    parts.append(g.code(g.r.randint(3, 5)))
    if g.math:
        parts.append(g.formula("%d.%d" % (t["i"] + 1, qi + 1)))
    parts.append(g.callout())
    parts.append("- [x] %s\n- [ ] %s" % (g.sentence(4, 8, False), g.sentence(4, 8, False)))
    parts.append("Details: https://example.org/%s/%s and [the cheat sheet](../../topics/%s.md#cheat-sheet)." % (
        tid, slugs[qi], tid))
    parts.append("## Hints")
    parts.append("\n".join("%d. %s" % (k + 1, g.sentence(5, 10)) for k in range(g.r.randint(2, 3))))
    parts.append("## Pitfalls")
    parts.append(g.bullets(g.r.randint(2, 3)))
    parts.append("## Follow-ups")
    parts.append("\n".join("- *%s?* %s" % (g.sentence(4, 8, False)[:-1], g.sentence(6, 12))
                           for _ in range(2)))
    parts.append("[^%s-%d]: %s" % (tid[:4], qi + 1, g.sentence(6, 10, False)))
    return "\n\n".join(parts) + "\n\n"


def topic_body(g, t, topics, slugs):
    tid = t["id"]
    parts = [g.paragraph(3, 4)]
    if t["req"]:
        links = ", ".join("[%s](%s.md)" % (topics[j]["title"], topics[j]["id"]) for j in t["req"])
        parts.append("This chapter builds on %s. %s" % (links, g.sentence()))
    for _ in range(2):
        parts.append("## %s" % g.title_words(3))
        parts.append(g.paragraph(2, 4))
        parts.append(g.bullets(4))
    parts.append(g.table(5))
    parts.append(g.code(8))
    parts.append(g.callout())
    parts.append("## Questions to start with")
    parts.append("\n".join("- [%s](../questions/%s/%s.md)" % (g.phrase(2, 4), tid, s) for s in slugs[:5]))
    parts.append("## Cheat sheet")
    parts.append(g.table(8))
    return "\n\n".join(parts) + "\n\n"


def path_body(g, scheduled, topics):
    parts = ["## Who this path is for", g.paragraph(2, 3), "## Week by week"]
    for j in scheduled[:30]:
        parts.append("- [%s](../topics/%s.md): %s" % (topics[j]["title"], topics[j]["id"], g.sentence(5, 10)))
    parts.append("## What ready looks like")
    parts.append(g.bullets(4))
    return "\n\n".join(parts) + "\n\n"


def plan_yaml(scheduled, topics, g, per_week):
    weeks = [scheduled[k:k + per_week] for k in range(0, len(scheduled), per_week)]
    lines = ["plan:"]
    for w, ts in enumerate(weeks, 1):
        lines.append("  - week: %d" % w)
        lines.append("    topics: [%s]" % ", ".join(topics[j]["id"] for j in ts))
        lines.append("    focus: %s" % yq(g.sentence(5, 9, False)))
    return len(weeks), "\n".join(lines)


def write(path, text, stats=None, key=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    if stats is not None:
        stats[key] = stats.get(key, 0) + len(text.encode("utf-8"))


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ .Content }}
</article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--questions", type=int, required=True, help="total number of questions")
    ap.add_argument("--topics", type=int, help="number of topics (default: 20 for <=1000 questions, else questions/100)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True)
    ap.add_argument("--math", action="store_true",
                    help="one formula per question (every question already has one code block with a language)")
    a = ap.parse_args()

    n_topics = a.topics or (20 if a.questions <= 1000 else max(20, a.questions // 100))
    if n_topics < 4 or a.questions < n_topics:
        ap.error("need at least 4 topics and one question per topic")
    g = Gen("syllabus-bench-%d-%d-%d" % (a.seed, a.questions, n_topics))
    g.math = a.math

    out = a.out
    for sub in ("syllabus", "hugo", "cmark"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    ours = os.path.join(out, "syllabus", "content")
    hugo = os.path.join(out, "hugo")
    cm = os.path.join(out, "cmark")
    stats = {}

    topics = build_graph(g, n_topics)
    # Questions per topic: spread a.questions as evenly as possible.
    base, extra = divmod(a.questions, n_topics)
    all_slugs = {}
    for t in topics:
        m = base + (1 if t["i"] < extra else 0)
        all_slugs[t["id"]] = ["q%03d-%s-%s" % (k + 1, g.r.choice(NOUNS), g.r.choice(NOUNS)) for k in range(m)]

    title = "Synthetic Benchmark Guide (%d questions)" % a.questions
    guide = [
        "title: %s" % yq(title),
        "description: %s" % yq("A generated guide used by make bench; not real advice."),
        "base_url: https://example.org/guide/",
        "layers:",
    ]
    for lid, lt, col in LAYERS:
        guide += ["  - id: %s" % lid, "    title: %s" % yq(lt), '    color: "%s"' % col]
    guide.append("levels:")
    for lid, lt, focus, hired in LEVELS:
        guide += ["  - id: %s" % lid, "    title: %s" % yq(lt), "    focus: %s" % yq(focus),
                  "    hired_for: %s" % yq(hired)]
    guide += [
        "assessment:",
        '  scale: ["Never seen", "Read about", "Can explain", "Can derive or build", "Can teach"]',
        "  bands:",
        "    - {min: 40, advice: \"Well prepared.\"}",
        "    - {min: 0, advice: \"Start from chapter 1.\"}",
        "review_days: [0, 3, 7, 14, 21]",
    ]
    write(os.path.join(ours, "guide.yml"), "\n".join(guide) + "\n")

    hugo_cfg = "\n".join([
        'baseURL = "https://example.org/guide/"',
        'title = %s' % yq(title),
        'languageCode = "en"',
        '# We write no feeds; Hugo would otherwise render an RSS file per list page.',
        'disableKinds = ["RSS"]',
        '[taxonomies]',
        '  tag = "tags"',
        '',
    ])
    write(os.path.join(hugo, "config.toml"), hugo_cfg)
    write(os.path.join(hugo, "layouts", "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(hugo, "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(hugo, "layouts", "_default", "list.html"), HUGO_LIST)
    write(os.path.join(hugo, "content", "_index.md"), "---\ntitle: %s\n---\n" % yq(title))
    write(os.path.join(hugo, "content", "topics", "_index.md"), "---\ntitle: Chapters\n---\n")
    write(os.path.join(hugo, "content", "questions", "_index.md"), "---\ntitle: Questions\n---\n")
    write(os.path.join(hugo, "content", "paths", "_index.md"), "---\ntitle: Paths\n---\n")

    def emit(rel, fm_ours, fm_hugo, body):
        """Write one body to all three trees; count body bytes once."""
        write(os.path.join(ours, rel), "---\n%s---\n%s" % (fm_ours, body))
        write(os.path.join(hugo, "content", rel), "---\n%s---\n%s" % (fm_hugo, body))
        write(os.path.join(cm, rel), body, stats, "markdown_bytes")
        stats["markdown_files"] = stats.get("markdown_files", 0) + 1

    # Chapters.
    for t in topics:
        tg = Gen("topic-%d-%s" % (a.seed, t["id"]))
        body = topic_body(tg, t, topics, all_slugs[t["id"]])
        req = "[%s]" % ", ".join(topics[j]["id"] for j in t["req"])
        fm = "".join([
            "title: %s\n" % yq(t["title"]),
            "layer: %s\n" % t["layer"],
            "order: %d\n" % (t["i"] + 1),
            "requires: %s\n" % req,
            "summary: %s\n" % yq(tg.sentence(8, 14, False)),
            "frequency: %s\n" % yq(tg.sentence(5, 9, False)),
            "core_question: %s\n" % yq(tg.sentence(6, 12, False)[:-1] + "?"),
            "must_include:\n",
        ] + ["  - %s\n" % yq(tg.sentence(5, 10, False)) for _ in range(4)])
        fmh = "title: %s\nweight: %d\n" % (yq(t["title"]), t["i"] + 1)
        emit("topics/%s.md" % t["id"], fm, fmh, body)

    # Questions.
    role_full = "full-stack-synthetic"
    for t in topics:
        slugs = all_slugs[t["id"]]
        write(os.path.join(hugo, "content", "questions", t["id"], "_index.md"),
              "---\ntitle: %s\nweight: %d\n---\n" % (yq(t["title"]), t["i"] + 1))
        for qi, slug in enumerate(slugs):
            qg = Gen("q-%d-%s-%s" % (a.seed, t["id"], slug))
            qg.math = a.math
            body = question_body(qg, t, topics, qi, slugs, all_slugs)
            qtitle = "How does the %s %s work, and when does it %s %s?" % (
                qg.r.choice(ADJECTIVES), qg.r.choice(NOUNS), qg.r.choice(VERBS).rstrip("s"), qg.phrase(1, 2))
            tags = [qg.r.choice(t["tags"])] + sorted(qg.r.sample(GLOBAL_TAGS, qg.r.randint(1, 2)))
            level = qg.r.choice([l[0] for l in LEVELS])
            fm = "title: %s\nlevel: %s\ntags: [%s]\ntldr: %s\norder: %d\n" % (
                yq(qtitle), level, ", ".join(tags), yq(qg.sentence(12, 24, False)), qi + 1)
            if qi % 7 == 3:
                fm += "roles: [%s]\n" % role_full
            fmh = "title: %s\ntags: [%s]\nweight: %d\n" % (yq(qtitle), ", ".join(tags), qi + 1)
            emit("questions/%s/%s.md" % (t["id"], slug), fm, fmh, body)
            stats["questions"] = stats.get("questions", 0) + 1

    # Two role paths, valid against the graph (topics in index order = topological order).
    pg = Gen("paths-%d" % a.seed)
    n = len(topics)
    full = list(range(n))
    weeks, plan = plan_yaml(full, topics, pg, max(1, (n + 11) // 12))
    fm = "title: %s\nweeks: %d\naudience: %s\n%s\n" % (
        yq("Full-stack synthetic engineer"), weeks, yq(pg.sentence(6, 10, False)), plan)
    emit("paths/%s.md" % role_full, fm, "title: %s\n" % yq("Full-stack synthetic engineer"), path_body(pg, full, topics))

    # Applied path: a few late targets plus their prerequisites; foundational ones are assumed.
    targets = [n - 1, n - 2, (3 * n) // 4]
    closure = set()
    stack = list(targets)
    while stack:
        j = stack.pop()
        if j not in closure:
            closure.add(j)
            stack.extend(topics[j]["req"])
    assumed = sorted(j for j in closure if topics[j]["layer"] == "foundational")
    scheduled = sorted(j for j in closure if topics[j]["layer"] != "foundational")
    weeks, plan = plan_yaml(scheduled, topics, pg, 3)
    fm = "title: %s\nweeks: %d\naudience: %s\n%s\nassumes: [%s]\n" % (
        yq("Applied synthetic engineer"), weeks, yq(pg.sentence(6, 10, False)), plan,
        ", ".join(topics[j]["id"] for j in assumed))
    emit("paths/applied-synthetic.md", fm, "title: %s\n" % yq("Applied synthetic engineer"), path_body(pg, scheduled, topics))

    # One free-standing page.
    body = "## About\n\n%s\n\nStart with [the first chapter](../topics/%s.md).\n\n" % (pg.paragraph(3, 4), topics[0]["id"])
    emit("pages/about.md", "title: About this guide\norder: 1\n", "title: About this guide\n", body)

    stats.update({"topics": n, "seed": a.seed, "requested_questions": a.questions})
    with open(os.path.join(out, "corpus.json"), "w") as f:
        json.dump(stats, f, indent=1, sort_keys=True)
        f.write("\n")
    print("corpus %s: %d topics, %d questions, %d Markdown files, %.1f MB of Markdown bodies" % (
        out, n, stats["questions"], stats["markdown_files"], stats["markdown_bytes"] / 1e6))


if __name__ == "__main__":
    main()
