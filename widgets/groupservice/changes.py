"""Wake-ups for long polls: a write notifies keys (``("poll", 7)``, ``("polls",)``), and requests waiting on any
of those keys return at once instead of at their timeout.

Writes run in FastAPI's thread pool and waiters on the event loop, so :meth:`Changes.notify` hands the wake-up to
the loop with ``call_soon_threadsafe``. One service process holds all waiters (the hub runs one)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Hashable, Iterable, Iterator


class Changes:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: dict[Hashable, set[asyncio.Event]] = {}

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def notify(self, *keys: Hashable) -> None:
        """Wake every waiter on one of ``keys`` (callable from any thread)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._fire, keys)

    def _fire(self, keys: Iterable[Hashable]) -> None:
        for key in keys:
            for event in self._waiters.get(key, ()):
                event.set()

    @contextlib.contextmanager
    def watch(self, keys: Iterable[Hashable]) -> Iterator[asyncio.Event]:
        """An event set by the next notify of one of ``keys``; register before reading, so nothing is missed."""
        event = asyncio.Event()
        keys = list(keys)
        for key in keys:
            self._waiters.setdefault(key, set()).add(event)
        try:
            yield event
        finally:
            for key in keys:
                waiting = self._waiters.get(key)
                if waiting is not None:
                    waiting.discard(event)
                    if not waiting:
                        del self._waiters[key]
