"""The guided question flow and the classification: pure functions that walk the rules in the data.

Answers are a mapping ``{question_id: option_id}`` for single-choice questions and
``{question_id: [option_id, ...]}`` for ``multiple`` ones. Questions are asked in file order; a question is
skipped unless its ``show_if`` flags are all set and none of its ``hide_if`` flags is. A choice with ``ends``
stops the flow. Answers to questions the flow would not ask (e.g. the Art. 6(3) exceptions once profiling is
answered yes) do not count: this is how the profiling rule overrides the exceptions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import DomainError
from . import messages as msg
from .model import ApplicationDate, Classification, Option, Question, Reason, Rules

Answers = Mapping[str, str | Sequence[str]]


def normalise(rules: Rules, answers: Answers) -> dict[str, tuple[str, ...]]:
    """Answers as ``{question_id: (option_id, ...)}``; anything unusable raises :class:`DomainError`."""
    known = {q.id: q for q in rules.questions}
    out: dict[str, tuple[str, ...]] = {}
    for question_id, value in answers.items():
        question = known.get(question_id)
        if question is None:
            raise DomainError(question_id, msg.UNKNOWN_QUESTION.format(question=question_id))
        chosen = tuple(dict.fromkeys((value,) if isinstance(value, str) else value))
        if not chosen:
            raise DomainError(question_id, msg.NO_CHOICE)
        unknown = [c for c in chosen if c not in question.option_ids]
        if unknown:
            raise DomainError(question_id, msg.UNKNOWN_OPTION.format(option=unknown[0]))
        if not question.multiple and len(chosen) > 1:
            raise DomainError(question_id, msg.ONE_CHOICE)
        nones = [question.option(c) for c in chosen if question.option(c).none]
        if nones and len(chosen) > 1:
            raise DomainError(question_id, msg.NONE_EXCLUSIVE.format(none=nones[0].text))
        out[question_id] = chosen
    return out


@dataclass(frozen=True)
class Walk:
    """Where a set of answers has got to: the questions asked and answered, the next one, the flags set."""

    asked: tuple[tuple[Question, tuple[Option, ...]], ...]
    pending: Question | None
    flags: frozenset[str]
    ended: bool  # a choice with ``ends`` stopped the flow


def walk(rules: Rules, answers: Answers) -> Walk:
    """Follow the flow through the answers as far as they go."""
    given = normalise(rules, answers)
    flags: set[str] = set()
    asked: list[tuple[Question, tuple[Option, ...]]] = []
    for question in rules.questions:
        if not question.show_if <= flags or question.hide_if & flags:
            continue
        if question.id not in given:
            return Walk(tuple(asked), question, frozenset(flags), False)
        options = tuple(question.option(o) for o in given[question.id])
        asked.append((question, options))
        for option in options:
            flags |= option.sets
        if any(o.ends for o in options):
            return Walk(tuple(asked), None, frozenset(flags), True)
    return Walk(tuple(asked), None, frozenset(flags), False)


def next_question(rules: Rules, answers: Answers) -> Question | None:
    """The next question to ask, or None when the answers are enough to classify."""
    return walk(rules, answers).pending


def asked_questions(rules: Rules, answers: Answers) -> tuple[Question, ...]:
    """The questions the flow has asked so far, in order (for a "steg 3" indicator and a back button)."""
    return tuple(q for q, _ in walk(rules, answers).asked)


def classify(rules: Rules, answers: Answers) -> Classification:
    """Classify complete answers: the level, why (with articles), the duties of a public deployer and when
    they apply. Raises :class:`DomainError` naming the first unanswered question."""
    state = walk(rules, answers)
    if state.pending is not None:
        raise DomainError(state.pending.id, msg.UNANSWERED.format(step=state.pending.step))
    rule = next(r for r in rules.rules if r.matches(state.flags))
    level = rules.level(rule.level)
    reasons = [Reason(rule.reason, rule.refs)]
    reasons += [Reason(o.reason, o.refs) for _, options in state.asked for o in options if o.reason]
    duties = tuple(d for d in rules.duties if d.applies(level.id, state.flags))
    notes = tuple(o.note for _, options in state.asked for o in options if o.note)
    return Classification(
        level=level,
        reasons=tuple(reasons),
        duties=duties,
        notes=notes,
        applies_from=_dates(rules, [rule.applies_from, *(d.applies_from for d in duties)]),
        dates_notice=rules.dates.notice,
        answers={q.id: tuple(o.id for o in options) for q, options in state.asked},
        flags=state.flags,
        dates_version=rules.dates.shown,
    )


def _dates(rules: Rules, milestone_ids: list[str | None]) -> tuple[ApplicationDate, ...]:
    wanted = set(filter(None, milestone_ids))
    return tuple(rules.dates.application(m.id) for m in rules.dates.milestones if m.id in wanted)
