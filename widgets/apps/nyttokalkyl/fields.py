"""Input fields of the Nyttokalkyl app: text boxes parsed as Swedish numbers, with the field named in errors.

Parsing what a participant typed is the view's job (``1 234,5`` → 1234.5); every rule about what a valid case
is stays in :mod:`widgets.benefit`.
"""

from __future__ import annotations

import ipywidgets as w

from ... import fmt
from ...errors import DomainError

WIDE = {"description_width": "initial"}


def text_field(description: str, value: str = "", width: str = "12em", tooltip: str = "") -> w.Text:
    """A Text box with a visible description (its accessible name); updates when Enter or Tab is pressed."""
    field = w.Text(
        value=value,
        description=description,
        continuous_update=False,
        style=WIDE,
        layout=w.Layout(width=width),
    )
    if tooltip:
        field.tooltip = tooltip
    return field


def dropdown(description: str, options, value=None, width: str = "auto") -> w.Dropdown:
    widget = w.Dropdown(options=options, description=description, style=WIDE, layout=w.Layout(width=width))
    if value is not None:
        widget.value = value
    return widget


def plain(value: float | None, max_decimals: int = 2) -> str:
    """A number for an input box, Swedish style, without trailing zeros: ``3,5``, ``1 200 000``."""
    if value is None:
        return ""
    rounded = round(value, max_decimals)
    if rounded == int(rounded):
        return fmt.number(rounded)
    text = fmt.number(rounded, max_decimals)
    return text.rstrip("0").rstrip(",")


def _named(field: w.Text, exc: DomainError) -> DomainError:
    return DomainError(exc.path, f"{field.description}: {exc.message}")


def number(field: w.Text, name: str, example: str = "") -> float:
    """The number in ``field``; a DomainError names the field by its visible description.

    ``example`` is a value of the field's own kind for the error line (``3,5`` for a percent, ``250 000`` for an
    amount), so the message shows what to write in this box.
    """
    try:
        return fmt.parse_number(field.value, name)
    except DomainError as exc:
        typed = field.value.strip()
        if example and typed:
            text = f"{field.description}: ”{typed}” är inte ett tal. Skriv till exempel {example}."
            raise DomainError(exc.path, text) from None
        raise _named(field, exc) from None


def optional_number(field: w.Text, name: str, example: str = "") -> float | None:
    """Like :func:`number`, but an empty box means "not given" (None)."""
    return None if not field.value.strip() else number(field, name, example)


def integer(field: w.Text, name: str, example: str = "3") -> int:
    """A whole number (years); ``2,5`` gives a Swedish message naming the field."""
    value = number(field, name, example)
    if value != int(value):
        raise DomainError(name, f"{field.description}: skriv ett heltal, till exempel {example}.")
    if abs(value) > 1e6:
        raise DomainError(name, f"{field.description}: talet är orimligt stort.")
    return int(value)


def optional_integer(field: w.Text, name: str, example: str = "3") -> int | None:
    return None if not field.value.strip() else integer(field, name, example)


def tidy_on_commit(field: w.Text, max_decimals: int = 6) -> w.Text:
    """Show a committed number the Swedish way when the box is left (``300000`` → ``300 000``, ``3.5`` → ``3,5``).

    Text that is not a number stays as typed (its message says why), and a number is only rewritten when the
    new text means exactly the same value. Register this before :func:`on_commit`, so a rewrite is computed once.
    """

    def tidy(change) -> None:
        try:
            value = fmt.parse_number(change["new"], "")
        except DomainError:
            return
        text = plain(value, max_decimals)
        if text != change["new"] and fmt.parse_number(text, "") == value:
            field.value = text

    field.observe(tidy, "value")
    return field


def on_commit(field: w.Widget, callback) -> None:
    """Call ``callback()`` when the value changes — once per final value (a rewrite by :func:`tidy_on_commit`
    makes the first notice stale, and a stale notice is skipped)."""
    field.observe(lambda change: callback() if change["new"] == field.value else None, "value")


def bare(field: w.Text, width: str = "9em") -> w.Text:
    """A box whose description stays its accessible name but is shown by the grid's column and row headings."""
    field.add_class("dk-bare")
    field.layout.width = width
    return field


def row_layout() -> w.Layout:
    """A wrapping row (the gap between its boxes is set in the app's style)."""
    return w.Layout(flex_flow="row wrap", align_items="center")
