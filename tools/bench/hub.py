"""The course on a JupyterHub, measured: cold renders through a user's server (Voilà's server extension, where no
kernel is preheated) against the one-slider floor served the same way, and memory per user server with one app
open (the figure docs/deploy.md sizes a hub with).

``make bench`` runs :func:`run` (a hub from tests/hub/harness.py on free ports, serving the course's notebooks
plus the floor). On a hub that is already running, e.g. ``make hub``, only the memory is measured:

    .venv/bin/python -m tools.bench.hub --url http://localhost:8000 --password LÖSENORDET

logs in as ``deltagare1`` in headless Chromium, opens the Start page and prints the RSS of that user's server and
its kernel (from ``/proc``, so run it on the hub's machine).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from . import procfs, serving_folder
from .apps import FLOOR_NOTEBOOK, course_apps

USER = "deltagare1"
START = "00_start.ipynb"
TIMEOUT_MS = 120_000
RATIO_TARGET = 1.15  # cold render of an app ÷ the floor, both through the hub
MB = 1024 * 1024
KERNEL_ID_JS = "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"


def _environ(pid: int) -> dict[str, str]:
    try:
        raw = (procfs.PROC / str(pid) / "environ").read_bytes()
    except OSError:
        return {}
    return dict(e.split("=", 1) for e in raw.decode(errors="replace").split("\0") if "=" in e)


def server_pid(user: str, *, hub_pid: int | None = None, api_port: int | None = None) -> int | None:
    """The user's single-user server: a ``jupyterhub-singleuser`` process whose JUPYTERHUB_USER is ``user``,
    started by the hub process ``hub_pid`` or talking to the hub API on ``api_port`` (other hubs may run too)."""
    for pid in procfs.pids():
        if "jupyterhub-singleuser" not in procfs._cmdline(pid):
            continue
        env = _environ(pid)
        if env.get("JUPYTERHUB_USER") != user:
            continue
        if hub_pid is not None and procfs.parent(pid) != hub_pid:
            continue
        if api_port is not None and f":{api_port}/" not in env.get("JUPYTERHUB_API_URL", ""):
            continue
        return pid
    return None


def pss_bytes(pid: int) -> int | None:
    """Proportional set size (shared pages split between the processes sharing them), or None."""
    try:
        for line in (procfs.PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def memory(pid: int) -> dict:
    """RSS and PSS in MB of a user's server and of each of its kernels, and their sums."""
    kernels = procfs.kernel_pids(pid)
    server_rss, server_pss = procfs.rss_bytes(pid) or 0, pss_bytes(pid) or 0
    kernel_rss = [procfs.rss_bytes(k) or 0 for k in kernels]
    kernel_pss = [pss_bytes(k) or 0 for k in kernels]
    return {
        "server_rss_mb": round(server_rss / MB, 1),
        "kernels": len(kernels),
        "kernel_rss_mb": [round(r / MB, 1) for r in kernel_rss],
        "total_rss_mb": round((server_rss + sum(kernel_rss)) / MB, 1),
        "total_pss_mb": round((server_pss + sum(kernel_pss)) / MB, 1),
    }


def log_in(browser, url: str, user: str, password: str):
    """A browser context logged in as ``user`` through the hub's login page, with the Start page open."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/hub/login", wait_until="domcontentloaded", timeout=TIMEOUT_MS)
    page.get_by_label("Användarnamn").fill(user)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"**/user/{user}/voila/render/{START}*", timeout=TIMEOUT_MS)
    _wait_rendered(page)
    return context, page


def _wait_rendered(page) -> None:
    page.wait_for_selector("#rendered_cells .jupyter-widgets", state="visible", timeout=TIMEOUT_MS)
    page.wait_for_function("document.getElementById('loading') === null", timeout=TIMEOUT_MS)


def _settle(pid: int, kernels: int) -> None:
    if not procfs.wait_idle(pid, kernels, timeout=120):
        print(f"  (servern blev inte stilla med {kernels} kärnor; mäter ändå)", flush=True)


def _shut_down_kernel(url: str, user: str, token: str, kernel_id: str, server: int) -> None:
    """Through the user's server's REST API, as the user (a token in the header, as Voilà's page would)."""
    request = urllib.request.Request(f"{url}/user/{user}/api/kernels/{kernel_id}", method="DELETE")
    request.add_header("Authorization", f"token {token}")
    with urllib.request.urlopen(request, timeout=30):
        pass
    deadline = time.monotonic() + 30
    while procfs.kernel_pids(server) and time.monotonic() < deadline:
        time.sleep(0.1)


def measure_memory(
    url: str, password: str, user: str = USER, api_port: int = 8081, settle: float = 5.0
) -> dict:
    """Log in, open the Start page, let the kernel become idle, read the memory of the user's server."""
    from playwright.sync_api import sync_playwright

    from tests.browser.voila_server import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            context, _ = log_in(browser, url, user, password)
            pid = server_pid(user, api_port=api_port)
            if pid is None:
                raise RuntimeError(f"ingen jupyterhub-singleuser-process för {user} på den här datorn")
            _settle(pid, 1)
            time.sleep(settle)
            found = {"app": START, **memory(pid)}
            context.close()
        finally:
            browser.close()
    return found


def run(rounds: int = 5, notebooks: list[str] | None = None) -> dict:
    """Cold renders through a fresh hub's user server (floor and apps round-robin) and memory per open app."""
    from playwright.sync_api import sync_playwright

    from tests.browser.voila_server import CHROMIUM_ARGS, chromium_path
    from tests.hub import harness

    every = course_apps()
    apps = [a for a in every if a.floor or a.notebook in notebooks] if notebooks else every
    with tempfile.TemporaryDirectory(prefix="digikomp-hubbench-") as tmp:
        # Every page is served (logging in lands on the Start page, which --only may leave out); only ``apps``
        # are measured.
        folder = serving_folder(every, Path(tmp) / "notebooks")
        os.environ["DIGIKOMP_HUB_NOTEBOOK_DIR"] = str(folder)
        try:
            hub = harness.start_hub(Path(tmp) / "hub")
        finally:
            os.environ.pop("DIGIKOMP_HUB_NOTEBOOK_DIR", None)
        seconds: dict[str, list[float]] = {a.notebook: [] for a in apps}
        mem: dict[str, dict] = {}
        try:
            token = hub.token_for(USER, [f"access:servers!user={USER}"])
            password = getattr(hub, "password", None) or _environ(hub.proc.pid)["DIGIKOMP_DEMO_PASSWORD"]
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
                )
                context, page = log_in(browser, hub.url, USER, password)
                pid = server_pid(USER, hub_pid=hub.proc.pid)
                _shut_down_kernel(hub.url, USER, token, page.evaluate(KERNEL_ID_JS), pid)
                page.close()
                for round_no in range(rounds + 1):  # round 0 warms the caches and is not counted
                    label = "uppvärmning" if round_no == 0 else f"varv {round_no}/{rounds}"
                    order = apps if round_no % 2 else list(reversed(apps))
                    for app in order:
                        _settle(pid, 0)
                        page = context.new_page()
                        start = time.perf_counter()
                        page.goto(
                            f"{hub.url}/user/{USER}/voila/render/{app.notebook}",
                            wait_until="domcontentloaded",
                            timeout=TIMEOUT_MS,
                        )
                        _wait_rendered(page)
                        elapsed = time.perf_counter() - start
                        kernel_id = page.evaluate(KERNEL_ID_JS)
                        if round_no == 1:
                            _settle(pid, 1)
                            mem[app.notebook] = memory(pid)
                        _shut_down_kernel(hub.url, USER, token, kernel_id, pid)
                        page.close()
                        print(f"  hubb {label:12} {app.notebook:44} {elapsed:6.2f} s", flush=True)
                        if round_no > 0:
                            seconds[app.notebook].append(elapsed)
                context.close()
                browser.close()
        finally:
            hub.stop()
    return summarise(seconds, mem, rounds)


def summarise(seconds: dict[str, list[float]], mem: dict[str, dict], rounds: int) -> dict:
    floor = statistics.median(seconds[FLOOR_NOTEBOOK])
    apps = {}
    for notebook, values in seconds.items():
        median = statistics.median(values)
        apps[notebook] = {
            "median_s": round(median, 3),
            "runs_s": [round(v, 3) for v in values],
            "ratio": round(median / floor, 3),
            "pass": notebook == FLOOR_NOTEBOOK or median / floor <= RATIO_TARGET,
            **({"memory": mem[notebook]} if notebook in mem else {}),
        }
    return {"rounds": rounds, "floor_s": round(floor, 3), "target": RATIO_TARGET, "apps": apps}


def markdown(result: dict) -> str:
    lines = [
        "## Genom JupyterHub (Voilàs servertillägg, kalla kärnor)",
        "",
        f"Median av {result['rounds']} varv; golvet (ett reglage) {result['floor_s']:.2f} s. Mål: högst "
        f"{result['target']:.2f} × golvet. Minne: användarens server + kärnan med sidan öppen (RSS; PSS delar "
        "gemensamma sidor).",
        "",
        "| App | median s | × golvet | | server + kärna RSS MB | PSS MB |",
        "|---|---|---|---|---|---|",
    ]
    for notebook, a in result["apps"].items():
        mem = a.get("memory", {})
        verdict = "" if notebook == FLOOR_NOTEBOOK else ("PASS" if a["pass"] else "MISS")
        lines.append(
            f"| {notebook} | {a['median_s']:.2f} | {a['ratio']:.2f} | {verdict} | "
            f"{mem.get('total_rss_mb', '–')} | {mem.get('total_pss_mb', '–')} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.hub", description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running hub (e.g. http://localhost:8000): measure memory only")
    parser.add_argument("--password", help="the hub's demo password (with --url)")
    parser.add_argument("--user", default=USER)
    parser.add_argument(
        "--hub-api-port", type=int, default=8081, help="with --url: the hub's own port (8081)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds on a fresh hub (default 5)")
    parser.add_argument("--only", action="append", metavar="NOTEBOOK", help="measure only this app")
    args = parser.parse_args(argv)
    if args.url:
        if not args.password:
            parser.error("--password behövs med --url")
        found = measure_memory(args.url.rstrip("/"), args.password, args.user, args.hub_api_port)
        print(
            f"{args.user}: server {found['server_rss_mb']} MB + kärna {found['kernel_rss_mb']} MB = "
            f"{found['total_rss_mb']} MB RSS ({found['total_pss_mb']} MB PSS) med {found['app']} öppen"
        )
        return 0
    print(markdown(run(args.rounds, args.only)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
