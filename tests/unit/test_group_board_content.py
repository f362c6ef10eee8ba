"""The ``group_board`` field of workshops, scans and scenarios: parsed into the model, and mistakes named with
file, field and what is wrong (an unknown step, too many dots, shared_from outside a workshop)."""

from __future__ import annotations

import pytest

from widgets.exercises import check_file, load_module, load_module_file
from widgets.exercises.model import GroupBoardSpec

WORKSHOP = """\
schema_version: 1
module: m
title: T
exercises:
  - id: w
    type: workshop
    title: W
    group_board: %s
    steps:
      - {id: s1, title: Själv, minutes: 1, instruction: Tänk.}
      - {id: s4, title: Fyra, minutes: 4, instruction: Prata.}
"""

SCAN = """\
schema_version: 1
module: m
title: T
exercises:
  - id: p
    type: scan
    title: P
    group_board: %s
    categories:
      - {id: c, title: C}
    scale:
      labels: [Låg, Hög]
"""


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(tmp_path / "data"))


def test_the_course_boards_are_in_the_content():
    workshop = load_module("startkonferens").get("start-1-2-4-alla")
    assert workshop.group_board == GroupBoardSpec(dots=3, shared_from="start-w-4")
    assert load_module("modul1").get("m1-pestel").group_board == GroupBoardSpec(dots=3)
    assert load_module("modul2").get("m2-kritisk-adaptiv").group_board == GroupBoardSpec()
    assert load_module("modul3").get("m3-dilemma-chattbot").group_board is None


def test_a_workshop_board_parses(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(WORKSHOP % "{shared_from: s4, dots: 4}", encoding="utf-8")
    assert load_module_file(path).get("w").group_board == GroupBoardSpec(dots=4, shared_from="s4")


@pytest.mark.parametrize(
    ("template", "board", "field", "message"),
    [
        (WORKSHOP, "{shared_from: s2}", "exercises[1].group_board.shared_from", "steget 's2' finns inte"),
        (WORKSHOP, "{dots: 6}", "exercises[1].group_board.dots", "6 är för stort (högst 5)"),
        (SCAN, "{shared_from: c}", "exercises[1].group_board.shared_from", "okänt fält"),
    ],
)
def test_a_wrong_board_names_file_field_and_problem(tmp_path, template, board, field, message):
    path = tmp_path / "m.yaml"
    path.write_text(template % board, encoding="utf-8")
    problems = check_file(path)
    assert problems and problems[0].field == field and message in problems[0].message
