"""What every exercise widget shares: a heading, progress in words, controls built when the exercise is opened,
"Börja om" with a confirmation step.

Widgets are built without reading the store; :meth:`ExerciseBox.load` reads the participant's earlier answers.
The page builder calls it only after :func:`~widgets.apps.session.wait_for_visit` (preheated kernels).

:class:`Openable` is the one way a part of a page waits with its controls until it is opened (every exercise
type; module 3's case library and own classification; module 4's persona walk and inclusion check): the browser creates every
ipywidget in the kernel (three models each: widget, layout, style) before the page shows, so a page with a few
long exercises would otherwise wait for hundreds of controls nobody has asked for. The controls themselves
(buttons, HTML, messages, the ask-first "Börja om") come from :mod:`widgets.ui.controls`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w

from ...exercises import ModuleContent, module_progress
from ...store import PersonalStore
from ...ui.controls import AskFirst, button, html, message, reused
from ...ui.feedback import Message, guarded
from ...ui.html import tag

RESET_QUESTION = "Vill du ta bort dina svar på övningen ”{title}” och börja om? Det går inte att ångra."


def intro_html(title: str, intro: str | None = None, source: str | None = None, level: str = "h3") -> str:
    parts = tag(level, title)
    if intro:
        parts += tag("p", intro)
    if source:
        parts += tag("p", f"Källa: {source}", cls="dk-source")
    return parts


OPEN = "Öppna: {title}"
CLOSE = "Stäng: {title}"


class Openable(w.VBox):
    """A part of the page that always shows its header (title, what it is about, progress) and footer, and
    builds its controls the first time it is opened.

    Below the header is a real button, "Öppna: <titel>". Its first press calls :meth:`build` (the controls,
    in the order shown), then the callbacks given to :meth:`when_built`, then :meth:`opened`; the same button
    then reads "Stäng: <titel>" and hides the controls again (they are kept). The button stays where it was,
    so keyboard focus stays on it and the next Tab goes into the opened controls, right after it (the
    disclosure pattern). Nothing here reads per-person state: subclasses do that in :meth:`opened` only once
    the visit has started."""

    def __init__(self, title: str, header: Sequence[w.Widget], footer: Sequence[w.Widget] = ()) -> None:
        self.part_title = title
        self.header = list(header)
        self.footer = list(footer)  # always shown after the controls (e.g. what the participant has saved)
        self.toggle = button(OPEN.format(title=title), button_style="primary", style=reused("button"))
        self.toggle.add_class("dk-open")
        self.toggle.on_click(lambda _: self._pressed())
        self.parts: list[w.Widget] | None = None
        self.expanded = False
        self._when_built: list[Callable[[], None]] = []
        super().__init__([*self.header, self.toggle, *self.footer], layout=reused("plain"))
        self.add_class("dk-openable")

    @property
    def built(self) -> bool:
        return self.parts is not None

    def expand(self) -> None:
        """Show the controls, building them first if this is the first time."""
        first = self.parts is None
        if first:
            self.parts = list(self.build())
            callbacks, self._when_built = self._when_built, []
            for callback in callbacks:
                callback()
        self.expanded = True
        self._name_toggle(CLOSE, "")
        self._show()
        if first:
            self.opened()

    def collapse(self) -> None:
        self.expanded = False
        self._name_toggle(OPEN, "primary")
        self._show()

    def _pressed(self) -> None:
        if self.expanded:
            self.collapse()
        else:
            self.expand()
        # Keyboard focus stays on the button (a mouse click does not focus a button in every browser): the
        # next Tab goes into what was just opened.
        self.toggle.focus()

    def _name_toggle(self, text: str, style: str) -> None:
        self.toggle.description = self.toggle.tooltip = text.format(title=self.part_title)
        self.toggle.button_style = style

    def when_built(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the controls exist: now if they do, else on the first :meth:`expand`."""
        if self.parts is not None:
            callback()
        else:
            self._when_built.append(callback)

    def insert_part(self, index: int, widget: w.Widget) -> None:
        """Add a widget among the built controls (e.g. a module's extra beside a generic exercise)."""
        if self.parts is None:
            raise RuntimeError("insert_part before the controls are built: use when_built")
        self.parts.insert(index, widget)
        self._show()

    def _show(self) -> None:
        shown = self.parts if self.expanded and self.parts is not None else []
        self.children = [*self.header, self.toggle, *shown, *self.footer]

    # --- for subclasses ------------------------------------------------------------------------------------

    def build(self) -> Sequence[w.Widget]:  # pragma: no cover - abstract
        raise NotImplementedError

    def opened(self) -> None:
        """Called once, after the first :meth:`build` (e.g. to show what the participant has saved)."""


class StatusLine:
    """An exercise's progress line, drawn at the end of its heading widget: one widget (and one model for the
    browser) fewer per exercise than a separate :class:`~widgets.ui.feedback.Message`, with the same methods, so
    :func:`~widgets.ui.feedback.guarded` can write its errors here."""

    def __init__(self, heading: w.HTML) -> None:
        self._heading = heading
        self._intro = heading.value
        self._value = ""
        self.kind = ""  # as Message.kind

    @property
    def value(self) -> str:
        return self._value

    @value.setter
    def value(self, markup: str) -> None:
        self._value = markup
        self.kind = ""  # markup written directly is no error the views can know of
        self._heading.value = self._intro + markup

    def _say(self, kind: str, cls: str, role: str, text: str) -> None:
        self.value = tag("p", text, cls=cls, role=role)
        self.kind = kind

    def error(self, text: str) -> None:
        self._say("error", "dk-error", "alert", text)

    def warning(self, text: str) -> None:
        self._say("warning", "dk-warning", "alert", text)

    def ok(self, text: str) -> None:
        self._say("ok", "dk-ok", "status", text)

    def info(self, text: str) -> None:
        self._say("info", "dk-muted", "status", text)

    def clear(self) -> None:
        self.value = ""

    @property
    def has_error(self) -> bool:
        return self.kind == "error"


class ExerciseBox(Openable):
    """Base of every exercise widget: the heading and the progress line are always shown; the controls
    (:meth:`build_body`), their message and "Börja om" are built when the exercise is opened. Subclasses
    implement :meth:`build_body`, :meth:`show` and :meth:`progress`.

    :meth:`load` (after the visit has started) reads the earlier answers for the progress line, and shows them
    in the controls if they are built; opening the exercise later reads them again and shows them."""

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
        self._loaded = False
        self.answers: dict = {}  # the latest answers, as read or saved: what the built controls show
        self.done, self.total = 0, 0
        self.heading = html(self.heading_html())
        self.status = StatusLine(self.heading)  # the progress line, or what went wrong reading the answers
        self.message: Message | None = None  # saving and checking, below the controls (built with them)
        self.reset: AskFirst | None = None
        super().__init__(exercise.title, [self.heading])
        self.add_class("dk-exercise")
        self.add_class("dk-card")

    @property
    def loaded(self) -> bool:
        """True once :meth:`load` has run (the visit has started)."""
        return self._loaded

    def heading_html(self) -> str:
        e = self.exercise
        return intro_html(e.title, getattr(e, "intro", None), getattr(e, "source", None))

    def build(self) -> list[w.Widget]:
        self.message = message()
        body = list(self.build_body())
        self.reset = AskFirst(
            RESET_QUESTION.format(title=self.exercise.title),
            "Ja, börja om",
            self._reset,
            label="Börja om",
        )
        self.reset.start.tooltip = f"Börja om övningen {self.exercise.title}"
        assert self.reset.box is not None
        return [*body, self.message, self.reset.box]

    def opened(self) -> None:
        if self._loaded:
            self.load()  # the answers as saved now (another tab may have changed them)
        else:
            self.show({})  # before the visit: the exercise as it starts, nobody's answers

    # --- reading and writing -------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the participant's earlier answers (call after the visit has started): the progress line, and
        the controls if they are built."""
        self._loaded = True
        answers = guarded(self.status, lambda: self.store.latest_answers(self.module, self.exercise.id))
        if not answers.ok:
            return  # the progress line says what went wrong
        self.answers = dict(answers.value)
        if self.built:
            self.show(answers.value)
        self._update_status(answers.value)

    def record(self, item_id: str, value, correct: bool | None = None) -> bool:
        """Save one answer as given; the progress line follows. Says whether it was saved."""
        saved = guarded(
            self.message,
            lambda: self.store.record_answer(self.module, self.exercise.id, item_id, value, correct),
        )
        if saved.ok:
            self.answers[(self.exercise.id, item_id)] = saved.value
            self.refresh_status()
        return saved.ok

    def refresh_status(self) -> None:
        answers = guarded(self.message, lambda: self.store.latest_answers(self.module, self.exercise.id))
        self._update_status(answers.value_or({}))

    def _update_status(self, answers) -> None:
        done, total = self.progress(answers)
        self.done, self.total = done, total
        self.status.value = tag("p", self.status_text(done, total), cls="dk-muted")
        if self._on_change is not None:
            self._on_change()

    def status_text(self, done: int, total: int) -> str:
        return f"{done} av {total} besvarade."

    def saved_value(self, item_id: str):
        """The latest saved answer to ``item_id`` (None if there is none). A control's observer compares with it:
        a value that :meth:`show` wrote is the saved one, so showing answers never saves them again."""
        answer = self.answers.get((self.exercise.id, item_id))
        return answer.value if answer is not None else None

    def _reset(self) -> None:
        if not guarded(self.message, lambda: self.store.reset_exercise(self.module, self.exercise.id)).ok:
            return
        self.answers = {}
        self.show({})
        self._update_status({})
        self.message.ok("Dina svar är borttagna. Du kan börja om.")

    # --- for subclasses ------------------------------------------------------------------------------------

    def build_body(self) -> Sequence[w.Widget]:  # pragma: no cover - abstract
        """The exercise's own controls, in the order shown (called once, on the first :meth:`expand`)."""
        raise NotImplementedError

    def show(self, answers) -> None:  # pragma: no cover - abstract
        """Put ``answers`` (equal to :attr:`answers`) into the built controls."""
        raise NotImplementedError

    def progress(self, answers) -> tuple[int, int]:
        """Done/total for this exercise, by the model's rule (:func:`widgets.exercises.module_progress`)."""
        content = ModuleContent(self.module, "", (self.exercise,))
        row = module_progress(content, answers).exercises[0]
        return row.done, row.total
