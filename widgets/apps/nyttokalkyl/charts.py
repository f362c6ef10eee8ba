"""The app's charts: each draws a model result into one reused matplotlib figure and says what it shows.

A chart makes its figure once (``new_figure``), clears and redraws its axes on each update and puts a small PNG
and a Swedish text alternative into its :class:`ChartImage`. The layout (matplotlib's constrained layout) is
solved only when something that takes room changes — figure size, tick labels' length, axis labels, legend —
so a redraw after a new discount rate is a single draw. A chart whose data did not change is not redrawn. matplotlib is imported only when a chart is drawn.
Fonts are set large enough to stay readable when the page is scaled up in presentation mode.
"""

from __future__ import annotations

import textwrap

from ... import fmt
from ...benefit import MonteCarlo, Peng, Result, Tornado
from ...benefit import texts as btexts
from ...benefit.report import payback_text
from ...ui.chart import ChartImage, figure_png, new_figure

DPI = 88
FONT = 11
INK = "#1b1f24"
#: Okabe–Ito colours (distinguishable with colour-vision deficiency), one per category.
CATEGORY_COLOURS = {
    "finansiell": "#0072B2",
    "omfördelning": "#E69F00",
    "kvalitet": "#009E73",
    "miljö": "#CC79A7",
}
PENG_COLOURS = {btexts.PENG_GREEN: "#2e7d32", btexts.PENG_YELLOW: "#f2c200", btexts.PENG_RED: "#c62828"}
COST_COLOUR = "#5a6270"
POSITIVE, NEGATIVE = "#0072B2", "#D55E00"
BELOW = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.12)}  # legends under the axes, never over data


def kr_axis(values) -> tuple[float, str]:
    """Scale and unit for an axis: ``mnkr`` above a million, ``tkr`` above a thousand, else ``kr``."""
    biggest = max((abs(v) for v in values), default=0.0)
    if biggest >= 1e6:
        return 1e6, "mnkr"
    if biggest >= 1e4:
        return 1e3, "tkr"
    return 1.0, "kr"


def wrapped(label: str, width: int = 34, lines: int = 3) -> str:
    """A long label on up to three lines (the end of a label often says which factor it is)."""
    return "\n".join(textwrap.wrap(label, width, max_lines=lines, placeholder=" …"))


def _formatter(scale: float):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _: fmt.number(v / scale, 1 if scale >= 1e6 else 0))


class Chart:
    """One chart: a figure made on first draw, an image widget updated in place."""

    width, height = 8.0, 3.8
    empty_alt = "Diagram"

    def __init__(self) -> None:
        self.image = ChartImage(alt=self.empty_alt)
        self.image.add_class("dk-chart")
        self._fig = None
        self._ax = None
        self._layout_key = None
        self._data_key = None

    @property
    def ax(self):
        if self._fig is None:
            self._fig = new_figure(self.width, self.height)
            self._ax = self._fig.add_subplot()
        return self._ax

    def unchanged(self, *data) -> bool:
        """Whether the chart already shows exactly this data (then the update can stop here)."""
        if data == self._data_key and self._fig is not None:
            return True
        self._data_key = data
        return False

    def _start(self):
        ax = self.ax
        ax.clear()
        ax.tick_params(labelsize=FONT, colors=INK)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return ax

    def _layout(self) -> tuple:
        """What takes room around the axes: size, tick labels' extent, axis labels, legend entries."""
        ax, fig = self._ax, self._fig

        def extent(axis) -> tuple[int, int]:
            labels = axis.get_major_formatter().format_ticks(axis.get_majorticklocs())
            lines = [line for label in labels for line in str(label).split("\n")]
            return max(map(len, lines), default=0), max(
                (str(label).count("\n") for label in labels), default=0
            )

        legend = ax.get_legend()
        entries = tuple(t.get_text() for t in legend.get_texts()) if legend is not None else ()
        return (tuple(fig.get_size_inches()), extent(ax.xaxis), extent(ax.yaxis), ax.get_xlabel(),
                ax.get_ylabel(), entries, ax.axison)  # fmt: skip

    def _finish(self, alt: str) -> None:
        fig, key = self._fig, self._layout()
        if key != self._layout_key:
            fig.set_layout_engine("constrained")
            png = figure_png(fig, dpi=DPI, tight=False)
            fig.set_layout_engine("none")  # the axes keep the positions just solved
            self._layout_key = key
        else:
            png = figure_png(fig, dpi=DPI, tight=False)
        self.image.show(png, alt)


class CumulativeChart(Chart):
    """Cumulative present value per year (ackumulerat nuvärde) with the discounted payback point."""

    empty_alt = "Linjediagram över ackumulerat nuvärde per år."

    def __init__(self) -> None:
        super().__init__()
        self._years: list[int] | None = None
        self._bars = self._line = self._marker = self._note = None

    def _build(self, years: list[int]) -> None:
        """Make the artists once per set of years; later updates only move them (the fast path)."""
        ax = self._start()
        self._years = years
        self._bars = ax.bar(years, [0.0] * len(years), color="#9ab7d3", label="Nuvärde per år")
        (self._line,) = ax.plot(years, [0.0] * len(years), color=INK, marker="o", linewidth=2.2,
                                label="Ackumulerat nuvärde")  # fmt: skip
        ax.axhline(0, color=INK, linewidth=0.8)
        (self._marker,) = ax.plot([], [], marker="o", markersize=13, markerfacecolor="none",
                                  markeredgecolor=NEGATIVE, markeredgewidth=2.5, linestyle="none")  # fmt: skip
        self._note = ax.annotate("", (years[0], 0), xytext=(8, -18), textcoords="offset points",
                                 fontsize=FONT, color=INK,
                                 bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"})  # fmt: skip
        ax.set_xticks(years if len(years) <= 12 else years[:: max(1, len(years) // 10)])
        ax.legend(fontsize=FONT - 1, frameon=False, **BELOW, ncols=2)

    def update(self, result: Result) -> None:
        years = [row.calendar_year for row in result.rows]
        cumulative = [row.cumulative_present_value for row in result.rows]
        yearly = [row.present_value for row in result.rows]
        if years != self._years:
            self._build(years)
        ax = self.ax
        for bar, value in zip(self._bars, yearly, strict=True):
            bar.set_height(value)
        self._line.set_ydata(cumulative)
        payback = result.discounted_payback_year
        if payback is None:
            self._marker.set_data([], [])
            self._note.set_visible(False)
        else:
            x, y = years[payback], cumulative[payback]
            self._marker.set_data([x], [y])
            self._note.xy = (x, y)
            self._note.set_text(f"Återbetalt {x}")
            # the layout is fixed: in the right half the note goes to the left of its point, inside the axes
            right_half = payback > (len(years) - 1) / 2
            self._note.set_horizontalalignment("right" if right_half else "left")
            self._note.set_position((-8 if right_half else 8, -18))
            self._note.set_visible(True)
        scale, unit = kr_axis(cumulative + yearly)
        ax.yaxis.set_major_formatter(_formatter(scale))
        ax.set_ylabel(unit, fontsize=FONT)
        ax.relim()
        ax.autoscale_view()
        first, last = result.rows[0], result.rows[-1]
        alt = (
            f"Linjediagram: ackumulerat nuvärde per år för {result.alternative}, "
            f"från {fmt.sek(first.cumulative_present_value)} år {first.calendar_year} "
            f"till {fmt.sek(last.cumulative_present_value)} år {last.calendar_year}. "
            f"Diskonterat återbetalningsår: {payback_text(result, discounted=True)}."
        )
        self._finish(alt)


class BenefitsChart(Chart):
    """Benefits per year stacked by category, with the year's costs as a line."""

    empty_alt = "Stapeldiagram över nyttor per år efter kategori."

    def update(self, result: Result) -> None:
        years = [row.calendar_year for row in result.rows]
        costs = [row.costs for row in result.rows]
        by_category = [tuple(row.benefits_by_category.items()) for row in result.rows]
        if self.unchanged(result.alternative, years, costs, by_category):
            return  # undiscounted: a new discount rate leaves this chart as it is
        ax = self._start()
        scale, unit = kr_axis([row.benefits for row in result.rows] + costs)
        bottom = [0.0] * len(years)
        totals = {}
        for category in btexts.CATEGORIES:
            values = [row.benefits_by_category[category] for row in result.rows]
            totals[category] = sum(values)
            if totals[category] > 0:
                ax.bar(years, values, bottom=bottom, color=CATEGORY_COLOURS[category],
                       label=f"Nytta: {category}")  # fmt: skip
                bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.plot(years, costs, color=INK, marker="s", linewidth=2, label="Kostnader")
        ax.yaxis.set_major_formatter(_formatter(scale))
        ax.set_ylabel(unit, fontsize=FONT)
        ax.set_xticks(years if len(years) <= 12 else years[:: max(1, len(years) // 10)])
        ax.legend(fontsize=FONT - 1, frameon=False, **BELOW, ncols=3)
        parts = [f"{category} {fmt.sek(total)}" for category, total in totals.items() if total > 0]
        benefit_text = ", ".join(parts) if parts else "inga nyttor i pengar"
        alt = (
            f"Stapeldiagram: nyttor per år {years[0]}–{years[-1]} staplade efter kategori, "
            f"med kostnaderna som linje. Summa över perioden: {benefit_text}; "
            f"kostnader {fmt.sek(sum(costs))}."
        )
        self._finish(alt)


class TornadoChart(Chart):
    """Each uncertain input swept low → high (others at likely): the NPV at either end, largest swing on top."""

    empty_alt = "Tornadodiagram över hur nettonuvärdet beror på de osäkra posterna."
    limit = 10

    def update(self, result: Tornado) -> None:
        ax = self._start()
        bars = list(result.bars[: self.limit])
        if not bars:
            self._fig.set_size_inches(self.width, 1.6)
            ax.set_axis_off()
            ax.text(0.5, 0.5, "Inga osäkra poster: ange lågt och högt värde.", ha="center", va="center",
                    fontsize=FONT + 1, transform=ax.transAxes)  # fmt: skip
            self._finish("Tornadodiagram utan staplar: kalkylen har inga osäkra poster (lågt = högt värde).")
            return
        self._fig.set_size_inches(self.width, 1.6 + 0.55 * len(bars))  # bars keep their thickness
        base = result.base_npv
        scale, unit = kr_axis([b.npv_low for b in bars] + [b.npv_high for b in bars] + [base])
        labels = [wrapped(b.label) for b in bars][::-1]
        positions = range(len(bars))
        lows = [b.npv_low - base for b in bars][::-1]
        highs = [b.npv_high - base for b in bars][::-1]
        ax.barh(positions, lows, left=base, color=NEGATIVE, label="Lågt värde")
        ax.barh(positions, highs, left=base, color=POSITIVE, label="Högt värde")
        ax.axvline(base, color=INK, linewidth=1)
        ax.set_yticks(list(positions), labels, fontsize=FONT)
        ax.xaxis.set_major_formatter(_formatter(scale))
        ax.set_xlabel(f"Nettonuvärde ({unit})", fontsize=FONT)
        ax.legend(fontsize=FONT - 1, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2)
        top = "; ".join(
            f"{b.label}: från {fmt.sek(b.npv_low)} till {fmt.sek(b.npv_high)}" for b in result.bars[:3]
        )
        alt = (
            f"Tornadodiagram: nettonuvärdet när varje osäker post går från lågt till högt värde, de andra på "
            f"troligt värde ({fmt.sek(base)}). Störst påverkan: {top}."
        )
        self._finish(alt)


class MonteCarloChart(Chart):
    """Histogram of the simulated NPV, losses and gains in two colours, with P10/P50/P90 marked."""

    empty_alt = "Histogram över nettonuvärdet i Monte Carlo-simuleringen."

    def update(self, result: MonteCarlo) -> None:
        ax = self._start()
        counts, edges = result.histogram(40)
        scale, unit = kr_axis([edges[0], edges[-1]])
        centres = (edges[:-1] + edges[1:]) / 2
        widths = edges[1:] - edges[:-1]
        colours = [POSITIVE if c > 0 else NEGATIVE for c in centres]
        ax.bar(centres, counts, width=widths, color=colours, edgecolor="white", linewidth=0.4)
        for name, value, style in (
            ("P10", result.p10, ":"),
            ("P50", result.p50, "-"),
            ("P90", result.p90, ":"),
        ):
            ax.axvline(value, color=INK, linestyle=style, linewidth=1.6)
            ax.annotate(name, (value, 1), xycoords=("data", "axes fraction"), xytext=(3, -14),
                        textcoords="offset points", fontsize=FONT)  # fmt: skip
        ax.xaxis.set_major_formatter(_formatter(scale))
        ax.set_xlabel(f"Nettonuvärde ({unit})", fontsize=FONT)
        ax.set_ylabel("Antal utfall", fontsize=FONT)
        alt = (
            f"Histogram: nettonuvärdet i {fmt.number(result.draws)} simuleringar "
            f"({btexts.DISTRIBUTION_LABELS[result.distribution]}). "
            f"Sannolikheten att nettonuvärdet är större än noll: {fmt.percent(result.p_npv_positive)}. "
            f"P10 {fmt.sek(result.p10)}, P50 {fmt.sek(result.p50)}, P90 {fmt.sek(result.p90)}."
        )
        self._finish(alt)


class PengChart(Chart):
    """PENG style: each benefit as a green, yellow or red bar, the total benefit and the cost below."""

    empty_alt = "Stapeldiagram i PENG-stil: nyttor i grönt, gult och rött mot kostnaden."

    def update(self, result: Peng) -> None:
        ax = self._start()
        valued = [bar for bar in result.bars if bar.value is not None][:12]
        labels = [wrapped(b.label) for b in valued]
        values = [b.value for b in valued]
        colours = [PENG_COLOURS[b.colour] for b in valued]
        labels += ["Nytta totalt", "Kostnad totalt"]
        values += [result.benefit, result.cost]
        colours += ["#00566b", COST_COLOUR]
        self._fig.set_size_inches(self.width, 1.4 + 0.5 * len(values))
        scale, unit = kr_axis(values)
        positions = list(range(len(values)))[::-1]
        ax.barh(positions, values, color=colours, edgecolor=INK, linewidth=0.4)
        ax.set_yticks(positions, labels, fontsize=FONT)
        ax.xaxis.set_major_formatter(_formatter(scale))
        ax.set_xlabel(f"Kronor över perioden ({unit})", fontsize=FONT)
        by = result.by_colour
        kind = "nuvärden" if result.discounted else "summor över perioden, odiskonterat"
        alt = (
            f"Stapeldiagram i PENG-stil ({kind}): grön nytta {fmt.sek(by[btexts.PENG_GREEN])}, "
            f"gul {fmt.sek(by[btexts.PENG_YELLOW])}, röd {fmt.sek(by[btexts.PENG_RED])}; nytta totalt "
            f"{fmt.sek(result.benefit)} mot kostnad {fmt.sek(result.cost)}, nettonytta "
            f"{fmt.sek(result.net_benefit)}."
        )
        self._finish(alt)
