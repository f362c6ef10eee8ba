"""Module 5 page: the generic module page (overview, reflections, lärlogg) with the klimatkalkyl (and its bridge
to the Nyttokalkyl) and the Agenda 2030 mapping, each built when it is opened."""

from __future__ import annotations

import ipywidgets as w

from ...store import PersonalStore
from ..module import module_app
from .agenda import AgendaMapping, agenda_section
from .climate import ClimateCalculator, climate_section

__all__ = ["AgendaMapping", "ClimateCalculator", "modul5_app"]


def modul5_app(store: PersonalStore | None = None, **kwargs) -> w.VBox:
    """The module 5 page (``modul5``) with its tools; ``kwargs`` go to :func:`module_app`."""
    store = store if store is not None else PersonalStore()
    built: dict[str, w.Widget] = {}

    def climate_built() -> w.Widget:
        built["climate"] = climate_section(store)
        return built["climate"]

    def agenda_built() -> w.Widget:
        built["agenda"] = agenda_section(store)
        return built["agenda"]

    page = module_app("modul5", extra_sections=[climate_built, agenda_built], store=store, **kwargs)
    page.climate = built.get("climate")
    page.agenda = built.get("agenda")
    return page
