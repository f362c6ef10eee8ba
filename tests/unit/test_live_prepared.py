"""Prepared polls as content: the real file loads, and broken files fail with ``file: field: what is wrong``."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.errors import ContentError
from widgets.exercises import load_all
from widgets.live.prepared import POLLS_FILE, check_file, for_module, load_prepared
from widgets.program import load_program
from widgets.store.live import KINDS, Scale

MODULES = {"modul1", "modul2"}

GOOD = """\
schema_version: 1
polls:
  - id: a-val
    module: modul1
    kind: choice
    question: "Vilket alternativ?"
    options: [Ett, Två]
    anonymous: true
  - id: a-skala
    module: modul1
    kind: scale
    question: Hur väl?
    scale: {min: 1, max: 5, min_label: Inte alls, max_label: Mycket väl}
    anonymous: false
  - id: b-ord
    module: modul2
    kind: words
    question: Ett ord?
    anonymous: true
    filter: [dum]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "omrostningar.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def only_problem(tmp_path: Path, text: str) -> ContentError:
    path = write(tmp_path, text)
    found = check_file(path, MODULES)
    assert len(found) == 1, [str(p) for p in found]
    with pytest.raises(ContentError) as raised:
        load_prepared(path, MODULES)
    assert str(raised.value) == str(found[0])
    return found[0]


def test_the_real_file_loads_with_polls_for_every_module_and_conference():
    polls = load_prepared()
    assert POLLS_FILE.name == "omrostningar.yaml"
    events = {event.id for event in load_program().events}
    assert {poll.module for poll in polls} == events
    assert {poll.kind for poll in polls} == set(KINDS)
    assert len({poll.id for poll in polls}) == len(polls)
    for poll in polls:
        assert poll.question.endswith("?"), poll.id
        assert (poll.kind == "choice") == bool(poll.options)
        assert (poll.kind == "scale") == (poll.scale is not None)


def test_the_polls_file_is_not_taken_for_a_module():
    assert "omrostningar" not in load_all()


def test_a_good_file_loads_in_order_with_its_fields(tmp_path):
    polls = load_prepared(write(tmp_path, GOOD), MODULES)
    assert [p.id for p in polls] == ["a-val", "a-skala", "b-ord"]
    assert polls[0].options == ("Ett", "Två") and polls[0].anonymous
    assert polls[1].scale == Scale(1, 5, "Inte alls", "Mycket väl") and not polls[1].anonymous
    assert polls[2].filter == ("dum",)
    assert [p.id for p in for_module(polls, "modul1")] == ["a-val", "a-skala"]


@pytest.mark.parametrize(
    ("old", "new", "field", "says"),
    [
        ("kind: choice", "kind: quiz", "polls[1].kind", "'quiz' är inte tillåtet"),
        ("    anonymous: false\n", "", "polls[2].anonymous", "saknas"),
        ("options: [Ett, Två]", "options: [Ett]", "polls[1].options", "minst 2"),
        ("options: [Ett, Två]", "options: [Ett, Ett]", "polls[1].options", "dubbletter"),
        ('question: "Vilket alternativ?"', 'question: ""', "polls[1].question", "tomt"),
        ("id: a-val", "id: A val", "polls[1].id", "fel form"),
        ("{min: 1, max: 5,", "{min: 3, max: 5,", "polls[2].scale.min", "för stort (högst 1)"),
        ("{min: 1, max: 5,", "{min: 1, max: 1,", "polls[2].scale.max", "för litet (minst 2)"),
        ("    filter: [dum]\n", "    filer: [dum]\n", "polls[3].filer", "okänt fält"),
        ("anonymous: true\n  - id: a-skala", "anonymous: ja\n  - id: a-skala", "polls[1].anonymous", "sant"),
    ],
)
def test_schema_mistakes_name_the_field(tmp_path, old, new, field, says):
    assert old in GOOD
    problem = only_problem(tmp_path, GOOD.replace(old, new, 1))
    assert problem.file.endswith("omrostningar.yaml")
    assert problem.field == field
    assert says in problem.message


@pytest.mark.parametrize(
    ("old", "new", "field", "says"),
    [
        ("id: b-ord", "id: a-val", "polls[3].id", "används redan"),
        ("module: modul2", "module: modul9", "polls[3].module", "'modul9' är ingen modul"),
        ("{min: 1, max: 5,", "{min: 0, max: 10,", "polls[2].scale", "11 steg"),
        ("kind: scale", "kind: open", "polls[2].scale", "hör bara till skala"),
        ("    options: [Ett, Två]\n", "", "polls[1].options", "måste finnas för flerval"),
        ("kind: words", "kind: qa", "polls[3].filter", "hör bara till ordmoln"),
    ],
)
def test_rules_beyond_the_schema(tmp_path, old, new, field, says):
    assert old in GOOD
    problem = only_problem(tmp_path, GOOD.replace(old, new, 1))
    assert problem.field == field
    assert says in problem.message


def test_a_scale_without_its_range_and_broken_yaml(tmp_path):
    text = GOOD.replace("    scale: {min: 1, max: 5, min_label: Inte alls, max_label: Mycket väl}\n", "")
    assert only_problem(tmp_path, text).message.startswith("saknas men måste finnas för skala")
    broken = only_problem(tmp_path, GOOD.replace("question: Hur väl?", "question: Hur: väl?"))
    assert broken.field.startswith("rad ") and "felaktig YAML" in broken.message
    assert only_problem(tmp_path, "schema_version: 2\npolls: []\n").field == "schema_version"


def test_every_problem_is_listed_at_once(tmp_path):
    text = GOOD.replace("id: b-ord", "id: a-val").replace("module: modul2", "module: modul9")
    found = check_file(write(tmp_path, text), MODULES)
    assert [p.field for p in found] == ["polls[3].id", "polls[3].module"]
    assert check_file(tmp_path / "saknas.yaml", MODULES)[0].message == "filen finns inte"
