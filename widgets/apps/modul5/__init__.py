"""Module 5 page: the generic module page (overview, reflections, lärlogg) with the klimatkalkyl (and its bridge
to the Nyttokalkyl) and the Agenda 2030 mapping, each built when it is opened."""

from __future__ import annotations

from ...store import PersonalStore
from ..module import ModulePage, module_app
from .agenda import AgendaMapping, agenda_section
from .climate import ClimateCalculator, climate_section

__all__ = ["AgendaMapping", "ClimateCalculator", "Modul5Page", "modul5_app"]


class Modul5Page(ModulePage):
    """The module 5 page; :attr:`climate` and :attr:`agenda` are its tools (None before the visit)."""

    climate: ClimateCalculator | None = None
    agenda: AgendaMapping | None = None


def modul5_app(store: PersonalStore | None = None, **kwargs) -> Modul5Page:
    """The module 5 page (``modul5``) with its tools; ``kwargs`` go to :func:`module_app`."""
    store = store if store is not None else PersonalStore()
    climate: list[ClimateCalculator] = []
    agenda: list[AgendaMapping] = []

    def climate_built() -> ClimateCalculator:
        climate.append(climate_section(store))
        return climate[0]

    def agenda_built() -> AgendaMapping:
        agenda.append(agenda_section(store))
        return agenda[0]

    page = module_app(
        "modul5", extra_sections=[climate_built, agenda_built], store=store, page_class=Modul5Page, **kwargs
    )
    page.climate = climate[0] if climate else None
    page.agenda = agenda[0] if agenda else None
    return page
