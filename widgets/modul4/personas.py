"""Citizen personas (constructed) walking a constructed public e-service: where each drops out, what helps.

The loader checks what the schema cannot: ids unique, every step, fact and help a persona names exists, the
journey follows the service's steps in order and stops at the (single) step where the persona drops out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import content
from ..errors import ContentError, DomainError
from ..paths import DATA_DIR
from . import messages as msg

PERSONAS_FILE = DATA_DIR / "personas.yaml"
KIND = "personas"
DROPS_OUT = "avbryter"


@dataclass(frozen=True)
class Fact:
    """A fact about digital exclusion, with its source (shown to participants as it is)."""

    id: str
    text: str
    source: str
    checked: dt.date
    caveat: str | None = None


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Service:
    name: str
    description: str
    constructed: bool
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)


@dataclass(frozen=True)
class Help:
    """A help measure (hjälpinsats), e.g. digital power of attorney or assisted service."""

    id: str
    title: str
    text: str
    source: str | None = None


@dataclass(frozen=True)
class Journey:
    step: Step
    outcome: str  # "klarar", "svårt" or "avbryter"
    note: str


@dataclass(frozen=True)
class HelpVerdict:
    help: Help
    works: bool
    why: str


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    age: int
    constructed: bool
    description: str
    facts: tuple[Fact, ...]
    journey: tuple[Journey, ...]
    help: tuple[HelpVerdict, ...]

    @property
    def dropout(self) -> Journey | None:
        """The step where the persona gives up, or None if they get through."""
        last = self.journey[-1]
        return last if last.outcome == DROPS_OUT else None

    @property
    def working_help(self) -> tuple[Help, ...]:
        return tuple(v.help for v in self.help if v.works)


@dataclass(frozen=True)
class PersonaSet:
    title: str
    facts: tuple[Fact, ...]
    service: Service
    helps: tuple[Help, ...]
    personas: tuple[Persona, ...]
    intro: str | None = None

    def persona(self, persona_id: str) -> Persona:
        found = next((p for p in self.personas if p.id == persona_id), None)
        if found is None:
            raise DomainError("persona", msg.UNKNOWN_PERSONA.format(persona=persona_id))
        return found


def _unique(name: str, items: Iterable[dict[str, Any]], field: str, key: str = "id") -> list[ContentError]:
    seen: dict[str, int] = {}
    found = []
    for i, item in enumerate(items, 1):
        if item[key] in seen:
            found.append(
                ContentError(
                    name, f"{field}[{i}].{key}", f"'{item[key]}' används redan av {field}[{seen[item[key]]}]"
                )
            )
        seen.setdefault(item[key], i)
    return found


def _problems(data: dict[str, Any], name: str) -> list[ContentError]:
    found = _unique(name, data["facts"], "facts") + _unique(name, data["service"]["steps"], "service.steps")
    found += _unique(name, data["helps"], "helps") + _unique(name, data["personas"], "personas")
    facts = {f["id"] for f in data["facts"]}
    steps = [s["id"] for s in data["service"]["steps"]]
    helps = {h["id"] for h in data["helps"]}
    for i, p in enumerate(data["personas"], 1):
        base = f"personas[{i}]"
        for k, fact in enumerate(p["facts"], 1):
            if fact not in facts:
                found.append(
                    ContentError(
                        name, f"{base}.facts[{k}]", f"faktauppgiften '{fact}' finns inte under facts"
                    )
                )
        for k, j in enumerate(p["journey"], 1):
            field = f"{base}.journey[{k}]"
            expected = steps[k - 1] if k <= len(steps) else None
            if j["step"] != expected:
                found.append(
                    ContentError(
                        name,
                        f"{field}.step",
                        f"'{j['step']}' står på fel plats; stegen ska följa tjänstens ordning ({', '.join(steps)})"
                        + (f" och här väntas '{expected}'" if expected else ""),
                    )
                )
            if j["outcome"] == DROPS_OUT and k != len(p["journey"]):
                found.append(
                    ContentError(
                        name, f"{field}.outcome", "efter steget där personen avbryter ska inga fler steg stå"
                    )
                )
        if p["journey"][-1]["outcome"] != DROPS_OUT and len(p["journey"]) != len(steps):
            found.append(
                ContentError(
                    name,
                    f"{base}.journey",
                    "resan ska gå igenom alla steg, eller sluta med steget där personen avbryter (outcome: avbryter)",
                )
            )
        found += _unique(name, p["help"], f"{base}.help", key="help")
        for k, h in enumerate(p["help"], 1):
            if h["help"] not in helps:
                found.append(
                    ContentError(
                        name, f"{base}.help[{k}].help", f"hjälpinsatsen '{h['help']}' finns inte under helps"
                    )
                )
        if not any(h["works"] for h in p["help"]):
            found.append(ContentError(name, f"{base}.help", "minst en hjälpinsats ska fungera (works: true)"))
    return found


def _date(name: str, field: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ContentError(name, field, f"'{text}' är inget riktigt datum") from None


def parse_personas(data: dict[str, Any], name: str = "") -> PersonaSet:
    found = _problems(data, name)
    if found:
        raise found[0]
    facts = {
        f["id"]: Fact(
            f["id"], f["text"], f["source"], _date(name, f"facts[{i}].checked", f["checked"]), f.get("caveat")
        )
        for i, f in enumerate(data["facts"], 1)
    }
    s = data["service"]
    service = Service(
        s["name"],
        s["description"],
        s["constructed"],
        tuple(Step(x["id"], x["title"], x["text"]) for x in s["steps"]),
    )
    helps = {h["id"]: Help(h["id"], h["title"], h["text"], h.get("source")) for h in data["helps"]}
    personas = tuple(
        Persona(
            id=p["id"],
            name=p["name"],
            age=p["age"],
            constructed=p["constructed"],
            description=p["description"],
            facts=tuple(facts[f] for f in p["facts"]),
            journey=tuple(Journey(service.step(j["step"]), j["outcome"], j["note"]) for j in p["journey"]),
            help=tuple(HelpVerdict(helps[h["help"]], h["works"], h["why"]) for h in p["help"]),
        )
        for p in data["personas"]
    )
    return PersonaSet(
        data["title"], tuple(facts.values()), service, tuple(helps.values()), personas, data.get("intro")
    )


def load_personas_file(path: Path | str) -> PersonaSet:
    path = Path(path)
    return parse_personas(content.load_yaml(path, KIND), content.display_name(path))


@cache
def default_personas() -> PersonaSet:
    """``data/personas.yaml``."""
    return load_personas_file(PERSONAS_FILE)


@dataclass(frozen=True)
class StepGuess:
    correct: bool
    feedback: str
    dropout: Journey | None  # the real answer, for a view that reveals it after a try


def check_dropout(service: Service, persona: Persona, step_id: str | None) -> StepGuess:
    """Grade a guess of where the persona drops out of the service (``None``: "gets through it all")."""
    steps = [j.step.id for j in persona.journey]
    if step_id is not None and step_id not in {s.id for s in service.steps}:
        raise DomainError(persona.id, msg.UNKNOWN_STEP.format(step=step_id))
    real = persona.dropout
    if real is None:
        text = msg.COMPLETES_RIGHT if step_id is None else msg.COMPLETES_WRONG
        return StepGuess(step_id is None, text.format(name=persona.name), None)
    if step_id is None:
        return StepGuess(False, msg.NOT_COMPLETES.format(name=persona.name), real)
    if step_id == real.step.id:
        return StepGuess(
            True, msg.DROPOUT_RIGHT.format(name=persona.name, step=real.step.title, note=real.note), real
        )
    if step_id not in steps:
        return StepGuess(False, msg.DROPOUT_EARLIER.format(name=persona.name), real)
    title = next(j.step.title for j in persona.journey if j.step.id == step_id)
    return StepGuess(False, msg.DROPOUT_LATER.format(name=persona.name, step=title), real)


@dataclass(frozen=True)
class HelpCheck:
    """Feedback on the help measures a participant picked: each with why it works or not, and what was missed."""

    verdicts: tuple[HelpVerdict | None, ...]  # per pick, in the given order; None: not rated for this persona
    feedback: tuple[str, ...]  # per pick
    missed: tuple[Help, ...]
    summary: str

    @property
    def all_found(self) -> bool:
        return not self.missed


def check_help(persona: Persona, help_ids: Iterable[str], helps: Iterable[Help] = ()) -> HelpCheck:
    """Which of the picked help measures work for the persona, and which working ones were missed."""
    picked = list(dict.fromkeys(help_ids))
    if not picked:
        raise DomainError(persona.id, msg.NO_HELP)
    rated = {v.help.id: v for v in persona.help}
    known = {h.id for h in helps} | set(rated)
    unknown = [h for h in picked if h not in known]
    if unknown:
        raise DomainError(persona.id, msg.UNKNOWN_HELP.format(help=unknown[0]))
    verdicts = tuple(rated.get(h) for h in picked)
    feedback = tuple(v.why if v else msg.HELP_NOT_RATED.format(name=persona.name) for v in verdicts)
    missed = tuple(h for h in persona.working_help if h.id not in picked)
    summary = (
        msg.HELP_MISSED.format(name=persona.name, missed=", ".join(h.title.lower() for h in missed))
        if missed
        else msg.HELP_ALL_FOUND.format(name=persona.name)
    )
    return HelpCheck(verdicts, feedback, missed, summary)
