"""Several exercises under one opener (e.g. module 2's "Kritiska situationer"): closed, the page holds one title,
the exercises' names and their progress in words; the exercise widgets themselves are made when it is opened."""

from __future__ import annotations

from collections.abc import Callable

from ...exercises import ExerciseGroup, ModuleContent, module_progress
from ...store import PersonalStore
from ...ui.controls import html
from ...ui.feedback import guarded
from ...ui.html import tag
from ._common import ExerciseBox, Openable, StatusLine, intro_html


class ExerciseGroupWidget(Openable):
    """The group's heading with the exercises listed; opening builds and loads their widgets."""

    def __init__(
        self,
        content: ModuleContent,
        group: ExerciseGroup,
        store: PersonalStore,
        make: Callable[[object], ExerciseBox | None],
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.content = content
        self.group = group
        self.store = store
        self._make = make
        self._on_change = on_change
        self._loaded = False
        self.exercises = [content.get(i) for i in group.exercises]
        self.members: list[ExerciseBox] = []
        listed = tag("ul", raw="".join(tag("li", getattr(e, "title", e.id)) for e in self.exercises))
        self.heading = html(intro_html(group.title, group.intro) + listed)
        self.status = StatusLine(self.heading)
        super().__init__(group.title, [self.heading])
        self.add_class("dk-exercise-group")

    def build(self):
        for exercise in self.exercises:
            widget = self._make(exercise)
            if widget is not None:
                self.members.append(widget)
                if self._loaded:
                    widget.load()
        return self.members

    def load(self) -> None:
        """The visit has started: the group's progress line, and the members' answers if they are built."""
        self._loaded = True
        for widget in self.members:
            widget.load()
        self.refresh()

    def refresh(self) -> None:
        if not self._loaded:
            return
        module = self.content.module
        answers = guarded(self.status, lambda: self.store.latest_answers(module))
        if not answers.ok:
            return
        part = ModuleContent(module, "", tuple(self.exercises))
        rows = module_progress(part, answers.value).exercises
        done = sum(r.complete for r in rows)
        self.status.value = tag("p", f"{done} av {len(rows)} genomförda.", cls="dk-muted")

    def changed(self) -> None:
        self.refresh()
        if self._on_change is not None:
            self._on_change()
