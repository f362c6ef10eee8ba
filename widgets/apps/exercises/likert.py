"""Likert self-assessment (självskattning): one labelled choice per statement, a radar chart of the means.

Each statement is saved as soon as it is answered. The chart is a PNG (matplotlib, imported only when drawn)
whose text alternative lists every dimension's mean in Swedish."""

from __future__ import annotations

import math

import ipywidgets as w

from ... import fmt
from ...exercises import DimensionScore, Likert, likert_profile
from ...store import PersonalStore
from ...ui.chart import ChartImage, figure_png, new_figure
from ...ui.feedback import guarded
from ...ui.html import esc, tag
from ._common import ExerciseBox


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


def profile_png(likert: Likert, scores: tuple[DimensionScore, ...]) -> bytes:
    """A radar chart of the dimension means (unanswered dimensions drawn at the scale's minimum)."""
    fig = new_figure(5.0, 4.2)
    ax = fig.add_subplot(projection="polar")
    n = len(scores)
    angles = [2 * math.pi * i / n for i in range(n)]
    values = [s.mean if s.mean is not None else likert.scale_min for s in scores]
    ax.plot(angles + angles[:1], values + values[:1], color="#00566b", linewidth=2)
    ax.fill(angles + angles[:1], values + values[:1], color="#00566b", alpha=0.2)
    ax.set_xticks(angles)
    ax.set_xticklabels([_wrap(s.title) for s in scores], fontsize=9)
    ax.set_ylim(likert.scale_min - 0.5 if likert.scale_min > 0 else likert.scale_min, likert.scale_max)
    ax.set_yticks(range(likert.scale_min, likert.scale_max + 1))
    ax.set_title(likert.title, fontsize=11)
    return figure_png(fig)


def _wrap(text: str, width: int = 18) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


class LikertWidget(ExerciseBox):
    """Statements grouped by dimension; each a row of labelled toggle buttons."""

    exercise: Likert

    def __init__(self, module: str, exercise: Likert, store: PersonalStore, on_change=None) -> None:
        super().__init__(module, exercise, store, on_change)
        self._loading = False
        self.controls: dict[str, w.ToggleButtons] = {}
        values = range(exercise.scale_min, exercise.scale_max + 1)
        options = [(label, v) for label, v in zip(exercise.labels, values, strict=True)]
        rows: list[w.Widget] = []
        for dimension in exercise.dimensions:
            rows.append(w.HTML(tag("h4", dimension.title)))
            for statement in dimension.statements:
                rows.append(w.HTML(tag("p", statement.text)))
                control = w.ToggleButtons(options=options, value=None, description=statement.text)
                control.add_class("dk-statement")
                control.observe(self._answered(statement.id), names="value")
                self.controls[statement.id] = control
                rows.append(control)
        self.chart = ChartImage(
            alt="Spindeldiagram över din självskattning",
            layout=w.Layout(max_width="min(100%, 560px)", height="auto"),
        )
        self.chart.layout.display = "none"
        self.summary = w.HTML()
        self.body.children = [*rows, w.HTML(tag("h4", "Din profil")), self.summary, self.chart]

    def _answered(self, statement_id: str):
        def on_value(change) -> None:
            if self._loading or change["new"] is None:
                return
            if self.record(statement_id, int(change["new"])) is not None:
                self.draw()

        return on_value

    def responses(self) -> dict[str, int]:
        return {sid: int(c.value) for sid, c in self.controls.items() if c.value is not None}

    def draw(self) -> None:
        responses = self.responses()
        scores = guarded(self.message, lambda: likert_profile(self.exercise, responses))
        if not scores or not responses:
            self.summary.value = tag("p", "Svara på påståendena så visas din profil här.", cls="dk-muted")
            self.chart.layout.display = "none"
            return
        alt = profile_alt(self.exercise, scores)
        png = guarded(self.message, lambda: profile_png(self.exercise, scores))
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
        self.summary.value = tag("ul", raw=rows)
        if png:
            self.chart.show(png, alt)
            self.chart.layout.display = None

    def show(self, answers) -> None:
        self._loading = True
        try:
            for sid, control in self.controls.items():
                stored = answers.get((self.exercise.id, sid))
                value = stored.value if stored is not None else None
                control.value = value if isinstance(value, int) and value in control._options_values else None
        finally:
            self._loading = False
        self.draw()

    def status_text(self, done: int, total: int) -> str:
        return f"{done} av {total} påståenden besvarade."
