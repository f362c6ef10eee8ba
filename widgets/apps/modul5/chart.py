"""The klimatkalkyl's chart as inline SVG: one row per line of the result, a bar to the likely value and a
whisker from low to high, with a text alternative that gives every number. Pure: returns a :class:`Drawing`."""

from __future__ import annotations

from ...climate import Result
from ...climate.report import kg, rows
from ...ui.svg import FONT, INK, Canvas, Drawing, Plot, rows_height

WIDTH = 760
PHYSICAL, DIGITAL = "#D55E00", "#0072B2"  # Okabe–Ito: distinguishable with colour-vision deficiency


def _axis(values: list[float]) -> tuple[float, str]:
    biggest = max((abs(v) for v in values), default=0.0)
    return (1000.0, "ton") if biggest >= 10_000 else (1.0, "kg")


def climate_chart(result: Result) -> Drawing:
    lines = rows(result)
    scale, unit = _axis([r.high for _, r in lines])
    values = [v / scale for _, r in lines for v in (r.low, r.likely, r.high)]
    canvas = Canvas(WIDTH, rows_height(len(lines)))

    def tick(v: float) -> str:
        from ... import fmt

        return fmt.number(v, 0 if float(v).is_integer() else 1)

    plot = Plot(canvas, values, tick, categories=len(lines), horizontal=True)
    for i, (label, r) in enumerate(lines):
        colour = PHYSICAL if i == 0 or (label.startswith("Enheter med nuvarande")) else DIGITAL
        plot.hbar(i, 0.0, r.likely / scale, colour, label=f"{label}: {kg(r.likely)}")
        if r.low < r.high:
            y = plot.row_top(i) + FONT + 6 + (46 - FONT - 14) / 2
            x0, x1 = plot.value(r.low / scale), plot.value(r.high / scale)
            canvas.line(x0, y, x1, y, INK, 2)
            for x in (x0, x1):
                canvas.line(x, y - 7, x, y + 7, INK, 2)
    canvas.text(WIDTH - 18, canvas.height - 4, f"CO2e per år ({unit})", "end")
    described = "; ".join(
        f"{label}: {kg(r.likely)}" + (f" (lågt {kg(r.low)}, högt {kg(r.high)})" if r.low < r.high else "")
        for label, r in lines
    )
    s = result.saving
    alt = (
        f"Stapeldiagram, kilogram CO2e per år, troligt värde som stapel och spannet lågt–högt som linje. {described}. "
        f"Minskning per år totalt: {kg(s.likely)} (lågt {kg(s.low)}, högt {kg(s.high)})."
    )
    legend = [
        ("Dagens sätt (resor, nuvarande livslängd)", PHYSICAL, "bar"),
        ("Det digitala eller längre valet", DIGITAL, "bar"),
        ("Spannet från lågt till högt värde", INK, "line"),
    ]
    return canvas.drawing(alt, legend)
