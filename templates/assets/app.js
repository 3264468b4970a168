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
        markWideFormulas(hints[shown]);
        shown += 1;
        refresh();
        (hints[shown - 1].querySelector("p, li") || hints[shown - 1]).setAttribute("tabindex", "-1");
      }
    });
    answerButton.addEventListener("click", function () {
      if (answer) { answer.hidden = false; markWideFormulas(answer); }
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

  var index = null, docs = null, mainKind = null, sortedTerms = null, postingCache = {}, prefixCache = {}, columns = null, waiting = null;
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
  // One text per field for all documents, so "which documents contain w" is one native
  // indexOf scan per field instead of one call per document; `starts` maps a position back to
  // its document. \u0002 ends a document: no query word or phrase contains it. Joined with the
  // last end in place, so the text is one flat string before the first search reads it.
  function column(texts) {
    var starts = new Int32Array(texts.length), at = 0;
    for (var i = 0; i < texts.length; i++) { starts[i] = at; at += texts[i].length + 1; }
    texts.push("");
    return { text: texts.join("\u0002"), starts: starts };
  }
  // Sets `bit` in out[d] for every document d whose text in `col` contains `w` (and `startBit`
  // too when that text starts with it): a scan of the whole column, for when most documents are
  // asked about. A hit is often in the next document (short words are everywhere), so that is
  // tried before a binary search of the rest. No call per hit: the first search of a page runs
  // before the engine has compiled anything, where every call counts.
  function scan(col, w, out, bit, startBit) {
    var text = col.text, starts = col.starts, from = 0, last = starts.length - 1, doc = 0;
    for (;;) {
      var at = text.indexOf(w, from);
      if (at < 0) return;
      var lo = doc, hi = last;
      if (lo < last && starts[lo + 1] <= at) {
        lo += 1;
        if (lo < last && starts[lo + 1] <= at) {
          while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= at) lo = mid; else hi = mid - 1; }
        }
      }
      out[lo] |= at === starts[lo] ? bit | startBit : bit;
      doc = lo + 1;
      if (doc > last) return;
      from = starts[doc];
    }
  }
  // The same for the documents `ids` only (any order), each looked at in its own text: cheaper
  // than a scan when they are few.
  function scanSome(col, w, ids, count, out, bit, startBit) {
    for (var k = 0; k < count; k++) {
      var d = ids[k], at = within(col, d).indexOf(w);
      if (at >= 0) out[d] |= at === 0 ? bit | startBit : bit;
    }
  }
  // Whichever of the two reads less: ids[0..count) are the documents asked about.
  function markContaining(col, w, ids, count, out, bit, startBit) {
    if (count * 16 < col.starts.length) scanSome(col, w, ids, count, out, bit, startBit);
    else scan(col, w, out, bit, startBit);
  }
  // Document `d`'s text in `col` (a slice: no copy).
  function within(col, d) {
    return col.text.substring(col.starts[d], (d + 1 < col.starts.length ? col.starts[d + 1] : col.text.length) - 1);
  }
  // Rows become objects through the index's `fields` header row, once.
  function prepare() {
    index = window.SYLLABUS_SEARCH;
    stopwords = {};
    index.stopwords.forEach(function (w) { stopwords[w] = true; });
    docs = index.docs.map(function (row) {
      var d = {};
      index.fields.forEach(function (name, i) { d[name] = row[i]; });
      d.headingList = d.headings ? d.headings.split("\u001f") : [];
      return d;
    });
    var main = {};
    index.mainKinds.forEach(function (k) { main[k] = true; });
    mainKind = new Uint8Array(docs.length);
    docs.forEach(function (d, i) { mainKind[i] = main[d.kind] === true ? 1 : 0; });
    ranking = index.signals.map(function (pair) {
      if (!signals[pair[0]]) throw new Error("search index names an unknown ranking signal: " + pair[0]);
      return { weight: pair[1], signal: signals[pair[0]] };
    });
    sortedTerms = Object.keys(index.terms).sort();
    function each(f) { return column(docs.map(f)); }
    columns = {
      // Title, headings and summary together: a query word found anywhere in them.
      meta: each(function (d) { return (d.title + "\u0001" + d.headings + "\u0001" + d.summary).toLowerCase(); }),
      title: each(function (d) { return d.title.toLowerCase(); }),
      titlePhrase: each(function (d) { return phrase(d.title); }),
      headingPhrase: each(function (d) { return d.headingList.map(phrase).join("\u0001"); }),
      summaryPhrase: each(function (d) { return phrase(d.summary); })
    };
    warmUp();
  }
  // A page's first search runs cold, three to five times slower than a repeat: nothing of it is
  // compiled yet. So once the index is ready, one search nobody sees (no DOM, no focus) runs
  // in idle time, a word and a two-letter prefix of the first document, taking both paths;
  // what it decoded is dropped, so the reader's first query still does all its own work.
  function warmUp() {
    if (!window.requestIdleCallback || !docs.length) return;
    requestIdleCallback(function () {
      var words = terms(docs[0].title + " " + docs[0].summary);
      if (words.length) search(words[0] + " " + (words[1] || words[0]).slice(0, 2));
      postingCache = {};
      prefixCache = {};
    });
  }
  // Sorted document ids whose body, headings or summary hold `term` exactly: the base-36 gaps
  // read character by character (split and parseInt cost ten times more), decoded once.
  function postings(term) {
    return postingCache[term] || (postingCache[term] = idSet(index.terms[term] || ""));
  }
  // The documents holding a term that starts with `prefix`, two characters long: the index
  // has them ready (SearchIndex.shortPrefix), as two characters start hundreds of terms.
  function shortPrefixPostings(prefix) {
    var key = "\u0000" + prefix;
    return postingCache[key] || (postingCache[key] = idSet(index.prefixes[prefix] || ""));
  }
  // An id set of the index (SearchIndex.idSet): base-36 gaps, or "~" and a base64url bitmap.
  var BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", sextet = new Int8Array(128);
  for (var b = 0; b < 64; b++) sextet[BASE64.charCodeAt(b)] = b;
  function idSet(raw) {
    var ids, k = 0;
    if (raw.charCodeAt(0) === 126) {
      ids = new Int32Array((raw.length - 1) * 6);
      for (var j = 1; j < raw.length; j++) {
        for (var bits = sextet[raw.charCodeAt(j)], at = (j - 1) * 6; bits; bits >>= 1, at++) if (bits & 1) ids[k++] = at;
      }
      return ids.subarray(0, k);
    }
    ids = new Int32Array((raw.length + 1) >> 1);
    for (var i = 0, id = 0, gap = 0; raw && i <= raw.length; i++) {
      var c = i < raw.length ? raw.charCodeAt(i) : 44;
      if (c === 44) { id += gap; ids[k++] = id; gap = 0; }
      else gap = gap * 36 + (c <= 57 ? c - 48 : c - 87);
    }
    return ids.subarray(0, k);
  }
  // At most this many indexed terms count for one prefix: a two-letter prefix of a large guide
  // starts thousands of terms, and the most frequent 400 already hold nearly every document.
  var PREFIX_TERMS = 400;
  // The indexed terms that start with `prefix` (as-you-type matching), frequent ones first (and
  // only those when there are too many); a term's posting text length stands in for its
  // document count. Kept per prefix: each keystroke of a word asks again for the prefixes of
  // the words before it, and sorting thousands of terms is the costly part.
  function prefixTerms(prefix) {
    var known = prefixCache[prefix];
    if (known) return known;
    var lo = 0, hi = sortedTerms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sortedTerms[mid] < prefix) lo = mid + 1; else hi = mid; }
    var end = lo;
    while (end < sortedTerms.length && sortedTerms[end].lastIndexOf(prefix, 0) === 0) end++;
    var found = sortedTerms.slice(lo, end).sort(function (a, b) { return index.terms[b].length - index.terms[a].length; });
    return (prefixCache[prefix] = found.length > PREFIX_TERMS ? found.slice(0, PREFIX_TERMS) : found);
  }

  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }
  // A function giving `text` escaped, with every occurrence of `words` marked: one pass of one
  // regular expression over the raw text (longest word first), so a word never matches inside
  // markup or an entity. Built once per query, for every result it marks.
  function marker(words) {
    var alternatives = words.filter(function (w) { return w.length > 0; })
      .sort(function (a, b) { return b.length - a.length; })
      .map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (!alternatives.length) return escapeHTML;
    var pattern = new RegExp(alternatives.join("|"), "giu");
    return function (text) {
      var out = "", last = 0;
      text.replace(pattern, function (match, offset) {
        out += escapeHTML(text.slice(last, offset)) + "<mark>" + escapeHTML(match) + "</mark>";
        last = offset + match.length;
        return match;
      });
      return out + escapeHTML(text.slice(last));
    };
  }
  function highlight(text, words) { return marker(words)(text); }

  // The ranking signals: how often a document shows each, read from one small feature of the
  // match. Their weights and the main kinds come from the index (SearchIndex.signals in
  // Swift), so a new signal is its weight there and its function here. The features were
  // found for the whole query at once (`search`): `found` per document, 1 = the phrase is in
  // the title, 2 = the title starts with it, 4 = in a heading, 8 = in the summary; `mark` per
  // document and query word, 4 = exact posting, 2 = prefix posting, 1 = in title, headings or
  // summary only; `titleWords`, how many query words the title holds; `main`, 1 for a main kind.
  function reads(feature, value) { return { feature: feature, value: value }; }
  var signals = {
    title_phrase: reads("found", function (f) { return f & 1; }),
    title_start: reads("found", function (f) { return (f & 2) >> 1; }),
    heading_phrase: reads("found", function (f) { return (f & 5) === 4 ? 1 : 0; }),
    summary_phrase: reads("found", function (f) { return (f & 9) === 8 ? 1 : 0; }),
    title_word: reads("titleWords", function (n) { return n; }),
    term_word: reads("mark", function (m) { return (m & 4) !== 0 ? 1 : 0; }),
    prefix_word: reads("mark", function (m) { return (m & 6) === 2 ? 1 : 0; }),
    text_word: reads("mark", function (m) { return (m & 6) === 0 ? 1 : 0; }),
    main_kind: reads("main", function (m) { return m; }),
  };
  var ranking = [];
  // Every feature has few values, so the ranking becomes one table per feature (value → the
  // weighted sum of the signals reading it), and a document's score is a few table lookups:
  // one loop over the matches, whatever the number of signals.
  function scoreTables(words) {
    var sizes = { found: 16, mark: 8, titleWords: words + 1, main: 2 }, tables = {};
    for (var feature in sizes) tables[feature] = new Int32Array(sizes[feature]);
    ranking.forEach(function (r) {
      var table = tables[r.signal.feature];
      for (var v = 0; v < table.length; v++) table[v] += r.weight * r.signal.value(v);
    });
    return tables;
  }
  function scoreAll(ids, match, words) {
    var tables = scoreTables(words), byFound = tables.found, byMark = tables.mark, byTitle = tables.titleWords, byMain = tables.main;
    var found = match.found, titleWords = match.titleWords, marks = match.marks, scores = new Int32Array(ids.length);
    for (var c = 0; c < ids.length; c++) {
      var d = ids[c], score = byFound[found[d]] + byTitle[titleWords[d]] + byMain[mainKind[d]];
      for (var i = 0; i < marks.length; i++) score += byMark[marks[i][d]];
      scores[c] = score;
    }
    return scores;
  }

  // The limit-th largest of `scores` (the least when there are fewer), from a count of each.
  function limitth(scores, limit) {
    var top = -Infinity, low = Infinity, c;
    for (c = 0; c < scores.length; c++) { if (scores[c] > top) top = scores[c]; if (scores[c] < low) low = scores[c]; }
    if (scores.length <= limit) return low;
    var reaching = new Int32Array(top - low + 1);
    for (c = 0; c < scores.length; c++) reaching[scores[c] - low]++;
    for (var seen = 0, score = top; ; score--) { seen += reaching[score - low]; if (seen >= limit) return score; }
  }
  // The matches that can still be among the `limit` best once headings and summaries are read,
  // when only titles have been (match.found holds title bits only): each match's score lies
  // between a floor and a ceiling, the least and the most its found table gives over the heading
  // and summary bits, and one whose ceiling is under the limit-th best floor cannot make it.
  // Headings and summaries are long and a short prefix is in most of them: this spares reading
  // them for nearly every match (a title that holds the phrase outweighs them).
  function contenders(ids, match, words, limit) {
    if (ids.length <= limit) return ids;
    var byFound = scoreTables(words).found, least = new Int32Array(4), most = new Int32Array(4);
    for (var t = 0; t < 4; t++) {
      var values = [byFound[t], byFound[t | 4], byFound[t | 8], byFound[t | 12]];
      least[t] = Math.min.apply(null, values) - byFound[t];
      most[t] = Math.max.apply(null, values) - byFound[t];
    }
    var scores = scoreAll(ids, match, words), floors = new Int32Array(ids.length), c;
    for (c = 0; c < ids.length; c++) floors[c] = scores[c] + least[match.found[ids[c]]];
    var floor = limitth(floors, limit), kept = [];
    for (c = 0; c < ids.length; c++) if (scores[c] + most[match.found[ids[c]]] >= floor) kept.push(ids[c]);
    return kept;
  }

  // The `limit` best of `ids` (ascending) by score, then by id, without sorting them all:
  // scores are small whole numbers, so one pass counts how many reach each score, the
  // limit-th best score is read from the counts, and only what reaches it is sorted.
  function best(ids, scores, limit) {
    var picked = [], threshold = limitth(scores, limit), c;
    for (c = 0; c < ids.length && picked.length < limit * 4; c++) if (scores[c] >= threshold) picked.push(c);
    if (picked.length >= limit * 4) {
      // Many ties at the threshold: those above it, then the ties in id order.
      picked = [];
      for (c = 0; c < ids.length; c++) if (scores[c] > threshold) picked.push(c);
      for (c = 0; c < ids.length && picked.length < limit; c++) if (scores[c] === threshold) picked.push(c);
    }
    picked.sort(function (a, b) { return scores[b] - scores[a] || ids[a] - ids[b]; });
    return picked.slice(0, limit).map(function (j) { return ids[j]; });
  }

  // Matches of `query` (optionally in one level and one chapter): the best `limit` of them and
  // the total, so the page can say "50 of 812". Each query word narrows the candidates (its
  // postings, the postings of terms it starts, its occurrences in titles, headings and
  // summaries); only the documents every word reaches are scored. `count[d]` is how many
  // words, in order, reached document d so far; `open` lists the documents still in the race.
  function search(query, level, topic, limit) {
    var q = query.trim().toLowerCase();
    var words = terms(q), exact = phrase(q);
    if (!q || !words.length) return { total: 0, results: [] };
    var n = docs.length, count = new Uint16Array(n), marks = [], open = new Int32Array(n), c, d, k;
    for (var i = 0; i < words.length; i++) {
      var w = words[i], mark = new Uint8Array(n), last = i === words.length - 1;
      setAll(mark, postings(w), 4);
      if (last && w.length === 2) {
        setAll(mark, shortPrefixPostings(w), 2);
      } else if (last || w.length >= 4) {
        // Frequent terms come first, so a short prefix often reaches every document early.
        var prefixed = prefixTerms(w), reached = 0;
        for (var p = 0; p < prefixed.length && reached < n; p++) {
          var ids = postings(prefixed[p]);
          for (k = 0; k < ids.length; k++) {
            d = ids[k];
            if (!(mark[d] & 2)) { reached++; mark[d] |= 2; }
          }
        }
      }
      // The word in a title, heading or summary counts only for a document every earlier word
      // reached and this one's postings did not: when those are few, only they are looked at.
      var unreached = 0;
      for (d = 0; d < n; d++) if (count[d] === i && !mark[d]) open[unreached++] = d;
      markContaining(columns.meta, w, open, unreached, mark, 1, 0);
      for (d = 0; d < n; d++) if (count[d] === i && mark[d]) count[d] = i + 1;
      marks.push(mark);
    }
    var matched = [];
    for (d = 0; d < n; d++) {
      if (count[d] !== words.length) continue;
      var doc = docs[d];
      if ((level && doc.level !== level) || (topic && doc.topic !== topic)) continue;
      matched.push(d);
    }
    var match = { marks: marks, found: new Uint8Array(n), titleWords: new Uint8Array(n) }, scored = matched;
    if (matched.length) {
      markContaining(columns.titlePhrase, exact, matched, matched.length, match.found, 1, 2);
      var inTitle = new Uint8Array(n);
      words.forEach(function (w) {
        inTitle.fill(0);
        markContaining(columns.title, w, matched, matched.length, inTitle, 1, 0);
        for (var c = 0; c < matched.length; c++) match.titleWords[matched[c]] += inTitle[matched[c]];
      });
      scored = contenders(matched, match, words.length, limit || 50);
      markContaining(columns.headingPhrase, exact, scored, scored.length, match.found, 4, 0);
      markContaining(columns.summaryPhrase, exact, scored, scored.length, match.found, 8, 0);
    }
    var results = best(scored, scoreAll(scored, match, words.length), limit || 50).map(function (id) {
      var doc = docs[id];
      var heading = doc.headingList.filter(function (h) { return words.some(function (w) { return h.toLowerCase().indexOf(w) >= 0; }); })[0];
      return { kind: doc.kind, title: doc.title, url: doc.url, snippet: heading ? heading + " — " + doc.summary : doc.summary, words: words.concat([q]) };
    });
    return { total: matched.length, results: results };
  }
  // Sets `bit` in out[d] for each document d in the id set `ids`.
  function setAll(out, ids, bit) { for (var k = 0; k < ids.length; k++) out[ids[k]] |= bit; }
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
    // The first screenful is written at once, the rest of the 50 in idle time, a few at a
    // time, so a keystroke never waits for results below the fold; the next keystroke drops
    // what is still waiting. The status line names the counts once the list is complete.
    var FIRST = 10, CHUNK = 10, rendering = 0;
    var later = window.requestIdleCallback || function (f) { return setTimeout(f, 1); };
    function items(found, from, to, mark) {
      var html = "";
      for (var i = from; i < to; i++) {
        var r = found[i];
        html += '<li><span class="search-kind">' + escapeHTML(t("kind_" + r.kind.replace(/ /g, "_"))) + '</span><a href="' + escapeHTML(root + r.url) + '">' +
          mark(r.title) + '</a><p class="search-snippet">' + mark(r.snippet) + "</p></li>";
      }
      return html;
    }
    function run() {
      loadIndex(function () {
        var answer = search(input.value, level.value, topic.value), found = answer.results;
        var mark = marker(found.length ? found[0].words : []), shown = Math.min(FIRST, found.length), turn = ++rendering;
        var summary = input.value.trim() ? UI.results(found.length, answer.total) : t("search_type");
        list.innerHTML = items(found, 0, shown, mark);
        function more() {
          if (turn !== rendering) return;
          list.insertAdjacentHTML("beforeend", items(found, shown, Math.min(shown + CHUNK, found.length), mark));
          shown = Math.min(shown + CHUNK, found.length);
          if (shown < found.length) later(more); else status(summary);
        }
        if (shown < found.length) later(more); else status(summary);
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
        var answer = search(input.value, "", "", 8), mark = marker(answer.results.length ? answer.results[0].words : []);
        list.innerHTML = answer.results.map(function (r, i) {
          return '<li role="option" id="site-search-option-' + i + '" aria-selected="false" data-url="' + escapeHTML(root + r.url) + '">' +
            '<span class="search-kind">' + escapeHTML(r.kind) + "</span> " + mark(r.title) + "</li>";
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
  // Measured once at load, in what a reveal shows (setupReveal calls it: a hidden formula has
  // no width) and after a resize; never on every click.
  var FORMULAS = ".katex:not(.katex-display > .katex)";
  function markWideFormulas(within) {
    var formulas = within.querySelectorAll(FORMULAS);
    for (var i = 0; i < formulas.length; i++) {
      var k = formulas[i], wide = k.scrollWidth > k.clientWidth;
      if (wide && !k.hasAttribute("tabindex")) k.setAttribute("tabindex", "0");
      else if (!wide && k.getAttribute("tabindex") === "0") k.removeAttribute("tabindex");
    }
  }
  function setupWideFormulas() {
    if (!document.querySelector(FORMULAS)) return;
    var timer;
    window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(function () { markWideFormulas(document); }, 150); });
    // A <details> opened shows what was hidden too (toggle does not bubble: listen in capture).
    document.addEventListener("toggle", function (event) { if (event.target.open) markWideFormulas(event.target); }, true);
    markWideFormulas(document);
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
