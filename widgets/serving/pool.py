"""Preheated kernel pools that fill in order, check what they preheated, and never hand out a broken page.

Voilà's pool (``voila.voila_kernel_manager``) starts a kernel per notebook, executes the notebook into HTML and
hands the result to the next visitor as it is. Three things went wrong with that on a small server:

* every pool fills at once at start-up (ten kernels executing on two cores), and refills compete with visitors;
* nbclient waits only ``iopub_timeout`` (4 s) after a cell's ``execute_reply`` for the cell's IOPub messages.
  A page of several hundred widget models on a busy machine needs longer; nbclient then logs "Timeout waiting for
  IOPub output", drops the rest of the cell's output — the ``display_data`` with the app's widget view comes last —
  and the page is served with its header and footer and nothing between them;
* a pool kernel whose preheat failed is handed to the next visitor anyway;
* the refill of a pool starts the moment a visitor takes its kernel (``fill_delay``), so the new kernel's start-up
  (one to two seconds of CPU for its imports) competes with the visitor's page, which is still executing what
  comes after ``wait_for_visit()``: a preheated module page took longer than a cold one.

:func:`course_pool_class` extends Voilà's class: fills go through a :class:`~widgets.serving.fills.FillQueue`
(``max_concurrent_fills`` at once, ``fill_order`` first, a visitor's notebook before the rest); a fill holds its slot
until the kernel has preheated (its render is done, or it waits for its visitor in ``wait_for_visit()``); a
finished render is checked (a widget view, no error) and a broken or stuck pool kernel is shut down and replaced
(after ``max_failures`` failures in a row the notebook gets cold kernels instead); a refill starts when the handed-out
page has finished rendering (:func:`after_render`), at the latest ``refill_after_s`` later. The IOPub wait itself is set in
``config/voila.json`` (``VoilaExecutor.iopub_timeout``, ``raise_on_iopub_timeout``), so a late output becomes an
error page that the template's watchdog recovers from, never a silent blank page.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from typing import Any

from traitlets import Float, Integer, List, Unicode

from .fills import FillQueue

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
ERROR_MARKERS = ("dk-cell-error", 'data-mime-type="application/vnd.jupyter.stderr"')

#: kernel id → set when that preheated kernel waits for its visitor (its ``/voila/query`` websocket opened).
_visitor_waits: dict[str, asyncio.Event] = {}


def kernel_waits_for_visitor(kernel_id: str) -> None:
    """Called by the query websocket handler when a preheated kernel starts waiting for its page's visitor."""
    _visitor_waits.setdefault(kernel_id, asyncio.Event()).set()


def _wait_event(kernel_id: str) -> asyncio.Event:
    return _visitor_waits.setdefault(kernel_id, asyncio.Event())


def after_render(task: asyncio.Future, action: Callable[[], None], latest_s: float) -> None:
    """Call ``action`` once, when ``task`` is done or after ``latest_s`` seconds, whichever comes first.

    Used for refills: a visitor's page first, then the next pool kernel's start-up. The fallback keeps a page
    whose render hangs (its watchdog reloads it) from leaving its pool empty.
    """
    loop = asyncio.get_running_loop()
    done = False

    def once(*_args: object) -> None:
        nonlocal done
        if not done:
            done = True
            timer.cancel()
            action()

    timer = loop.call_later(latest_s, once)
    task.add_done_callback(lambda _t: loop.call_soon(once))


def render_problem(html: str, require_widget_view: bool = True) -> str | None:
    """Why a finished preheated page must not be served (``None`` if it may)."""
    for marker in ERROR_MARKERS:
        if marker in html:
            return "the page shows an error"
    if require_widget_view and WIDGET_VIEW_MIME not in html:
        return "the page has no widget view (its output was lost)"
    return None


def course_pool_class(base: type) -> type:
    """The course's pool manager on top of Voilà's ``VoilaKernelManager`` class ``base``."""

    class CoursePoolManager(base):
        fill_order = List(
            Unicode(),
            config=True,
            help="Notebooks whose pools are filled first, most used first (the rest follow in any order).",
        )
        max_concurrent_fills = Integer(
            0, config=True, help="Pool kernels preheating at once (0: one per CPU core)."
        )
        preheat_timeout = Float(
            90.0,
            config=True,
            help="Seconds a pool kernel may take to preheat before it is discarded as stuck.",
        )
        refill_after_s = Float(
            10.0,
            config=True,
            help="A pool is refilled when the page handed out from it has rendered, at the latest after this.",
        )
        max_failures = Integer(
            3,
            config=True,
            help="Failed preheats in a row after which a notebook's visitors get cold kernels instead.",
        )

        def __init__(self, **kwargs: Any) -> None:
            # Voilà's __init__ schedules the first fills; they run once the event loop does, after this returns.
            self._fill_queue: FillQueue | None = None
            self._failures: dict[str, int] = {}
            self._ready: dict[str, int] = {}  # preheated kernels waiting in each pool
            self._background: set[asyncio.Task] = set()
            super().__init__(**kwargs)

        def _spawn(self, coro) -> None:
            task = asyncio.ensure_future(coro)
            self._background.add(task)
            task.add_done_callback(self._background.discard)

        @property
        def fill_queue(self) -> FillQueue:
            if self._fill_queue is None:
                limit = self.max_concurrent_fills or os.cpu_count() or 1
                self._fill_queue = FillQueue(limit, list(self.fill_order), lambda nb: self._ready.get(nb, 0))
            return self._fill_queue

        # -- filling -------------------------------------------------------------------------------------------

        def fill_if_needed(self, delay=None, notebook_name=None, **kwargs) -> None:
            if self._failures.get(notebook_name, 0) >= self.max_failures:
                return
            super().fill_if_needed(delay=delay, notebook_name=notebook_name, **kwargs)

        async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kwargs: Any) -> dict:
            if kernel_id is not None:  # a restarted kernel re-runs its notebook outside the pool's queue
                return await super()._initialize(notebook_path, kernel_id, **kwargs)
            queue = self.fill_queue
            await queue.acquire(notebook_path)
            try:
                content = await super()._initialize(notebook_path, None, **kwargs)
            except BaseException:
                queue.release(notebook_path)
                raise
            self._spawn(self._preheat(notebook_path, content))
            return content

        async def _preheat(self, notebook_path: str, content: dict) -> None:
            """Hold the fill's slot until the kernel has preheated; discard it if it broke or got stuck."""
            kernel_id = content["kernel_id"]
            task: asyncio.Task = content["task"]
            started = time.monotonic()
            waiting = asyncio.ensure_future(_wait_event(kernel_id).wait())
            try:
                await asyncio.wait(
                    {task, waiting}, timeout=self.preheat_timeout, return_when=asyncio.FIRST_COMPLETED
                )
                problem = None
                # A visitor may already have it (popped while preheating): then the page's watchdog takes over.
                if not content["renderer"].stop_generator:
                    problem = self._problem(content)
                    if problem is None and not task.done() and not _wait_event(kernel_id).is_set():
                        problem = f"it did not preheat within {self.preheat_timeout:g} s"
                    if problem is None:
                        self._count_ready(notebook_path, content, +1)
                        self.log.info(
                            "Preheated %s for %s in %.1f s",
                            kernel_id,
                            notebook_path,
                            time.monotonic() - started,
                        )
                        self._failures.pop(notebook_path, None)
                        task.add_done_callback(lambda _t: self._check_unused(notebook_path, content))
            finally:
                waiting.cancel()
                self.fill_queue.release(notebook_path)
            if problem is not None:
                await self._discard(notebook_path, content, problem)

        def _count_ready(self, notebook_path: str, content: dict, change: int) -> None:
            """Keep ``_ready`` (what the fill queue orders by): +1 when preheated, -1 when it leaves the pool."""
            if change > 0:
                content["dk_ready"] = True
            elif not content.pop("dk_ready", False):
                return
            self._ready[notebook_path] = max(0, self._ready.get(notebook_path, 0) + change)

        def _problem(self, content: dict) -> str | None:
            task: asyncio.Task = content["task"]
            if not task.done():
                return None
            if task.cancelled() or task.exception() is not None:
                return (
                    f"its render failed ({task.exception()!r})"
                    if not task.cancelled()
                    else "its render was cancelled"
                )
            return render_problem("".join(content["renderer"].rendered_cache))

        def _check_unused(self, notebook_path: str, content: dict) -> None:
            """A waiting pool kernel whose render ends before any visitor came (it died, or its cell failed)."""
            if content["renderer"].stop_generator:
                return  # handed to a visitor: the page's own watchdog takes it from here
            problem = self._problem(content)
            if problem is not None:
                self._spawn(self._discard(notebook_path, content, problem))

        async def _discard(self, notebook_path: str, content: dict, problem: str) -> None:
            kernel_id = content["kernel_id"]
            self._count_ready(notebook_path, content, -1)
            failures = self._failures.get(notebook_path, 0) + 1
            self._failures[notebook_path] = failures
            self.log.warning(
                "Discarding pool kernel %s for %s: %s (failure %d of %d)",
                kernel_id,
                notebook_path,
                problem,
                failures,
                self.max_failures,
            )
            _visitor_waits.pop(kernel_id, None)
            try:
                await self.shutdown_kernel(kernel_id, now=True)  # also takes it out of the pool
            except Exception:
                self.log.exception("Could not shut down discarded kernel %s", kernel_id)
            if failures >= self.max_failures:
                self.log.error(
                    "Preheating %s failed %d times in a row: its visitors get cold kernels.",
                    notebook_path,
                    failures,
                )
            self.fill_if_needed(delay=min(2.0 * failures, 10.0), notebook_name=notebook_path)

        # -- handing out ---------------------------------------------------------------------------------------

        async def get_rendered_notebook(
            self, notebook_name: str, extra_kernel_env_variables: dict | None = None, **kwargs
        ):
            """The next good preheated page of ``notebook_name``; broken ones are shut down, never served."""
            extra = extra_kernel_env_variables or {}
            queue = self.fill_queue
            queue.visitor_waiting(notebook_name)
            try:
                for _attempt in range(self.max_failures + 1):
                    pool = self._pools.get(notebook_name) or []
                    if (
                        not pool
                    ):  # the pool emptied while this visitor waited: make one now, first in the queue
                        super().fill_if_needed(delay=0, notebook_name=notebook_name, **kwargs)
                        pool = self._pools.get(notebook_name) or []
                    try:
                        content = await pool.pop(0)
                    except Exception as exc:
                        self._failures[notebook_name] = self._failures.get(notebook_name, 0) + 1
                        self.log.warning("A pool kernel for %s could not be started: %r", notebook_name, exc)
                        continue
                    problem = self._problem(content)
                    if problem is not None:
                        await self._discard(notebook_name, content, problem)
                        continue
                    renderer = content["renderer"]
                    renderer.stop_generator = True
                    self._count_ready(notebook_name, content, -1)
                    kernel_id = content["kernel_id"]
                    _visitor_waits.pop(kernel_id, None)
                    self.log.info("Using pre-heated kernel: %s for %s", kernel_id, notebook_name)
                    after_render(
                        content["task"],
                        lambda: self.fill_if_needed(
                            delay=None,
                            notebook_name=notebook_name,
                            extra_kernel_env_variables=extra,
                            **kwargs,
                        ),
                        self.refill_after_s,
                    )
                    return content["task"], renderer.rendered_cache, kernel_id
            finally:
                queue.visitor_served(notebook_name)
            raise RuntimeError(f"No pre-heated kernel could be made for {notebook_name}")

    return CoursePoolManager
