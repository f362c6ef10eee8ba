"""The browser half of the benchmark: render times, kernel RSS and interaction latency in headless Chromium.

One Voilà server at a time serves a temporary folder (the course's notebooks plus the floor) with the course's
configuration: first with cold kernels (``--VoilaConfiguration.preheat_kernel=False``, as inside JupyterHub),
then preheated (the default ``config/voila.json``). Each page gets a fresh browser context; after each
measurement the page's kernel is shut down (as Voilà's own page does on ``beforeunload``) and the bench waits
until the server's kernels are idle again — for the preheated server, until every pool is refilled.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.voila_server import CHROMIUM_ARGS, VoilaServer, chromium_path

from . import procfs
from .apps import App, Interaction

TIMEOUT_MS = 90_000
COLD_FLAG = "--VoilaConfiguration.preheat_kernel=False"

RENDERED_JS = "document.getElementById('loading') === null"
KERNEL_ID_JS = "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
ERROR_SELECTOR = ".dk-cell-error, .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"

# Voilà's page does this on beforeunload (sendBeacon); the bench awaits it so the kernel is gone before the next run.
SHUTDOWN_JS = """async (kernelId) => {
  const form = new FormData();
  const m = document.cookie.match('\\\\b_xsrf=([^;]*)\\\\b');
  form.append('_xsrf', (m && m[1]) || '');
  const base = JSON.parse(document.getElementById('jupyter-config-data').textContent).baseUrl || '/';
  const r = await fetch(`${base}voila/api/shutdown/${kernelId}`, {method: 'POST', body: form});
  return r.status;
}"""

# Arms a watcher: the last trigger event (select 'change', Enter 'keydown', 'click') before the output's state
# changes is t0; the mutation that changes it is t1. Runs inside the page, so no Playwright round trip counts.
ARM_JS = """([outputSel, watch, events]) => {
  const state = () => {
    const el = document.querySelector(outputSel);
    if (!el) return null;
    return watch === 'text' ? el.textContent : el.getAttribute(watch);
  };
  const before = state();
  const w = {t0: null, before};
  const onEvent = (e) => {
    if (e.type === 'keydown' && e.key !== 'Enter') return;
    w.t0 = performance.now();
  };
  for (const type of events) window.addEventListener(type, onEvent, true);
  w.done = new Promise((resolve) => {
    const finish = (result) => {
      observer.disconnect();
      clearTimeout(timer);
      for (const type of events) window.removeEventListener(type, onEvent, true);
      resolve(result);
    };
    const observer = new MutationObserver(() => {
      const now = state();
      if (now !== before && now !== null) finish({ms: w.t0 === null ? null : performance.now() - w.t0});
    });
    observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    const timer = setTimeout(() => finish({ms: null, timeout: true}), 8000);
  });
  window.__dkWatch = w;
  return before;
}"""

TRIGGER_EVENTS = {"select": ["change"], "number": ["keydown"], "click": ["click"]}


@dataclass
class Sample:
    seconds: float
    rss_bytes: int | None
    charts: bool
    error: bool


@dataclass
class AppRuns:
    cold: list[Sample] = field(default_factory=list)
    preheated: list[Sample] = field(default_factory=list)


def new_page(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    return context, context.new_page()


def _wait_rendered(page) -> None:
    page.wait_for_selector("#rendered_cells .jupyter-widgets", state="visible", timeout=TIMEOUT_MS)
    page.wait_for_function(RENDERED_JS, timeout=TIMEOUT_MS)


def _shutdown(page, kernel_id: str | None, pid: int | None) -> None:
    if kernel_id:
        try:
            page.evaluate(SHUTDOWN_JS, kernel_id)
        except Exception as exc:  # the page may be gone; the kernel is then culled by the server
            print(f"  (kunde inte stänga kärnan {kernel_id}: {exc})")
    if pid:
        procfs.wait_gone(pid)


def open_app(browser, server: VoilaServer, notebook: str, keep: Callable | None = None) -> Sample:
    """Navigate, wait until every widget is shown; read the kernel's RSS; then ``keep(page)`` and shut down."""
    context, page = new_page(browser)
    try:
        start = time.perf_counter()
        page.goto(server.render_url(notebook), wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        _wait_rendered(page)
        seconds = time.perf_counter() - start
        kernel_id = page.evaluate(KERNEL_ID_JS)
        pid = procfs.kernel_pid(kernel_id) if kernel_id else None
        rss = procfs.rss_bytes(pid) if pid else None
        sample = Sample(
            seconds=seconds,
            rss_bytes=rss,
            charts=page.locator("#rendered_cells img").count() > 0,
            error=page.locator(ERROR_SELECTOR).count() > 0,
        )
        if keep is not None:
            keep(page)
        _shutdown(page, kernel_id, pid)
        return sample
    finally:
        context.close()


def _settle(server: VoilaServer, kernels: int) -> None:
    if not procfs.wait_idle(server.proc.pid, kernels):
        print(f"  (servern blev inte stilla med {kernels} kärnor inom tidsgränsen; mäter ändå)")


def measure_renders(
    browser,
    server: VoilaServer,
    apps: list[App],
    runs: int,
    mode: str,
    results: dict[str, AppRuns],
    pool_kernels: int = 0,
    warm_up: bool = True,
) -> None:
    """``runs`` rounds over all apps (round-robin, so drift hits every app alike), after one warm-up round.

    The warm-up fills the content cache and the operating system's file cache; the preheated server skips it
    when the cold server already ran (its pool kernels ran every notebook before the first page anyway).
    """
    for round_no in range(0 if warm_up else 1, runs + 1):
        label = "uppvärmning" if round_no == 0 else f"varv {round_no}/{runs}"
        for app in apps:
            _settle(server, pool_kernels)
            sample = open_app(browser, server, app.notebook)
            note = " FEL VISAS" if sample.error else ""
            print(f"  {mode:9} {label:12} {app.notebook:44} {sample.seconds:6.2f} s{note}", flush=True)
            if round_no > 0:
                getattr(results.setdefault(app.notebook, AppRuns()), mode).append(sample)


def _locate_input(page, interaction: Interaction, step: int):
    sel = interaction.input
    locator = (
        page.get_by_label(sel.removeprefix("label="), exact=True)
        if sel.startswith("label=")
        else page.locator(sel)
    )
    count = locator.count()
    if count == 0:
        return None
    return locator.nth(step % count) if interaction.kind == "click" else locator.first


def _act(page, interaction: Interaction, target, step: int) -> None:
    if interaction.kind == "select":
        options = target.locator("option").all()
        current = target.evaluate("el => el.selectedIndex")
        target.select_option(index=(current + 1) % len(options))
    elif interaction.kind == "number":
        target.fill(interaction.values[step % len(interaction.values)])
        target.press("Enter")
    elif interaction.kind == "click":
        target.click()
    else:
        raise ValueError(f"unknown interaction kind {interaction.kind!r}")
    if interaction.then:
        page.locator(interaction.then).first.click()


def measure_interaction(page, interaction: Interaction, steps: int) -> dict:
    """Change the input ``steps`` times; the in-page latency of each change until the output changed."""
    latencies, timeouts = [], 0
    # A button that builds the input on demand; a page that builds the input at once has none.
    if interaction.open and page.locator(interaction.open).count():
        page.locator(interaction.open).first.click()
        page.locator(interaction.input).first.wait_for(timeout=30_000)
    for step in range(steps):
        target = _locate_input(page, interaction, step)
        if target is None:
            return {"skipped": f"indata {interaction.input!r} finns inte på sidan"}
        page.evaluate(ARM_JS, [interaction.output, interaction.watch, TRIGGER_EVENTS[interaction.kind]])
        _act(page, interaction, target, step)
        result = page.evaluate("window.__dkWatch.done")
        if result.get("ms") is None:
            timeouts += 1
        else:
            latencies.append(result["ms"])
    if not latencies:
        return {"skipped": f"utdata {interaction.output!r} ändrades inte ({timeouts} försök)"}
    return {
        "steps": len(latencies),
        "timeouts": timeouts,
        "median_ms": statistics.median(latencies),
        "p90_ms": percentile(latencies, 90),
        "max_ms": max(latencies),
    }


def percentile(values: list[float], p: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def run(
    folder: Path,
    apps: list[App],
    interactions: list[Interaction],
    cold_runs: int,
    preheated_runs: int,
    steps: int,
    work: Path,
) -> tuple[dict[str, AppRuns], dict[str, dict]]:
    """Both servers, one after the other; returns the render samples per app and the interaction results."""
    path = chromium_path()
    if path is None:
        raise RuntimeError(
            "Chromium saknas: installera Debian-paketet 'chromium' (make bench gör det som root)."
        )
    from playwright.sync_api import sync_playwright

    results: dict[str, AppRuns] = {}
    latency: dict[str, dict] = {}
    env = {"DIGIKOMP_CACHE_DIR": str(work / "cache")}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            if cold_runs:
                print("Kalla kärnor (preheat_kernel=False):", flush=True)
                (work / "cold").mkdir()
                server = VoilaServer(work / "cold", extra=[COLD_FLAG], notebooks_dir=folder, env=env)
                try:
                    server.wait_ready()
                    measure_renders(browser, server, apps, cold_runs, "cold", results)
                finally:
                    server.stop()
            if preheated_runs or interactions:
                print("Förvärmda kärnor (config/voila.json):", flush=True)
                (work / "preheated").mkdir()
                server = VoilaServer(work / "preheated", notebooks_dir=folder, env=env)
                try:
                    server.wait_ready()
                    measure_renders(
                        browser,
                        server,
                        apps,
                        preheated_runs,
                        "preheated",
                        results,
                        len(apps),
                        warm_up=not cold_runs,
                    )
                    for interaction in interactions:
                        _settle(server, len(apps))
                        box: dict = {}
                        open_app(
                            browser,
                            server,
                            interaction.notebook,
                            keep=lambda page, i=interaction, b=box: b.update(
                                measure_interaction(page, i, steps)
                            ),
                        )
                        latency[interaction.name] = {
                            "notebook": interaction.notebook,
                            "tags": list(interaction.tags),
                            **box,
                        }
                        shown = (
                            box.get("skipped")
                            or f"median {box['median_ms']:.0f} ms, p90 {box['p90_ms']:.0f} ms"
                        )
                        print(f"  interaktion {interaction.name}: {shown}", flush=True)
                finally:
                    server.stop()
        finally:
            browser.close()
    return results, latency
