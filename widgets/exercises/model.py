"""Exercise content as plain frozen dataclasses, parsed from ``exercises/<module>.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class ChoiceQuestion:
    """Multiple choice (flerval): one correct answer, or several when ``multiple``."""

    id: str
    question: str
    choices: tuple[Choice, ...]
    multiple: bool = False
    explanation: str | None = None

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.choices if c.correct)


@dataclass(frozen=True)
class NumericQuestion:
    """A numeric answer, right within ``tolerance`` (absolute, in ``unit``)."""

    id: str
    question: str
    answer: float
    tolerance: float = 0.0
    unit: str | None = None
    explanation: str | None = None
    feedback_correct: str | None = None
    feedback_incorrect: str | None = None
    source: str | None = None


Question = ChoiceQuestion | NumericQuestion


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str | None = None
    source: str | None = None

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


@dataclass(frozen=True)
class ReflectionPrompt:
    """A free-text reflection prompt (reflektionsfråga) answered in the lärlogg."""

    id: str
    prompt: str
    title: str | None = None
    hint: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class LikertStatement:
    id: str
    text: str
    reverse: bool = False  # agreeing means *less* of the dimension


@dataclass(frozen=True)
class LikertDimension:
    id: str
    title: str
    statements: tuple[LikertStatement, ...]
    suggestion: str | None = None  # shown when this is among the participant's weakest dimensions


@dataclass(frozen=True)
class Likert:
    """A self-assessment (självskattning): statements on a labelled scale, grouped in dimensions."""

    id: str
    title: str
    labels: tuple[str, ...]
    dimensions: tuple[LikertDimension, ...]
    scale_min: int = 1
    intro: str | None = None
    source: str | None = None

    @property
    def scale_max(self) -> int:
        return self.scale_min + len(self.labels) - 1

    @property
    def statements(self) -> tuple[LikertStatement, ...]:
        return tuple(s for d in self.dimensions for s in d.statements)


@dataclass(frozen=True)
class OrderItem:
    id: str
    text: str


@dataclass(frozen=True)
class Ordering:
    """Put items in order; ``items`` holds the correct order."""

    id: str
    title: str
    question: str
    items: tuple[OrderItem, ...]
    explanation: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class GroupBoardSpec:
    """An exercise's group board on the course's JupyterHub (``group_board:`` in the content): ``dots`` per
    member for dot voting (3–5, none: no voting); in a workshop, steps before ``shared_from`` are private (notes
    their author's own until shared)."""

    dots: int | None = None
    shared_from: str | None = None


@dataclass(frozen=True)
class ScenarioOption:
    id: str
    text: str
    consequence: str
    next: str | None = None  # the next card's id; None ends the scenario


@dataclass(frozen=True)
class ScenarioCard:
    id: str
    text: str
    title: str | None = None
    options: tuple[ScenarioOption, ...] = ()

    @property
    def is_ending(self) -> bool:
        return not self.options


@dataclass(frozen=True)
class Scenario:
    """Scenario cards with options and consequences; an option may lead to another card (branching)."""

    id: str
    title: str
    start: str
    cards: tuple[ScenarioCard, ...]
    intro: str | None = None
    source: str | None = None
    group_board: GroupBoardSpec | None = None

    def card(self, card_id: str) -> ScenarioCard:
        return next(c for c in self.cards if c.id == card_id)


@dataclass(frozen=True)
class CanvasField:
    id: str
    label: str
    hint: str | None = None


@dataclass(frozen=True)
class CanvasLink:
    """A link to another page of the course (a relative notebook path, checked by the schema)."""

    href: str
    text: str


@dataclass(frozen=True)
class Canvas:
    """A worksheet (arbetsblad): free-text fields, optionally dated commitments (exported as .ics reminders)
    and a digest of the participant's own lärlogg and results; saved field by field, exported to Word."""

    id: str
    title: str
    fields: tuple[CanvasField, ...]
    commitments: int = 0
    commitment_label: str = "Åtagande"
    digest: bool = False
    links: tuple[CanvasLink, ...] = ()
    intro: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class WorkshopStep:
    id: str
    title: str
    minutes: float
    instruction: str


@dataclass(frozen=True)
class Workshop:
    """A timed workshop format (e.g. 1-2-4-All): steps with a length, a timer and notes per step."""

    id: str
    title: str
    steps: tuple[WorkshopStep, ...]
    intro: str | None = None
    source: str | None = None
    group_board: GroupBoardSpec | None = None

    def step(self, step_id: str) -> WorkshopStep:
        return next(s for s in self.steps if s.id == step_id)


@dataclass(frozen=True)
class ScanCategory:
    id: str
    title: str
    hint: str | None = None


@dataclass(frozen=True)
class Scan:
    """An environment scan (omvärldsanalys, e.g. PESTEL): factors per category, each rated for likelihood and
    impact on the same labelled scale (an even number of steps, so every factor is low or high), shown in a
    2×2 priority chart."""

    id: str
    title: str
    categories: tuple[ScanCategory, ...]
    labels: tuple[str, ...]
    intro: str | None = None
    source: str | None = None
    group_board: GroupBoardSpec | None = None

    @property
    def scale_max(self) -> int:
        return len(self.labels)

    def category(self, category_id: str) -> ScanCategory:
        return next(c for c in self.categories if c.id == category_id)


Exercise = ReflectionPrompt | Quiz | Likert | Ordering | Scenario | Canvas | Workshop | Scan


@dataclass(frozen=True)
class ExerciseGroup:
    """Exercises shown together under one opener (e.g. module 2's four "Kritiska situationer")."""

    title: str
    exercises: tuple[str, ...]  # exercise ids, in the file's order
    intro: str | None = None


@dataclass(frozen=True)
class ModuleContent:
    """Everything in one ``exercises/<module>.yaml``."""

    module: str
    title: str
    exercises: tuple[Exercise, ...]
    order: int | None = None  # place in the course (startkonferens 0 … slutkonferens 6)
    file: str = field(default="", compare=False)
    groups: tuple[ExerciseGroup, ...] = ()

    def group_of(self, exercise_id: str) -> ExerciseGroup | None:
        return next((g for g in self.groups if exercise_id in g.exercises), None)

    def get(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)

    def of_type(self, kind: type[T]) -> list[T]:
        return [e for e in self.exercises if isinstance(e, kind)]

    @property
    def reflections(self) -> list[ReflectionPrompt]:
        return self.of_type(ReflectionPrompt)
