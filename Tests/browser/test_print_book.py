"""The whole guide on one page (print.html) and each role path as one document (print/<path>.html):
every chapter in study order followed by its questions, a table of contents, links between them
made in-page (none broken, none duplicated), and each chapter on a new printed page."""

import html.parser
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from test_print import _pages, _print, _text, pdf_dir  # noqa: F401  (pdf_dir is a fixture)


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.chapters, self.questions = [], [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "section" and a.get("class") == "print-chapter":
            self.chapters.append(a["id"])
        if tag == "section" and a.get("class") == "print-question":
            self.questions.append(a["id"])


def _parse(path: Path, book_only: bool = False) -> _Links:
    """Ids and links of a page; with `book_only`, of its print document only (no header or sidebar)."""
    text = path.read_text(encoding="utf-8")
    if book_only:
        text = text[text.index('<article class="print-book">'):text.rindex("</article>")]
    parser = _Links()
    parser.feed(text)
    return parser


def _ids_of(path: Path, cache={}) -> set:
    if path not in cache:
        cache[path] = set(_parse(path).ids)
    return cache[path]


def _broken(site_root: Path, rel: str) -> list:
    doc = _parse(site_root / rel)
    ids, broken = set(doc.ids), []
    assert len(ids) == len(doc.ids), "ids are unique"
    for href in doc.hrefs:
        if href.startswith(("http:", "https:", "mailto:")):
            continue
        path, _, fragment = href.partition("#")
        if not path:
            if fragment and fragment not in ids:
                broken.append(href)
            continue
        target = (site_root / rel).parent / urllib.parse.unquote(path)
        if not target.exists() or (fragment and fragment not in _ids_of(target.resolve())):
            broken.append(href)
    return broken


def _documents(site):
    return ["print.html"] + [p for p in site.pages if p.startswith("print/")]


@pytest.mark.parametrize("which", ["site", "cjk_site"])
def test_no_broken_links_and_everything_included(request, which):
    site = request.getfixturevalue(which)
    docs = _documents(site)
    assert len(docs) >= 1
    for rel in docs:
        assert not _broken(site.root, rel), (rel, _broken(site.root, rel)[:10])
    book = _parse(site.root / "print.html", book_only=True)
    chapter_pages = [p for p in site.pages if p.startswith("topics/")]
    question_pages = [p for p in site.pages if p.startswith("questions/")]
    assert len(book.chapters) == len(chapter_pages) and len(book.questions) == len(question_pages)
    # Links between chapters and questions stay inside the document.
    assert not [h for h in book.hrefs if "topics/" in h or "questions/" in h]
    # The contents list names every chapter and question, in the order they follow.
    sections = [i for i in book.ids if i in set(book.chapters) | set(book.questions)]
    toc = [h[1:] for h in book.hrefs if h[1:] in set(sections)]
    assert toc[:len(sections)] == sections


def test_chapters_follow_study_order(site):
    book = _parse(site.root / "print.html")
    home = (site.root / "index.html").read_text(encoding="utf-8")
    order = [c[len("topic-"):] for c in book.chapters]
    positions = [home.index(f'href="topics/{t}.html"') for t in order]
    assert positions == sorted(positions), order


def test_path_document_holds_its_chapters_only(site):
    path_docs = [p for p in site.pages if p.startswith("print/")]
    assert path_docs
    for rel in path_docs:
        doc = _parse(site.root / rel)
        page = (site.root / "paths" / Path(rel).name).read_text(encoding="utf-8")
        assert f'href="../{rel}"' in page, "the path page links its print version"
        for chapter in doc.chapters:
            assert f'topics/{chapter[len("topic-"):]}.html' in page, (rel, chapter)
        assert 0 < len(doc.chapters) and doc.questions


def test_each_chapter_starts_a_printed_page(fresh, site, pdf_dir):
    fresh.get(site.url("print/" + Path(next(p for p in site.pages if p.startswith("print/"))).name))
    breaks = fresh.execute_script("""
        var out = [];
        document.querySelectorAll('.print-chapter').forEach(function (s) { out.push(s.id); });
        return out.length;""")
    assert breaks > 0
    pdf = pdf_dir / "print-path.pdf"
    pdf.write_bytes(_print(fresh, "A4"))
    pages = _pages(pdf)
    assert pages > breaks
    titles = fresh.execute_script("return Array.from(document.querySelectorAll('.print-chapter > h2')).map(function (h) { return h.textContent.trim(); });")
    # Each chapter's heading is the first text on some page.
    starts = [page.strip().splitlines()[0].strip() for page in _text(pdf).split("\f") if page.strip()]
    for title in titles:
        assert any(" ".join(title.split()) in " ".join(s.split()) for s in starts), (title, starts[:20])
