"""Plain records returned by the stores.

Times are timezone-aware UTC; :func:`local` gives Swedish local time.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_db(moment: dt.datetime) -> str:
    """UTC ISO 8601 with microseconds, so that text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def from_db(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def local(moment: dt.datetime) -> dt.datetime:
    """The moment in Swedish time (Europe/Stockholm), for display."""
    return moment.astimezone(STOCKHOLM)


@dataclass(frozen=True)
class Entry:
    """A reflection entry (lärloggsanteckning)."""

    id: int
    module: str
    prompt_id: str | None
    prompt: str | None  # the prompt's text as shown when the entry was written
    text: str
    created: dt.datetime
    updated: dt.datetime
    shared_with: str | None = None  # the group it is shared with, or None (private)

    @property
    def shared(self) -> bool:
        return self.shared_with is not None

    @property
    def edited(self) -> bool:
        return self.updated != self.created


@dataclass(frozen=True)
class Revision:
    """An earlier text of an entry, kept when the entry was edited."""

    entry_id: int
    text: str
    saved: dt.datetime  # when this text was saved (created or last edited)


@dataclass(frozen=True)
class Draft:
    """Unsaved text for one prompt, autosaved while typing."""

    module: str
    prompt_id: str
    text: str
    updated: dt.datetime


@dataclass(frozen=True)
class Answer:
    """One given answer to an exercise item; ``value`` is the JSON-decoded answer."""

    id: int
    module: str
    exercise_id: str
    item_id: str
    value: Any
    correct: bool | None
    answered: dt.datetime

    @staticmethod
    def encode(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class ModuleProgress:
    """What a participant has done in one module, as far as the store knows."""

    module: str
    answered: frozenset[tuple[str, str]] = frozenset()  # (exercise_id, item_id) with at least one answer
    correct: frozenset[tuple[str, str]] = frozenset()  # items whose latest answer was correct
    entries: int = 0
    prompts_answered: frozenset[str] = frozenset()  # prompt ids with at least one entry
    last_activity: dt.datetime | None = None


@dataclass(frozen=True)
class SavedCase:
    """A benefit case (nyttokalkyl) saved by name as YAML text."""

    name: str
    yaml: str
    updated: dt.datetime


@dataclass(frozen=True)
class DeletedCounts:
    """What "delete all my data" removed."""

    entries: int = 0
    revisions: int = 0
    drafts: int = 0
    answers: int = 0
    cases: int = 0
    shared: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return (
            self.entries
            + self.revisions
            + self.drafts
            + self.answers
            + self.cases
            + sum(self.shared.values())
        )
