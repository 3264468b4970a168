"""The Anki deck (issue 17), checked with Anki itself: the `anki` package from PyPI (the library
the desktop app runs on) imports `practice/<guide>.apkg` of the valid fixture guide into a fresh
collection with the import options a reader gets by default. Then a question is edited and the
guide rebuilt: the second import updates that note in place and keeps the review history.
No browser here; it lives in this folder because this suite's venv has the package.
"""

from __future__ import annotations

import hashlib
import os
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
DECK = "practice/fixture-guide.apkg"
GUIDE = "Fixture Guide"
QUESTIONS = {  # the fixture's questions by guid: deck, sort field and tags
    "syllabus:fixture-guide:basics/first": (f"{GUIDE}::1. Basics", "What is the first question?",
                                            ["fundamentals", "level::junior", "math", "role::builder"]),
    "syllabus:fixture-guide:basics/second": (f"{GUIDE}::1. Basics", 'A second question, with a "quote"?',
                                             ["fundamentals", "level::senior", "role::builder"]),
    "syllabus:fixture-guide:advanced/deep": (f"{GUIDE}::2. Advanced <Topics> & More", "How deep does it go?",
                                             ["level::senior", "math", "role::builder"]),
}


def _build(content: Path, output: Path, **env) -> bytes:
    result = subprocess.run(
        [str(SYLLABUS), "build", "--content", str(content), "--templates", str(TEMPLATES), "--output", str(output)],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, **env})
    assert result.returncode == 0, result.stderr
    return (output / DECK).read_bytes()


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
        assert note.keys() == ["Question", "Answer", "Checklist", "Link"]
        assert note["Question"] == title.replace('"', "&quot;")
        assert note["Link"].startswith('<a href="https://example.org/guide/questions/')
    first_note = notes["syllabus:fixture-guide:basics/first"]
    assert first_note["Answer"] == "The first answer."
    assert first_note["Checklist"] == "<ul><li>point one</li><li>point two</li></ul>"
    assert notes["syllabus:fixture-guide:advanced/deep"]["Checklist"] == "", "a chapter without must_include"
    # New cards come in study order.
    order = sorted(collection.find_cards(""), key=lambda c: collection.get_card(c).due)
    assert [collection.get_card(c).note().guid for c in order] == list(QUESTIONS)
    back = first_note.cards()[0].answer()
    assert "A good answer includes:" in back and "point two" in back and "Read the full answer" in back

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
