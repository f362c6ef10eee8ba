/* Accessibility fixes applied once, centrally, to every ipywidgets control the page renders.
 *
 * ipywidgets 8 gives sliders, buttons without text, toggle groups and several inputs no accessible name
 * (jupyter-widgets/ipywidgets#2650). Each widget's visible description label is its name: controls are pointed at
 * it with aria-labelledby. An Image widget gets its text alternative from its tooltip (charts are inline SVG with
 * their own aria-label).
 */
(function () {
  "use strict";
  var counter = 0;
  function ensureId(el, prefix) {
    if (!el.id) { counter += 1; el.id = prefix + "-" + counter; }
    return el.id;
  }
  function hasName(el) {
    return el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby") ||
      (el.labels && el.labels.length > 0 && el.labels[0].textContent.trim() !== "");
  }
  function descriptionLabel(widget) {
    var label = widget.querySelector(":scope > .widget-label, :scope > label.widget-label-basic, :scope > label");
    return label && label.textContent.trim() !== "" ? label : null;
  }
  function fixWidget(widget) {
    var label = descriptionLabel(widget);
    var controls = widget.querySelectorAll(
      "[role=slider], input, select, textarea, .widget-readout, [role=radiogroup], .widget-toggle-buttons .widget-toggle-button"
    );
    controls.forEach(function (control) {
      if (control.classList.contains("widget-readout")) {
        control.setAttribute("role", "textbox");
        if (label && !hasName(control)) {
          control.setAttribute("aria-label", label.textContent.trim() + " (värde)");
        }
        return;
      }
      if (hasName(control)) { return; }
      if (control.classList.contains("widget-toggle-button")) { return; } // named by its own text
      if (label) {
        control.setAttribute("aria-labelledby", ensureId(label, "dk-label"));
      } else if (widget.title) {
        control.setAttribute("aria-label", widget.title);
      }
    });
    var group = widget.querySelector(":scope > .widget-toggle-buttons, :scope > .widget-radio-box");
    if (group && !group.hasAttribute("role")) {
      group.setAttribute("role", group.classList.contains("widget-radio-box") ? "radiogroup" : "group");
      if (label) { group.setAttribute("aria-labelledby", ensureId(label, "dk-label")); }
    }
  }
  function fixButtons(root) {
    root.querySelectorAll("button").forEach(function (button) {
      if (button.textContent.trim() === "" && !hasName(button) && button.title) {
        button.setAttribute("aria-label", button.title);
      }
    });
  }
  function landmarks() {
    var shell = document.querySelector("body > .jp-LabShell");
    if (!shell || shell.getAttribute("role") === "main") { return; }
    shell.setAttribute("role", "main");
    shell.setAttribute("tabindex", "-1");
    shell.id = shell.id || "dk-main";
    var skip = document.querySelector(".dk-skip");
    if (skip) { skip.setAttribute("href", "#" + shell.id); }
    // The cells scroll inside the shell: keyboard users must be able to focus the scrolling region.
    var cells = document.getElementById("rendered_cells");
    if (cells && !cells.hasAttribute("tabindex")) { cells.setAttribute("tabindex", "0"); }
    // The footer scrolls with the page's content, inside the shell's scrolling cell area.
    var footer = document.querySelector("body > .dk-footer");
    if (footer && cells) { cells.appendChild(footer); }
    // The shell now fills the space under the header: let JupyterLab's layout measure it again.
    window.dispatchEvent(new Event("resize"));
  }
  function fixAll(root) {
    landmarks();
    root.querySelectorAll(".jupyter-widgets").forEach(fixWidget);
    fixButtons(root);
    fixLabLinks(root);
  }
  // A link to a JupyterLab notebook (data-dk-lab = its path from the page's folder) points at JupyterLab on the
  // server that serves this page: /user/<namn>/lab/tree/… on the hub, /lab/tree/notebooks/… under make lab.
  function fixLabLinks(root) {
    var path = window.location.pathname, marker = "/voila/render/", at = path.indexOf(marker);
    if (at < 0) { return; }
    var rest = path.slice(at + marker.length);
    var prefix = path.slice(0, at + 1) + "lab/tree/" + rest.slice(0, rest.lastIndexOf("/") + 1);
    root.querySelectorAll("a[data-dk-lab]").forEach(function (a) {
      var href = prefix + a.getAttribute("data-dk-lab");
      if (a.getAttribute("href") !== href) { a.setAttribute("href", href); }
    });
  }
  var scheduled = false;
  function schedule() {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; fixAll(document.body); });
  }
  new MutationObserver(schedule).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["title", "src"]
  });
  schedule();

  // Presentation mode for live teaching: larger text, wider page. Remembered per browser.
  var toggle = document.querySelector(".dk-present-toggle");
  function applyPresent(on) {
    document.body.classList.toggle("dk-present", on);
    if (toggle) { toggle.setAttribute("aria-pressed", on ? "true" : "false"); }
  }
  try { applyPresent(window.localStorage.getItem("dk-present") === "1"); } catch (e) { applyPresent(false); }
  if (toggle) {
    toggle.addEventListener("click", function () {
      var on = !document.body.classList.contains("dk-present");
      applyPresent(on);
      try { window.localStorage.setItem("dk-present", on ? "1" : "0"); } catch (e) { /* private mode */ }
    });
  }
})();
