/* Syllabus reader script: progressive enhancement only. Every page reads fine without it. */
(function () {
  "use strict";
  var doc = document.documentElement;

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
      button.textContent = dark ? "Light theme" : "Dark theme";
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
    answerButton.textContent = "Show the answer";
    var shown = 0;
    hints.forEach(function (h) { h.hidden = true; });
    function refresh() {
      hintButton.hidden = shown >= hints.length;
      hintButton.textContent = "Show hint " + (shown + 1) + " of " + hints.length;
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
    if (hints.length) bar.appendChild(hintButton);
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

  // Keyboard: ← / → previous and next page in study order.
  function setupKeys() {
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var tag = (event.target && event.target.tagName) || "";
      if (/INPUT|TEXTAREA|SELECT/.test(tag) || (event.target && event.target.isContentEditable)) return;
      var link = null;
      if (event.key === "ArrowLeft") link = document.querySelector(".pager-prev");
      if (event.key === "ArrowRight") link = document.querySelector(".pager-next");
      if (link) { event.preventDefault(); window.location.href = link.href; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupTheme();
    setupReveal();
    setupKeys();
  });
})();
