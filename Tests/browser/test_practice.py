"""Practice mode (issue 5): the self-assessment, spaced-repetition flashcards, the 60-second drill,
the mock interview, path and chapter progress, export and import, each driven in headless Chromium
with the clock set through ?now=YYYY-MM-DD. Also: zero console errors, zero axe violations, and
plain reading without JavaScript."""

import datetime
import itertools
import json
import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import console_errors, wait_for
from test_axe import _describe, _run_axe

PRACTICE_PAGES = ["practice/index.html", "practice/assessment.html", "practice/flashcards.html",
                  "practice/drill.html", "practice/mock.html"]


# ---------------------------------------------------------------------------------------------
# Helpers


def _open(driver, site, rel, now=None, via="http", **params):
    query = dict(params)
    if now:
        query["now"] = now
    suffix = ("?" + "&".join(f"{k}={v}" for k, v in query.items())) if query else ""
    driver.get(site.url(rel + suffix, via))
    wait_for(driver, lambda d: d.execute_script("return !!window.SYLLABUS_PRACTICE"))


def _data(driver):
    return driver.execute_script("return window.SYLLABUS_PRACTICE")


def _key(driver):
    return "syllabus-practice:" + _data(driver)["guide"]


def _state(driver):
    raw = driver.execute_script("return localStorage.getItem(arguments[0])", _key(driver))
    return json.loads(raw) if raw else None


def _set_state(driver, state):
    driver.execute_script("localStorage.setItem(arguments[0], arguments[1])", _key(driver), json.dumps(state))


def _reset(driver, site, rel="practice/index.html", via="http"):
    """Opens a page, forgets every practice state of this origin, and reloads it."""
    _open(driver, site, rel, via=via)
    driver.execute_script(
        "Object.keys(localStorage).filter(k => k.indexOf('syllabus-practice') === 0).forEach(k => localStorage.removeItem(k))")


def _blank(guide, **parts):
    state = {"schema": "syllabus-practice", "version": 2, "guide": guide,
             "settings": {"schedule": "checkpoints", "retention": 0.9}, "assessments": [], "cards": {},
             "seen": {}, "done": {}, "drills": [], "mocks": []}
    state.update(parts)
    return state


def _by_id(driver, id_):
    return driver.find_element(By.ID, id_)


def _visible(driver, id_):
    return driver.find_element(By.ID, id_).is_displayed()


def _rate(driver, ratings):
    for topic, value in ratings.items():
        driver.find_element(By.CSS_SELECTOR, f"input[name='rate-{topic}'][value='{value}']").click()


def _grade(driver, container_id, grade):
    _by_id(driver, container_id).find_element(By.CSS_SELECTOR, f"[data-grade='{grade}']").click()


def _assert_clean(driver):
    errors = console_errors(driver)
    assert not errors, "\n".join(errors)


# ---------------------------------------------------------------------------------------------
# What the tests pick from the site's own practice data. Every id and count below comes from the
# built guide, so that editing content/ never breaks a test; each picker says what it needs.


def _site_data(site):
    """The practice data the build wrote (assets/practice-data.js), for pages read without JavaScript."""
    text = (site.root / "assets" / "practice-data.js").read_text(encoding="utf-8")
    marker = "window.SYLLABUS_PRACTICE="
    return json.loads(text[text.index(marker) + len(marker):].strip().rstrip(";"))


def _study_order(data):
    return sorted(data["topics"], key=lambda t: t["order"])


def _topic(data, id_):
    return next(t for t in data["topics"] if t["id"] == id_)


def _questions_of(data, topic_id):
    return [q for q in data["questions"] if q["topic"] == topic_id]


def _topic_with(data, questions, checklist=False):
    """The first chapter in study order with at least `questions` questions (and a must-include list)."""
    found = next((t for t in _study_order(data) if len(_questions_of(data, t["id"])) >= questions
                  and (t["must_include"] or not checklist)), None)
    assert found, f"the guide needs a chapter with {questions}+ questions{' and a checklist' if checklist else ''}"
    return found


def _level_with(data, questions):
    """The first level with at least `questions` questions."""
    found = next((lv for lv in data["levels"] if sum(q["level"] == lv["id"] for q in data["questions"]) >= questions), None)
    assert found, f"the guide needs a level with {questions}+ questions"
    return found


def _scheduled(path):
    return {t for w in path["weeks"] for t in w["topics"]}


def _plural(n, noun):
    """The English UI strings' plural of a simple noun ("1 chapter", "2 chapters")."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


PAGE_KINDS = {  # pages named by what they are; the built site says which page that is
    "path": lambda site, data: data["paths"][0]["url"],
    "chapter": lambda site, data: next(p for p in site.pages if p.startswith("topics/")),  # as test_axe.py picks it
}


def _page(site, data, rel):
    return PAGE_KINDS[rel](site, data) if rel in PAGE_KINDS else rel


# The checkpoint schedule as the page documents it, for computing what the page must show:
# again → first step, hard → same step, good → next step, easy → two steps on (the last step
# repeats); the card is due its step's days after the review, and at least one day later.


def _day(day, n):
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=n)).isoformat()


def _days_apart(a, b):
    return (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days


def _next_step(days, card, grade):
    step = min(card["step"], len(days) - 1) if card else 0
    return 0 if grade == 1 else min(len(days) - 1, step + grade - 2)


def _after(days, card, grade, day):
    """The card (step, due, last, reps) after grading it `grade` on `day`."""
    step = _next_step(days, card, grade)
    return {"step": step, "due": _day(day, max(1, days[step])), "last": day, "reps": (card["reps"] if card else 0) + 1}


def _in_days(n):
    return "today" if n <= 0 else "tomorrow" if n == 1 else f"in {_plural(n, 'day')}"


def _gaps(data, ratings):
    """Each path's average gap between its chapters' ratings and the top of the scale."""
    top = len(data["scale"])
    return [sum(top - ratings.get(i, 1) for i in _scheduled(p)) / max(1, len(_scheduled(p))) for p in data["paths"]]


def _recommended(data, ratings):
    """The path the assessment recommends: the largest gap, the first of equals."""
    gaps = _gaps(data, ratings)
    return data["paths"][gaps.index(max(gaps))] if gaps else None


def _weak_spot(data, low, high):
    """Chapters to rate `low` (the rest `high`) so that exactly one path has the largest gap;
    preferably not the first path (so "always the first" fails) and by the widest margin."""
    ids, best = [t["id"] for t in data["topics"]], None
    for size in (1, 2, 3):
        for weak in itertools.combinations(ids, size):
            gaps = _gaps(data, {i: low if i in weak else high for i in ids})
            ranked = sorted(range(len(gaps)), key=lambda k: -gaps[k])
            margin = gaps[ranked[0]] - (gaps[ranked[1]] if len(gaps) > 1 else 0)
            score = (ranked[0] != 0, margin)
            if margin > 0 and (best is None or score > best[0]):
                best = (score, list(weak))
    assert best, "the guide needs study paths that a set of weak chapters tells apart"
    return best[1]


# ---------------------------------------------------------------------------------------------
# Self-assessment


def test_assessment_take_and_retake(fresh, site):
    _reset(fresh, site, "practice/assessment.html")
    _open(fresh, site, "practice/assessment.html", now="2026-01-01")
    data = _data(fresh)
    topics = [t["id"] for t in data["topics"]]
    top = len(data["scale"])
    # The form and the data agree with the site: a row per chapter page, a choice per point of the scale.
    assert len(topics) == len([p for p in site.pages if p.startswith("topics/")])
    rows = fresh.find_elements(By.CSS_SELECTOR, ".rate-row")
    assert [r.get_attribute("data-topic") for r in rows] == topics
    assert all(len(r.find_elements(By.CSS_SELECTOR, "input[type='radio']")) == top for r in rows)
    assert top >= 3 and len(topics) >= 2, "this scenario needs a scale of 3+ points and 2+ chapters"
    middle = top // 2  # a rating at or below this is a weak chapter
    low, high, better = 1, top - 1, middle + 1

    def band_of(total):
        return next(b for b in data["bands"] if total >= b["min"])

    # Submitting with chapters unrated says so and saves nothing.
    _rate(fresh, {topics[0]: better})
    _by_id(fresh, "assessment-form").submit()
    left = f"Rate every chapter first: {_plural(len(topics) - 1, 'chapter')} left, starting with “{data['topics'][1]['title']}”"
    assert left in _by_id(fresh, "assessment-message").text
    assert not _visible(fresh, "assessment-result")
    assert (_state(fresh) or {}).get("assessments", []) == []

    # Day 0: strong everywhere except a few chapters that single out one study path.
    weak = _weak_spot(data, low, high)
    day0 = {t: (low if t in weak else high) for t in topics}
    path = _recommended(data, day0)
    first_weak = next(t for t in data["topics"] if t["id"] in weak)
    _rate(fresh, day0)
    _by_id(fresh, "assessment-form").submit()
    wait_for(fresh, lambda d: _visible(d, "assessment-result"))
    total = sum(day0.values())
    assert _by_id(fresh, "assessment-score").text == str(total)
    assert _by_id(fresh, "assessment-band").text == band_of(total)["advice"]
    recommendation = _by_id(fresh, "assessment-recommendation").text
    assert path["title"] in recommendation
    first_link = fresh.find_element(By.CSS_SELECTOR, "#assessment-recommendation a")
    assert first_link.get_attribute("href") == site.url(path["url"]), "the recommended path is linked"
    assert f"Start with chapter {first_weak['order']}, {first_weak['title']}" in recommendation
    weakest = [li.find_element(By.TAG_NAME, "a").text for li in fresh.find_elements(By.CSS_SELECTOR, ".weakest li")]
    assert weakest[:len(weak)] == [t["title"] for t in _study_order(data) if t["id"] in weak]
    assert not fresh.find_elements(By.ID, "assessment-change"), "no comparison on the first take"
    saved = _state(fresh)["assessments"]
    assert saved == [{"date": "2026-01-01", "ratings": day0}]

    # Day 14: the form comes back filled in with the last ratings, and the result compares with Day 0.
    _open(fresh, site, "practice/assessment.html", now="2026-01-15")
    assert fresh.find_element(By.CSS_SELECTOR, f"input[name='rate-{weak[0]}'][value='{low}']").is_selected()
    assert _by_id(fresh, "assessment-score").text == str(total)
    day14 = {t: (better if t in weak else high) for t in topics}
    total14 = sum(day14.values())
    _rate(fresh, day14)
    _by_id(fresh, "assessment-form").submit()
    wait_for(fresh, lambda d: _by_id(d, "assessment-score").text == str(total14))
    assert _by_id(fresh, "assessment-band").text == band_of(total14)["advice"]
    change = _by_id(fresh, "assessment-change").text
    gain = total14 - total
    assert f"Day 0 (2026-01-01): {total}" in change and f"Day 14 (2026-01-15): {total14}" in change
    assert f"+{_plural(gain, 'point')}" in change
    rows = fresh.find_elements(By.CSS_SELECTOR, "#assessment-history tbody tr")
    assert [r.text.split() for r in rows] == [["2026-01-01", "Day", "0", str(total)], ["2026-01-15", "Day", "14", str(total14)]]
    # With nothing below the middle of the scale, the advice turns to timed practice.
    assert "timed practice" in _by_id(fresh, "assessment-recommendation").text

    # A second take on the same day replaces that day's ratings rather than adding a row.
    _rate(fresh, {weak[0]: top})
    _by_id(fresh, "assessment-form").submit()
    wait_for(fresh, lambda d: _by_id(d, "assessment-score").text == str(total14 - better + top))
    assert [a["date"] for a in _state(fresh)["assessments"]] == ["2026-01-01", "2026-01-15"]
    _assert_clean(fresh)


# ---------------------------------------------------------------------------------------------
# Flashcards and the schedule


def _start_deck(driver, deck_value, new_limit):
    Select(_by_id(driver, "deck")).select_by_value(deck_value)
    Select(_by_id(driver, "new-limit")).select_by_value(str(new_limit))
    _by_id(driver, "deck-start").click()
    wait_for(driver, lambda d: _visible(d, "card"))


def _review(driver, grade, by_key=True):
    """Reveals the current card (Space) and grades it (key 1–4 or a click); returns its question title."""
    title = _by_id(driver, "card-question").text
    ActionChains(driver).send_keys(" ").perform()
    wait_for(driver, lambda d: _visible(d, "card-back"))
    if by_key:
        ActionChains(driver).send_keys(str(grade)).perform()
    else:
        _grade(driver, "card-back", grade)
    return title


def _session(driver, title_to_key, grades, model, days, day):
    """Grades the deck's queue in order with `grades` (cycled), by key; updates `model` as the
    schedule says and returns the keys reviewed."""
    reviewed = []
    while not _visible(driver, "card-done"):
        grade = grades[len(reviewed) % len(grades)]
        key = title_to_key[_review(driver, grade)]
        model[key] = _after(days, model.get(key), grade, day)
        reviewed.append(key)
    return reviewed


def test_flashcards_follow_the_review_days(fresh, site):
    _reset(fresh, site, "practice/flashcards.html")
    data = _data(fresh)
    days = data["review_days"]
    # The schedule is the one the page announces: the guide's review days, in order.
    lede = re.search(r"\(([^)]*)\)", fresh.find_element(By.CSS_SELECTOR, ".lede").text).group(1)
    assert [int(n) for n in re.findall(r"\d+", lede)] == days
    assert days and days == sorted(days) and all(isinstance(n, int) and n >= 0 for n in days)
    topic = _topic_with(data, 5)["id"]
    deck = f"topic:{topic}"
    _open(fresh, site, "practice/flashcards.html", now="2026-01-01", deck=deck)
    keys = [q["key"] for q in _questions_of(data, topic)]
    title_to_key = {q["title"]: q["key"] for q in _questions_of(data, topic)}
    assert Select(_by_id(fresh, "deck")).first_selected_option.get_attribute("value") == deck
    assert _by_id(fresh, "deck-status").text.startswith(f"0 due today · {len(keys)} new")

    # Day 0: five new cards graded good, again, hard, easy, good.
    _start_deck(fresh, deck, 5)
    assert not _visible(fresh, "deck-form"), "the deck form steps aside during a session"
    assert _by_id(fresh, "card-meta").text.startswith("Card 1 of 5 · new")
    assert fresh.switch_to.active_element == _by_id(fresh, "card-question")
    ActionChains(fresh).send_keys(" ").perform()
    wait_for(fresh, lambda d: _visible(d, "card-back"))
    labels = [b.text for b in fresh.find_elements(By.CSS_SELECTOR, "#card-back [data-grade]")]
    waits = [_days_apart("2026-01-01", _after(days, None, g, "2026-01-01")["due"]) for g in (1, 2, 3, 4)]
    assert labels == [f"{name} · {_in_days(n)}" for name, n in zip(("Again", "Hard", "Good", "Easy"), waits)]
    first_url = next(q["url"] for q in data["questions"] if q["key"] == keys[0])
    assert _by_id(fresh, "card-link").get_attribute("href") == site.url(first_url)
    ActionChains(fresh).send_keys("3").perform()
    good = _after(days, None, 3, "2026-01-01")["due"]
    status = _by_id(fresh, "card-status").text
    assert "next review of" in status and f"on {good} ({_in_days(waits[2])})" in status
    order = [keys[0]]
    for grade in (1, 2, 4, 3):
        order.append(title_to_key[_review(fresh, grade, by_key=grade != 4)])
    wait_for(fresh, lambda d: _visible(d, "card-done"))
    assert "You reviewed 5 cards: 1 again, 1 hard, 2 good, 1 easy." in _by_id(fresh, "card-done").text
    model = {k: _after(days, None, g, "2026-01-01") for k, g in zip(order, (3, 1, 2, 4, 3))}
    cards = _state(fresh)["cards"]
    assert {k: (c["step"], c["due"]) for k, c in cards.items()} == {k: (c["step"], c["due"]) for k, c in model.items()}
    assert all(c["last"] == "2026-01-01" and c["reps"] == 1 for c in cards.values())

    # The first day a card is due again: only the "again" and "hard" cards; no new cards this time.
    day1 = min(c["due"] for c in model.values())
    due = {k for k, c in model.items() if c["due"] <= day1}
    _open(fresh, site, "practice/flashcards.html", now=day1, deck=deck)
    assert _by_id(fresh, "deck-status").text.startswith(f"{len(due)} due today")
    _start_deck(fresh, deck, 0)
    assert _by_id(fresh, "card-meta").text.startswith(f"Card 1 of {len(due)} · review")
    reviewed = _session(fresh, title_to_key, (3, 4), model, days, day1)  # good: one step on; easy: two
    assert sorted(reviewed) == sorted(due)
    cards = _state(fresh)["cards"]
    assert {k: (cards[k]["step"], cards[k]["due"]) for k in due} == {k: (model[k]["step"], model[k]["due"]) for k in due}

    # The day the cards graded good on day 0 are due: good moves one on, again goes back.
    day3 = model[order[0]]["due"]
    due = {k for k, c in model.items() if c["due"] <= day3}
    _open(fresh, site, "practice/flashcards.html", now=day3)
    _start_deck(fresh, deck, 0)
    reviewed = _session(fresh, title_to_key, (3, 1), model, days, day3)
    assert sorted(reviewed) == sorted(due)
    cards = _state(fresh)["cards"]
    assert {k: (c["step"], c["due"], c["reps"]) for k, c in cards.items()} == {
        k: (c["step"], c["due"], c["reps"]) for k, c in model.items()}

    # The home page counts what is due on a given day: the earliest due day, and when all are due.
    dues = sorted(c["due"] for c in model.values())
    for day in (_day(dues[0], -1), dues[0], dues[-1]):
        _open(fresh, site, "index.html", now=day)
        expected = sum(d <= day for d in dues)
        assert fresh.find_element(By.CSS_SELECTOR, ".practice-panel [data-practice='due']").text == str(expected), day
    _assert_clean(fresh)


def test_flashcards_last_step_repeats_and_hard_keeps_the_step(fresh, site):
    _reset(fresh, site, "practice/flashcards.html")
    data = _data(fresh)
    days = data["review_days"]
    last = len(days) - 1
    topic = _topic_with(data, 2)["id"]
    a, b = [q["key"] for q in _questions_of(data, topic)][:2]
    start = {a: last, b: max(0, last - 1)}
    _set_state(fresh, _blank(data["guide"], cards={
        a: {"step": start[a], "due": "2026-03-01", "last": _day("2026-03-01", -days[start[a]]), "reps": 5},
        b: {"step": start[b], "due": "2026-03-01", "last": _day("2026-03-01", -days[start[b]]), "reps": 4}}))
    _open(fresh, site, "practice/flashcards.html", now="2026-03-02")
    _start_deck(fresh, f"topic:{topic}", 0)
    reviewed = {}
    for grade in (3, 2):
        title = _by_id(fresh, "card-question").text
        reviewed[next(q["key"] for q in data["questions"] if q["title"] == title)] = grade
        _review(fresh, grade)
    assert set(reviewed) == {a, b}
    cards = _state(fresh)["cards"]
    for key, grade in reviewed.items():
        step = start[key]
        # good at the last step stays there; hard keeps the step.
        expected_step = step if grade == 2 else min(last, step + 1)
        assert cards[key]["step"] == expected_step
        assert cards[key]["due"] == _day("2026-03-02", max(1, days[expected_step]))
    _assert_clean(fresh)


# ---------------------------------------------------------------------------------------------
# Drill and mock interview


def test_sixty_second_drill(fresh, site):
    _reset(fresh, site, "practice/drill.html")
    topic = _topic_with(_data(fresh), 2, checklist=True)  # a second drill must draw another question
    _open(fresh, site, "practice/drill.html", now="2026-02-01", deck=f"topic:{topic['id']}")
    data = _data(fresh)
    must = topic["must_include"]
    assert _by_id(fresh, "drill").get_attribute("data-seconds") == "60"
    _by_id(fresh, "drill-start").click()
    wait_for(fresh, lambda d: _visible(d, "drill-run"))
    assert not _visible(fresh, "drill-form")
    assert _by_id(fresh, "drill-timer").text in ("1:00", "0:59")
    assert not _visible(fresh, "drill-check")
    # Stopping early shows the checklist to grade against.
    _by_id(fresh, "drill-stop").click()
    wait_for(fresh, lambda d: _visible(d, "drill-check"))
    assert [li.text for li in fresh.find_elements(By.CSS_SELECTOR, "#drill-must li")] == must
    question = _by_id(fresh, "drill-question").text
    _grade(fresh, "drill-check", 3)
    assert "Saved: Good in 0:0" in _by_id(fresh, "drill-status").text
    state = _state(fresh)
    key = next(q["key"] for q in data["questions"] if q["title"] == question)
    assert state["drills"][0]["key"] == key and state["drills"][0]["grade"] == 3 and state["drills"][0]["date"] == "2026-02-01"
    assert state["seen"][key]["grade"] == 3
    assert state["cards"] == {}, "a drill does not move a card on the schedule"

    # When the countdown runs out, the checklist appears by itself (a 2-second drill for the test).
    fresh.execute_script("document.getElementById('drill').dataset.seconds = '2'")
    _by_id(fresh, "drill-start").click()
    wait_for(fresh, lambda d: _visible(d, "drill-run"))
    assert _by_id(fresh, "drill-question").text != question, "the next drill draws another question"
    wait_for(fresh, lambda d: _visible(d, "drill-check"), timeout=6)
    assert _by_id(fresh, "drill-timer").text == "0:00"
    assert "Time is up" in _by_id(fresh, "drill-status").text
    _grade(fresh, "drill-check", 2)
    assert len(_state(fresh)["drills"]) == 2
    _assert_clean(fresh)


def _mock_choice(data):
    """The first path and level whose questions come from at least three of the path's chapters."""
    for path in data["paths"]:
        for level in data["levels"]:
            pool = [q for q in data["questions"] if path["id"] in q["roles"] and q["level"] == level["id"]]
            if len({q["topic"] for q in pool}) >= 3:
                return path, level["id"]
    pytest.fail("the guide needs a path and level with questions from three chapters")


def test_mock_interview(fresh, site):
    _reset(fresh, site, "practice/mock.html")
    _open(fresh, site, "practice/mock.html", now="2026-02-02")
    data = _data(fresh)
    path, level = _mock_choice(data)
    scheduled = _scheduled(path)
    Select(_by_id(fresh, "mock-path")).select_by_value(path["id"])
    Select(_by_id(fresh, "mock-level")).select_by_value(level)
    pool = [q for q in data["questions"] if path["id"] in q["roles"] and q["level"] == level]
    assert _by_id(fresh, "mock-status-line").text == f"{len(pool)} questions match this path and level."
    Select(_by_id(fresh, "mock-count")).select_by_value("3")
    Select(_by_id(fresh, "mock-minutes")).select_by_value("2")
    _by_id(fresh, "mock-start").click()
    wait_for(fresh, lambda d: _visible(d, "mock-run"))
    by_title = {q["title"]: q for q in pool}
    asked = []
    for i, grade in enumerate((3, 1, 4)):
        assert _by_id(fresh, "mock-meta").text.startswith(f"Question {i + 1} of 3")
        assert _by_id(fresh, "mock-timer").text in ("2:00", "1:59")
        question = by_title[_by_id(fresh, "mock-question").text]
        assert question["topic"] in scheduled and question["level"] == level
        asked.append(question)
        _by_id(fresh, "mock-reveal").click()
        wait_for(fresh, lambda d: _visible(d, "mock-check"))
        _grade(fresh, "mock-check", grade)
    wait_for(fresh, lambda d: _visible(d, "mock-summary"))
    assert len({q["topic"] for q in asked}) == 3, "questions are spread across the path's chapters"
    assert "3 questions answered" in _by_id(fresh, "mock-score").text
    assert "average grade 2.7 of 4" in _by_id(fresh, "mock-score").text
    rows = fresh.find_elements(By.CSS_SELECTOR, "#mock-summary tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[2].text for r in rows] == ["Good", "Again", "Easy"]
    weak_topic = next(t for t in data["topics"] if t["id"] == asked[1]["topic"])
    assert [a.text for a in fresh.find_elements(By.CSS_SELECTOR, "#mock-review a")] == [weak_topic["title"]]
    mocks = _state(fresh)["mocks"]
    assert len(mocks) == 1 and mocks[0]["path"] == path["id"] and mocks[0]["level"] == level
    assert [(m["key"], m["grade"]) for m in mocks[0]["items"]] == [(q["key"], g) for q, g in zip(asked, (3, 1, 4))]
    # The hub counts it.
    _open(fresh, site, "practice/index.html")
    assert _by_id(fresh, "practice-hub").find_element(By.CSS_SELECTOR, "[data-practice='sessions']").text == "0 drills, 1 mock interview"
    _assert_clean(fresh)


# ---------------------------------------------------------------------------------------------
# Progress on paths, chapters and the home page


def _path_scenario(data):
    """A path to tick through: its first week, a later week `later` with a chapter `second` not in
    week 1 and another chapter besides (so ticking `second` leaves that week half done), and a
    chapter `shared` of week 1 that has questions and that another path `other` schedules too."""
    for path in data["paths"]:
        week1 = path["weeks"][0]["topics"]
        for later, week in list(enumerate(path["weeks"]))[1:]:
            second = next((t for t in week["topics"] if t not in week1), None)
            if not second or not set(week["topics"]) - set(week1) - {second}:
                continue
            for shared in week1:
                other = next((p for p in data["paths"] if p is not path and shared in _scheduled(p)), None)
                if other and _questions_of(data, shared):
                    return path, later, second, other, shared
    pytest.fail("the guide needs two paths sharing a first-week chapter, and a later week of two new chapters")


def test_path_ticks_persist_and_show_as_progress(fresh, site):
    _reset(fresh, site)
    path, later, second, other, shared = _path_scenario(_data(fresh))
    _open(fresh, site, path["url"])
    data = _data(fresh)
    total = len(_scheduled(path))
    weeks = fresh.find_elements(By.CSS_SELECTOR, ".week-check input")
    topics = fresh.find_elements(By.CSS_SELECTOR, ".week-topics input[data-topic]")
    assert len(weeks) == len(path["weeks"]) and len(topics) == total
    progress = fresh.find_element(By.CSS_SELECTOR, "[data-progress='path']")
    assert progress.find_element(By.CLASS_NAME, "progress-text").text == f"0 of {total} chapters done"

    weeks[0].click()  # week 1 ticks its chapters
    week1 = path["weeks"][0]["topics"]
    assert all(fresh.find_element(By.CSS_SELECTOR, f"input[data-topic='{t}']").is_selected() for t in week1)
    fresh.find_element(By.CSS_SELECTOR, f"input[data-topic='{second}']").click()
    half_done = f"return document.querySelectorAll('.week-check input')[{later}].indeterminate"
    assert fresh.execute_script(half_done)

    fresh.refresh()
    wait_for(fresh, lambda d: d.find_elements(By.CSS_SELECTOR, ".week-check input"))
    weeks = fresh.find_elements(By.CSS_SELECTOR, ".week-check input")
    assert weeks[0].is_selected() and not weeks[later].is_selected()
    assert fresh.execute_script(half_done)
    done = len(set(week1) | {second})
    assert fresh.find_element(By.CSS_SELECTOR, "[data-progress='path'] .progress-text").text == f"{done} of {total} chapters done"
    assert fresh.find_element(By.CSS_SELECTOR, "[data-progress='path'] progress").get_attribute("value") == str(done)

    # The home page's bar counts the same chapters; so does another path that schedules them.
    _open(fresh, site, "index.html")
    assert fresh.find_element(By.CSS_SELECTOR, ".practice-panel .progress-text").text == f"{done} of {len(data['topics'])} chapters"
    _open(fresh, site, other["url"])
    assert fresh.find_element(By.CSS_SELECTOR, f"input[data-topic='{shared}']").is_selected()

    # The chapter page shows the tick and what was practised there.
    key = _questions_of(data, shared)[0]["key"]
    state = _state(fresh)
    state["seen"] = {key: {"n": 1, "grade": 3, "date": "2026-01-01"}}
    _set_state(fresh, state)
    _open(fresh, site, _topic(data, shared)["url"])
    count = len(_questions_of(data, shared))
    stat = fresh.find_element(By.CSS_SELECTOR, "[data-practice='chapter']")
    assert f"Practised 1 of {count} questions, average grade 3.0 of 4 (good)" in stat.text
    assert _by_id(fresh, "chapter-done").is_selected()
    _by_id(fresh, "chapter-done").click()
    _open(fresh, site, path["url"])
    weeks = fresh.find_elements(By.CSS_SELECTOR, ".week-check input")
    assert not weeks[0].is_selected()
    weeks[0].click()
    weeks[0].click()  # unticking the week clears its chapters
    assert not any(fresh.find_element(By.CSS_SELECTOR, f"input[data-topic='{t}']").is_selected() for t in week1)
    _assert_clean(fresh)


def test_without_javascript_pages_read_plainly(nojs_driver, site):
    d = nojs_driver
    data = _site_data(site)
    d.get(site.url(data["paths"][0]["url"]))
    assert not d.find_elements(By.CSS_SELECTOR, "input[type='checkbox']"), "no inert checkboxes without JS"
    assert not d.find_element(By.CSS_SELECTOR, "[data-progress='path']").is_displayed()
    d.get(site.url("index.html"))
    links = [a.text for a in d.find_elements(By.CSS_SELECTOR, ".practice-links a")]
    assert links[:4] == ["Self-assessment", "Flashcards", "60-second drill", "Mock interview"]
    assert not any(e.is_displayed() for e in d.find_elements(By.CSS_SELECTOR, ".js-only"))
    for rel in PRACTICE_PAGES:
        d.get(site.url(rel))
        assert not any(e.is_displayed() for e in d.find_elements(By.CSS_SELECTOR, ".js-only")), rel
        if rel != "practice/assessment.html":  # the others say what needs JavaScript and what to read instead
            assert any(e.is_displayed() for e in d.find_elements(By.CSS_SELECTOR, ".practice-note")), rel
    # The worksheet still reads and prints: every chapter with its scale, and the scoring guide.
    d.get(site.url("practice/assessment.html"))
    assert len(d.find_elements(By.CSS_SELECTOR, ".rate-row")) == len(data["topics"])
    assert len(d.find_elements(By.CSS_SELECTOR, ".scoring-guide tbody tr")) == len(data["bands"])
    # The drill's opening questions keep each chapter's checklist, folded away.
    d.get(site.url("practice/drill.html"))
    by_title = {t["title"]: t for t in data["topics"]}
    openers = d.find_elements(By.CSS_SELECTOR, ".opener-list > li")
    checklists = 0
    for li in openers:
        must = by_title[li.find_element(By.CSS_SELECTOR, "p a").text]["must_include"]
        points = [e.get_attribute("textContent") for e in li.find_elements(By.CSS_SELECTOR, "details li")]
        assert points == must, li.text
        checklists += bool(must)
    assert len(d.find_elements(By.CSS_SELECTOR, ".opener-list details")) == checklists
    assert checklists >= 1 or not any(t["must_include"] for t in data["topics"])


# ---------------------------------------------------------------------------------------------
# Export, clear, import


def _export(driver):
    """Clicks Export and returns the text of the Blob it offered for download."""
    driver.execute_script(
        "window.__blobs = []; const make = URL.createObjectURL.bind(URL);"
        "URL.createObjectURL = (b) => { window.__blobs.push(b); return make(b); };")
    _by_id(driver, "practice-export").click()
    driver.set_script_timeout(10)
    return driver.execute_async_script("const done = arguments[0]; window.__blobs[0].text().then(done);")


def _import(driver, tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    _by_id(driver, "practice-import").send_keys(str(path))
    wait_for(driver, lambda d: _by_id(d, "practice-message").text)
    return _by_id(driver, "practice-message")


def _sample_state(data):
    q = [x["key"] for x in data["questions"]]
    return _blank(
        data["guide"],
        assessments=[{"date": "2026-01-01", "ratings": {t["id"]: 2 for t in data["topics"]}}],
        cards={q[0]: {"step": 1, "due": "2026-01-04", "last": "2026-01-01", "reps": 1}},
        seen={q[0]: {"n": 1, "grade": 3, "date": "2026-01-01"}},
        done={_study_order(data)[0]["id"]: "2026-01-02"},
        drills=[{"date": "2026-01-02", "key": q[1], "grade": 2, "seconds": 41}],
        mocks=[{"date": "2026-01-03", "path": data["paths"][0]["id"], "level": "", "items": [{"key": q[2], "grade": 4, "seconds": 150}]}])


def test_export_clear_import_round_trip(fresh, site, tmp_path):
    _reset(fresh, site)
    data = _data(fresh)
    original = _sample_state(data)
    _set_state(fresh, original)
    _open(fresh, site, "practice/index.html", now="2026-01-04")
    hub = _by_id(fresh, "practice-hub")
    assert hub.find_element(By.CSS_SELECTOR, "[data-practice='due']").text == "1"

    exported = json.loads(_export(fresh))
    assert "Exported your progress" in _by_id(fresh, "practice-message").text
    assert exported.pop("exported").startswith("2026-01-04")
    assert exported == original

    _by_id(fresh, "practice-clear").click()
    assert _visible(fresh, "practice-confirm")
    _by_id(fresh, "practice-clear-no").click()
    assert _state(fresh) == original, "keeping my progress keeps it"
    _by_id(fresh, "practice-clear").click()
    _by_id(fresh, "practice-clear-yes").click()
    assert _state(fresh) == _blank(data["guide"])
    assert hub.find_element(By.CSS_SELECTOR, "[data-practice='due']").text == "0"
    fresh.refresh()
    assert _state(fresh) == _blank(data["guide"])

    message = _import(fresh, tmp_path, "progress.json", json.dumps(exported))
    assert message.text == "Imported 1 card, 1 assessment and 1 finished chapter."
    assert _state(fresh) == original
    _open(fresh, site, "practice/index.html", now="2026-01-04")
    assert _by_id(fresh, "practice-hub").find_element(By.CSS_SELECTOR, "[data-practice='due']").text == "1"
    _assert_clean(fresh)


@pytest.mark.parametrize("name,text,reason", [
    ("corrupt.json", '{"schema": "syllabus-practice", "version": 1, "cards": {', "not valid JSON"),
    ("foreign.json", '{"name": "my-app", "version": "1.0.0", "dependencies": {}}', "not a Syllabus practice export"),
    ("array.json", "[1, 2, 3]", "not a Syllabus practice export"),
    ("newer.json", None, "version 3"),
    ("other-guide.json", None, "another guide"),
    ("damaged.json", None, "damaged or missing"),
])
def test_bad_imports_are_refused_and_change_nothing(fresh, site, tmp_path, name, text, reason):
    _reset(fresh, site)
    data = _data(fresh)
    original = _sample_state(data)
    if text is None:
        bad = json.loads(json.dumps(original))
        if name == "newer.json":
            bad["version"] = 3
        elif name == "other-guide.json":
            bad["guide"] = "some-other-guide"
        else:
            bad["cards"][next(iter(bad["cards"]))]["due"] = "next tuesday"
        text = json.dumps(bad)
    _set_state(fresh, original)
    _open(fresh, site, "practice/index.html")
    message = _import(fresh, tmp_path, name, text)
    assert message.text.startswith("Import refused:") and reason in message.text and "Nothing was changed." in message.text
    assert "is-error" in message.get_attribute("class")
    assert _state(fresh) == original
    _assert_clean(fresh)


@pytest.mark.parametrize("stored", [
    '{"schema": "syllabus-practice", "version": 2, "cards": {',
    json.dumps({"schema": "syllabus-practice", "version": 9, "guide": "x"}),
])
def test_unreadable_stored_progress_is_set_aside_and_said(fresh, site, stored):
    """Progress the page cannot read is never dropped without a word (issue 16): its text is
    kept under <key>:unreadable, every practice page says so, saving leaves the copy alone, and
    only Delete removes it."""
    _reset(fresh, site)
    key = _key(fresh)
    fresh.execute_script("localStorage.setItem(arguments[0], arguments[1])", key, stored)
    _open(fresh, site, "practice/index.html")
    notes = [p.text for p in fresh.find_elements(By.CSS_SELECTOR, ".practice-note")]
    assert any("could not be read" in n and key + ":unreadable" in n for n in notes), notes
    aside = lambda: fresh.execute_script("return localStorage.getItem(arguments[0])", key + ":unreadable")
    assert aside() == stored
    fresh.find_element(By.CSS_SELECTOR, "input[name=schedule][value=fsrs]").click()
    assert _state(fresh)["settings"]["schedule"] == "fsrs", "the page saves a fresh state"
    assert aside() == stored, "saving leaves the copy alone"
    _by_id(fresh, "practice-clear").click()
    _by_id(fresh, "practice-clear-yes").click()
    assert _state(fresh) == _blank(_data(fresh)["guide"])
    assert aside() is None, "Delete removes the copy too"
    _assert_clean(fresh)
    _reset(fresh, site)


def test_practice_pages_say_when_their_data_did_not_load(fresh, site):
    fresh.execute_cdp_cmd("Network.enable", {})
    fresh.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*practice-data.js"]})
    try:
        fresh.get(site.url("practice/flashcards.html"))
        wait_for(fresh, lambda d: d.find_elements(By.CSS_SELECTOR, ".practice-note"))
        note = fresh.find_element(By.CSS_SELECTOR, ".practice-note").text
        assert "practice-data.js" in note and "did not load" in note, note
    finally:
        fresh.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        errors = console_errors(fresh)  # the blocked request's own error is expected, nothing else
        assert all("practice-data.js" in message for message in errors), errors


# ---------------------------------------------------------------------------------------------
# file://, console and accessibility


def test_review_works_from_file_url(fresh, site):
    """Data and state load from file:// too (a <script>, not fetch; localStorage per file origin)."""
    _reset(fresh, site, "practice/flashcards.html", via="file")
    _open(fresh, site, "practice/flashcards.html", now="2026-04-01", via="file")
    data = _data(fresh)
    _start_deck(fresh, f"level:{_level_with(data, 2)['id']}", 5)  # two or more, so that stopping ends early
    _review(fresh, 3)
    _by_id(fresh, "card-stop").click()  # ending early keeps what was graded
    wait_for(fresh, lambda d: _visible(d, "card-done"))
    assert "You reviewed 1 card:" in _by_id(fresh, "card-done").text
    due = _after(data["review_days"], None, 3, "2026-04-01")["due"]
    assert list(_state(fresh)["cards"].values())[0]["due"] == due
    _open(fresh, site, "index.html", now=due, via="file")
    assert fresh.find_element(By.CSS_SELECTOR, ".practice-panel [data-practice='due']").text == "1"
    _assert_clean(fresh)


def _with_activity(driver, site, rel):
    """Opens a practice page in an interesting state: results, a revealed card, a summary."""
    if rel == "practice/assessment.html":
        data = _data(driver)
        _set_state(driver, _blank(data["guide"], assessments=[
            {"date": "2026-01-01", "ratings": {t["id"]: 2 for t in data["topics"]}},
            {"date": "2026-01-15", "ratings": {t["id"]: 3 for t in data["topics"]}}]))
        _open(driver, site, rel, now="2026-01-15")
    elif rel == "practice/flashcards.html":
        _open(driver, site, rel)
        _start_deck(driver, "all", 5)
        ActionChains(driver).send_keys(" ").perform()
    elif rel == "practice/drill.html":
        _open(driver, site, rel)
        _by_id(driver, "drill-start").click()
        _by_id(driver, "drill-stop").click()
    elif rel == "practice/mock.html":
        _open(driver, site, rel)
        Select(_by_id(driver, "mock-count")).select_by_value("3")
        _by_id(driver, "mock-start").click()
        for _ in range(3):
            _by_id(driver, "mock-reveal").click()
            _grade(driver, "mock-check", 2)
        wait_for(driver, lambda d: _visible(d, "mock-summary"))
    else:
        _open(driver, site, rel)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("rel", PRACTICE_PAGES + ["index.html"] + list(PAGE_KINDS))
def test_practice_pages_have_no_axe_violations(fresh, site, rel, theme):
    _reset(fresh, site)
    rel = _page(site, _data(fresh), rel)
    fresh.execute_script("localStorage.setItem('syllabus-theme', arguments[0])", theme)
    _open(fresh, site, rel)
    _with_activity(fresh, site, rel)
    assert fresh.find_element(By.TAG_NAME, "html").get_attribute("data-theme") == theme
    violations = _run_axe(fresh)
    fresh.execute_script("localStorage.removeItem('syllabus-theme')")
    assert not violations, f"{rel} ({theme}):\n" + _describe(violations)
    _assert_clean(fresh)
