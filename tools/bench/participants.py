"""The class's participants: protocol visits (:class:`Crowd`) and a few real browsers beside them.

A protocol visit does what a participant's page does, through :mod:`.kernelclient`: arrive at its planned time, GET
the page and read it to the end, ask for the kernel's model, open its websocket, fetch every widget's state, change
one input, stay until the planned time to leave, leave as Voilà's page does (or, abandoned, just close). A browser
participant is a Chromium context that opens its pages at its planned times and measures what a person sees.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random

from tests.browser.voila_server import CHROMIUM_ARGS, chromium_path

from .kernelclient import KernelSocket, fetch_page, kernel_model, parse_page, pick_change, shutdown

# A participant's browser waits for the page as long as the template's watchdog does (arriveMs in
# share/jupyter/voila/templates/digikomp/static/watchdog.js) before it says the page failed and reloads it.
GET_TIMEOUT_S = 150
VISIT_TIMEOUT_S = GET_TIMEOUT_S + 60
SOCKET_TIMEOUT_S = 30
STATES_TIMEOUT_S = 60
CHANGE_TIMEOUT_S = 30
BROWSER_TIMEOUT_MS = GET_TIMEOUT_S * 1000
WIDGETS_SELECTOR = "#rendered_cells .jupyter-widgets"
RENDERED_JS = "document.getElementById('loading') === null"
KERNEL_ID_JS = "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
ERROR_SELECTOR = ".dk-cell-error, .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"


def schedule(count: int, seconds: float, notebooks: list[str], seed: int) -> list[tuple[float, str]]:
    """``count`` arrival times uniform in [0, seconds), sorted, each with a random notebook; same seed, same plan."""
    if count < 0 or seconds <= 0 or not notebooks:
        raise ValueError("count ≥ 0, seconds > 0 and at least one notebook")
    rng = Random(seed)
    times = sorted(rng.random() * seconds for _ in range(count))
    return [(round(t, 3), rng.choice(notebooks)) for t in times]


def browser_plan(
    browsers: int, seconds: float, notebooks: list[str], seed: int
) -> list[list[tuple[float, str]]]:
    """Per browser, one page per ~40 s of the window (at least one), at a random time in its own slice."""
    per = max(1, round(seconds / 40))
    rng = Random(seed + 1000)
    return [
        [(round((j + rng.random()) * seconds / per, 3), rng.choice(notebooks)) for j in range(per)]
        for _ in range(max(0, browsers))
    ]


@dataclass
class Visit:
    """One participant's visit and what it saw; times in seconds from the phase's start unless named ``_ms``."""

    index: int
    notebook: str
    planned_s: float
    started_s: float | None = None
    present: int | None = None  # participants on the server at this visit's start, itself included
    loading: int | None = None  # of them, still loading their page
    kernels_at_start: int | None = None
    kernel_id: str | None = None
    status: str = "pending"  # ok | failed | blank | error
    reason: str = ""
    first_byte_s: float | None = None
    html_s: float | None = None
    widgets_s: float | None = None
    models: int | None = None
    widget: str | None = None
    change_ms: float | None = None
    change_updates: int | None = None
    shutdown_status: int | None = None


class Crowd:
    """The participants of one phase against one server: shared HTTP client, clock and head counts.

    ``kernels()`` tells how many kernels the server runs now (the load module samples ``/proc``).
    """

    def __init__(self, url: str, http, t0: float, seed: int, kernels: Callable[[], int] = lambda: 0) -> None:
        self.base, self.ws_base = url, url.replace("http://", "ws://", 1)
        self.http, self.t0, self.kernels = http, t0, kernels
        self.rng = Random(seed)
        self.present = self.loading = 0

    def now(self) -> float:
        return time.monotonic() - self.t0

    async def until(self, offset: float) -> None:
        await asyncio.sleep(max(0.0, offset - self.now()))

    async def visit(
        self, v: Visit, *, change: bool = True, leave_s: float | None = None, shutdown: bool = True
    ):
        """Arrive at ``v.planned_s``, load the page, change one input, stay until ``leave_s``, leave.

        ``shutdown=False`` is an abandoned page: the socket closes, the kernel stays until the server culls it.
        """
        await self.until(v.planned_s)
        v.started_s = round(self.now(), 3)
        self.present += 1
        self.loading += 1
        v.present, v.loading, v.kernels_at_start = self.present, self.loading, self.kernels()
        tab = _Tab()
        try:
            async with asyncio.timeout(VISIT_TIMEOUT_S):
                await self._open(v, tab, change)
        except TimeoutError:
            v.status, v.reason = "failed", f"tidsgräns: {tab.step}"
        except asyncio.CancelledError:
            v.status, v.reason = "failed", f"avbrutet vid körningens tidsgräns: {tab.step}"
            raise
        except Exception as exc:  # a refused socket, a closed connection: this visit failed, the others go on
            v.status, v.reason = "failed", f"{tab.step}: {type(exc).__name__}: {str(exc)[:120]}"
        finally:
            self.loading -= 1
            try:
                if leave_s is not None and v.status == "ok":
                    await self.until(leave_s)
            finally:
                await self._leave(v, tab, shutdown)
        return v

    async def _open(self, v: Visit, tab: _Tab, change: bool) -> None:
        start = time.perf_counter()
        page = await fetch_page(self.http, f"{self.base}/voila/render/{v.notebook}", GET_TIMEOUT_S)
        v.html_s, v.first_byte_s, tab.cookies = page.seconds, page.first_byte_s, page.cookies
        info = parse_page(page.html)
        tab.kernel_id = v.kernel_id = info.kernel_id
        if page.status != 200 or info.kernel_id is None:
            v.status = "failed"
            v.reason = f"HTTP {page.status}" + ("" if info.kernel_id else ", inget kärn-id i sidan")
            return
        if info.error or info.widget_views == 0:
            v.status = "error" if info.error else "blank"
            v.reason = "felruta i sidan" if info.error else "ingen widgetvy i sidan"
        tab.step = "kärnans modell"
        status = await kernel_model(self.http, self.base, info.kernel_id, tab.cookies, SOCKET_TIMEOUT_S)
        if status != 200:
            v.status, v.reason = "failed", f"GET /api/kernels/<id>: HTTP {status}"
            return
        tab.step = "websocket"
        tab.sock = await KernelSocket.connect(self.ws_base, info.kernel_id, tab.cookies, SOCKET_TIMEOUT_S)
        tab.sock.send(tab.sock.message("kernel_info_request", {}))  # as the page's kernel connection does
        tab.step = "widgettillstånd"
        states = await tab.sock.request_states(STATES_TIMEOUT_S)
        v.widgets_s, v.models = time.perf_counter() - start, len(states)
        if v.status == "pending":
            v.status, v.reason = ("ok", "") if states else ("blank", "inga widgettillstånd")
        pick = pick_change(states, self.rng) if change and v.status == "ok" else None
        if pick is not None:
            tab.step = "ändringen"
            model_id, v.widget, state = pick
            result = await tab.sock.change(model_id, state, CHANGE_TIMEOUT_S)
            v.change_ms, v.change_updates = result["ms"], result["updates"]
            if result["errors"]:
                v.status, v.reason = "error", f"fel i kärnan efter ändring av {v.widget}"

    async def _leave(self, v: Visit, tab: _Tab, shutdown_kernel: bool) -> None:
        try:
            if tab.sock is not None:
                await tab.sock.close()
            if shutdown_kernel and tab.kernel_id:
                v.shutdown_status = await shutdown(self.http, self.base, tab.kernel_id, tab.cookies)
        except Exception:  # the server then culls the kernel
            v.shutdown_status = v.shutdown_status or 599
        finally:
            self.present -= 1


@dataclass
class _Tab:
    """What one open page holds: its kernel, its socket, the cookies it got, and the step it is at."""

    kernel_id: str | None = None
    sock: KernelSocket | None = None
    cookies: dict[str, str] = field(default_factory=dict)
    step: str = "sidan"


async def browser_visits(crowd: Crowd, plan: list[list[tuple[float, str]]], out: list[dict]) -> None:
    """Real Chromium contexts (one per planned participant), each opening its pages at the planned times."""
    path = chromium_path()
    if path is None:
        out.append({"status": "failed", "reason": "Chromium saknas"})
        return
    from playwright.async_api import async_playwright

    from .browser import SHUTDOWN_JS

    async def participant(browser, pages: list[tuple[float, str]]) -> None:
        context = await browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
        try:
            for planned, notebook in pages:
                await crowd.until(planned)
                r = {"notebook": notebook, "planned_s": planned, "started_s": round(crowd.now(), 3)}
                crowd.present += 1
                r["present"], r["kernels_at_start"] = crowd.present, crowd.kernels()
                page = await context.new_page()
                try:
                    start = time.perf_counter()
                    url = f"{crowd.base}/voila/render/{notebook}"
                    await page.goto(url, wait_until="domcontentloaded", timeout=BROWSER_TIMEOUT_MS)
                    await page.wait_for_selector(
                        WIDGETS_SELECTOR, state="visible", timeout=BROWSER_TIMEOUT_MS
                    )
                    await page.wait_for_function(RENDERED_JS, timeout=BROWSER_TIMEOUT_MS)
                    r["render_s"] = round(time.perf_counter() - start, 3)
                    error = await page.locator(ERROR_SELECTOR).count() > 0
                    r["status"], r["reason"] = ("error", "felruta i sidan") if error else ("ok", "")
                    r["shutdown_status"] = await page.evaluate(SHUTDOWN_JS, await page.evaluate(KERNEL_ID_JS))
                except Exception as exc:  # a page that never showed its widgets
                    r["status"], r["reason"] = "failed", f"{type(exc).__name__}: {str(exc)[:160]}"
                finally:
                    crowd.present -= 1
                    await page.close()
                out.append(r)
        finally:
            await context.close()

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            await asyncio.gather(*(participant(browser, pages) for pages in plan))
        finally:
            await browser.close()
