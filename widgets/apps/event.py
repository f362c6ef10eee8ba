"""The overview page of one module or conference."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from .. import fmt
from ..program import Event, Program, default_program
from ..ui.html import esc, tag
from .exercises._common import html
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


def event_app(
    event_id: str,
    program: Program | None = None,
    now: dt.datetime | None = None,
    sections: list[w.Widget] | None = None,
) -> w.VBox:
    """Build the page for ``event_id`` (``modul1`` … ``modul5``, ``startkonferens``, ``slutkonferens``).

    ``sections`` are the event's exercise widgets; without them the page says plainly what is coming.
    """
    program = program or default_program()
    event = program.event(event_id)
    # Built before the visit (a preheated kernel has it ready): the calendar does not depend on the date.
    calendar = CalendarDownload(program, first=event.id)
    overview = html()
    calendar_heading = tag("h2", "Kalender")
    if sections:
        parts: list[w.Widget] = [overview, *sections, html(calendar_heading), calendar]
        tail = ""
    else:
        # One HTML widget for all static text: fewer models for the browser to fetch before the page shows.
        parts = [overview, calendar]
        tail = tag("h2", "Det här kommer") + tag("p", COMING) + calendar_heading
    page = w.VBox(parts)
    page.add_class("dk-event")
    wait_for_visit()
    now = now or now_local(program)
    overview.value = overview_html(program, event, now) + tail
    return page
