"""The chart widget: an inline SVG (drawn by :mod:`widgets.ui.svg`) with the text alternative that says what it
shows, and its legend as HTML. No plotting library: a chart is a few kilobytes of text, crisp at any zoom.
"""

from __future__ import annotations

import ipywidgets as w

SVG_STYLE = """<style>
.dk-svg-chart figure { margin: 0.5em 0 1em; }
.dk-svg-chart svg { display: block; width: 100%; max-width: 58rem; height: auto; }
.dk-legend { list-style: none; display: flex; flex-wrap: wrap; gap: 0.3em 1.4em; padding: 0; margin: 0.3em 0 0; }
.dk-legend li { display: flex; align-items: center; gap: 0.45em; }
.dk-swatch { display: inline-block; width: 1.1em; height: 0.8em; background: var(--dk-swatch); }
.dk-swatch-line { height: 0.25em; }
.dk-swatch-ring { width: 0.8em; border-radius: 50%; background: none; border: 0.2em solid var(--dk-swatch); }
</style>"""


class SvgChart(w.HTML):
    """One SVG chart and its legend; ``alt`` is the chart's text alternative (the SVG's ``aria-label``)."""

    def __init__(self, alt: str = "Diagram") -> None:
        super().__init__()
        self.alt = alt
        self.svg = ""
        self.add_class("dk-svg-chart")

    def show(self, svg: str, alt: str, legend: str = "") -> None:
        """Replace the chart, its text alternative (already inside ``svg``) and its legend together."""
        self.alt, self.svg = alt, svg
        self.value = SVG_STYLE + f"<figure>{svg}{legend}</figure>"
