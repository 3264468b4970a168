"""(b) Search finds the right chapter and question first, matches prefixes as you type, narrows by
level and chapter, finds CJK substrings; keyboard shortcuts `/`, `→` and `?` work."""

import re

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import console_errors, wait_for


def _results(driver):
    return [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results li a")]


def _search(driver, site, query, level="", topic=""):
    """Types `query` into the search page and returns the result URLs relative to the site."""
    driver.get(site.url("search.html"))
    box = driver.find_element(By.ID, "search-input")
    if level:
        Select(driver.find_element(By.ID, "search-level")).select_by_value(level)
    if topic:
        Select(driver.find_element(By.ID, "search-topic")).select_by_value(topic)
    box.send_keys(query)
    wait_for(driver, lambda d: re.match(r"\d+( of \d+)? results?$", d.find_element(By.ID, "search-status").text.strip()))
    return [u[len(site.http_base):] for u in _results(driver)]


def _index_docs(driver):
    """The index's rows as dicts, keyed by its `fields` header row."""
    return driver.execute_script(
        "var s = window.SYLLABUS_SEARCH;"
        "return s.docs.map(function (r) { var d = {}; s.fields.forEach(function (f, i) { d[f] = r[i]; }); return d; });")


def test_kv_cache_finds_question_and_chapter(fresh, site):
    found = _search(fresh, site, "kv cache")
    assert "questions/transformer-internals/kv-cache-memory.html" in found[:3], found[:10]
    chapters = [u for u in found if u.startswith("topics/")]
    assert chapters and chapters[0] == "topics/transformer-internals.html", chapters
    assert fresh.find_elements(By.CSS_SELECTOR, "#search-results mark"), "matches are highlighted"
    assert not console_errors(fresh)


def test_exact_phrase_ranks_first(fresh, site):
    found = _search(fresh, site, "lost in the middle")
    assert found[0] == "questions/rag-systems/lost-in-the-middle.html", found[:5]


def test_chapter_title_ranks_first(fresh, site):
    for title, url in [("RAG Systems", "topics/rag-systems.html"),
                       ("Inference Optimization", "topics/inference-optimization.html"),
                       ("Safety and Guardrails", "topics/safety-guardrails.html")]:
        found = _search(fresh, site, title)
        assert found[0] == url, (title, found[:5])


def test_prefix_matches_as_you_type(fresh, site):
    found = _search(fresh, site, "specul")
    assert "questions/inference-optimization/speculative-decoding.html" in found[:3], found[:10]
    kinds = [li.find_element(By.CSS_SELECTOR, ".search-kind").text.lower()
             for li in fresh.find_elements(By.CSS_SELECTOR, "#search-results li")]
    assert set(kinds) <= {"chapter", "question", "cheat sheet", "path", "page"}, kinds


def test_count_says_shown_of_total(fresh, site):
    """A common word matches more documents than the page shows: the status gives both."""
    _search(fresh, site, "model")
    status = fresh.find_element(By.ID, "search-status").text.strip()
    match = re.match(r"(\d+) of (\d+) results$", status)
    assert match, status
    shown, total = int(match.group(1)), int(match.group(2))
    assert shown == len(_results(fresh)) == 50 and total > shown, status
    every = fresh.execute_script("return window.SyllabusSearch.search('model', '', '', 100000).results.length;")
    assert every == total


def test_level_and_topic_filters_narrow(fresh, site):
    everything = _search(fresh, site, "attention")
    docs = {d["url"]: d for d in _index_docs(fresh)}
    senior = _search(fresh, site, "attention", level="senior")
    assert 0 < len(senior) < len(everything)
    assert all(docs[u]["level"] == "senior" for u in senior), senior
    rag = _search(fresh, site, "attention", topic="rag-systems")
    assert 0 < len(rag) < len(everything)
    assert all(docs[u]["topic"] == "rag-systems" for u in rag), rag
    both = _search(fresh, site, "attention", level="senior", topic="transformer-internals")
    assert all(docs[u]["level"] == "senior" and docs[u]["topic"] == "transformer-internals" for u in both), both
    assert set(both) <= set(senior)


def test_query_in_address_is_restored(fresh, site):
    fresh.get(site.url("search.html?q=lost+in+the+middle"))
    wait_for(fresh, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
    assert _results(fresh)[0].endswith("questions/rag-systems/lost-in-the-middle.html")


def test_cjk_substring_is_findable(fresh, cjk_site):
    for query in ["自注意力", "注意力机制", "查询", "多头注意", "键"]:
        found = _search(fresh, cjk_site, query)
        assert "questions/basics/attention-zh.html" in found[:2], (query, found)
    assert not console_errors(fresh)


def _press(driver, key):
    ActionChains(driver).send_keys(key).perform()


def test_slash_focuses_search(fresh, site):
    fresh.get(site.url("topics/rag-systems.html"))
    _press(fresh, "/")
    wait_for(fresh, lambda d: d.switch_to.active_element.get_attribute("id") == "site-search")
    fresh.get(site.url("search.html"))
    # On the search page itself, `/` focuses the box instead of reloading.
    fresh.find_element(By.TAG_NAME, "h1").click()
    _press(fresh, "/")
    assert fresh.switch_to.active_element.get_attribute("id") == "search-input"


def test_arrows_page_through_study_order(fresh, site):
    fresh.get(site.url("topics/transformer-internals.html"))
    expected_next = fresh.find_element(By.CSS_SELECTOR, ".pager-next").get_attribute("href")
    _press(fresh, Keys.ARROW_RIGHT)
    wait_for(fresh, lambda d: d.current_url == expected_next)
    assert "/topics/" in expected_next
    expected_prev = fresh.find_element(By.CSS_SELECTOR, ".pager-prev").get_attribute("href")
    assert expected_prev.endswith("topics/transformer-internals.html")
    _press(fresh, Keys.ARROW_LEFT)
    wait_for(fresh, lambda d: d.current_url == expected_prev)


def test_question_mark_opens_help(fresh, site):
    fresh.get(site.url("index.html"))
    _press(fresh, "?")
    dialog = wait_for(fresh, lambda d: d.find_element(By.ID, "shortcut-help"))
    assert dialog.get_attribute("open") is not None
    assert "Keyboard shortcuts" in dialog.text
    _press(fresh, Keys.ESCAPE)
    wait_for(fresh, lambda d: d.find_element(By.ID, "shortcut-help").get_attribute("open") is None)
    assert not console_errors(fresh)


def test_highlight_marks_words_in_text_never_in_markup_or_entities(fresh, site):
    """The snippet highlighter escapes the text and marks the query's words in one pass: a word
    that also spells part of an entity (`amp` in `&amp;`) or a tag name must not break them."""
    fresh.get(site.url("search.html"))
    marked = fresh.execute_script(
        "return window.SyllabusSearch.highlight(arguments[0], arguments[1]);", "Q&A <b>amp</b> KV cache", ["amp", "b", "kv cache", "kv"])
    assert marked == "Q&amp;A &lt;<mark>b</mark>&gt;<mark>amp</mark>&lt;/<mark>b</mark>&gt; <mark>KV cache</mark>", marked
    assert fresh.execute_script("return window.SyllabusSearch.highlight('a < b', []);") == "a &lt; b"


# An id set written as base-36 gaps (SearchIndex.gaps), decoded; the scripts below share it.
_IDS_JS = "function ids(raw) { var id = 0, out = []; raw.split(',').forEach(function (g) { id += parseInt(g, 36); out.push(id); }); return out; }\n"


def _prefix_sets_match_the_terms(driver):
    """Every two-character prefix set the index ships (SearchIndex.shortPrefix) holds exactly the
    documents of the terms it starts, whether written as gaps or as a bitmap; returns the count
    of each form."""
    return driver.execute_script(_IDS_JS + """
        var s = window.SYLLABUS_SEARCH, forms = {gaps: 0, bitmap: 0}, wrong = [], starts = {};
        Object.keys(s.terms).forEach(function (t) {
          if (t.length < 2 || /[\\uD800-\\uDFFF]/.test(t.slice(0, 2))) return;
          var set = starts[t.slice(0, 2)] || (starts[t.slice(0, 2)] = {});
          ids(s.terms[t]).forEach(function (id) { set[id] = true; });
        });
        var prefixes = Object.keys(s.prefixes);
        if (prefixes.sort().join() !== Object.keys(starts).sort().join()) wrong.push('prefixes differ');
        prefixes.forEach(function (p) {
          var raw = s.prefixes[p], got = [];
          if (raw[0] === '~') {
            forms.bitmap++;
            var abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
            for (var i = 1; i < raw.length; i++)
              for (var b = 0; b < 6; b++) if (abc.indexOf(raw[i]) >> b & 1) got.push((i - 1) * 6 + b);
          } else {
            forms.gaps++;
            got = ids(raw);
          }
          var want = Object.keys(starts[p] || {}).map(Number).sort(function (a, b) { return a - b; });
          if (got.join() !== want.join()) wrong.push(p);
        });
        return [forms, wrong];""")


def test_two_character_prefixes_come_from_the_index(fresh, site, cjk_site):
    """A word's first searching keystroke (two characters) takes its documents from the index's
    prefix sets: they are the documents of the terms the prefix starts, and a two-letter query
    finds a document whose only match is a longer word it starts."""
    for s in (site, cjk_site):
        fresh.get(s.url("search.html"))
        fresh.execute_async_script("var done = arguments[arguments.length - 1]; window.SyllabusSearch.load(function () { done(); });")
        forms, wrong = _prefix_sets_match_the_terms(fresh)
        assert not wrong, wrong
        assert forms["gaps"] > 0, forms
    fresh.get(site.url("search.html"))
    fresh.execute_async_script("var done = arguments[arguments.length - 1]; window.SyllabusSearch.load(function () { done(); });")
    assert _prefix_sets_match_the_terms(fresh)[0]["bitmap"] > 0, "a common prefix is written as a bitmap"
    for s in (site, cjk_site):
        fresh.get(s.url("search.html"))
        fresh.execute_async_script("var done = arguments[arguments.length - 1]; window.SyllabusSearch.load(function () { done(); });")
        # Documents that only a longer indexed word reaches for its two-letter prefix (the prefix
        # is in neither their title, headings nor summary, nor a term or a stop word itself): each must be found.
        missed, checked = fresh.execute_script(_IDS_JS + """
            var s = window.SYLLABUS_SEARCH, f = s.fields, missed = [], checked = 0, seen = {};
            Object.keys(s.terms).sort().forEach(function (t) {
              var p = t.slice(0, 2);
              if (t.length < 4 || seen[p] || s.terms[p] || /[^a-z]/.test(p) || window.SyllabusSearch.terms(p).join() !== p) return;
              var only = ids(s.terms[t]).filter(function (d) {
                var row = s.docs[d], meta = (row[f.indexOf('title')] + ' ' + row[f.indexOf('headings')] + ' ' + row[f.indexOf('summary')]).toLowerCase();
                return meta.indexOf(p) < 0;
              });
              if (!only.length) return;
              seen[p] = true;
              var urls = window.SyllabusSearch.search(p, '', '', 100000).results.map(function (r) { return r.url; });
              only.forEach(function (d) { checked++; if (urls.indexOf(s.docs[d][f.indexOf('url')]) < 0) missed.push([p, t, s.docs[d][f.indexOf('url')]]); });
            });
            return [missed, checked];""")
        assert checked > 0 and not missed, (s.root, checked, missed[:5])
