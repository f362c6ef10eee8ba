"""The overview page of one module or conference."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from .. import fmt
from ..program import Event, Program, default_program
from ..ui.controls import html
from ..ui.html import esc, tag
from .schedule import CalendarDownload, now_local, session_text, status_badge
from .session import wait_for_visit


def overview_html(program: Program, event: Event, now: dt.datetime) -> str:
    facts = [event.format]
    if event.location:
        facts.append(f"Plats: {event.location}")
    if event.hours:
        facts.append(f"Omfattning: {fmt.number(event.hours)} timmar")
    sessions = []
    for s in event.sessions:
        state = "genomfört" if s.end <= now else ("pågår nu" if s.start <= now else "kommande")
        sessions.append(tag("li", raw=esc(session_text(s)) + " " + tag("span", state, cls="dk-badge")))
    return (
        tag("h1", event.label)
        + tag("p", raw=status_badge(event) + " " + esc(" · ".join(facts)))
        + tag("p", event.description)
        + tag("h2", "Teman")
        + tag("ul", raw="".join(tag("li", t) for t in event.themes))
        + tag("h2", "Tillfällen")
        + tag("ul", raw="".join(sessions))
        + tag("p", f"Källa: {program.source}.", cls="dk-source")
    )


COMING = (
    "Övningar, beräkningar och reflektionsloggen för den här sidan kommer i en senare version av kursmiljön. "
    "Till dess finns översikten och kalendern här."
)


class EventPage(w.VBox):
    """The page of one module or conference. Built before the visit (a preheated kernel has it ready: the calendar
    and the sections do not depend on the date); :meth:`show` fills in what does (which sessions are past)."""

    def __init__(self, program: Program, event: Event, sections: list[w.Widget] | None = None) -> None:
        self.program = program
        self.event = event
        self.calendar = CalendarDownload(program, first=event.id)
        self.overview = html()
        calendar_heading = tag("h2", "Kalender")
        if sections:
            parts: list[w.Widget] = [self.overview, *sections, html(calendar_heading), self.calendar]
            self._tail = ""
        else:
            # One HTML widget for all static text: fewer models for the browser to fetch before the page shows.
            parts = [self.overview, self.calendar]
            self._tail = tag("h2", "Det här kommer") + tag("p", COMING) + calendar_heading
        super().__init__(parts)
        self.add_class("dk-event")

    def show(self, now: dt.datetime | None = None) -> None:
        """Fill in the overview for ``now`` (call after :func:`~widgets.apps.session.wait_for_visit`)."""
        now = now or now_local(self.program)
        self.overview.value = overview_html(self.program, self.event, now) + self._tail


def event_page(
    event_id: str, program: Program | None = None, sections: list[w.Widget] | None = None
) -> EventPage:
    """The page for ``event_id`` (``modul1`` … ``modul5``, ``startkonferens``, ``slutkonferens``), built without
    the date: the caller waits for the visit and then calls :meth:`EventPage.show`.

    ``sections`` are the event's exercise widgets; without them the page says plainly what is coming."""
    program = program or default_program()
    return EventPage(program, program.event(event_id), sections)


def event_app(event_id: str, program: Program | None = None, now: dt.datetime | None = None) -> EventPage:
    """The overview page on its own: built, then (in a preheated kernel, once the visitor has come) dated."""
    page = event_page(event_id, program)
    wait_for_visit()
    page.show(now)
    return page
