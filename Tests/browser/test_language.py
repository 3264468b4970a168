"""A guide in another language, built by the binary alone (German fixture, see `german_site`):
<html lang="de">, and no English string of the built-in table left anywhere a reader sees, in
the HTML or in what the scripts write. The English strings are read from an English build's
assets/strings.js, so the test follows the table instead of repeating it."""

from __future__ import annotations

import json
import re

import pytest
from selenium.webdriver.common.by import By

from conftest import drain_logs, wait_for


def _strings(site) -> dict:
    text = (site.root / "assets" / "strings.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{"): text.rindex("}") + 1])


def _english_phrases(english: dict, german: dict) -> set:
    """English texts that the German table translates differently, without placeholders, long
    enough not to be a word both languages share ("Signal", "Tags" …)."""
    out = set()
    for key, value in english.items():
        if german.get(key) == value:
            continue
        for piece in re.split(r"\{[a-z]+\}", value):
            piece = piece.strip(" .,:;·()–—")
            if len(piece) >= 8 and " " in piece:
                out.add(piece)
    return out


def test_lang_attribute_and_no_english_ui_text(driver, site, german_site):
    english, german = _strings(site), _strings(german_site)
    assert german["section_answer"] == "Antwort"
    phrases = _english_phrases(english, german)
    assert len(phrases) > 100, "the table should hold the whole UI"
    leftovers = []
    for rel in german_site.pages:
        driver.get(german_site.url(rel))
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de", rel
        wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete")
        visible = driver.execute_script(
            "return document.body.innerText + ' ' + Array.from(document.querySelectorAll('[aria-label],[title],[placeholder]'))"
            ".map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')].join(' ')).join(' ')"
            " + ' ' + Array.from(document.querySelectorAll('[hidden], noscript, svg title')).map(e => e.textContent).join(' ')")
        leftovers += [f"{rel}: {p}" for p in phrases if p in visible]
    drain_logs(driver)
    assert leftovers == []


def test_scripts_speak_german(driver, german_site):
    driver.get(german_site.url("questions/replikation/synchron-oder-asynchron.html"))
    buttons = wait_for(driver, lambda d: [b.text for b in d.find_elements(By.CSS_SELECTOR, ".reveal-bar button") if b.text])
    assert "Hinweis 1 von 2 zeigen" in buttons and "Antwort zeigen" in buttons
    assert driver.find_element(By.CSS_SELECTOR, ".theme-toggle").text in ("Dunkles Design", "Helles Design")
    driver.get(german_site.url("search.html?q=replikation"))
    status = wait_for(driver, lambda d: d.find_element(By.ID, "search-status").text.strip() or None)
    assert re.fullmatch(r"\d+ Treffer", status), status
    kinds = {e.get_attribute("textContent") for e in driver.find_elements(By.CSS_SELECTOR, ".search-kind")}
    assert kinds <= {"Kapitel", "Spickzettel", "Frage", "Pfad", "Seite"} and kinds, kinds
    driver.get(german_site.url("practice/index.html"))
    wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, "[data-progress=chapters] .progress-text").text)
    assert driver.find_element(By.CSS_SELECTOR, "[data-progress=chapters] .progress-text").text == "0 von 2 Kapitel"
    drain_logs(driver)


def test_plural_forms_and_strings_yml(german_site):
    home = (german_site.root / "index.html").read_text(encoding="utf-8")
    assert "1 Frage<" in home and "2 Fragen<" in home  # one/other, never "1 Fragen"
    assert "gebaut mit Syllabus · offline lesbar." in home  # strings.yml beside guide.yml wins
    assert 'placeholder="z. B. replikation, konsens"' in (german_site.root / "search.html").read_text(encoding="utf-8")


def test_heading_ids_stay_clear_of_template_ids(german_site):
    page = (german_site.root / "topics" / "replikation.html").read_text(encoding="utf-8")
    assert page.count('id="main"') == 1 and 'id="main-1"' in page
    konsens = (german_site.root / "topics" / "konsens.html").read_text(encoding="utf-8")
    assert 'href="konsens.html#größe"' in konsens or 'href="#größe"' in konsens or "#größe" in konsens
