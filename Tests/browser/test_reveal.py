"""(c) Hints reveal one at a time, the answer stays hidden until asked for, and with JavaScript off
every hint and the answer are visible."""

from selenium.webdriver.common.by import By

from conftest import console_errors, wait_for

QUESTION = "questions/transformer-internals/parameter-count-and-flops.html"  # has hints


def _visible(driver, css):
    return [e.is_displayed() for e in driver.find_elements(By.CSS_SELECTOR, css)]


def test_hints_reveal_one_at_a_time(fresh, site):
    fresh.get(site.url(QUESTION))
    hints = fresh.find_elements(By.CSS_SELECTOR, ".hint")
    n = len(hints)
    assert n >= 2, "the test question should have several hints"
    assert _visible(fresh, ".hint") == [False] * n
    assert not fresh.find_element(By.CSS_SELECTOR, ".answer-body").is_displayed()
    hint_button = fresh.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Show hint')]")
    for shown in range(n):
        assert hint_button.text == f"Show hint {shown + 1} of {n}"
        hint_button.click()
        assert _visible(fresh, ".hint") == [True] * (shown + 1) + [False] * (n - shown - 1)
        assert not fresh.find_element(By.CSS_SELECTOR, ".answer-body").is_displayed()
    assert not hint_button.is_displayed(), "the hint button goes away after the last hint"
    answer_button = fresh.find_element(By.XPATH, "//button[normalize-space()='Show the answer']")
    answer_button.click()
    wait_for(fresh, lambda d: d.find_element(By.CSS_SELECTOR, ".answer-body").is_displayed())
    assert not answer_button.is_displayed()
    assert not console_errors(fresh)


def test_answer_can_be_shown_before_hints(fresh, site):
    fresh.get(site.url(QUESTION))
    fresh.find_element(By.XPATH, "//button[normalize-space()='Show the answer']").click()
    assert fresh.find_element(By.CSS_SELECTOR, ".answer-body").is_displayed()


def test_everything_visible_without_javascript(nojs_driver, site):
    nojs_driver.get(site.url(QUESTION))
    assert "js" not in (nojs_driver.find_element(By.TAG_NAME, "html").get_attribute("class") or "")
    hints = nojs_driver.find_elements(By.CSS_SELECTOR, ".hint")
    assert hints and all(h.is_displayed() for h in hints)
    answer = nojs_driver.find_element(By.CSS_SELECTOR, ".answer-body")
    assert answer.is_displayed() and len(answer.text) > 200
    assert not nojs_driver.find_elements(By.CSS_SELECTOR, ".reveal-bar")
    assert not any(e.is_displayed() for e in nojs_driver.find_elements(By.CSS_SELECTOR, ".js-only"))


def test_every_question_has_hints_and_answer_without_javascript(nojs_driver, site):
    """Every question page, JavaScript off: nothing inside the hints or the answer is hidden."""
    hidden = []
    for rel in [p for p in site.pages if p.startswith("questions/")]:
        nojs_driver.get(site.url(rel, "file"))
        count = nojs_driver.execute_script(
            "return Array.from(document.querySelectorAll('.hint, .answer-body'))"
            ".filter(e => e.hidden || getComputedStyle(e).display === 'none').length;")
        if count:
            hidden.append(rel)
    assert not hidden, hidden
