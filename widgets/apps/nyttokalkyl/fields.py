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
    return DomainError(exc.field, f"{field.description}: {exc.message}")


def number(field: w.Text, name: str) -> float:
    """The number in ``field``; a DomainError names the field by its visible description."""
    try:
        return fmt.parse_number(field.value, name)
    except DomainError as exc:
        raise _named(field, exc) from None


def optional_number(field: w.Text, name: str) -> float | None:
    """Like :func:`number`, but an empty box means "not given" (None)."""
    return None if not field.value.strip() else number(field, name)


def integer(field: w.Text, name: str) -> int:
    """A whole number (years); ``2,5`` gives a Swedish message naming the field."""
    value = number(field, name)
    if value != int(value):
        raise DomainError(name, f"{field.description}: skriv ett heltal, till exempel 3.")
    if abs(value) > 1e6:
        raise DomainError(name, f"{field.description}: talet är orimligt stort.")
    return int(value)


def optional_integer(field: w.Text, name: str) -> int | None:
    return None if not field.value.strip() else integer(field, name)


def row_layout() -> w.Layout:
    """A wrapping row (the gap between its boxes is set in the app's style)."""
    return w.Layout(flex_flow="row wrap", align_items="center")
