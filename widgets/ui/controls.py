"""The course's view controls, one of each: :func:`button`, :func:`html`, :func:`message`, :func:`hidden_label`, the
shared layout and style objects (:func:`reused`) and the one ask-first control (:class:`AskFirst`).

Every ipywidget is three models for the browser (widget, layout, style), created before the page shows. Most
controls never change their box, so :func:`html`, :func:`message` and :func:`button` put them on one shared
Layout and Style object per kind: a long list then creates a third of the models. A shared object cannot change
(:class:`FrozenLayout` and the frozen styles raise), so one widget can never restyle all the others by mistake.

The look of these controls (long button texts wrap, hidden labels, statements, options) lives in the template's
``digikomp.css``, by class name (``dk-wrap``, ``dk-sr-label``, ``dk-statement``, ``dk-long-label``), the same on
every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_selection import ToggleButtonsStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from .feedback import Message
from .html import tag

__all__ = [
    "AskFirst",
    "FrozenLayout",
    "button",
    "hidden_label",
    "html",
    "message",
    "reused",
]


class _Frozen:
    """Mixin: once built, the object's synced traits cannot be set (from Python or from the browser)."""

    _frozen = False

    def freeze(self) -> None:
        self._frozen = True

    def _refuse(self, name: str) -> None:
        if self._frozen and name in getattr(self, "keys", ()):
            raise AttributeError(
                f"{type(self).__name__} is shared by many widgets and cannot change ({name}); "
                "give the widget its own Layout/Style"
            )

    def __setattr__(self, name: str, value: Any) -> None:
        self._refuse(name)
        super().__setattr__(name, value)

    def set_trait(self, name: str, value: Any) -> None:
        self._refuse(name)
        super().set_trait(name, value)  # type: ignore[misc]


class FrozenLayout(_Frozen, w.Layout):
    """A Layout that raises on any change after it is built (see :func:`reused`)."""


class _FrozenButtonStyle(_Frozen, w.ButtonStyle):
    pass


class _FrozenHTMLStyle(_Frozen, HTMLStyle):
    pass


class _FrozenToggleButtonsStyle(_Frozen, ToggleButtonsStyle):
    pass


class _FrozenDescriptionStyle(_Frozen, DescriptionStyle):
    pass


class _FrozenCheckboxStyle(_Frozen, CheckboxStyle):
    pass


_FACTORIES: dict[str, Callable[[], w.Widget]] = {
    "auto": lambda: FrozenLayout(width="auto"),
    "wrap": lambda: FrozenLayout(width="auto", max_width="100%"),
    "plain": FrozenLayout,
    "start": lambda: FrozenLayout(align_items="flex-start"),
    "button": _FrozenButtonStyle,
    "html": _FrozenHTMLStyle,
    "toggles": _FrozenToggleButtonsStyle,
    "description": _FrozenDescriptionStyle,
    "checkbox": _FrozenCheckboxStyle,
}
_REUSED: dict[str, w.Widget] = {}


def reused(kind: str) -> w.Widget:
    """The one Layout or Style object of ``kind`` shared by every widget in the kernel that asks for it
    (``auto``, ``wrap``, ``plain``, ``start`` layouts; ``button``, ``html``, ``toggles``, ``description``, ``checkbox``
    styles). It raises ``AttributeError`` when anything tries to change it: a widget whose box changes (shown,
    hidden, resized) gets its own ``w.Layout()``."""
    shared = _REUSED.get(kind)
    if shared is None or shared.comm is None:  # a closed widget cannot be shown again
        shared = _FACTORIES[kind]()
        shared.freeze()  # type: ignore[attr-defined]
        _REUSED[kind] = shared
    return shared


def html(value: str = "") -> w.HTML:
    """An HTML widget on the shared layout and style: one model for the browser instead of three. For text whose
    box is never restyled."""
    return w.HTML(value, layout=reused("plain"), style=reused("html"))


def message() -> Message:
    """A :class:`~widgets.ui.feedback.Message` on the shared layout and style (see :func:`html`)."""
    return Message(layout=reused("plain"), style=reused("html"))


def button(description: str, tooltip: str = "", wrap: bool = False, **kwargs: Any) -> w.Button:
    """A button whose visible text is its accessible name, on the shared layout and style unless given; ``wrap``
    lets a long text (an option, "Öppna: <titel>") wrap onto more lines."""
    kwargs.setdefault("layout", reused("wrap" if wrap else "auto"))
    kwargs.setdefault("style", reused("button"))
    b = w.Button(description=description, tooltip=tooltip or description, **kwargs)
    if wrap:
        b.add_class("dk-wrap")
    return b


def hidden_label(control: w.Widget) -> w.Widget:
    """Keep ``control``'s description as its accessible name but hide it visually (the text is shown above)."""
    control.add_class("dk-sr-label")
    return control


class AskFirst:
    """An action that asks before it acts: pressing the start button shows ``question`` with ``yes_label`` and
    "Avbryt"; only "Ja …" runs ``action``.

    Either it owns its button and box — ``AskFirst(question, yes_label, action, label="Börja om")``; the owner
    places :attr:`box`, which holds the button and, while asking, the question instead — or it uses a button and a
    box its owner placed: ``start=`` and ``area=`` (a callable, so the owner may build the box on first use); the
    question appears in that box and the button stays where it is. The question and its buttons are built the
    first time it asks, so long lists of entries stay light."""

    def __init__(
        self,
        question: str,
        yes_label: str,
        action: Callable[[], None],
        *,
        label: str | None = None,
        start: w.Button | None = None,
        area: Callable[[], w.Box] | None = None,
    ) -> None:
        if (label is None) == (start is None):
            raise TypeError("AskFirst needs either label (its own button) or start (the owner's button)")
        self.question_text = question
        self.yes_label = yes_label
        self._action = action
        self.start = start if start is not None else button(label or "")
        self.start.on_click(lambda _: self.ask())
        self.box: w.VBox | None = None
        if area is None:
            self.box = w.VBox([self.start], layout=reused("start"))
            box = self.box
            area = lambda: box  # noqa: E731 - the owned box is the area
        self._area = area
        self._idle: list[w.Widget] = [self.start] if self.box is not None else []
        self.question: w.HTML | None = None
        self.yes: w.Button | None = None
        self.no: w.Button | None = None
        self._choice: w.HBox | None = None
        self.asking = False

    def ask(self) -> None:
        if self.question is None:
            self.question = html()
            self.yes = button(self.yes_label, button_style="danger")
            self.no = button("Avbryt")
            self.yes.on_click(lambda _: self._confirm())
            self.no.on_click(lambda _: self.cancel())
            self._choice = w.HBox([self.yes, self.no], layout=reused("plain"))
        self.question.value = tag("p", self.question_text, role="alert")
        self._area().children = [self.question, self._choice]
        self.asking = True

    def cancel(self) -> None:
        if self.question is not None:
            self.question.value = ""
        self._area().children = list(self._idle)
        self.asking = False

    def _confirm(self) -> None:
        self.cancel()
        self._action()
