"""Search from every page: the header combobox shows the best matches as you type, is driven by
the keyboard (↓ ↑ Enter Escape), links to all results on the search page, loads the index only
on first focus, and works from file:// too."""

import re
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import console_errors, wait_for

PAGE = "topics/rag-systems.html"


def _box(driver):
    return driver.find_element(By.ID, "site-search")


def _type(driver, query):
    box = _box(driver)
    box.click()
    box.send_keys(query)
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#site-search-results [role=option]"))
    return box


@pytest.mark.parametrize("via", ["http", "file"])
def test_results_as_you_type(fresh, site, via):
    fresh.get(site.url(PAGE, via=via))
    box = _box(fresh)
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    assert fresh.execute_script("return typeof window.SYLLABUS_SEARCH") == "undefined", "index loads on first focus"
    _type(fresh, "kv cache")
    assert box.get_attribute("aria-expanded") == "true"
    listbox = fresh.find_element(By.ID, box.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox" and listbox.is_displayed()
    options = listbox.find_elements(By.CSS_SELECTOR, "[role=option]")
    assert 0 < len(options) <= 8
    assert any("KV cache" in o.text or "KV Cache" in o.text for o in options[:3]), [o.text for o in options]
    status = fresh.find_element(By.ID, "site-search-status").text
    assert re.match(r"\d+ (of \d+ )?results?$", status), status
    assert not console_errors(fresh)


def test_the_index_is_fetched_once_per_page_however_much_is_typed(fresh, site):
    fresh.get(site.url(PAGE))
    box = _type(fresh, "re")
    for key in "trieval":
        box.send_keys(key)
    box.send_keys(Keys.ESCAPE)
    fresh.find_element(By.TAG_NAME, "body").click()
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("kv cache")
    wait_for(fresh, lambda d: "kv" in d.find_element(By.ID, "site-search-results").text.lower())
    fetched = fresh.execute_script(
        "return performance.getEntriesByType('resource').filter(function (e) { return /search-index\\.js$/.test(e.name); }).length;")
    assert fetched == 1, fetched


def test_arrows_and_enter_open_the_active_option(fresh, site):
    fresh.get(site.url(PAGE))
    box = _type(fresh, "kv cache")
    options = fresh.find_elements(By.CSS_SELECTOR, "#site-search-results [role=option]")
    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == options[0].get_attribute("id")
    assert options[0].get_attribute("aria-selected") == "true"
    box.send_keys(Keys.ARROW_DOWN)
    box.send_keys(Keys.ARROW_UP)
    assert box.get_attribute("aria-activedescendant") == options[0].get_attribute("id")
    box.send_keys(Keys.ARROW_UP)  # wraps to the last
    assert box.get_attribute("aria-activedescendant") == options[-1].get_attribute("id")
    box.send_keys(Keys.ARROW_DOWN)
    target = options[0].get_attribute("data-url")
    box.send_keys(Keys.ENTER)
    wait_for(fresh, lambda d: d.current_url == urllib.parse.urljoin(site.url(PAGE), target))


def test_escape_closes_and_focus_leaving_closes(fresh, site):
    fresh.get(site.url(PAGE))
    box = _type(fresh, "attention")
    box.send_keys(Keys.ESCAPE)
    assert box.get_attribute("aria-expanded") == "false"
    assert not fresh.find_element(By.ID, "site-search-panel").is_displayed()
    assert box.get_attribute("value") == "attention"
    box.send_keys(Keys.ARROW_DOWN)  # reopens
    wait_for(fresh, lambda d: _box(d).get_attribute("aria-expanded") == "true")
    fresh.execute_script("document.getElementById('main').focus()")  # focus leaves the form
    wait_for(fresh, lambda d: _box(d).get_attribute("aria-expanded") == "false")


def test_all_results_goes_to_the_search_page(fresh, site):
    fresh.get(site.url(PAGE))
    _type(fresh, "kv cache")
    link = fresh.find_element(By.CSS_SELECTOR, ".search-panel-all")
    total = int(re.search(r"\d+", link.text).group(0))
    link.click()
    wait_for(fresh, lambda d: d.current_url.split("?")[0].endswith("/search.html"))
    assert "q=kv%20cache" in fresh.current_url or "q=kv+cache" in fresh.current_url
    wait_for(fresh, lambda d: re.search(r"\d+ results?$", d.find_element(By.ID, "search-status").text))
    assert str(total) in fresh.find_element(By.ID, "search-status").text
    # Enter with no option chosen goes there too.
    fresh.get(site.url("index.html"))
    box = _type(fresh, "lost in the middle")
    box.send_keys(Keys.ENTER)
    wait_for(fresh, lambda d: "search.html?q=lost" in d.current_url)
    wait_for(fresh, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))


def test_click_on_an_option_opens_it(fresh, site):
    fresh.get(site.url(PAGE))
    _type(fresh, "speculative")
    option = fresh.find_element(By.CSS_SELECTOR, "#site-search-results [role=option]")
    target = urllib.parse.urljoin(site.url(PAGE), option.get_attribute("data-url"))
    option.click()
    wait_for(fresh, lambda d: d.current_url == target)


def test_header_search_in_the_second_guide(fresh, cjk_site):
    fresh.get(cjk_site.url("index.html", via="file"))
    _type(fresh, "注意力")
    options = fresh.find_elements(By.CSS_SELECTOR, "#site-search-results [role=option]")
    assert any("自注意力" in o.text for o in options), [o.text for o in options]
