"""Pure grading: answers in, results with Swedish feedback in words out (never colour alone).

A malformed answer (nothing chosen, an unknown id) raises :class:`~widgets.errors.DomainError` naming the
item, so a view can show the message beside the control."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import fmt
from ..errors import DomainError
from . import messages as msg
from .model import (
    Canvas,
    ChoiceQuestion,
    Likert,
    ModuleContent,
    NumericQuestion,
    Ordering,
    Quiz,
    ReflectionPrompt,
    Scan,
    Scenario,
    ScenarioCard,
    ScenarioOption,
    Workshop,
)

# --- multiple choice ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackLine:
    """Feedback on one choice: chosen (right or wrong), or a right choice the participant missed."""

    choice_id: str
    choice_text: str
    correct: bool
    text: str
    missed: bool = False


@dataclass(frozen=True)
class ChoiceResult:
    correct: bool
    verdict: str  # "Rätt!" / "Inte rätt."
    feedback: tuple[FeedbackLine, ...]
    explanation: str | None = None


def check_choice(question: ChoiceQuestion, selected: str | Iterable[str]) -> ChoiceResult:
    """Grade a multiple-choice answer: right only if exactly the correct choices were selected."""
    chosen = {selected} if isinstance(selected, str) else set(selected)
    known = {c.id for c in question.choices}
    if not chosen:
        raise DomainError(question.id, msg.NO_CHOICE)
    unknown = sorted(chosen - known)
    if unknown:
        raise DomainError(question.id, msg.UNKNOWN_CHOICE.format(choice=unknown[0]))
    if not question.multiple and len(chosen) > 1:
        raise DomainError(question.id, msg.ONE_CHOICE)
    correct = chosen == question.correct_ids
    lines = [FeedbackLine(c.id, c.text, c.correct, c.feedback) for c in question.choices if c.id in chosen]
    if question.multiple:
        lines += [
            FeedbackLine(c.id, c.text, True, msg.MISSED.format(choice=c.text), missed=True)
            for c in question.choices
            if c.correct and c.id not in chosen
        ]
    return ChoiceResult(
        correct, msg.CORRECT if correct else msg.INCORRECT, tuple(lines), question.explanation
    )


# --- numeric ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumericResult:
    correct: bool
    value: float
    verdict: str
    feedback: str
    hint: str | None = None  # "för högt" / "för lågt" when wrong
    explanation: str | None = None


def _decimals(x: float) -> int:
    for d in range(4):
        if math.isclose(x, round(x, d), abs_tol=1e-12):
            return d
    return 4


def check_numeric(question: NumericQuestion, value: float | str) -> NumericResult:
    """Right if within ``tolerance`` of the answer; text is parsed the Swedish way (``1 234,5``)."""
    number = fmt.parse_number(value, question.id) if isinstance(value, str) else float(value)
    if not math.isfinite(number):
        raise DomainError(question.id, "Skriv ett vanligt tal.")
    slack = 1e-9 * max(1.0, abs(question.answer))  # float noise must not make 0.1 + 0.2 wrong
    correct = abs(number - question.answer) <= question.tolerance + slack
    if correct:
        answer = fmt.number(question.answer, _decimals(question.answer))
        if question.unit:
            answer += f"\u00a0{question.unit}"
        text = question.feedback_correct or msg.NUMERIC_CORRECT.format(answer=answer)
        return NumericResult(True, number, msg.CORRECT, text, None, question.explanation)
    hint = msg.NUMERIC_HINT_HIGH if number > question.answer else msg.NUMERIC_HINT_LOW
    text = question.feedback_incorrect or msg.NUMERIC_INCORRECT
    return NumericResult(False, number, msg.INCORRECT, text, hint, question.explanation)


# --- ordering -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderingResult:
    correct: bool
    score: float  # share of pairs in the right relative order, 0..1 (1 = all right)
    in_place: tuple[bool, ...]  # per position of the given order: is this item where it belongs?
    feedback: str
    explanation: str | None = None


def score_ordering(exercise: Ordering, order: Sequence[str]) -> OrderingResult:
    """Score an order of item ids against the correct one (pairwise agreement, like Kendall's tau)."""
    rank = {item.id: i for i, item in enumerate(exercise.items)}
    if sorted(order) != sorted(rank):
        raise DomainError(exercise.id, msg.ORDER_INCOMPLETE)
    n = len(order)
    pairs = n * (n - 1) // 2
    agreeing = sum(1 for i in range(n) for j in range(i + 1, n) if rank[order[i]] < rank[order[j]])
    in_place = tuple(rank[item] == pos for pos, item in enumerate(order))
    correct = all(in_place)
    text = msg.ORDER_ALL_RIGHT if correct else msg.ORDER_PARTLY.format(right=sum(in_place), total=n)
    return OrderingResult(correct, agreeing / pairs if pairs else 1.0, in_place, text, exercise.explanation)


# --- Likert self-assessment ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionScore:
    """One dimension of a self-assessment, e.g. one spoke of a radar chart."""

    id: str
    title: str
    mean: float | None  # None when no statement of the dimension is answered
    answered: int
    total: int


def likert_profile(likert: Likert, responses: Mapping[str, int]) -> tuple[DimensionScore, ...]:
    """Mean per dimension on the scale's own numbers; reversed statements are turned around first."""
    known = {s.id for s in likert.statements}
    for statement_id, value in responses.items():
        if statement_id not in known:
            raise DomainError(statement_id, msg.UNKNOWN_STATEMENT.format(statement=statement_id))
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not likert.scale_min <= value <= likert.scale_max
        ):
            raise DomainError(
                statement_id, msg.LIKERT_OUT_OF_RANGE.format(low=likert.scale_min, high=likert.scale_max)
            )
    flip = likert.scale_min + likert.scale_max
    scores = []
    for dimension in likert.dimensions:
        values = [
            (flip - responses[s.id]) if s.reverse else responses[s.id]
            for s in dimension.statements
            if s.id in responses
        ]
        mean = sum(values) / len(values) if values else None
        scores.append(
            DimensionScore(dimension.id, dimension.title, mean, len(values), len(dimension.statements))
        )
    return tuple(scores)


def weakest(scores: Sequence[DimensionScore]) -> tuple[DimensionScore, ...]:
    """The answered dimensions with the lowest mean (ties all included; empty when nothing is answered)."""
    answered = [s for s in scores if s.mean is not None]
    if not answered:
        return ()
    low = min(s.mean for s in answered)  # type: ignore[type-var]
    return tuple(s for s in answered if s.mean is not None and math.isclose(s.mean, low))


def likert_means(likert: Likert, responses: Mapping[str, int]) -> dict[str, float | None]:
    """``{dimension_id: mean}``; see :func:`likert_profile`."""
    return {d.id: d.mean for d in likert_profile(likert, responses)}


# --- scenario -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioStep:
    option: ScenarioOption
    consequence: str
    next_card: ScenarioCard | None  # None: the scenario ends here

    @property
    def finished(self) -> bool:
        return self.next_card is None or self.next_card.is_ending


def scenario_start(scenario: Scenario) -> ScenarioCard:
    return scenario.card(scenario.start)


def scenario_next(scenario: Scenario, card_id: str, option_id: str) -> ScenarioStep:
    """The consequence of choosing an option on a card, and the card it leads to."""
    card = next((c for c in scenario.cards if c.id == card_id), None)
    if card is None:
        raise DomainError(scenario.id, msg.UNKNOWN_CARD.format(card=card_id))
    option = next((o for o in card.options if o.id == option_id), None)
    if option is None:
        raise DomainError(card_id, msg.UNKNOWN_OPTION.format(option=option_id))
    following = scenario.card(option.next) if option.next else None
    return ScenarioStep(option, option.consequence, following)


# --- progress -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseProgress:
    exercise_id: str
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done >= self.total


@dataclass(frozen=True)
class Progress:
    module: str
    exercises: tuple[ExerciseProgress, ...]

    @property
    def done(self) -> int:
        return sum(e.done for e in self.exercises)

    @property
    def total(self) -> int:
        return sum(e.total for e in self.exercises)

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


def _scenario_finished(scenario: Scenario, answers: Mapping[tuple[str, str], Any]) -> bool:
    for card in scenario.cards:
        stored = answers.get((scenario.id, card.id))
        value = getattr(stored, "value", stored)
        option_id = value.get("option") if isinstance(value, dict) else None
        option = next((o for o in card.options if o.id == option_id), None)
        if option is not None and (option.next is None or scenario.card(option.next).is_ending):
            return True
    return False


def _value(stored: Any) -> Any:
    return getattr(stored, "value", stored)


def _filled(stored: Any) -> bool:
    value = _value(stored)
    return isinstance(value, str) and bool(value.strip())


def commitment_item(n: int) -> str:
    """The store's item id of a worksheet's n-th commitment (1-based; ``:`` keeps it apart from field ids)."""
    return f"commitment:{n}"


def canvas_filled(canvas: Canvas, answers: Mapping[tuple[str, str], Any]) -> tuple[int, int]:
    """(filled, total) over a worksheet's fields and commitments; a commitment counts once it has a text."""
    fields = sum(_filled(answers.get((canvas.id, f.id))) for f in canvas.fields)
    commitments = 0
    for n in range(1, canvas.commitments + 1):
        value = _value(answers.get((canvas.id, commitment_item(n))))
        commitments += isinstance(value, dict) and bool(str(value.get("text", "")).strip())
    return fields + commitments, len(canvas.fields) + canvas.commitments


def module_progress(
    content: ModuleContent, answers: Mapping[tuple[str, str], Any], prompts_answered: Iterable[str] = ()
) -> Progress:
    """How much of a module is done, from the latest answers per ``(exercise_id, item_id)`` and the prompt ids
    with lärlogg entries (both as given by ``PersonalStore.progress``/``latest_answers``).

    Items: each quiz question and Likert statement; an ordering exercise (item id = exercise id); a scenario
    (done once an ending is reached, answers stored per card as ``{"option": id}``); a reflection prompt; each
    worksheet field and commitment with text (:func:`canvas_filled`); each workshop step with notes; each scan
    category with at least one factor (the factors stored as one list, item id = exercise id).
    """
    reflected = set(prompts_answered)
    rows = []
    for e in content.exercises:
        if isinstance(e, Quiz):
            rows.append(
                ExerciseProgress(e.id, sum((e.id, q.id) in answers for q in e.questions), len(e.questions))
            )
        elif isinstance(e, Likert):
            statements = e.statements
            rows.append(
                ExerciseProgress(e.id, sum((e.id, s.id) in answers for s in statements), len(statements))
            )
        elif isinstance(e, Ordering):
            rows.append(ExerciseProgress(e.id, int((e.id, e.id) in answers), 1))
        elif isinstance(e, Scenario):
            rows.append(ExerciseProgress(e.id, int(_scenario_finished(e, answers)), 1))
        elif isinstance(e, ReflectionPrompt):
            rows.append(ExerciseProgress(e.id, int(e.id in reflected), 1))
        elif isinstance(e, Canvas):
            rows.append(ExerciseProgress(e.id, *canvas_filled(e, answers)))
        elif isinstance(e, Scan):
            value = _value(answers.get((e.id, e.id)))
            rated = (
                {f.get("category") for f in value if isinstance(f, dict)}
                if isinstance(value, list)
                else set()
            )
            rows.append(ExerciseProgress(e.id, sum(c.id in rated for c in e.categories), len(e.categories)))
        elif isinstance(e, Workshop):
            noted = sum(_filled(answers.get((e.id, s.id))) for s in e.steps)
            rows.append(ExerciseProgress(e.id, noted, len(e.steps)))
    return Progress(content.module, tuple(rows))
