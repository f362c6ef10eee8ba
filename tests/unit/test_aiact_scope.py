"""Each article's own scope, as cases with an expected tier and expected duty ids (issue #10).

The points follow "Scope details a classifier must get right" in the course's fact sheet
(/work/shared/facts/ai-etik-och-juridik.md): Art. 6(3) and its overall condition, profiling as GDPR Art. 4(4)
describes it, Annex III point 2, registration (Art. 49(3), 26(8), 49(5)), the Art. 50 split between provider
and deployer with the 50(4) editorial-control exception, fines on public authorities (Art. 99(8)) and the
Digital Omnibus' Art. 4 row."""

from __future__ import annotations

import pytest

from widgets import aiact
from widgets.apps.modul3.classifier import dates_html, result_html

RULES = aiact.rules()

DEPLOYER = {"ai-system": "ja", "roll": "tillhandahallare", "art5": ["inget"], "bilaga1": "nej"}
NO_ART50 = {"art50": ["inget"]}


def annex_iii(area: str, **more) -> dict:
    return {**DEPLOYER, "bilaga3": [area], "profilering": "nej", **more}


def duty_ids(answers: dict) -> set[str]:
    return {d.id for d in aiact.classify(answers).duties}


def refs_cited(answers: dict) -> set[str]:
    return {r.ref for r in aiact.classify(answers).references}


# (answers, expected level, duty ids that must be there, duty ids that must not)
CASES = {
    # 1. Art. 6(3): a condition (a)-(d) alone is not enough; the overall condition decides.
    "triage-forberedande-men-styr-utfallet": (
        annex_iii("nodsamtal", undantag=["forberedande"], **{"vasentlig-paverkan": "ja"}, **NO_ART50),
        "hog-risk",
        {"fria", "registrering", "forklaring", "tillhandahallare-hogrisk", "ai-kunnighet"},
        {"leverantor-dokumentera-undantag"},
    ),
    "provbedomning-monster-vet-inte": (
        annex_iii(
            "utbildning", undantag=["upptacker-monster"], **{"vasentlig-paverkan": "vet-inte"}, **NO_ART50
        ),
        "hog-risk",
        {"fria", "registrering", "forklaring"},
        set(),
    ),
    "rekrytering-monster-styr-utfallet": (
        annex_iii("anstallning", undantag=["upptacker-monster"], **{"vasentlig-paverkan": "ja"}, **NO_ART50),
        "hog-risk",
        {"fria", "registrering", "forklaring"},
        set(),
    ),
    "snav-uppgift-utan-vasentlig-paverkan-tillhandahallare": (
        annex_iii("offentligt-stod", undantag=["snav-uppgift"], **{"vasentlig-paverkan": "nej"}, **NO_ART50),
        "minimal-risk",
        {"ai-kunnighet", "frivilliga-koder"},
        {"fria", "registrering", "leverantor-dokumentera-undantag"},
    ),
    # Art. 6(4): a provider relying on 6(3) documents the assessment and registers (Art. 49(2)).
    "snav-uppgift-leverantor": (
        {
            **annex_iii("offentligt-stod", undantag=["snav-uppgift"], **{"vasentlig-paverkan": "nej"}),
            "roll": "leverantor",
            **NO_ART50,
        },
        "minimal-risk",
        {"leverantor-dokumentera-undantag", "ai-kunnighet"},
        {"fria", "registrering"},
    ),
    # 3. Annex III point 2: no FRIA (27(1)), no Art. 86, national registration (49(5)).
    "kritisk-infrastruktur": (
        annex_iii("kritisk-infrastruktur", undantag=["inget"], **NO_ART50),
        "hog-risk",
        {"registrering-nationell", "tillhandahallare-hogrisk", "ai-kunnighet"},
        {"fria", "forklaring", "registrering"},
    ),
    "kritisk-infrastruktur-och-anstallning": (
        {**DEPLOYER, "bilaga3": ["kritisk-infrastruktur", "anstallning"], "profilering": "ja", **NO_ART50},
        "hog-risk",
        {"registrering-nationell", "registrering", "fria", "forklaring"},
        set(),
    ),
    # 4. Annex I products: no Art. 49 registration, FRIA or Art. 86 duty on the deployer.
    "bilaga-1-produkt": (
        {**DEPLOYER, "bilaga1": "ja", "bilaga3": ["inget"], **NO_ART50},
        "hog-risk",
        {"tillhandahallare-hogrisk", "ai-kunnighet"},
        {"registrering", "registrering-nationell", "fria", "forklaring"},
    ),
    # 5. Art. 50: the deployer checks 50(1)/(2), does 50(3)/(4); the 50(4) editorial-control exception.
    "chattbot": (
        {**DEPLOYER, "bilaga3": ["inget"], "art50": ["interaktion", "syntetiskt-innehall"]},
        "begransad-risk",
        {"kontrollera-interaktion", "kontrollera-markning", "ai-kunnighet"},
        {"redovisa-ai-text", "redovisa-deepfake"},
    ),
    "ai-text-med-redaktionellt-ansvar": (
        {**DEPLOYER, "bilaga3": ["inget"], "art50": ["ai-text"], "redaktionellt-ansvar": "ja"},
        "minimal-risk",
        {"ai-kunnighet"},
        {"redovisa-ai-text"},
    ),
    "ai-text-utan-granskning": (
        {**DEPLOYER, "bilaga3": ["inget"], "art50": ["ai-text"], "redaktionellt-ansvar": "nej"},
        "begransad-risk",
        {"redovisa-ai-text", "ai-kunnighet"},
        set(),
    ),
    "deepfake-och-kanslor": (
        {**DEPLOYER, "bilaga3": ["inget"], "art50": ["deepfake", "kanslor-biometri"]},
        "begransad-risk",
        {"redovisa-deepfake", "informera-kanslor"},
        {"redovisa-ai-text"},
    ),
    # 6. Fines: the stop duty cites Art. 99 and says what applies to public authorities.
    "forbjuden": (
        {"ai-system": "ja", "roll": "tillhandahallare", "art5": ["c-social-poang"]},
        "forbjuden",
        {"anvand-inte"},
        set(),
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_each_scope_case_gets_its_tier_and_duties(name):
    answers, level, present, absent = CASES[name]
    assert aiact.next_question(answers) is None, "the case answers every question the flow asks"
    result = aiact.classify(answers)
    assert result.level.id == level
    ids = {d.id for d in result.duties}
    assert present <= ids, present - ids
    assert not (absent & ids), absent & ids


def test_the_overall_condition_is_asked_only_once_a_condition_is_ticked():
    assert aiact.next_question(annex_iii("nodsamtal", undantag=["forberedande"])).id == "vasentlig-paverkan"
    assert aiact.next_question(annex_iii("nodsamtal", undantag=["inget"])).id == "art50"


def test_the_exception_reasons_name_the_overall_condition_and_article_6_4():
    answers = CASES["triage-forberedande-men-styr-utfallet"][0]
    texts = " ".join(r.text for r in aiact.classify(answers).reasons)
    assert "påverkar i väsentlig grad utfallet av beslutsfattandet" in texts
    ok = CASES["snav-uppgift-leverantor"][0]
    assert "art. 6.4" in refs_cited(ok)


def test_condition_c_speaks_of_decision_making_patterns_and_proper_human_review():
    option = RULES.question("undantag").option("upptacker-monster")
    assert "mönster i beslutsfattandet" in option.text
    assert "tidigare beslutsmönster" in option.text
    assert "utan ordentlig mänsklig granskning" in option.text
    assert "beslutsfattandet" in RULES.reference("art-6-3").summary


def test_the_profiling_question_gives_the_gdpr_article_4_4_examples():
    question = RULES.question("profilering")
    for word in (
        "arbetsprestation",
        "ekonomiska situation",
        "hälsa",
        "preferenser",
        "pålitlighet",
        "beteende",
    ):
        assert word in question.text, word
    assert "var de befinner sig" in question.text
    assert "GDPR art. 4.4" in {r.ref for r in question.refs}


def test_a_recruitment_case_shows_its_user_arbetsprestation():
    """The recruitment case walks through the profiling question, whose text says 'arbetsprestation'."""
    cv = next(c for c in aiact.cases() if c.id == "cv-granskning")
    asked = aiact.asked_questions(cv.answers)
    assert "arbetsprestation" in next(q for q in asked if q.id == "profilering").text


def test_critical_infrastructure_notes_the_exclusions():
    result = aiact.classify(CASES["kritisk-infrastruktur"][0])
    note = " ".join(result.notes)
    assert "art. 27.1" in note and "art. 86.1" in note and "art. 49.5" in note
    assert "art. 49.5" in refs_cited(CASES["kritisk-infrastruktur"][0])


def test_the_registration_duty_is_the_deployers_own_registration_before_use():
    duty = next(d for d in RULES.duties if d.id == "registrering")
    assert {"art. 49.3", "art. 26.8"} == {r.ref for r in duty.refs}
    assert "registrera er" in duty.text and "innan systemet används" in duty.text


def test_article_50_duties_say_whose_duty_it_is():
    refs = {d.id: {r.ref for r in d.refs} for d in RULES.duties}
    assert refs["kontrollera-interaktion"] == {"art. 50.1"}
    assert refs["kontrollera-markning"] == {"art. 50.2"}
    assert refs["informera-kanslor"] == {"art. 50.3"}
    assert refs["redovisa-deepfake"] == refs["redovisa-ai-text"] == {"art. 50.4"}
    duties = {d.id: d for d in RULES.duties}
    assert "Leverantören ska" in duties["kontrollera-interaktion"].text
    assert "Kontrollera" in duties["kontrollera-interaktion"].text
    assert "redaktionellt ansvar" in duties["redovisa-ai-text"].text


def test_the_detaljplan_case_applies_the_editorial_control_exception():
    case = next(c for c in aiact.cases() if c.id == "informationskampanj-generativ")
    assert case.answers["redaktionellt-ansvar"] == ("ja",)
    result = aiact.classify(case.answers)
    assert "redovisa-ai-text" not in {d.id for d in result.duties}
    assert "kontrollera-markning" in {d.id for d in result.duties}
    assert "redaktionellt ansvar" in case.explanation and "redaktionellt ansvar" in case.description


def test_fines_say_member_states_decide_for_public_authorities():
    duty = next(d for d in RULES.duties if d.id == "anvand-inte")
    assert "art. 99.8" in duty.text and "medlemsstat" in duty.text and "företag" in duty.text
    for ref in RULES.references:
        if "35 miljoner" in ref.summary:
            assert "art. 99.8" in ref.summary, ref.id
    html = result_html(aiact.classify(CASES["forbjuden"][0]), RULES)
    assert "art. 99.8" in html


def test_the_omnibus_row_for_article_4_says_what_the_source_says_not_no_change():
    result = aiact.classify(CASES["chattbot"][0])
    literacy = next(a for a in result.applies_from if a.milestone.id == "ai-kunnighet")
    (omnibus,) = literacy.others
    assert omnibus.date is None and "art. 4" in omnibus.note
    html = dates_html(result, RULES)
    assert "ingen ändring" not in html
    assert "Förslaget berör också art. 4" in html


def test_the_two_municipal_bodies_are_named_for_the_automated_decision_function():
    ref = RULES.reference("kl-automatiserad")
    assert "kommuner och regioner" in ref.summary and "regioner" in ref.title
    assert "gällde inte" not in ref.summary
    duty = next(d for d in RULES.duties if d.id == "andra-regler")
    assert "kommuner och regioner" in duty.text
    trelleborg = next(c for c in aiact.cases() if c.id == "trelleborg-regelstyrd")
    assert "kommuner och regioner" in trelleborg.explanation
    assert "gällde inte kommunerna" not in trelleborg.explanation
