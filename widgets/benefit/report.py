"""Text built from a case and its results: the command line's Swedish summary and a Markdown report.

Pure text builders (no files): the caller decides where the text goes.
"""

from __future__ import annotations

from .. import fmt
from . import texts
from .compare import compare
from .evaluate import Result, evaluate
from .model import Case
from .period import period_text
from .uncertainty import MonteCarlo, break_even, tornado

_MONEY_FACTORS = {"amount", "hourly_cost", "monthly_salary", "unit_price"}


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
        f"{'År':>3} {'Kalenderår':>10} {'Kostnader':>14} {'Nyttor':>14} {'Netto':>14} {'Nuvärde':>14} "
        f"{'Ack. nuvärde':>14}",
    ]
    for row in result.rows:
        lines.append(
            f"{row.year:>3} {row.calendar_year:>10} {fmt.sek(row.costs):>14} {fmt.sek(row.benefits):>14} "
            f"{fmt.sek(row.net):>14} {fmt.sek(row.present_value):>14} "
            f"{fmt.sek(row.cumulative_present_value):>14}"
        )
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


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_report(case: Case, alternative: int | str = 0, mc: MonteCarlo | None = None) -> str:
    """A short Markdown report: assumptions, the yearly table, key figures and uncertainty."""
    result = evaluate(case, alternative)
    out = [f"# Nyttokalkyl: {_md_escape(case.name)}", ""]
    if case.description:
        out += [case.description.strip(), ""]
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
    out += [f"- **{label}:** {_md_escape(value)}" for label, value in facts]
    out += [f"- **Obs:** {_md_escape(line)}" for line in outside_lines(result)]
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
            f"| {_md_escape(item.label)} | {item.kind} | {item.category} | {item.stakeholder} | {years} "
            f"| {amount} "
            f"| {_md_escape(source)} |"
        )
    out += ["", "## Resultat per år", "",
            "| År | Kostnader | Nyttor | Netto | Nuvärde | Ackumulerat nuvärde |",
            "|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    out += [
        f"| {row.calendar_year} | {fmt.sek(row.costs)} | {fmt.sek(row.benefits)} | {fmt.sek(row.net)} "
        f"| {fmt.sek(row.present_value)} | {fmt.sek(row.cumulative_present_value)} |"
        for row in result.rows
    ]
    out += ["", "## Nyckeltal", ""] + [f"- **{label}:** {value}" for label, value in key_figures(result)]
    bars = tornado(case, alternative).bars[:5]
    if bars:
        out += ["", "## Känslighet (tornado)", "",
                "| Post | Lågt → högt | Nettonuvärde lågt | Nettonuvärde högt |",
                "|---|---|---:|---:|"]  # fmt: skip
        out += [
            f"| {_md_escape(b.label)} | {factor_value(b.factor, b.low)} → {factor_value(b.factor, b.high)} "
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
            f"- **{_md_escape(i.label)}** ({i.stakeholder}): {_md_escape(i.description)}"
            for i in result.non_monetary
        ]
    if case.sources:
        out += ["", "## Källor", ""] + [f"- {_md_escape(s)}" for s in case.sources]
    return "\n".join(out) + "\n"


def _estimate_sources(item) -> str:
    if item.amount is not None:
        estimates = [item.amount]
    elif item.driver is not None:
        estimates = [e for _, e, _ in item.driver.factors()]
    else:
        return "–"
    parts = [e.source or ("antagande" if e.assumption else "") for e in estimates]
    return "; ".join(dict.fromkeys(p for p in parts if p)) or "–"
