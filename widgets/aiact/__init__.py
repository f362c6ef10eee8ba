"""Which risk level? (Vilken risknivå?) – the EU AI Act (Regulation (EU) 2024/1689) as a pure model over data.

Questions, options, article summaries, duties and application dates live in ``data/aiact/regler.yaml``;
worked public-sector examples in ``data/aiact/fall.yaml``. The code only walks them::

    from widgets import aiact
    answers = {}
    while (q := aiact.next_question(answers)) is not None:
        answers[q.id] = ...  # an option id, or a list of ids when q.multiple
    result = aiact.classify(answers)  # level, reasons with articles, duties, dates per version

Every function takes an optional ``rules`` (default: the course's file), so tests can pass their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import flow
from .loader import (
    CASES_FILE,
    RULES_FILE,
    case_problems,
    default_cases,
    default_rules,
    load_cases_file,
    load_rules_file,
    parse_rules,
)
from .model import (
    ApplicationDate,
    Case,
    Classification,
    Dates,
    DateVersion,
    Duty,
    Level,
    Milestone,
    Option,
    Question,
    Reason,
    Reference,
    Rule,
    Rules,
    VersionDate,
)

Answers = Mapping[str, str | Sequence[str]]


def rules() -> Rules:
    """The course's rules (``data/aiact/regler.yaml``)."""
    return default_rules()


def questions(rules: Rules | None = None) -> tuple[Question, ...]:
    """All questions in flow order (not every one is asked: see :func:`next_question`)."""
    return (rules or default_rules()).questions


def next_question(answers: Answers, rules: Rules | None = None) -> Question | None:
    """The next question to ask given the answers so far, or None when :func:`classify` can run."""
    return flow.next_question(rules or default_rules(), answers)


def asked_questions(answers: Answers, rules: Rules | None = None) -> tuple[Question, ...]:
    """The questions asked so far, in order."""
    return flow.asked_questions(rules or default_rules(), answers)


def classify(answers: Answers, rules: Rules | None = None) -> Classification:
    """Level, reasons with article references, a public deployer's duties and their dates."""
    return flow.classify(rules or default_rules(), answers)


def cases() -> tuple[Case, ...]:
    """The worked examples (``data/aiact/fall.yaml``)."""
    return default_cases()


__all__ = [
    "CASES_FILE",
    "RULES_FILE",
    "Answers",
    "ApplicationDate",
    "Case",
    "Classification",
    "DateVersion",
    "Dates",
    "Duty",
    "Level",
    "Milestone",
    "Option",
    "Question",
    "Reason",
    "Reference",
    "Rule",
    "Rules",
    "VersionDate",
    "asked_questions",
    "case_problems",
    "cases",
    "classify",
    "default_cases",
    "default_rules",
    "load_cases_file",
    "load_rules_file",
    "next_question",
    "parse_rules",
    "questions",
    "rules",
]
