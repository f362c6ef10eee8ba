"""AI ethics in module 3: the HLEG principles behind each dilemma and the ALTAI-style self-assessment's advice.

The dilemmas and the self-assessment themselves are exercise-engine content (``exercises/modul3.yaml``:
scenarios and a Likert); ``data/aiact/etik.yaml`` adds what the engine has no fields for – stakeholders,
principles at stake, and concrete suggestions per requirement. The loader checks that every id it names
exists in the module's content."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import content
from ..errors import ContentError, DomainError
from ..exercises import DimensionScore, Likert, ModuleContent, Scenario, likert_profile, load_module
from ..paths import DATA_DIR

ETHICS_FILE = DATA_DIR / "aiact" / "etik.yaml"
KIND = "aiact_ethics"
NOTHING_ANSWERED = "Svara på minst ett påstående för att se resultatet."


@dataclass(frozen=True)
class Principle:
    id: str
    name: str
    summary: str


@dataclass(frozen=True)
class Dilemma:
    """What the scenario card alone does not say: who is affected and which principles are at stake."""

    scenario: Scenario
    constructed: bool
    stakeholders: tuple[str, ...]
    principles: tuple[Principle, ...]
    source: str | None = None


@dataclass(frozen=True)
class Requirement:
    """One of the seven requirements (a Likert dimension) with suggestions shown when it is among the weakest."""

    dimension: str
    number: int
    title: str
    summary: str
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class Ethics:
    module: str
    source: str
    principles: tuple[Principle, ...]
    dilemmas: tuple[Dilemma, ...]
    altai: Likert
    altai_source: str
    show_weakest: int
    requirements: tuple[Requirement, ...]

    def dilemma(self, scenario_id: str) -> Dilemma:
        return next(d for d in self.dilemmas if d.scenario.id == scenario_id)


@dataclass(frozen=True)
class Advice:
    score: DimensionScore
    requirement: Requirement


@dataclass(frozen=True)
class AltaiResult:
    """The radar chart's spokes (``profile``, in requirement order) and advice for the weakest areas."""

    profile: tuple[DimensionScore, ...]
    weakest: tuple[Advice, ...]
    scale_min: int
    scale_max: int


def parse_ethics(data: dict[str, Any], module: ModuleContent, name: str = "") -> Ethics:
    """Build the model from schema-valid data, checking every id against the module's content."""
    principles = {p["id"]: Principle(p["id"], p["name"], p["summary"]) for p in data["principles"]}
    scenarios = {s.id: s for s in module.of_type(Scenario)}
    dilemmas = []
    for i, d in enumerate(data["dilemmas"], 1):
        if d["scenario"] not in scenarios:
            known = ", ".join(scenarios) or "inga"
            raise ContentError(
                name,
                f"dilemmas[{i}].scenario",
                f"'{d['scenario']}' finns inte i {module.file}; kända: {known}",
            )
        for k, p in enumerate(d["principles"], 1):
            if p not in principles:
                raise ContentError(
                    name, f"dilemmas[{i}].principles[{k}]", f"principen '{p}' finns inte under principles"
                )
        dilemmas.append(
            Dilemma(
                scenarios[d["scenario"]],
                d["constructed"],
                tuple(d["stakeholders"]),
                tuple(principles[p] for p in d["principles"]),
                d.get("source"),
            )
        )
    altai = data["altai"]
    likert = next((e for e in module.of_type(Likert) if e.id == altai["exercise"]), None)
    if likert is None:
        raise ContentError(
            name, "altai.exercise", f"självskattningen '{altai['exercise']}' finns inte i {module.file}"
        )
    titles = {dim.id: dim.title for dim in likert.dimensions}
    requirements = []
    for i, r in enumerate(altai["requirements"], 1):
        if r["dimension"] not in titles:
            raise ContentError(
                name,
                f"altai.requirements[{i}].dimension",
                f"'{r['dimension']}' är inget område i {likert.id}",
            )
        requirements.append(
            Requirement(
                r["dimension"], r["number"], titles[r["dimension"]], r["summary"], tuple(r["suggestions"])
            )
        )
    missing = sorted(set(titles) - {r.dimension for r in requirements})
    if missing:
        raise ContentError(name, "altai.requirements", f"förslag saknas för området '{missing[0]}'")
    return Ethics(
        module=data["module"],
        source=data["source"],
        principles=tuple(principles.values()),
        dilemmas=tuple(dilemmas),
        altai=likert,
        altai_source=altai["source"],
        show_weakest=altai["show_weakest"],
        requirements=tuple(requirements),
    )


def load_ethics_file(path: Path | str, module: ModuleContent | None = None) -> Ethics:
    path = Path(path)
    data = content.load_yaml(path, KIND)
    return parse_ethics(data, module or load_module(data["module"]), content.display_name(path))


@cache
def default_ethics() -> Ethics:
    """``data/aiact/etik.yaml`` with the course's ``exercises/modul3.yaml``."""
    return load_ethics_file(ETHICS_FILE)


def altai_result(responses: Mapping[str, int], ethics: Ethics | None = None) -> AltaiResult:
    """Mean per requirement and the ``show_weakest`` lowest-scoring answered requirements with suggestions.

    Ties keep requirement order. Raises :class:`DomainError` if nothing is answered (or an answer is invalid).
    """
    ethics = ethics or default_ethics()
    profile = likert_profile(ethics.altai, responses)
    answered = [s for s in profile if s.mean is not None]
    if not answered:
        raise DomainError(ethics.altai.id, NOTHING_ANSWERED)
    by_dimension = {r.dimension: r for r in ethics.requirements}
    weakest = sorted(answered, key=lambda s: s.mean or 0.0)[: ethics.show_weakest]  # all answered: not None
    return AltaiResult(
        profile=profile,
        weakest=tuple(Advice(s, by_dimension[s.id]) for s in weakest),
        scale_min=ethics.altai.scale_min,
        scale_max=ethics.altai.scale_max,
    )
