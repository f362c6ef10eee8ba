"""Key figures, the yearly table, the results tab and the alternatives side by side.

Every figure comes from :mod:`widgets.benefit` (``report.key_figures`` gives the Swedish labels and values);
this module only lays them out.
"""

from __future__ import annotations

import ipywidgets as w
import traitlets as t

from ... import fmt
from ...benefit import Case, Result, compare
from ...benefit.report import (
    PAGE_YEARLY,
    key_figures,
    payback_text,
    ratio_text,
    yearly_headers,
    yearly_numeric,
    yearly_rows,
)
from ...benefit.texts import MISSING
from ...ui.html import bullets, esc, table, tag
from ...ui.lazy import BuiltWhenShown
from .charts import BenefitsChart, CumulativeChart


def key_figures_html(alternative: str, figures: dict[str, str]) -> str:
    cards = "".join(
        tag("div", cls="dk-kf", raw=tag("dt", label) + tag("dd", value)) for label, value in figures.items()
    )
    heading = tag("h2", f"Nyckeltal – {alternative}", cls="dk-kf-heading")
    return heading + tag("dl", cls="dk-kf-list", raw=cards)


class KeyFigures(w.HTML):
    """The key-figure cards, always visible above the tabs."""

    figures = t.Dict(
        help="The figures shown, label → text as on its card (Nettonuvärde → 1 234 kr); not sent to the browser."
    )

    def show(self, result: Result) -> None:
        figures = dict(key_figures(result))
        self.value = key_figures_html(result.alternative, figures)
        self.figures = figures


def yearly_table_html(result: Result) -> str:
    # Headers may wrap (a soft hyphen in the long word) so the table fits the page at 1280 px; cells never wrap.
    headers = [h.replace("Diskonterings", "Diskonterings\u00ad") for h in yearly_headers(PAGE_YEARLY)]
    rows = yearly_rows(result, PAGE_YEARLY)
    caption = f"Kalkyl per år för {result.alternative}, kalkylränta {fmt.percent(result.discount_rate)}"
    # The table scrolls inside its own box on a narrow screen (focusable, so the keyboard can scroll it too).
    return tag(
        "div",
        cls="dk-scroll",
        role="region",
        tabindex="0",
        aria_label="Kalkyl per år (rulla i sidled om tabellen är bredare än skärmen)",
        raw=table(headers, rows, numeric=yearly_numeric(PAGE_YEARLY), caption=caption),
    )


NO_AMOUNTS = "Inga belopp ännu – lägg till en kostnad eller nytta med ett belopp under fliken Poster."


def has_amounts(result: Result) -> bool:
    """Whether any year has a cost or a benefit (otherwise a chart would only draw an axis of zeros)."""
    return any(row.costs or row.benefits for row in result.rows)


def non_monetary_html(result: Result) -> str:
    if not result.non_monetary:
        return ""
    lines = [
        f"{item.label} ({item.kind}, {item.category})" + (f": {item.description}" if item.description else "")
        for item in result.non_monetary
    ]
    return (
        tag("h3", "Effekter som inte värderas i pengar")
        + tag("p", "De beskrivs här men räknas inte in i nettonuvärdet.", cls="dk-muted")
        + bullets(lines)
    )


class ResultsView(w.VBox):
    """The results tab: cumulative present value, benefits by category, the yearly table."""

    def __init__(self) -> None:
        self.cumulative = CumulativeChart()
        self.benefits = BenefitsChart()
        self.table = w.HTML()
        super().__init__(
            [
                w.HTML(tag("h2", "Ackumulerat nuvärde")),
                self.cumulative.widget,
                w.HTML(tag("h2", "Nyttor per år efter kategori")),
                self.benefits.widget,
                w.HTML(tag("h2", "Kalkyl per år")),
                self.table,
            ]
        )

    def update(self, case: Case, alternative: int, result: Result) -> None:
        if has_amounts(result):
            self.cumulative.update(result)
            self.benefits.update(result)
        else:
            self.cumulative.widget.say(NO_AMOUNTS)
            self.benefits.widget.say(NO_AMOUNTS)
        self.table.value = yearly_table_html(result) + non_monetary_html(result)


def comparison_html(case: Case) -> str:
    comparison = compare(case)
    headers = ["Alternativ", "Nettonuvärde", "Nuvärde nyttor", "Nuvärde kostnader", "Nyttokostnadskvot",
               "NNK", "Återbetalningsår", "Diskonterat återbetalningsår", "Internränta"]  # fmt: skip
    rows = [
        [
            r.alternative,
            fmt.sek(r.npv),
            fmt.sek(r.pv_benefits),
            fmt.sek(r.pv_costs),
            ratio_text(r.benefit_cost_ratio),
            ratio_text(r.nnk),
            payback_text(r),
            payback_text(r, discounted=True),
            MISSING if r.irr is None else fmt.percent(r.irr),
        ]
        for r in comparison.results
    ]
    html = table(headers, rows, numeric={1, 2, 3, 4, 5, 8}, caption="Alternativen sida vid sida")
    if len(comparison.results) > 1:
        html += tag(
            "p",
            raw="Högst nettonuvärde: " + tag("strong", comparison.best.alternative) + " ("
            + esc(fmt.sek(comparison.best.npv)) + ").",
        )  # fmt: skip
    else:
        html += tag(
            "p",
            "Kalkylen har ett alternativ. Lägg till ett till (till exempel ett nollalternativ) med "
            "”Kopiera alternativet” ovanför flikarna för att jämföra.",
            cls="dk-muted",
        )
    return html


class ComparisonView(BuiltWhenShown):
    """Every alternative under the same rate and horizon, side by side (built when its tab is first shown)."""

    def build(self) -> list[w.Widget]:
        self.table = w.HTML()
        intro = tag(
            "p",
            "Alla alternativ räknas med samma kalkylränta, kalkylperiod och startår. Välj alternativ i listan "
            "”Alternativ” ovanför flikarna för att se eller ändra dess poster.",
        )
        return [w.HTML(tag("h2", "Alternativ sida vid sida") + intro), self.table]

    def update(self, case: Case, alternative: int, result: Result) -> None:
        self.ensure_built()
        self.table.value = comparison_html(case)
