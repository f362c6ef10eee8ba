"""The benefit case's charts for print, drawn with matplotlib: the same data as the app's SVG charts.

Each ``*_figure`` function draws one model result on a :class:`matplotlib.figure.Figure` (object-oriented, no
pyplot state, Agg canvas) and each ``*_alt`` function says in words what it shows; :func:`png` renders a figure
at print resolution. matplotlib is imported inside the functions, so importing this module costs nothing and the
participant kernels never load it (``tests/unit/test_benefit_imports.py``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .. import fmt
from . import texts
from .report import payback_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

    from .evaluate import Result
    from .uncertainty import MonteCarlo, Tornado

DPI = 300  # print resolution
WIDTH_IN = 6.3  # 16 cm: the text width of an A4 page with 2.5 cm margins
HEIGHT_IN = 3.3

# Okabe–Ito colours, as in the app's charts (distinguishable with colour-vision deficiency).
CATEGORY_COLOURS = {
    "finansiell": "#0072B2",
    "omfördelning": "#E69F00",
    "kvalitet": "#009E73",
    "miljö": "#CC79A7",
}
INK = "#1a1a1a"
BAR_COLOUR = "#9ab7d3"
POSITIVE, NEGATIVE = "#0072B2", "#D55E00"
TORNADO_LIMIT = 10
HISTOGRAM_BINS = 40


def kr_axis(values: Iterable[float]) -> tuple[float, str]:
    """Scale and unit for an axis: ``mnkr`` above a million, ``tkr`` above ten thousand, else ``kr``."""
    biggest = max((abs(v) for v in values), default=0.0)
    if biggest >= 1e6:
        return 1e6, "mnkr"
    if biggest >= 1e4:
        return 1e3, "tkr"
    return 1.0, "kr"


def _figure(height: float = HEIGHT_IN) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _axes(figure: Figure) -> Axes:
    ax = figure.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    return ax


def _money_axis(axis: Axis, scale: float) -> None:
    """Swedish tick labels (``1,5``, ``−200``) in the chosen unit."""
    from matplotlib.ticker import FuncFormatter

    decimals = 1 if scale >= 1e6 else 0
    axis.set_major_formatter(FuncFormatter(lambda v, _: fmt.number(v / scale, decimals)))


def _legend(figure: Figure) -> None:
    figure.legend(fontsize=7, frameon=False, loc="outside lower center", ncol=3)


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes at :data:`DPI`."""
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def cumulative_figure(result: Result) -> Figure:
    """Present value per year (bars) and cumulative present value (line) with the discounted payback point."""
    years = [row.calendar_year for row in result.rows]
    yearly = [row.present_value for row in result.rows]
    cumulative = [row.cumulative_present_value for row in result.rows]
    scale, unit = kr_axis(yearly + cumulative)
    figure = _figure()
    ax = _axes(figure)
    ax.bar(years, yearly, color=BAR_COLOUR, label="Nuvärde per år")
    ax.plot(
        years, cumulative, color=INK, marker="o", markersize=3, linewidth=1.6, label="Ackumulerat nuvärde"
    )
    ax.axhline(0, color=INK, linewidth=0.6)
    payback = result.discounted_payback_year
    if payback is not None:
        ax.plot([years[payback]], [cumulative[payback]], linestyle="none", marker="o", markersize=11,
                markerfacecolor="none", markeredgecolor=NEGATIVE, markeredgewidth=2,
                label=f"Återbetalt {years[payback]} (diskonterat)")  # fmt: skip
    _money_axis(ax.yaxis, scale)
    ax.set_ylabel(unit, fontsize=8)
    ax.set_xticks(years if len(years) <= 12 else years[:: max(1, len(years) // 10)])
    _legend(figure)
    return figure


def cumulative_alt(result: Result) -> str:
    first, last = result.rows[0], result.rows[-1]
    return (
        f"Stapel- och linjediagram: nuvärde per år och ackumulerat nuvärde för {result.alternative}, "
        f"från {fmt.sek(first.cumulative_present_value)} år {first.calendar_year} "
        f"till {fmt.sek(last.cumulative_present_value)} år {last.calendar_year}. "
        f"Diskonterat återbetalningsår: {payback_text(result, discounted=True)}."
    )


def shown_categories(result: Result) -> list[str]:
    """Benefit categories with money in them, in the model's order."""
    return [c for c in texts.CATEGORIES if sum(row.benefits_by_category[c] for row in result.rows) > 0]


def benefits_figure(result: Result) -> Figure:
    """Benefits per year stacked by category, the year's costs as a line."""
    years = [row.calendar_year for row in result.rows]
    costs = [row.costs for row in result.rows]
    scale, unit = kr_axis([row.benefits for row in result.rows] + costs)
    figure = _figure()
    ax = _axes(figure)
    base = [0.0] * len(years)
    for category in shown_categories(result):
        values = [row.benefits_by_category[category] for row in result.rows]
        ax.bar(years, values, bottom=base, color=CATEGORY_COLOURS[category], label=f"Nytta: {category}")
        base = [b + v for b, v in zip(base, values, strict=True)]
    ax.plot(years, costs, color=INK, marker="s", markersize=3, linewidth=1.6, label="Kostnader")
    _money_axis(ax.yaxis, scale)
    ax.set_ylabel(unit, fontsize=8)
    ax.set_xticks(years if len(years) <= 12 else years[:: max(1, len(years) // 10)])
    _legend(figure)
    return figure


def benefits_alt(result: Result) -> str:
    years = [row.calendar_year for row in result.rows]
    parts = [
        f"{c} {fmt.sek(sum(row.benefits_by_category[c] for row in result.rows))}"
        for c in shown_categories(result)
    ]
    return (
        f"Stapeldiagram: nyttor per år {years[0]}–{years[-1]} staplade efter kategori, med kostnaderna som "
        f"linje. Summa över perioden: {', '.join(parts) if parts else 'inga nyttor i pengar'}; "
        f"kostnader {fmt.sek(sum(row.costs for row in result.rows))}."
    )


def tornado_figure(result: Tornado, limit: int = TORNADO_LIMIT) -> Figure:
    """Each uncertain input swept low → high (others at likely): NPV at either end, largest swing on top."""
    bars = list(result.bars[:limit])
    base = result.base_npv
    scale, unit = kr_axis([b.npv_low for b in bars] + [b.npv_high for b in bars] + [base])
    figure = _figure(max(1.6, 0.8 + 0.42 * len(bars)))
    ax = _axes(figure)
    rows = list(range(len(bars)))[::-1]  # the largest swing on top
    labels = [textwrap.shorten(b.label, 45, placeholder=" …") for b in bars]
    ax.barh(rows, [b.npv_low - base for b in bars], left=base, color=NEGATIVE, label="Lågt värde")
    ax.barh(rows, [b.npv_high - base for b in bars], left=base, color=POSITIVE, label="Högt värde")
    ax.axvline(base, color=INK, linewidth=1.4, label=f"Alla på troligt värde: {fmt.sek(base)}")
    ax.set_yticks(rows, labels)
    _money_axis(ax.xaxis, scale)
    ax.set_xlabel(f"Nettonuvärde ({unit})", fontsize=8)
    _legend(figure)
    return figure


def tornado_alt(result: Tornado) -> str:
    top = "; ".join(
        f"{b.label}: från {fmt.sek(b.npv_low)} till {fmt.sek(b.npv_high)}" for b in result.bars[:3]
    )
    return (
        "Tornadodiagram: nettonuvärdet när varje osäker post går från lågt till högt värde, de andra på "
        f"troligt värde ({fmt.sek(result.base_npv)}). Störst påverkan: {top}."
    )


def monte_carlo_figure(result: MonteCarlo, bins: int = HISTOGRAM_BINS) -> Figure:
    """Histogram of the simulated NPV, losses and gains in two colours, with P10/P50/P90 marked."""
    counts, edges = result.histogram(bins)
    scale, unit = kr_axis([edges[0], edges[-1]])
    figure = _figure()
    ax = _axes(figure)
    centres = (edges[:-1] + edges[1:]) / 2
    widths = (edges[1:] - edges[:-1]) * 0.92
    for gains, colour, label in (
        (False, NEGATIVE, "Nettonuvärde under noll"),
        (True, POSITIVE, "Nettonuvärde över noll"),
    ):
        shown = (centres > 0) == gains
        ax.bar(centres[shown], counts[shown], width=widths[shown], color=colour, label=label)
    top = float(counts.max()) if counts.size else 1.0
    for name, value, style in (
        ("P10", result.p10, "--"),
        ("P50", result.p50, "-"),
        ("P90", result.p90, "--"),
    ):
        ax.axvline(value, color=INK, linewidth=1.2, linestyle=style)
        ax.text(value, top * 1.04, f" {name}", fontsize=7, fontweight="bold", va="bottom")
    ax.set_ylim(0, top * 1.15)
    _money_axis(ax.xaxis, scale)
    ax.set_xlabel(f"Nettonuvärde ({unit})", fontsize=8)
    ax.set_ylabel("Antal utfall", fontsize=8)
    _legend(figure)
    return figure


def monte_carlo_alt(result: MonteCarlo) -> str:
    return (
        f"Histogram: nettonuvärdet i {fmt.number(result.draws)} simuleringar "
        f"({texts.DISTRIBUTION_LABELS[result.distribution]}), förluster orange och vinster blå. "
        f"Sannolikheten att nettonuvärdet är större än noll: {fmt.percent(result.p_npv_positive)}. "
        f"P10 {fmt.sek(result.p10)}, P50 {fmt.sek(result.p50)}, P90 {fmt.sek(result.p90)}."
    )
