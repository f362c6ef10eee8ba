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


def test_the_page_calendar_is_built_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    import dataclasses

    from widgets import ics

    monkeypatch.setenv("DIGIKOMP_CACHE_DIR", str(tmp_path))
    program = load_program()
    built = []
    real = ics.build_calendar
    monkeypatch.setattr(ics, "build_calendar", lambda *args: built.append(args) or real(*args))
    first = ics.calendar_bytes(program, ["modul2"])
    assert ics.calendar_bytes(program, ["modul2"]) == first
    assert len(built) == 1 and len(list((tmp_path / "content").glob("calendar-*"))) == 1
    assert [str(e["uid"]) for e in events_of(first)] == [
        str(e["uid"]) for e in events_of(real(program, ["modul2"]))
    ]
    # Another choice, or a program whose sessions moved, is another file.
    ics.calendar_bytes(program, None)
    moved = dataclasses.replace(program, round="2027")
    assert b"2027-" in ics.calendar_bytes(moved, ["modul2"])
    assert len(built) == 3


def test_a_warm_cache_spares_a_new_kernel_the_icalendar_import(tmp_path):
    import os
    import subprocess
    import sys

    code = (
        "import sys; from widgets.ics import calendar_bytes; from widgets.program import load_program; "
        "calendar_bytes(load_program(), ['modul2']); print('icalendar' in sys.modules)"
    )
    env = {**os.environ, "DIGIKOMP_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]  # fmt: skip
    assert [run.stdout.strip() for run in runs] == ["True", "False"]


def test_without_a_cache_folder_the_calendar_is_built_every_time(monkeypatch):
    from widgets import ics

    monkeypatch.setenv("DIGIKOMP_CACHE_DIR", "")
    built = []
    real = ics.build_calendar
    monkeypatch.setattr(ics, "build_calendar", lambda *args: built.append(args) or real(*args))
    program = load_program()
    ics.calendar_bytes(program)
    ics.calendar_bytes(program)
    assert len(built) == 2
