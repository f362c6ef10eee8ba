"""The kalkylperiod: N years are years 0 … N − 1 with the start year included, as in the templates; an item
that reaches past the period is named everywhere the result is shown (CLI, JSON, report, Excel), never dropped
silently."""

from __future__ import annotations

import json

import openpyxl
import pytest

from widgets.benefit import Alternative, Case, Estimate, Item, evaluate, example_cases, load_case
from widgets.benefit.excel import write_workbook
from widgets.benefit.period import outside_period, outside_summary, period_text
from widgets.benefit.report import markdown_report, summary_text
from widgets.cli import main


def reaching_case(horizon: int = 5) -> Case:
    """The issue's example: a 5-year period and running costs from year 1 to year 5."""
    items = (
        Item("Införande", "kostnad", from_year=0, to_year=0, amount=Estimate(400_000)),
        Item("Drift", "kostnad", from_year=1, to_year=5, amount=Estimate(50_000)),
        Item("Sparad tid", "nytta", from_year=1, to_year=5, amount=Estimate(200_000)),
    )
    return Case("Räcker inte", (Alternative("E-tjänst", items),), horizon_years=horizon, start_year=2026)


def test_period_text_names_the_year_indices_and_calendar_years():
    assert period_text(5, 2026) == "år 0–4, 2026–2030"
    assert period_text(6, 2017) == "år 0–5, 2017–2022"
    assert period_text(1, 2026) == "år 0, 2026"


def test_a_period_of_n_years_has_n_rows_starting_with_the_start_year():
    result = evaluate(reaching_case())
    assert [row.calendar_year for row in result.rows] == [2026, 2027, 2028, 2029, 2030]


def test_the_examples_fit_their_periods_as_the_templates_count_them():
    """Mina meddelanden: 5 years and an uptake from 6 % to 80 % in five steps — one per year of the period."""
    for path in example_cases():
        case = load_case(path)
        for index in range(len(case.alternatives)):
            assert outside_period(case, index) == (), path.stem
    mina = load_case(next(p for p in example_cases() if p.stem == "mina-meddelanden"))
    ramps = [item.ramp for item in mina.main.items if item.ramp]
    assert mina.horizon_years == 5 and ramps and all(len(r) == mina.horizon_years for r in ramps)


def test_an_item_reaching_past_the_period_is_named_with_the_years_not_counted():
    notes = outside_period(reaching_case())
    assert [n.label for n in notes] == ["Drift", "Sparad tid"]
    assert (notes[0].first, notes[0].last) == (5, 5)
    assert notes[0].message == (
        "”Drift” räknas bara till och med år 4: år 5 (2031) ligger efter kalkylperioden (år 0–4, 2026–2030). "
        "Öka kalkylperioden till 6 år eller ändra posten."
    )
    assert "2 poster" in outside_summary(notes) and "”Drift”, ”Sparad tid”" in outside_summary(notes)
    assert outside_period(reaching_case(horizon=6)) == ()


def test_an_item_wholly_after_the_period_and_open_ended_items():
    items = (
        Item("Sen nytta", "nytta", from_year=7, amount=Estimate(1.0)),
        Item("Löpande", "nytta", from_year=1, amount=Estimate(1.0)),  # to the end of the period: fits
        Item("Kvalitet", "nytta", from_year=9, valued_in_money=False),  # never counted anyway
    )
    case = Case("Sen", (Alternative("A", items),), horizon_years=5)
    (note,) = outside_period(case)
    assert note.label == "Sen nytta" and "räknas inte alls" in note.message and "8 år" in note.message


def test_the_years_past_the_period_are_not_counted_and_the_result_says_so():
    result = evaluate(reaching_case())
    assert sum(row.costs for row in result.rows) == pytest.approx(400_000 + 4 * 50_000)
    assert [o.label for o in result.outside_period] == ["Drift", "Sparad tid"]
    assert result.to_dict()["outside_period"][0]["first_year"] == 5


def test_summary_and_report_name_the_items_outside(tmp_path):
    text = summary_text(reaching_case())
    assert "Kalkylperiod: 5 år (år 0–4, 2026–2030)" in text
    assert "Obs: ”Drift” räknas bara till och med år 4" in text
    assert "- **Obs:** ”Sparad tid” räknas bara" in markdown_report(reaching_case())
    assert "Obs" not in summary_text(reaching_case(horizon=6))


def test_cli_json_and_excel_carry_the_note(tmp_path, capsys):
    from widgets.benefit.io import dump_case

    path = tmp_path / "kalkyl.yaml"
    path.write_text(dump_case(reaching_case()), encoding="utf-8")
    xlsx = tmp_path / "kalkyl.xlsx"
    assert main(["nyttokalkyl", str(path), "--json", "--excel", str(xlsx)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [o["label"] for o in data["outside_period"]] == ["Drift", "Sparad tid"]
    note = openpyxl.load_workbook(xlsx)["Antaganden"]["A8"].value
    assert note.startswith("Obs vid exporten: ”Drift” räknas bara till och med år 4")
    write_workbook(reaching_case(horizon=6), xlsx)
    assert openpyxl.load_workbook(xlsx)["Antaganden"]["A8"].value is None
