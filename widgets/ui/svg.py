"""Charts as inline SVG: a few kilobytes of text, crisp at any zoom, no plotting library in the kernel.

A chart is an ``<svg role="img">`` whose ``aria-label`` is the chart's text alternative, with an HTML legend below
it (legends wrap with the page and are read as text); :class:`widgets.ui.chart.SvgChart` shows both. Every string
that goes into the markup is escaped here, and every colour, anchor and legend shape is checked against a strict
pattern (:func:`colour`), so no value can leave its attribute. No widgets here: the same drawings go into reports.

:class:`Plot` maps data to pixels with two linear :class:`Scale` objects and draws the usual parts — gridlines
with formatted tick labels, bars, lines, markers, notes — so a chart module only says what to draw.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape

INK = "#1b1f24"
GRID = "#d5dae0"
ZERO = "#6b737c"  # the zero line: visible, but not to be taken for a data line
FONT = 14  # px in the SVG's own units; the SVG scales with the page (presentation mode)
CHAR_WIDTH = 0.56  # an average glyph's width in em, for laying out tick labels
ROW_HEIGHT, ROWS_TOP, ROWS_BOTTOM = 46, 14, 40  # horizontal plots: one row per bar, its label above it
SHAPE_WORDS = {"bar": "stapel", "line": "linje", "ring": "ring"}


_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|none|[a-z]{3,20}")
ANCHORS = ("start", "middle", "end")


def colour(value: str) -> str:
    """``value`` when it is a hex colour (``#rgb``, ``#rrggbb``, with alpha), ``none`` or a CSS colour name;
    anything else (a quote, a semicolon, ``url(…)``) raises ValueError: a drawing never carries it."""
    if not isinstance(value, str) or not _COLOUR.fullmatch(value):
        raise ValueError(f"Not a colour for an SVG drawing: {value!r}")
    return value


def _anchor(value: str) -> str:
    if value not in ANCHORS:
        raise ValueError(f"Not a text anchor: {value!r} (one of {', '.join(ANCHORS)})")
    return value


def rows_height(rows: int) -> int:
    """The canvas height a horizontal :class:`Plot` of ``rows`` bars needs."""
    return ROWS_TOP + ROW_HEIGHT * rows + ROWS_BOTTOM


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values (1, 2, 2.5 or 5 × 10ⁿ apart) covering ``low``…``high``."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0]
    if high < low:
        low, high = high, low
    if high - low <= 1e-9 * max(abs(low), abs(high), 1.0):  # one value (or nearly): show it with room around
        middle = (low + high) / 2
        pad = max(abs(middle) * 0.5, 1.0)
        low, high = middle - pad, middle + pad
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step  # never above low: an extra tick beats a cut bar
    ticks = [start]
    while ticks[-1] < high - 1e-9 * abs(high):
        ticks.append(start + len(ticks) * step)
    if len(ticks) == 1:
        ticks.append(start + step)
    return [0.0 if abs(t) < step * 1e-9 else float(f"{t:.12g}") for t in ticks]  # no 0.24000000000000002


class Scale:
    """A linear map from data values (``lo``…``hi``) to pixels (``start``…``end``)."""

    def __init__(self, lo: float, hi: float, start: float, end: float) -> None:
        self.lo, self.hi, self.start, self.end = lo, hi, start, end

    def __call__(self, value: float) -> float:
        span = self.hi - self.lo or 1.0
        return self.start + (value - self.lo) / span * (self.end - self.start)


class Canvas:
    """SVG elements in drawing order; :meth:`svg` wraps them with the text alternative."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.parts: list[str] = []

    def rect(self, x: float, y: float, width: float, height: float, fill: str, **attrs) -> None:
        if width < 0:
            x, width = x + width, -width
        if height < 0:
            y, height = y + height, -height
        self.parts.append(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}" '
            f'fill="{colour(fill)}"{_attrs(attrs)}/>'
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = INK, width: float = 1, **attrs):
        self.parts.append(
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" stroke="{colour(stroke)}" '
            f'stroke-width="{_num(width)}"{_attrs(attrs)}/>'
        )

    def polyline(self, points: Iterable[tuple[float, float]], stroke: str = INK, width: float = 2.5) -> None:
        coords = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
        self.parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour(stroke)}" stroke-width="{_num(width)}" '
            'stroke-linejoin="round"/>'
        )

    def polygon(self, points: Iterable[tuple[float, float]], fill: str, stroke: str = INK, **attrs) -> None:
        coords = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
        self.parts.append(
            f'<polygon points="{coords}" fill="{colour(fill)}" stroke="{colour(stroke)}"{_attrs(attrs)}/>'
        )

    def circle(self, x: float, y: float, r: float, fill: str = INK, **attrs) -> None:
        self.parts.append(
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{colour(fill)}"{_attrs(attrs)}/>'
        )

    def square(self, x: float, y: float, size: float, fill: str = INK) -> None:
        self.rect(x - size / 2, y - size / 2, size, size, fill)

    def text(self, x: float, y: float, text: str, anchor: str = "start", size: int = FONT, **attrs) -> None:
        self.parts.append(
            f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" text-anchor="{_anchor(anchor)}" fill="{INK}"'
            f"{_attrs(attrs)}>{escape(text)}</text>"
        )

    def drawing(self, alt: str, legend: Iterable[tuple[str, str, str]] = ()) -> Drawing:
        """What was drawn, with its text alternative and legend entries ``(label, colour, shape)``."""
        return Drawing(self.svg(alt), alt, tuple(legend))

    def svg(self, alt: str) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" role="img" '
            f'aria-label="{escape(alt)}" font-family="DejaVu Sans, Verdana, Arial, sans-serif" '
            f'class="dk-svg">{"".join(self.parts)}</svg>'
        )


def _attrs(attrs: dict) -> str:
    return "".join(f' {key.replace("_", "-")}="{escape(str(value))}"' for key, value in attrs.items())


def text_width(text: str, size: int = FONT) -> float:
    """An estimate of a label's width in pixels (no font metrics in the kernel)."""
    return len(text) * size * CHAR_WIDTH


class Plot:
    """A plotting area inside a :class:`Canvas`: value axis with gridlines, and helpers that draw in data units.

    ``horizontal=False``: categories along x, values up the y axis. ``horizontal=True``: values along x and
    one row per category, its label written above its bar (long Swedish labels never need cutting).
    """

    def __init__(
        self,
        canvas: Canvas,
        values: Sequence[float],
        tick_label: Callable[[float], str],
        *,
        categories: int,
        horizontal: bool = False,
        left: float | None = None,
        top: float = ROWS_TOP,
        right: float = 18,
        bottom: float | None = None,
    ) -> None:
        self.canvas = canvas
        self.horizontal = horizontal
        finite = [v for v in values if math.isfinite(v)] or [0.0]
        self.ticks = nice_ticks(min(*finite, 0.0), max(*finite, 0.0))
        labels = [tick_label(t) for t in self.ticks]
        if left is None:
            left = 14 if horizontal else 12 + max(text_width(label) for label in labels)
        if bottom is None:
            bottom = ROWS_BOTTOM if horizontal else 34
        self.left, self.top = left, top
        self.right, self.bottom = canvas.width - right, canvas.height - bottom
        lo, hi = self.ticks[0], self.ticks[-1]
        if horizontal:
            self.value = Scale(lo, hi, self.left, self.right)
        else:
            self.value = Scale(lo, hi, self.bottom, self.top)
            self.slot = (self.right - self.left) / max(categories, 1)
        self._grid(labels)

    def _grid(self, labels: list[str]) -> None:
        c = self.canvas
        for tick, label in zip(self.ticks, labels, strict=True):
            p = self.value(tick)
            colour, width = (ZERO, 1.2) if tick == 0 else (GRID, 1)
            if self.horizontal:
                c.line(p, self.top, p, self.bottom, colour, width)
                c.text(p, self.bottom + FONT + 6, label, "middle")
            else:
                c.line(self.left, p, self.right, p, colour, width)
                c.text(self.left - 6, p + FONT * 0.35, label, "end")

    # vertical plots ---------------------------------------------------------------------------------------

    def centre(self, index: float) -> float:
        """The middle of category ``index`` along the category axis: x on a vertical plot, y (the middle of
        the row's bar) on a horizontal one."""
        if self.horizontal:
            return self.top + index * ROW_HEIGHT + FONT + 6 + (ROW_HEIGHT - FONT - 14) / 2
        return self.left + (index + 0.5) * self.slot

    def bar(
        self,
        index: int,
        value: float,
        colour: str,
        base: float = 0.0,
        width: float = 0.7,
        offset: float = 0.0,
    ) -> tuple[float, float]:
        """A bar in slot ``index`` (``offset`` in slots, for grouped bars); returns its top centre in pixels."""
        x = self.centre(index + offset) - self.slot * width / 2
        top, bottom = self.value(base + value), self.value(base)
        self.canvas.rect(x, top, self.slot * width, bottom - top, colour)
        return x + self.slot * width / 2, min(top, bottom)

    def category_labels(self, labels: Sequence[str], every: int = 1) -> None:
        for i, label in enumerate(labels):
            if i % every == 0:
                self.canvas.text(self.centre(i), self.bottom + FONT + 6, label, "middle")

    def line(self, values: Sequence[float], colour: str = INK, marker: str = "circle") -> None:
        points = [(self.centre(i), self.value(v)) for i, v in enumerate(values)]
        self.canvas.polyline(points, colour)
        for x, y in points:
            if marker == "square":
                self.canvas.square(x, y, 9, colour)
            else:
                self.canvas.circle(x, y, 4.5, colour)

    # horizontal plots -------------------------------------------------------------------------------------

    def row_top(self, index: int) -> float:
        return self.top + index * ROW_HEIGHT

    def hbar(self, index: int, start: float, end: float, colour: str, label: str | None = None) -> None:
        """A bar from ``start`` to ``end`` on row ``index``; ``label`` is written above it."""
        top = self.row_top(index)
        if label is not None:
            self.canvas.text(
                self.left, top + FONT, label, paint_order="stroke", stroke="#fff", stroke_width=4
            )
        x0, x1 = self.value(start), self.value(end)
        self.canvas.rect(x0, top + FONT + 6, x1 - x0, ROW_HEIGHT - FONT - 14, colour)


def legend_html(entries: Iterable[tuple[str, str, str]]) -> str:
    """A legend as an HTML list: ``(label, colour, shape)`` with shape ``bar``, ``line`` or ``ring``."""
    items = []
    for label, paint, shape in entries:
        if shape not in SHAPE_WORDS:
            raise ValueError(f"Not a legend shape: {shape!r} (one of {', '.join(SHAPE_WORDS)})")
        swatch = (
            f'<span class="dk-swatch dk-swatch-{shape}" style="--dk-swatch: {colour(paint)}" '
            'aria-hidden="true"></span>'
        )
        items.append(f"<li>{swatch}{escape(label)}</li>")
    return f'<ul class="dk-legend">{"".join(items)}</ul>' if items else ""


@dataclass(frozen=True)
class Drawing:
    """One chart: the SVG (its ``aria-label`` is ``alt``) and its legend as ``(label, colour, shape)`` entries."""

    svg: str
    alt: str
    entries: tuple[tuple[str, str, str], ...] = ()

    @property
    def legend(self) -> str:
        return legend_html(self.entries)

    @property
    def legend_text(self) -> str:
        return "; ".join(f"{label} ({SHAPE_WORDS[shape]})" for label, _, shape in self.entries)

    def markdown(self, title: str) -> str:
        """The chart as a Markdown image (an SVG data URI) with its text alternative and legend."""
        data = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        alt = self.alt.replace("[", "(").replace("]", ")")
        text = f"### {title}\n\n![{alt}](data:image/svg+xml;base64,{data})\n\n"
        return text + (f"Teckenförklaring: {self.legend_text}.\n\n" if self.entries else "")
