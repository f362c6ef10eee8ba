"""The PESTEL builder: add factors per category with likelihood and impact, see them in a 2×2 priority chart
(inline SVG with its text alternative and the same list in words), remove them, export to Word.

The whole list is saved as one answer each time it changes (item id = exercise id). With ``group_board`` in the
content and the course's JupyterHub, each factor gets "Lägg på gruppens tavla" and the group's board is shown
below (:class:`~widgets.apps.groupwork.GroupBoard`, board id = exercise id); elsewhere nothing of it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from ... import exercises as ex
from ...exercises import Scan
from ...exercises import scan as model
from ...store import PersonalStore
from ...ui.chart import SvgChart
from ...ui.controls import button, html, message, reused
from ...ui.download import DownloadLink
from ...ui.feedback import Message, guarded
from ...ui.html import esc, tag
from ._common import ExerciseBox
from .canvas import DOCX, _field

if TYPE_CHECKING:
    from ..groupwork import GroupBoard


class ScanWidget(ExerciseBox):
    """The form, the factors with "Ta bort", the chart and the Word download."""

    exercise: Scan

    def __init__(
        self, module: str, exercise: Scan, store: PersonalStore, on_change=None, shared: object | None = None
    ) -> None:
        super().__init__(module, exercise, store, on_change)
        self.items: list[model.Factor] = []
        self.shared = shared
        self.board: GroupBoard | None = None  # on the hub, when the content asks for a board

    def build_body(self) -> list[w.Widget]:
        scan = self.exercise
        hints = "".join(
            tag("li", raw=tag("strong", c.title) + (": " + esc(c.hint) if c.hint else ""))
            for c in scan.categories
        )
        ratings = [("Välj", None)] + [(f"{i} – {label}", i) for i, label in enumerate(scan.labels, 1)]
        self.category = _field(
            w.Dropdown(
                description="Kategori",
                options=[("Välj kategori", None)] + [(c.title, c.id) for c in scan.categories],
                value=None,
                layout=w.Layout(width="100%", max_width="28em"),
            )
        )
        self.text = _field(w.Text(description="Faktor", layout=w.Layout(width="100%")))
        self.likelihood = _field(
            w.Dropdown(
                description="Sannolikhet", options=ratings, value=None, layout=w.Layout(max_width="28em")
            )
        )
        self.impact = _field(
            w.Dropdown(description="Påverkan", options=ratings, value=None, layout=w.Layout(max_width="28em"))
        )
        self.add = button("Lägg till faktor", button_style="primary")
        self.add.on_click(lambda _: self.add_factor())
        self.form_message: Message = message()
        self.list = w.VBox(layout=reused("plain"))
        self.summary = html()
        self.chart = SvgChart(alt="Prioriteringsdiagram")
        self.chart.layout.max_width = "min(100%, 560px)"
        self.word = button("Skapa Word-dokument")
        self.word.on_click(lambda _: self.make_docx())
        self.download = DownloadLink(layout=reused("plain"))
        return [
            html(tag("h4", "Kategorierna") + tag("ul", raw=hints) + tag("h4", "Lägg till en faktor")),
            self.category,
            self.text,
            self.likelihood,
            self.impact,
            self.add,
            self.form_message,
            html(tag("h4", "Dina faktorer")),
            self.list,
            html(tag("h4", "Prioriteringsdiagram")),
            self.summary,
            self.chart,
            self.word,
            self.download,
            *self._board_parts(),
        ]

    def _board_parts(self) -> list[w.Widget]:
        from ..groupwork.board import exercise_board  # the group tools import this package

        self.board = exercise_board(
            self.exercise,
            self.shared,
            "Lägg dina faktorer på gruppens tavla med knappen vid varje faktor, eller skriv en lapp här.",
        )
        return [self.board] if self.board is not None else []

    def load(self) -> None:
        super().load()
        if self.board is not None:
            self.board.load()

    def post_to_board(self, factor: model.Factor) -> None:
        """ "Lägg på gruppens tavla": the factor with its category and ratings as a note."""
        if self.board is None:
            return
        scan = self.exercise
        note = self.board.post(
            f"{scan.category(factor.category).title}: {factor.text} (sannolikhet "
            f"{model.rating_text(scan, factor.likelihood)}, påverkan {model.rating_text(scan, factor.impact)})"
        )
        if note is not None:
            self.form_message.ok(f"Faktorn ”{factor.text}” ligger nu på gruppens tavla längre ned.")

    # --- changing the list ---------------------------------------------------------------------------------------

    def add_factor(self) -> None:
        parsed = guarded(
            self.form_message,
            lambda: model.parse_factor(
                self.exercise,
                model.next_id(self.items),
                self.category.value,
                self.text.value,
                self.likelihood.value,
                self.impact.value,
            ),
        )
        if not parsed.ok:
            return
        factor = parsed.value
        if self._save([*self.items, factor]):
            self.text.value = ""
            self.likelihood.value = self.impact.value = None
            self.form_message.ok(f"Faktorn ”{factor.text}” är tillagd.")

    def remove(self, factor_id: int) -> None:
        gone = next((f for f in self.items if f.id == factor_id), None)
        if gone is not None and self._save([f for f in self.items if f.id != factor_id]):
            self.form_message.ok(f"Faktorn ”{gone.text}” är borttagen.")

    def _save(self, items: list[model.Factor]) -> bool:
        if not self.record(self.exercise.id, model.encode(items)):
            return False
        self.items = items
        self.draw()
        return True

    # --- showing -------------------------------------------------------------------------------------------------

    def show(self, answers) -> None:
        stored = answers.get((self.exercise.id, self.exercise.id))
        self.items = model.factors(self.exercise, getattr(stored, "value", None))
        self.draw()

    def _row(self, number: int, f: model.Factor) -> w.Widget:
        scan = self.exercise
        text = tag(
            "p",
            raw=tag("strong", f"{number}. {f.text}")
            + esc(
                f" – {scan.category(f.category).title}; sannolikhet {model.rating_text(scan, f.likelihood)}, "
                f"påverkan {model.rating_text(scan, f.impact)}"
            ),
        )
        remove = button(f"Ta bort: {f.text}", wrap=True)
        remove.on_click(lambda _: self.remove(f.id))
        if self.board is None:
            return w.VBox([html(text), remove], layout=reused("plain"))
        post = button(f"Lägg på gruppens tavla: {f.text}", wrap=True)
        post.on_click(lambda _: self.post_to_board(f))
        return w.VBox(
            [html(text), w.HBox([remove, post], layout=w.Layout(flex_flow="row wrap"))],
            layout=reused("plain"),
        )

    def draw(self) -> None:
        scan, items = self.exercise, self.items
        self.list.children = [self._row(n, f) for n, f in enumerate(items, 1)]
        if not items:
            self.list.children = [html(tag("p", "Inga faktorer ännu.", cls="dk-muted"))]
            self.summary.value = ""
            self.chart.say("Lägg till faktorer så visas de i diagrammet.")
            return
        self.summary.value = "".join(
            tag("p", raw=tag("strong", title))
            + tag("ul", raw="".join(tag("li", f"{n}. {f.text}") for n, f in inside))
            for title, inside in model.by_quadrant(scan, items)
        )
        drawing = guarded(self.message, lambda: model.chart(scan, items))
        if drawing.ok:
            self.chart.show(drawing.value)

    def make_docx(self) -> None:
        def build() -> bytes:
            return model.to_docx(self.exercise, ex.load_module(self.module).title, self.items)

        data = guarded(self.message, build)
        if data.ok:
            self.download.set(
                f"digikomp-{self.exercise.id}.docx", DOCX, data.value, "Ladda ned Word-dokumentet"
            )
            self.message.ok("Word-dokumentet är klart – använd länken nedan.")

    def status_text(self, done: int, total: int) -> str:
        return f"Faktorer i {done} av {total} kategorier."
