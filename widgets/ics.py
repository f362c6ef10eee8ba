"""iCalendar (RFC 5545) export of the program's sessions, made with the ``icalendar`` library.

Each session's UID is ``<round>-<event id>-<n>@digikomp.liu.se`` so that re-importing an updated file (a moved
session, say) updates the event in the participant's calendar instead of adding a duplicate.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .program import Event, Program, Session

UID_DOMAIN = "digikomp.liu.se"
PRODID = "-//Linköpings universitet//Digital kompetens för offentlig sektor//SV"


def session_uid(program: Program, session: Session) -> str:
    return f"{program.round}-{session.event_id}-{session.index}@{UID_DOMAIN}"


def _summary(event: Event, session: Session) -> str:
    if len(event.sessions) == 1:
        return event.label
    return f"{event.label} ({session.index}/{len(event.sessions)})"


def build_calendar(
    program: Program, event_ids: list[str] | None = None, now: dt.datetime | None = None
) -> bytes:
    """The calendar for the whole program, or for the given events only, as .ics bytes."""
    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    chosen = [e for e in program.events if event_ids is None or e.id in event_ids]
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    title = (
        program.name if event_ids is None else f"{program.name}: " + ", ".join(e.short_label for e in chosen)
    )
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", str(program.timezone))
    for event in chosen:
        for session in event.sessions:
            item = IcsEvent()
            item.add("uid", session_uid(program, session))
            item.add("dtstamp", stamp)
            item.add("dtstart", session.start)
            item.add("dtend", session.end)
            item.add("summary", _summary(event, session))
            item.add("location", event.location or "Online")
            details = [
                event.description,
                "",
                "Teman:",
                *(f"– {t}" for t in event.themes),
                "",
                f"Källa: {program.source}",
            ]
            item.add("description", "\n".join(details))
            item.add("categories", ["Obligatorisk" if event.mandatory else "Valbar"])
            cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def calendar_bytes(program: Program, event_ids: list[str] | None = None) -> bytes:
    """:func:`build_calendar`, cached by the program's content and this module's code (see
    :func:`widgets.content.cached_bytes`): a cold kernel of an event page then imports no ``icalendar``. The
    file's DTSTAMP is when it was built, which is when its information was last revised."""
    from .content import cached_bytes

    key = b"\0".join([Path(__file__).read_bytes(), repr(program).encode(), repr(event_ids).encode()])
    return cached_bytes("calendar", key, lambda: build_calendar(program, event_ids))


def calendar_filename(program: Program, event_ids: list[str] | None = None) -> str:
    suffix = "" if event_ids is None else "-" + "-".join(event_ids)
    return f"digikomp-{program.round}{suffix}.ics"
