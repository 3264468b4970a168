"""Practice mode (issue 5): the self-assessment, spaced-repetition flashcards, the 60-second drill,
the mock interview, path and chapter progress, export and import, each driven in headless Chromium
with the clock set through ?now=YYYY-MM-DD. Also: zero console errors, zero axe violations, and
plain reading without JavaScript."""

import json

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
# Self-assessment


def test_assessment_take_and_retake(fresh, site):
    _reset(fresh, site, "practice/assessment.html")
    _open(fresh, site, "practice/assessment.html", now="2026-01-01")
    data = _data(fresh)
    topics = [t["id"] for t in data["topics"]]
    top = len(data["scale"])
    assert top == 5 and len(topics) == 11

    # Submitting with chapters unrated says so and saves nothing.
    _rate(fresh, {topics[0]: 3})
    _by_id(fresh, "assessment-form").submit()
    assert "Rate every chapter first: 10 chapters left" in _by_id(fresh, "assessment-message").text
    assert not _visible(fresh, "assessment-result")
    assert (_state(fresh) or {}).get("assessments", []) == []

    # Day 0: strong everywhere except the three chapters only the applied path schedules in depth.
    weak = ["prompt-engineering", "rag-systems", "agent-architectures"]
    day0 = {t: (1 if t in weak else 4) for t in topics}
    _rate(fresh, day0)
    _by_id(fresh, "assessment-form").submit()
    wait_for(fresh, lambda d: _visible(d, "assessment-result"))
    total = sum(day0.values())
    assert total == 35
    assert _by_id(fresh, "assessment-score").text == "35"
    band = next(b for b in data["bands"] if total >= b["min"])
    assert _by_id(fresh, "assessment-band").text == band["advice"]
    assert band["min"] == 25
    recommendation = _by_id(fresh, "assessment-recommendation").text
    assert "Applied AI Engineer" in recommendation
    assert "Start with chapter 5, Prompt Engineering" in recommendation
    weakest = [li.find_element(By.TAG_NAME, "a").text for li in fresh.find_elements(By.CSS_SELECTOR, ".weakest li")]
    assert weakest[:3] == ["Prompt Engineering", "RAG Systems", "Agent Architectures"]
    assert not fresh.find_elements(By.ID, "assessment-change"), "no comparison on the first take"
    saved = _state(fresh)["assessments"]
    assert saved == [{"date": "2026-01-01", "ratings": day0}]

    # Day 14: the form comes back filled in with the last ratings, and the result compares with Day 0.
    _open(fresh, site, "practice/assessment.html", now="2026-01-15")
    assert fresh.find_element(By.CSS_SELECTOR, "input[name='rate-rag-systems'][value='1']").is_selected()
    assert _by_id(fresh, "assessment-score").text == "35"
    day14 = {t: (3 if t in weak else 4) for t in topics}
    _rate(fresh, day14)
    _by_id(fresh, "assessment-form").submit()
    wait_for(fresh, lambda d: _by_id(d, "assessment-score").text == "41")
    assert _by_id(fresh, "assessment-band").text == data["bands"][0]["advice"]
    change = _by_id(fresh, "assessment-change").text
    assert "Day 0 (2026-01-01): 35" in change and "Day 14 (2026-01-15): 41" in change and "+6 points" in change
    rows = fresh.find_elements(By.CSS_SELECTOR, "#assessment-history tbody tr")
    assert [r.text.split() for r in rows] == [["2026-01-01", "Day", "0", "35"], ["2026-01-15", "Day", "14", "41"]]
    # With nothing below the middle of the scale, the advice turns to timed practice.
    assert "timed practice" in _by_id(fresh, "assessment-recommendation").text

    # A second take on the same day replaces that day's ratings rather than adding a row.
    _rate(fresh, {"rag-systems": 5})
    _by_id(fresh, "assessment-form").submit()
    wait_for(fresh, lambda d: _by_id(d, "assessment-score").text == "43")
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


def test_flashcards_follow_the_review_days(fresh, site):
    _reset(fresh, site, "practice/flashcards.html")
    _open(fresh, site, "practice/flashcards.html", now="2026-01-01", deck="topic:rag-systems")
    data = _data(fresh)
    assert data["review_days"] == [0, 3, 7, 14, 21]
    keys = [q["key"] for q in data["questions"] if q["topic"] == "rag-systems"]
    title_to_key = {q["title"]: q["key"] for q in data["questions"]}
    assert Select(_by_id(fresh, "deck")).first_selected_option.get_attribute("value") == "topic:rag-systems"
    assert _by_id(fresh, "deck-status").text.startswith(f"0 due today · {len(keys)} new")

    # Day 0: five new cards graded good, again, hard, easy, good.
    _start_deck(fresh, "topic:rag-systems", 5)
    assert not _visible(fresh, "deck-form"), "the deck form steps aside during a session"
    assert _by_id(fresh, "card-meta").text.startswith("Card 1 of 5 · new")
    assert fresh.switch_to.active_element == _by_id(fresh, "card-question")
    ActionChains(fresh).send_keys(" ").perform()
    wait_for(fresh, lambda d: _visible(d, "card-back"))
    labels = [b.text for b in fresh.find_elements(By.CSS_SELECTOR, "#card-back [data-grade]")]
    assert labels == ["Again · tomorrow", "Hard · tomorrow", "Good · in 3 days", "Easy · in 7 days"]
    first_url = next(q["url"] for q in data["questions"] if q["key"] == keys[0])
    assert _by_id(fresh, "card-link").get_attribute("href") == site.url(first_url)
    ActionChains(fresh).send_keys("3").perform()
    assert "next review of" in _by_id(fresh, "card-status").text and "on 2026-01-04 (in 3 days)" in _by_id(fresh, "card-status").text
    order = [keys[0]]
    for grade in (1, 2, 4, 3):
        order.append(title_to_key[_review(fresh, grade, by_key=grade != 4)])
    wait_for(fresh, lambda d: _visible(d, "card-done"))
    assert "You reviewed 5 cards: 1 again, 1 hard, 2 good, 1 easy." in _by_id(fresh, "card-done").text
    cards = _state(fresh)["cards"]
    expected = {order[0]: (1, "2026-01-04"), order[1]: (0, "2026-01-02"), order[2]: (0, "2026-01-02"),
                order[3]: (2, "2026-01-08"), order[4]: (1, "2026-01-04")}
    assert {k: (c["step"], c["due"]) for k, c in cards.items()} == expected
    assert all(c["last"] == "2026-01-01" and c["reps"] == 1 for c in cards.values())

    # Day 1: only the "again" and "hard" cards are due; no new cards this time.
    _open(fresh, site, "practice/flashcards.html", now="2026-01-02", deck="topic:rag-systems")
    assert _by_id(fresh, "deck-status").text.startswith("2 due today")
    _start_deck(fresh, "topic:rag-systems", 0)
    assert _by_id(fresh, "card-meta").text.startswith("Card 1 of 2 · review")
    due_today = {title_to_key[_review(fresh, 3)]}
    due_today.add(title_to_key[_review(fresh, 4)])
    assert due_today == {order[1], order[2]}
    cards = _state(fresh)["cards"]
    steps = sorted((cards[k]["step"], cards[k]["due"]) for k in due_today)
    assert steps == [(1, "2026-01-05"), (2, "2026-01-09")]  # good: step 0 → 1 (+3); easy: 0 → 2 (+7)

    # Day 3: the two cards graded good on day 0 are due; good moves one on, again goes back.
    _open(fresh, site, "practice/flashcards.html", now="2026-01-04")
    _start_deck(fresh, "topic:rag-systems", 0)
    first = title_to_key[_review(fresh, 3)]
    second = title_to_key[_review(fresh, 1)]
    assert {first, second} == {order[0], order[4]}
    cards = _state(fresh)["cards"]
    assert (cards[first]["step"], cards[first]["due"]) == (2, "2026-01-11")
    assert (cards[second]["step"], cards[second]["due"]) == (0, "2026-01-05")
    assert cards[first]["reps"] == 2

    # The home page counts what is due on a given day.
    _open(fresh, site, "index.html", now="2026-01-05")
    assert fresh.find_element(By.CSS_SELECTOR, ".practice-panel [data-practice='due']").text == "2"
    _open(fresh, site, "index.html", now="2026-01-11")
    assert fresh.find_element(By.CSS_SELECTOR, ".practice-panel [data-practice='due']").text == "5"
    _assert_clean(fresh)


def test_flashcards_last_step_repeats_and_hard_keeps_the_step(fresh, site):
    _reset(fresh, site, "practice/flashcards.html")
    data = _data(fresh)
    a, b = [q["key"] for q in data["questions"] if q["topic"] == "fine-tuning"][:2]
    _set_state(fresh, _blank(data["guide"], cards={
        a: {"step": 4, "due": "2026-03-01", "last": "2026-02-08", "reps": 5},
        b: {"step": 3, "due": "2026-03-01", "last": "2026-02-15", "reps": 4}}))
    _open(fresh, site, "practice/flashcards.html", now="2026-03-02")
    _start_deck(fresh, "topic:fine-tuning", 0)
    reviewed = {}
    for grade in (3, 2):
        title = _by_id(fresh, "card-question").text
        reviewed[next(q["key"] for q in data["questions"] if q["title"] == title)] = grade
        _review(fresh, grade)
    cards = _state(fresh)["cards"]
    for key, grade in reviewed.items():
        step = {a: 4, b: 3}[key]
        # good at the last step stays there (21 days); hard keeps the step (14 or 21 days).
        expected_step = step if grade == 2 else min(4, step + 1)
        assert cards[key]["step"] == expected_step
        assert cards[key]["due"] == {14: "2026-03-16", 21: "2026-03-23"}[data["review_days"][expected_step]]
    _assert_clean(fresh)


# ---------------------------------------------------------------------------------------------
# Drill and mock interview


def test_sixty_second_drill(fresh, site):
    _reset(fresh, site, "practice/drill.html")
    _open(fresh, site, "practice/drill.html", now="2026-02-01", deck="topic:rag-systems")
    data = _data(fresh)
    must = next(t for t in data["topics"] if t["id"] == "rag-systems")["must_include"]
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


def test_mock_interview(fresh, site):
    _reset(fresh, site, "practice/mock.html")
    _open(fresh, site, "practice/mock.html", now="2026-02-02")
    data = _data(fresh)
    path = next(p for p in data["paths"] if p["id"] == "applied-ai-engineer")
    scheduled = {t for w in path["weeks"] for t in w["topics"]}
    Select(_by_id(fresh, "mock-path")).select_by_value(path["id"])
    Select(_by_id(fresh, "mock-level")).select_by_value("mid")
    pool = [q for q in data["questions"] if path["id"] in q["roles"] and q["level"] == "mid"]
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
        assert question["topic"] in scheduled and question["level"] == "mid"
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
    assert len(mocks) == 1 and mocks[0]["path"] == path["id"] and mocks[0]["level"] == "mid"
    assert [(m["key"], m["grade"]) for m in mocks[0]["items"]] == [(q["key"], g) for q, g in zip(asked, (3, 1, 4))]
    # The hub counts it.
    _open(fresh, site, "practice/index.html")
    assert _by_id(fresh, "practice-hub").find_element(By.CSS_SELECTOR, "[data-practice='sessions']").text == "0 drills, 1 mock interview"
    _assert_clean(fresh)


# ---------------------------------------------------------------------------------------------
# Progress on paths, chapters and the home page


def test_path_ticks_persist_and_show_as_progress(fresh, site):
    _reset(fresh, site, "paths/applied-ai-engineer.html")
    _open(fresh, site, "paths/applied-ai-engineer.html")
    data = _data(fresh)
    path = next(p for p in data["paths"] if p["id"] == "applied-ai-engineer")
    total = len({t for w in path["weeks"] for t in w["topics"]})
    weeks = fresh.find_elements(By.CSS_SELECTOR, ".week-check input")
    topics = fresh.find_elements(By.CSS_SELECTOR, ".week-topics input[data-topic]")
    assert len(weeks) == len(path["weeks"]) and len(topics) == total
    progress = fresh.find_element(By.CSS_SELECTOR, "[data-progress='path']")
    assert progress.find_element(By.CLASS_NAME, "progress-text").text == f"0 of {total} chapters done"

    weeks[0].click()  # week 1 ticks its chapters
    week1 = path["weeks"][0]["topics"]
    assert all(fresh.find_element(By.CSS_SELECTOR, f"input[data-topic='{t}']").is_selected() for t in week1)
    second = path["weeks"][1]["topics"][0]
    fresh.find_element(By.CSS_SELECTOR, f"input[data-topic='{second}']").click()
    assert fresh.execute_script("return document.querySelectorAll('.week-check input')[1].indeterminate")

    fresh.refresh()
    wait_for(fresh, lambda d: d.find_elements(By.CSS_SELECTOR, ".week-check input"))
    weeks = fresh.find_elements(By.CSS_SELECTOR, ".week-check input")
    assert weeks[0].is_selected() and not weeks[1].is_selected()
    assert fresh.execute_script("return document.querySelectorAll('.week-check input')[1].indeterminate")
    done = len(week1) + 1
    assert fresh.find_element(By.CSS_SELECTOR, "[data-progress='path'] .progress-text").text == f"{done} of {total} chapters done"
    assert fresh.find_element(By.CSS_SELECTOR, "[data-progress='path'] progress").get_attribute("value") == str(done)

    # The home page's bar counts the same chapters; so does another path that schedules them.
    _open(fresh, site, "index.html")
    assert fresh.find_element(By.CSS_SELECTOR, ".practice-panel .progress-text").text == f"{done} of 11 chapters"
    _open(fresh, site, "paths/research-engineer.html")
    assert fresh.find_element(By.CSS_SELECTOR, "input[data-topic='transformer-internals']").is_selected()

    # The chapter page shows the tick and what was practised there.
    key = next(q["key"] for q in data["questions"] if q["topic"] == "transformer-internals")
    state = _state(fresh)
    state["seen"] = {key: {"n": 1, "grade": 3, "date": "2026-01-01"}}
    _set_state(fresh, state)
    _open(fresh, site, "topics/transformer-internals.html")
    count = len([q for q in data["questions"] if q["topic"] == "transformer-internals"])
    stat = fresh.find_element(By.CSS_SELECTOR, "[data-practice='chapter']")
    assert f"Practised 1 of {count} questions, average grade 3.0 of 4 (good)" in stat.text
    assert _by_id(fresh, "chapter-done").is_selected()
    _by_id(fresh, "chapter-done").click()
    _open(fresh, site, "paths/applied-ai-engineer.html")
    weeks = fresh.find_elements(By.CSS_SELECTOR, ".week-check input")
    assert not weeks[0].is_selected()
    weeks[0].click()
    weeks[0].click()  # unticking the week clears its chapters
    assert not any(fresh.find_element(By.CSS_SELECTOR, f"input[data-topic='{t}']").is_selected() for t in week1)
    _assert_clean(fresh)


def test_without_javascript_pages_read_plainly(nojs_driver, site):
    d = nojs_driver
    d.get(site.url("paths/applied-ai-engineer.html"))
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
    assert len(d.find_elements(By.CSS_SELECTOR, ".rate-row")) == 11
    assert len(d.find_elements(By.CSS_SELECTOR, ".scoring-guide tbody tr")) == 3
    d.get(site.url("practice/drill.html"))
    assert len(d.find_elements(By.CSS_SELECTOR, ".opener-list details")) >= 10


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
        done={"transformer-internals": "2026-01-02"},
        drills=[{"date": "2026-01-02", "key": q[1], "grade": 2, "seconds": 41}],
        mocks=[{"date": "2026-01-03", "path": "applied-ai-engineer", "level": "", "items": [{"key": q[2], "grade": 4, "seconds": 150}]}])


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


# ---------------------------------------------------------------------------------------------
# file://, console and accessibility


def test_review_works_from_file_url(fresh, site):
    """Data and state load from file:// too (a <script>, not fetch; localStorage per file origin)."""
    _reset(fresh, site, "practice/flashcards.html", via="file")
    _open(fresh, site, "practice/flashcards.html", now="2026-04-01", via="file")
    _start_deck(fresh, "level:junior", 5)
    _review(fresh, 3)
    _by_id(fresh, "card-stop").click()  # ending early keeps what was graded
    wait_for(fresh, lambda d: _visible(d, "card-done"))
    assert "You reviewed 1 card:" in _by_id(fresh, "card-done").text
    assert list(_state(fresh)["cards"].values())[0]["due"] == "2026-04-04"
    _open(fresh, site, "index.html", now="2026-04-04", via="file")
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
@pytest.mark.parametrize("rel", PRACTICE_PAGES + ["index.html", "paths/applied-ai-engineer.html", "topics/rag-systems.html"])
def test_practice_pages_have_no_axe_violations(fresh, site, rel, theme):
    _reset(fresh, site)
    fresh.execute_script("localStorage.setItem('syllabus-theme', arguments[0])", theme)
    _open(fresh, site, rel)
    _with_activity(fresh, site, rel)
    assert fresh.find_element(By.TAG_NAME, "html").get_attribute("data-theme") == theme
    violations = _run_axe(fresh)
    fresh.execute_script("localStorage.removeItem('syllabus-theme')")
    assert not violations, f"{rel} ({theme}):\n" + _describe(violations)
    _assert_clean(fresh)
