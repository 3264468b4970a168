/* Syllabus reader script: progressive enhancement only. Every page reads fine without it. */
(function () {
  "use strict";
  var doc = document.documentElement;

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
  var root = document.body ? (document.body.getAttribute("data-root") || "") : "";
  // The words the index left out, in the guide's language: read from the index itself.
  var stopwords = {};

  function isCJK(ch) {
    var c = ch.codePointAt(0);
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF);
  }

  // Same rules as the index builder: words of 2+ letters, CJK as overlapping pairs.
  function terms(text) {
    var out = [], word = "", cjk = [];
    function flushWord() { if (word.length >= 2 && !stopwords[word]) out.push(word); word = ""; }
    function flushCJK() {
      if (cjk.length === 1) out.push(cjk[0]);
      for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
      cjk = [];
    }
    Array.from(text.toLowerCase()).forEach(function (ch) {
      if (isCJK(ch)) { flushWord(); cjk.push(ch); }
      else if (/[\p{L}\p{N}]/u.test(ch)) { flushCJK(); word += ch; }
      else { flushWord(); flushCJK(); }
    });
    flushWord(); flushCJK();
    return out;
  }

  var index = null, sortedTerms = null, postingCache = {}, phrases = null, waiting = null;
  // Keystrokes that arrive while the index loads wait for that one script; the latest runs.
  function loadIndex(done) {
    if (index) return done();
    if (window.SYLLABUS_SEARCH) { prepare(); return done(); }
    if (waiting) { waiting = done; return; }
    waiting = done;
    var script = document.createElement("script");
    script.src = root + "assets/search-index.js";
    script.onload = function () { prepare(); var next = waiting; waiting = null; next(); };
    script.onerror = function () { waiting = null; status(t("search_index_failed")); };
    document.head.appendChild(script);
  }
  // Phrase matching ignores punctuation, so "lost in the middle" finds "lost-in-the-middle".
  function phrase(text) { return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim(); }
  function prepare() {
    index = window.SYLLABUS_SEARCH;
    (index.stopwords || []).forEach(function (w) { stopwords[w] = true; });
    sortedTerms = Object.keys(index.terms).sort();
    phrases = index.docs.map(function (doc) {
      return [phrase(doc[1]), doc[6].split("\u001f").map(phrase).join("\u001f"), phrase(doc[5])];
    });
  }
  function postings(term) {
    if (postingCache[term]) return postingCache[term];
    var set = {}, raw = index.terms[term];
    if (raw) {
      var id = 0;
      raw.split(",").forEach(function (gap) { id += parseInt(gap, 36); set[id] = true; });
    }
    postingCache[term] = set;
    return set;
  }
  // Documents containing any indexed term that starts with `prefix` (as-you-type matching).
  function prefixPostings(prefix) {
    var lo = 0, hi = sortedTerms.length, out = {};
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sortedTerms[mid] < prefix) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < sortedTerms.length && sortedTerms[i].lastIndexOf(prefix, 0) === 0 && i - lo < 400; i++) {
      var p = postings(sortedTerms[i]);
      for (var k in p) out[k] = true;
    }
    return out;
  }

  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }
  function highlight(text, words) {
    var html = escapeHTML(text);
    words.filter(function (w) { return w.length > 0; }).sort(function (a, b) { return b.length - a.length; }).forEach(function (w) {
      var safe = escapeHTML(w).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      html = html.replace(new RegExp("(" + safe + ")(?![^<]*>)", "giu"), "<mark>$1</mark>");
    });
    return html;
  }

  function search(query, level, topic) {
    var q = query.trim().toLowerCase();
    var words = terms(q), exact = phrase(q);
    if (!q || !words.length) return [];
    var results = [];
    index.docs.forEach(function (doc, id) {
      if (level && doc[3] !== level) return;
      if (topic && doc[4] !== topic) return;
      var title = doc[1].toLowerCase(), headings = doc[6].toLowerCase(), summary = doc[5].toLowerCase();
      var score = 0, p = phrases[id];
      if (p[0].indexOf(exact) >= 0) score += 100 + (p[0].lastIndexOf(exact, 0) === 0 ? 20 : 0);
      else score += (p[1].indexOf(exact) >= 0 ? 40 : 0) + (p[2].indexOf(exact) >= 0 ? 25 : 0);
      for (var i = 0; i < words.length; i++) {
        var w = words[i], last = i === words.length - 1;
        var inTitle = title.indexOf(w) >= 0;
        var inBody = postings(w)[id] || ((last || w.length >= 4) && prefixPostings(w)[id]);
        if (!inTitle && !inBody && headings.indexOf(w) < 0 && summary.indexOf(w) < 0) return;
        score += (inTitle ? 20 : 0) + (postings(w)[id] ? 5 : inBody ? 3 : 1);
      }
      if (doc[0] === "chapter" || doc[0] === "question") score += 2;
      results.push({ id: id, score: score });
    });
    results.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return results.slice(0, 50).map(function (r) {
      var doc = index.docs[r.id];
      var heading = doc[6].split("\u001f").filter(function (h) { return words.some(function (w) { return h.toLowerCase().indexOf(w) >= 0; }); })[0];
      return { kind: doc[0], title: doc[1], url: doc[2], snippet: heading ? heading + " — " + doc[5] : doc[5], words: words.concat([q]) };
    });
  }

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
        var found = search(input.value, level.value, topic.value);
        list.innerHTML = found.map(function (r) {
          return '<li><span class="search-kind">' + escapeHTML(t("kind_" + r.kind.replace(/ /g, "_"))) + '</span><a href="' + escapeHTML(root + r.url) + '">' +
            highlight(r.title, r.words) + '</a><p class="search-snippet">' + highlight(r.snippet, r.words) + "</p></li>";
        }).join("");
        status(input.value.trim() ? count("search_results", found.length) : t("search_type"));
        try {
          var next = new URLSearchParams();
          if (input.value) next.set("q", input.value);
          if (level.value) next.set("level", level.value);
          if (topic.value) next.set("topic", topic.value);
          history.replaceState(null, "", "?" + next.toString());
        } catch (e) { /* some file:// contexts refuse; the search still works */ }
      });
    }
    input.addEventListener("input", run);
    level.addEventListener("change", run);
    topic.addEventListener("change", run);
    document.querySelector(".search-form").addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.focus();
    if (input.value) run();
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
        var input = document.getElementById("search-input");
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

  document.addEventListener("DOMContentLoaded", function () {
    setupMap();
    setupTheme();
    setupReveal();
    setupKeys();
    setupSearchPage();
  });
})();
