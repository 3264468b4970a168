"""Sharing: each page's meta description is its own summary (a question's tldr or answer, a
chapter's summary or opening), and with base_url every page carries Open Graph and Twitter card
tags whose URL is the absolute canonical one. Runs on the fixture guide, which has a base_url,
and on the bundled guide, which has none."""

import html.parser
import json
import re

import pytest

from conftest import REPO, _site


class _Head(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.canonical = {}, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("name") or a.get("property")] = a.get("content")
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]


def _head(site, rel):
    parser = _Head()
    parser.feed((site.root / rel).read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def fixture_site(_served):
    return _site(_served, REPO / "Tests" / "Fixtures" / "valid" / "content", "valid")


def test_descriptions_are_the_pages_own(fixture_site):
    guide = _head(fixture_site, "index.html").meta["description"]
    assert _head(fixture_site, "topics/basics.html").meta["description"] == "Where everything starts."
    assert _head(fixture_site, "topics/advanced.html").meta["description"].startswith("Builds on the basics")
    assert _head(fixture_site, "questions/advanced/deep.html").meta["description"].startswith("Deep.")
    assert _head(fixture_site, "cheatsheets/basics.html").meta["description"] == "What are the basics?"
    descriptions = {_head(fixture_site, p).meta["description"] for p in fixture_site.pages if p.startswith(("topics/", "questions/"))}
    assert guide not in descriptions and len(descriptions) > 2


def test_descriptions_have_no_space_before_punctuation(fixture_site, site):
    """A summary is the page's plain text: a link or emphasis adds no space of its own ("the
    basics." after a link, not "the basics ."), and a block boundary still separates words (the
    chapter's paragraph, then its cheat sheet heading). The search index's summaries are the
    same text."""
    assert _head(fixture_site, "topics/advanced.html").meta["description"].startswith("Builds on the basics. Cheat sheet")
    assert _head(fixture_site, "questions/advanced/deep.html").meta["description"] == "Deep. See the other question."
    assert _head(fixture_site, "pages/about.html").meta["description"] == "Why Because. Back to Basics."
    stray = re.compile(r"\s[,.;:!?)]")
    for s in (fixture_site, site):
        for rel in s.pages:
            description = _head(s, rel).meta.get("description") or ""
            assert not stray.search(description), (rel, description)
        index = (s.root / "assets" / "search-index.js").read_text(encoding="utf-8")
        summaries = json.loads(index[index.index("{"):index.rindex("}") + 1])
        column = summaries["fields"].index("summary")
        for row in summaries["docs"]:
            assert not stray.search(row[column]), row


def test_sharing_cards_use_absolute_urls(fixture_site):
    for rel in fixture_site.pages:
        head = _head(fixture_site, rel)
        if rel == "404.html":
            continue
        assert head.canonical and head.canonical.startswith("https://example.org/guide"), rel
        assert head.meta["og:url"] == head.canonical, rel
        assert head.meta["og:description"] == head.meta["description"] == head.meta["twitter:description"], rel
        assert head.meta["twitter:card"] == "summary" and head.meta["og:title"], rel
    assert _head(fixture_site, "index.html").meta["og:type"] == "website"
    assert _head(fixture_site, "topics/basics.html").meta["og:type"] == "article"


def test_no_cards_without_base_url(site):
    head = _head(site, "questions/transformer-internals/kv-cache-memory.html")
    assert head.canonical is None and "og:url" not in head.meta and "twitter:card" not in head.meta
    tldr = next(line for line in (REPO / "content" / "questions" / "transformer-internals" / "kv-cache-memory.md")
                .read_text(encoding="utf-8").splitlines() if line.startswith("tldr:"))
    assert head.meta["description"][:40] in tldr
