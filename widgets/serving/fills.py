"""Which preheated kernel is filled next: a bounded number at once, in the course's order, visitors first.

Voilà starts one pool kernel per notebook at once when the server starts, and each of them executes its notebook
at the same moment: on two cores ten kernels compete, every page takes several times longer to preheat, and the
IOPub messages of a big page (hundreds of widget models) arrive late (see :mod:`widgets.serving.pool`). The
:class:`FillQueue` lets at most ``limit`` fills run. A free slot goes to the waiting fill of a notebook a visitor
is waiting for; else to the notebook with the fewest kernels ready or preheating (every page gets its first
kernel before any page gets its second); then by the course's order; then first come, first served.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Waiter:
    notebook: str
    seq: int
    future: asyncio.Future


class FillQueue:
    """At most ``limit`` fills hold a slot; ``depth(notebook)`` tells how many preheated kernels a notebook has
    ready (fills holding a slot are counted here)."""

    def __init__(
        self, limit: int, order: list[str] | None = None, depth: Callable[[str], int] | None = None
    ) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self._rank = {name: i for i, name in enumerate(order or [])}
        self._depth = depth or (lambda _notebook: 0)
        self._running = 0
        self._held: dict[str, int] = {}
        self._waiting: list[_Waiter] = []
        self._urgent: dict[str, int] = {}
        self._seq = itertools.count()

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> list[str]:
        """Notebooks waiting for a slot, in the order they would get one now."""
        return [w.notebook for w in sorted(self._waiting, key=self._key)]

    def _key(self, waiter: _Waiter) -> tuple[int, int, int, int]:
        name = waiter.notebook
        urgent = 0 if self._urgent.get(name, 0) > 0 else 1
        depth = self._depth(name) + self._held.get(name, 0)
        return (urgent, depth, self._rank.get(name, len(self._rank)), waiter.seq)

    async def acquire(self, notebook: str) -> None:
        """Wait for a slot for a fill of ``notebook``.

        Slots are handed out on the next turn of the event loop, so fills requested together (all pools at
        start-up) are ordered by priority rather than by who asked first.
        """
        loop = asyncio.get_running_loop()
        waiter = _Waiter(notebook, next(self._seq), loop.create_future())
        self._waiting.append(waiter)
        loop.call_soon(self._dispatch)
        try:
            await waiter.future
        except asyncio.CancelledError:
            if waiter in self._waiting:
                self._waiting.remove(waiter)
            elif waiter.future.done() and not waiter.future.cancelled():
                self.release(notebook)  # the slot was granted just as we were cancelled
            raise

    def release(self, notebook: str) -> None:
        """Give back the slot of a fill of ``notebook``; the first waiter in priority order gets it."""
        self._running -= 1
        held = self._held.get(notebook, 0) - 1
        if held > 0:
            self._held[notebook] = held
        else:
            self._held.pop(notebook, None)
        self._dispatch()

    def _dispatch(self) -> None:
        while self._waiting and self._running < self.limit:
            waiter = min(self._waiting, key=self._key)
            self._waiting.remove(waiter)
            if waiter.future.done():
                continue
            self._running += 1
            self._held[waiter.notebook] = self._held.get(waiter.notebook, 0) + 1
            waiter.future.set_result(None)

    def visitor_waiting(self, notebook: str) -> None:
        """A visitor waits for ``notebook``: its fills go before every other waiting fill."""
        self._urgent[notebook] = self._urgent.get(notebook, 0) + 1

    def visitor_served(self, notebook: str) -> None:
        left = self._urgent.get(notebook, 0) - 1
        if left > 0:
            self._urgent[notebook] = left
        else:
            self._urgent.pop(notebook, None)
