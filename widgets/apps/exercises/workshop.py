"""A timed workshop format (1-2-4-All): the visible timer, Starta/Pausa/steps, and notes per step.

The time shown is updated every second in a plain text area that is *not* a live region; screen readers hear
only the announcements of :class:`~widgets.exercises.workshop.WorkshopClock` (a step started or paused, one
minute left, time up) in a separate status line. The ticking is a ``threading.Timer`` chain, as the lärlogg's
autosave, and stops when time is up or the step is paused; tests pass their own ``clock`` and ``schedule``.

With ``group_board`` in the content and the course's JupyterHub, the notes are the group's board
(:class:`~widgets.apps.groupwork.GroupBoard`, its round following the timer); elsewhere a notice says where the
board is and the personal notes per step stay as they are."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from ... import fmt
from ...exercises import Workshop
from ...exercises.workshop import WorkshopClock, clock_text
from ...store import PersonalStore
from ...store.shared import BoardNote
from ...ui.controls import button, html, message
from ...ui.feedback import Message
from ...ui.html import tag
from ._common import ExerciseBox
from .canvas import _field

if TYPE_CHECKING:
    from ..groupwork import GroupBoard


def _threading_schedule(delay: float, callback: Callable[[], None]):
    timer = threading.Timer(delay, callback)
    timer.daemon = True
    timer.start()
    return timer


def minutes_text(minutes: float) -> str:
    return f"{fmt.number(minutes, 0 if float(minutes).is_integer() else 1)} {'minut' if minutes == 1 else 'minuter'}"


class WorkshopWidget(ExerciseBox):
    """The steps with their instructions and notes; one timer for the step that runs."""

    exercise: Workshop

    def __init__(
        self,
        module: str,
        exercise: Workshop,
        store: PersonalStore,
        on_change=None,
        *,
        clock: Callable[[], float] = time.monotonic,
        schedule=_threading_schedule,
        shared: object | None = None,
    ) -> None:
        super().__init__(module, exercise, store, on_change)
        self.shared = shared
        self.board: GroupBoard | None = None  # built with the controls when the content asks for a board
        self.timer = WorkshopClock(exercise)
        self._clock = clock
        self._schedule = schedule
        self._pending = None
        self._lock = threading.Lock()
        self.notes: dict[str, w.Textarea] = {}

    def build_body(self) -> list[w.Widget]:
        self.step_line = html()
        self.time_line = html()  # not a live region: read when visited, never announced every second
        self.announce: Message = message()
        self.start_button = button("Starta", button_style="primary")
        self.pause_button = button("Pausa")
        self.previous_button = button("Föregående steg")
        self.next_button = button("Nästa steg")
        self.start_button.on_click(lambda _: self.start())
        self.pause_button.on_click(lambda _: self.pause())
        self.previous_button.on_click(lambda _: self.go(self.timer.index - 1))
        self.next_button.on_click(lambda _: self.go(self.timer.index + 1))
        controls = w.HBox(
            [self.start_button, self.pause_button, self.previous_button, self.next_button],
            layout=w.Layout(flex_flow="row wrap"),
        )
        parts: list[w.Widget] = [
            html(tag("h4", "Timer")),
            self.step_line,
            self.time_line,
            self.announce,
            controls,
        ]
        if self.exercise.group_board is not None:
            self.board = self._board()
        if self.board is not None and self.board.available:
            # On the hub the notes are the group's board; each note is also kept in the participant's own
            # answers (the step's latest), so the progress line and the lärlogg's export still count them.
            parts.append(html(tag("h4", "Stegen")))
            for i, step in enumerate(self.exercise.steps, 1):
                parts.append(html(self._step_html(i, step)))
            parts.append(self.board)
            self.refresh()
            return parts
        if self.board is not None:
            parts.append(self.board)  # outside the hub: where the group's board is
        parts.append(html(tag("h4", "Stegen och dina anteckningar")))
        for i, step in enumerate(self.exercise.steps, 1):
            parts.append(html(self._step_html(i, step)))
            notes = _field(
                w.Textarea(
                    description=f"Anteckningar, steg {i}: {step.title}",
                    rows=3,
                    continuous_update=False,
                    layout=w.Layout(width="100%"),
                )
            )
            notes.observe(self._saver(step.id), names="value")
            self.notes[step.id] = notes
            parts.append(notes)
        self.refresh()
        return parts

    @staticmethod
    def _step_html(number: int, step) -> str:
        return tag("h5", f"Steg {number}: {step.title} ({minutes_text(step.minutes)})") + tag(
            "p", step.instruction
        )

    def _board(self) -> GroupBoard:
        from ..groupwork import BoardStep, GroupBoard, group_work  # the group tools import this package

        spec = self.exercise.group_board
        assert spec is not None
        ids = [s.id for s in self.exercise.steps]
        first_shared = ids.index(spec.shared_from) if spec.shared_from in ids else 0
        steps = [
            BoardStep(s.id, s.title, private=i < first_shared) for i, s in enumerate(self.exercise.steps)
        ]
        intro = None
        if group_work(self.shared) is not None:
            intro = "Skriv lappar i det steg som pågår; steget följer timern."
            if first_shared:
                intro += (
                    f" Lappar i stegen före ”{self.exercise.steps[first_shared].title}” är privata tills du delar "
                    "dem med gruppen."
                )
        return GroupBoard(
            self.shared, self.exercise.id, steps=steps, dots=spec.dots, intro=intro, on_posted=self._posted
        )

    def _posted(self, note: BoardNote) -> None:
        if note.step is not None:
            self.record(note.step, note.text)

    def load(self) -> None:
        super().load()
        if self.board is not None:
            self.board.load()

    # --- the timer ---------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the step and the time left (called on every tick and action)."""
        now = self._clock()
        t = self.timer
        total = len(self.exercise.steps)
        self.step_line.value = tag(
            "p", raw=tag("strong", f"Steg {t.index + 1} av {total}: ") + tag("span", t.step.title)
        )
        state = "går" if t.running else ("slut" if t.remaining(now) <= 0 else "stoppad")
        self.time_line.value = tag("p", clock_text(t.remaining(now)), cls="dk-timer") + tag(
            "p", f"Tiden {state}.", cls="dk-muted"
        )
        if self.board is not None and self.board.available and self.board.step.value != t.step.id:
            self.board.step.value = t.step.id  # the board's round follows the timer
        self.previous_button.disabled = t.index == 0
        self.next_button.disabled = t.last
        self.start_button.disabled = t.running
        self.pause_button.disabled = not t.running

    def _say(self, text: str | None) -> None:
        if text:
            self.announce.info(text)

    def start(self) -> None:
        with self._lock:
            self._say(self.timer.start(self._clock()))
            self.refresh()
            self._arm()

    def pause(self) -> None:
        with self._lock:
            self._cancel()
            self._say(self.timer.pause(self._clock()))
            self.refresh()

    def go(self, index: int) -> None:
        if not 0 <= index < len(self.exercise.steps):
            return
        with self._lock:
            self._cancel()
            self._say(self.timer.go_to(index))
            self.refresh()

    def tick(self) -> None:
        """One second has passed: redraw, say what is due, and keep ticking while the step runs."""
        with self._lock:
            self._pending = None
            self._say(self.timer.announcement(self._clock()))
            self.refresh()
            if self.timer.running:
                self._arm()

    def _arm(self) -> None:
        if self._pending is None and self.timer.running:
            self._pending = self._schedule(1.0, self.tick)

    def _cancel(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    # --- notes ---------------------------------------------------------------------------------------------------

    def _note(self, step_id: str) -> str:
        value = self.saved_value(step_id)
        return value if isinstance(value, str) else ""

    def _saver(self, step_id: str):
        def on_value(change) -> None:
            if change["new"] != self._note(step_id):  # equal: shown by show(), saved already
                self.record(step_id, change["new"])

        return on_value

    def show(self, answers) -> None:
        for step_id, control in self.notes.items():
            control.value = self._note(step_id)

    def _reset(self) -> None:
        self.go(0)
        super()._reset()

    def status_text(self, done: int, total: int) -> str:
        return f"Anteckningar i {done} av {total} steg."
