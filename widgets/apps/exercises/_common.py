"""What every exercise widget shares: a heading, progress in words, "Börja om" with a confirmation step.

Widgets are built without reading the store; :meth:`ExerciseBox.load` reads the participant's earlier answers.
The page builder calls it only after :func:`~widgets.apps.session.wait_for_visit` (preheated kernels)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle

from ...exercises import ModuleContent, module_progress
from ...store import PersonalStore
from ...ui.feedback import Message, guarded
from ...ui.html import tag

RESET_QUESTION = "Vill du ta bort dina svar på övningen ”{title}” och börja om? Det går inte att ångra."

#: Small layout rules for the exercise widgets (long button texts wrap; statement labels are read, not shown twice).
STYLE = """<style>
.dk-exercise .dk-wrap.jupyter-button { white-space: normal; height: auto; min-height: var(--jp-widgets-inline-height);
  text-align: left; padding: 0.35em 0.8em; line-height: 1.35; }
.dk-exercise .dk-statement > .widget-label { position: absolute !important; width: 1px; height: 1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.dk-exercise .dk-statement .widget-toggle-button { width: auto; min-width: 8em; }
.dk-exercise .dk-statement { flex-wrap: wrap; }
.dk-exercise .dk-long-label > .widget-label-basic, .dk-exercise .dk-long-label label { white-space: normal; }
.dk-exercise { margin: 0.5em 0 1em; }
</style>"""


def style_widget() -> w.HTML:
    """One invisible widget carrying :data:`STYLE`; put it once on a page that shows exercises."""
    return w.HTML(STYLE, layout=w.Layout(height="0px", margin="0"))


_REUSED: dict[str, w.Widget] = {}


def reused(kind: str) -> w.Widget:
    """One Layout/ButtonStyle object shared by many widgets: a long list then creates a third of the widgets
    (each ipywidgets widget costs a comm message and milliseconds). Never change a reused object."""
    if kind not in _REUSED:
        factories = {
            "auto": lambda: w.Layout(width="auto"),
            "plain": w.Layout,
            "button": w.ButtonStyle,
            "html": HTMLStyle,
        }
        _REUSED[kind] = factories[kind]()
    return _REUSED[kind]


def button(description: str, tooltip: str = "", wrap: bool = False, **kwargs) -> w.Button:
    """A button whose visible text is its accessible name; ``wrap`` lets long option texts wrap."""
    layout = kwargs.pop("layout", w.Layout(width="auto", max_width="100%") if wrap else reused("auto"))
    if "button_style" not in kwargs and "style" not in kwargs:
        kwargs["style"] = reused("button")
    b = w.Button(description=description, tooltip=tooltip or description, layout=layout, **kwargs)
    if wrap:
        b.add_class("dk-wrap")
    return b


class Confirm(w.VBox):
    """A button that asks before it acts: ``label`` → a question with ``yes_label`` and "Avbryt"."""

    def __init__(self, label: str, question: str, yes_label: str, action: Callable[[], None]) -> None:
        self._action = action
        self.question_text = question
        self.yes_label = yes_label
        self.start = button(label)
        self.start.on_click(lambda _: self.ask())
        self.question: w.HTML | None = None  # built when first asked (lists of entries stay light)
        self.yes: w.Button | None = None
        self.no: w.Button | None = None
        super().__init__([self.start], layout=w.Layout(align_items="flex-start"))

    @property
    def asking(self) -> bool:
        return self.start not in self.children

    def ask(self) -> None:
        if self.question is None:
            self.question = w.HTML()
            self.yes = button(self.yes_label, button_style="danger")
            self.no = button("Avbryt")
            self.yes.on_click(lambda _: self._confirm())
            self.no.on_click(lambda _: self.cancel())
        self.question.value = tag("p", self.question_text, role="alert")
        self.children = [self.question, w.HBox([self.yes, self.no])]

    def cancel(self) -> None:
        if self.question is not None:
            self.question.value = ""
        self.children = [self.start]

    def _confirm(self) -> None:
        self.cancel()
        self._action()


class AskFirst:
    """Like :class:`Confirm`, but for a button placed by its owner: the question and "Ja …"/"Avbryt" appear in
    the box ``area()`` returns (built on first use, so long lists stay light)."""

    def __init__(
        self,
        start: w.Button,
        question: str,
        yes_label: str,
        action: Callable[[], None],
        area: Callable[[], w.Box],
    ) -> None:
        self.start = start
        self.question_text = question
        self.yes_label = yes_label
        self._action = action
        self._area = area
        self.yes: w.Button | None = None
        self.no: w.Button | None = None
        self.asking = False
        start.on_click(lambda _: self.ask())

    def ask(self) -> None:
        self.yes = button(self.yes_label, button_style="danger")
        self.no = button("Avbryt")
        self.yes.on_click(lambda _: self._confirm())
        self.no.on_click(lambda _: self.cancel())
        self._area().children = [
            w.HTML(tag("p", self.question_text, role="alert")),
            w.HBox([self.yes, self.no]),
        ]
        self.asking = True

    def cancel(self) -> None:
        self._area().children = []
        self.asking = False

    def _confirm(self) -> None:
        self.cancel()
        self._action()


def intro_html(title: str, intro: str | None = None, source: str | None = None, level: str = "h3") -> str:
    parts = tag(level, title)
    if intro:
        parts += tag("p", intro)
    if source:
        parts += tag("p", f"Källa: {source}", cls="dk-source")
    return parts


class ExerciseBox(w.VBox):
    """Base of every exercise widget: subclasses fill ``body`` and implement :meth:`show` and :meth:`progress`."""

    def __init__(
        self,
        module: str,
        exercise,
        store: PersonalStore,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.module = module
        self.exercise = exercise
        self.store = store
        self._on_change = on_change
        self.heading = w.HTML(self.heading_html())
        self.body = w.VBox()
        self.status = w.HTML()
        self.message = Message()
        self.reset = Confirm(
            "Börja om",
            RESET_QUESTION.format(title=exercise.title),
            "Ja, börja om",
            self._reset,
        )
        self.reset.start.tooltip = f"Börja om övningen {exercise.title}"
        super().__init__([self.heading, self.body, self.message, self.status, self.reset])
        self.add_class("dk-exercise")
        self.add_class("dk-card")

    def heading_html(self) -> str:
        e = self.exercise
        return intro_html(e.title, getattr(e, "intro", None), getattr(e, "source", None))

    # --- reading and writing -------------------------------------------------------------------------------

    def load(self) -> None:
        """Show the participant's earlier answers (call after the visit has started)."""
        answers = guarded(self.message, lambda: self.store.latest_answers(self.module, self.exercise.id))
        self.show(answers or {})
        self._update_status(answers or {})

    def record(self, item_id: str, value, correct: bool | None = None):
        """Save one answer as given; the progress line follows."""
        saved = guarded(
            self.message,
            lambda: self.store.record_answer(self.module, self.exercise.id, item_id, value, correct),
        )
        if saved is not None:
            self.refresh_status()
        return saved

    def refresh_status(self) -> None:
        answers = guarded(self.message, lambda: self.store.latest_answers(self.module, self.exercise.id))
        self._update_status(answers or {})

    def _update_status(self, answers) -> None:
        done, total = self.progress(answers)
        self.done, self.total = done, total
        self.status.value = tag("p", self.status_text(done, total), cls="dk-muted")
        if self._on_change is not None:
            self._on_change()

    def status_text(self, done: int, total: int) -> str:
        return f"{done} av {total} besvarade."

    def _reset(self) -> None:
        removed = guarded(self.message, lambda: self.store.reset_exercise(self.module, self.exercise.id))
        if removed is None:
            return
        self.show({})
        self._update_status({})
        self.message.ok("Dina svar är borttagna. Du kan börja om.")

    # --- for subclasses ------------------------------------------------------------------------------------

    def show(self, answers) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def progress(self, answers) -> tuple[int, int]:
        """Done/total for this exercise, by the model's rule (:func:`widgets.exercises.module_progress`)."""
        content = ModuleContent(self.module, "", (self.exercise,))
        row = module_progress(content, answers).exercises[0]
        return row.done, row.total
