"""(d) Chromium's print-to-PDF of every cheat sheet is exactly one page in A4 and in Letter; the
all-cheat-sheets page gives one page per sheet; question pages print hints and answers."""

import base64
import subprocess

import pytest
from selenium.webdriver.common.by import By

PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}


def _print(driver, paper):
    width, height = PAPERS[paper]
    data = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": width, "paperHeight": height, "printBackground": False})
    return base64.b64decode(data["data"])


def _pages(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Pages:")))


def _text(path, page=None):
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf_dir(artifacts):
    folder = artifacts / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("paper", list(PAPERS))
def test_each_cheat_sheet_is_one_page(fresh, site, paper, pdf_dir, report):
    sheets = [p for p in site.pages if p.startswith("cheatsheets/") and p != "cheatsheets/index.html"]
    assert sheets
    counts = {}
    for rel in sheets:
        fresh.get(site.url(rel))
        path = pdf_dir / f"{rel.split('/')[-1][:-5]}-{paper}.pdf"
        path.write_bytes(_print(fresh, paper))
        counts[rel] = _pages(path)
    report.append(f"cheat sheets in {paper}: " + ", ".join(f"{k.split('/')[-1][:-5]}={v}" for k, v in counts.items()))
    assert all(v == 1 for v in counts.values()), {k: v for k, v in counts.items() if v != 1}


@pytest.mark.parametrize("paper", list(PAPERS))
def test_all_cheat_sheets_one_page_each(fresh, site, paper, pdf_dir, report):
    fresh.get(site.url("cheatsheets/index.html"))
    titles = [h.text for h in fresh.find_elements(By.CSS_SELECTOR, ".cheatsheets .cheatsheet h2")]
    path = pdf_dir / f"all-cheat-sheets-{paper}.pdf"
    path.write_bytes(_print(fresh, paper))
    pages = _pages(path)
    report.append(f"all cheat sheets in {paper}: {pages} pages for {len(titles)} sheets")
    assert pages == len(titles)
    for number, title in enumerate(titles, start=1):
        assert title.split()[0] in _text(path, number), f"page {number} should hold {title}"


def test_question_prints_hints_and_answer(fresh, site, pdf_dir):
    fresh.get(site.url("questions/transformer-internals/parameter-count-and-flops.html"))
    last_hint = fresh.execute_script(
        "var h = document.querySelectorAll('.hint'); return h[h.length - 1].textContent.trim();")
    answer = fresh.execute_script("return document.querySelector('.answer-body .prose p').textContent.trim();")
    path = pdf_dir / "question-parameter-count-and-flops-A4.pdf"
    path.write_bytes(_print(fresh, "A4"))
    text = " ".join(_text(path).split())
    assert " ".join(last_hint.split())[:40] in text
    assert " ".join(answer.split())[:40] in text
    assert "Show the answer" not in text and "Skip to content" not in text


CLIPPED_JS = """
var found = [];
document.querySelectorAll('main *').forEach(function (e) {
  var s = getComputedStyle(e);
  if (s.display === 'none' || e.closest('svg')) return;
  // A screen-reader-only copy (KaTeX's MathML, a visually-hidden label) is a 1px box by design.
  if (s.position === 'absolute' && e.clientWidth <= 1 && e.clientHeight <= 1) return;
  var clips = s.overflowX !== 'visible';
  if (clips && e.scrollWidth > e.clientWidth + 1) found.push(e.tagName.toLowerCase() + '.' + e.className + ' clips ' + (e.scrollWidth - e.clientWidth) + 'px');
});
var page = document.documentElement;
if (page.scrollWidth > page.clientWidth + 1) found.push('page wider than the paper by ' + (page.scrollWidth - page.clientWidth) + 'px');
return found.slice(0, 5);
"""


def test_printed_pages_clip_nothing(fresh, site, report):
    """Print media at the width of A4's printable area (186 mm): no code block, table or figure is
    cut off at the edge of the paper, on any chapter, question or cheat sheet."""
    fresh.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    fresh.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": 703, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    pages = [p for p in site.pages if p.split("/")[0] in ("topics", "questions", "cheatsheets")]
    clipped = {}
    for rel in pages:
        fresh.get(site.url(rel, "file"))
        found = fresh.execute_script(CLIPPED_JS)
        if found:
            clipped[rel] = found
    report.append(f"printed layout checked for clipping on {len(pages)} pages: {len(clipped)} clip")
    assert not clipped, "\n".join(f"{k}: {v}" for k, v in list(clipped.items())[:30])
