"""The Anki deck (issue 17), checked with Anki itself: the `anki` package from PyPI (the library
the desktop app runs on) imports `practice/<guide>.apkg` of the valid fixture guide into a fresh
collection with the import options a reader gets by default. Then a question is edited and the
guide rebuilt: the second import updates that note in place and keeps the review history.
The typeset fixture's deck brings its formulas and code as the site renders them, with KaTeX's
stylesheet and fonts as media files; a card's back, with the note type's CSS, is then shown in
headless Chromium from the imported collection's media folder (no network, as in Anki).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.scheduler_pb2 import CardAnswer

from conftest import REPO, SYLLABUS, TEMPLATES

FIXTURE = REPO / "Tests" / "Fixtures" / "valid" / "content"
TYPESET = REPO / "Tests" / "Fixtures" / "typeset" / "content"
DECK = "practice/fixture-guide.apkg"
TYPESET_DECK = "practice/typeset.apkg"
FIELDS = ["Question", "Answer", "Checklist", "Link", "Full answer"]
GUIDE = "Fixture Guide"
QUESTIONS = {  # the fixture's questions by guid: deck, sort field and tags
    "syllabus:fixture-guide:basics/first": (f"{GUIDE}::1. Basics", "What is the first question?",
                                            ["fundamentals", "level::junior", "math", "role::builder"]),
    "syllabus:fixture-guide:basics/second": (f"{GUIDE}::1. Basics", 'A second question, with a "quote"?',
                                             ["fundamentals", "level::senior", "role::builder"]),
    "syllabus:fixture-guide:advanced/deep": (f"{GUIDE}::2. Advanced <Topics> & More", "How deep does it go?",
                                             ["level::senior", "math", "role::builder"]),
}


def _build(content: Path, output: Path, deck: str = DECK, **env) -> bytes:
    result = subprocess.run(
        [str(SYLLABUS), "build", "--content", str(content), "--templates", str(TEMPLATES), "--output", str(output)],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, **env})
    assert result.returncode == 0, result.stderr
    return (output / deck).read_bytes()


def _import(collection: Collection, package: Path):
    options = collection._backend.get_import_anki_package_presets()
    # What a reader gets: update notes and note types only when newer, no scheduling copied.
    assert options == ImportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False, merge_notetypes=False)
    return collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options))


def _notes(collection: Collection) -> dict:
    return {n.guid: n for n in (collection.get_note(i) for i in collection.find_notes(""))}


@pytest.fixture()
def guide(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    return content


def test_deck_imports_into_anki_and_updates_in_place(guide, tmp_path):
    first = _build(guide, tmp_path / "out")
    assert _build(guide, tmp_path / "again") == first, "two builds of the same guide give the same bytes"
    for page in ["practice/index.html", "practice/flashcards.html"]:
        assert 'href="../practice/fixture-guide.apkg" download' in (tmp_path / "out" / page).read_text(encoding="utf-8"), page
    with zipfile.ZipFile(tmp_path / "out" / DECK) as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.read("media") == b"{}"
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    # Anki's duplicate checksum: the first 32 bits of the SHA-1 of the sort field.
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        for sort_field, checksum in db.execute("select sfld, csum from notes"):
            assert checksum == int(hashlib.sha1(sort_field.encode()).hexdigest()[:8], 16), sort_field

    collection = Collection(str(tmp_path / "reader.anki2"))
    log = _import(collection, tmp_path / "out" / DECK).log
    assert len(log.new) == 3 and not log.updated and not log.duplicate
    notes = _notes(collection)
    assert sorted(notes) == sorted(QUESTIONS)
    assert collection.note_count() == 3 and collection.card_count() == 3
    assert sorted(d.name for d in collection.decks.all_names_and_ids()) == sorted(
        ["Default", GUIDE, f"{GUIDE}::1. Basics", f"{GUIDE}::2. Advanced <Topics> & More"])
    for guid, (deck, title, tags) in QUESTIONS.items():
        note = notes[guid]
        assert sorted(note.tags) == tags, guid
        assert [collection.decks.name(c.did) for c in note.cards()] == [deck]
        assert note.keys() == FIELDS
        assert note["Question"] == title.replace('"', "&quot;")
        assert note["Link"].startswith('<a href="https://example.org/guide/questions/')
    first_note = notes["syllabus:fixture-guide:basics/first"]
    assert first_note["Answer"] == "The first answer."
    assert first_note["Checklist"] == "<ul><li>point one</li><li>point two</li></ul>"
    assert notes["syllabus:fixture-guide:advanced/deep"]["Checklist"] == "", "a chapter without must_include"
    assert first_note["Full answer"] == (
        '<p>The full answer, linking back to <a href="https://example.org/guide/topics/basics.html">Basics</a>.</p>')
    # New cards come in study order.
    order = sorted(collection.find_cards(""), key=lambda c: collection.get_card(c).due)
    assert [collection.get_card(c).note().guid for c in order] == list(QUESTIONS)
    back = first_note.cards()[0].answer()
    assert "A good answer includes:" in back and "point two" in back and "Read the full answer" in back
    assert '<details class="full-answer"><summary>The full answer</summary><p>The full answer, linking' in back

    # The reader studies a card; then the guide changes one answer and is rebuilt.
    collection.decks.select(collection.decks.id_for_name(GUIDE))
    queued = collection.sched.get_queued_cards(fetch_limit=1).cards[0]
    card = collection.get_card(queued.card.id)
    card.start_timer()
    collection.sched.answer_card(collection.sched.build_answer(card=card, states=queued.states, rating=CardAnswer.GOOD))
    studied = card.note().guid
    source = guide / "questions" / "basics" / "first.md"
    text = source.read_text(encoding="utf-8")
    assert 'tldr: "The first answer."' in text
    source.write_text(text.replace('tldr: "The first answer."', 'tldr: "The first answer, revised."'), encoding="utf-8")
    later = int(source.stat().st_mtime) + 120  # an author's edit comes later than the last build
    os.utime(source, (later, later))
    _build(guide, tmp_path / "out")

    log = _import(collection, tmp_path / "out" / DECK).log
    assert [n.fields[1] for n in log.updated] == ["The first answer, revised."]
    assert len(log.new) == 0 and len(log.duplicate) == 2, "unchanged notes keep their time and are left alone"
    after = _notes(collection)
    assert collection.note_count() == 3 and collection.card_count() == 3 and sorted(after) == sorted(QUESTIONS)
    assert after["syllabus:fixture-guide:basics/first"]["Answer"] == "The first answer, revised."
    assert after[studied].cards()[0].reps == 1, "the review history survives the update"
    assert collection.db.scalar("select count() from revlog") == 1
    collection.close()


def test_source_date_epoch_clamps_note_times(guide, tmp_path):
    deck = _build(guide, tmp_path / "out", SOURCE_DATE_EPOCH="1700000000")
    assert _build(guide, tmp_path / "again", SOURCE_DATE_EPOCH="1700000000") == deck
    collection = Collection(str(tmp_path / "reader.anki2"))
    _import(collection, tmp_path / "out" / DECK)
    assert {n.mod for n in _notes(collection).values()} == {1700000000}
    collection.close()


def _outside_tex_and_code(html: str) -> str:
    """The field without KaTeX's TeX annotations and without code: where a `$` would be a leftover delimiter."""
    html = re.sub(r"<annotation[^>]*>.*?</annotation>", "", html, flags=re.S)
    return re.sub(r"<code[^>]*>.*?</code>", "", html, flags=re.S)


def test_math_and_code_come_as_the_site_renders_them_with_their_media(tmp_path, driver, artifacts, report):
    package = _build(TYPESET, tmp_path / "out", deck=TYPESET_DECK)
    assert _build(TYPESET, tmp_path / "again", deck=TYPESET_DECK) == package, "media and all, the same bytes"
    with zipfile.ZipFile(tmp_path / "out" / TYPESET_DECK) as archive:
        manifest = json.loads(archive.read("media"))
        assert archive.namelist() == ["collection.anki2", "media"] + [str(i) for i in range(len(manifest))]
        shipped = {name: archive.read(entry) for entry, name in manifest.items()}
    sheet = shipped["_katex.min.css"].decode()
    fonts = set(re.findall(r"url\((_KaTeX_[^)]+)\)", sheet))
    assert len(fonts) > 10 and all(f.endswith(".woff2") for f in fonts) and "fonts/" not in sheet
    assert set(shipped) == fonts | {"_katex.min.css"}, "the stylesheet and exactly the fonts it names"
    site_fonts = tmp_path / "out" / "assets" / "katex" / "fonts"
    for font in fonts:
        assert shipped[font] == (site_fonts / font[1:]).read_bytes(), font

    collection = Collection(str(tmp_path / "reader.anki2"))
    _import(collection, tmp_path / "out" / TYPESET_DECK)
    note = _notes(collection)["syllabus:typeset:formulas/attention"]
    assert note.keys() == FIELDS
    assert note["Answer"] == "So that the scores keep unit variance whatever the head size, and the softmax does not saturate."
    full = note["Full answer"]
    # six formulas, and the long inline one test_phone scrolls at 390 px
    assert full.count('class="katex"') == 7 and full.count('<math xmlns="http://www.w3.org/1998/Math/MathML"') == 7
    assert '<span class="katex-display">' in full and "\\sqrt{d_k}" in full  # the display formula, its TeX annotated
    assert "$" not in _outside_tex_and_code(full), "no TeX delimiters left"
    assert '<code class="language-python"><span class="hljs-function"><span class="hljs-keyword">def</span>' in full
    assert '<a href="topics/formulas.html">chapter</a>' in full, "without base_url, the link is the page's path in the guide"
    assert re.search(r"<h3>\s*The variance\s*</h3>", full), "no heading anchor, no id"
    for unwanted in ["<script", "tabindex", " id=", "\ufdd0"]:
        assert unwanted not in full, unwanted
    media = Path(collection.media.dir())
    assert {p.name: p.read_bytes() for p in media.iterdir()} == shipped, "every media file lands in the media folder"
    assert not set(collection.media.check().unused) & set(shipped), "Anki keeps `_` files no field names"
    css = collection.models.get(note.mid)["css"]
    assert css.startswith('@import url("_katex.min.css");')
    assert re.search(r"\n\.card\.nightMode, \.card\.night_mode \{[^}]*--hl-keyword: #d7a6ff;", css), css
    assert "\n.hljs-keyword, " in css and "\n.math-display {" in css
    back = note.cards()[0].answer()
    collection.close()

    # The card's back as Anki shows it, day and night: KaTeX's fonts load from the media folder.
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for mode, classes in [("day", "card"), ("night", "card nightMode night_mode")]:
        page = media.parent / f"card-{mode}.html"
        page.write_text(
            f'<!doctype html><html><head><meta charset="utf-8"><base href="{media.as_uri()}/"><style>{css}</style></head>'
            f'<body class="{classes}">{back.replace("<details ", "<details open ")}</body></html>', encoding="utf-8")
        driver.get(page.as_uri())
        driver.set_script_timeout(20)
        loaded = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "document.fonts.ready.then(function () {"
            "  done([document.fonts.check('20px KaTeX_Main'), document.fonts.check('20px KaTeX_Math'),"
            "        getComputedStyle(document.querySelector('.hljs-keyword')).color,"
            "        getComputedStyle(document.querySelector('.katex-mathml')).position]); });")
        assert loaded[:2] == [True, True], f"{mode}: KaTeX's fonts did not load from the media folder"
        assert loaded[3] == "absolute", "KaTeX's stylesheet applies (the MathML copy is visually hidden)"
        colour = loaded[2]
        assert colour == ("rgb(138, 43, 168)" if mode == "day" else "rgb(215, 166, 255)"), (mode, colour)
        (folder / f"anki-card-{mode}.png").write_bytes(base64.b64decode(driver.get_screenshot_as_base64()))
    report.append(f"anki card screenshots: {folder}/anki-card-*.png")
