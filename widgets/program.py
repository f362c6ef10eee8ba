"""The program model: conferences, modules and their sessions, read from ``data/program.yaml``.

Pure: dataclasses and functions over them; the only I/O is :func:`load_program`/:func:`load_organisations`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .content import display_name, load_csv, load_yaml
from .errors import ContentError
from .paths import DATA_DIR

PROGRAM_FILE = DATA_DIR / "program.yaml"
ORGANISATIONS_FILE = DATA_DIR / "organisationer.csv"


@dataclass(frozen=True)
class Session:
    """One teaching occasion (tillfälle) of an event, in local time."""

    event_id: str
    index: int  # 1-based position within the event; part of the stable calendar UID
    start: dt.datetime
    end: dt.datetime

    @property
    def date(self) -> dt.date:
        return self.start.date()


@dataclass(frozen=True)
class Event:
    """A conference day or a module (kind ``konferens`` or ``modul``)."""

    id: str
    kind: str
    title: str
    notebook: str
    mandatory: bool
    format: str
    description: str
    themes: tuple[str, ...]
    sessions: tuple[Session, ...]
    number: int | None = None
    hours: float | None = None
    location: str | None = None

    @property
    def label(self) -> str:
        """``Modul 1: Power Skills`` or ``Startkonferens``."""
        return f"Modul {self.number}: {self.title}" if self.kind == "modul" else self.title

    @property
    def short_label(self) -> str:
        return f"Modul {self.number}" if self.kind == "modul" else self.title


@dataclass(frozen=True)
class Goal:
    title: str
    text: str


@dataclass(frozen=True)
class Tool:
    """An app for the whole program (Nyttokalkyl, Min lärlogg)."""

    id: str
    title: str
    notebook: str
    description: str


@dataclass(frozen=True)
class Program:
    name: str
    round: str
    provider: str
    timezone: ZoneInfo
    source: str
    summary: str
    main_goal: str
    national_goal: str | None
    goals: tuple[Goal, ...]
    events: tuple[Event, ...]
    tools: tuple[Tool, ...] = ()

    @property
    def modules(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind == "modul")

    @property
    def conferences(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind == "konferens")

    @property
    def sessions(self) -> tuple[Session, ...]:
        return tuple(sorted((s for e in self.events for s in e.sessions), key=lambda s: s.start))

    def event(self, event_id: str) -> Event:
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def module(self, number: int) -> Event:
        for event in self.modules:
            if event.number == number:
                return event
        raise KeyError(number)


@dataclass(frozen=True)
class Organisation:
    name: str
    type: str
    county: str


def upcoming(program: Program, now: dt.datetime, limit: int | None = None) -> list[tuple[Event, Session]]:
    """Sessions not yet over at ``now`` (aware), soonest first: "Kommande tillfällen"."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    pairs = sorted(
        ((e, s) for e in program.events for s in e.sessions if s.end > now), key=lambda pair: pair[1].start
    )
    return pairs[:limit] if limit is not None else pairs


def _session(raw: dict, event_id: str, index: int, tz: ZoneInfo, where: str, name: str) -> Session:
    try:
        day = dt.date.fromisoformat(raw["date"])
    except ValueError:
        raise ContentError(name, f"{where}.date", f"{raw['date']!r} är inget riktigt datum") from None
    start = dt.datetime.combine(day, dt.time.fromisoformat(raw["start"]), tz)
    end = dt.datetime.combine(day, dt.time.fromisoformat(raw["end"]), tz)
    if end <= start:
        raise ContentError(
            name, f"{where}.end", f"sluttiden {raw['end']} ligger inte efter starttiden {raw['start']}"
        )
    return Session(event_id=event_id, index=index, start=start, end=end)


def parse_program(data: dict, name: str) -> Program:
    """Build a :class:`Program` from validated data; semantic mistakes raise ContentError."""
    try:
        tz = ZoneInfo(data["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise ContentError(name, "timezone", f"{data['timezone']!r} är ingen känd tidszon") from None
    events: list[Event] = []
    seen_ids: set[str] = set()
    seen_numbers: set[int] = set()
    for i, raw in enumerate(data["events"], start=1):
        where = f"events[{i}]"
        if raw["id"] in seen_ids:
            raise ContentError(name, f"{where}.id", f"{raw['id']!r} används redan av ett annat tillfälle")
        seen_ids.add(raw["id"])
        number = raw.get("number")
        if raw["kind"] == "modul":
            if number is None:
                raise ContentError(name, f"{where}.number", "saknas men måste finnas för en modul")
            if number in seen_numbers:
                raise ContentError(name, f"{where}.number", f"modul {number} finns redan")
            seen_numbers.add(number)
        sessions = tuple(
            _session(s, raw["id"], j, tz, f"{where}.sessions[{j}]", name)
            for j, s in enumerate(raw["sessions"], start=1)
        )
        events.append(
            Event(
                id=raw["id"],
                kind=raw["kind"],
                title=raw["title"],
                notebook=raw["notebook"],
                mandatory=raw["mandatory"],
                format=raw["format"],
                description=raw["description"],
                themes=tuple(raw["themes"]),
                sessions=sessions,
                number=number,
                hours=raw.get("hours"),
                location=raw.get("location"),
            )
        )
    return Program(
        name=data["name"],
        round=data["round"],
        provider=data["provider"],
        timezone=tz,
        source=data["source"],
        summary=data["summary"],
        main_goal=data["main_goal"],
        national_goal=data.get("national_goal"),
        goals=tuple(Goal(g["title"], g["text"]) for g in data["goals"]),
        events=tuple(events),
        tools=tuple(
            Tool(t["id"], t["title"], t["notebook"], t["description"]) for t in data.get("tools", ())
        ),
    )


def load_program(path: Path | str = PROGRAM_FILE) -> Program:
    """Load and validate the program file."""
    return parse_program(load_yaml(path, "program"), display_name(Path(path)))


@cache
def default_program() -> Program:
    """The course's program, loaded once per kernel."""
    return load_program()


def load_organisations(path: Path | str = ORGANISATIONS_FILE) -> list[Organisation]:
    """Load the participating organisations (``namn,typ,lan``)."""
    rows = load_csv(path, "organisations")
    return [Organisation(r["namn"], r["typ"], r["lan"]) for r in rows]
