"""The yearly table and the nyttorealiseringsplan are defined once and shown the same in every export."""

from __future__ import annotations

from dataclasses import replace

from widgets.benefit import PlanEntry, evaluate, load_case
from widgets.benefit.excel import build_workbook
from widgets.benefit.io import CASES_DIR
from widgets.benefit.report import (
    SHORT_YEARLY,
    YEARLY_COLUMNS,
    markdown_report,
    md_escape,
    plan_markdown,
    yearly_headers,
    yearly_rows,
)

CASE = CASES_DIR / "trelleborg-ekonomiskt-bistand.yaml"


def planned_case():
    entry = PlanEntry(
        "Frigjord <b>tid</b> | mer", owner="Chefen & co &amp;", follow_up=("2026-10-01", "2027-04-01")
    )
    return replace(load_case(CASE), realisation_plan=(entry,))


def test_the_workbook_heads_its_yearly_table_with_the_one_definition():
    wb, layout = build_workbook(load_case(CASE))
    calc = wb["Kalkyl"]
    for key, column in YEARLY_COLUMNS.items():
        assert calc[f"{layout.yearly[key]}1"].value == column.label


def test_the_report_table_has_the_short_columns_and_the_models_values():
    case = load_case(CASE)
    text = markdown_report(case)
    assert "| " + " | ".join(yearly_headers(SHORT_YEARLY)) + " |" in text
    first = yearly_rows(evaluate(case), SHORT_YEARLY)[0]
    assert "| " + " | ".join(first) + " |" in text


def test_the_plan_is_in_the_report_with_user_text_escaped():
    text = markdown_report(planned_case())
    assert text.index("## Källor") < text.index("## Nyttorealiseringsplan")
    assert "### Frigjord \\<b>tid\\</b> \\| mer" in text
    assert "- **Ansvarig (nyttoägare):** Chefen & co \\&amp;" in text
    assert "- **Uppföljning:** 2026-10-01, 2027-04-01" in text
    assert "<b>" not in text.replace("\\<b>", "")
    assert plan_markdown(replace(planned_case(), realisation_plan=())) == ""


def test_markdown_escaping_cannot_be_undone_by_a_backslash():
    assert md_escape("a\\|b") == "a\\\\\\|b"
    assert md_escape("rad 1\nrad 2") == "rad 1 rad 2"


def test_the_workbook_has_the_plan_sheet():
    wb, _ = build_workbook(planned_case())
    ws = wb["Nyttorealiseringsplan"]
    assert [c.value for c in ws[1]][:3] == ["Nytta", "Ansvarig (nyttoägare)", "Indikator"]
    assert ws["A2"].value == "Frigjord <b>tid</b> | mer"  # a cell holds the text as written
    assert ws["G2"].value == "2026-10-01, 2027-04-01"
    assert (
        "Nyttorealiseringsplan"
        not in build_workbook(replace(planned_case(), realisation_plan=()))[0].sheetnames
    )
