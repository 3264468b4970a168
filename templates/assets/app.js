/* Syllabus reader script: progressive enhancement only. Every page reads fine without it. */
(function () {
  "use strict";
  var doc = document.documentElement;
  // Reader-visible strings added by the header search, the phone menu and the counts: one place.
  // Every string this script and practice.js show comes from the guide's strings table
  // (assets/strings.js, written by the build in the guide's language). `{name}` placeholders
  // are filled in; `count` picks the plural form the page's language needs.
  var T = window.SYLLABUS_STRINGS || {};
  function t(key, values) {
    var text = Object.prototype.hasOwnProperty.call(T, key) ? T[key] : key;
    for (var name in values || {}) text = text.split("{" + name + "}").join(String(values[name]));
    return text;
  }
  var plurals = null;
  try { plurals = new Intl.PluralRules(doc.lang || "en"); } catch (e) { /* old browser */ }
  function count(key, n, values) {
    var form = plurals ? plurals.select(n) : (n === 1 ? "one" : "other");
    var chosen = T[key + "_" + form] !== undefined ? key + "_" + form : key + "_other";
    var all = { n: n };
    for (var name in values || {}) all[name] = values[name];
    return t(chosen, all);
  }
  window.syllabusText = { t: t, count: count };
  // The search panel's and page's status lines, from the same table.
  var UI = {
    indexFailed: t("search_index_failed"),
    results: function (shown, total) {
      return shown < total ? count("search_results_of", total, { shown: shown }) : count("search_results", total);
    },
    noResults: t("search_no_results"),
    allResults: function (total) { return count("search_all_results", total); }
  };

  // Theme toggle: remembers the reader's choice; the inline head script applies it pre-paint.
  function setupTheme() {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    function current() {
      var chosen = doc.getAttribute("data-theme");
      if (chosen) return chosen;
      return window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    }
    function label() {
      var dark = current() === "dark";
      button.textContent = dark ? t("theme_light") : t("theme_dark");
      button.setAttribute("aria-pressed", dark ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      doc.setAttribute("data-theme", next);
      try { localStorage.setItem("syllabus-theme", next); } catch (e) { /* private mode */ }
      label();
    });
    label();
  }

  // Hints appear one at a time; the answer stays hidden until asked for.
  function setupReveal() {
    var page = document.querySelector(".question-page");
    if (!page) return;
    var hints = Array.prototype.slice.call(page.querySelectorAll(".hint"));
    var answer = page.querySelector(".answer-body");
    var bar = document.createElement("div");
    bar.className = "reveal-bar";
    var hintButton = document.createElement("button");
    hintButton.type = "button";
    hintButton.className = "button";
    var answerButton = document.createElement("button");
    answerButton.type = "button";
    answerButton.className = "button button-primary";
    answerButton.textContent = t("show_answer");
    var shown = 0;
    hints.forEach(function (h) { h.hidden = true; });
    function refresh() {
      hintButton.hidden = shown >= hints.length;
      hintButton.textContent = t("show_hint", { n: shown + 1, total: hints.length });
    }
    hintButton.addEventListener("click", function () {
      if (shown < hints.length) {
        hints[shown].hidden = false;
        shown += 1;
        refresh();
        (hints[shown - 1].querySelector("p, li") || hints[shown - 1]).setAttribute("tabindex", "-1");
      }
    });
    answerButton.addEventListener("click", function () {
      if (answer) answer.hidden = false;
      answerButton.hidden = true;
    });
    if (answer) answer.hidden = true;
    // The hint button sits under the hints, the answer button above the answer.
    var hintList = page.querySelector(".hint-list");
    if (hints.length && hintList) {
      var hintBar = document.createElement("div");
      hintBar.className = "reveal-bar";
      hintBar.appendChild(hintButton);
      hintList.parentNode.insertBefore(hintBar, hintList.nextSibling);
    }
    bar.appendChild(answerButton);
    var target = page.querySelector(".answer-group");
    if (target) target.insertBefore(bar, target.querySelector(".answer-body"));
    refresh();
    // Printing shows everything, whatever was revealed.
    window.addEventListener("beforeprint", function () {
      hints.forEach(function (h) { h.hidden = false; });
      if (answer) answer.hidden = false;
    });
  }


  // ---- Search: the index is a script loaded on first use (fetch is blocked on file://).
  // A query is answered from candidate sets, never by walking every document with every term:
  // each query term becomes one set of document ids (its postings, the postings of the indexed
  // terms it is a prefix of, and the documents whose title, headings or summary contain it),
  // the sets are intersected, and only the documents left are scored.
  var root = document.body ? (document.body.getAttribute("data-root") || "") : "";
  // The words the index left out, in the guide's language: read from the index itself.
  var stopwords = {};

  function isCJK(ch) {
    var c = ch.codePointAt(0);
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF);
  }
  var wordChar = /^[\p{Alphabetic}\p{N}]$/u;

  // The rules of SearchTerms.swift, character by character (a browser test checks they agree):
  // words of 2+ characters lowercased one character at a time, CJK runs as overlapping pairs,
  // stop words (shipped in the index, so there is one list) left out. Distinct, in order.
  // Text is taken in NFC, the form the index spells its terms in.
  function terms(text) {
    var out = [], seen = {}, word = "", length = 0, cjk = [];
    function add(t) { if (!seen[t]) { seen[t] = true; out.push(t); } }
    function flushWord() { if (length >= 2 && !stopwords[word]) add(word); word = ""; length = 0; }
    function flushCJK() {
      if (cjk.length === 1) add(cjk[0]);
      for (var i = 0; i + 1 < cjk.length; i++) add(cjk[i] + cjk[i + 1]);
      cjk = [];
    }
    for (var ch of text.normalize("NFC")) {
      if (isCJK(ch)) { flushWord(); cjk.push(ch); }
      else if (wordChar.test(ch)) { flushCJK(); word += ch.toLowerCase(); length += 1; }
      else { flushWord(); flushCJK(); }
    }
    flushWord(); flushCJK();
    return out;
  }

  var index = null, docs = null, sortedTerms = null, postingCache = {}, prefixCache = {}, meta = null, waiting = null;
  // Keystrokes that arrive while the index loads wait for that one script; the latest runs.
  // The script is fetched once per page, whichever search box asked first.
  function loadIndex(done) {
    if (index) return done();
    if (window.SYLLABUS_SEARCH) { prepare(); return done(); }
    if (waiting) { waiting = done; return; }
    waiting = done;
    var script = document.createElement("script");
    script.src = root + "assets/search-index.js";
    script.onload = function () { prepare(); var next = waiting; waiting = null; next(); };
    script.onerror = function () { waiting = null; status(UI.indexFailed); panelStatus(UI.indexFailed); };
    document.head.appendChild(script);
  }
  // Phrase matching ignores punctuation, so "lost in the middle" finds "lost-in-the-middle".
  function phrase(text) { return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim(); }
  // Rows become objects through the index's `fields` header row, once.
  function prepare() {
    index = window.SYLLABUS_SEARCH;
    stopwords = {};
    index.stopwords.forEach(function (w) { stopwords[w] = true; });
    docs = index.docs.map(function (row) {
      var d = {};
      index.fields.forEach(function (name, i) { d[name] = row[i]; });
      d.headingList = d.headings ? d.headings.split("\u001f") : [];
      d.lowerTitle = d.title.toLowerCase();
      d.lowerHeadings = d.headings.toLowerCase();
      d.lowerSummary = d.summary.toLowerCase();
      d.phrases = [phrase(d.title), d.headingList.map(phrase).join("\u001f"), phrase(d.summary)];
      return d;
    });
    var main = {};
    index.mainKinds.forEach(function (k) { main[k] = true; });
    docs.forEach(function (d) { d.main = main[d.kind] === true; });
    ranking = index.signals.map(function (pair) {
      if (!signals[pair[0]]) throw new Error("search index names an unknown ranking signal: " + pair[0]);
      return { weight: pair[1], count: signals[pair[0]] };
    });
    sortedTerms = Object.keys(index.terms).sort();
    // Titles, headings and summaries of all documents in one string, so a substring test is one
    // native scan per query term; `starts` maps a position back to its document.
    var parts = [], starts = new Int32Array(docs.length), at = 0;
    docs.forEach(function (d, id) {
      var text = d.lowerTitle + "\u0001" + d.lowerHeadings + "\u0001" + d.lowerSummary + "\u0002";
      starts[id] = at; at += text.length; parts.push(text);
    });
    meta = { text: parts.join(""), starts: starts };
  }
  // Sorted document ids whose body, headings or summary hold `term` exactly; decoded once.
  function postings(term) {
    var known = postingCache[term];
    if (known) return known;
    var raw = index.terms[term], ids = [];
    if (raw) {
      var id = 0;
      raw.split(",").forEach(function (gap) { id += parseInt(gap, 36); ids.push(id); });
    }
    return (postingCache[term] = ids);
  }
  // Documents holding any indexed term that starts with `prefix` (as-you-type matching).
  function prefixPostings(prefix) {
    if (prefixCache[prefix]) return prefixCache[prefix];
    var lo = 0, hi = sortedTerms.length, seen = new Uint8Array(docs.length), out = [];
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sortedTerms[mid] < prefix) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < sortedTerms.length && sortedTerms[i].lastIndexOf(prefix, 0) === 0 && i - lo < 400; i++) {
      var p = postings(sortedTerms[i]);
      for (var k = 0; k < p.length; k++) if (!seen[p[k]]) { seen[p[k]] = 1; out.push(p[k]); }
    }
    return (prefixCache[prefix] = out);
  }
  // Documents whose title, headings or summary contain `w` anywhere.
  function metaMatches(w) {
    var out = [], text = meta.text, starts = meta.starts, from = 0;
    for (;;) {
      var at = text.indexOf(w, from);
      if (at < 0) return out;
      var lo = 0, hi = starts.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= at) lo = mid; else hi = mid - 1; }
      out.push(lo);
      from = lo + 1 < starts.length ? starts[lo + 1] : text.length;
    }
  }

  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }
  // `text` escaped, with every occurrence of `words` marked: one pass of one regular expression
  // over the raw text (longest word first), so a word never matches inside markup or an entity.
  function highlight(text, words) {
    var alternatives = words.filter(function (w) { return w.length > 0; })
      .sort(function (a, b) { return b.length - a.length; })
      .map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (!alternatives.length) return escapeHTML(text);
    var out = "", last = 0;
    text.replace(new RegExp(alternatives.join("|"), "giu"), function (match, offset) {
      out += escapeHTML(text.slice(last, offset)) + "<mark>" + escapeHTML(match) + "</mark>";
      last = offset + match.length;
      return match;
    });
    return out + escapeHTML(text.slice(last));
  }

  // The ranking signals: for a document and a query match, how often the document shows each.
  // Their weights and the main kinds come from the index (SearchIndex.signals in Swift), so a
  // new signal is its weight there and its function here.
  function wordsWhere(test) {
    return function (doc, id, match) {
      var n = 0;
      for (var i = 0; i < match.words.length; i++) if (test(doc, match.words[i], match.marks[i][id])) n++;
      return n;
    };
  }
  function inTitle(doc, match) { return doc.phrases[0].indexOf(match.exact) >= 0; }
  var signals = {
    title_phrase: function (doc, id, match) { return inTitle(doc, match) ? 1 : 0; },
    title_start: function (doc, id, match) { return doc.phrases[0].lastIndexOf(match.exact, 0) === 0 ? 1 : 0; },
    heading_phrase: function (doc, id, match) { return !inTitle(doc, match) && doc.phrases[1].indexOf(match.exact) >= 0 ? 1 : 0; },
    summary_phrase: function (doc, id, match) { return !inTitle(doc, match) && doc.phrases[2].indexOf(match.exact) >= 0 ? 1 : 0; },
    title_word: wordsWhere(function (doc, word) { return doc.lowerTitle.indexOf(word) >= 0; }),
    // The marks are those of `search`: 4 = exact posting, 2 = prefix posting, 1 = text only.
    term_word: wordsWhere(function (doc, word, mark) { return (mark & 4) !== 0; }),
    prefix_word: wordsWhere(function (doc, word, mark) { return (mark & 6) === 2; }),
    text_word: wordsWhere(function (doc, word, mark) { return (mark & 6) === 0; }),
    main_kind: function (doc) { return doc.main ? 1 : 0; },
  };
  var ranking = [];

  // Matches of `query` (optionally in one level and one chapter): the best `limit` of them and
  // the total, so the page can say "50 of 812".
  function search(query, level, topic, limit) {
    var q = query.trim().toLowerCase();
    var words = terms(q), exact = phrase(q);
    if (!q || !words.length) return { total: 0, results: [] };
    var n = docs.length, count = new Uint16Array(n), marks = [];
    // Per word: 4 = exact posting, 2 = prefix posting, 1 = in title, headings or summary.
    words.forEach(function (w, i) {
      var mark = new Uint8Array(n), last = i === words.length - 1;
      function take(ids, bit) {
        for (var k = 0; k < ids.length; k++) {
          var d = ids[k];
          mark[d] |= bit;
          if (count[d] === i) count[d] = i + 1;
        }
      }
      take(postings(w), 4);
      if (last || w.length >= 4) take(prefixPostings(w), 2);
      take(metaMatches(w), 1);
      marks.push(mark);
    });
    var scored = [], match = { exact: exact, words: words, marks: marks };
    for (var id = 0; id < n; id++) {
      if (count[id] !== words.length) continue;
      var doc = docs[id];
      if ((level && doc.level !== level) || (topic && doc.topic !== topic)) continue;
      var score = 0;
      for (var s = 0; s < ranking.length; s++) score += ranking[s].weight * ranking[s].count(doc, id, match);
      scored.push({ id: id, score: score });
    }
    scored.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    var results = scored.slice(0, limit || 50).map(function (r) {
      var doc = docs[r.id];
      var heading = doc.headingList.filter(function (h) { return words.some(function (w) { return h.toLowerCase().indexOf(w) >= 0; }); })[0];
      return { kind: doc.kind, title: doc.title, url: doc.url, snippet: heading ? heading + " — " + doc.summary : doc.summary, words: words.concat([q]) };
    });
    return { total: scored.length, results: results };
  }
  // For the tokeniser agreement test and bench/search_latency.py: the same functions the boxes use.
  window.SyllabusSearch = { load: loadIndex, terms: terms, search: search, highlight: highlight };
  function status(text) { var el = document.getElementById("search-status"); if (el) el.textContent = text; }

  function setupSearchPage() {
    var input = document.getElementById("search-input");
    if (!input) return;
    var level = document.getElementById("search-level"), topic = document.getElementById("search-topic");
    var list = document.getElementById("search-results");
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    level.value = params.get("level") || "";
    topic.value = params.get("topic") || "";
    function run() {
      loadIndex(function () {
        var answer = search(input.value, level.value, topic.value), found = answer.results;
        list.innerHTML = found.map(function (r) {
          return '<li><span class="search-kind">' + escapeHTML(t("kind_" + r.kind.replace(/ /g, "_"))) + '</span><a href="' + escapeHTML(root + r.url) + '">' +
            highlight(r.title, r.words) + '</a><p class="search-snippet">' + highlight(r.snippet, r.words) + "</p></li>";
        }).join("");
        status(input.value.trim() ? UI.results(found.length, answer.total) : t("search_type"));
        // The address follows the query once typing pauses: replaceState costs several ms on
        // file://, more than the search itself, and nobody shares a half-typed query.
        clearTimeout(addressTimer);
        addressTimer = setTimeout(updateAddress, 300);
      });
    }
    var addressTimer;
    function updateAddress() {
      try {
        var next = new URLSearchParams();
        if (input.value) next.set("q", input.value);
        if (level.value) next.set("level", level.value);
        if (topic.value) next.set("topic", topic.value);
        history.replaceState(null, "", "?" + next.toString());
      } catch (e) { /* some file:// contexts refuse; the search still works */ }
    }
    input.addEventListener("input", run);
    level.addEventListener("change", run);
    topic.addEventListener("change", run);
    document.querySelector(".search-form").addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.focus();
    if (input.value) run();
  }

  // ---- Search from every page: the header box is a combobox (ARIA APG "list autocomplete"):
  // its listbox shows the best matches as you type; ↑ ↓ move, Enter opens, Escape closes.
  // The index loads on first focus, so a reader who never searches never downloads it.
  function panelStatus(text) { var el = document.getElementById("site-search-status"); if (el) el.textContent = text; }

  function setupHeaderSearch() {
    var input = document.getElementById("site-search");
    if (!input) return;
    var form = input.form, panel = document.getElementById("site-search-panel");
    var list = document.getElementById("site-search-results"), all = panel.querySelector(".search-panel-all");
    var options = [], active = -1;
    function pageURL() { return root + "search.html?q=" + encodeURIComponent(input.value.trim()); }
    function setActive(i) {
      active = i;
      options.forEach(function (li, k) { li.setAttribute("aria-selected", k === i ? "true" : "false"); });
      if (i >= 0) { input.setAttribute("aria-activedescendant", options[i].id); options[i].scrollIntoView({ block: "nearest" }); }
      else input.removeAttribute("aria-activedescendant");
    }
    function open(yes) {
      panel.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) setActive(-1);
    }
    function run() {
      if (!input.value.trim()) { list.innerHTML = ""; options = []; open(false); return; }
      loadIndex(function () {
        var answer = search(input.value, "", "", 8);
        list.innerHTML = answer.results.map(function (r, i) {
          return '<li role="option" id="site-search-option-' + i + '" aria-selected="false" data-url="' + escapeHTML(root + r.url) + '">' +
            '<span class="search-kind">' + escapeHTML(r.kind) + "</span> " + highlight(r.title, r.words) + "</li>";
        }).join("");
        options = Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
        panelStatus(answer.total ? UI.results(answer.results.length, answer.total) : UI.noResults);
        all.href = pageURL();
        all.textContent = UI.allResults(answer.total);
        setActive(-1);
        open(true);
      });
    }
    input.addEventListener("focus", function () { loadIndex(function () {}); if (input.value.trim()) run(); });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (panel.hidden) { run(); return; }
        if (!options.length) return;
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (!input.value.trim()) return;
        window.location.href = active >= 0 && !panel.hidden ? options[active].getAttribute("data-url") : pageURL();
      } else if (event.key === "Escape") {
        if (!panel.hidden) { event.preventDefault(); open(false); }
        else if (input.value) { event.preventDefault(); input.value = ""; }
      }
    });
    // Keep focus in the box while an option is clicked, so the panel stays until the page changes.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var li = event.target.closest && event.target.closest("[role=option]");
      if (li) window.location.href = li.getAttribute("data-url");
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); if (input.value.trim()) window.location.href = pageURL(); });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) open(false);
    });
  }

  // ---- Phones: the site links fold behind a menu button, the chapter list becomes a drawer.
  // Both buttons are shown only on narrow screens (style.css); Escape closes what is open.
  function setupToggles() {
    [".menu-toggle", ".drawer-toggle"].forEach(function (selector) {
      var button = document.querySelector(selector);
      var target = button && document.getElementById(button.getAttribute("aria-controls"));
      if (!target) { if (button) button.hidden = true; return; }
      function set(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        target.classList.toggle("is-open", open);
        document.querySelector(".site-header").classList.toggle(selector.slice(1) + "-open", open);
      }
      button.addEventListener("click", function () { set(button.getAttribute("aria-expanded") !== "true"); });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") { set(false); button.focus(); }
      });
      // A tap outside the open drawer or menu closes it (the drawer covers the header).
      document.addEventListener("click", function (event) {
        if (button.getAttribute("aria-expanded") === "true" && !target.contains(event.target) && !button.contains(event.target)) set(false);
      });
    });
  }

  // ---- Keyboard help: `?` opens a dialog listing the shortcuts.
  function showHelp() {
    var dialog = document.getElementById("shortcut-help");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.id = "shortcut-help";
      dialog.className = "help-dialog";
      dialog.setAttribute("aria-labelledby", "shortcut-help-title");
      dialog.innerHTML = '<h2 id="shortcut-help-title">' + escapeHTML(t("shortcuts_title")) + "</h2><dl>" +
        "<dt><kbd>/</kbd></dt><dd>" + escapeHTML(t("shortcut_search")) + "</dd><dt><kbd>←</kbd> <kbd>→</kbd></dt><dd>" + escapeHTML(t("shortcut_paging")) + "</dd>" +
        "<dt><kbd>?</kbd></dt><dd>" + escapeHTML(t("shortcut_help")) + "</dd><dt><kbd>Esc</kbd></dt><dd>" + escapeHTML(t("close")) + "</dd></dl>" +
        '<form method="dialog"><button class="button" type="submit">' + escapeHTML(t("close")) + "</button></form>";
      document.body.appendChild(dialog);
    }
    if (!dialog.open) dialog.showModal();
  }

  // Keyboard: ← / → previous and next page in study order, / search, ? help.
  function setupKeys() {
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var tag = (event.target && event.target.tagName) || "";
      if (/INPUT|TEXTAREA|SELECT/.test(tag) || (event.target && event.target.isContentEditable)) return;
      var link = null;
      if (event.key === "/") {
        event.preventDefault();
        var input = document.getElementById("search-input") || document.getElementById("site-search");
        if (input) input.focus(); else window.location.href = root + "search.html";
        return;
      }
      if (event.key === "?") { event.preventDefault(); showHelp(); return; }
      if (event.key === "ArrowLeft") link = document.querySelector(".pager-prev");
      if (event.key === "ArrowRight") link = document.querySelector(".pager-next");
      if (link) { event.preventDefault(); window.location.href = link.href; }
    });
  }

  // On a phone the map scrolls sideways: start with the current chapter in view.
  function setupMap() {
    var figure = document.querySelector(".map-small .map-scroll"), current = figure && figure.querySelector(".depmap-current");
    if (!current || figure.scrollWidth <= figure.clientWidth) return;
    var box = current.getBoundingClientRect(), frame = figure.getBoundingClientRect();
    figure.scrollLeft += box.left + box.width / 2 - (frame.left + figure.clientWidth / 2);
  }

  // An inline formula wider than the line scrolls inside itself (style.css); one that does is
  // made focusable so the keyboard can scroll it too (axe: scrollable-region-focusable). Only
  // those: a tab stop on every formula would make a page of math tedious to tab through.
  function setupWideFormulas() {
    var formulas = document.querySelectorAll(".katex:not(.katex-display > .katex)");
    if (!formulas.length) return;
    function mark() {
      for (var i = 0; i < formulas.length; i++) {
        var k = formulas[i], wide = k.scrollWidth > k.clientWidth;
        if (wide && !k.hasAttribute("tabindex")) k.setAttribute("tabindex", "0");
        else if (!wide && k.getAttribute("tabindex") === "0") k.removeAttribute("tabindex");
      }
    }
    var timer;
    window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(mark, 150); });
    // Hidden answers and hints have no width until shown: look again when one is revealed.
    document.addEventListener("click", function () { setTimeout(mark, 0); });
    mark();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupMap();
    setupWideFormulas();
    setupTheme();
    setupReveal();
    setupKeys();
    setupSearchPage();
    setupHeaderSearch();
    setupToggles();
    var printNow = document.querySelector(".print-now");
    if (printNow) printNow.addEventListener("click", function () { window.print(); });
  });
})();
