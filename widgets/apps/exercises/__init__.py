"""Exercise widgets built from ``exercises/<module>.yaml``: one widget family per module, all saving every answer
to the participant's personal store as it is given.

:func:`exercise_widget` picks the widget for an exercise; :class:`ExercisesSection` shows a module's exercises
(reflection prompts excluded: those live in the lärlogg widget) with the module's progress in words."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ...exercises import (
    Canvas,
    Likert,
    ModuleContent,
    Ordering,
    Quiz,
    Scan,
    Scenario,
    Workshop,
    module_progress,
)
from ...store import PersonalStore
from ...ui.controls import html, message
from ...ui.feedback import guarded
from ...ui.html import tag
from ._common import ExerciseBox, Openable
from .canvas import CanvasWidget
from .group import ExerciseGroupWidget
from .likert import LikertWidget
from .ordering import OrderingWidget
from .quiz import QuizWidget
from .scan import ScanWidget
from .scenario import ScenarioWidget
from .workshop import WorkshopWidget

__all__ = [
    "CanvasWidget",
    "ExerciseBox",
    "ExerciseGroupWidget",
    "ExercisesSection",
    "LikertWidget",
    "Openable",
    "OrderingWidget",
    "QuizWidget",
    "ScanWidget",
    "ScenarioWidget",
    "WorkshopWidget",
    "exercise_widget",
    "progress_text",
]

WIDGETS = {
    Quiz: QuizWidget,
    Ordering: OrderingWidget,
    Likert: LikertWidget,
    Scenario: ScenarioWidget,
    Canvas: CanvasWidget,
    Workshop: WorkshopWidget,
    Scan: ScanWidget,
}


#: Exercise types whose widget takes the shared store (a group board on the course's JupyterHub).
WITH_BOARD = (Workshop, Scan, Scenario)


def exercise_widget(
    module: str, exercise, store: PersonalStore, on_change=None, shared: object | None = None
) -> ExerciseBox | None:
    """The widget for one exercise (None for a reflection prompt: the lärlogg widget answers those). ``shared``
    (the page's shared store) gives workshops, scans and scenarios their group board on the hub."""
    for kind, widget_class in WIDGETS.items():
        if isinstance(exercise, kind):
            if isinstance(exercise, WITH_BOARD):
                return widget_class(module, exercise, store, on_change, shared=shared)
            return widget_class(module, exercise, store, on_change)
    return None


def progress_text(done: int, total: int) -> str:
    """``3 av 5 klara``."""
    return f"{done} av {total} klara"


class ExercisesSection(w.VBox):
    """A module's exercises under one heading, with "Dina framsteg" counted over exercises and reflections."""

    def __init__(
        self,
        content: ModuleContent,
        store: PersonalStore,
        tools_below: bool = False,
        shared: object | None = None,
    ) -> None:
        self.content = content
        self.store = store
        self.shared = shared  # the page's shared store: group boards on the course's JupyterHub
        self.progress = html()
        self.message = message()
        self.widgets: list[ExerciseBox | ExerciseGroupWidget] = []  # the page's openers, in order
        self._loaded = False
        #: Called with (complete, exercises) after each refresh (the hub shares them when the participant chose to).
        self.on_progress: Callable[[int, int], None] | None = None
        placed = set()
        for exercise in content.exercises:
            group = content.group_of(exercise.id)
            if group is None:
                widget = exercise_widget(
                    content.module, exercise, store, on_change=self.refresh_progress, shared=shared
                )
                if widget is not None:
                    self.widgets.append(widget)
            elif group.title not in placed:  # the group stands where its first exercise is
                placed.add(group.title)
                self.widgets.append(self._group(group))
        text = (
            "Öppna en övning med dess knapp. Dina svar sparas i din egen lärlogg när du svarar, så att de "
            "finns kvar nästa gång. Du kan svara flera gånger; det senaste svaret gäller."
            if self.widgets
            else "Övningarna på den här sidan finns längre ned, före reflektionsfrågorna."
            if tools_below
            else "Den här sidan har bara reflektionsfrågor (nedan)."
        )
        heading = html(tag("h2", "Övningar") + tag("p", text))
        super().__init__([heading, self.progress, self.message, *self.widgets])
        self.add_class("dk-exercises")

    def _group(self, group) -> ExerciseGroupWidget:
        holder: list[ExerciseGroupWidget] = []

        def make(exercise):
            return exercise_widget(
                self.content.module, exercise, self.store, on_change=holder[0].changed, shared=self.shared
            )

        widget = ExerciseGroupWidget(self.content, group, self.store, make, on_change=self.refresh_progress)
        holder.append(widget)
        return widget

    def load(self) -> None:
        """Read earlier answers (after the visit has started) and show the module's progress."""
        self._loaded = True
        for widget in self.widgets:
            widget.load()
        self.refresh_progress()

    def counts(self) -> tuple[int, int]:
        """(exercises complete, exercises) for the module, reflections included."""
        module = self.content.module
        answers = self.store.latest_answers(module)
        prompts = self.store.progress(module).prompts_answered
        rows = module_progress(self.content, answers, prompts).exercises
        return sum(r.complete for r in rows), len(rows)

    def refresh_progress(self) -> None:
        if not self._loaded:
            return
        counted = guarded(self.message, self.counts)
        if not counted.ok:
            return
        counts = counted.value
        self.progress.value = tag(
            "p",
            raw=tag("strong", "Dina framsteg: ")
            + tag("span", progress_text(*counts) + " (övningar och reflektionsfrågor)."),
        )
        if self.on_progress is not None:
            self.on_progress(*counts)
