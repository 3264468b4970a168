"""(g) Screenshots of the home page, a chapter, a question and a cheat sheet at phone (390 px) and
desktop (1366 px) widths, light and dark, written to .test-artifacts/screenshots/ for a person to look
at. The test also fails on horizontal overflow at either width."""

import base64

import pytest

from conftest import set_theme

PAGES = {
    "home": "index.html",
    "chapter": "topics/transformer-internals.html",
    "question": "questions/transformer-internals/parameter-count-and-flops.html",
    "cheatsheet": "cheatsheets/transformer-internals.html",
}
WIDTHS = {"phone": (390, 844, True), "desktop": (1366, 900, False)}
MAX_HEIGHT = 6000


@pytest.fixture(scope="module")
def shots(artifacts, report):
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    report.append(f"screenshots: {folder}")
    return folder


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("page", list(PAGES))
def test_screenshot(fresh, site, shots, page, width, theme):
    w, h, mobile = WIDTHS[width]
    fresh.get(site.url("index.html"))
    set_theme(fresh, theme)
    fresh.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": mobile})
    fresh.get(site.url(PAGES[page]))
    overflow = fresh.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
    full = fresh.execute_script("return document.documentElement.scrollHeight;")
    for name, height in (("top", h), ("full", min(full, MAX_HEIGHT))):
        shot = fresh.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": name == "full",
            "clip": {"x": 0, "y": 0, "width": w, "height": height, "scale": 1}})
        (shots / f"{page}-{width}-{theme}-{name}.png").write_bytes(base64.b64decode(shot["data"]))
    assert overflow <= 0, f"{PAGES[page]} scrolls sideways by {overflow}px at {w}px"
