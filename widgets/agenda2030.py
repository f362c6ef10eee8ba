"""Agenda 2030 (module 5): the 17 goals as data (``data/agenda2030.yaml``, with its sources) and an initiative of
the participant's own mapped to them, with positive and negative effects and, optionally, targets (delmål).

:func:`check_mapping` validates what a participant wrote (Swedish :class:`~widgets.errors.DomainError` naming
the field); :func:`to_markdown` is the export. Answers are kept in the personal store by the view as
``record_answer("modul5", "agenda2030", "mal-<n>", {"positive": …, "negative": …, "targets": […]})``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import content, fmt
from .errors import ContentError, DomainError
from .paths import DATA_DIR

GOALS_FILE = DATA_DIR / "agenda2030.yaml"
KIND = "agenda2030"
MAX_TEXT = 2000
_TARGET = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])$")


@dataclass(frozen=True)
class Goal:
    number: int
    title: str

    @property
    def name(self) -> str:
        return f"Mål {self.number}: {self.title}"


@dataclass(frozen=True)
class Goals:
    title: str
    about: str
    source: str
    adopted: dt.date
    targets_total: int
    titles_source: str
    goals: tuple[Goal, ...]

    def get(self, number: int) -> Goal:
        for goal in self.goals:
            if goal.number == number:
                return goal
        raise DomainError("goal", f"Det finns inget mål {number}; målen är numrerade 1–{len(self.goals)}.")


@dataclass(frozen=True)
class GoalEffect:
    """What the initiative does for one goal: positive and negative effects, and targets (e.g. ``13.3``)."""

    goal: int
    positive: str = ""
    negative: str = ""
    targets: tuple[str, ...] = ()

    def to_value(self) -> dict[str, Any]:
        return {"positive": self.positive, "negative": self.negative, "targets": list(self.targets)}

    @classmethod
    def from_value(cls, goal: int, value: Any) -> GoalEffect | None:
        """A stored answer back (None if it is not one of ours)."""
        if not isinstance(value, dict):
            return None
        targets = value.get("targets") or []
        return cls(
            goal,
            str(value.get("positive", "")),
            str(value.get("negative", "")),
            tuple(str(t) for t in targets if isinstance(t, str)),
        )


@dataclass(frozen=True)
class Mapping:
    initiative: str
    effects: tuple[GoalEffect, ...]


def parse_goals(data: dict[str, Any], name: str = "") -> Goals:
    numbers = [g["number"] for g in data["goals"]]
    for i, number in enumerate(numbers, 1):
        if number != i:
            raise ContentError(
                name, f"goals[{i}].number", f"ska vara {i} (målen i ordning 1–17), inte {number}"
            )
    try:
        adopted = dt.date.fromisoformat(data["adopted"])
    except ValueError:
        raise ContentError(name, "adopted", f"'{data['adopted']}' är inget riktigt datum") from None
    return Goals(
        title=data["title"],
        about=" ".join(data["about"].split()),
        source=" ".join(data["source"].split()),
        adopted=adopted,
        targets_total=data["targets_total"],
        titles_source=" ".join(data["titles_source"].split()),
        goals=tuple(Goal(g["number"], g["title"]) for g in data["goals"]),
    )


def load_goals_file(path: Path | str) -> Goals:
    path = Path(path)
    return parse_goals(content.load_yaml(path, KIND), content.display_name(path))


@cache
def default_goals() -> Goals:
    """``data/agenda2030.yaml``."""
    return load_goals_file(GOALS_FILE)


def parse_targets(text: str, goal: int, field: str = "targets") -> tuple[str, ...]:
    """``"13.2, 13.3"`` → ``("13.2", "13.3")``; a target of another goal or a malformed one is an error."""
    out: list[str] = []
    for part in re.split(r"[,;\s]+", (text or "").strip()):
        if not part:
            continue
        match = _TARGET.match(part)
        if not match:
            raise DomainError(field, f"”{part}” är inget delmål; skriv till exempel {goal}.1 eller {goal}.a.")
        if int(match.group(1)) != goal:
            raise DomainError(field, f"Delmål {part} hör till mål {match.group(1)}, inte till mål {goal}.")
        if part not in out:
            out.append(part)
    return tuple(out)


def check_mapping(mapping: Mapping, goals: Goals | None = None) -> Mapping:
    """Validate a mapping: known goals once each, texts not too long, targets belonging to their goal."""
    goals = goals or default_goals()
    if len(mapping.initiative) > 200:
        raise DomainError("initiative", "Initiativets namn får vara högst 200 tecken.")
    seen: set[int] = set()
    for effect in mapping.effects:
        goals.get(effect.goal)
        if effect.goal in seen:
            raise DomainError(f"mal-{effect.goal}", f"Mål {effect.goal} finns två gånger.")
        seen.add(effect.goal)
        for part in ("positive", "negative"):
            if len(getattr(effect, part)) > MAX_TEXT:
                raise DomainError(f"mal-{effect.goal}.{part}", f"Texten får vara högst {MAX_TEXT} tecken.")
        for target in effect.targets:
            parse_targets(target, effect.goal, f"mal-{effect.goal}.targets")
    return mapping


def summary_counts(effects: Iterable[GoalEffect]) -> tuple[int, int, int]:
    """(goals mapped, with a positive effect, with a negative effect)."""
    effects = list(effects)
    return (
        len(effects),
        sum(1 for e in effects if e.positive.strip()),
        sum(1 for e in effects if e.negative.strip()),
    )


def _md(text: str) -> str:
    """Participant text as Markdown that cannot become HTML or a heading."""
    text = " ".join(text.split())
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


def to_markdown(mapping: Mapping, goals: Goals | None = None, today: dt.date | None = None) -> str:
    goals = goals or default_goals()
    today = today or dt.date.today()
    title = _md(mapping.initiative) or "mitt initiativ"
    lines = [f"# Agenda 2030: {title}", "", f"Sparad {fmt.date(today)}.", ""]
    if not mapping.effects:
        lines += ["Inga mål valda ännu.", ""]
    for effect in sorted(mapping.effects, key=lambda e: e.goal):
        lines += [f"## {goals.get(effect.goal).name}", ""]
        if effect.targets:
            lines += [f"Delmål: {', '.join(effect.targets)}", ""]
        lines += [
            f"- Positivt: {_md(effect.positive) or '–'}",
            f"- Negativt: {_md(effect.negative) or '–'}",
            "",
        ]
    lines += ["## Källor", "", f"- {goals.source}", f"- {goals.titles_source}", ""]
    return "\n".join(lines)
