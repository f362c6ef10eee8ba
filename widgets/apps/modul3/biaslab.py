"""The bias lab (biaslabbet): two sliders drive :func:`widgets.biaslab.run`; a bar chart of selection rates per
group (past decisions, model with the group, model without it) with the model's own Swedish sentences as its
text alternative, and the fairness metrics as a table in Swedish number format.

The lab starts when the participant asks for it ("Starta biaslabbet"): the model needs numpy and trains on a
synthetic data set, which the rest of the module page should not wait for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from ... import fmt
from ...ui.chart import SvgChart
from ...ui.controls import button, html, message, reused
from ...ui.feedback import guarded
from ...ui.html import bullets, table, tag
from ...ui.svg import FONT, Canvas, Drawing, Plot
from ..sections import Section

if TYPE_CHECKING:
    from ... import biaslab

SKEW_LABEL = "Hur stor är skevheten i de gamla besluten?"
PROXY_LABEL = "Hur starkt hänger närståendevariabeln ihop med gruppen?"
SYNTHETIC_NOTE = (
    "Uppgifterna är påhittade (syntetiska) och skapas i kursmiljön varje gång du flyttar ett reglage: inga "
    "verkliga personer finns med. Grupp A och grupp B är lika kvalificerade från början. De gamla besluten "
    "höll tillbaka grupp B så mycket som det första reglaget säger; närståendevariabeln (bostadsområde) "
    "hänger ihop med gruppen så starkt som det andra reglaget säger. Samma inställningar ger alltid samma data."
)
SOURCE = "Källa: kursens egen simulering (widgets/biaslab.py, beskriven i docs/biaslab.md)."
COLORS = ("#00566b", "#b35900")  # group A, group B: also told apart by the letter on each bar


def metrics_rows(result: biaslab.LabResult) -> list[list[str]]:
    rows = []
    for f in (result.history, result.with_group.fairness, result.without_group.fairness):
        a, b = f.groups
        rows.append(
            [
                f.name,
                fmt.percent(a.selection_rate, 0),
                fmt.percent(b.selection_rate, 0),
                fmt.number(100 * f.demographic_parity_difference, 1) + " p.e.",
                fmt.number(100 * f.equal_opportunity_difference, 1) + " p.e.",
            ]
        )
    return rows


def metrics_html(result: biaslab.LabResult) -> str:
    headers = [
        "Beslut",
        "Andel utvalda, grupp A",
        "Andel utvalda, grupp B",
        "Skillnad i andel utvalda (demografisk paritet)",
        "Skillnad bland de kvalificerade (lika möjligheter)",
    ]
    return table(
        headers,
        metrics_rows(result),
        numeric={1, 2, 3, 4},
        caption="Rättvisemått på testdata (p.e. = procentenheter; positivt tal: grupp B missgynnas)",
    )


def selection_chart(result: biaslab.LabResult, alt: str) -> Drawing:
    """Grouped bars: selection rate per group for past decisions and the two models."""
    from ... import biaslab

    series = (result.history, result.with_group.fairness, result.without_group.fairness)
    canvas = Canvas(760, 320)
    plot = Plot(canvas, [0.0, 100.0], lambda v: fmt.percent(v / 100, 0), categories=len(series), top=30)
    canvas.text(4, 16, "Andel utvalda", size=FONT - 1)
    for i, s in enumerate(series):
        for g, colour in enumerate(COLORS):
            rate = s.groups[g].selection_rate
            x, top = plot.bar(i, 100 * rate, colour, width=0.36, offset=(g - 0.5) * 0.4)
            letter = biaslab.GROUPS[g].split()[
                -1
            ]  # "A", "B": the group named on the bar, not by colour alone
            canvas.text(x, top - 6, f"{letter}: {fmt.percent(rate, 0)}", "middle", size=FONT - 1)
    plot.category_labels([s.name for s in series])
    return canvas.drawing(
        alt, [(name, colour, "bar") for name, colour in zip(biaslab.GROUPS, COLORS, strict=True)]
    )


class BiasLab(w.VBox):
    """Sliders for skew and proxy strength (``continuous_update=False``), the chart, sentences and the metrics."""

    def __init__(self, params: biaslab.BiasParams | None = None) -> None:
        from ... import biaslab

        params = params or biaslab.BiasParams()
        slider_style = {"description_width": "initial"}
        self.skew = w.FloatSlider(
            value=params.skew,
            min=0.0,
            max=4.0,
            step=0.25,
            description=SKEW_LABEL,
            continuous_update=False,
            readout_format=".2f",
            style=slider_style,
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.proxy = w.FloatSlider(
            value=params.proxy_strength,
            min=0.0,
            max=0.95,
            step=0.05,
            description=PROXY_LABEL,
            continuous_update=False,
            readout_format=".2f",
            style=slider_style,
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.params = params
        self.chart = SvgChart(alt="Stapeldiagram: andel utvalda per grupp")
        self.sentences = html()
        self.metrics = html()
        self.message = message()
        self.skew.observe(self._on_slider, names="value")
        self.proxy.observe(self._on_slider, names="value")
        super().__init__(
            [
                self.skew,
                self.proxy,
                self.message,
                self.chart,
                self.sentences,
                self.metrics,
                html(tag("p", SOURCE, cls="dk-source")),
            ]
        )
        self.update()

    def _on_slider(self, _change) -> None:
        self.update()

    def update(self) -> None:
        """Run the lab with the sliders' values and redraw."""

        from ... import biaslab

        def run():
            params = biaslab.BiasParams(
                skew=float(self.skew.value),
                proxy_strength=float(self.proxy.value),
                n=self.params.n,
                group_share=self.params.group_share,
                seed=self.params.seed,
            )
            result = biaslab.run(params)
            lines = biaslab.describe(result)
            alt = "Stapeldiagram över andel utvalda per grupp. " + " ".join(lines)
            return result, lines, selection_chart(result, alt)

        out = guarded(self.message, run)
        if not out.ok:
            return
        result, lines, drawing = out.value
        self.chart.show(drawing)
        self.sentences.value = bullets(lines)
        self.metrics.value = metrics_html(result)
        self.result = result


INTRO = (
    tag("h2", "Biaslabbet: lär sig en modell gamla orättvisor?")
    + tag(
        "p",
        "En enkel modell (logistisk regression) tränas på gamla beslut om vilka som valdes ut. Om de gamla "
        "besluten var skeva, lär sig modellen skevheten – och tar man bort gruppen ur uppgifterna kan en "
        "närstående variabel (en proxy, här bostadsområde) bära den vidare. Starta labbet, flytta reglagen och "
        "se vad som händer.",
    )
    + tag("p", SYNTHETIC_NOTE, cls="dk-muted")
)


class BiasLabSection(Section):
    """The lab's heading and explanation, and "Starta biaslabbet" (:attr:`start`), which builds the lab
    (:attr:`lab`, None until then: numpy is imported only when asked for) in the button's place."""

    def __init__(self) -> None:
        self.start = button(
            "Starta biaslabbet", "Skapa data och träna modellen (tar någon sekund)", button_style="primary"
        )
        self.lab: BiasLab | None = None
        self._holder = w.VBox([self.start], layout=reused("plain"))
        super().__init__(html(INTRO), self._holder)
        self.start.on_click(lambda _: self._start())

    def _start(self) -> None:
        self.lab = BiasLab()
        self._holder.children = [self.lab]
        self.lab.skew.focus()  # the button is gone: keyboard focus goes to the lab's first control


def biaslab_section() -> BiasLabSection:
    return BiasLabSection()
