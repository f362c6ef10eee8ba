/* No blank page: a watchdog for every course page, from the first byte of the page to the end of the visit.
 *
 * Loaded at the top of <body>, before the cells stream in. It
 *  - tells a waiting visitor when the page takes longer than usual (many visitors at once);
 *  - when the page has arrived, checks that it holds the app (a widget view, no error) and that the widgets
 *    appear; if not, it says so (role=alert), frees the page's kernel and reloads once with a fresh one, and
 *    offers a button if that does not help either;
 *  - while the page is open, asks the server every few seconds whether the page's kernel still lives, and says so
 *    with a reload button when it does not (nothing the participant saved is lost: saving is immediate).
 */
(function () {
  "use strict";
  var TEXTS = {
    loading: "Sidan laddas …",
    slow: "Det är många som använder kursen just nu – sidan kommer strax …",
    retrying: "Sidan blev inte klar. Den laddas om med en ny kärna …",
    failed: "Sidan kunde inte laddas. Försök igen om en stund – det du har sparat finns kvar. " +
      "Om felet finns kvar: meddela kursens lärare vilken sida det gäller.",
    kernelGone: "Sidan har tappat kontakten med sin kärna (till exempel efter lång tids inaktivitet eller ett fel). " +
      "Det du har sparat finns kvar. Ladda om sidan för att fortsätta.",
    serverGone: "Kursens server svarar inte just nu. Det du har sparat finns kvar. Ladda om sidan när servern är tillbaka.",
    recovered: "Sidan laddades om automatiskt eftersom den inte blev klar första gången.",
    reload: "Ladda om sidan"
  };
  var body = document.body;
  var WATCH = {
    slowMs: 8000,          // still loading: the loading text changes to TEXTS.slow
    arriveMs: 150000,      // the page itself must have arrived by then (the server's IOPub wait is 60 s)
    widgetsMs: 30000,      // after the page arrived: its widgets must be shown by then
    pollMs: 5000,          // kernel liveness check while the page is open
    retryWindowMs: 120000  // at most one automatic reload per page within this window
  };
  var KEY = "dk-recovery:" + window.location.pathname;
  var state = { done: false, failed: false, kernelId: null, baseUrl: "/" };

  function config() {
    var el = document.getElementById("jupyter-config-data");
    if (!el) { return {}; }
    try { return JSON.parse(el.textContent); } catch (e) { return {}; }
  }

  function notice(text, kind, withButton) {
    var box = document.querySelector(".dk-watchdog");
    if (!box) {
      box = document.createElement("div");
      box.className = "dk-watchdog";
      var header = document.querySelector(".dk-header");
      if (header && header.parentNode) { header.parentNode.insertBefore(box, header.nextSibling); } else { body.insertBefore(box, body.firstChild); }
    }
    box.setAttribute("role", kind === "status" ? "status" : "alert");
    box.classList.toggle("dk-watchdog-status", kind === "status");
    box.textContent = "";
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
    if (withButton) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dk-watchdog-reload";
      button.textContent = TEXTS.reload;
      button.addEventListener("click", function () { reload(); });
      box.appendChild(button);
      button.focus();
    }
    return box;
  }

  function freeKernel() {
    if (!state.kernelId) { return; }
    try {
      var form = new FormData();
      var m = document.cookie.match("\\b_xsrf=([^;]*)\\b");
      form.append("_xsrf", (m && m[1]) || "");
      navigator.sendBeacon(state.baseUrl + "voila/api/shutdown/" + state.kernelId, form);
    } catch (e) { /* the server culls it later */ }
  }

  function reload() {
    freeKernel();
    window.location.reload();
  }

  function recentRetry() {
    try {
      var at = Number(window.sessionStorage.getItem(KEY) || 0);
      return at && Date.now() - at < WATCH.retryWindowMs;
    } catch (e) { return true; } // no storage: never loop
  }

  function fail() {
    if (state.failed) { return; }
    state.failed = true;
    if (recentRetry()) {
      notice(TEXTS.failed, "alert", true);
      return;
    }
    try { window.sessionStorage.setItem(KEY, String(Date.now())); } catch (e) { /* checked above */ }
    notice(TEXTS.retrying, "alert", false);
    window.setTimeout(reload, 1500);
  }

  function cells() { return document.getElementById("rendered_cells"); }

  function pageProblem() {
    var root = cells();
    if (!root) { return "no cells"; }
    if (root.querySelector(".dk-cell-error, [data-mime-type='application/vnd.jupyter.stderr']")) { return "error"; }
    var outputs = root.querySelectorAll("script[type='application/vnd.voila.cell-output+json']");
    for (var i = 0; i < outputs.length; i += 1) {
      if (outputs[i].textContent.indexOf("application/vnd.jupyter.widget-view+json") !== -1) { return null; }
    }
    // voila.js may already have replaced the output scripts by the widgets themselves.
    return root.querySelector(".jupyter-widgets") ? null : "blank";
  }

  function widgetsShown() {
    var root = cells();
    var widget = root && root.querySelector(".jupyter-widgets");
    return Boolean(widget && widget.getClientRects().length > 0 && !document.getElementById("loading"));
  }

  function pollKernel() {
    var misses = 0;
    function check() {
      if (state.failed) { return; }
      fetch(state.baseUrl + "api/kernels/" + state.kernelId, { credentials: "same-origin", cache: "no-store" })
        .then(function (r) {
          if (r.status === 404) { state.failed = true; notice(TEXTS.kernelGone, "alert", true); return; }
          misses = 0;
          window.setTimeout(check, WATCH.pollMs);
        })
        .catch(function () {
          misses += 1;
          if (misses >= 2) { state.failed = true; notice(TEXTS.serverGone, "alert", true); return; }
          window.setTimeout(check, WATCH.pollMs);
        });
    }
    window.setTimeout(check, WATCH.pollMs);
  }

  function succeeded() {
    var recovered = false;
    try {
      recovered = Boolean(window.sessionStorage.getItem(KEY));
      window.sessionStorage.removeItem(KEY);
    } catch (e) { /* nothing to tell */ }
    if (recovered) {
      var box = notice(TEXTS.recovered, "status", false);
      window.setTimeout(function () { if (box.parentNode && !state.failed) { box.parentNode.removeChild(box); } }, 15000);
    }
    if (state.kernelId) { pollKernel(); }
  }

  // Called by the template when the whole page has arrived (after the last cell).
  window.dkPageArrived = function () {
    if (state.done) { return; }
    state.done = true;
    var cfg = config();
    state.kernelId = cfg.kernelId || null;
    state.baseUrl = cfg.baseUrl || "/";
    if (pageProblem()) { fail(); return; }
    var started = Date.now();
    var shown = null;
    (function wait() {
      if (state.failed) { return; }
      if (widgetsShown()) {
        if (shown && shown.parentNode) { shown.parentNode.removeChild(shown); }
        succeeded();
        return;
      }
      var waited = Date.now() - started;
      if (waited > WATCH.widgetsMs) { fail(); return; }
      // The cells are shown but their widgets are not there yet: never an empty page without a word.
      if (waited > 2000 && !document.getElementById("loading")) {
        var text = waited > WATCH.slowMs ? TEXTS.slow : TEXTS.loading;
        if (!shown || shown.textContent !== text) { shown = notice(text, "status", false); }
      }
      window.setTimeout(wait, 250);
    })();
  };

  window.setTimeout(function () {
    var text = document.getElementById("loading_text");
    if (!state.done && text) { text.textContent = TEXTS.slow; }
  }, WATCH.slowMs);
  window.setTimeout(function () {
    if (state.done) { return; }
    var cfg = config();
    state.kernelId = cfg.kernelId || null;
    state.baseUrl = cfg.baseUrl || "/";
    fail();
  }, WATCH.arriveMs);
})();
