"""Shared HTML pieces about the program: session lines, event cards, calendar downloads."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from .. import fmt
from ..ics import calendar_bytes, calendar_filename
from ..paths import NOTEBOOKS_DIR
from ..program import Event, Program, Session
from ..ui.download import DownloadLink
from ..ui.html import esc, link, tag

ICS_MIME = "text/calendar"


def now_local(program: Program) -> dt.datetime:
    return dt.datetime.now(program.timezone)


def session_text(session: Session) -> str:
    """``onsdag 1 april 2026, kl. 10.00–12.00``."""
    return f"{fmt.weekday_date(session.date)}, {fmt.time_range(session.start.time(), session.end.time())}"


def definite(title: str) -> str:
    """The definite form a link text needs: ``Startkonferens`` -> ``startkonferensen``."""
    text = title.lower()
    return text + "en" if text.endswith("konferens") else text


def app_href(event: Event) -> str | None:
    """Relative link to the event's app, or None while its notebook does not exist (no dead links)."""
    return f"./{event.notebook}" if (NOTEBOOKS_DIR / event.notebook).exists() else None


def status_badge(event: Event) -> str:
    return tag("span", "Obligatorisk" if event.mandatory else "Valbar", cls="dk-badge")


def event_card(event: Event, now: dt.datetime) -> str:
    """A card: title, mandatory/elective, themes, sessions (past ones marked), link to the app."""
    title = tag("h3", raw=esc(event.label) + " " + status_badge(event))
    facts = [event.format]
    if event.hours:
        facts.append(f"{fmt.number(event.hours)} timmar")
    meta = tag("p", " · ".join(facts), cls="dk-muted")
    themes = tag("ul", raw="".join(tag("li", t) for t in event.themes))
    items = []
    for s in event.sessions:
        past = s.end <= now
        label = session_text(s) + (" (genomfört)" if past else "")
        items.append(tag("li", label, cls="dk-muted" if past else None))
    sessions = tag("p", "Tillfällen:", cls="dk-label") + tag("ul", raw="".join(items))
    href = app_href(event)
    open_link = (
        tag(
            "p",
            raw=link(
                href,
                f"Öppna sidan för {event.short_label.lower() if event.kind == 'modul' else definite(event.title)}",
            ),
        )
        if href
        else ""
    )
    return tag(
        "section",
        cls="dk-card",
        raw=title + meta + tag("p", event.description) + themes + sessions + open_link,
        aria_label=event.label,
    )


class CalendarDownload(w.VBox):
    """Choose the whole program or one event, then download an .ics file made for that choice.

    ``first`` puts one event's calendar first (an event page); the whole program is always an option.
    """

    def __init__(self, program: Program, first: str | None = None) -> None:
        self.program = program
        events = [(e.label, e.id) for e in program.events]
        whole = [("Hela programmet", "")]
        options = whole + events if first is None else [o for o in events if o[1] == first] + whole
        self.choice = w.Dropdown(
            options=options,
            value=options[0][1],
            description="Tillfällen",
            style={"description_width": "initial"},
        )
        self.link = DownloadLink()
        self._files: dict[str, tuple[str, str, bytes, str]] = {}
        self.choice.observe(self._on_choice_change, names="value")
        super().__init__([self.choice, self.link])
        self.add_class("dk-calendar")  # its link, apart from other downloads on the page
        self._on_choice_change()

    def _on_choice_change(self, _change=None) -> None:
        # Each choice's file is built once per page: switching back is only a new link, not a new calendar.
        key = self.choice.value
        if key not in self._files:
            ids = [key] if key else None
            count = sum(len(e.sessions) for e in self.program.events if ids is None or e.id in ids)
            what = self.choice.label if ids else "hela programmet"
            self._files[key] = (
                calendar_filename(self.program, ids),
                ICS_MIME,
                calendar_bytes(self.program, ids),
                f"Ladda ned kalenderfil: {what} ({count} tillfällen, .ics)",
            )
        self.link.set(*self._files[key])
