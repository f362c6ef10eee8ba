"""The AI Act classifier (Vilken risknivå?): the flow, the levels, reasons, duties and dates, over the data."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import aiact
from widgets.errors import DomainError

RULES = aiact.rules()
CASES = aiact.cases()

HIGH_RISK_PROFILING = {
    "ai-system": "ja",
    "roll": "tillhandahallare",
    "art5": ["inget"],
    "bilaga1": "nej",
    "bilaga3": ["offentligt-stod"],
    "profilering": "ja",
    "art50": ["inget"],
}
MINIMAL = {
    "ai-system": "ja",
    "roll": "tillhandahallare",
    "art5": ["inget"],
    "bilaga1": "nej",
    "bilaga3": ["inget"],
    "art50": ["inget"],
}


def flow_path(answers: dict) -> list[str]:
    """The question ids asked when a participant answers from ``answers`` as each question comes up."""
    given_so_far: dict = {}
    path = []
    while (question := aiact.next_question(given_so_far)) is not None:
        path.append(question.id)
        given_so_far[question.id] = answers[question.id]
    return path


# --- every worked case ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_case_gets_its_expected_level(case):
    """Does each worked example classify as the course says, with a Swedish explanation?"""
    result = aiact.classify(case.answers)
    assert result.level.id == case.expected_level
    assert len(case.explanation) > 80


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_case_answers_exactly_the_questions_the_flow_asks(case):
    """Is there no stray answer in a case (an answer the flow would skip would mislead staff)?"""
    assert flow_path(case.answers) == list(case.answers)


def test_there_are_at_least_ten_cases_including_the_named_ones():
    ids = {c.id for c in CASES}
    assert len(CASES) >= 10
    assert {
        "skelleftea-ansiktsigenkanning",
        "trelleborg-regelstyrd",
        "forsakringskassan-riskbedomning",
        "kommunal-chattbot",
        "cv-granskning",
        "nodsamtal-prioritering",
    } <= ids


def test_real_cases_carry_source_and_checked_date_and_constructed_ones_are_marked():
    for case in CASES:
        if not case.constructed:
            assert case.source and case.checked, case.id
    assert {c.id for c in CASES if not c.constructed} >= {
        "skelleftea-ansiktsigenkanning",
        "trelleborg-regelstyrd",
        "forsakringskassan-riskbedomning",
    }
    assert any(c.constructed for c in CASES)


def test_facts_marked_check_say_what_to_check():
    """Försäkringskassan: IMY's supervision is marked 'check' in the facts, so the case says so with a date."""
    fk = next(c for c in CASES if c.id == "forsakringskassan-riskbedomning")
    assert fk.check_note and "IMY" in fk.check_note
    assert fk.checked == dt.date(2026, 11, 29)
    assert "27 november 2024" in fk.source


def test_skelleftea_case_reports_the_decision_as_published():
    case = next(c for c in CASES if c.id == "skelleftea-ansiktsigenkanning")
    assert "20 augusti 2019" in case.source
    assert "200 000 kronor" in case.explanation


def test_every_level_is_reached_by_some_case():
    assert {c.expected_level for c in CASES} == {lv.id for lv in RULES.levels}


# --- the question flow ------------------------------------------------------------------------------------


def test_questions_follow_the_compliance_checker_order():
    """AI system → role → Art. 5 → (Annex I) → Annex III → profiling → Art. 6(3) conditions and its overall
    condition → Art. 50 (and the Art. 50(4) editorial-control question)."""
    assert [q.id for q in aiact.questions()] == [
        "ai-system",
        "roll",
        "art5",
        "bilaga1",
        "bilaga3",
        "profilering",
        "undantag",
        "vasentlig-paverkan",
        "art50",
        "redaktionellt-ansvar",
    ]


def test_flow_asks_exceptions_only_for_annex_iii_without_profiling():
    assert flow_path(HIGH_RISK_PROFILING) == [
        "ai-system",
        "roll",
        "art5",
        "bilaga1",
        "bilaga3",
        "profilering",
        "art50",
    ]
    no_profiling = {**HIGH_RISK_PROFILING, "profilering": "nej", "undantag": ["inget"]}
    assert flow_path(no_profiling)[-3:] == ["profilering", "undantag", "art50"]
    assert "profilering" not in flow_path(MINIMAL)


def test_not_an_ai_system_ends_after_the_first_question():
    assert flow_path({"ai-system": "nej"}) == ["ai-system"]
    result = aiact.classify({"ai-system": "nej"})
    assert result.level.id == "inte-ai-system" and not result.level.is_ai_system


def test_a_prohibited_practice_ends_the_flow():
    answers = {"ai-system": "ja", "roll": "tillhandahallare", "art5": ["c-social-poang"]}
    assert aiact.next_question(answers) is None
    assert aiact.classify(answers).level.id == "forbjuden"


def test_the_first_question_is_whether_it_is_an_ai_system():
    assert aiact.next_question({}).id == "ai-system"
    assert aiact.asked_questions({}) == ()
    assert [q.id for q in aiact.asked_questions({"ai-system": "ja"})] == ["ai-system"]


def test_incomplete_answers_name_the_next_question():
    with pytest.raises(DomainError) as err:
        aiact.classify({"ai-system": "ja"})
    assert err.value.field == "roll"
    assert "Svara på frågan" in err.value.message


# --- levels and rules -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        ({"ai-system": "nej"}, "inte-ai-system"),
        ({"ai-system": "ja", "roll": "tillhandahallare", "art5": ["f-kanslor-arbete-skola"]}, "forbjuden"),
        ({**MINIMAL, "bilaga1": "ja"}, "hog-risk"),
        (HIGH_RISK_PROFILING, "hog-risk"),
        ({**MINIMAL, "art50": ["interaktion"]}, "begransad-risk"),
        (MINIMAL, "minimal-risk"),
    ],
)
def test_each_level_is_reachable(answers, level):
    assert aiact.classify(answers).level.id == level


def test_profiling_overrides_the_article_6_3_exceptions():
    """A profiling Annex III system is high risk even if an exception was (wrongly) ticked."""
    answers = {**HIGH_RISK_PROFILING, "undantag": ["snav-uppgift"]}
    result = aiact.classify(answers)
    assert result.level.id == "hog-risk"
    assert "undantag" not in result.answers  # the flow never asks it, so it does not count
    texts = " ".join(r.text for r in result.reasons)
    assert "profilerar" in texts and "räknas därför inte som högrisk" not in texts


def test_an_article_6_3_exception_without_profiling_lowers_the_level():
    answers = {
        **HIGH_RISK_PROFILING,
        "profilering": "nej",
        "undantag": ["forberedande"],
        "vasentlig-paverkan": "nej",
    }
    assert aiact.classify(answers).level.id == "minimal-risk"
    del answers["vasentlig-paverkan"]
    answers["undantag"] = ["inget"]
    assert aiact.classify(answers).level.id == "hog-risk"


def test_annex_i_products_stay_high_risk_despite_an_exception():
    answers = {
        **HIGH_RISK_PROFILING,
        "bilaga1": "ja",
        "profilering": "nej",
        "undantag": ["snav-uppgift"],
        "vasentlig-paverkan": "nej",
    }
    result = aiact.classify(answers)
    assert result.level.id == "hog-risk"
    assert "leverantor-dokumentera-undantag" not in {d.id for d in result.duties}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_reasons_cite_articles(case):
    """Does every result beyond 'minimal' explain itself with at least one article reference?"""
    result = aiact.classify(case.answers)
    assert result.reasons
    if result.level.id != "minimal-risk":
        assert result.reasons[0].refs, "the deciding rule cites its article"
    for reason in result.reasons:
        assert reason.text.endswith((".", ")"))


def test_prohibited_reason_cites_the_exact_point_of_article_5():
    result = aiact.classify({"ai-system": "ja", "roll": "tillhandahallare", "art5": ["c-social-poang"]})
    cited = [r.ref for r in result.references]
    assert "art. 5" in cited and "art. 5 c" in cited


def test_high_risk_duties_for_a_public_deployer():
    result = aiact.classify(HIGH_RISK_PROFILING)
    duties = {d.id: d for d in result.duties}
    assert {"fria", "registrering", "forklaring", "ai-kunnighet", "tillhandahallare-hogrisk"} <= set(duties)
    assert len(duties["fria"].parts) == 6
    cited = {r.ref for r in result.references}
    assert {"art. 27", "art. 49.3", "art. 26.8", "art. 86", "art. 4", "bilaga III punkt 5 a"} <= cited


def test_transparency_duties_follow_the_ticked_article_50_items():
    result = aiact.classify({**MINIMAL, "art50": ["interaktion"]})
    assert [d.id for d in result.duties] == ["kontrollera-interaktion", "ai-kunnighet"]
    high = aiact.classify({**HIGH_RISK_PROFILING, "art50": ["interaktion"]})
    assert "kontrollera-interaktion" in {d.id for d in high.duties}


def test_prohibited_systems_get_no_compliance_duties_only_a_stop():
    result = aiact.classify(
        {"ai-system": "ja", "roll": "tillhandahallare", "art5": ["g-biometrisk-kategorisering"]}
    )
    assert [d.id for d in result.duties] == ["anvand-inte"]


def test_other_roles_get_a_note_that_duties_shown_are_a_deployers():
    result = aiact.classify({**MINIMAL, "roll": "leverantor"})
    assert result.notes and "leverantör" in result.notes[0]
    assert aiact.classify(MINIMAL).notes == ()


# --- dates: which version is shown ------------------------------------------------------------------------


def test_dates_show_the_adopted_version_first_and_the_omnibus_as_not_verified():
    result = aiact.classify(HIGH_RISK_PROFILING)
    annex = next(a for a in result.applies_from if a.milestone.id == "bilaga-3")
    assert annex.shown.version.id == "antagen" and annex.shown.version.verified
    assert annex.shown.date == dt.date(2026, 8, 2)
    (omnibus,) = annex.others
    assert omnibus.date == dt.date(2027, 12, 2)
    assert not omnibus.version.verified
    assert omnibus.version.checked == dt.date(2026, 12, 2) and omnibus.version.source
    assert "omnibus" in result.dates_notice and "inte verifierad" in result.dates_notice


def test_prohibitions_and_ai_literacy_apply_from_2_february_2025():
    dates = RULES.dates
    assert dates.shown_version.dates["forbud"] == dt.date(2025, 2, 2)
    assert dates.shown_version.dates["ai-kunnighet"] == dt.date(2025, 2, 2)
    assert dates.shown_version.dates["art-50"] == dt.date(2026, 8, 2)
    assert dates.shown_version.dates["bilaga-1"] == dt.date(2027, 8, 2)
    assert dates.version("omnibus").dates["bilaga-1"] == dt.date(2028, 8, 2)
    assert dates.application("forbud").others[0].date is None  # the omnibus gives no date of its own


def test_result_lists_the_dates_of_its_rule_and_duties_in_milestone_order():
    result = aiact.classify({**MINIMAL, "art50": ["interaktion"]})
    assert [a.milestone.id for a in result.applies_from] == ["ai-kunnighet", "art-50"]


# --- answers that cannot be used ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [
        ({"okand": "ja"}, "okand", "Okänd fråga"),
        ({"ai-system": "kanske"}, "ai-system", "Okänt alternativ"),
        ({"ai-system": ["ja", "nej"]}, "ai-system", "bara ett"),
        ({"ai-system": []}, "ai-system", "Välj ett alternativ"),
        (
            {"ai-system": "ja", "roll": "tillhandahallare", "art5": ["inget", "c-social-poang"]},
            "art5",
            "Inget av detta",
        ),
    ],
)
def test_unusable_answers_raise_a_swedish_domain_error_naming_the_question(answers, field, words):
    with pytest.raises(DomainError) as err:
        aiact.next_question(answers)
    assert err.value.field == field
    assert words in err.value.message


def test_a_single_answer_may_be_given_as_a_one_item_list():
    assert aiact.classify({"ai-system": ["nej"]}).level.id == "inte-ai-system"


def test_the_result_can_be_kept_as_json():
    record = aiact.classify(HIGH_RISK_PROFILING).as_record()
    assert json.loads(json.dumps(record, ensure_ascii=False))["level"] == "hog-risk"
    assert record["dates_version"] == "antagen"
    assert record["reasons"][0]["refs"] == ["art. 6", "art. 6.3"]
    assert aiact.classify({"ai-system": "nej"}).as_record()["dates_version"] == "antagen"


# --- any path through the flow ends in a level -------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_path_through_the_flow_ends_in_a_level(data):
    answers: dict = {}
    while (question := aiact.next_question(answers)) is not None:
        regular = [o.id for o in question.options if not o.none]
        none = [o.id for o in question.options if o.none]
        if question.multiple:
            picked = data.draw(st.lists(st.sampled_from(regular), unique=True, max_size=3))
            answers[question.id] = picked or none
        else:
            answers[question.id] = data.draw(st.sampled_from(question.option_ids))
    result = aiact.classify(answers)
    assert result.level in RULES.levels
    assert result.duties  # every level says what to do, even "not an AI system"
    assert all(d.applies(result.level.id, result.flags) for d in result.duties)
