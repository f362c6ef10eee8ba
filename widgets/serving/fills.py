"""Which preheated kernel is filled next: a bounded number at once, in the course's order, visitors first.

Voilà starts one pool kernel per notebook at once when the server starts, and each of them executes its notebook
at the same moment: on two cores ten kernels compete, every page takes several times longer to preheat, and the
IOPub messages of a big page (hundreds of widget models) arrive late (see :mod:`widgets.serving.pool`). The
:class:`FillQueue` lets at most ``limit`` fills run; the others wait in priority order, and a notebook that a
visitor is waiting for jumps ahead of the rest.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field


@dataclass(order=True)
class _Waiter:
    priority: tuple[int, int]
    seq: int
    notebook: str = field(compare=False)
    future: asyncio.Future = field(compare=False)


class FillQueue:
    """At most ``limit`` fills hold a slot; waiting fills get one in order of (urgency, rank, arrival)."""

    def __init__(self, limit: int, order: list[str] | None = None) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self._rank = {name: i for i, name in enumerate(order or [])}
        self._running = 0
        self._waiting: list[_Waiter] = []
        self._urgent: dict[str, int] = {}
        self._seq = itertools.count()

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> list[str]:
        """Notebooks waiting for a slot, in the order they will get one."""
        return [w.notebook for w in sorted(self._waiting)]

    def _priority(self, notebook: str) -> tuple[int, int]:
        urgent = 0 if self._urgent.get(notebook, 0) > 0 else 1
        return (urgent, self._rank.get(notebook, len(self._rank)))

    async def acquire(self, notebook: str) -> None:
        """Wait for a slot for a fill of ``notebook``.

        Slots are handed out on the next turn of the event loop, so fills requested together (all pools at
        start-up) are ordered by priority rather than by who asked first.
        """
        loop = asyncio.get_running_loop()
        waiter = _Waiter(self._priority(notebook), next(self._seq), notebook, loop.create_future())
        self._waiting.append(waiter)
        loop.call_soon(self._dispatch)
        try:
            await waiter.future
        except asyncio.CancelledError:
            if waiter in self._waiting:
                self._waiting.remove(waiter)
            elif waiter.future.done() and not waiter.future.cancelled():
                self.release()  # the slot was granted just as we were cancelled
            raise

    def release(self) -> None:
        """Give a slot back; the first waiter in priority order gets it."""
        self._running -= 1
        self._dispatch()

    def _dispatch(self) -> None:
        while self._waiting and self._running < self.limit:
            waiter = min(self._waiting)
            self._waiting.remove(waiter)
            if waiter.future.done():
                continue
            self._running += 1
            waiter.future.set_result(None)

    def visitor_waiting(self, notebook: str) -> None:
        """A visitor waits for ``notebook``: its fills go before every other waiting fill."""
        self._urgent[notebook] = self._urgent.get(notebook, 0) + 1
        self._reprioritise(notebook)

    def visitor_served(self, notebook: str) -> None:
        left = self._urgent.get(notebook, 0) - 1
        if left > 0:
            self._urgent[notebook] = left
        else:
            self._urgent.pop(notebook, None)
        self._reprioritise(notebook)

    def _reprioritise(self, notebook: str) -> None:
        for waiter in self._waiting:
            if waiter.notebook == notebook:
                waiter.priority = self._priority(notebook)
