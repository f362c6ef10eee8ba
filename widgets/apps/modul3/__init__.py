"""Module 3 page: the generic module page (overview, exercises, lärlogg) with the AI Act classifier, the case
library, the participant's own classification, ethics extras beside the dilemmas and the ALTAI result, and the
bias lab. See docs/modul3-modul4.md."""

from __future__ import annotations

from ...store import PersonalStore
from ..module import ModulePage, module_app
from .biaslab import BiasLab, biaslab_section
from .cases import CaseLibrary, case_section
from .classifier import QuestionFlow, classifier_section, result_html
from .ethics import AltaiResultView, add_dilemma_extras
from .own import OwnSection, OwnSystem, own_section

__all__ = [
    "AltaiResultView",
    "BiasLab",
    "CaseLibrary",
    "Modul3Page",
    "OwnSystem",
    "QuestionFlow",
    "modul3_app",
    "result_html",
]


class Modul3Page(ModulePage):
    """The module 3 page; :attr:`own` is the own classification (None before the visit) and :attr:`altai` the
    ALTAI result (None until the self-assessment is opened)."""

    own: OwnSystem | None = None
    altai: AltaiResultView | None = None


def _place_altai(page: Modul3Page) -> None:
    """Put the ALTAI result at the end of the generic Likert widget, before "Börja om", when it is opened (it
    reads that widget's saved answers and follows its statements)."""
    from ...aiact.ethics import default_ethics

    ethics = default_ethics()
    section = page.exercises
    likert = next((x for x in section.widgets if x.exercise.id == ethics.altai.id), None)
    page.altai = None
    if likert is None:
        view = AltaiResultView(page.store, ethics)
        section.children = [*section.children, view]
        view.load()
        page.altai = view
        return

    def place() -> None:
        view = AltaiResultView(page.store, ethics)
        likert.insert_part(len(likert.parts) - 1, view)  # before "Börja om"
        view.follow(likert)
        if likert.loaded:  # the visit has started
            view.load()
        page.altai = view

    likert.when_built(place)


def modul3_app(store: PersonalStore | None = None, **kwargs) -> Modul3Page:
    """The module 3 page (``modul3``) with its extra sections; ``kwargs`` go to :func:`module_app`."""
    store = store if store is not None else PersonalStore()
    own: list[OwnSection] = []

    def own_built() -> OwnSection:
        own.append(own_section(store))
        return own[0]

    page = module_app(
        "modul3",
        extra_sections=[classifier_section(), case_section(), own_built, biaslab_section()],
        store=store,
        page_class=Modul3Page,
        **kwargs,
    )
    add_dilemma_extras(page.exercises.widgets, shared=page.shared)
    _place_altai(page)
    page.own = own[0].own if own else None
    return page
