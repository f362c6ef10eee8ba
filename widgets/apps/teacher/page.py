"""Lärarsidan (notebooks/70_larare.ipynb): live polls, the groups' work, the harvest and forming groups — for
members of the hub group ``larare`` only.

Who is a teacher comes from the hub (the group service asks JupyterHub about the page's token), never from the
page. Anyone else meets a Swedish refusal and none of the tools; outside the course hub the page says it needs
the hub. The tools read nothing before the visit has started (:func:`~widgets.apps.session.wait_for_visit`)."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from ...store.capability import supports
from ...store.errors import StoreError
from ...store.groupwork import GroupWork
from ...store.live import LiveStore
from ...store.models import local
from ...ui.controls import html, message, reused
from ...ui.html import esc, tag
from ..session import wait_for_visit

TITLE = "Lärarsidan"
INTRO = (
    "Här öppnar du omröstningar för hela kursen eller en grupp, följer svaren live och visar resultaten, ser "
    "gruppernas arbete och skörden från tavlorna, och bildar grupper som blandar organisationer."
)
OUTSIDE_HUB = (
    "Lärarsidan finns på kursens JupyterHub: där vet kursmiljön vem som är lärare och vilka grupper som finns. "
    "Starta kursen med make hub (se docs/deploy.md) och logga in som lärare."
)
NOT_TEACHER = (
    "Lärarsidan är bara för kursens lärare (gruppen larare på JupyterHub). Du är inloggad som {user}. "
    "Är du lärare men ser det här? Be den som sköter kursens JupyterHub lägga till dig i gruppen larare."
)
SECTIONS = (
    ("Omröstningar", "polls"),
    ("Gruppernas arbete", "overview"),
    ("Skörden från tavlorna", "harvest"),
    ("Bilda grupper", "groups"),
)


class TeacherPage(w.VBox):
    """The page; ``sections`` maps a section key to its widget (after :meth:`load`, teachers only)."""

    def __init__(self, store: object) -> None:
        self.store = store
        self.sections: dict[str, w.Widget] = {}
        self.notice = message()
        super().__init__([html(tag("h1", TITLE) + tag("p", INTRO)), self.notice], layout=reused("plain"))
        self.add_class("dk-teacher-page")

    def load(self) -> None:
        store = supports(self.store, LiveStore)
        if store is None or supports(store, GroupWork) is None:
            self.notice.info(OUTSIDE_HUB)
            return
        try:
            teacher, user = store.teacher, store.user
        except StoreError as exc:
            self.notice.error(exc.message)
            return
        if not teacher:
            self.notice.error(NOT_TEACHER.format(user=user))
            return
        from ..groupwork.harvest import HarvestView
        from .groups import groups_panel
        from .overview import TeacherOverview
        from .polls import PollsSection

        built = {
            # One session a day: the day's polls are listed, summarised and exported together.
            "polls": PollsSection(store, session=local(dt.datetime.now(dt.UTC)).date().isoformat()),
            "overview": TeacherOverview(store),
            "harvest": HarvestView(store),
            "groups": groups_panel(),
        }
        boxes = []
        for title, key in SECTIONS:
            widget = built[key]
            self.sections[key] = widget
            box = w.VBox([html(tag("h2", esc(title))), widget], layout=reused("plain"))
            box.add_class("dk-card")
            boxes.append(box)
        self.children = [*self.children, *boxes]
        for widget in built.values():
            load = getattr(widget, "load", None)
            if load is not None:
                load()

    def close(self) -> None:
        for widget in self.sections.values():
            stop = getattr(widget, "close", None)
            if stop is not None:
                stop()
        super().close()


def teacher_app(store: object | None = None) -> TeacherPage:
    """Build Lärarsidan; ``store`` defaults to the environment's (the group service on the course hub)."""
    wait_for_visit()
    if store is None:
        from ...store.backend import shared_store

        store = shared_store()
    page = TeacherPage(store)
    page.load()
    return page
