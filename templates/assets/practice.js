/* Syllabus practice mode: self-assessment, spaced-repetition flashcards, the 60-second drill,
   mock interviews and progress ticks. It reads the guide from window.SYLLABUS_PRACTICE
   (assets/practice-data.js, a script because fetch is blocked on file://) and keeps the
   reader's state in localStorage. No framework, no build step; every page it touches reads
   fine without it. Sections: clock, state, schedule, decks, helpers, then one per feature. */
(function () {
  "use strict";
  if (!document.body) return;
  const data = window.SYLLABUS_PRACTICE;
  const root = document.body.getAttribute("data-root") || "";
  const $ = (id) => document.getElementById(id);

  // ---- Clock. Dates are local calendar days ("2026-01-15"). Tests set the day with
  // window.SYLLABUS_NOW or ?now=2026-01-15 (any Date string works); timers use the real clock.
  function now() {
    const forced = window.SYLLABUS_NOW || new URLSearchParams(location.search).get("now");
    const d = forced ? new Date(/^\d{4}-\d\d-\d\d$/.test(forced) ? forced + "T12:00:00" : forced) : new Date();
    return isNaN(d) ? new Date() : d;
  }
  const pad = (n) => String(n).padStart(2, "0");
  const dayOf = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const today = () => dayOf(now());
  const parseDay = (s) => { const [y, m, d] = s.split("-").map(Number); return new Date(y, m - 1, d, 12); };
  const addDays = (day, n) => { const d = parseDay(day); d.setDate(d.getDate() + n); return dayOf(d); };
  const daysBetween = (a, b) => Math.round((parseDay(b) - parseDay(a)) / 864e5);
  // Every reader-visible string comes from the guide's strings table (see app.js).
  const { t, count } = window.syllabusText || { t: (key) => key, count: (key, n) => `${n} ${key}` };
  const inDays = (n) => (n <= 0 ? t("p_today") : n === 1 ? t("p_tomorrow") : count("p_in_days", n));
  const clock = (s) => `${Math.floor(s / 60)}:${pad(s % 60)}`;
  /** A note at the top of each practice page: what does not work here, and why. */
  const note = (text) => document.querySelectorAll(".practice-app, .practice-dashboard").forEach((el) => {
    const p = document.createElement("p");
    p.className = "practice-note";
    p.textContent = text;
    el.prepend(p);
  });
  // Without its data (assets/practice-data.js missing or broken) no exercise can run; the
  // pages say so rather than showing controls that do nothing.
  if (!data) {
    const missing = () => note(t("p_no_data"));
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", missing); else missing();
    return;
  }

  // ---- State: one JSON object per guide in localStorage; exports are the same object.
  // Version 2 added `settings` (the schedule and desired retention) and each card's FSRS memory
  // (`s` stability in days, `d` difficulty 1–10); a version 1 state or export is migrated on load.
  const SCHEMA = "syllabus-practice", VERSION = 2, KEY = `${SCHEMA}:${data.guide}`;
  const SETTINGS = () => ({ schedule: "checkpoints", retention: 0.9 });
  const blank = () => ({ schema: SCHEMA, version: VERSION, guide: data.guide, settings: SETTINGS(), assessments: [], cards: {}, seen: {}, done: {}, drills: [], mocks: [] });
  const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const isDay = (v) => typeof v === "string" && /^\d{4}-\d\d-\d\d$/.test(v);
  const isInt = (v, lo, hi = Infinity) => Number.isInteger(v) && v >= lo && v <= hi;
  const isNum = (v, lo, hi) => typeof v === "number" && v >= lo && v <= hi;
  const all = (o, test) => Object.keys(o).every((k) => test(o[k]));
  const isItem = (i) => isObj(i) && typeof i.key === "string" && isInt(i.grade, 1, 4) && isInt(i.seconds, 0);
  const RETENTION = { min: 0.7, max: 0.99 };
  const isSettings = (v) => isObj(v) && (v.schedule === "checkpoints" || v.schedule === "fsrs") && isNum(v.retention, RETENTION.min, RETENTION.max);
  // FSRS memory is optional: cards graded before version 2 have none until their next review.
  const isMemory = (c) => (c.s === undefined && c.d === undefined) || (isNum(c.s, 0.001, 1e6) && isNum(c.d, 1, 10));
  /** A version 1 state as version 2: the guide's checkpoints, default retention, no FSRS memory yet. */
  const migrate = (s) => (isObj(s) && s.schema === SCHEMA && s.version === 1 ? Object.assign({}, s, { version: 2, settings: SETTINGS() }) : s);

  /** Why `s` is not a practice state of this guide, or "" when it is one (after migration). */
  function problem(s) {
    if (!isObj(s) || s.schema !== SCHEMA) return t("p_not_export");
    if (s.version !== VERSION) return t("p_version", { version: s.version, expected: VERSION });
    if (s.guide !== data.guide) return t("p_other_guide", { guide: s.guide });
    const ok = isSettings(s.settings)
      && Array.isArray(s.assessments) && s.assessments.every((a) => isObj(a) && isDay(a.date) && isObj(a.ratings) && all(a.ratings, (r) => isInt(r, 1, 99)))
      && isObj(s.cards) && all(s.cards, (c) => isObj(c) && isInt(c.step, 0) && isDay(c.due) && isDay(c.last) && isInt(c.reps, 1) && isMemory(c))
      && isObj(s.seen) && all(s.seen, (v) => isObj(v) && isInt(v.n, 1) && isInt(v.grade, 1, 4) && isDay(v.date))
      && isObj(s.done) && all(s.done, isDay)
      && Array.isArray(s.drills) && s.drills.every((d) => isItem(d) && isDay(d.date))
      && Array.isArray(s.mocks) && s.mocks.every((m) => isObj(m) && isDay(m.date) && typeof m.path === "string" && Array.isArray(m.items) && m.items.every(isItem));
    return ok ? "" : t("p_damaged");
  }
  // A stored state that cannot be read (not JSON, damaged, a newer version) is never dropped
  // without a word: its text is copied to KEY:unreadable, which saving never touches, and each
  // practice page says so. If even that copy cannot be stored, this page saves nothing.
  const ASIDE = KEY + ":unreadable";
  let unreadable = "";  // "" (the state was fine or absent), "kept" or "frozen"
  function load() {
    let raw = null;
    try { raw = localStorage.getItem(KEY); } catch (e) { /* storage blocked: init() says so */ }
    if (raw === null) return blank();
    try {
      const s = migrate(JSON.parse(raw));
      if (s && !problem(s)) return s;
    } catch (e) { /* not JSON: set aside below */ }
    try { localStorage.setItem(ASIDE, raw); unreadable = "kept"; } catch (e) { unreadable = "frozen"; }
    return blank();
  }
  let state = load();
  const save = () => {
    if (unreadable === "frozen") return false;
    try { localStorage.setItem(KEY, JSON.stringify(state)); return true; } catch (e) { return false; }
  };
  const storageWorks = (() => { try { localStorage.setItem(KEY + ":probe", "1"); localStorage.removeItem(KEY + ":probe"); return true; } catch (e) { return false; } })();

  // ---- Schedule. A card stands on a step of review_days. Again → first step; hard → same
  // step; good → next step; easy → two steps on (the last step repeats). The card is due its
  // step's days after this review, and at least one day later, so "again" means tomorrow.
  // Every review also updates the card's FSRS memory (below), so the reader can switch to the
  // adaptive schedule at any time; `due` always holds the checkpoint date.
  const DAYS = data.review_days && data.review_days.length ? data.review_days : [0, 3, 7, 14, 21];
  const DUE_TODAY = t("p_due_today_slot"), LATER = t("p_later");
  const GRADES = ["grade_again", "grade_hard", "grade_good", "grade_easy"].map((key) => t(key));
  function nextStep(card, grade) {
    const step = card ? Math.min(card.step, DAYS.length - 1) : 0;
    return grade === 1 ? 0 : Math.min(DAYS.length - 1, step + grade - 2);
  }
  function review(card, grade, day) {
    const memory = FSRS.remember(card, grade, card ? daysBetween(card.last, day) : 0);
    return { step: nextStep(card, grade), last: day, due: addDays(day, Math.max(1, DAYS[nextStep(card, grade)])), reps: (card ? card.reps : 0) + 1, s: memory.s, d: memory.d };
  }
  /** When a card is due under the reader's schedule; FSRS needs the card's memory. */
  function dueOf(card, settings = state.settings) {
    return settings.schedule === "fsrs" && card.s !== undefined ? addDays(card.last, FSRS.interval(card.s, settings.retention)) : card.due;
  }
  /** Days until a card graded `grade` today comes back, as the grade buttons announce it. */
  const waitDays = (card, grade) => daysBetween(today(), dueOf(review(card, grade, today())));
  const isDue = (key) => state.cards[key] && dueOf(state.cards[key]) <= today();
  /** Every exercise records its latest grade of a question, for the chapter statistics. */
  function practised(key, grade) {
    state.seen[key] = { n: ((state.seen[key] || {}).n || 0) + 1, grade, date: today() };
  }

  // ---- FSRS-6 (the Free Spaced Repetition Scheduler), with its published default parameters, in
  // whole days: no same-day learning steps and no fuzz, as this page never shows a card twice in a
  // day. Stability S is the days until recall falls to 90%; difficulty D runs from 1 to 10.
  // Tests/browser/test_fsrs.py checks these intervals against the `fsrs` package from PyPI.
  const FSRS = (() => {
    const w = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
      1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542];
    const DECAY = -w[20], FACTOR = Math.pow(0.9, 1 / DECAY) - 1, MAX_DAYS = 36500;
    const e = (x) => Math.pow(Math.E, x);  // as the reference writes it, so results agree to the bit
    const clampD = (d) => Math.min(10, Math.max(1, d));
    const clampS = (s) => Math.max(0.001, s);
    const initialD = (g) => w[4] - e(w[5] * (g - 1)) + 1;
    // Python's round(): halves go to the even neighbour.
    const roundHalfEven = (x) => { const f = Math.floor(x), r = x - f; return r > 0.5 || (r === 0.5 && f % 2 !== 0) ? f + 1 : f; };
    const recall = (s, days) => Math.pow(1 + FACTOR * days / s, DECAY);
    function nextD(d, g) {
      const delta = -w[6] * (g - 3), damped = d + (10 - d) * delta / 9;
      return clampD(w[7] * initialD(4) + (1 - w[7]) * damped);
    }
    function nextS(d, s, r, g) {
      if (g === 1) {
        const long = w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1) * e((1 - r) * w[14]);
        return clampS(Math.min(long, s / e(w[17] * w[18])));
      }
      const hard = g === 2 ? w[15] : 1, easy = g === 4 ? w[16] : 1;
      return clampS(s * (1 + e(w[8]) * (11 - d) * Math.pow(s, -w[9]) * (e((1 - r) * w[10]) - 1) * hard * easy));
    }
    function shortTermS(s, g) {
      let grow = e(w[17] * (g - 3 + w[18])) * Math.pow(s, -w[19]);
      if (g > 1) grow = Math.max(grow, 1);
      return clampS(s * grow);
    }
    return {
      /** The memory after grading `grade` (1–4) `elapsed` days after the last review. */
      remember(card, grade, elapsed) {
        if (!card || card.s === undefined) return { s: clampS(w[grade - 1]), d: clampD(initialD(grade)) };
        const s = elapsed < 1 ? shortTermS(card.s, grade) : nextS(card.d, card.s, recall(card.s, elapsed), grade);
        return { s, d: nextD(card.d, grade) };
      },
      /** Whole days until recall is expected to fall to `retention`. */
      interval(s, retention) {
        const days = roundHalfEven((s / FACTOR) * (Math.pow(retention, 1 / DECAY) - 1));
        return Math.min(MAX_DAYS, Math.max(1, days));
      },
    };
  })();
  // The schedule as the flashcards run it, for Tests/browser/test_fsrs.py and the curious.
  window.SYLLABUS_SCHEDULE = Object.freeze({ review, dueOf });

  // ---- Guide data and decks ("all", "topic:id", "level:id", "path:id", "tag:slug").
  const topics = {}, questions = {};
  data.topics.forEach((t) => { topics[t.id] = t; });
  data.questions.forEach((q) => { questions[q.key] = q; });
  const levelTitle = (id) => (data.levels.find((l) => l.id === id) || { title: id }).title;
  function deck(value) {
    const cut = value.indexOf(":"), kind = value.slice(0, cut), id = value.slice(cut + 1);
    const test = { topic: (q) => q.topic === id, level: (q) => q.level === id, path: (q) => q.roles.includes(id), tag: (q) => q.tags.includes(id) }[kind];
    return test ? data.questions.filter(test) : data.questions.slice();
  }
  /** Preselects a deck from ?deck= and keeps the status line under it current. */
  function deckPicker(select, onChange) {
    const wanted = new URLSearchParams(location.search).get("deck");
    if (wanted && select.querySelector(`option[value="${CSS.escape(wanted)}"]`)) select.value = wanted;
    select.addEventListener("change", onChange);
    onChange();
  }
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  function shuffle(list) {
    for (let i = list.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [list[i], list[j]] = [list[j], list[i]]; }
    return list;
  }

  // ---- Helpers for building the pages.
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const link = (url, text) => `<a href="${esc(root + url)}">${esc(text)}</a>`;
  const text = (id, value) => { const el = $(id); if (el) el.textContent = value; };
  const plural = (n, noun) => count("p_" + noun.replace(/ /g, "_"), n);
  const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
  const gradeWords = (avg) => t("p_grade_words", { avg: avg.toFixed(1), grade: GRADES[Math.round(avg) - 1].toLowerCase() });
  function message(id, value, error) {
    const el = $(id);
    if (!el) return;
    el.textContent = value;
    el.classList.toggle("is-error", !!error);
  }
  /** The must-include points of a question's chapter, or a hint to compare with the short answer. */
  function checklist(listId, q) {
    const points = topics[q.topic].must_include;
    $(listId).innerHTML = points.length ? points.map((p) => `<li>${esc(p)}</li>`).join("") : `<li>${esc(t("p_no_checklist"))}</li>`;
  }
  /** A countdown of `seconds` shown in `label` and `bar`; calls `onEnd` at zero. */
  function countdown(label, bar, seconds, onEnd, announce) {
    const start = Date.now();
    let warned = false, over = false;
    bar.max = seconds;
    const tick = () => {
      const left = Math.max(0, seconds - Math.floor((Date.now() - start) / 1000));
      label.textContent = clock(left);
      bar.value = left;
      if (left <= 10 && !warned && seconds > 20) { warned = true; announce(t("p_ten_seconds")); }
      if (left === 0 && !over) { over = true; stop(); onEnd(); }
    };
    const id = setInterval(tick, 250);
    const stop = () => { clearInterval(id); return Math.min(seconds, Math.round((Date.now() - start) / 1000)); };
    tick();
    return { stop };
  }
  function gradeButtons(container, onGrade) {
    container.querySelectorAll("[data-grade]").forEach((b) => b.addEventListener("click", () => onGrade(Number(b.dataset.grade))));
  }

  // ---- Dashboard: due cards, latest score and progress bars (hub and home page).
  function progressBar(el, done, total, noun) {
    const bar = el.querySelector("progress");
    bar.max = Math.max(1, total);
    bar.value = done;
    el.querySelector(".progress-text").textContent = t("p_progress", { done, total, what: t(noun) });
  }
  function setupDashboard() {
    const due = data.questions.filter((q) => isDue(q.key)).length;
    const fresh = data.questions.filter((q) => !state.cards[q.key]).length;
    const last = state.assessments[state.assessments.length - 1];
    const values = {
      due: String(due), new: String(fresh),
      score: last ? t("p_score_on", { score: score(last.ratings), max: data.scale.length * data.topics.length, date: last.date }) : t("not_taken"),
      sessions: state.drills.length + state.mocks.length ? `${plural(state.drills.length, "drill")}, ${plural(state.mocks.length, "mock interview")}` : t("none_yet"),
    };
    document.querySelectorAll("[data-practice]").forEach((el) => { if (el.dataset.practice in values) el.textContent = values[el.dataset.practice]; });
    document.querySelectorAll("[data-progress=chapters]").forEach((el) => progressBar(el, data.topics.filter((t) => state.done[t.id]).length, data.topics.length, "p_chapters_word"));
    document.querySelectorAll("[data-progress=questions]").forEach((el) => progressBar(el, data.questions.filter((q) => state.seen[q.key]).length, data.questions.length, "p_questions_word"));
  }

  // ---- Path pages: a checkbox per week and per chapter, and the path's progress bar.
  function setupPath() {
    const page = document.querySelector("article.path[data-path]");
    const path = page && data.paths.find((p) => p.id === page.dataset.path);
    if (!path) return;
    const ids = [...new Set(path.weeks.flatMap((w) => w.topics))];
    const bar = page.querySelector("[data-progress=path]");
    const weekBoxes = [];
    function refresh() {
      page.querySelectorAll("input[data-topic]").forEach((box) => { box.checked = !!state.done[box.dataset.topic]; });
      weekBoxes.forEach(({ box, week }) => {
        const n = week.topics.filter((id) => state.done[id]).length;
        box.checked = n === week.topics.length;
        box.indeterminate = n > 0 && n < week.topics.length;
      });
      if (bar) progressBar(bar, ids.filter((id) => state.done[id]).length, ids.length, "p_chapters_done_word");
    }
    function mark(list, on) {
      list.forEach((id) => { if (on) state.done[id] = today(); else delete state.done[id]; });
      save();
      refresh();
    }
    page.querySelectorAll(".weeks > .week").forEach((li, i) => {
      const week = path.weeks[i];
      if (!week) return;
      const heading = li.querySelector("h3");
      const label = document.createElement("label");
      label.className = "check week-check";
      label.innerHTML = `<input type="checkbox"> <span>Week ${esc(week.week)} done</span>`;
      heading.after(label);
      const box = label.querySelector("input");
      box.addEventListener("change", () => mark(week.topics, box.checked));
      weekBoxes.push({ box, week });
      li.querySelectorAll(".week-topics li").forEach((item) => {
        const a = item.querySelector("a");
        const topic = a && data.topics.find((t) => a.getAttribute("href") === root + t.url);
        if (!topic) return;
        const check = document.createElement("label");
        check.className = "check";
        check.innerHTML = `<input type="checkbox" data-topic="${esc(topic.id)}"><span class="visually-hidden">${esc(t("p_done_title", { title: topic.title }))}</span>`;
        item.prepend(check);
        check.querySelector("input").addEventListener("change", (e) => mark([topic.id], e.target.checked));
      });
    });
    refresh();
  }

  // ---- Chapter pages: practised N of M, average grade, a done tick and a link to its deck.
  function setupChapter() {
    const box = document.querySelector("[data-practice=chapter]");
    const topic = box && data.topics.find((t) => location.pathname.endsWith("/" + t.url));
    if (!topic) return;
    const qs = data.questions.filter((q) => q.topic === topic.id);
    const grades = qs.filter((q) => state.seen[q.key]).map((q) => state.seen[q.key].grade);
    const due = qs.filter((q) => isDue(q.key)).length;
    const deckURL = `${root}practice/flashcards.html?deck=${encodeURIComponent("topic:" + topic.id)}`;
    const average = grades.length ? t("p_average", { grade: gradeWords(mean(grades)) }) : "";
    box.innerHTML = `<p><strong>${esc(t("p_practised", { done: grades.length, total: qs.length }))}</strong>${esc(average)}${due ? esc(t("p_due_today", { cards: plural(due, "card") })) : ""}.
      <a href="${esc(deckURL)}">${esc(t("p_review_chapter"))}</a></p>
      <label class="check"><input type="checkbox" id="chapter-done"${state.done[topic.id] ? " checked" : ""}> ${esc(t("p_studied"))}</label>`;
    $("chapter-done").addEventListener("change", (e) => {
      if (e.target.checked) state.done[topic.id] = today(); else delete state.done[topic.id];
      save();
    });
  }

  // ---- Self-assessment: score, band, weakest chapters, a recommended path, and the change
  // since the first take ("Day 0"). A retake on the same day replaces that day's ratings.
  const score = (ratings) => data.topics.reduce((sum, t) => sum + (ratings[t.id] || 0), 0);
  function recommend(ratings) {
    const top = data.scale.length;
    let best = null;
    data.paths.forEach((p) => {
      const ids = [...new Set(p.weeks.flatMap((w) => w.topics))];
      const gap = ids.reduce((sum, id) => sum + top - (ratings[id] || 1), 0) / Math.max(1, ids.length);
      if (!best || gap > best.gap) best = { path: p, gap };
    });
    return best && best.path;
  }
  function resultHTML(entry) {
    const total = score(entry.ratings), top = data.scale.length, max = top * data.topics.length;
    const band = data.bands.find((b) => total >= b.min);
    const ranked = data.topics.slice().sort((a, b) => entry.ratings[a.id] - entry.ratings[b.id] || a.order - b.order);
    const weak = data.topics.filter((t) => entry.ratings[t.id] <= Math.floor(top / 2));
    const path = recommend(entry.ratings);
    const first = state.assessments[0];
    let html = `<p class="score"><strong id="assessment-score">${total}</strong> ${esc(t("p_out_of", { max }))} <span class="meta">${esc(t("p_on_date", { date: entry.date }))}</span></p>`;
    if (band) html += `<p class="band" id="assessment-band">${esc(band.advice)}</p>`;
    html += `<h3>${esc(t("p_recommended"))}</h3><ul id="assessment-recommendation">`;
    if (path) html += `<li>${t("p_rec_path", { path: link(path.url, path.title) })}</li>`;
    html += weak.length ? `<li>${t("p_rec_start", { number: weak[0].order, chapter: link(weak[0].url, weak[0].title) })}</li>`
      : `<li>${esc(t("p_rec_timed"))}</li>`;
    html += `</ul><h3>${esc(t("p_weakest"))}</h3><ol class="weakest">`;
    html += ranked.map((t) => `<li>${link(t.url, t.title)} <span class="meta">${entry.ratings[t.id]} · ${esc(data.scale[entry.ratings[t.id] - 1] || "")}</span></li>`).join("") + "</ol>";
    if (first && first.date < entry.date) {
      const day = daysBetween(first.date, entry.date), change = total - score(first.ratings);
      const signed = `${change >= 0 ? "+" : "−"}${plural(Math.abs(change), "point")}`;
      html += `<h3>${esc(t("p_since"))}</h3><p id="assessment-change">${esc(t("p_change", { first: first.date, firstScore: score(first.ratings), day, date: entry.date, total, change: signed }))}</p>`;
      html += `<table><thead><tr><th scope="col">${esc(t("deck_chapter"))}</th><th scope="col">${esc(t("p_day", { day: 0 }))}</th><th scope="col">${esc(t("p_day", { day }))}</th><th scope="col">${esc(t("p_change_col"))}</th></tr></thead><tbody>`;
      html += data.topics.map((t) => {
        const a = first.ratings[t.id] || 0, b = entry.ratings[t.id] || 0;
        return `<tr><th scope="row">${esc(t.title)}</th><td>${a}</td><td>${b}</td><td>${b > a ? "+" : b < a ? "−" : ""}${Math.abs(b - a)}</td></tr>`;
      }).join("") + "</tbody></table>";
    }
    return html;
  }
  function setupAssessment() {
    const form = $("assessment-form");
    if (!form) return;
    const result = $("assessment-result"), history = $("assessment-history");
    const radio = (id, value) => form.querySelector(`input[name="rate-${CSS.escape(id)}"]${value ? `[value="${value}"]` : ":checked"}`);
    function show(entry) {
      $("assessment-result-body").innerHTML = resultHTML(entry);
      result.hidden = false;
      const rows = state.assessments.map((a) => `<tr><td>${a.date}</td><td>${esc(t("p_day", { day: daysBetween(state.assessments[0].date, a.date) }))}</td><td>${score(a.ratings)}</td></tr>`);
      $("assessment-history-body").innerHTML = `<table><thead><tr><th scope="col">${esc(t("p_date_col"))}</th><th scope="col">${esc(t("p_day_col"))}</th><th scope="col">${esc(t("p_score_col"))}</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
      history.hidden = state.assessments.length < 2;
    }
    const latest = state.assessments[state.assessments.length - 1];
    if (latest) {
      data.topics.forEach((t) => { const r = radio(t.id, latest.ratings[t.id]); if (r) r.checked = true; });
      show(latest);
    }
    const print = $("assessment-print");
    if (print) print.addEventListener("click", () => window.print());
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const ratings = {}, missing = data.topics.filter((t) => { const r = radio(t.id); if (r) ratings[t.id] = Number(r.value); return !r; });
      if (missing.length) {
        message("assessment-message", t("p_rate_all", { left: plural(missing.length, "chapter"), title: missing[0].title }), true);
        radio(missing[0].id, 1).focus();
        return;
      }
      message("assessment-message", "");
      const entry = { date: today(), ratings };
      state.assessments = state.assessments.filter((a) => a.date !== entry.date).concat(entry).sort((a, b) => (a.date < b.date ? -1 : 1));
      save();
      show(entry);
      result.focus();
    });
  }

  // ---- Flashcards: due cards first (oldest due first), then new ones in study order.
  function setupFlashcards() {
    const form = $("deck-form");
    if (!form) return;
    const select = $("deck"), limit = $("new-limit"), card = $("card"), back = $("card-back");
    let queue = [], index = 0, done = [];
    const current = () => queue[index];
    function status() {
      const qs = deck(select.value);
      text("deck-status", t("p_deck_status", { due: qs.filter((q) => isDue(q.key)).length, fresh: qs.filter((q) => !state.cards[q.key]).length, cards: plural(qs.length, "card") }));
    }
    function upcoming() {
      const counts = {};
      Object.keys(state.cards).filter((k) => questions[k]).forEach((k) => {
        const due = dueOf(state.cards[k]), wait = Math.max(0, daysBetween(today(), due));
        const slot = wait === 0 ? DUE_TODAY : wait < 7 ? `${due} (${inDays(wait)})` : LATER;
        counts[slot] = (counts[slot] || 0) + 1;
      });
      const slots = Object.keys(counts).sort((a, b) => (a === DUE_TODAY ? -1 : b === DUE_TODAY ? 1 : a === LATER ? 1 : b === LATER ? -1 : a < b ? -1 : 1));
      $("upcoming").innerHTML = slots.length ? slots.map((s) => `<li>${esc(s)}: ${plural(counts[s], "card")}</li>`).join("") : `<li>${esc(t("p_no_cards"))}</li>`;
    }
    function showCard() {
      const q = current();
      text("card-meta", `${t("p_card_of", { n: index + 1, total: queue.length })} · ${state.cards[q.key] ? t("p_review") : t("p_new")} · ${topics[q.topic].title} · ${levelTitle(q.level)}`);
      text("card-question", q.title);
      back.hidden = true;
      $("card-show").hidden = false;
      card.hidden = false;
      $("card-question").focus();
    }
    function reveal() {
      const q = current();
      text("card-answer", q.tldr || t("p_no_tldr"));
      $("card-link").href = root + q.url;
      back.querySelectorAll("[data-grade]").forEach((b) => {
        b.querySelector(".grade-next").textContent = `· ${inDays(waitDays(state.cards[q.key], Number(b.dataset.grade)))}`;
      });
      $("card-show").hidden = true;
      back.hidden = false;
      back.focus();
    }
    function grade(g) {
      const q = current(), next = review(state.cards[q.key], g, today());
      state.cards[q.key] = next;
      practised(q.key, g);
      save();
      const due = dueOf(next);
      done.push({ q, g, due });
      text("card-status", t("p_next_review", { grade: GRADES[g - 1], title: q.title, due, when: inDays(daysBetween(today(), due)) }));
      index += 1;
      if (index < queue.length) showCard(); else finish();
    }
    function finish() {
      card.hidden = true;
      const counts = GRADES.map((name, i) => `${done.filter((d) => d.g === i + 1).length} ${name.toLowerCase()}`).join(", ");
      const items = done.map((d) => `<li>${link(d.q.url, d.q.title)} <span class="meta">${esc(t("p_next_on", { due: d.due }))}</span></li>`);
      $("card-done-body").innerHTML = `<p>${esc(t("p_reviewed", { cards: plural(done.length, "card"), grades: counts }))}</p><ul class="reviewed">${items.join("")}</ul>`;
      $("card-done").hidden = false;
      $("card-done-h").focus();
      upcoming();
      status();
    }
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const qs = deck(select.value);
      const due = qs.filter((q) => isDue(q.key)).sort((a, b) => (dueOf(state.cards[a.key]) < dueOf(state.cards[b.key]) ? -1 : 1));
      queue = due.concat(qs.filter((q) => !state.cards[q.key]).slice(0, Number(limit.value)));
      index = 0;
      done = [];
      if (!queue.length) { text("card-status", t("p_nothing")); return; }
      text("card-status", "");
      form.hidden = true;
      $("card-done").hidden = true;
      showCard();
    });
    $("card-show").addEventListener("click", reveal);
    gradeButtons(back, grade);
    $("card-stop").addEventListener("click", finish);
    $("card-again").addEventListener("click", () => { $("card-done").hidden = true; form.hidden = false; select.focus(); });
    document.addEventListener("keydown", (e) => {
      if (card.hidden || e.altKey || e.ctrlKey || e.metaKey || /INPUT|SELECT|TEXTAREA/.test(e.target.tagName)) return;
      if (!back.hidden && /^[1-4]$/.test(e.key)) { e.preventDefault(); grade(Number(e.key)); }
      else if (back.hidden && e.key === " " && !/BUTTON|A/.test(e.target.tagName)) { e.preventDefault(); reveal(); }
    });
    deckPicker(select, status);
    upcoming();
  }

  // ---- 60-second drill: a random question from the deck, a countdown, then the checklist.
  function setupDrill() {
    const app = $("drill"), form = $("drill-form");
    if (!form) return;
    const select = $("drill-deck"), run = $("drill-run"), check = $("drill-check");
    const seconds = () => Number(app.dataset.seconds) || 60;
    let q = null, timer = null, used = 0;
    const say = (s) => text("drill-status", s);
    function reveal(timeUp) {
      if (!check.hidden) return;
      used = timer.stop();
      $("drill-stop").hidden = true;
      checklist("drill-must", q);
      text("drill-answer", q.tldr ? `${t("tldr_label")} ${q.tldr}` : "");
      $("drill-link").href = root + q.url;
      check.hidden = false;
      if (timeUp) say(t("p_time_up"));
      check.focus();
    }
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      let qs = deck(select.value);
      if (q && qs.length > 1) qs = qs.filter((x) => x.key !== q.key);
      if (!qs.length) { say(t("p_no_selection")); return; }
      q = pick(qs);
      text("drill-meta", `${topics[q.topic].title} · ${levelTitle(q.level)}`);
      text("drill-question", q.title);
      check.hidden = true;
      $("drill-stop").hidden = false;
      form.hidden = true;
      run.hidden = false;
      say(t("p_drill_started", { n: seconds() }));
      $("drill-question").focus();
      timer = countdown($("drill-timer"), $("drill-bar"), seconds(), () => reveal(true), say);
    });
    $("drill-stop").addEventListener("click", () => reveal(false));
    gradeButtons(check, (g) => {
      state.drills = state.drills.concat({ date: today(), key: q.key, grade: g, seconds: used }).slice(-200);
      practised(q.key, g);
      save();
      run.hidden = true;
      form.hidden = false;
      say(t("p_drill_saved", { grade: GRADES[g - 1], time: clock(used) }));
      $("drill-start").focus();
    });
    deckPicker(select, () => text("drill-deck-status", t("p_draw_from", { questions: plural(deck(select.value).length, "question") })));
  }

  // ---- Mock interview: N questions from a path (and level), spread across its chapters.
  function setupMock() {
    const form = $("mock-form");
    if (!form) return;
    const run = $("mock-run"), check = $("mock-check"), summary = $("mock-summary");
    let items = [], index = 0, timer = null, session = null;
    const say = (s) => text("mock-status", s);
    const pool = () => data.questions.filter((q) => q.roles.includes($("mock-path").value) && (!$("mock-level").value || q.level === $("mock-level").value));
    function choose(count) {
      const byTopic = {};
      shuffle(pool()).forEach((q) => { (byTopic[q.topic] = byTopic[q.topic] || []).push(q); });
      const groups = shuffle(Object.values(byTopic)), chosen = [];
      while (chosen.length < count && groups.some((g) => g.length)) groups.forEach((g) => { if (g.length && chosen.length < count) chosen.push(g.pop()); });
      return chosen;
    }
    function ask() {
      const q = items[index].q;
      text("mock-meta", `${t("p_question_of", { n: index + 1, total: items.length })} · ${topics[q.topic].title} · ${levelTitle(q.level)}`);
      text("mock-question", q.title);
      check.hidden = true;
      $("mock-reveal").hidden = false;
      $("mock-question").focus();
      timer = countdown($("mock-timer"), $("mock-bar"), session.minutes * 60, () => reveal(true), say);
    }
    function reveal(timeUp) {
      if (!check.hidden) return;
      items[index].seconds = timer.stop();
      const q = items[index].q;
      checklist("mock-must", q);
      text("mock-answer", q.tldr ? `${t("tldr_label")} ${q.tldr}` : "");
      $("mock-reveal").hidden = true;
      check.hidden = false;
      if (timeUp) say(t("p_time_up_question"));
      check.focus();
    }
    function finish() {
      if (timer) timer.stop();
      run.hidden = true;
      const graded = items.filter((i) => i.grade);
      if (graded.length) {
        const record = { date: today(), path: session.path, level: session.level, items: graded.map((i) => ({ key: i.q.key, grade: i.grade, seconds: i.seconds })) };
        state.mocks = state.mocks.concat(record).slice(-100);
        save();
      }
      const weak = {};
      graded.filter((i) => i.grade <= 2).forEach((i) => { weak[i.q.topic] = (weak[i.q.topic] || 0) + 1; });
      const review = Object.keys(weak).sort((a, b) => weak[b] - weak[a] || topics[a].order - topics[b].order);
      const total = graded.reduce((s, i) => s + i.seconds, 0);
      const rows = graded.map((i) => `<tr><td>${link(i.q.url, i.q.title)}</td><td>${esc(topics[i.q.topic].title)}</td>
        <td>${GRADES[i.grade - 1]}</td><td>${clock(i.seconds)}</td></tr>`);
      const toReview = review.map((id) => `<li>${link(topics[id].url, topics[id].title)} <span class="meta">${plural(weak[id], "weak answer")}</span></li>`);
      $("mock-summary-body").innerHTML = !graded.length ? `<p>${esc(t("p_nothing_graded"))}</p>` : `
        <p id="mock-score">${esc(t("p_mock_score", { questions: plural(graded.length, "question"), time: clock(total), grade: gradeWords(mean(graded.map((i) => i.grade))) }))}</p>
        <table><thead><tr><th scope="col">${esc(t("p_question_col"))}</th><th scope="col">${esc(t("deck_chapter"))}</th><th scope="col">${esc(t("p_grade_col"))}</th><th scope="col">${esc(t("p_time_col"))}</th></tr></thead>
        <tbody>${rows.join("")}</tbody></table>
        <h3>${esc(t("p_to_review"))}</h3>
        ${toReview.length ? `<ul id="mock-review">${toReview.join("")}</ul>` : `<p id="mock-review">${esc(t("p_none_weak"))}</p>`}`;
      summary.hidden = false;
      summary.focus();
    }
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      session = { path: $("mock-path").value, level: $("mock-level").value, minutes: Number($("mock-minutes").value) };
      items = choose(Number($("mock-count").value)).map((q) => ({ q, grade: 0, seconds: 0 }));
      if (!items.length) { say(t("p_no_match")); return; }
      say("");
      index = 0;
      form.hidden = true;
      summary.hidden = true;
      run.hidden = false;
      ask();
    });
    $("mock-reveal").addEventListener("click", () => reveal(false));
    gradeButtons(check, (g) => {
      items[index].grade = g;
      practised(items[index].q.key, g);
      save();
      index += 1;
      if (index < items.length) ask(); else finish();
    });
    $("mock-end").addEventListener("click", finish);
    $("mock-again").addEventListener("click", () => { summary.hidden = true; form.hidden = false; $("mock-path").focus(); });
    const update = () => text("mock-status-line", t("p_match", { questions: plural(pool().length, "question") }));
    ["mock-path", "mock-level"].forEach((id) => $(id).addEventListener("change", update));
    update();
  }

  // ---- Schedule setting (hub page): the guide's checkpoints or FSRS, and the desired retention.
  // Its reader-visible strings (issue 17) are the two messages in change(), kept together here.
  let showSettings = () => {};  // puts the stored setting into the form, after an import or delete
  function setupSchedule() {
    const form = $("schedule-form");
    if (!form) return;
    const retention = $("retention");
    retention.min = RETENTION.min;
    retention.max = RETENTION.max;
    showSettings = () => {
      form.querySelector(`input[name=schedule][value="${state.settings.schedule}"]`).checked = true;
      retention.value = state.settings.retention;
    };
    showSettings();
    function change() {
      const chosen = form.querySelector("input[name=schedule]:checked").value, r = Number(retention.value);
      if (!isNum(r, RETENTION.min, RETENTION.max)) {
        message("schedule-message", t("p_retention_range", { min: RETENTION.min, max: RETENTION.max, kept: state.settings.retention }), true);
        return;
      }
      state.settings = { schedule: chosen, retention: r };
      save();
      setupDashboard();
      const due = data.questions.filter((q) => isDue(q.key)).length;
      message("schedule-message", t(chosen === "fsrs" ? "p_schedule_fsrs" : "p_schedule_checkpoints", { retention: r, due: plural(due, "card") }));
    }
    form.addEventListener("change", change);
    form.addEventListener("submit", (e) => { e.preventDefault(); change(); });
  }

  // ---- Export and import (hub page). Import checks the schema, version and guide first and
  // leaves the stored progress alone when the file is refused.
  function setupData() {
    const exporter = $("practice-export");
    if (!exporter) return;
    const say = (s, error) => message("practice-message", s, error);
    exporter.addEventListener("click", () => {
      const blob = new Blob([JSON.stringify(Object.assign({}, state, { exported: now().toISOString() }), null, 2)], { type: "application/json" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${data.guide}-progress-${today()}.json`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      say(t("p_exported", { file: a.download }));
    });
    const input = $("practice-import");
    input.addEventListener("change", () => {
      const file = input.files[0];
      input.value = "";
      if (!file) return;
      if (file.size > 5e6) { say(t("p_too_large"), true); return; }
      file.text().then((raw) => {
        let parsed;
        try { parsed = JSON.parse(raw); } catch (e) { say(t("p_not_json"), true); return; }
        parsed = migrate(parsed);
        const why = problem(parsed);
        if (why) { say(t("p_refused", { why }), true); return; }
        state = blank();
        Object.keys(state).forEach((k) => { state[k] = parsed[k]; });
        save();
        setupDashboard();
        showSettings();
        say(t("p_imported", { cards: plural(Object.keys(state.cards).length, "card"), assessments: plural(state.assessments.length, "assessment"), chapters: plural(Object.keys(state.done).length, "finished chapter") }));
      }, () => say(t("p_unreadable"), true));
    });
    const confirm = $("practice-confirm");
    $("practice-clear").addEventListener("click", () => { confirm.hidden = false; $("practice-clear-no").focus(); });
    $("practice-clear-no").addEventListener("click", () => { confirm.hidden = true; $("practice-clear").focus(); });
    $("practice-clear-yes").addEventListener("click", () => {
      // "Delete" means all of it: the set-aside copy of an unreadable state too.
      try { localStorage.removeItem(ASIDE); } catch (e) { /* storage blocked: nothing was kept */ }
      unreadable = "";
      state = blank();
      save();
      confirm.hidden = true;
      setupDashboard();
      showSettings();
      say(t("p_deleted"));
      $("practice-clear").focus();
    });
  }

  function init() {
    if (!storageWorks) note(t("p_no_storage"));
    if (unreadable === "kept") note(t("p_state_set_aside", { key: ASIDE }));
    if (unreadable === "frozen") note(t("p_state_unsaved"));
    setupDashboard();
    setupPath();
    setupChapter();
    setupAssessment();
    setupFlashcards();
    setupDrill();
    setupMock();
    setupSchedule();
    setupData();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
