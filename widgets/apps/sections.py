"""Layout rules shared by the module 3 and module 4 views (one invisible widget carries them)."""

from __future__ import annotations

import re

import ipywidgets as w

from .. import fmt
from .exercises._common import html, message, reused

__all__ = [
    "CHECKED",
    "STYLE",
    "button",
    "checked_text",
    "hidden_label",
    "html",
    "message",
    "reused",
    "section",
    "strip_number",
    "style_widget",
]

STYLE = """<style>
.dk-m34 .dk-sr-label > .widget-label { position: absolute !important; width: 1px; height: 1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.dk-m34 .dk-long-label .widget-label-basic, .dk-m34 .dk-long-label label { white-space: normal; }
.dk-m34 .widget-radio, .dk-m34 .widget-radio-box { height: auto !important; }
.dk-m34 .widget-radio-box label { height: auto; white-space: normal; line-height: 1.4; margin-bottom: 0.4em;
  overflow: visible; display: flex; flex-direction: row-reverse; justify-content: flex-end;
  align-items: flex-start; }
.dk-m34 .widget-radio-box input { flex: none; margin-top: 0.25em; }
.dk-m34 .widget-checkbox { width: auto; height: auto; min-height: var(--jp-widgets-inline-height); }
.dk-m34 .dk-statement .widget-toggle-button { width: auto; min-width: 7em; }
.dk-m34 .dk-statement { flex-wrap: wrap; }
.dk-m34 .dk-level { font-size: 1.15em; border-left: 0.4em solid #00566b; padding-left: 0.6em; }
.dk-m34 { margin: 0.5em 0 1em; }
</style>"""


_STYLE: list[w.HTML] = []


def style_widget() -> w.HTML:
    """The invisible widget carrying :data:`STYLE`: one per kernel, shown in every section (one model for the
    browser however many sections a page has; each place it is shown repeats the same rules)."""
    if not _STYLE or _STYLE[0].comm is None:  # closed widgets cannot be shown again
        _STYLE[:] = [w.HTML(STYLE, layout=w.Layout(height="0px", margin="0"))]
    return _STYLE[0]


def section(*children: w.Widget) -> w.VBox:
    """A card-like box for one of the module's sections, with the shared style rules."""
    box = w.VBox([style_widget(), *children], layout=reused("plain"))
    box.add_class("dk-m34")
    box.add_class("dk-card")
    return box


def button(description: str, tooltip: str = "", **kwargs) -> w.Button:
    """A button whose visible text is its accessible name (on the shared layout and style unless given)."""
    kwargs.setdefault("layout", reused("auto"))
    kwargs.setdefault("style", reused("button"))
    return w.Button(description=description, tooltip=tooltip or description, **kwargs)


def hidden_label(control: w.Widget) -> w.Widget:
    """Keep ``control``'s description as its accessible name but hide it visually (the text is shown above)."""
    control.add_class("dk-sr-label")
    return control


_NUMBER = re.compile(r"^\s*\d+\.\s*")


def strip_number(title: str) -> str:
    """``5. Högriskområden`` → ``Högriskområden`` (the step counter is shown separately)."""
    return _NUMBER.sub("", title)


#: What "checked" means for a fact the course shows: compared with the course's fact sheet, not a legal review.
CHECKED = "Stämd av mot kursens faktaunderlag {date} (inte en juridisk granskning)."


def checked_text(date) -> str:
    """``Stämd av mot kursens faktaunderlag 2 december 2026 (inte en juridisk granskning).``"""
    return CHECKED.format(date=fmt.date(date))
