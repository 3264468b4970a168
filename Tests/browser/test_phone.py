"""Phones (390×844): the header's links fold behind a menu button and the chapter list is a
drawer; both buttons report their state with aria-expanded, Escape closes, nothing scrolls
sideways, axe finds no violations with either open, and screenshots are kept."""

import base64

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import wait_for
from test_axe import _describe, _run_axe

KINDS = ("chapter", "question")


def _page(site, kind):
    """The largest chapter or question page of the built site (the most to fit on a phone);
    picked from the site itself, so editing the guide never breaks this test."""
    prefix = "topics/" if kind == "chapter" else "questions/"
    pages = [rel for rel in site.pages if rel.startswith(prefix)]
    assert pages, f"the site has no {kind} page"
    return max(pages, key=lambda rel: ((site.root / rel).stat().st_size, rel))


def _phone(driver, site, rel, toggle):
    """Opens `rel` at 390×844; returns the `toggle` button and what it controls, both checked closed."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    driver.get(site.url(rel))
    button = driver.find_element(By.CSS_SELECTOR, toggle)
    target = driver.find_element(By.ID, button.get_attribute("aria-controls"))
    assert button.is_displayed() and not target.is_displayed() and button.get_attribute("aria-expanded") == "false"
    return button, target


def _shot(driver, artifacts, name):
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": {"x": 0, "y": 0, "width": 390, "height": 844, "scale": 1}})
    (folder / f"phone-{name}.png").write_bytes(base64.b64decode(shot["data"]))


@pytest.mark.parametrize("page", KINDS)
def test_menu_button_folds_the_links(fresh, site, artifacts, page):
    menu, nav = _phone(fresh, site, _page(site, page), ".menu-toggle")
    header = fresh.find_element(By.CSS_SELECTOR, ".site-header").size["height"]
    assert header < 844 / 5, f"the closed header takes {header}px"
    assert fresh.find_element(By.ID, "site-search").is_displayed(), "search stays in reach"
    _shot(fresh, artifacts, f"{page}-closed")
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true" and nav.is_displayed()
    assert fresh.find_element(By.CSS_SELECTOR, ".theme-toggle").is_displayed()
    _shot(fresh, artifacts, f"{page}-menu")
    violations = _run_axe(fresh)
    assert not violations, _describe(violations)
    fresh.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    wait_for(fresh, lambda d: menu.get_attribute("aria-expanded") == "false")
    assert not nav.is_displayed()
    assert fresh.switch_to.active_element == menu


@pytest.mark.parametrize("page", KINDS)
def test_chapter_drawer(fresh, site, artifacts, page):
    button, drawer = _phone(fresh, site, _page(site, page), ".drawer-toggle")
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and drawer.is_displayed()
    box = drawer.rect
    assert box["x"] == 0 and box["y"] == 0 and box["width"] <= 390, box
    links = drawer.find_elements(By.CSS_SELECTOR, "a")
    assert links and links[0].is_displayed()
    _shot(fresh, artifacts, f"{page}-drawer")
    violations = _run_axe(fresh)
    assert not violations, _describe(violations)
    overflow = fresh.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
    assert overflow <= 0
    fresh.execute_script("document.querySelector('main').click()")  # a tap outside closes it
    wait_for(fresh, lambda d: button.get_attribute("aria-expanded") == "false")
    assert not drawer.is_displayed()


def test_wide_screens_show_no_buttons(fresh, site):
    fresh.get(site.url(_page(site, "chapter")))
    assert not fresh.find_element(By.CSS_SELECTOR, ".menu-toggle").is_displayed()
    assert not fresh.find_element(By.CSS_SELECTOR, ".drawer-toggle").is_displayed()
    assert fresh.find_element(By.CSS_SELECTOR, ".sidebar").is_displayed()
    assert fresh.find_element(By.CSS_SELECTOR, ".header-nav").is_displayed()


def test_without_javascript_nothing_folds(nojs_driver, site):
    nojs_driver.set_window_size(390, 844)
    try:
        nojs_driver.get(site.url(_page(site, "chapter")))
        assert nojs_driver.find_element(By.CSS_SELECTOR, ".header-nav").is_displayed()
        assert not nojs_driver.find_element(By.CSS_SELECTOR, ".menu-toggle").is_displayed()
    finally:
        nojs_driver.set_window_size(1366, 900)


def test_long_inline_formula_scrolls_itself_not_the_page(fresh, typeset_site):
    """A formula written inline that is wider than a phone (the fixture question's last paragraph)
    has no place to break: it scrolls inside its own box (focusable, for the keyboard), the page
    never scrolls sideways, a short formula gets no scrollbar and no tab stop, and display math
    keeps its focusable scroller (.math-display)."""
    fresh.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    fresh.get(typeset_site.url("questions/formulas/attention.html"))
    fresh.find_element(By.CSS_SELECTOR, ".reveal-bar .button-primary").click()  # show the answer
    # app.js makes the formula that scrolls focusable once the answer is shown.
    wait_for(fresh, lambda d: d.find_elements(By.CSS_SELECTOR, ".answer-body .katex[tabindex='0']"))
    inline = fresh.execute_script(
        "return [].slice.call(document.querySelectorAll('.answer-body .katex:not(.katex-display > .katex)')).map(function (k) {"
        "  var r = k.getBoundingClientRect();"
        "  return {tex: k.querySelector('annotation').textContent, right: r.right, sw: k.scrollWidth, cw: k.clientWidth,"
        "          sh: k.scrollHeight, ch: k.clientHeight, tabindex: k.getAttribute('tabindex')}; });")
    long = [k for k in inline if k["tex"].startswith("\\mathrm{head}")]
    assert len(long) == 1, [k["tex"] for k in inline]
    assert long[0]["sw"] > long[0]["cw"] and long[0]["right"] <= 390 and long[0]["tabindex"] == "0", long[0]
    short = [k for k in inline if k is not long[0]]
    assert short and all(k["sw"] <= k["cw"] and k["sh"] <= k["ch"] and k["tabindex"] is None for k in short), short
    overflow = fresh.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    violations = _run_axe(fresh)
    assert not violations, _describe(violations)
    scroller = fresh.find_element(By.CSS_SELECTOR, ".answer-body .math-display")
    assert scroller.get_attribute("tabindex") == "0"
    assert fresh.execute_script("return getComputedStyle(arguments[0].querySelector('.katex')).overflowX;", scroller) == "visible"
