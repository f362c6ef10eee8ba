"""The Markdown report and the Swedish summary are built from the model's numbers in Swedish formats."""

from __future__ import annotations

from widgets import fmt
from widgets.benefit import evaluate, load_case, monte_carlo
from widgets.benefit.io import CASES_DIR
from widgets.benefit.report import factor_value, key_figures, markdown_report, summary_text

CASE = CASES_DIR / "trelleborg-ekonomiskt-bistand.yaml"


def test_markdown_report_has_assumptions_yearly_table_key_figures_and_sources():
    case = load_case(CASE)
    mc = monte_carlo(case, 1000, seed=1)
    text = markdown_report(case, mc=mc)
    result = evaluate(case)
    for heading in ("## Förutsättningar", "## Poster", "## Resultat per år", "## Nyckeltal",
                    "## Känslighet (tornado)", "## Monte Carlo", "## Inte värderat i pengar", "## Källor"):  # fmt: skip
        assert heading in text
    assert fmt.sek(result.npv) in text
    assert "Optimismpåslag" in text
    assert "antagande" in text
    assert text.count("| 2017 |") == 1


def test_markdown_report_escapes_table_pipes_in_labels():
    case = load_case(CASE)
    item = case.main.items[0]
    from dataclasses import replace

    renamed = replace(case.main, items=(replace(item, label="A | B"), *case.main.items[1:]))
    text = markdown_report(replace(case, alternatives=(renamed,)))
    assert "A \\| B" in text


def test_key_figures_are_swedish_words_and_formats():
    figures = dict(key_figures(evaluate(load_case(CASE), 1)))
    assert figures["Nettonuvärde"] == "0\u00a0kr"
    assert figures["Återbetalningsår"] == "inte inom kalkylperioden"
    assert figures["Internränta"] == "saknas"
    assert figures["Nyttokostnadskvot (nyttor ÷ kostnader)"] == "saknas"


def test_factor_values_carry_their_units():
    assert factor_value("share", 0.25) == "25,0\u00a0%"
    assert factor_value("minutes_per_case", 12) == "12,0 min"
    assert factor_value("monthly_salary", 35000) == "35\u00a0000\u00a0kr"
    assert factor_value("cases_per_year", None) == "saknas"


def test_summary_lists_alternatives_side_by_side():
    text = summary_text(load_case(CASE))
    assert "Alternativen sida vid sida:" in text
    assert "Nollalternativ: manuell handläggning" in text
