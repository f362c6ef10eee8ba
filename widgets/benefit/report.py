"""Text built from a case and its results: the command line's Swedish summary and a Markdown report.

Pure text builders (no files): the caller decides where the text goes. The yearly table's columns
(:data:`YEARLY_COLUMNS`) and the nyttorealiseringsplan's columns (:data:`PLAN_COLUMNS`) are defined here once, for
the page, the report, the workbook and the decision document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import fmt
from . import texts
from .compare import compare
from .evaluate import Result, YearRow, evaluate
from .model import Case, Item, PlanEntry
from .period import period_text
from .uncertainty import MonteCarlo, Tornado, break_even, tornado

_MONEY_FACTORS = {"amount", "hourly_cost", "monthly_salary", "unit_price"}


@dataclass(frozen=True)
class Column:
    """A column of the yearly table: the :class:`YearRow` attribute, its Swedish heading and how it is shown."""

    key: str
    label: str
    kind: str  # "year", "money" or "factor"


#: The yearly table's columns, in the order every table shows them (the workbook's ``Kalkyl`` sheet has all).
YEARLY_COLUMNS: dict[str, Column] = {
    c.key: c
    for c in (
        Column("year", "År", "year"),
        Column("calendar_year", "Kalenderår", "year"),
        Column("costs", "Kostnader", "money"),
        Column("benefits", "Nyttor", "money"),
        Column("net", "Netto", "money"),
        Column("discount_factor", "Diskonteringsfaktor", "factor"),
        Column("present_value", "Nuvärde", "money"),
        Column("cumulative_net", "Ackumulerat netto", "money"),
        Column("cumulative_present_value", "Ackumulerat nuvärde", "money"),
        Column("investments", "Investeringar", "money"),
    )
}
#: The page's yearly table.
PAGE_YEARLY = ("year", "calendar_year", "costs", "benefits", "net", "discount_factor", "present_value",
               "cumulative_present_value")  # fmt: skip
#: The short yearly table of the report, the command line and the decision document.
SHORT_YEARLY = ("calendar_year", "costs", "benefits", "net", "present_value", "cumulative_present_value")


def yearly_headers(keys: Sequence[str]) -> list[str]:
    """The headings of ``keys``; the calendar year is headed ``År`` in a table without the year number."""
    return ["År" if k == "calendar_year" and "year" not in keys else YEARLY_COLUMNS[k].label for k in keys]


def yearly_cell(row: YearRow, key: str) -> str:
    """One cell in Swedish format: years as they are, amounts in kr, the discount factor with four decimals."""
    value = getattr(row, key)
    kind = YEARLY_COLUMNS[key].kind
    if kind == "money":
        return fmt.sek(value)
    if kind == "factor":
        return fmt.number(value, 4)
    return str(value)


def yearly_rows(result: Result, keys: Sequence[str]) -> list[list[str]]:
    return [[yearly_cell(row, key) for key in keys] for row in result.rows]


def yearly_numeric(keys: Sequence[str]) -> set[int]:
    """The positions of the right-aligned columns (amounts and the discount factor, not the years)."""
    return {i for i, key in enumerate(keys) if YEARLY_COLUMNS[key].kind != "year"}


#: PlanEntry field → column heading, after DIGG's nyttorealiseringsplan.
PLAN_COLUMNS = {
    "benefit": "Nytta",
    "owner": "Ansvarig (nyttoägare)",
    "indicator": "Indikator",
    "baseline": "Nuläge",
    "target": "Målvärde",
    "measurement": "Mätmetod och frekvens",
    "follow_up": "Uppföljning",
    "risks": "Risker",
    "preconditions": "Förutsättningar",
}


def plan_value(entry: PlanEntry, key: str) -> str:
    """One field of a plan entry as text (follow-up dates as ISO dates, comma-separated)."""
    return ", ".join(entry.follow_up) if key == "follow_up" else str(getattr(entry, key))


def factor_value(factor: str, value: float | None) -> str:
    """An input value in Swedish format with its unit (kr, %, min)."""
    if value is None:
        return texts.MISSING
    if factor in _MONEY_FACTORS:
        return fmt.sek(value)
    if factor == "share":
        return fmt.percent(value)
    if factor == "minutes_per_case":
        return f"{fmt.number(value, 1)} min"
    return fmt.number(value, 0 if abs(value) >= 100 else 1)


def payback_text(result: Result, discounted: bool = False) -> str:
    """``år 3 (2029)`` or ``inte inom kalkylperioden``."""
    year = result.discounted_payback_year if discounted else result.payback_year
    if year is None:
        return texts.NOT_WITHIN_PERIOD
    return f"år {year} ({result.start_year + year})"


def ratio_text(value: float | None) -> str:
    return texts.MISSING if value is None else fmt.number(value, 2)


def key_figures(result: Result) -> list[tuple[str, str]]:
    """(Swedish label, formatted value) for the key-figure cards, in display order."""
    return [
        ("Nettonuvärde", fmt.sek(result.npv)),
        ("Nuvärde av nyttor", fmt.sek(result.pv_benefits)),
        ("Nuvärde av kostnader", fmt.sek(result.pv_costs)),
        ("Nyttokostnadskvot (nyttor ÷ kostnader)", ratio_text(result.benefit_cost_ratio)),
        ("Nettonuvärdeskvot (NNK)", ratio_text(result.nnk)),
        ("Återbetalningsår", payback_text(result)),
        ("Diskonterat återbetalningsår", payback_text(result, discounted=True)),
        ("Internränta", texts.MISSING if result.irr is None else fmt.percent(result.irr)),
    ]


def _period(case: Case) -> str:
    return f"{case.horizon_years} år ({period_text(case.horizon_years, case.start_year)})"


def outside_lines(result: Result) -> list[str]:
    """The notes on items that reach past the period (empty when every item fits)."""
    return [note.message for note in result.outside_period]


def _mc_lines(mc: MonteCarlo) -> list[tuple[str, str]]:
    return [
        ("Sannolikhet att nettonuvärdet är positivt", fmt.percent(mc.p_npv_positive)),
        ("P10 (9 av 10 utfall är bättre)", fmt.sek(mc.p10)),
        ("P50 (medianen)", fmt.sek(mc.p50)),
        ("P90 (1 av 10 utfall är bättre)", fmt.sek(mc.p90)),
    ]


def _mc_heading(mc: MonteCarlo) -> str:
    dist = texts.DISTRIBUTION_LABELS[mc.distribution]
    return f"Monte Carlo-simulering: {fmt.number(mc.draws)} dragningar, {dist}, frö {mc.seed}"


def summary_text(case: Case, alternative: int | str = 0, mc: MonteCarlo | None = None) -> str:
    """The Swedish plain-text summary printed by ``digikomp nyttokalkyl``."""
    result = evaluate(case, alternative)
    lines = [f"Nyttokalkyl: {case.name}"]
    if case.organisation:
        lines.append(f"Organisation: {case.organisation}")
    lines += [
        f"Alternativ: {result.alternative}",
        f"Kalkylränta: {fmt.percent(case.discount_rate)} ({case.discount_rate_source})",
        f"Kalkylperiod: {_period(case)}, {case.price_level}",
        *(f"Obs: {line}" for line in outside_lines(result)),
        "",
    ]
    keys = ("year", *SHORT_YEARLY)
    widths = [3, 10, *(max(14, len(YEARLY_COLUMNS[k].label)) for k in SHORT_YEARLY[1:])]
    for cells in (yearly_headers(keys), *yearly_rows(result, keys)):
        lines.append(" ".join(f"{cell:>{width}}" for cell, width in zip(cells, widths, strict=True)))
    lines.append("")
    lines += [f"{label}: {value}" for label, value in key_figures(result)]
    if result.non_monetary:
        lines += ["", "Nyttor och kostnader som inte värderas i pengar (ingår inte i nettonuvärdet):"]
        lines += [f"  – {item.label} ({item.kind}, {item.category})" for item in result.non_monetary]
    points = [b for b in break_even(case, alternative) if b.reachable][:3]
    if points:
        lines += ["", "Brytpunkter (nettonuvärdet blir 0 kr när en post ändras och övriga är troliga):"]
        lines += [
            f"  – {b.label}: {factor_value(b.factor, b.value)} (troligt {factor_value(b.factor, b.likely)})"
            for b in points
        ]
    if mc is not None:
        lines += ["", _mc_heading(mc)]
        lines += [f"  {label}: {value}" for label, value in _mc_lines(mc)]
    if len(case.alternatives) > 1:
        lines += ["", "Alternativen sida vid sida:"]
        for r in compare(case).results:
            lines.append(
                f"  – {r.alternative}: nettonuvärde {fmt.sek(r.npv)}, "
                f"kvot {ratio_text(r.benefit_cost_ratio)}, "
                f"återbetalning {payback_text(r)}"
            )
    return "\n".join(lines) + "\n"


_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_block(text: str) -> str:
    """User text as Markdown that renders as the text: no HTML tags or entities, no escapes undone."""
    return _ENTITY.sub("\\&", text.replace("\\", "\\\\").replace("<", "\\<"))


def md_escape(text: str) -> str:
    """User text on one line of Markdown (also in a table cell): :func:`md_block` with pipes escaped."""
    return md_block(text).replace("|", "\\|").replace("\n", " ")


def markdown_report(
    case: Case,
    alternative: int | str = 0,
    mc: MonteCarlo | None = None,
    *,
    result: Result | None = None,
    sweep: Tornado | None = None,
    charts: str = "",
) -> str:
    """A short Markdown report: assumptions, the yearly table, key figures, uncertainty, ``charts`` (Markdown the
    caller drew) and the nyttorealiseringsplan. ``result`` and ``sweep`` are the case's evaluation and tornado
    when the caller has them already (an export evaluates once)."""
    result = evaluate(case, alternative) if result is None else result
    sweep = tornado(case, alternative) if sweep is None else sweep
    out = [f"# Nyttokalkyl: {md_escape(case.name)}", ""]
    if case.description:
        out += [md_block(case.description.strip()), ""]
    out += ["## Förutsättningar", ""]
    facts = [
        ("Organisation", case.organisation or "–"),
        ("Ägare", case.owner or "–"),
        ("Alternativ", result.alternative),
        ("Kalkylränta", f"{fmt.percent(case.discount_rate)} – {case.discount_rate_source}"),
        ("Kalkylperiod", _period(case) + (f" – {case.horizon_source}" if case.horizon_source else "")),
        ("Prisnivå", case.price_level),
    ]
    if case.optimism_bias is not None:
        ob = case.optimism_bias
        facts.append(("Optimismpåslag", f"{fmt.percent(ob.uplift)} på {ob.applies_to} – {ob.source}"))
    out += [f"- **{label}:** {md_escape(value)}" for label, value in facts]
    out += [f"- **Obs:** {md_escape(line)}" for line in outside_lines(result)]
    out += ["", "## Poster", "",
            "| Post | Typ | Kategori | Intressent | År | Belopp per år (troligt) | Källa |",
            "|---|---|---|---|---|---:|---|"]  # fmt: skip
    for item in case.alternative(alternative).items:
        years = (
            f"{item.from_year}"
            if item.one_off
            else f"{item.from_year}–{'' if item.to_year is None else item.to_year}"
        )
        amount = fmt.sek(item.estimate().likely) if item.valued_in_money else "värderas inte i pengar"
        source = item.source or ("antagande" if item.assumption else _estimate_sources(item))
        out.append(
            f"| {md_escape(item.label)} | {item.kind} | {item.category} | {item.stakeholder} | {years} "
            f"| {amount} "
            f"| {md_escape(source)} |"
        )
    out += ["", "## Resultat per år", "", _md_row(yearly_headers(SHORT_YEARLY)),
            _md_row(["---:"] * len(SHORT_YEARLY))]  # fmt: skip
    out += [_md_row(cells) for cells in yearly_rows(result, SHORT_YEARLY)]
    out += ["", "## Nyckeltal", ""] + [f"- **{label}:** {value}" for label, value in key_figures(result)]
    bars = sweep.bars[:5]
    if bars:
        out += ["", "## Känslighet (tornado)", "",
                "| Post | Lågt → högt | Nettonuvärde lågt | Nettonuvärde högt |",
                "|---|---|---:|---:|"]  # fmt: skip
        out += [
            f"| {md_escape(b.label)} | {factor_value(b.factor, b.low)} → {factor_value(b.factor, b.high)} "
            f"| {fmt.sek(b.npv_low)} | {fmt.sek(b.npv_high)} |"
            for b in bars
        ]
    if mc is not None:
        out += ["", f"## {_mc_heading(mc)}", ""] + [
            f"- **{label}:** {value}" for label, value in _mc_lines(mc)
        ]
    if result.non_monetary:
        out += ["", "## Inte värderat i pengar", ""]
        out += [
            f"- **{md_escape(i.label)}** ({i.stakeholder}): {md_escape(i.description)}"
            for i in result.non_monetary
        ]
    if case.sources:
        out += ["", "## Källor", ""] + [f"- {md_escape(s)}" for s in case.sources]
    return "\n".join(out) + "\n" + charts + plan_markdown(case)


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def plan_markdown(case: Case) -> str:
    """The nyttorealiseringsplan as a Markdown section (empty when there is no plan)."""
    if not case.realisation_plan:
        return ""
    out = ["", "## Nyttorealiseringsplan", ""]
    for entry in case.realisation_plan:
        out += [f"### {md_escape(entry.benefit)}", ""]
        for key, label in list(PLAN_COLUMNS.items())[1:]:
            value = plan_value(entry, key)
            if value:
                out.append(f"- **{label}:** {md_escape(value)}")
        out.append("")
    return "\n".join(out)


def _estimate_sources(item: Item) -> str:
    estimates = [e for _, e, _ in item.factors()]
    if not estimates:
        return "–"
    parts = [e.source or ("antagande" if e.assumption else "") for e in estimates]
    return "; ".join(dict.fromkeys(p for p in parts if p)) or "–"
