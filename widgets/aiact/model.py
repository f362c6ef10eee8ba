"""The AI Act rules (AI-förordningen) as plain frozen dataclasses, parsed from ``data/aiact/regler.yaml``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reference:
    """An article, annex point or other legal anchor with the course's own Swedish summary."""

    id: str
    ref: str  # how it is cited, e.g. "art. 5 a"
    title: str
    summary: str
    source: str
    applies_from: str | None = None  # a milestone id


@dataclass(frozen=True)
class Level:
    """An outcome of the classification (risknivå), e.g. ``hog-risk``."""

    id: str
    name: str
    summary: str
    refs: tuple[Reference, ...] = ()
    is_ai_system: bool = True


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    help: str | None = None
    sets: frozenset[str] = frozenset()  # flags this choice sets
    ends: bool = False  # no further questions after this choice
    none: bool = False  # "inget av detta": exclusive
    reason: str | None = None
    refs: tuple[Reference, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Question:
    """One step of the guided flow; ``multiple`` questions take a list of option ids."""

    id: str
    step: str
    text: str
    options: tuple[Option, ...]
    help: str | None = None
    multiple: bool = False
    refs: tuple[Reference, ...] = ()
    show_if: frozenset[str] = frozenset()  # all must be set for the question to be asked
    hide_if: frozenset[str] = frozenset()  # none may be set

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


@dataclass(frozen=True)
class Rule:
    """The first rule whose ``when`` flags are all set, and none of ``unless``, decides the level."""

    level: str
    when: frozenset[str]
    reason: str
    unless: frozenset[str] = frozenset()
    refs: tuple[Reference, ...] = ()
    applies_from: str | None = None

    def matches(self, flags: frozenset[str]) -> bool:
        return self.when <= flags and not (self.unless & flags)


@dataclass(frozen=True)
class Duty:
    """What a public deployer (offentlig tillhandahållare) must do at a given level."""

    id: str
    title: str
    text: str
    levels: frozenset[str]
    parts: tuple[str, ...] = ()
    refs: tuple[Reference, ...] = ()
    when_any: frozenset[str] = frozenset()  # empty: always at these levels
    applies_from: str | None = None
    when_all: frozenset[str] = frozenset()  # every one must be set as well (e.g. role and exception)

    def applies(self, level: str, flags: frozenset[str]) -> bool:
        return (
            level in self.levels
            and (not self.when_any or bool(self.when_any & flags))
            and self.when_all <= flags
        )


@dataclass(frozen=True)
class Milestone:
    id: str
    title: str


@dataclass(frozen=True)
class DateVersion:
    """One version of the application dates, e.g. as adopted, or the Digital Omnibus (not verified)."""

    id: str
    name: str
    status: str
    verified: bool
    source: str
    checked: dt.date
    dates: dict[str, dt.date] = field(hash=False)
    notes: dict[str, str] = field(default_factory=dict, hash=False)  # what the source says instead of a date


@dataclass(frozen=True)
class VersionDate:
    version: DateVersion
    date: dt.date | None  # None: this version gives no date of its own for the milestone
    milestone_id: str = ""

    @property
    def note(self) -> str | None:
        """What this version's source says about the milestone when it gives no date (e.g. "touches Art. 4")."""
        return None if self.date is not None else self.version.notes.get(self.milestone_id)


@dataclass(frozen=True)
class ApplicationDate:
    """When a rule applies, per version of the dates; ``shown`` is the version the app presents first."""

    milestone: Milestone
    shown: VersionDate
    others: tuple[VersionDate, ...]


@dataclass(frozen=True)
class Dates:
    shown: str
    notice: str
    milestones: tuple[Milestone, ...]
    versions: tuple[DateVersion, ...]

    def version(self, version_id: str) -> DateVersion:
        return next(v for v in self.versions if v.id == version_id)

    @property
    def shown_version(self) -> DateVersion:
        return self.version(self.shown)

    def application(self, milestone_id: str) -> ApplicationDate:
        milestone = next(m for m in self.milestones if m.id == milestone_id)
        shown = self.shown_version
        return ApplicationDate(
            milestone,
            VersionDate(shown, shown.dates.get(milestone_id), milestone_id),
            tuple(
                VersionDate(v, v.dates.get(milestone_id), milestone_id)
                for v in self.versions
                if v.id != self.shown
            ),
        )


@dataclass(frozen=True)
class Rules:
    """Everything in ``data/aiact/regler.yaml``."""

    title: str
    source: str
    checked: dt.date
    disclaimer: str
    references: tuple[Reference, ...]
    levels: tuple[Level, ...]
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    duties: tuple[Duty, ...]
    dates: Dates
    intro: str | None = None
    file: str = field(default="", compare=False)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def level(self, level_id: str) -> Level:
        return next(lv for lv in self.levels if lv.id == level_id)

    def reference(self, reference_id: str) -> Reference:
        return next(r for r in self.references if r.id == reference_id)


@dataclass(frozen=True)
class Reason:
    """Why: a Swedish sentence and the articles it rests on."""

    text: str
    refs: tuple[Reference, ...] = ()

    @property
    def citation(self) -> str:
        """``art. 6, art. 6.3`` – the references as cited."""
        return ", ".join(r.ref for r in self.refs)


@dataclass(frozen=True)
class Classification:
    """The result of :func:`widgets.aiact.classify`: level, reasons with articles, duties and dates."""

    level: Level
    reasons: tuple[Reason, ...]
    duties: tuple[Duty, ...]
    notes: tuple[str, ...]
    applies_from: tuple[ApplicationDate, ...]  # dates for the level's rule and the duties, in milestone order
    dates_notice: str
    answers: dict[str, tuple[str, ...]] = field(hash=False)  # the answers that counted (asked questions only)
    flags: frozenset[str] = frozenset()
    dates_version: str = ""  # id of the date version shown first (e.g. "antagen")

    @property
    def references(self) -> tuple[Reference, ...]:
        """Every reference cited in reasons and duties, once, in first-cited order."""
        seen: dict[str, Reference] = {}
        for ref in (r for reason in self.reasons for r in reason.refs):
            seen.setdefault(ref.id, ref)
        for ref in (r for duty in self.duties for r in duty.refs):
            seen.setdefault(ref.id, ref)
        return tuple(seen.values())

    def as_record(self) -> dict[str, Any]:
        """A JSON-ready summary to keep in the participant's store (ids and texts, no objects)."""
        return {
            "level": self.level.id,
            "level_name": self.level.name,
            "answers": {q: list(a) for q, a in self.answers.items()},
            "reasons": [{"text": r.text, "refs": [x.ref for x in r.refs]} for r in self.reasons],
            "duties": [d.id for d in self.duties],
            "dates_version": self.dates_version,
        }


@dataclass(frozen=True)
class Case:
    """A worked public-sector example: real (as reported, with source) or constructed for the course."""

    id: str
    title: str
    description: str
    constructed: bool
    answers: dict[str, tuple[str, ...]] = field(hash=False)
    expected_level: str = ""
    explanation: str = ""
    source: str | None = None
    checked: dt.date | None = None
    check_note: str | None = None
    assumption: str | None = None
