"""The app's charts as inline SVG: each draws a model result and says in words what it shows.

A ``*_chart`` function turns a result into a :class:`Drawing` (SVG, text alternative, HTML legend) — pure, so the
report embeds the same pictures; a :class:`Chart` shows its drawing in an :class:`~widgets.ui.chart.SvgChart`.
No plotting library is imported: drawing a chart takes about a millisecond and the kernel stays small.
Colours: Okabe–Ito (distinguishable with colour-vision deficiency); every chart's numbers are also in its text
alternative and in the tables beside it.
"""

from __future__ import annotations

import textwrap

from ... import fmt
from ...benefit import MonteCarlo, Peng, Result, Tornado
from ...benefit import texts as btexts
from ...benefit.report import payback_text
from ...ui.chart import SvgChart
from ...ui.svg import FONT, INK, Canvas, Drawing, Plot, Scale, rows_height

WIDTH = 760
CATEGORY_COLOURS = {
    "finansiell": "#0072B2",
    "omfördelning": "#E69F00",
    "kvalitet": "#009E73",
    "miljö": "#CC79A7",
}
PENG_COLOURS = {btexts.PENG_GREEN: "#2e7d32", btexts.PENG_YELLOW: "#f2c200", btexts.PENG_RED: "#c62828"}
COST_COLOUR = "#5a6270"
TOTAL_COLOUR = "#00566b"
BAR_COLOUR = "#9ab7d3"
POSITIVE, NEGATIVE = "#0072B2", "#D55E00"


def kr_axis(values) -> tuple[float, str]:
    """Scale and unit for an axis: ``mnkr`` above a million, ``tkr`` above ten thousand, else ``kr``."""
    biggest = max((abs(v) for v in values), default=0.0)
    if biggest >= 1e6:
        return 1e6, "mnkr"
    if biggest >= 1e4:
        return 1e3, "tkr"
    return 1.0, "kr"


def _ticks(scale: float):
    decimals = 1 if scale >= 1e6 else 0
    return lambda v: fmt.number(v / scale, decimals)


def shortened(label: str, width: int = 70) -> str:
    """A long label shortened to one line above its bar (the full text is in the text alternative)."""
    return textwrap.shorten(label, width, placeholder=" …")


def _every(count: int) -> int:
    return 1 if count <= 12 else max(1, count // 10)


def cumulative_chart(result: Result) -> Drawing:
    """Present value per year (bars) and cumulative present value (line) with the discounted payback point."""
    years = [str(row.calendar_year) for row in result.rows]
    yearly = [row.present_value for row in result.rows]
    cumulative = [row.cumulative_present_value for row in result.rows]
    scale, unit = kr_axis(yearly + cumulative)
    canvas = Canvas(WIDTH, 330)
    plot = Plot(canvas, yearly + cumulative, _ticks(scale), categories=len(years), top=26)
    canvas.text(4, 16, unit, size=FONT - 1)
    for i, value in enumerate(yearly):
        plot.bar(i, value, BAR_COLOUR)
    plot.line(cumulative)
    plot.category_labels(years, _every(len(years)))
    payback = result.discounted_payback_year
    if payback is not None:
        x, y = plot.centre(payback), plot.value(cumulative[payback])
        canvas.circle(x, y, 10, "none", stroke=NEGATIVE, stroke_width=3)
        right_half = payback > (len(years) - 1) / 2
        note_x = x - 14 if right_half else x + 14
        canvas.text(note_x, y + 24, f"Återbetalt {years[payback]}", "end" if right_half else "start",
                    font_weight="bold", paint_order="stroke", stroke="#fff", stroke_width=4)  # fmt: skip
    first, last = result.rows[0], result.rows[-1]
    alt = (
        f"Linjediagram: ackumulerat nuvärde per år för {result.alternative}, "
        f"från {fmt.sek(first.cumulative_present_value)} år {first.calendar_year} "
        f"till {fmt.sek(last.cumulative_present_value)} år {last.calendar_year}. "
        f"Diskonterat återbetalningsår: {payback_text(result, discounted=True)}."
    )
    legend = [("Nuvärde per år", BAR_COLOUR, "bar"), ("Ackumulerat nuvärde", INK, "line")]
    if payback is not None:
        legend.append(("Diskonterat återbetalningsår", NEGATIVE, "ring"))
    return canvas.drawing(alt, legend)


def benefits_chart(result: Result) -> Drawing:
    """Benefits per year stacked by category, the year's costs as a line."""
    years = [str(row.calendar_year) for row in result.rows]
    costs = [row.costs for row in result.rows]
    totals = {c: sum(row.benefits_by_category[c] for row in result.rows) for c in btexts.CATEGORIES}
    shown = [c for c in btexts.CATEGORIES if totals[c] > 0]
    scale, unit = kr_axis([row.benefits for row in result.rows] + costs)
    canvas = Canvas(WIDTH, 330)
    plot = Plot(canvas, [row.benefits for row in result.rows] + costs, _ticks(scale), categories=len(years),
                top=26)  # fmt: skip
    canvas.text(4, 16, unit, size=FONT - 1)
    for i, row in enumerate(result.rows):
        base = 0.0
        for category in shown:
            value = row.benefits_by_category[category]
            if value > 0:
                plot.bar(i, value, CATEGORY_COLOURS[category], base=base)
                base += value
    plot.line(costs, INK, marker="square")
    plot.category_labels(years, _every(len(years)))
    parts = [f"{category} {fmt.sek(totals[category])}" for category in shown]
    benefit_text = ", ".join(parts) if parts else "inga nyttor i pengar"
    alt = (
        f"Stapeldiagram: nyttor per år {years[0]}–{years[-1]} staplade efter kategori, "
        f"med kostnaderna som linje. Summa över perioden: {benefit_text}; "
        f"kostnader {fmt.sek(sum(costs))}."
    )
    legend = [(f"Nytta: {c}", CATEGORY_COLOURS[c], "bar") for c in shown] + [("Kostnader", INK, "line")]
    return canvas.drawing(alt, legend)


def tornado_chart(result: Tornado, limit: int = 10) -> Drawing:
    """Each uncertain input swept low → high (others at likely): NPV at either end, largest swing on top."""
    bars = list(result.bars[:limit])
    if not bars:
        alt = "Tornadodiagram utan staplar: kalkylen har inga osäkra poster (lågt = högt värde)."
        canvas = Canvas(WIDTH, 60)
        text = "Inga osäkra poster ännu – ange lågt och högt värde för en post."
        canvas.text(WIDTH / 2, 34, text, "middle", size=FONT + 1)
        return canvas.drawing(alt)
    base = result.base_npv
    values = [b.npv_low for b in bars] + [b.npv_high for b in bars] + [base]
    scale, unit = kr_axis(values)
    canvas = Canvas(WIDTH, rows_height(len(bars)))
    plot = Plot(canvas, values, _ticks(scale), categories=len(bars), horizontal=True)
    for i, bar in enumerate(bars):
        plot.hbar(i, base, bar.npv_low, NEGATIVE, label=shortened(bar.label))
        plot.hbar(i, base, bar.npv_high, POSITIVE)
    x = plot.value(base)
    canvas.line(x, plot.top, x, plot.bottom, INK, 1.6)
    canvas.text(WIDTH - 18, canvas.height - 4, f"Nettonuvärde ({unit})", "end")
    top = "; ".join(
        f"{b.label}: från {fmt.sek(b.npv_low)} till {fmt.sek(b.npv_high)}" for b in result.bars[:3]
    )
    alt = (
        f"Tornadodiagram: nettonuvärdet när varje osäker post går från lågt till högt värde, de andra på "
        f"troligt värde ({fmt.sek(base)}). Störst påverkan: {top}."
    )
    legend = [("Lågt värde", NEGATIVE, "bar"), ("Högt värde", POSITIVE, "bar"),
              (f"Alla på troligt värde: {fmt.sek(base)}", INK, "line")]  # fmt: skip
    return canvas.drawing(alt, legend)


def monte_carlo_chart(result: MonteCarlo, bins: int = 40) -> Drawing:
    """Histogram of the simulated NPV, losses and gains in two colours, with P10/P50/P90 marked."""
    counts, edges = result.histogram(bins)
    scale, unit = kr_axis([edges[0], edges[-1]])
    canvas = Canvas(WIDTH, 330)
    plot = Plot(canvas, [float(c) for c in counts], fmt.number, categories=len(counts), top=34)
    canvas.text(4, 16, "Antal utfall", size=FONT - 1)
    for i, count in enumerate(counts):
        centre = (edges[i] + edges[i + 1]) / 2
        plot.bar(i, float(count), POSITIVE if centre > 0 else NEGATIVE, width=0.92)
    x_of = Scale(float(edges[0]), float(edges[-1]), plot.left, plot.right)  # NPV → x across the bins
    for name, value, dash in (
        ("P10", result.p10, "5 4"),
        ("P50", result.p50, ""),
        ("P90", result.p90, "5 4"),
    ):
        x = x_of(value)
        attrs = {"stroke_dasharray": dash} if dash else {}
        canvas.line(x, plot.top, x, plot.bottom, INK, 2, **attrs)
        canvas.text(x + 4, plot.top - 6, name, font_weight="bold")
    for value in (float(edges[0]), float(edges[-1])):
        anchor = "start" if value == float(edges[0]) else "end"
        canvas.text(x_of(value), plot.bottom + FONT + 6, f"{fmt.number(value / scale, 1)} {unit}", anchor)
    canvas.text(WIDTH / 2, plot.bottom + FONT + 6, "Nettonuvärde", "middle")
    alt = (
        f"Histogram: nettonuvärdet i {fmt.number(result.draws)} simuleringar "
        f"({btexts.DISTRIBUTION_LABELS[result.distribution]}). "
        f"Sannolikheten att nettonuvärdet är större än noll: {fmt.percent(result.p_npv_positive)}. "
        f"P10 {fmt.sek(result.p10)}, P50 {fmt.sek(result.p50)}, P90 {fmt.sek(result.p90)}."
    )
    legend = [("Nettonuvärde under noll", NEGATIVE, "bar"), ("Nettonuvärde över noll", POSITIVE, "bar"),
              ("P10, P50 (heldragen) och P90", INK, "line")]  # fmt: skip
    return canvas.drawing(alt, legend)


def peng_chart(result: Peng, limit: int = 12) -> Drawing:
    """PENG style: each benefit as a green, yellow or red bar, then the total benefit and the cost."""
    valued = [bar for bar in result.bars if bar.value is not None][:limit]
    rows = [(shortened(b.label), b.value, PENG_COLOURS[b.colour]) for b in valued]
    rows += [("Nytta totalt", result.benefit, TOTAL_COLOUR), ("Kostnad totalt", result.cost, COST_COLOUR)]
    values = [value for _, value, _ in rows]
    scale, unit = kr_axis(values)
    canvas = Canvas(WIDTH, rows_height(len(rows)))
    plot = Plot(canvas, values, _ticks(scale), categories=len(rows), horizontal=True)
    for i, (label, value, colour) in enumerate(rows):
        plot.hbar(i, 0.0, value, colour, label=f"{label}: {fmt.sek(value)}")
    kind = "nuvärden" if result.discounted else "summor över perioden, odiskonterat"
    canvas.text(WIDTH - 18, canvas.height - 4, f"Kronor ({unit}, {kind})", "end")
    by = result.by_colour
    alt = (
        f"Stapeldiagram i PENG-stil ({kind}): grön nytta {fmt.sek(by[btexts.PENG_GREEN])}, "
        f"gul {fmt.sek(by[btexts.PENG_YELLOW])}, röd {fmt.sek(by[btexts.PENG_RED])}; nytta totalt "
        f"{fmt.sek(result.benefit)} mot kostnad {fmt.sek(result.cost)}, nettonytta "
        f"{fmt.sek(result.net_benefit)}."
    )
    legend = [(f"{btexts.cap(colour)} nytta", PENG_COLOURS[colour], "bar") for colour in PENG_COLOURS]
    legend += [("Nytta totalt", TOTAL_COLOUR, "bar"), ("Kostnad totalt", COST_COLOUR, "bar")]
    return canvas.drawing(alt, legend)


class Chart:
    """One chart on the page: ``update(result)`` shows what the subclass's ``draw`` makes of it."""

    empty_alt = "Diagram"

    @staticmethod
    def draw(result) -> Drawing:
        raise NotImplementedError

    def __init__(self) -> None:
        self.widget = SvgChart(alt=self.empty_alt)

    def update(self, result) -> None:
        self.widget.show(self.draw(result))


class CumulativeChart(Chart):
    empty_alt = "Linjediagram över ackumulerat nuvärde per år."
    draw = staticmethod(cumulative_chart)


class BenefitsChart(Chart):
    empty_alt = "Stapeldiagram över nyttor per år efter kategori."
    draw = staticmethod(benefits_chart)


class TornadoChart(Chart):
    empty_alt = "Tornadodiagram över hur nettonuvärdet beror på de osäkra posterna."
    draw = staticmethod(tornado_chart)


class MonteCarloChart(Chart):
    empty_alt = "Histogram över nettonuvärdet i Monte Carlo-simuleringen."
    draw = staticmethod(monte_carlo_chart)


class PengChart(Chart):
    empty_alt = "Stapeldiagram i PENG-stil: nyttor i grönt, gult och rött mot kostnaden."
    draw = staticmethod(peng_chart)
