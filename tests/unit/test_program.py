"""The 2026 round exactly as the program sheet gives it, and what is upcoming on a given day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from widgets.program import load_organisations, load_program, upcoming

STHLM = ZoneInfo("Europe/Stockholm")

# The program sheet (shared/seed), transcribed by hand: event id -> [(date, start hour, end hour)].
SHEET = {
    "startkonferens": [("2026-03-03", 9, 17)],
    "modul1": [
        ("2026-04-01", 10, 12),
        ("2026-04-14", 10, 12),
        ("2026-04-22", 10, 12),
        ("2026-04-28", 10, 12),
    ],
    "modul2": [("2026-05-08", 8, 10), ("2026-05-12", 10, 12), ("2026-05-18", 10, 12), ("2026-05-27", 8, 10)],
    "modul3": [
        ("2026-09-04", 10, 12),
        ("2026-09-09", 10, 12),
        ("2026-09-14", 10, 12),
        ("2026-09-25", 10, 12),
    ],
    "modul4": [
        ("2026-09-30", 10, 12),
        ("2026-10-06", 10, 12),
        ("2026-10-13", 8, 10),
        ("2026-10-19", 10, 12),
        ("2026-10-28", 9, 11),
    ],
    "modul5": [
        ("2026-11-04", 9, 11),
        ("2026-11-09", 9, 11),
        ("2026-11-17", 9, 11),
        ("2026-11-23", 9, 11),
        ("2026-11-25", 9, 11),
    ],
    "slutkonferens": [("2026-12-01", 9, 17)],
}


@pytest.fixture(scope="module")
def program():
    return load_program()


def test_every_session_matches_the_program_sheet(program):
    for event_id, expected in SHEET.items():
        got = [
            (s.start.date().isoformat(), s.start.hour, s.end.hour) for s in program.event(event_id).sessions
        ]
        assert got == expected, event_id
    assert len(program.sessions) == sum(map(len, SHEET.values())) == 24


def test_times_are_stockholm_local_time(program):
    first = program.event("modul1").sessions[0]
    assert first.start.tzinfo == STHLM
    assert first.start.utcoffset() == dt.timedelta(hours=2)  # summer time on 1 April 2026
    assert program.event("startkonferens").sessions[0].start.utcoffset() == dt.timedelta(hours=1)


def test_module_one_is_mandatory_with_ten_hours_and_the_rest_elective(program):
    assert program.module(1).mandatory and program.module(1).hours == 10
    assert [m.mandatory for m in program.modules[1:]] == [False] * 4
    assert all(c.mandatory and c.location == "Linköping" for c in program.conferences)


def test_module_3_themes_are_the_sheets_bullet_not_its_title(program):
    """The program sheet gives module 3 one bullet ("begrepp inom digitalisering och exempel på tillämpningar");
    "möjligheter, risker och etik" is the module's title, not a theme."""
    modul3 = program.event("modul3")
    assert modul3.themes == ("Begrepp inom digitalisering", "Exempel på tillämpningar")
    assert "etik" in modul3.title


def test_themes_of_the_conferences(program):
    assert "Digitaliseringens komplexitet" in program.event("startkonferens").themes
    assert "Hur går vi vidare?" in program.event("slutkonferens").themes


def test_upcoming_lists_sessions_not_yet_over_soonest_first(program):
    now = dt.datetime(2026, 4, 14, 11, 0, tzinfo=STHLM)  # during module 1's second session
    pairs = upcoming(program, now, limit=3)
    assert [(e.id, s.index) for e, s in pairs] == [("modul1", 2), ("modul1", 3), ("modul1", 4)]


def test_nothing_upcoming_after_the_final_conference(program):
    assert upcoming(program, dt.datetime(2026, 12, 2, tzinfo=STHLM)) == []


def test_upcoming_requires_an_aware_time(program):
    with pytest.raises(ValueError, match="aware"):
        upcoming(program, dt.datetime(2026, 1, 1))


def test_nineteen_organisations_as_named_on_the_sheet():
    orgs = load_organisations()
    assert len(orgs) == 19
    assert sum(o.type == "kommun" for o in orgs) == 13
    assert {o.county for o in orgs if o.name == "Vimmerby"} == {"Kalmar län"}
    assert "Norrköping" not in {o.name for o in orgs}
    assert {o.type for o in orgs} == {
        "kommun",
        "kommunalt bolag",
        "regionalt bolag",
        "region",
        "kommunalförbund",
        "myndighet",
    }
