"""(d) One definition of a term: the browser's tokeniser (app.js) and the index builder's
(SearchTerms.swift) agree on a large sample.

A guide is generated whose questions' bodies are the sample: prose from the bundled guide's
Markdown with the characters Markdown gives meaning to taken out, and a sweep over every assigned
code point below U+30000 that NFC leaves alone (each inside a word, upper- and lower-case ASCII around it). It is built
with the real binary; for each question, the terms the Swift side indexed (read back from the
index's posting lists) must equal the terms app.js finds in the same text, in Chromium.
"""

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO, SYLLABUS, TEMPLATES

GUIDE = """title: Tokeniser Agreement Fixture
description: "Questions whose bodies are a sample of text, to compare the two tokenisers."
layers:
  - id: base
    title: Base layer
    color: "#4577d6"
levels:
  - id: junior
    title: Junior
    focus: "The basics."
    hired_for: "Explaining them."
"""
TOPIC = '---\ntitle: "Sample"\nlayer: base\norder: 1\nsummary: "Sample."\n---\nSample.\n'
# Markdown syntax, HTML and entities would change the text between file and index: left out.
# `$` too: the build typesets TeX between dollars, and the sample is prose, not math.
SPECIAL = set("\\`*_[]<>&#!|~{}()=+-$")


def _prose() -> list:
    text = []
    for path in sorted((REPO / "content").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        clean = "".join(" " if c in SPECIAL or c in "\t" else c for c in body)
        text.extend(unicodedata.normalize("NFC", line.strip()) for line in clean.splitlines() if line.strip())
    return text


def _sweep() -> list:
    words = []
    for cp in range(0x80, 0x30000):
        c = chr(cp)
        category = unicodedata.category(c)
        # Authors' text is NFC (what editors write); a character NFC would change is left out.
        if category in ("Cn", "Co", "Cs", "Cc") or category.startswith("Z") or unicodedata.normalize("NFC", c) != c:
            continue
        words.append(f"Xq{c}Q")
    return [" ".join(words[i:i + 200]) for i in range(0, len(words), 200)]


def _chunks(lines: list, size: int = 60_000) -> list:
    out, current = [], ""
    for line in lines:
        if len(current) + len(line) > size:
            out.append(current)
            current = ""
        current += line + "\n\n"
    return out + ([current] if current else [])


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("terms")
    content = root / "content"
    (content / "topics").mkdir(parents=True)
    (content / "questions" / "sample").mkdir(parents=True)
    (content / "guide.yml").write_text(GUIDE, encoding="utf-8")
    (content / "topics" / "sample.md").write_text(TOPIC, encoding="utf-8")
    bodies = {}
    for n, body in enumerate(_chunks(_prose()) + _chunks(_sweep())):
        qid = f"q{n:03d}"
        bodies[f"questions/sample/{qid}.html"] = "Answer\n\n" + body
        (content / "questions" / "sample" / f"{qid}.md").write_text(
            f'---\ntitle: "Zzsample {n}"\nlevel: junior\ntags: [zztag]\ntldr: "Zzsummary."\n---\n## Answer\n\n{body}',
            encoding="utf-8")
    out = root / "site"
    result = subprocess.run([str(SYLLABUS), "build", "--content", str(content), "--templates", str(TEMPLATES),
                             "--output", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out, bodies


def _indexed_terms(site: Path) -> dict:
    """url -> the set of terms whose posting list names that document."""
    raw = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    index = json.loads(re.search(r"window\.SYLLABUS_SEARCH=(.*);\s*$", raw, re.S).group(1))
    url = index["fields"].index("url")
    per_doc = [set() for _ in index["docs"]]
    for term, gaps in index["terms"].items():
        doc = 0
        for gap in gaps.split(","):
            doc += int(gap, 36)
            per_doc[doc].add(term)
    return {row[url]: per_doc[i] for i, row in enumerate(index["docs"])}


def test_swift_and_js_tokenisers_agree(driver, sample_site):
    site, bodies = sample_site
    indexed = _indexed_terms(site)
    driver.get((site / "search.html").as_uri())
    driver.set_script_timeout(120)
    urls = sorted(bodies)
    # Headings (the tags) and summary (the tldr) are indexed with the body.
    found = driver.execute_async_script("""
        var texts = arguments[0], done = arguments[arguments.length - 1];
        window.SyllabusSearch.load(function () {
          done(texts.map(function (t) { return window.SyllabusSearch.terms(t + " zztag Zzsummary."); }));
        });""", [bodies[u] for u in urls])
    assert sum(len(bodies[u]) for u in urls) > 500_000, "the sample is large"
    problems = []
    for u, js in zip(urls, found):
        swift = indexed[u]
        for term in sorted(swift ^ set(js))[:10]:
            side = "Swift only" if term in swift else "JS only"
            problems.append(f"{u}: {side}: {term!r} {[hex(ord(c)) for c in term]}")
    assert not problems, "\n".join(problems[:40])
