"""Loading the AI Act rules and cases: schema and cross-reference mistakes reported as `file: field: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets import aiact
from widgets.content import display_name
from widgets.errors import ContentError

FIXTURES = Path(__file__).parent / "fixtures" / "aiact"
REAL_RULES = aiact.RULES_FILE.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "regler.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_course_files_load_and_every_case_passes():
    rules = aiact.load_rules_file(aiact.RULES_FILE)
    cases = aiact.load_cases_file(aiact.CASES_FILE, rules)
    assert aiact.case_problems(rules, cases) == []


def test_every_reference_has_a_summary_and_a_source():
    for ref in aiact.rules().references:
        assert ref.summary and ref.source, ref.id


def test_rules_say_when_they_were_checked_and_disclaim_legal_advice():
    rules = aiact.rules()
    assert rules.checked.year >= 2026
    assert "inte juridisk rådgivning" in rules.disclaimer


def test_the_engine_walks_any_rules_file():
    """The minimal fixture has other questions and levels: nothing about the course is in the code."""
    rules = aiact.load_rules_file(FIXTURES / "regler_minimal.yaml")
    assert aiact.next_question({}, rules).id == "ai"
    assert aiact.classify({"ai": "ja", "omrade": ["farligt"]}, rules).level.id == "hog"
    assert aiact.classify({"ai": "ja", "omrade": ["inget"]}, rules).level.id == "lag"
    result = aiact.classify({"ai": "nej"}, rules)
    assert result.level.id == "inte-ai" and result.duties == ()


@pytest.mark.parametrize(
    ("fixture", "field", "words"),
    [
        ("regler_okand_hanvisning.yaml", "rules[2].refs[1]", "hänvisningen 'art-2' finns inte"),
        ("regler_okand_version.yaml", "schema_version", "okänd"),
        ("regler_niva_utan_sammanfattning.yaml", "levels[3].summary", "saknas"),
    ],
)
def test_broken_rules_fixtures_name_file_field_and_problem(fixture, field, words):
    path = FIXTURES / fixture
    with pytest.raises(ContentError) as err:
        aiact.load_rules_file(path)
    assert err.value.file == display_name(path)
    assert err.value.field == field
    assert words in err.value.message
    assert str(err.value).startswith(f"{display_name(path)}: {field}: ")


@pytest.mark.parametrize(
    ("fixture", "field", "words"),
    [
        ("fall_verkligt_utan_kalla.yaml", "cases[1].source", "saknas"),
        ("fall_okant_alternativ.yaml", "cases[1].answers.art5", "Okänt alternativ: kanske"),
    ],
)
def test_broken_case_fixtures_name_file_field_and_problem(fixture, field, words):
    path = FIXTURES / fixture
    with pytest.raises(ContentError) as err:
        aiact.load_cases_file(path, aiact.rules())
    assert err.value.field == field
    assert words in err.value.message
    assert str(err.value).startswith(f"{display_name(path)}: {field}: ")


def test_a_case_with_the_wrong_expected_level_is_reported():
    path = FIXTURES / "fall_fel_niva.yaml"
    cases = aiact.load_cases_file(path, aiact.rules())
    (problem,) = aiact.case_problems(aiact.rules(), cases, display_name(path))
    assert problem.field == "cases[1].expected_level"
    assert "'minimal-risk'" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            "  - level: begransad-risk\n",
            "  - level: begransad\n",
            "rules[6].level",
            "finns inte under levels",
        ),
        (
            "    show_if: [bilaga3]\n    refs",
            "    show_if: [bilaga-3]\n    refs",
            "questions[6].show_if[1]",
            "flaggan",
        ),
        (
            '        bilaga-1: "2027-08-02"',
            '        bilaga-1: "2027-02-30"',
            "dates.versions[1].dates.bilaga-1",
            "inget riktigt datum",
        ),
        ('        gpai: "2025-08-02"\n', "", "dates.versions[1].dates.gpai", "saknas"),
        ("  shown: antagen", "  shown: utkast", "dates.shown", "finns inte"),
        (
            "      notes:\n        ai-kunnighet:",
            "      notes:\n        ai-kunighet:",
            "dates.versions[2].notes.ai-kunighet",
            "finns inte under dates.milestones",
        ),
        (
            "      notes:\n        ai-kunnighet:",
            "      notes:\n        bilaga-3:",
            "dates.versions[2].notes.bilaga-3",
            "antingen ett datum eller en anmärkning",
        ),
        (
            "    when_all: [leverantor, undantag-6-3-galler]",
            "    when_all: [leverantorer]",
            "duties[8].when_all[1]",
            "flaggan",
        ),
        (
            "    applies_from: allman\n",
            "    applies_from: allmant\n",
            "references[38].applies_from",
            "dates.milestones",
        ),
        (
            "  - level: minimal-risk\n    when: []",
            "  - level: minimal-risk\n    when: [art50]",
            "rules[7].when",
            "den sista regeln",
        ),
        (
            '      - id: nej\n        text: "Nej."\n\n  - id: bilaga3',
            '      - id: ja\n        text: "Nej."\n\n  - id: bilaga3',
            "questions[4].options[2].id",
            "används redan",
        ),
    ],
)
def test_cross_reference_mistakes_in_the_rules_are_found(tmp_path, old, new, field, words):
    assert old in REAL_RULES
    path = write(tmp_path, REAL_RULES.replace(old, new, 1))
    with pytest.raises(ContentError) as err:
        aiact.load_rules_file(path)
    assert err.value.field == field
    assert words in err.value.message
