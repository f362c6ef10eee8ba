"""Charts as PNG images with a text alternative that says what the chart shows.

Views render a matplotlib figure to PNG bytes and put them in a :class:`ChartImage`; the template's script turns the
widget's tooltip into the image's ``alt``. matplotlib is imported only when a chart is drawn.
"""

from __future__ import annotations

import base64
import io

import ipywidgets as w
from traitlets import Unicode

#: A 1×1 transparent PNG shown until the first chart is drawn.
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class ChartImage(w.Image):
    """An Image widget whose ``alt`` text travels as its tooltip (ipywidgets has no alt attribute).

    ipywidgets 8.1's view code reads ``description.length`` whenever a tooltip is set, and the Image model has no
    description, so an Image with a tooltip fails to render ("Could not create a view"). The empty synced
    ``description`` below is what it reads.
    """

    description = Unicode("", help="Unused; present so the browser can render an Image with a tooltip.").tag(
        sync=True
    )

    def __init__(self, alt: str = "", **kwargs) -> None:
        # An Image widget with no bytes fails to render in the browser ("Could not create a view"): start blank.
        if not kwargs.get("value"):
            kwargs["value"] = BLANK_PNG
        kwargs.setdefault("format", "png")
        kwargs.setdefault("layout", w.Layout(max_width="100%", height="auto"))
        super().__init__(tooltip=alt or "Diagram", **kwargs)

    @property
    def alt(self) -> str:
        return self.tooltip or ""

    def show(self, png: bytes, alt: str) -> None:
        """Replace the picture and its text alternative together."""
        self.tooltip = alt
        self.value = png


def figure_png(fig, dpi: int = 96, *, tight: bool = True) -> bytes:
    """PNG bytes of a matplotlib figure (Agg), kept small for fast redraws.

    ``tight`` crops to the drawn artists, which costs a second (non-rendering) draw; a chart that is redrawn
    often keeps its layout instead (see ``widgets.apps.nyttokalkyl.charts.Chart``).
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight" if tight else None)
    return buffer.getvalue()


def new_figure(width: float = 7.5, height: float = 3.6):
    """A figure from matplotlib's object API (no pyplot state, Agg canvas)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig
