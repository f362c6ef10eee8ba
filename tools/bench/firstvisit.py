"""First visits after a fresh start: does the first page after ``make start`` answer as fast as later ones?

Each of ``starts`` fresh starts copies the course's notebooks to a new folder and runs ``digikomp start
--katalog`` (the course's ``config/voila.json``, preheated pools). ``delay`` s after the server answered (when
``make start``'s Start page answers), as the participant who saw the bug did, every app is opened once, one after
another, in a seeded-random order (every app comes first in some start), each in a fresh browser context; after
each page its kernel is shut down as Voilà's page does on ``beforeunload``. Then, on full pools and idle kernels,
each app is opened ``later`` more times. A page without widgets within ``bound`` s is *blank*; one with a cell
error *error*; one still showing a Swedish alert (in the cells or the watchdog's) *alert*; one that showed an
alert or error, or reloaded, and then rendered by itself *recovered*. The report compares each app's median first
visit with its median later visit (target ≤ 1.3 ×) and counts blank pages (target 0 over ≥ 10 starts).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.browser.voila_server import CHROMIUM_ARGS, VoilaServer, chromium_path
from widgets.paths import CONFIG_DIR, NOTEBOOKS_DIR, REPO_ROOT

from . import procfs, report
from .browser import ERROR_SELECTOR, KERNEL_ID_JS, SHUTDOWN_JS, new_page

RATIO = 1.3
MIN_STARTS = 10
FAILURES = ("blank", "error", "alert")

# Widgets visible (a non-empty box, as Playwright's "visible") and the loading text gone — or an error shown.
READY_JS = f"""() => {{
  if (document.querySelector("{ERROR_SELECTOR}")) return "error";
  const el = document.querySelector("#rendered_cells .jupyter-widgets");
  if (!el || document.getElementById("loading") !== null) return false;
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden" ? "ready" : false;
}}"""
# What a page shows now: an alert with text among the cells, the watchdog's alert (retrying, failed, kernel gone)
# or its status (still loading, reloaded).
SHOWN_JS = """() => {
  const text = (sel, visible) => [...document.querySelectorAll(sel)]
    .filter((el) => !visible || el.getClientRects().length > 0)
    .map((el) => el.textContent.trim()).filter(Boolean)[0] || null;
  return {alert: text("#rendered_cells [role=alert]", false), watchdog: text(".dk-watchdog[role=alert]", true),
          status: text(".dk-watchdog[role=status]", true)};
}"""
# Before every document of a context: reports each kind of message (and an error) the first time it is shown,
# through an exposed function, so what a page showed before it reloaded itself is kept.
WATCH_JS = f"""(() => {{
  const shown = {SHOWN_JS};
  const seen = new Set();
  let queued = false;
  const check = () => {{
    queued = false;
    const now = shown();
    if (document.querySelector({json.dumps(ERROR_SELECTOR)})) now.error = "fel";
    for (const [kind, text] of Object.entries(now)) {{
      if (text && !seen.has(kind)) {{ seen.add(kind); window.__dkSeen(kind, text.slice(0, 200), performance.now()); }}
    }}
  }};
  new MutationObserver(() => {{ if (!queued) {{ queued = true; setTimeout(check, 50); }} }})
    .observe(document, {{subtree: true, childList: true, characterData: true, attributes: true}});
}})();"""


def orders(apps: list[str], starts: int, seed: int = 0) -> list[list[str]]:
    """One order per start: the first apps run through seeded permutations, so each app is first once in every
    ``len(apps)`` starts; the rest of each order is shuffled by the same seeded generator."""
    rng = random.Random(seed)
    firsts: list[str] = []
    while len(firsts) < starts:
        firsts += rng.sample(apps, len(apps))
    out = []
    for first in firsts[:starts]:
        rest = [a for a in apps if a != first]
        rng.shuffle(rest)
        out.append([first, *rest])
    return out


def classify(outcome: str | None, shown: dict, seen: list[str], reloads: int) -> str:
    """ok, recovered, error, alert (still shown) or blank; the watchdog's status ("Sidan laddas …") is no failure."""
    if outcome in (None, False):
        return "blank"
    if outcome == "error":
        return "error"
    if shown.get("alert") or shown.get("watchdog"):
        return "alert"
    return "recovered" if {"alert", "watchdog", "error"} & set(seen) or reloads else "ok"


def visit(browser, server: VoilaServer, notebook: str, bound: float) -> dict:
    """Open one app in a fresh context, classify what it showed within ``bound`` s; shut its kernel down."""
    from playwright.sync_api import Error
    from playwright.sync_api import TimeoutError as Timeout

    context, page = new_page(browser)
    seen: list[dict] = []
    navigations: list[str] = []
    context.expose_function("__dkSeen", lambda k, t, ms: seen.append({"kind": k, "text": t, "ms": round(ms)}))
    context.add_init_script(WATCH_JS)
    page.on("framenavigated", lambda f: navigations.append(f.url) if f == page.main_frame else None)
    outcome, shown, kernel_id = None, {}, None
    try:
        start = time.perf_counter()
        try:
            page.goto(server.render_url(notebook), wait_until="domcontentloaded", timeout=bound * 1000)
            while outcome is None and (left := start + bound - time.perf_counter()) > 0:
                try:
                    outcome = page.wait_for_function(READY_JS, timeout=left * 1000).json_value()
                except Timeout:
                    break
                except Error:  # the page reloaded itself: wait on the new document
                    time.sleep(0.05)
        except Error:  # no page within the bound (or the connection failed): blank
            pass
        seconds = time.perf_counter() - start
        with contextlib.suppress(Error):
            shown, kernel_id = page.evaluate(SHOWN_JS), page.evaluate(KERNEL_ID_JS)
        t0 = time.perf_counter()
        freed = free_kernel(context, page, server, kernel_id) if kernel_id else {}
        reloads = max(len(navigations) - 1, 0)
        kind = classify(outcome, shown, [s["kind"] for s in seen], reloads)
        shutdown_s = round(time.perf_counter() - t0, 3)
        return (
            freed
            | {"app": notebook, "kind": kind, "seconds": round(seconds, 3) if outcome else None}
            | {"seen": seen, "reloads": reloads, "shutdown_s": shutdown_s}
        )
    finally:
        context.close()


def free_kernel(context, page, server: VoilaServer, kernel_id: str) -> dict:
    """POST the shutdown as Voilà's page does on ``beforeunload``; wait until the kernel's process is gone.

    The render page sets no ``_xsrf`` cookie, so that POST is refused (403) unless the browser has been to a page
    that sets one: the cookie is then fetched from ``/voila/tree`` and the POST repeated."""
    from playwright.sync_api import Error

    pid, statuses = procfs.kernel_pid(kernel_id), []
    try:
        statuses.append(page.evaluate(SHUTDOWN_JS, kernel_id))
        if statuses[-1] == 403:
            context.request.get(server.url + "/voila/tree")
            statuses.append(page.evaluate(SHUTDOWN_JS, kernel_id))
    except Error:
        statuses.append(None)
    gone = procfs.wait_gone(pid) if pid and statuses[-1] and statuses[-1] < 300 else pid is None
    return {"shutdown_status": statuses, "kernel_gone": gone}


def pool_kernels(served: list[str], config: Path = CONFIG_DIR / "voila.json") -> int:
    """How many kernels the course's configuration preheats for these notebooks when every pool is full."""
    data = json.loads(config.read_text(encoding="utf-8"))
    pools = data.get("VoilaKernelManager", {}).get("kernel_pools_config", {})
    fallback = data.get("VoilaConfiguration", {}).get("default_pool_size", 1)
    default = pools.get("default", {}).get("pool_size", fallback)
    return sum(pools.get(name, {}).get("pool_size", default) for name in served)


def settle(server: VoilaServer, want: dict) -> None:
    """Wait for full pools and idle kernels. A pool that never fills (the server gave up on it) costs one
    timeout per start: ``want["kernels"]`` is then lowered to what the server keeps."""
    if not procfs.wait_idle(server.proc.pid, want["kernels"], timeout=120):
        have = len(procfs.kernel_pids(server.proc.pid))
        print(f"  (poolerna fylldes inte: {have} av {want['kernels']} kärnor; mäter ändå)", flush=True)
        want["short"] = [*want.get("short", []), f"{have} av {want['kernels']} kärnor"]
        want["kernels"] = have
        procfs.wait_idle(server.proc.pid, 0, timeout=30)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summarise(first: list[dict], later: list[dict], bound: float) -> dict:
    """Per app and per position medians (a blank page counts as ``bound`` s), totals and the verdicts."""

    def waited(v: dict) -> float:
        return v["seconds"] if v["seconds"] is not None else bound

    apps: dict[str, dict] = {}
    for name in dict.fromkeys(v["app"] for v in first):
        own = [v for v in first if v["app"] == name]
        f = _median([waited(v) for v in own])
        g = _median([v["seconds"] for v in later if v["app"] == name and v["kind"] not in FAILURES])
        worst, failures = max(waited(v) for v in own), sum(v["kind"] in FAILURES for v in own)
        apps[name] = {"first_s": f, "later_s": g, "ratio": f / g if g else None, "worst_first_s": worst}
        apps[name]["failures"] = failures
    positions = {}
    for pos in sorted({v["position"] for v in first}):
        at = [v for v in first if v["position"] == pos]
        ratios = [waited(v) / apps[v["app"]]["later_s"] for v in at if apps[v["app"]]["later_s"]]
        positions[pos] = {"visits": len(at), "median_s": _median([waited(v) for v in at])}
        positions[pos] |= {"median_ratio": _median(ratios), "blank": sum(v["kind"] == "blank" for v in at)}
    kinds = ("ok", "recovered", *FAILURES)
    totals = {"first_visits": len(first), **{k: sum(v["kind"] == k for v in first) for k in kinds}}
    totals["later_failures"] = sum(v["kind"] in FAILURES for v in later)
    starts = len({v["start"] for v in first})
    targets = [
        report.Verdict(
            f"{name}: första besöket ≤ {RATIO} × senare besök", f"{a['ratio']:.2f} ×", a["ratio"] <= RATIO
        )
        for name, a in apps.items()
        if a["ratio"] is not None
    ]
    measured = f"{totals['blank']} av {len(first)} ({starts} nystarter)"
    passed = totals["blank"] == 0 and starts >= MIN_STARTS
    targets.append(
        report.Verdict(f"blanka sidor = 0 över ≥ {MIN_STARTS} nystarter × varje app", measured, passed)
    )
    return {"apps": apps, "positions": positions, "totals": totals, "targets": [t.as_dict() for t in targets]}


def _fmt(value: float | None, pattern: str = ".2f") -> str:
    return "–" if value is None else format(value, pattern)


def markdown(data: dict) -> str:
    """The report in Swedish: per app, per position in the order, totals, PASS/MISS and notes."""
    s, t = data["summary"], data["summary"]["totals"]
    load = [(x or ["–"])[0] for x in (data.get("load_average_start"), data.get("load_average_end"))]
    kernels = [e["pools"].get("at_first_visit") for e in data.get("start_log", [])]
    lines = [
        "# Första besök efter nystart",
        "",
        f"{data.get('started', '')}: {data['starts']} nystarter, {len(s['apps'])} appar; första besöken "
        f"{data['delay']:g} s efter att Startsidan svarade, i slumpad ordning (frö {data['seed']}); {data['later']} "
        f"senare besök per app och start; gräns {data['bound']:g} s (en blank sida räknas som gränsen); "
        f"belastning (1 min) före/efter: {load[0]} / {load[1]}."
        + (f" Kärnor när första sidan öppnades: {', '.join(map(str, kernels))}." if kernels else ""),
        "",
        "| app | första (s) | senare (s) | första ÷ senare | sämsta första (s) | misslyckade |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| {name} | {_fmt(a['first_s'])} | {_fmt(a['later_s'])} | {_fmt(a['ratio'])} "
            f"| {_fmt(a['worst_first_s'])} | {a['failures']} |"
            for name, a in s["apps"].items()
        ),
        "",
        "| plats i ordningen | besök | median (s) | median första ÷ senare | blanka |",
        "|---:|---:|---:|---:|---:|",
        *(
            f"| {pos} | {p['visits']} | {_fmt(p['median_s'])} | {_fmt(p['median_ratio'])} | {p['blank']} |"
            for pos, p in s["positions"].items()
        ),
        "",
        f"Första besök: {t['first_visits']}; blanka sidor: {t['blank']}; sidor med fel: {t['error']}; med varning "
        f"kvar: {t['alert']}; återhämtade sig själva: {t['recovered']}; misslyckade senare besök: "
        f"{t['later_failures']}.",
        "",
        "| mål | uppmätt | |",
        "|---|---:|---|",
        *(f"| {v['target']} | {v['measured']} | {'PASS' if v['pass'] else 'MISS'} |" for v in s["targets"]),
        "",
    ]
    if data.get("notes"):
        lines += ["Noteringar:", "", *(f"- {n}" for n in data["notes"]), ""]
    return "\n".join(lines)


def log_errors(text: str, limit: int = 8) -> list[str]:
    """The server log's ERROR lines and each traceback's last line (the exception), the first ``limit``."""
    found, in_traceback = [], False
    for line in text.splitlines():
        if line.startswith("Traceback"):
            in_traceback = True
        elif in_traceback and line and not line.startswith((" ", "\t")):
            found.append(line[:300])
            in_traceback = False
        elif "ERROR |" in line or line.startswith("[E "):
            found.append(line[:300])
    return list(dict.fromkeys(found))[:limit]


def _fresh_start(browser, work: Path, number: int, order: list[str], served: list[str], opts: dict) -> dict:
    """A fresh folder, data folder and server; ``delay`` s after it answered the first visits in ``order``, then
    ``later`` rounds on settled pools. An empty order (the unmeasured warm-up) only fills the pools."""
    folder = work / f"start{number}"
    (folder / "notebooks").mkdir(parents=True)
    for name in served:
        shutil.copyfile(NOTEBOOKS_DIR / name, folder / "notebooks" / name)
    spawned = time.perf_counter()
    server = VoilaServer(folder, notebooks_dir=folder / "notebooks", env=opts["env"])
    want = {"kernels": pool_kernels(served)}
    out = {"start": number, "order": order, "pools": want, "first": [], "later": []}
    try:
        server.wait_ready()
        out["ready_s"] = round(time.perf_counter() - spawned, 2)
        label = f"Nystart {number}/{opts['starts']}" if number else "Uppvärmning"
        print(f"{label}: servern svarade efter {out['ready_s']} s", flush=True)
        if order:
            time.sleep(opts["delay"])
            want["at_first_visit"] = len(procfs.kernel_pids(server.proc.pid))
            print(
                f"  {want['at_first_visit']} av {want['kernels']} kärnor när första sidan öppnas", flush=True
            )
        for position, name in enumerate(order, 1):
            v = visit(browser, server, name, opts["bound"]) | {"position": position}
            out["first"].append(v)
            print(f"  {position:2}. {name:44} {_fmt(v['seconds']):>6} s  {v['kind']}", flush=True)
        for name in order * opts["later"] or [None]:
            settle(server, want)
            if name:
                out["later"].append(v := visit(browser, server, name, opts["bound"]))
                print(f"      {name:44} {_fmt(v['seconds']):>6} s  {v['kind']}", flush=True)
    finally:
        server.stop()
    out["log"] = server.log_path.read_text(errors="replace")
    out["log_errors"] = log_errors(out["log"])
    return out


def _notes(first: list[dict], later: list[dict], starts: list[dict]) -> list[str]:
    notes = [
        f"Nystart {v['start']}, plats {v['position']}: {v['app']} {v['kind']} (sett: {v['seen'] or '–'}; "
        f"{v['reloads']} omladdningar)."
        for v in first
        if v["kind"] != "ok"
    ]
    for e in starts:
        notes += [f"Nystart {e['start']}: poolerna fylldes inte ({s})." for s in e["pools"].get("short", [])]
        notes += [f"Nystart {e['start']}, serverlogg: {line}" for line in e["log_errors"]]
    visits = first + later
    if refused := sum(v.get("shutdown_status", [None])[0] == 403 for v in visits):
        notes.append(
            f"Voilàs avstängning vid beforeunload nekades (403, ingen _xsrf-kaka) för {refused} av {len(visits)} "
            "sidor; benchen hämtade kakan från /voila/tree och stängde kärnan ändå."
        )
    if lingering := sum(v.get("kernel_gone") is False for v in visits):
        notes.append(f"{lingering} kärnor fanns kvar efter avstängningen.")
    return notes


def run(
    *,
    starts: int = 10,
    notebooks: list[str] | None = None,
    later: int = 3,
    delay: float = 12.0,
    work_dir: Path | None = None,
    seed: int = 0,
    bound: float = 60.0,
    logs_dir: Path | None = None,
) -> dict:
    """``starts`` fresh servers after an unmeasured warm-up start (fills the content and file caches): first
    visits of ``notebooks`` (default all; all are served either way), ``later`` visits each. JSON-ready."""
    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium saknas: installera Debian-paketet 'chromium'.")
    from playwright.sync_api import sync_playwright

    served = sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))
    apps = [n for n in served if notebooks is None or n in notebooks]
    opts = {"starts": starts, "later": later, "delay": delay, "bound": bound, "seed": seed}
    data: dict = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": report.machine(), **opts}
    data |= {"served": served, "load_average_start": report.load_average(), "start_log": []}
    first, again = [], []
    with (
        tempfile.TemporaryDirectory(prefix="digikomp-firstvisit-", dir=work_dir) as tmp,
        sync_playwright() as pw,
    ):
        env = {
            "DIGIKOMP_CACHE_DIR": str(Path(tmp) / "cache")
        }  # shared by the starts: a participant's is warm
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            for number, order in enumerate([[], *orders(apps, starts, seed)]):
                out = _fresh_start(browser, Path(tmp), number, order, served, opts | {"env": env})
                log = out.pop("log")
                if logs_dir is not None:
                    logs_dir.mkdir(parents=True, exist_ok=True)
                    (logs_dir / f"start{number}.log").write_text(log)
                if number:
                    first += [v | {"start": number} for v in out.pop("first")]
                    again += [v | {"start": number} for v in out.pop("later")]
                    data["start_log"].append(out)
        finally:
            browser.close()
    data |= {"first_visits": first, "later_visits": again, "notes": _notes(first, again, data["start_log"])}
    data |= {"summary": summarise(first, again, bound), "load_average_end": report.load_average()}
    return data


if __name__ == "__main__":
    import signal

    parser = argparse.ArgumentParser(prog="python -m tools.bench.firstvisit", description=__doc__)
    parser.add_argument("--starts", type=int, default=10, help="fresh starts (default 10)")
    parser.add_argument("--later", type=int, default=3, help="later visits per app and start (default 3)")
    parser.add_argument("--delay", type=float, default=12.0, help="seconds after the server answered (12)")
    parser.add_argument("--bound", type=float, default=60.0, help="seconds before a page is blank (60)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the visiting orders (default 0)")
    parser.add_argument(
        "--only", action="append", metavar="NOTEBOOK", help="visit only this app (repeatable)"
    )
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "reports", help="report folder (reports/)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind, so servers and kernels are stopped
    kwargs = {k: getattr(args, k) for k in ("starts", "later", "delay", "bound", "seed")}
    result = run(notebooks=args.only, logs_dir=args.out / "firstvisit-logs", **kwargs)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "firstvisit.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (args.out / "firstvisit.md").write_text(text := markdown(result), encoding="utf-8")
    print(f"\n{text}\nRapport: {args.out / 'firstvisit.json'} och {args.out / 'firstvisit.md'}")
