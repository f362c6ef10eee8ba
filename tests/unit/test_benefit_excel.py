"""The Excel export recalculated by LibreOffice headless must agree with the model, also after an edit."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from widgets.benefit import Alternative, Case, Estimate, Item, evaluate, example_cases, load_case
from widgets.benefit.excel import build_workbook, write_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and not os.environ.get("CI"):
    pytest.skip(
        "LibreOffice (soffice) saknas: installera paketet libreoffice-calc-nogui för att räkna om Excelfilen "
        "(i CI installeras det av tools/ensure_system_packages.sh och testet körs alltid).",
        allow_module_level=True,
    )

KEYS = ("npv", "pv_benefits", "pv_costs", "pv_investments", "benefit_cost_ratio", "nnk", "payback_year",
        "discounted_payback_year", "irr")  # fmt: skip


def no_payback_case() -> Case:
    items = (
        Item("Investering", "kostnad", from_year=0, to_year=0, amount=Estimate(1000)),
        Item("Drift", "kostnad", from_year=1, amount=Estimate(10)),
    )
    return Case("Aldrig lönsam", (Alternative("A", items),), discount_rate=0.035, discount_rate_source="ASEK",
                horizon_years=4, start_year=2026)  # fmt: skip


def recalculate(paths: list[Path], outdir: Path) -> dict[str, Path]:
    """Open and save every workbook with LibreOffice headless, which recalculates all formulas."""
    profile = outdir / "lo-profile"
    cmd = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "xlsx", "--outdir", str(outdir), *map(str, paths)]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    return {p.name: outdir / p.name for p in paths}


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    """Exports (one per example case, one edited, one that never pays back), recalculated in one LibreOffice run."""
    src = tmp_path_factory.mktemp("xlsx")
    out = tmp_path_factory.mktemp("recalculated")
    cases: dict[str, Case] = {p.stem + ".xlsx": load_case(p) for p in example_cases()}
    cases["aldrig.xlsx"] = no_payback_case()
    cases["utanfor.xlsx"] = past_the_period_case()
    layouts = {name: write_workbook(case, src / name) for name, case in cases.items()}

    # Edit assumptions in a copy, as a participant would in Excel: the rate and one likely value.
    base = load_case(next(p for p in example_cases() if p.stem == "sodertalje-digitala-las"))
    wb, layout = build_workbook(base)
    rate_cell = layout.rate.split("!")[1].replace("$", "")
    wb["Antaganden"][rate_cell] = 0.08
    saving = layout.likely["Sparad tid i hemtjänsten – belopp per år (kr)"].split("!")[1]
    wb["Antaganden"][saving] = 90_000
    wb.save(src / "andrad.xlsx")
    items = list(base.main.items)
    items[1] = replace(items[1], amount=replace(items[1].amount, likely=90_000, low=90_000))
    edited = replace(base, discount_rate=0.08, alternatives=(replace(base.main, items=tuple(items)),))
    cases["andrad.xlsx"], layouts["andrad.xlsx"] = edited, layout

    done = recalculate(sorted(src.glob("*.xlsx")), out)
    return {name: (cases[name], layouts[name], done[name]) for name in cases}


def cell(wb, address: str):
    sheet, ref = address.split("!")
    return wb[sheet][ref.replace("$", "")].value


def expected_value(result, key):
    value = getattr(result, key)
    if value is None:
        return "inte inom kalkylperioden" if "payback" in key else "saknas"
    return value


def assert_matches_model(case: Case, layout, path: Path) -> None:
    wb = openpyxl.load_workbook(path, data_only=True)
    result = evaluate(case)
    for key in KEYS:
        got, want = cell(wb, layout.key_figures[key]), expected_value(result, key)
        if isinstance(want, str):
            assert got == want, key
        else:
            assert got == pytest.approx(want, rel=1e-9, abs=1e-6), key
    ws = wb["Kalkyl"]
    for row in result.rows:
        r = layout.first_row + row.year
        for key in ("costs", "benefits", "net", "present_value", "cumulative_present_value", "calendar_year"):
            got = ws[f"{layout.yearly[key]}{r}"].value
            assert got == pytest.approx(getattr(row, key), rel=1e-9, abs=1e-6), (key, row.year)


@pytest.mark.parametrize("name", [p.stem + ".xlsx" for p in example_cases()])
def test_recalculated_workbook_matches_the_model(workbooks, name):
    assert_matches_model(*workbooks[name])


def test_changing_an_assumption_in_the_workbook_moves_the_result_as_the_model_predicts(workbooks):
    """Rate 3,5 % → 8 % and the likely saving 120 000 → 90 000 kr, changed in the sheet, not in Python."""
    case, layout, path = workbooks["andrad.xlsx"]
    assert_matches_model(case, layout, path)
    original = evaluate(load_case(next(p for p in example_cases() if p.stem == "sodertalje-digitala-las")))
    wb = openpyxl.load_workbook(path, data_only=True)
    assert cell(wb, layout.key_figures["npv"]) < original.npv


def past_the_period_case() -> Case:
    items = (
        Item("Införande", "kostnad", from_year=0, to_year=0, amount=Estimate(400_000)),
        Item("Drift", "kostnad", from_year=1, to_year=5, amount=Estimate(50_000)),
        Item("Nytta", "nytta", from_year=1, to_year=6, amount=Estimate(200_000)),
    )
    return Case("Utanför perioden", (Alternative("A", items),), horizon_years=5, start_year=2026)


def test_years_past_the_period_are_left_out_in_the_workbook_as_in_the_model(workbooks):
    """Items reaching past year 4 of a 5-year period: the formulas count years 0–4 only, and the sheet says so."""
    case, layout, path = workbooks["utanfor.xlsx"]
    assert_matches_model(case, layout, path)
    note = openpyxl.load_workbook(path)["Antaganden"]["A8"].value
    assert "”Drift”" in note and "”Nytta”" in note


def test_a_case_that_never_pays_back_shows_swedish_words_in_the_workbook(workbooks):
    case, layout, path = workbooks["aldrig.xlsx"]
    wb = openpyxl.load_workbook(path, data_only=True)
    assert cell(wb, layout.key_figures["payback_year"]) == "inte inom kalkylperioden"
    assert cell(wb, layout.key_figures["irr"]) == "saknas"
    assert_matches_model(case, layout, path)


def test_workbook_has_swedish_sheets_and_live_formulas(tmp_path):
    wb, layout = build_workbook(no_payback_case())
    assert wb.sheetnames[:2] == ["Antaganden", "Kalkyl"]
    assert str(cell(wb, layout.key_figures["npv"])).startswith("=SUM(")
    assert wb["Kalkyl"]["G2"].value == "=E2*F2"
