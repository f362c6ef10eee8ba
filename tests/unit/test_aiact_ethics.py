"""Module 3 content: the concept quiz, the ethics dilemmas and the ALTAI-style self-assessment with advice."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.aiact import ethics
from widgets.errors import ContentError, DomainError
from widgets.exercises import (
    Likert,
    Quiz,
    ReflectionPrompt,
    Scenario,
    check_choice,
    load_module,
    scenario_next,
)

MODULE = load_module("modul3")
ETHICS = ethics.default_ethics()
ETHICS_TEXT = ethics.ETHICS_FILE.read_text(encoding="utf-8")


def test_the_original_reflection_prompts_are_kept():
    ids = {r.id for r in MODULE.of_type(ReflectionPrompt)}
    assert {"m3-begrepp", "m3-tillampning", "m3-risker", "m3-etik", "m3-nasta-steg"} <= ids


def test_the_concept_quiz_covers_the_seven_concepts_with_one_right_answer_each():
    quiz = MODULE.get("m3-begreppsquiz")
    assert isinstance(quiz, Quiz)
    assert len(quiz.questions) == 7
    words = " ".join(q.question for q in quiz.questions).lower()
    for concept in (
        "digitisering",
        "transformation",
        "ai-system",
        "maskininlärning",
        "generativ",
        "automatiserat",
    ):
        assert concept in words
    for question in quiz.questions:
        right = next(iter(question.correct_ids))
        assert check_choice(question, right).correct
        assert question.explanation


def test_every_dilemma_names_stakeholders_and_hleg_principles_and_is_marked_constructed():
    scenarios = MODULE.of_type(Scenario)
    assert len(scenarios) >= 3
    four = {"autonomi", "skada", "rattvisa", "forklarbarhet"}
    assert {p.id for p in ETHICS.principles} == four
    for scenario in scenarios:
        dilemma = ETHICS.dilemma(scenario.id)
        assert dilemma.stakeholders and dilemma.principles
        assert {p.id for p in dilemma.principles} <= four
        assert dilemma.constructed and "Påhittat" in scenario.intro and "Påhittat" in scenario.source


def test_a_dilemma_can_be_played_to_an_end():
    scenario = MODULE.get("m3-dilemma-riskmodell")
    step = scenario_next(scenario, "risk-start", "manniska")
    assert step.next_card.id == "risk-granskning" and not step.finished
    assert scenario_next(scenario, "risk-granskning", "mata").finished


def test_altai_has_seven_requirements_with_three_to_five_statements():
    likert = MODULE.get("m3-altai")
    assert isinstance(likert, Likert)
    assert len(likert.dimensions) == 7
    assert all(3 <= len(d.statements) <= 5 for d in likert.dimensions)
    assert "2019" in likert.source and "ALTAI" in likert.source and "2020" in likert.source
    assert [r.number for r in ETHICS.requirements] == list(range(1, 8))
    assert all(len(r.suggestions) >= 2 for r in ETHICS.requirements)


def answers(value: int) -> dict[str, int]:
    return {s.id: value for s in ETHICS.altai.statements if not s.reverse} | {
        s.id: ETHICS.altai.scale_min + ETHICS.altai.scale_max - value
        for s in ETHICS.altai.statements
        if s.reverse
    }


def test_the_weakest_requirements_come_with_their_suggestions():
    responses = answers(4)
    responses["altai-rattvisa-1"] = 1
    responses["altai-oppenhet-2"] = 2
    result = ethics.altai_result(responses)
    assert [a.score.id for a in result.weakest] == ["altai-rattvisa", "altai-oppenhet"]
    assert result.weakest[0].requirement.suggestions[0].startswith("Jämför utfallen per grupp")
    assert len(result.profile) == 7 and (result.scale_min, result.scale_max) == (1, 5)


def test_a_reversed_statement_counts_the_other_way():
    """Agreeing that officers rubber-stamp the system means weak human oversight."""
    responses = answers(5)
    responses["altai-tillsyn-4"] = 5
    assert ethics.altai_result(responses).weakest[0].score.id == "altai-tillsyn"


def test_unanswered_requirements_are_left_out_of_the_weakest():
    result = ethics.altai_result({"altai-ansvar-1": 3})
    assert [a.score.id for a in result.weakest] == ["altai-ansvar"]


def test_nothing_answered_gives_a_swedish_message():
    with pytest.raises(DomainError) as err:
        ethics.altai_result({})
    assert err.value.field == "m3-altai" and "Svara på minst ett" in err.value.message


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            "  - scenario: m3-dilemma-chattbot",
            "  - scenario: m3-dilemma-chatbot",
            "dilemmas[1].scenario",
            "finns inte",
        ),
        (
            "principles: [skada, forklarbarhet, autonomi]",
            "principles: [skada, etik]",
            "dilemmas[1].principles[2]",
            "principen",
        ),
        ("  exercise: m3-altai", "  exercise: m3-altaj", "altai.exercise", "finns inte"),
        (
            "    - dimension: altai-ansvar",
            "    - dimension: altai-ansvaret",
            "altai.requirements[7].dimension",
            "inget område",
        ),
        ("  show_weakest: 2", "  show_weakest: 0", "altai.show_weakest", "för litet"),
    ],
)
def test_mistakes_in_the_ethics_file_name_file_and_field(tmp_path: Path, old, new, field, words):
    assert old in ETHICS_TEXT
    path = tmp_path / "etik.yaml"
    path.write_text(ETHICS_TEXT.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        ethics.load_ethics_file(path, MODULE)
    assert err.value.field == field
    assert words in err.value.message
