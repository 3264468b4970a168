"""The adaptive schedule (issue 17) against the reference: the `fsrs` package from PyPI schedules
1,000 random review histories, and the page's own scheduler (practice.js, reached through
window.SYLLABUS_SCHEDULE, the functions the flashcards call) must give the same interval after
every review, day for day. Then the hub's setting, the flashcards under FSRS, and the version 1 →
2 migration, through the UI.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler
from selenium.webdriver.common.by import By

from conftest import console_errors, wait_for
from test_practice import _blank, _by_id, _data, _open, _reset, _review, _set_state, _start_deck, _state

HISTORIES = 1000


def _reference(retention: float, reviews: list) -> list:
    """Intervals in days after each (day, grade), as fsrs schedules them in whole days: no
    same-day learning steps and no fuzz, like the page."""
    scheduler = Scheduler(desired_retention=retention, learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card, out = Card(), []
    for day, grade in reviews:
        when = datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)
        card, _ = scheduler.review_card(card, Rating(grade), when)
        out.append({"interval": (card.due - when).days, "s": card.stability, "d": card.difficulty})
    return out


def _histories(seed: int = 17) -> list:
    """Random grades and review dates: mostly near the due date, some early (a few the same day)
    and some long overdue, with a random desired retention for each card."""
    rng = random.Random(seed)
    cases = []
    for _ in range(HISTORIES):
        retention = round(rng.uniform(0.70, 0.99), 2)
        day, reviews = date(2026, 1, 1) + timedelta(days=rng.randrange(730)), []
        for _ in range(rng.randint(1, 14)):
            reviews.append((day, rng.choices([1, 2, 3, 4], weights=[15, 15, 55, 15])[0]))
            interval = _reference(retention, reviews)[-1]["interval"]
            lateness = rng.choice([0.0, 0.3, 1.0, 1.0, 1.0, 1.5, 3.0])
            day += timedelta(days=max(0, round(interval * lateness * rng.uniform(0.8, 1.2))))
        cases.append((retention, reviews))
    return cases


RUN = """
const [histories] = arguments, S = window.SYLLABUS_SCHEDULE;
const days = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 864e5);
return histories.map(([retention, reviews]) => {
  const settings = { schedule: "fsrs", retention };
  let card;
  return reviews.map(([day, grade]) => {
    card = S.review(card, grade, day);
    return { interval: days(day, S.dueOf(card, settings)), s: card.s, d: card.d };
  });
});
"""


def test_intervals_match_the_fsrs_package(fresh, site, report):
    _open(fresh, site, "practice/flashcards.html")
    cases = _histories()
    expected = [_reference(r, reviews) for r, reviews in cases]
    payload = [[r, [[d.isoformat(), g] for d, g in reviews]] for r, reviews in cases]
    got = fresh.execute_script(RUN, payload)
    total = sum(len(e) for e in expected)
    agree = sum(a["interval"] == b["interval"] for e, g in zip(expected, got) for a, b in zip(e, g))
    report.append(f"FSRS agreement with fsrs (PyPI): {agree} of {total} intervals in {HISTORIES} histories")
    mismatches = [(i, j, a, b) for i, (e, g) in enumerate(zip(expected, got)) for j, (a, b) in enumerate(zip(e, g))
                  if a["interval"] != b["interval"] or abs(a["s"] - b["s"]) > 1e-9 * max(1, a["s"]) or abs(a["d"] - b["d"]) > 1e-9]
    assert not mismatches, f"{len(mismatches)} reviews differ; first: history {mismatches[0][0]}, review {mismatches[0][1]}: " \
        f"fsrs {mismatches[0][2]}, page {mismatches[0][3]}; history {cases[mismatches[0][0]]}"
    assert total > 5000 and len({g for _, reviews in cases for _, g in reviews}) == 4
    assert not console_errors(fresh)


def _choose(driver, schedule, retention=None):
    driver.find_element(By.CSS_SELECTOR, f"#schedule-form input[value='{schedule}']").click()
    if retention is not None:
        box = _by_id(driver, "retention")
        box.clear()
        box.send_keys(str(retention))
        _by_id(driver, "schedule-form").submit()


def test_hub_setting_drives_the_flashcards(fresh, site):
    _reset(fresh, site)
    _open(fresh, site, "practice/index.html", now="2026-05-01")
    assert _by_id(fresh, "schedule-form").find_element(By.CSS_SELECTOR, "input[value='checkpoints']").is_selected()
    assert _by_id(fresh, "retention").get_attribute("value") == "0.9"
    _choose(fresh, "fsrs", 1.5)
    assert "runs from 0.7 to 0.99" in _by_id(fresh, "schedule-message").text
    _choose(fresh, "fsrs", 0.8)
    wait_for(fresh, lambda d: "Saved: adaptive (FSRS), desired retention 0.8" in _by_id(d, "schedule-message").text)
    assert _state(fresh)["settings"] == {"schedule": "fsrs", "retention": 0.8}

    # A new card graded Good: FSRS's first stability, scheduled at 80% retention.
    _open(fresh, site, "practice/flashcards.html", now="2026-05-01")
    _start_deck(fresh, "all", 5)
    scheduler = Scheduler(desired_retention=0.8, learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    good, _ = scheduler.review_card(Card(), Rating.Good, datetime(2026, 5, 1, 12, tzinfo=timezone.utc))
    wait = (good.due.date() - date(2026, 5, 1)).days
    title = _review(fresh, 3)
    card = next(c for c in _state(fresh)["cards"].values())
    assert abs(card["s"] - good.stability) < 1e-9 and abs(card["d"] - good.difficulty) < 1e-9
    assert f"on {(date(2026, 5, 1) + timedelta(days=wait)).isoformat()}" in _by_id(fresh, "card-status").text, title
    assert card["due"] == "2026-05-04", "the checkpoint date is kept too (Good on step 0 → 3 days)"

    # Back to the checkpoints: the same card is due on its review_days date.
    _open(fresh, site, "practice/index.html", now="2026-05-04")
    _choose(fresh, "checkpoints")
    wait_for(fresh, lambda d: "the guide's checkpoints. 1 card due today." in _by_id(d, "schedule-message").text)
    assert not console_errors(fresh)


def test_version_1_state_and_export_are_migrated(fresh, site, tmp_path):
    _reset(fresh, site)
    data = _data(fresh)
    key = data["questions"][0]["key"]
    old = _blank(data["guide"], cards={key: {"step": 1, "due": "2026-01-04", "last": "2026-01-01", "reps": 1}})
    old["version"] = 1
    del old["settings"]
    _set_state(fresh, old)
    _open(fresh, site, "practice/index.html", now="2026-01-04")
    assert fresh.find_element(By.CSS_SELECTOR, "[data-practice='due']").text == "1", "a version 1 card keeps its date"
    _choose(fresh, "fsrs")
    state = _state(fresh)
    assert state["version"] == 2 and state["settings"] == {"schedule": "fsrs", "retention": 0.9}
    assert state["cards"] == old["cards"], "no FSRS memory yet: the checkpoint date stands until the next review"

    _set_state(fresh, _blank(data["guide"]))
    path = tmp_path / "old-export.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    _open(fresh, site, "practice/index.html")
    _by_id(fresh, "practice-import").send_keys(str(path))
    wait_for(fresh, lambda d: _by_id(d, "practice-message").text)
    assert _by_id(fresh, "practice-message").text == "Imported 1 card, 0 assessments and 0 finished chapters."
    assert _state(fresh)["version"] == 2 and _state(fresh)["cards"] == old["cards"]
    assert not console_errors(fresh)
