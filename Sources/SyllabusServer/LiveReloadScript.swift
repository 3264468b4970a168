/// The script `serve` adds to every page: it listens on the live-reload WebSocket, reloads
/// when a newer site is in place, and shows build errors over the last good page.
enum LiveReloadScript {
  static let source = #"""
(function () {
  "use strict";
  var me = document.currentScript;
  var pageVersion = parseInt(new URL(me.src).searchParams.get("v") || "0", 10);
  var overlay = null;
  function escapeHTML(s) { return String(s).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; }); }
  function showErrors(list, heading) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "syllabus-build-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:99999;" +
        "background:#2b0b0b;color:#ffe9e9;font:14px/1.5 ui-monospace,monospace;padding:12px 16px;border-top:4px solid #ff6b6b";
      document.body.appendChild(overlay);
    }
    overlay.innerHTML = "<strong>" + heading + "</strong><ul style=\"margin:.5em 0 0;padding-left:1.2em\">" +
      list.map(function (d) { return "<li>" + escapeHTML((d.file ? d.file + ":" + d.line + ":" + d.column + ": " : "") + d.severity + ": " + d.message) + "</li>"; }).join("") + "</ul>";
  }
  function clearErrors() { if (overlay) { overlay.remove(); overlay = null; } }
  function connect() {
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__syllabus/live");
    socket.onmessage = function (event) {
      var state = JSON.parse(event.data);
      var errors = state.diagnostics.filter(function (d) { return d.severity === "error"; });
      if (state.failing) { showErrors(errors, "Build failed: the page below is the last good build."); return; }
      if (state.version > pageVersion) { location.reload(); return; }
      // Errors on a site that built: a file made on request (the Anki deck) failed.
      if (errors.length) { showErrors(errors, "Part of this build failed: the page below is current, but:"); return; }
      clearErrors();
    };
    socket.onclose = function () { setTimeout(connect, 1000); };
  }
  connect();
})();
"""#
}
