"""The Start page and the event pages, built in-process without a browser."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from widgets import fmt
from widgets.apps.event import COMING, event_app
from widgets.apps.schedule import CalendarDownload, session_text
from widgets.apps.start import UPCOMING_LIMIT, start_app, upcoming_html
from widgets.program import load_program, upcoming

STHLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(scope="module")
def program():
    return load_program()


def page_html(widget) -> str:
    """All HTML the page shows, depth first."""
    out = []
    stack = [widget]
    while stack:
        node = stack.pop(0)
        if hasattr(node, "value") and isinstance(node.value, str):
            out.append(node.value)
        stack = list(getattr(node, "children", ())) + stack
    return "".join(out)


def ics_of(link) -> Calendar:
    assert link.mime == "text/calendar"
    return Calendar.from_ical(link.data)


def test_start_page_shows_every_session_date(program):
    html = page_html(start_app(program, now=dt.datetime(2026, 1, 1, tzinfo=STHLM)))
    for session in program.sessions:
        assert fmt.weekday_date(session.date) in html


def test_upcoming_sessions_follow_today(program):
    now = dt.datetime(2026, 9, 10, 12, tzinfo=STHLM)
    html = page_html(start_app(program, now=now))
    shown = [session_text(session) for _, session in upcoming(program, now, UPCOMING_LIMIT)]
    assert shown[0] == "måndag 14 september 2026, kl. 10.00–12.00"
    assert not any("9 september" in text for text in shown)
    assert upcoming_html(program, now) in html  # the page shows exactly these as "Kommande tillfällen"


def test_after_the_last_session_the_start_page_says_so(program):
    html = page_html(start_app(program, now=dt.datetime(2027, 1, 1, tzinfo=STHLM)))
    assert "Alla tillfällen i 2026 års omgång är genomförda" in html


def test_start_page_links_each_existing_app(program):
    html = page_html(start_app(program))
    for event in program.events:
        assert f'href="./{event.notebook}"' in html


def test_start_page_lists_the_organisations_and_the_count_caveat(program):
    html = page_html(start_app(program))
    assert "Vimmerby (Kalmar län)" in html
    assert "19" in html and "totalt 20" in html


def test_organisation_headings_agree_in_number_with_their_count(program):
    html = page_html(start_app(program))
    assert "<h3>Kommunala bolag (2)</h3>" in html and "<h3>Kommuner (13)</h3>" in html
    assert "<h3>Region (1)</h3>" in html
    assert "Kommunalt bolag (" not in html


def test_conference_links_use_the_definite_form(program):
    html = page_html(start_app(program))
    assert "Öppna sidan för startkonferensen" in html and "Öppna sidan för slutkonferensen" in html
    assert "Öppna sidan för modul 3" in html
    assert not re.search(r"Öppna sidan för (start|slut)konferens<", html)


def test_choosing_a_module_changes_the_calendar_download(program):
    chooser = CalendarDownload(program)
    assert len(list(ics_of(chooser.link).walk("VEVENT"))) == 24
    chooser.choice.value = "modul4"
    assert len(list(ics_of(chooser.link).walk("VEVENT"))) == 5
    assert 'download="digikomp-2026-modul4.ics"' in chooser.link.value


def test_event_page_marks_past_and_upcoming_sessions(program):
    html = page_html(event_app("modul5", program, now=dt.datetime(2026, 11, 20, tzinfo=STHLM)))
    assert "<h1>Modul 5: Digitalisering och hållbarhet (IT i metakrisen)</h1>" in html
    assert html.count("genomfört") == 3 and html.count("kommande") == 2
    assert "Valbar" in html


def test_event_page_without_exercises_says_what_is_coming(program):
    html = page_html(event_app("slutkonferens", program))
    assert COMING.split(".")[0] in html


def test_event_page_offers_its_own_calendar_first(program):
    page = event_app("modul1", program)
    chooser = next(c for c in page.children if isinstance(c, CalendarDownload))
    assert chooser.choice.value == "modul1"
    chooser.choice.value = ""
    assert "hela programmet" in chooser.link.value


def test_tools_are_linked_only_when_their_app_exists(program, tmp_path, monkeypatch):
    from widgets.apps import start

    monkeypatch.setattr(start, "NOTEBOOKS_DIR", tmp_path)
    assert start.tools_html(program) == ""
    (tmp_path / program.tools[0].notebook).write_text("{}")
    html = start.tools_html(program)
    assert f'href="./{program.tools[0].notebook}"' in html
    assert program.tools[1].notebook not in html
