"""Module 4 page: the generic module page (overview, exercises incl. the governance sorting quiz, lärlogg) with
the citizen perspective (personas through an e-service) and the inclusion, equality and accessibility check.
See docs/modul3-modul4.md."""

from __future__ import annotations

import ipywidgets as w

from ...store import PersonalStore
from ..module import module_app
from .citizens import PersonaWalk, citizens_section
from .inclusion import InclusionCheck, inclusion_section

__all__ = ["InclusionCheck", "PersonaWalk", "modul4_app"]


def modul4_app(store: PersonalStore | None = None, **kwargs) -> w.VBox:
    """The module 4 page (``modul4``) with its extra sections; ``kwargs`` go to :func:`module_app`."""
    store = store if store is not None else PersonalStore()
    built: list[w.Widget] = []

    def inclusion_built() -> w.Widget:
        built.append(inclusion_section(store))
        return built[0]

    page = module_app("modul4", extra_sections=[citizens_section(), inclusion_built], store=store, **kwargs)
    page.citizens = next(c.walk for c in page.children if hasattr(c, "walk"))
    page.inclusion = built[0].check if built else None
    return page
