"""The timer of a workshop format (e.g. 1-2-4-All): which step runs, how long is left, paused or not.

Pure and clock-free: every method takes ``now`` (seconds, e.g. ``time.monotonic()``), so tests step time by
hand and the view decides when to look. What a screen reader should hear is :meth:`WorkshopClock.announcement`:
only a step starting, pausing, a minute left and time up — never every second."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Workshop


def clock_text(seconds: float) -> str:
    """``7:05`` (minutes:seconds, rounded up so the last second shows 0:01, then 0:00)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def spoken(seconds: float) -> str:
    """``1 minut och 30 sekunder`` for announcements (no colon a screen reader reads as a ratio)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, rest = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} {'minut' if minutes == 1 else 'minuter'}")
    if rest or not parts:
        parts.append(f"{rest} {'sekund' if rest == 1 else 'sekunder'}")
    return " och ".join(parts)


@dataclass
class WorkshopClock:
    """State of the timer. ``index`` is the current step; time runs only between start and pause."""

    workshop: Workshop
    index: int = 0
    elapsed: float = 0.0  # seconds run in the current step before ``started_at``
    started_at: float | None = None  # None: paused or not started
    _warned: bool = False
    _ended: bool = False

    @property
    def step(self):
        return self.workshop.steps[self.index]

    @property
    def length(self) -> float:
        return self.step.minutes * 60

    @property
    def running(self) -> bool:
        return self.started_at is not None

    @property
    def last(self) -> bool:
        return self.index == len(self.workshop.steps) - 1

    def run_time(self, now: float) -> float:
        return self.elapsed + (now - self.started_at if self.started_at is not None else 0.0)

    def remaining(self, now: float) -> float:
        return max(0.0, self.length - self.run_time(now))

    def start(self, now: float) -> str:
        if self.remaining(now) <= 0:
            self.elapsed, self._warned, self._ended = 0.0, False, False
        if self.started_at is None:
            self.started_at = now
        return f"Steg {self.index + 1}, {self.step.title}: {spoken(self.remaining(now))} kvar. Tiden går."

    def pause(self, now: float) -> str:
        if self.started_at is not None:
            self.elapsed = self.run_time(now)
            self.started_at = None
        return f"Pausad med {spoken(self.remaining(now))} kvar av steg {self.index + 1}."

    def go_to(self, index: int) -> str:
        """Jump to a step (stopped, full time): "Nästa steg" and choosing a step."""
        if not 0 <= index < len(self.workshop.steps):
            raise IndexError(index)
        self.index, self.elapsed, self.started_at = index, 0.0, None
        self._warned = self._ended = False
        return (
            f"Steg {index + 1} av {len(self.workshop.steps)}: {self.step.title}, "
            f"{spoken(self.length)}. Tryck på Starta när ni är redo."
        )

    def announcement(self, now: float) -> str | None:
        """What to say now, once each: a minute left (in steps longer than two minutes), then time up (the
        clock stops itself at zero). None in between."""
        left = self.remaining(now)
        if self.running and left <= 0 and not self._ended:
            self._ended = True
            self.elapsed, self.started_at = self.length, None
            after = "Det var sista steget." if self.last else "Gå vidare till nästa steg när ni är klara."
            return f"Tiden är slut för steg {self.index + 1}, {self.step.title}. {after}"
        if self.running and self.length > 120 and left <= 60 and not self._warned:
            self._warned = True
            return f"En minut kvar av steg {self.index + 1}."
        return None
