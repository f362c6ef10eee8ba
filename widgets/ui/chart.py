"""The chart widget: an inline SVG (drawn by :mod:`widgets.ui.svg`) with the text alternative that says what it
shows, and its legend as HTML. No plotting library: a chart is a few kilobytes of text, crisp at any zoom.
"""

from __future__ import annotations

import ipywidgets as w

from .html import tag
from .svg import Drawing


class SvgChart(w.HTML):
    """One SVG chart and its legend; ``alt`` is the chart's text alternative (the SVG's ``aria-label``)."""

    def __init__(self, alt: str = "Diagram") -> None:
        super().__init__()
        self.alt = alt
        self.svg = ""
        self.add_class("dk-svg-chart")

    def show(self, drawing: Drawing) -> None:
        """Replace the chart, its text alternative (inside the SVG) and its legend together.

        The look (size, legend swatches) is in the template's ``digikomp.css``."""
        self.alt, self.svg = drawing.alt, drawing.svg
        self.value = f"<figure>{drawing.svg}{drawing.legend}</figure>"

    def say(self, text: str) -> None:
        """A sentence instead of a chart, when a chart would have nothing to show (no axis of zeros)."""
        self.alt, self.svg = text, ""
        self.value = tag("p", text, cls="dk-chart-empty")
