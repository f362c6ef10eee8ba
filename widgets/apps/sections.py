"""What the module 3 and 4 views share beyond :mod:`widgets.ui.controls`: the section card, step titles, the
"checked against the fact sheet" line."""

from __future__ import annotations

import re

import ipywidgets as w

from .. import fmt
from ..ui.controls import reused

__all__ = ["CHECKED", "Section", "checked_text", "strip_number"]


class Section(w.VBox):
    """A card-like box for one of a module's sections (its look is in the template's ``digikomp.css``). A section
    builder subclasses it to name its main part (``OwnSection.own``, ``BiasLabSection.lab``, …)."""

    def __init__(self, *children: w.Widget) -> None:
        super().__init__(list(children), layout=reused("plain"))
        self.add_class("dk-m34")
        self.add_class("dk-card")


_NUMBER = re.compile(r"^\s*\d+\.\s*")


def strip_number(title: str) -> str:
    """``5. Högriskområden`` → ``Högriskområden`` (the step counter is shown separately)."""
    return _NUMBER.sub("", title)


#: What "checked" means for a fact the course shows: compared with the course's fact sheet, not a legal review.
CHECKED = "Stämd av mot kursens faktaunderlag {date} (inte en juridisk granskning)."


def checked_text(date) -> str:
    """``Stämd av mot kursens faktaunderlag 2 december 2026 (inte en juridisk granskning).``"""
    return CHECKED.format(date=fmt.date(date))
