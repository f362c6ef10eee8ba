"""The content loader: YAML/CSV validated against versioned schemas, mistakes reported as `file: field: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.content import load_csv, load_yaml, parse_yaml_text, schema_problems, validate
from widgets.errors import ContentError
from widgets.program import load_program

FIXTURES = Path(__file__).parent / "fixtures" / "program"
GOOD = (Path(__file__).parents[2] / "data" / "program.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "program.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_times_and_dates_stay_text():
    """Does `10:00` stay "10:00" (not YAML 1.1's sexagesimal 600) and a date stay a string?"""
    data = parse_yaml_text("start: 10:00\ndate: 2026-04-01\nn: 12\n", "x.yaml")
    assert data == {"start": "10:00", "date": "2026-04-01", "n": 12}


@pytest.mark.parametrize(
    ("mutation", "field", "words"),
    [
        (
            (
                '- {date: "2026-04-01", start: "10:00", end: "12:00"}',
                '- {date: "2026-04-01", start: "10:00"}',
            ),
            "events[2].sessions[1].end",
            "saknas",
        ),
        (('date: "2026-04-14"', 'date: "14 april"'), "events[2].sessions[2].date", "fel form"),
        (('date: "2026-04-22"', 'date: "2026-02-30"'), "events[2].sessions[3].date", "inget riktigt datum"),
        (
            (
                'start: "10:00", end: "12:00"}\n      - {date: "2026-04-28"',
                'start: "12:00", end: "10:00"}\n      - {date: "2026-04-28"',
            ),
            "events[2].sessions[3].end",
            "inte efter",
        ),
        (
            ("mandatory: true\n    hours: 10", "mandatory: ja\n    hours: 10"),
            "events[2].mandatory",
            "sant eller falskt",
        ),
        (("kind: modul\n    number: 1", "kind: kurs\n    number: 1"), "events[2].kind", "inte tillåtet"),
        (("id: modul2", "id: modul1"), "events[3].id", "används redan"),
        (("schema_version: 1", "schema_version: 7"), "schema_version", "okänd"),
        (("    hours: 10\n", "    hours: 10\n    timmar: 10\n"), "events[2].timmar", "okänt fält"),
    ],
)
def test_program_mistakes_name_file_and_field(tmp_path, mutation, field, words):
    """Does each typo a course editor could make fail with the file, the field and a Swedish explanation?"""
    old, new = mutation
    assert old in GOOD, old
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ContentError) as info:
        load_program(path)
    err = info.value
    assert err.file.endswith("program.yaml")
    assert err.field == field
    assert words in err.message
    assert str(err).startswith(f"{err.file}: {field}: ")


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, "schema_version: 1\nname: [oavslutad\n")
    with pytest.raises(ContentError) as info:
        load_yaml(path, "program")
    assert info.value.field.startswith("rad ")
    assert "YAML" in info.value.message


def test_missing_file_is_a_content_error(tmp_path):
    with pytest.raises(ContentError, match="finns inte"):
        load_yaml(tmp_path / "saknas.yaml", "program")


def test_csv_rows_are_validated_with_row_numbers(tmp_path):
    path = write(
        tmp_path, "namn,typ,lan\nBoxholm,kommun,Östergötlands län\nYdre,stad,Östergötlands län\n", "org.csv"
    )
    with pytest.raises(ContentError) as info:
        load_csv(path, "organisations")
    assert info.value.field == "rad 2.typ"
    assert "stad" in info.value.message


def test_csv_must_be_utf8(tmp_path):
    path = tmp_path / "org.csv"
    path.write_bytes("namn,typ,lan\nÖdeshög,kommun,Östergötlands län\n".encode("latin-1"))
    with pytest.raises(ContentError, match="UTF-8"):
        load_csv(path, "organisations")


def test_schema_problems_lists_every_mistake_and_validate_raises_the_first():
    """Does the public check give course staff every schema mistake in one go, the same ones validate stops at?"""
    data = parse_yaml_text(
        GOOD.replace("mandatory: true\n    hours: 10", "mandatory: ja\n    hours: 10", 1).replace(
            "kind: modul\n    number: 1", "kind: kurs\n    number: 1", 1
        ),
        "program.yaml",
    )
    problems = schema_problems(data, "program", "program.yaml")
    assert [(p.field, p.file) for p in problems] == [
        ("events[2].kind", "program.yaml"),
        ("events[2].mandatory", "program.yaml"),
    ]
    with pytest.raises(ContentError) as info:
        validate(data, "program", "program.yaml")
    assert (info.value.field, info.value.message) == (problems[0].field, problems[0].message)
    assert schema_problems(parse_yaml_text(GOOD, "program.yaml"), "program", "program.yaml") == []
    assert [p.field for p in schema_problems(["en lista"], "program", "x.yaml")] == ["(filen)"]
    assert [p.field for p in schema_problems({"schema_version": 9}, "program", "x.yaml")] == [
        "schema_version"
    ]
