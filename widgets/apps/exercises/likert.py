"""Likert self-assessment (självskattning): one labelled choice per statement, a radar chart of the means.

Each statement is saved as soon as it is answered. The chart is an inline SVG (:mod:`widgets.ui.svg`) whose text
alternative lists every dimension's mean in Swedish."""

from __future__ import annotations

import math
import textwrap

import ipywidgets as w

from ... import fmt
from ...exercises import DimensionScore, Likert, likert_profile, weakest
from ...store import PersonalStore
from ...ui.chart import SvgChart
from ...ui.controls import html, reused
from ...ui.feedback import guarded
from ...ui.html import esc, tag
from ...ui.svg import FONT, GRID, Canvas, Drawing
from ._common import ExerciseBox

PROFILE = "#00566b"  # the participant's profile: the course's accent colour


def profile_alt(likert: Likert, scores: tuple[DimensionScore, ...]) -> str:
    """The chart's text alternative: every dimension's mean, in words."""
    parts = []
    for s in scores:
        if s.mean is None:
            parts.append(f"{s.title}: inte besvarad")
        else:
            parts.append(f"{s.title}: {fmt.number(s.mean, 1)} av {likert.scale_max}")
    return (
        f"Spindeldiagram över din självskattning ({likert.title}). Medelvärde per område – "
        + "; ".join(parts)
        + "."
    )


def profile_chart(likert: Likert, scores: tuple[DimensionScore, ...], alt: str) -> Drawing:
    """A radar chart of the dimension means (unanswered dimensions drawn at the scale's minimum)."""
    size, radius = 640, 150
    cx, cy = size / 2, 235
    canvas = Canvas(size, 470)
    low, high = likert.scale_min, likert.scale_max
    span = (high - low) or 1
    n = len(scores)

    def angle(i: int) -> float:
        return -math.pi / 2 + 2 * math.pi * i / n  # the first dimension at the top, then clockwise

    def point(i: int, value: float) -> tuple[float, float]:
        share = (value - low) / span * 0.85 + 0.15  # the lowest step is a small ring, not a dot
        return cx + radius * share * math.cos(angle(i)), cy + radius * share * math.sin(angle(i))

    for step in range(low, high + 1):
        canvas.polygon([point(i, step) for i in range(n)], "none", GRID)
        canvas.text(cx + 4, point(0, step)[1] - 3, str(step), size=FONT - 3)
    for i, s in enumerate(scores):
        x, y = point(i, high)
        canvas.line(cx, cy, x, y, GRID)
        cos, sin = math.cos(angle(i)), math.sin(angle(i))
        lx, ly = cx + (radius + 16) * cos, cy + (radius + 16) * sin
        lines, line_height = _wrap(s.title).split("\n"), FONT + 2
        if abs(cos) < 0.3:  # above or below the centre: centred, stacked away from the chart
            anchor = "middle"
            first = ly - (len(lines) - 1) * line_height - 2 if sin < 0 else ly + FONT - 2
        else:
            anchor = "start" if cos > 0 else "end"
            first = ly - (len(lines) - 1) * line_height / 2 + FONT * 0.35
        for k, line in enumerate(lines):
            canvas.text(lx, first + k * line_height, line, anchor, size=FONT - 1)
    values = [s.mean if s.mean is not None else low for s in scores]
    outline = [point(i, v) for i, v in enumerate(values)]
    canvas.polygon(outline, PROFILE, PROFILE, fill_opacity="0.2", stroke_width="2.5")
    for x, y in outline:
        canvas.circle(x, y, 4, PROFILE)
    return canvas.drawing(alt)


def suggestions_html(likert: Likert, scores: tuple[DimensionScore, ...]) -> str:
    """Suggestions for the weakest dimensions, once every dimension has an answer (content without
    suggestions shows nothing)."""
    if not any(d.suggestion for d in likert.dimensions) or any(s.mean is None for s in scores):
        return ""
    by_id = {d.id: d for d in likert.dimensions}
    items = [
        tag("li", raw=tag("strong", s.title + ": ") + esc(by_id[s.id].suggestion))
        for s in weakest(scores)
        if by_id[s.id].suggestion
    ]
    if not items:
        return ""
    heading = "Förslag för det område" if len(items) == 1 else "Förslag för de områden"
    return tag("h4", heading + " där du skattar dig lägst") + tag(
        "ul", raw="".join(items), cls="dk-suggestions"
    )


def _wrap(text: str, width: int = 18) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


class LikertWidget(ExerciseBox):
    """Statements grouped by dimension; each a row of labelled toggle buttons."""

    exercise: Likert

    def __init__(self, module: str, exercise: Likert, store: PersonalStore, on_change=None) -> None:
        super().__init__(module, exercise, store, on_change)
        self.controls: dict[str, w.ToggleButtons] = {}  # built when the self-assessment is opened
        self.scores: tuple[DimensionScore, ...] = ()  # the profile shown (empty before any answer)

    def build_body(self) -> list[w.Widget]:
        exercise = self.exercise
        values = range(exercise.scale_min, exercise.scale_max + 1)
        options = [(label, v) for label, v in zip(exercise.labels, values, strict=True)]
        rows: list[w.Widget] = []
        for dimension in exercise.dimensions:
            heading = tag("h4", dimension.title)  # shown with the dimension's first statement: fewer widgets
            for statement in dimension.statements:
                rows.append(html(heading + tag("p", statement.text)))
                heading = ""
                control = w.ToggleButtons(
                    options=options,
                    value=None,
                    description=statement.text,
                    layout=reused("plain"),
                    style=reused("toggles"),
                )
                control.add_class("dk-statement")
                control.observe(self._answered(statement.id), names="value")
                self.controls[statement.id] = control
                rows.append(control)
            if heading:  # a dimension without statements still shows its title
                rows.append(html(heading))
        self.chart = SvgChart(alt="Spindeldiagram över din självskattning")
        self.chart.layout.max_width = "min(100%, 560px)"
        self.chart.layout.display = "none"
        self.summary = html()
        return [*rows, html(tag("h4", "Din profil")), self.summary, self.chart]

    def _answered(self, statement_id: str):
        def on_value(change) -> None:
            if change["new"] is None or change["new"] == self.saved_value(statement_id):
                return  # no answer, or the saved one shown by show()
            if self.record(statement_id, int(change["new"])):
                self.draw()

        return on_value

    def responses(self) -> dict[str, int]:
        return {sid: int(c.value) for sid, c in self.controls.items() if c.value is not None}

    def draw(self) -> None:
        responses = self.responses()
        scores = guarded(self.message, lambda: likert_profile(self.exercise, responses)).value_or(None)
        self.scores = scores if scores and responses else ()
        if not scores or not responses:
            self.summary.value = tag("p", "Svara på påståendena så visas din profil här.", cls="dk-muted")
            self.chart.layout.display = "none"
            return
        alt = profile_alt(self.exercise, scores)
        drawing = guarded(self.message, lambda: profile_chart(self.exercise, scores, alt)).value_or(None)
        rows = "".join(
            tag(
                "li",
                raw=esc(s.title)
                + ": "
                + esc(
                    "inte besvarad"
                    if s.mean is None
                    else f"{fmt.number(s.mean, 1)} av {self.exercise.scale_max}"
                ),
            )
            for s in scores
        )
        self.summary.value = tag("ul", raw=rows) + suggestions_html(self.exercise, scores)
        if drawing:
            self.chart.show(drawing)
            self.chart.layout.display = None

    def show(self, answers) -> None:
        for sid, control in self.controls.items():
            value = self.saved_value(sid)
            control.value = value if isinstance(value, int) and value in control._options_values else None
        self.draw()

    def status_text(self, done: int, total: int) -> str:
        return f"{done} av {total} påståenden besvarade."
