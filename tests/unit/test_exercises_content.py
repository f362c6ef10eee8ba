"""Exercise content as data: the real module files load, broken files fail with ``file: field: message``."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import pytest

from widgets.errors import ContentError
from widgets.exercises import (
    ChoiceQuestion,
    Likert,
    NumericQuestion,
    Ordering,
    Quiz,
    ReflectionPrompt,
    Scenario,
    check_directory,
    check_file,
    load_all,
    load_module,
    load_module_file,
    module_titles,
)
from widgets.paths import EXERCISES_DIR

FIXTURES = Path(__file__).parent / "fixtures" / "exercises"
BROKEN = FIXTURES / "trasiga"
SHOWN = "tests/unit/fixtures/exercises/trasiga"
COURSE = ["startkonferens", "modul1", "modul2", "modul3", "modul4", "modul5", "slutkonferens"]


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(path))
    return path


# --- the real content ------------------------------------------------------------------------------------


def test_every_real_content_file_is_valid():
    files, problems = check_directory(EXERCISES_DIR)
    assert [str(p) for p in problems] == []
    assert {f.stem for f in files} == set(COURSE)


def test_modules_load_in_course_order_with_titles():
    assert list(load_all()) == COURSE
    assert module_titles()["modul1"] == "Modul 1: Power Skills"


@pytest.mark.parametrize("module", COURSE)
def test_each_module_has_three_to_five_reflection_prompts(module):
    content = load_module(module)
    assert 3 <= len(content.reflections) <= 5
    for prompt in content.reflections:
        assert prompt.prompt.strip().endswith(("?", "."))


def test_module1_has_a_quiz_and_a_self_assessment():
    content = load_module("modul1")
    (quiz,) = content.of_type(Quiz)
    assert all(isinstance(q, ChoiceQuestion) for q in quiz.questions)
    (likert,) = content.of_type(Likert)
    assert len(likert.dimensions) >= 2
    assert (likert.scale_min, likert.scale_max) == (1, 5)


def test_content_naming_a_framework_states_its_source():
    """Frameworks (PESTEL, Double Diamond, Cynefin, Kotter, adaptive leadership) always come with a source."""
    names = ("pestel", "double diamond", "cynefin", "kotter", "heifetz", "balkongen")
    for content in load_all().values():
        for exercise in content.exercises:
            text = " ".join(str(v) for v in vars(exercise).values()).lower()
            if any(n in text for n in names) and isinstance(exercise, ReflectionPrompt | Quiz | Ordering):
                assert exercise.source, f"{content.module}/{exercise.id} saknar source"


# --- a valid file with every type ------------------------------------------------------------------------


def test_a_file_with_every_type_parses_into_the_model():
    content = load_module_file(FIXTURES / "giltig" / "komplett.yaml")
    assert content.module == "komplett"
    assert [type(e) for e in content.exercises] == [ReflectionPrompt, Quiz, Likert, Ordering, Scenario]
    quiz = content.get("quiz-1")
    assert isinstance(quiz.question("tal"), NumericQuestion)
    assert quiz.question("tal").tolerance == 0.05
    assert quiz.question("flerval-flera").correct_ids == {"a", "b"}
    scenario = content.get("scenario")
    assert scenario.card("kort-slut").is_ending
    assert scenario.card("kort-start").options[2].next is None
    with pytest.raises(KeyError):
        content.get("finns-inte")


# --- broken files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "field", "message"),
    [
        ("saknat-falt", "exercises[1].prompt", "saknas men måste finnas"),
        ("fel-typ", "exercises[1].questions[1].tolerance", "ska vara ett tal, inte 'fem'"),
        ("dubblett-id", "exercises[2].id", "'reflektion' används redan (exercises[1].id)"),
        ("okant-kort", "exercises[1].cards[1].options[1].next", "kortet 'mitten' finns inte i scenariot"),
        ("felaktig-yaml", "rad 5, kolumn 1", "felaktig YAML"),
        ("okand-version", "schema_version", "9 är okänd; känd(a) version(er): 1"),
        ("slinga", "exercises[1].cards[2].options[1].next", "leder tillbaka till kortet 'a'"),
        ("fel-antal-ratt", "exercises[1].questions[1].choices", "exakt ett alternativ med correct: true"),
        ("fel-modulnamn", "module", "ska vara samma som filnamnet"),
    ],
)
def test_a_broken_file_names_file_field_and_problem(file, field, message):
    path = BROKEN / f"{file}.yaml"
    problems = check_file(path)
    assert problems, "expected a problem"
    first = problems[0]
    assert first.file == f"{SHOWN}/{file}.yaml"
    assert first.field == field
    assert message in first.message
    assert str(first).startswith(f"{SHOWN}/{file}.yaml: {field}: ")
    with pytest.raises(ContentError) as exc:
        load_module_file(path)
    assert str(exc.value) == str(first)


def test_all_schema_problems_in_a_file_are_listed_not_only_the_first():
    problems = check_file(BROKEN / "flera-fel.yaml")
    assert [p.field for p in problems] == [
        "exercises[1].prompt",
        "exercises[1].promt",
        "exercises[2].id",
        "exercises[3].questions[1].answer",
    ]
    assert "okänt fält" in problems[1].message


def test_unreachable_cards_are_reported():
    fields = {p.field: p.message for p in check_file(BROKEN / "okant-kort.yaml")}
    assert "kan inte nås från startkortet 'start'" in fields["exercises[1].cards[2]"]
    fields = {p.field: p.message for p in check_file(BROKEN / "slinga.yaml")}
    assert "'ensam' kan inte nås" in fields["exercises[1].cards[3]"]


QUIZ_FILE = """\
schema_version: 1
module: m
title: T
exercises:
  - id: q
    type: quiz
    title: Q
    questions:
      - id: f1
        kind: choice
        question: Första
        choices:
          - {id: a, text: A, correct: true, feedback: Ja}
          - {id: b, text: B, feedback: Nej}
      - id: f2
        kind: choice
        question: Andra
        choices:
          - {id: a, text: A, correct: true, feedback: Ja}
          - {id: %s, text: B, feedback: Nej}
      - id: %s
        kind: numeric
        question: Tredje
        answer: 1
"""


def test_choice_ids_may_repeat_across_questions_but_item_ids_not(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(QUIZ_FILE % ("b", "q"), encoding="utf-8")
    problems = check_file(path)
    assert [(p.field, p.message.split(";")[0]) for p in problems] == [
        ("exercises[1].questions[3].id", "'q' används redan (exercises[1].id)")
    ]


def test_duplicate_choice_ids_within_a_question_are_reported(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(QUIZ_FILE % ("a", "f3"), encoding="utf-8")
    assert [(p.field, p.message.split(";")[0]) for p in check_file(path)] == [
        ("exercises[1].questions[2].choices[2].id", "'a' används redan av alternativ 1")
    ]


def test_a_missing_module_file_is_reported(tmp_path):
    with pytest.raises(ContentError, match="filen finns inte"):
        load_module("modul9", tmp_path)


# --- the command line ------------------------------------------------------------------------------------


def _run(argv: list[str]) -> int:
    from widgets.commands import innehall

    parser = argparse.ArgumentParser(prog="digikomp")
    innehall.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_check_of_the_real_content_prints_ok(capsys):
    assert _run(["innehall", "kontrollera"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Innehållet är korrekt: inga fel i 8 filer")  # 7 modules and the polls


def test_cli_lists_every_problem_in_every_file_and_fails(capsys):
    assert _run(["innehall", "kontrollera", str(BROKEN)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    broken_files = sorted(p.name for p in BROKEN.glob("*.yaml"))
    assert sorted({line.split(":")[0].rsplit("/", 1)[1] for line in lines}) == broken_files
    assert f"{SHOWN}/flera-fel.yaml: exercises[3].questions[1].answer: ska vara ett tal, inte 'tolv'" in lines
    assert f"fel i {len(broken_files)} av {len(broken_files)} filer" in captured.err


def test_cli_on_a_missing_folder_fails_clearly(capsys, tmp_path):
    assert _run(["innehall", "kontrollera", str(tmp_path / "finns-inte")]) == 2
    assert "mappen finns inte" in capsys.readouterr().err


def test_cli_on_an_empty_folder_fails(capsys, tmp_path):
    assert _run(["innehall", "kontrollera", str(tmp_path)]) == 1
    assert "inga innehållsfiler" in capsys.readouterr().err


def test_cli_is_registered_in_the_digikomp_command(capsys):
    from widgets import cli

    assert "innehall" in cli.COMMANDS
    missing = [c for c in cli.COMMANDS if importlib.util.find_spec(f"widgets.commands.{c}") is None]
    if missing:
        pytest.skip(f"other subcommands not in the tree yet: {missing}")
    assert cli.main(["innehall", "kontrollera", str(FIXTURES / "giltig")]) == 0
    assert "inga fel i 1 fil" in capsys.readouterr().out
