"""The content of a decision document (beslutsunderlag) built from one evaluation of a case: pure text and rows.

The structure follows DIGG's förändringsunderlag and nyttorealiseringsplan (background and purpose, alternatives,
benefits, costs, key figures, uncertainty, assumptions, realisation plan). :func:`analyse` evaluates the case once;
every sentence of :func:`summary` is chosen by a rule from those results and every number in it is a model figure
in Swedish format. :mod:`widgets.benefit.word` lays the content out as a Word document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .. import fmt
from . import texts
from .compare import Comparison, compare
from .engine import Compiled
from .evaluate import Result
from .model import Case, Estimate, Item
from .report import (
    PLAN_COLUMNS,
    SHORT_YEARLY,
    _mc_lines,
    _period,
    factor_value,
    key_figures,
    payback_text,
    ratio_text,
    yearly_headers,
    yearly_rows,
)
from .uncertainty import BreakEven, MonteCarlo, Tornado, break_even, tornado

COURSE = "Digital kompetens för offentlig sektor (Linköpings universitet)"
EMPTY = "–"

#: Section headings in document order (Heading 1).
SECTIONS = (
    "Sammanfattning",
    "Bakgrund och syfte",
    "Alternativ",
    "Nyttor",
    "Kostnader",
    "Nyckeltal",
    "Osäkerhet och känslighet",
    "Antaganden och källor",
    "Nyttorealiseringsplan",
)


@dataclass(frozen=True)
class Analysis:
    """Everything the document shows, computed once: the chosen alternative among all of them, the tornado,
    the break-even values and (when one was run) the Monte Carlo simulation."""

    case: Case
    index: int
    comparison: Comparison
    sweep: Tornado
    breaks: tuple[BreakEven, ...]
    mc: MonteCarlo | None

    @property
    def result(self) -> Result:
        return self.comparison.results[self.index]

    @property
    def items(self) -> tuple[Item, ...]:
        return self.case.alternatives[self.index].items


def analyse(case: Case, alternative: int | str = 0, mc: MonteCarlo | None = None) -> Analysis:
    """Evaluate every alternative once, and sweep the chosen one's uncertain inputs."""
    chosen = case.alternative(alternative)
    index = case.alternatives.index(chosen)
    return Analysis(case, index, compare(case), tornado(case, index), tuple(break_even(case, index)), mc)


def is_zero_alternative(name: str) -> bool:
    return name.strip().lower().startswith("nollalternativ")


def _kind_labels(items: Iterable[Item], kind: str) -> list[str]:
    return [item.label for item in items if item.kind == kind]


def _verdict(r: Result) -> list[str]:
    """Whether the benefits outweigh the costs, and when the change has paid for itself."""
    name = texts.quoted(r.alternative)
    if not r.items:
        return [
            f"Alternativet {name} har inga kostnader eller nyttor i pengar, så nettonuvärdet är {fmt.sek(0)}."
        ]
    values = (
        f"i dagens pengar (nuvärde) är nyttorna värda {fmt.sek(r.pv_benefits)} och kostnaderna "
        f"{fmt.sek(r.pv_costs)}"
    )
    if r.npv > 0:
        out = [f"För {name} är nyttorna större än kostnaderna: {values}. Nettonuvärdet är {fmt.sek(r.npv)}."]
    elif r.npv < 0:
        out = [f"För {name} är kostnaderna större än nyttorna: {values}. Nettonuvärdet är {fmt.sek(r.npv)}."]
    else:
        out = [f"För {name} är nyttorna och kostnaderna lika stora: {values}."]
    if r.discounted_payback_year is None:
        out.append("Förändringen blir inte återbetald inom kalkylperioden, räknat i nuvärde.")
    else:
        out.append(f"Förändringen är återbetald {payback_text(r, discounted=True)}, räknat i nuvärde.")
    return out


def summary(a: Analysis) -> list[str]:
    """A few plain sentences a politician can read in a minute, each chosen by a rule from the results."""
    case, r = a.case, a.result
    n = len(case.alternatives)
    who = f" för {case.organisation}" if case.organisation else ""
    count = "ett alternativ" if n == 1 else f"{n} alternativ"
    out = [
        f"Underlaget gäller {texts.quoted(case.name)}{who}. Kalkylen räknar på {count} under "
        f"{_period(case)} med kalkylräntan {fmt.percent(case.discount_rate)}, i {case.price_level}."
    ]
    out += _verdict(r)
    if a.sweep.bars:
        b = a.sweep.bars[0]
        out.append(
            f"Resultatet beror mest på {texts.quoted(b.label)}: mellan lågt och högt värde går nettonuvärdet "
            f"från {fmt.sek(b.npv_low)} till {fmt.sek(b.npv_high)}."
        )
        if r.npv > 0 and min(b.npv_low, b.npv_high) < 0:
            out.append("Med det mindre gynnsamma värdet blir nettonuvärdet negativt.")
        elif r.npv < 0 and max(b.npv_low, b.npv_high) > 0:
            out.append("Med det mer gynnsamma värdet blir nettonuvärdet positivt.")
    else:
        out.append(
            "Kalkylen har inga osäkra poster (lågt och högt värde är lika), så känsligheten är inte prövad."
        )
    if a.mc is not None:
        mc = a.mc
        out.append(
            f"I en simulering med {fmt.number(mc.draws)} utfall är sannolikheten att nettonuvärdet blir positivt "
            f"{fmt.percent(mc.p_npv_positive)}; medianen är {fmt.sek(mc.p50)} och 8 av 10 utfall ligger mellan "
            f"{fmt.sek(mc.p10)} och {fmt.sek(mc.p90)}."
        )
    if n > 1:
        best = a.comparison.best
        out.append(
            f"Av de {n} alternativen har {texts.quoted(best.alternative)} högst nettonuvärde ({fmt.sek(best.npv)})."
        )
    for kind, what in ((texts.BENEFIT, "Nyttor"), (texts.COST, "Kostnader")):
        labels = _kind_labels(r.non_monetary, kind)
        if labels:
            out.append(
                f"{what} som inte är värderade i pengar och inte ingår i nettonuvärdet: {', '.join(labels)}."
            )
    planned = [entry.benefit for entry in case.realisation_plan if entry.owner]
    if planned:
        out.append(f"Nyttorealiseringsplanen anger en ansvarig för: {', '.join(planned)}.")
    else:
        out.append("Kalkylen har ingen nyttorealiseringsplan med ansvariga ännu.")
    return out


# --- rows for the document's tables (strings, Swedish formats) --------------------------------------------------


def years_text(case: Case, item: Item) -> str:
    """Calendar years the item runs: ``2020`` or ``2020–2023`` (cut at the end of the period)."""
    last_year = case.horizon_years - 1
    start = case.start_year + item.from_year
    end = case.start_year + min(last_year, item.to_year if item.to_year is not None else last_year)
    if item.from_year > last_year:
        return texts.NOT_WITHIN_PERIOD
    return str(start) if start == end else f"{start}–{end}"


def alternative_rows(a: Analysis) -> list[list[str]]:
    return [
        [
            r.alternative,
            alternative.description or EMPTY,
            fmt.sek(r.npv),
            ratio_text(r.benefit_cost_ratio),
            payback_text(r, discounted=True),
        ]
        for r, alternative in zip(a.comparison.results, a.case.alternatives, strict=True)
    ]


def zero_alternative_text(a: Analysis) -> str:
    zero = [alt.name for alt in a.case.alternatives if is_zero_alternative(alt.name)]
    if zero:
        return f"Jämförelsepunkten är nollalternativet {texts.quoted(zero[0])}."
    return (
        "Kalkylen har inget nollalternativ med egna poster. Posterna räknas som förändringar mot att inte "
        f"genomföra förändringen; ett nollalternativ utan poster har nettonuvärdet {fmt.sek(0)}."
    )


def item_rows(a: Analysis, kind: str) -> list[list[str]]:
    """Money items of one kind: label, category, stakeholder, years, (investment,) amount per year, PV."""
    rows = []
    for row, item in zip(a.result.items, (i for i in a.items if i.valued_in_money), strict=True):
        if row.kind != kind:
            continue
        cells = [row.label, row.category, row.stakeholder, years_text(a.case, item)]
        if kind == texts.COST:
            cells.append(("ja" if row.is_investment else "nej") + (", med påslag" if row.uplifted else ""))
        cells += [fmt.sek(row.amount_per_year), fmt.sek(row.present_value)]
        rows.append(cells)
    return rows


def non_monetary_rows(a: Analysis, kind: str) -> list[list[str]]:
    return [
        [i.label, i.category, i.stakeholder, i.description or EMPTY]
        for i in a.result.non_monetary
        if i.kind == kind
    ]


def benefit_matrix(a: Analysis) -> tuple[list[str], list[list[str]]]:
    """Present value of benefits by category (rows) and stakeholder (columns), with totals."""
    benefits = [row for row in a.result.items if row.kind == texts.BENEFIT]
    stakeholders = [s for s in texts.STAKEHOLDERS if any(b.stakeholder == s for b in benefits)]
    categories = [c for c in texts.CATEGORIES if any(b.category == c for b in benefits)]

    def pv(category: str | None, stakeholder: str | None) -> float:
        return sum(
            b.present_value
            for b in benefits
            if category in (None, b.category) and stakeholder in (None, b.stakeholder)
        )

    header = ["Kategori", *stakeholders, "Summa"]
    rows = [[c, *(fmt.sek(pv(c, s)) for s in stakeholders), fmt.sek(pv(c, None))] for c in categories]
    rows.append(["Summa", *(fmt.sek(pv(None, s)) for s in stakeholders), fmt.sek(pv(None, None))])
    return header, rows


def key_figure_rows(a: Analysis) -> list[list[str]]:
    return [[label, value] for label, value in key_figures(a.result)]


def yearly_table(a: Analysis) -> tuple[list[str], list[list[str]]]:
    """The short yearly table (the report's columns): headings and rows."""
    return yearly_headers(SHORT_YEARLY), yearly_rows(a.result, SHORT_YEARLY)


def tornado_rows(a: Analysis, limit: int) -> list[list[str]]:
    return [
        [str(rank), b.label, f"{factor_value(b.factor, b.low)} – {factor_value(b.factor, b.high)}",
         fmt.sek(b.npv_low), fmt.sek(b.npv_high), fmt.sek(b.swing)]
        for rank, b in enumerate(a.sweep.bars[:limit], start=1)
    ]  # fmt: skip


def break_even_rows(a: Analysis, limit: int = 5) -> list[list[str]]:
    out = []
    for b in [b for b in a.breaks if b.reachable][:limit]:
        change = EMPTY if b.change is None else fmt.percent(b.change)
        out.append([b.label, factor_value(b.factor, b.likely), factor_value(b.factor, b.value), change])
    return out


def monte_carlo_rows(mc: MonteCarlo) -> list[list[str]]:
    return [
        ["Antal dragningar", fmt.number(mc.draws)],
        ["Fördelning", texts.DISTRIBUTION_LABELS[mc.distribution]],
        ["Slumpfrö", EMPTY if mc.seed is None else str(mc.seed)],
        *([label, value] for label, value in _mc_lines(mc)),
    ]


def premise_rows(a: Analysis) -> list[list[str]]:
    case = a.case
    rows = [
        ["Kalkylränta (real)", fmt.percent(case.discount_rate), case.discount_rate_source or EMPTY],
        ["Kalkylperiod", _period(case), case.horizon_source or EMPTY],
        ["Prisnivå", case.price_level, EMPTY],
    ]
    if case.optimism_bias is not None:
        ob = case.optimism_bias
        rows.append(["Optimismpåslag", f"{fmt.percent(ob.uplift)} på {ob.applies_to}", ob.source])
    return rows


def _source(estimate: Estimate, item: Item) -> str:
    """The estimate's own source and note, else the item's; marked as an assumption where it is one."""
    source, note = (
        (estimate.source, estimate.note) if estimate.source or estimate.note else (item.source, item.note)
    )
    parts = [p.strip() for p in (source, note) if p and p.strip()]
    if (estimate.assumption or item.assumption) and not any("antagande" in p.lower() for p in parts):
        parts.append("Antagande för övningen.")
    return " ".join(parts) or EMPTY


def input_rows(a: Analysis) -> list[list[str]]:
    """Every input of the chosen alternative: item – factor, low, likely, high, source or assumption."""
    model = Compiled(a.case, a.index)
    return [
        [p.label, factor_value(p.factor, p.estimate.low), factor_value(p.factor, p.estimate.likely),
         factor_value(p.factor, p.estimate.high), _source(p.estimate, model.items[p.item_index])]
        for p in model.params
    ]  # fmt: skip


def _date(text: str) -> str:
    try:
        return fmt.date(dt.date.fromisoformat(text))
    except ValueError:
        return text


def plan_rows(a: Analysis) -> list[list[str]]:
    """One row per benefit of the chosen alternative (and per planned benefit from other alternatives); a
    benefit without an entry gets empty cells to fill in."""
    entries = {entry.benefit: entry for entry in a.case.realisation_plan}
    labels = list(dict.fromkeys([*_kind_labels(a.items, texts.BENEFIT), *entries]))
    rows = []
    for label in labels:
        entry = entries.get(label)
        cells = [label]
        for key in list(PLAN_COLUMNS)[1:]:
            if entry is None:
                cells.append(EMPTY)
            elif key == "follow_up":  # dates in Swedish format here
                cells.append(", ".join(_date(d) for d in entry.follow_up) or EMPTY)
            else:
                cells.append(getattr(entry, key) or EMPTY)
        rows.append(cells)
    return rows
