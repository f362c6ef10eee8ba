"""`digikomp nyttokalkyl`: Swedish summary, JSON, Monte Carlo, Excel, and clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from widgets.benefit import evaluate, load_case
from widgets.benefit.io import CASES_DIR
from widgets.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "benefit"
CASE = CASES_DIR / "kommune-kari-chattbot.yaml"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["nyttokalkyl", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_has_the_key_figures_and_the_yearly_table(capsys):
    code, out, _ = run(capsys, str(CASE), "--json")
    assert code == 0
    data = json.loads(out)
    result = evaluate(load_case(CASE))
    for key in ("npv", "pv_benefits", "pv_costs", "benefit_cost_ratio", "payback_year", "discounted_payback_year",
                "irr", "yearly"):  # fmt: skip
        assert key in data
    assert data["npv"] == pytest.approx(result.npv)
    assert data["irr"] == pytest.approx(result.irr)
    row = data["yearly"][1]
    for key in ("year", "costs", "benefits", "net", "present_value", "cumulative_present_value"):
        assert key in row
    assert row["present_value"] == pytest.approx(result.rows[1].present_value)
    assert "p_npv_positive" not in data


def test_json_output_with_monte_carlo_is_reproducible(capsys):
    _, first, _ = run(capsys, str(CASE), "--json", "--monte-carlo", "2000", "--seed", "5")
    _, second, _ = run(capsys, str(CASE), "--json", "--monte-carlo", "2000", "--seed", "5")
    a, b = json.loads(first), json.loads(second)
    assert a["p_npv_positive"] == b["p_npv_positive"]
    assert a["p10"] <= a["p50"] <= a["p90"]
    assert 0 <= a["p_npv_positive"] <= 1


def test_json_irr_and_payback_are_null_when_they_do_not_exist(capsys):
    case = CASES_DIR / "trelleborg-ekonomiskt-bistand.yaml"
    _, out, _ = run(capsys, str(case), "--json", "--alternativ", "2")
    data = json.loads(out)
    assert data["alternative"].startswith("Nollalternativ")
    assert data["irr"] is None
    assert data["payback_year"] is None
    assert len(data["alternatives"]) == 2


def test_swedish_summary_uses_swedish_formats(capsys):
    code, out, _ = run(capsys, str(CASE), "--monte-carlo", "1000")
    assert code == 0
    assert "Nettonuvärde:" in out
    assert "\u00a0kr" in out
    assert "Kalkylränta: 3,0\u00a0%" in out
    assert "Sannolikhet att nettonuvärdet är positivt" in out


def test_excel_option_writes_a_workbook(capsys, tmp_path):
    target = tmp_path / "kalkyl.xlsx"
    code, _, _ = run(capsys, str(CASE), "--json", "--excel", str(target))
    assert code == 0
    assert target.stat().st_size > 0


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            [str(FIXTURES / "end_before_start.yaml")],
            "end_before_start.yaml: alternatives[1].items[1].to_year: ",
        ),
        ([str(FIXTURES / "syntax_error.yaml")], "syntax_error.yaml: rad 3, kolumn 1: felaktig YAML"),
        ([str(CASE), "--alternativ", "9"], "alternative: Kalkylen har 1 alternativ"),
        ([str(CASE), "--excel", "ut.txt"], "--excel: Excelfilen måste sluta på .xlsx."),
    ],
)
def test_an_invalid_file_or_option_exits_non_zero_with_one_line(capsys, argv, expected):
    code, _, err = run(capsys, *argv)
    assert code != 0
    assert expected in err
    assert "Traceback" not in err


def test_the_installed_command_prints_no_traceback_for_a_broken_file():
    proc = subprocess.run(
        [sys.executable, "-m", "widgets.cli", "nyttokalkyl", str(FIXTURES / "rate_minus_100.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0
    assert "discount_rate.value: Kalkylräntan måste vara större än −100 %." in proc.stderr
    assert "Traceback" not in proc.stderr
