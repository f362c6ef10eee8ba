"""Grading functions: feedback in words for multiple choice, numeric tolerance, ordering, Likert, scenarios."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.errors import DomainError
from widgets.exercises import (
    check_choice,
    check_numeric,
    likert_means,
    likert_profile,
    load_module,
    load_module_file,
    module_progress,
    scenario_next,
    scenario_start,
    score_ordering,
)

FIXTURES = Path(__file__).parent / "fixtures" / "exercises"


@functools.cache
def _komplett():
    """Parsed once: hypothesis runs a test body many times and a file read per example is slow."""
    return load_module_file(FIXTURES / "giltig" / "komplett.yaml")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="module")
def content():
    return _komplett()


@pytest.fixture(scope="module")
def quiz(content):
    return content.get("quiz-1")


# --- multiple choice -----------------------------------------------------------------------------------


def test_the_right_single_choice_gives_its_own_feedback(quiz):
    result = check_choice(quiz.question("flerval-ett"), "a")
    assert result.correct
    assert result.verdict == "Rätt!"
    assert [(f.choice_id, f.correct, f.text) for f in result.feedback] == [("a", True, "Alfa är rätt.")]


def test_a_wrong_single_choice_says_why(quiz):
    result = check_choice(quiz.question("flerval-ett"), ["b"])
    assert not result.correct
    assert result.verdict == "Inte rätt."
    assert [f.text for f in result.feedback] == ["Beta är fel."]


def test_multiple_answers_need_exactly_the_right_set(quiz):
    question = quiz.question("flerval-flera")
    assert check_choice(question, ["b", "a"]).correct
    partial = check_choice(question, ["a"])
    assert not partial.correct
    missed = [f for f in partial.feedback if f.missed]
    assert [(f.choice_id, f.text) for f in missed] == [("b", "Det här alternativet är också rätt: Beta")]
    wrong = check_choice(question, ["a", "b", "c"])
    assert not wrong.correct
    assert "Gamma hör inte hit." in [f.text for f in wrong.feedback]


@pytest.mark.parametrize(
    ("question_id", "selected", "message"),
    [
        ("flerval-ett", [], "Välj ett alternativ."),
        ("flerval-ett", ["a", "b"], "Välj bara ett alternativ."),
        ("flerval-ett", ["x"], "Okänt alternativ: x."),
    ],
)
def test_a_malformed_choice_answer_gets_a_swedish_message_naming_the_question(
    quiz, question_id, selected, message
):
    with pytest.raises(DomainError) as exc:
        check_choice(quiz.question(question_id), selected)
    assert exc.value.message == message
    assert exc.value.field == question_id


# --- numeric -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [3.5, 3.45, 3.55, "3,5", "3.5", " 3,54 kr", "3,45"])
def test_a_numeric_answer_within_tolerance_is_right(quiz, answer):
    result = check_numeric(quiz.question("tal"), answer)
    assert result.correct
    assert result.feedback == "Rätt! Svaret är 3,5\u00a0kr."


@pytest.mark.parametrize(("answer", "hint"), [(3.56, "för högt"), ("3,44", "för lågt"), (-3.5, "för lågt")])
def test_a_numeric_answer_outside_tolerance_is_wrong_with_a_hint(quiz, answer, hint):
    result = check_numeric(quiz.question("tal"), answer)
    assert not result.correct
    assert result.feedback == "Räkna en gång till."
    assert hint in result.hint


def test_numeric_text_that_is_not_a_number_names_the_question(quiz):
    with pytest.raises(DomainError) as exc:
        check_numeric(quiz.question("tal"), "tre och en halv")
    assert exc.value.field == "tal"
    assert "inte ett tal" in exc.value.message


def test_zero_tolerance_still_accepts_float_noise():
    from widgets.exercises import NumericQuestion

    question = NumericQuestion("q", "0,1 + 0,2?", answer=0.3)
    assert check_numeric(question, 0.1 + 0.2).correct
    assert not check_numeric(question, 0.31).correct


# --- ordering ------------------------------------------------------------------------------------------


def test_the_right_order_scores_one(content):
    result = score_ordering(content.get("ordning"), ["ett", "tva", "tre", "fyra"])
    assert result.correct
    assert result.score == 1.0
    assert result.feedback == "Rätt ordning!"


def test_the_reversed_order_scores_zero(content):
    result = score_ordering(content.get("ordning"), ["fyra", "tre", "tva", "ett"])
    assert result.score == 0.0
    assert result.in_place == (False, False, False, False)
    assert result.feedback == "0 av 4 står på rätt plats."


def test_one_swap_scores_most_pairs(content):
    result = score_ordering(content.get("ordning"), ["tva", "ett", "tre", "fyra"])
    assert result.score == pytest.approx(5 / 6)
    assert result.in_place == (False, False, True, True)
    assert result.feedback == "2 av 4 står på rätt plats."


@pytest.mark.parametrize(
    "order", [["ett", "tva", "tre"], ["ett", "ett", "tre", "fyra"], ["ett", "tva", "tre", "x"]]
)
def test_an_incomplete_order_is_refused(content, order):
    with pytest.raises(DomainError, match="Ordna alla"):
        score_ordering(content.get("ordning"), order)


@settings(deadline=None)
@given(st.permutations(["ett", "tva", "tre", "fyra"]))
def test_ordering_score_is_between_zero_and_one_and_one_only_when_right(order):
    exercise = _komplett().get("ordning")
    result = score_ordering(exercise, order)
    assert 0.0 <= result.score <= 1.0
    assert (result.score == 1.0) == result.correct == (list(order) == ["ett", "tva", "tre", "fyra"])


# --- Likert --------------------------------------------------------------------------------------------


def test_likert_means_turn_reversed_statements_around(content):
    likert = content.get("skattning")
    assert likert_means(likert, {"a1": 5, "a2": 1, "b1": 3}) == {"dim-a": 5.0, "dim-b": 3.0}
    assert likert_means(likert, {"a1": 4, "a2": 4}) == {"dim-a": 3.0, "dim-b": None}


def test_likert_profile_says_how_much_is_answered(content):
    profile = likert_profile(content.get("skattning"), {"a1": 2})
    assert [(d.id, d.title, d.mean, d.answered, d.total) for d in profile] == [
        ("dim-a", "A", 2.0, 1, 2),
        ("dim-b", "B", None, 0, 1),
    ]


@pytest.mark.parametrize(
    ("responses", "message"),
    [
        ({"a1": 6}, "mellan 1 och 5"),
        ({"a1": 0}, "mellan 1 och 5"),
        ({"a1": True}, "mellan 1 och 5"),
        ({"zz": 3}, "Okänt påstående"),
    ],
)
def test_likert_answers_out_of_range_are_refused(content, responses, message):
    with pytest.raises(DomainError, match=message):
        likert_means(content.get("skattning"), responses)


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from(["a1", "a2", "b1"]), st.integers(1, 5)))
def test_likert_means_stay_on_the_scale(responses):
    likert = _komplett().get("skattning")
    for mean in likert_means(likert, responses).values():
        assert mean is None or 1 <= mean <= 5


def test_the_real_module1_self_assessment_has_a_mean_per_dimension():
    from widgets.exercises import Likert

    (likert,) = load_module("modul1").of_type(Likert)
    responses = {s.id: 4 for s in likert.statements}
    means = likert_means(likert, responses)
    assert set(means) == {d.id for d in likert.dimensions}
    assert all(m is not None and 2 <= m <= 4 for m in means.values())


# --- scenario ------------------------------------------------------------------------------------------


def test_a_scenario_branches_to_the_next_card(content):
    scenario = content.get("scenario")
    assert scenario_start(scenario).id == "kort-start"
    step = scenario_next(scenario, "kort-start", "vanta")
    assert step.consequence == "Det blir värre."
    assert step.next_card.id == "kort-varre"
    assert not step.finished
    final = scenario_next(scenario, "kort-varre", "agera")
    assert final.next_card.id == "kort-slut"
    assert final.finished


def test_an_option_without_next_ends_the_scenario(content):
    step = scenario_next(content.get("scenario"), "kort-start", "ga")
    assert step.next_card is None
    assert step.finished


def test_unknown_card_or_option_is_refused(content):
    scenario = content.get("scenario")
    with pytest.raises(DomainError, match="Okänt kort"):
        scenario_next(scenario, "kort-x", "vanta")
    with pytest.raises(DomainError, match="Okänt val"):
        scenario_next(scenario, "kort-start", "flyga")


# --- progress ------------------------------------------------------------------------------------------


def test_progress_counts_items_per_exercise(content):
    answers = {
        ("quiz-1", "flerval-ett"): "a",
        ("quiz-1", "tal"): 3.5,
        ("skattning", "a1"): 4,
        ("ordning", "ordning"): ["ett"],
        ("scenario", "kort-start"): {"option": "vanta"},
    }
    progress = module_progress(content, answers, prompts_answered={"reflektion-1"})
    by_id = {e.exercise_id: (e.done, e.total) for e in progress.exercises}
    assert by_id == {
        "reflektion-1": (1, 1),
        "quiz-1": (2, 3),
        "skattning": (1, 3),
        "ordning": (1, 1),
        "scenario": (0, 1),
    }
    assert (progress.done, progress.total) == (5, 9)
    answers[("scenario", "kort-varre")] = {"option": "agera"}
    assert module_progress(content, answers).exercises[-1].complete


def test_progress_works_with_what_the_store_returns(content, tmp_path):
    from widgets.store import PersonalStore

    with PersonalStore(tmp_path / "s.sqlite3") as store:
        store.record_answer("komplett", "scenario", "kort-start", {"option": "ga"})
        store.add_entry("komplett", "Svar", prompt_id="reflektion-1")
        stored = store.progress("komplett")
        latest = store.latest_answers("komplett")
    progress = module_progress(content, latest, stored.prompts_answered)
    assert {e.exercise_id for e in progress.exercises if e.complete} == {"reflektion-1", "scenario"}
    assert progress.fraction == pytest.approx(2 / 9)
