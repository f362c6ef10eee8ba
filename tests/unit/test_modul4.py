"""Module 4 models and content: governance sorting quiz, citizen personas and the inclusion checklist."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets import modul4
from widgets.errors import ContentError, DomainError
from widgets.exercises import Quiz, ReflectionPrompt, check_choice, load_module
from widgets.modul4 import inclusion, personas

PERSONAS = modul4.default_personas()
CHECKLIST = modul4.default_checklist()
PERSONAS_TEXT = personas.PERSONAS_FILE.read_text(encoding="utf-8")
CHECKLIST_TEXT = inclusion.CHECKLIST_FILE.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the governance sorting quiz ---------------------------------------------------------------------------


def test_module4_keeps_its_reflections_and_has_the_sorting_quiz():
    module = load_module("modul4")
    assert len(module.of_type(ReflectionPrompt)) == 5
    quiz = module.get("m4-styrning-sortera")
    assert isinstance(quiz, Quiz)
    text = " ".join(q.question + (q.explanation or "") for q in quiz.questions)
    for anchor in (
        "GDPR",
        "art. 22",
        "28 §",
        "1 juli 2022",
        "2021/22:125",
        "2018:1937",
        "WCAG 2.1",
        "OSL",
        "2025–2030",
    ):
        assert anchor in text, anchor


def test_every_sorting_item_gives_feedback_and_names_its_source():
    quiz = load_module("modul4").get("m4-styrning-sortera")
    levels = set()
    for question in quiz.questions:
        assert "Källa:" in question.explanation
        for choice in question.choices:
            assert check_choice(question, choice.id).feedback[0].text == choice.feedback
        levels |= question.correct_ids
    assert {"eu", "stat", "region", "kommun"} <= levels


# --- personas ------------------------------------------------------------------------------------------------


def test_personas_and_service_are_marked_constructed_and_facts_carry_sources():
    assert PERSONAS.service.constructed
    assert all(p.constructed for p in PERSONAS.personas)
    for fact in PERSONAS.facts:
        assert fact.source and fact.checked.year >= 2026
    sources = " ".join(f.source for f in PERSONAS.facts)
    for anchor in ("Internetstiftelsen", "2024", "2022", "DIGG", "2023", "ijerph17239050"):
        assert anchor in sources


def test_the_60_plus_caveat_travels_with_the_internet_use_figure():
    fact = next(f for f in PERSONAS.facts if f.id == "internet-2024")
    assert "95 %" in fact.text and "62,4 %" in fact.caveat
    assert "vuxna" not in fact.text  # the source: 95 % use the internet (not "of adults")


def test_automated_decisions_are_for_kommuner_och_regioner_and_fl_applies_to_their_boards():
    """Facts: kommunallagen from 1 July 2022 lets kommuner och regioner decide by an automatiserad
    beslutsfunktion; förvaltningslagen does apply to municipal boards (the obstacle was the delegation rules)."""
    quiz = load_module("modul4").get("m4-styrning-sortera")
    explanations = {q.id: q.explanation or "" for q in quiz.questions}
    assert "kommuner och regioner" in explanations["m4-s-kommunallagen"]
    assert "delegering" in explanations["m4-s-kommunallagen"]
    assert "gällde inte" not in " ".join(explanations.values())
    assert "innan kommunallagen ändrades" in explanations["m4-s-kommun"]


def test_personas_drop_out_at_different_steps_and_one_gets_through():
    dropouts = {p.id: p.dropout.step.id if p.dropout else None for p in PERSONAS.personas}
    assert len(PERSONAS.personas) >= 4
    assert None in dropouts.values()
    assert len({d for d in dropouts.values() if d}) >= 3


def test_every_persona_has_working_help_and_the_named_helps_exist():
    assert {"fullmakt", "assisterad", "klarsprak"} <= {h.id for h in PERSONAS.helps}
    for persona in PERSONAS.personas:
        assert persona.working_help
        assert persona.facts


@pytest.mark.parametrize(
    ("guess", "correct", "words"),
    [
        ("bifoga", True, "Rätt!"),
        ("fylla-i", False, "senare steg"),
        ("besked", False, "tidigare steg"),
        (None, False, "inte igenom"),
    ],
)
def test_guessing_where_a_persona_drops_out(guess, correct, words):
    result = modul4.check_dropout(PERSONAS.service, PERSONAS.persona("jonas"), guess)
    assert result.correct is correct
    assert words in result.feedback
    assert result.dropout.step.id == "bifoga"


def test_a_persona_who_gets_through():
    elin = PERSONAS.persona("elin")
    assert modul4.check_dropout(PERSONAS.service, elin, None).correct
    assert not modul4.check_dropout(PERSONAS.service, elin, "hitta").correct


def test_help_check_explains_each_pick_and_names_what_was_missed():
    margit = PERSONAS.persona("margit")
    result = modul4.check_help(margit, ["klarsprak", "fullmakt"])
    assert [v.works for v in result.verdicts] == [False, True]
    assert "aldrig kommer in" in result.feedback[0]
    assert {h.id for h in result.missed} == {"annan-kanal", "assisterad"}
    assert "Margit" in result.summary and not result.all_found
    everything = modul4.check_help(margit, [h.id for h in margit.working_help])
    assert everything.all_found


def test_help_not_rated_for_a_persona_says_so():
    result = modul4.check_help(PERSONAS.persona("elin"), ["aviseringar"], PERSONAS.helps)
    assert result.verdicts == (None,) and "inte bedömd" in result.feedback[0]


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: modul4.check_dropout(PERSONAS.service, PERSONAS.persona("jonas"), "kaffe"), "Okänt steg"),
        (lambda: modul4.check_help(PERSONAS.persona("jonas"), []), "minst en"),
        (lambda: modul4.check_help(PERSONAS.persona("jonas"), ["trollstav"]), "Okänd hjälpinsats"),
        (lambda: PERSONAS.persona("nisse"), "Okänd person"),
    ],
)
def test_unusable_input_raises_a_swedish_domain_error(call, words):
    with pytest.raises(DomainError) as err:
        call()
    assert words in err.value.message


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            "facts: [pensionarer-2022, aldre-60-plus",
            "facts: [pensionarer-2021, aldre-60-plus",
            "personas[1].facts[1]",
            "finns inte",
        ),
        (
            '{step: logga-in, outcome: klarar, note: "Jonas',
            '{step: signera, outcome: klarar, note: "Jonas',
            "personas[2].journey[2].step",
            "fel plats",
        ),
        (
            '{step: hitta, outcome: avbryter, note: "Margit',
            '{step: hitta, outcome: klarar, note: "Margit',
            "personas[1].journey",
            "alla steg",
        ),
        (
            '{help: tillganglig, works: true, why: "Med etiketter',
            '{help: rullstol, works: true, why: "Med etiketter',
            "personas[2].help[1].help",
            "finns inte",
        ),
        (
            '    checked: "2026-11-29"\n    caveat',
            '    checked: "29 nov 2026"\n    caveat',
            "facts[1].checked",
            "fel form",
        ),
        ("  constructed: true\n  steps:", "  steps:", "service.constructed", "saknas"),
        (
            'outcome: avbryter, note: "Frågorna',
            'outcome: ger upp, note: "Frågorna',
            "personas[3].journey[3].outcome",
            "inte tillåtet",
        ),
    ],
)
def test_mistakes_in_the_personas_file_name_file_and_field(tmp_path, old, new, field, words):
    assert old in PERSONAS_TEXT
    path = write(tmp_path, PERSONAS_TEXT.replace(old, new, 1), "personas.yaml")
    with pytest.raises(ContentError) as err:
        personas.load_personas_file(path)
    assert err.value.field == field
    assert words in err.value.message
    assert str(err.value).startswith(f"{path}: {field}: ")


# --- inclusion checklist -------------------------------------------------------------------------------------


def test_checklist_covers_accessibility_equality_and_non_discrimination_with_sources():
    titles = " ".join(a.title for a in CHECKLIST.areas)
    for word in ("DOS-lagen", "WCAG 2.1 AA", "Jämställdhet", "Icke-diskriminering"):
        assert word in titles
    assert all(item.source for item in CHECKLIST.items)


def test_everything_yes_gives_no_actions():
    plan = modul4.action_plan({i.id: "ja" for i in CHECKLIST.items})
    assert plan.actions == () and plan.done == plan.total and plan.unanswered == ()


def test_actions_come_in_order_of_law_first_then_urgency():
    answers = {
        "klarsprak": "nej",
        "wcag": "delvis",
        "redogorelse": "vet-inte",
        "automatiserade-beslut": "nej",
    }
    plan = modul4.action_plan(answers)
    assert [a.item.id for a in plan.actions] == ["automatiserade-beslut", "redogorelse", "wcag", "klarsprak"]
    assert plan.lines()[0].startswith("1. Se till att den som berörs")
    assert plan.lines()[2].endswith("(ni svarade delvis).")
    assert len(plan.unanswered) == plan.total - 4


def test_not_applicable_and_unanswered_items_give_no_actions():
    plan = modul4.action_plan({"ai-klassad": "ej-aktuellt"})
    assert plan.actions == () and plan.done == 1


def test_the_action_list_stays_short():
    plan = modul4.action_plan({i.id: "nej" for i in CHECKLIST.items})
    assert len(plan.actions) == CHECKLIST.max_actions
    assert plan.more == len(CHECKLIST.items) - CHECKLIST.max_actions
    assert [a.item.priority for a in plan.actions[:4]] == [1, 1, 1, 2]


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [({"okand": "ja"}, "okand", "Okänd fråga"), ({"wcag": "kanske"}, "wcag", "Okänt svar: kanske")],
)
def test_unusable_checklist_answers_raise_a_swedish_domain_error(answers, field, words):
    with pytest.raises(DomainError) as err:
        modul4.action_plan(answers)
    assert err.value.field == field and words in err.value.message


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("      - id: ombud\n", "      - id: wcag\n", "areas[2].items[2].id", "används redan"),
        ("        priority: 3\n", "        priority: 4\n", "areas[2].items[4].priority", "för stort"),
        (
            'needs_action: true, urgency: 3, label: "ni svarade delvis"',
            "needs_action: true",
            "answers[2].urgency",
            "saknas",
        ),
    ],
)
def test_mistakes_in_the_checklist_file_name_file_and_field(tmp_path, old, new, field, words):
    assert old in CHECKLIST_TEXT
    path = write(tmp_path, CHECKLIST_TEXT.replace(old, new, 1), "inkludering.yaml")
    with pytest.raises(ContentError) as err:
        inclusion.load_checklist_file(path)
    assert err.value.field == field
    assert words in err.value.message
