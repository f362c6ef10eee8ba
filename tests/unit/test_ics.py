"""The calendar export: RFC 5545 via icalendar, Europe/Stockholm, one event per session, stable UIDs."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from widgets.cli import main
from widgets.ics import build_calendar
from widgets.program import load_program


def events_of(data: bytes):
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_whole_program_has_one_event_per_session_in_stockholm_time():
    program = load_program()
    events = events_of(build_calendar(program))
    assert len(events) == len(program.sessions) == 24
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts == [s.start for s in program.sessions]
    assert all(str(e.decoded("dtstart").tzinfo) == "Europe/Stockholm" for e in events)
    assert b"BEGIN:VTIMEZONE" in build_calendar(program)


def test_every_session_date_is_in_the_calendar():
    program = load_program()
    text = build_calendar(program).decode()
    for session in program.sessions:
        assert session.start.strftime("%Y%m%dT%H%M%S") in text


def test_uids_are_unique_and_stable_across_exports():
    program = load_program()
    first = [
        str(e["uid"]) for e in events_of(build_calendar(program, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    ]
    again = [str(e["uid"]) for e in events_of(build_calendar(program))]
    assert first == again
    assert len(set(first)) == len(first)
    assert "2026-modul1-1@digikomp.liu.se" in first


def test_one_module_only():
    program = load_program()
    events = events_of(build_calendar(program, ["modul5"]))
    assert len(events) == 5
    assert all(str(e["summary"]).startswith("Modul 5: Digitalisering och hållbarhet") for e in events)
    assert str(events[0]["location"]) == "Online"


def test_cli_writes_a_module_calendar(tmp_path, capsys):
    out = tmp_path / "m2.ics"
    assert main(["kalender", "--modul", "2", "-o", str(out)]) == 0
    assert len(events_of(out.read_bytes())) == 4


def test_cli_rejects_an_unknown_module_in_swedish(capsys):
    assert main(["kalender", "--modul", "9"]) == 2
    assert "Modul 9 finns inte" in capsys.readouterr().err
