"""Module 4 page: the generic module page (overview, exercises incl. the governance sorting quiz, lärlogg) with
the citizen perspective (personas through an e-service) and the inclusion, equality and accessibility check.
See docs/modul3-modul4.md."""

from __future__ import annotations

from ...store import PersonalStore
from ..module import ModulePage, module_app
from .citizens import PersonaWalk, citizens_section
from .inclusion import InclusionCheck, InclusionSection, inclusion_section

__all__ = ["InclusionCheck", "Modul4Page", "PersonaWalk", "modul4_app"]


class Modul4Page(ModulePage):
    """The module 4 page; :attr:`citizens` is the persona walk and :attr:`inclusion` the inclusion check (None
    before the visit)."""

    citizens: PersonaWalk
    inclusion: InclusionCheck | None = None


def modul4_app(store: PersonalStore | None = None, **kwargs) -> Modul4Page:
    """The module 4 page (``modul4``) with its extra sections; ``kwargs`` go to :func:`module_app`."""
    store = store if store is not None else PersonalStore()
    built: list[InclusionSection] = []

    def inclusion_built() -> InclusionSection:
        built.append(inclusion_section(store))
        return built[0]

    citizens = citizens_section()
    page = module_app(
        "modul4", extra_sections=[citizens, inclusion_built], store=store, page_class=Modul4Page, **kwargs
    )
    page.citizens = citizens.walk
    page.inclusion = built[0].check if built else None
    return page
