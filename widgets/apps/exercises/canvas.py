"""Worksheets (arbetsblad): free-text fields saved one by one, dated commitments with their own error line,
a digest of the participant's lärlogg and results, and downloads (Word, and .ics reminders).

A field is saved when it loses focus and on "Spara"; a commitment when its text or date changes (a bad date is
said beside it and not saved). The exports are built when asked for, not on every keystroke."""

from __future__ import annotations

import ipywidgets as w

from ... import exercises as ex
from ... import fmt
from ...exercises import Canvas, commitment_item
from ...exercises import worksheet as ws
from ...store import PersonalStore
from ...ui.controls import button, html, message, reused
from ...ui.download import DownloadLink
from ...ui.feedback import Message, guarded
from ...ui.held import held
from ...ui.html import link, tag
from ._common import ExerciseBox

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ICS = "text/calendar"


def _field(control: w.Widget) -> w.Widget:
    control.add_class("dk-field")
    return control


class CommitmentRow(w.VBox):
    """One commitment: what, when, and the message beside them."""

    def __init__(self, n: int, label: str, on_change) -> None:
        self.n = n
        self.text = _field(
            w.Text(description=f"{label} {n}", continuous_update=False, layout=w.Layout(width="100%"))
        )
        self.date = _field(
            w.Text(
                description=f"Datum för {label.lower()} {n}",
                placeholder="ÅÅÅÅ-MM-DD",
                continuous_update=False,
                layout=w.Layout(width="100%"),
            )
        )
        self.date.add_class("dk-date")
        self.message: Message = message()
        for control in (self.text, self.date):
            control.observe(lambda _: on_change(self), names="value")
        super().__init__([self.text, self.date, self.message], layout=reused("plain"))


class CanvasWidget(ExerciseBox):
    """A worksheet: its fields, optional commitments and digest, "Spara" and the downloads."""

    exercise: Canvas

    def __init__(self, module: str, exercise: Canvas, store: PersonalStore, on_change=None) -> None:
        super().__init__(module, exercise, store, on_change)
        self.fields: dict[str, w.Textarea] = {}
        self.rows: list[CommitmentRow] = []

    def build_body(self) -> list[w.Widget]:
        canvas = self.exercise
        links = "".join(tag("p", raw=link(x.href, x.text)) for x in canvas.links)
        parts: list[w.Widget] = [html(links)]
        self.digest = html()
        if canvas.digest:
            parts.append(self.digest)
        for f in canvas.fields:
            control = _field(
                w.Textarea(
                    description=f.label, rows=4, continuous_update=False, layout=w.Layout(width="100%")
                )
            )
            control.observe(self._saver(f.id), names="value")
            self.fields[f.id] = control
            parts.append(control)
            if f.hint:
                parts.append(html(tag("p", f.hint, cls="dk-muted")))
        if canvas.commitments:
            parts.append(
                html(
                    tag("h4", f"{canvas.commitment_label} med datum")
                    + tag("p", "Skriv vad du ska göra och när. " + ws.DATE_HINT, cls="dk-muted")
                )
            )
            for n in range(1, canvas.commitments + 1):
                row = CommitmentRow(n, canvas.commitment_label, self._commitment_changed)
                self.rows.append(row)
                parts.append(row)
        self.save = button("Spara", button_style="primary")
        self.save.tooltip = f"Spara {canvas.title}"
        self.save.on_click(lambda _: self.save_all())
        self.word = button("Skapa Word-dokument")
        self.word.on_click(lambda _: self.make_docx())
        buttons = [self.save, self.word]
        if canvas.commitments:
            self.calendar = button("Skapa påminnelser (.ics)")
            self.calendar.on_click(lambda _: self.make_ics())
            buttons.append(self.calendar)
        self.download = DownloadLink(layout=reused("plain"))
        return [*parts, w.HBox(buttons, layout=w.Layout(flex_flow="row wrap")), self.download]

    # --- saving ------------------------------------------------------------------------------------------------

    def _saver(self, field_id: str):
        def on_value(change) -> None:
            saved = ws.field_values(self.exercise, self.answers)[field_id]
            if change["new"] != saved:  # equal: shown by show(), saved already
                self.record(field_id, change["new"])

        return on_value

    @staticmethod
    def _as_saved(row: CommitmentRow, c: ws.Commitment) -> bool:
        """Does ``row`` show the saved commitment ``c`` as it stands?"""
        return row.text.value.strip() == c.text and row.date.value.strip() == (
            c.date.isoformat() if c.date else ""
        )

    def _commitment_changed(self, row: CommitmentRow) -> None:
        if self._as_saved(row, ws.commitments(self.exercise, self.answers)[row.n - 1]):
            row.message.clear()
            return  # shown by show(), or typed back to what is saved: nothing to save
        label = self.exercise.commitment_label
        parsed = guarded(
            row.message, lambda: ws.parse_commitment(row.n, row.text.value, row.date.value, label)
        )
        if not parsed.ok:
            return
        c = parsed.value
        value = {"text": c.text, "date": c.date.isoformat() if c.date else ""}
        if self.record(commitment_item(row.n), value) and c.text:
            when = f" till {fmt.date(c.date)}" if c.date else " (inget datum än)"
            row.message.ok(f"Sparat{when}.")

    def save_all(self) -> None:
        """Save every field as it stands (a field still in focus has not sent its text yet)."""
        answers = guarded(self.message, lambda: self.store.latest_answers(self.module, self.exercise.id))
        if not answers.ok:
            return
        self.answers = dict(answers.value)  # as saved now (another tab may have saved since)
        stored = ws.field_values(self.exercise, answers.value)
        for field_id, control in self.fields.items():
            if control.value != stored.get(field_id, "") and not self.record(field_id, control.value):
                return
        plan = {c.n: c for c in ws.commitments(self.exercise, answers.value)}
        for row in self.rows:
            if not self._as_saved(row, plan[row.n]):
                self._commitment_changed(row)
            if row.message.has_error:
                self.message.error("Något datum är inte giltigt – se meddelandet vid åtagandet.")
                return
        self.message.ok("Sparat.")

    # --- showing -------------------------------------------------------------------------------------------------

    def show(self, answers) -> None:
        values = ws.field_values(self.exercise, answers)
        for field_id, control in self.fields.items():
            control.value = values[field_id]
        for row, c in zip(self.rows, ws.commitments(self.exercise, answers), strict=True):
            with held(row.text, row.date):  # the row's observer sees the whole commitment, not half of it
                row.text.value = c.text
                row.date.value = c.date.isoformat() if c.date else ""
            row.message.clear()
        if self.exercise.digest:
            self.show_digest()

    def sections(self) -> list[ws.DigestSection]:
        contents = ex.load_all()
        answers = {m: self.store.latest_answers(m) for m in contents}
        return ws.digest(contents, self.store.entries(), answers)

    def show_digest(self) -> None:
        if not self.loaded:
            self.digest.value = ""
            return
        found = guarded(self.message, self.sections)
        if not found.ok:
            return
        groups = found.value
        if not groups:
            body = tag(
                "p", "Du har inte skrivit i lärloggen eller gjort några övningar ännu.", cls="dk-muted"
            )
        else:
            body = "".join(
                tag("h5", g.title)
                + (tag("p", "Klara övningar: " + ", ".join(g.completed)) if g.completed else "")
                + (tag("ul", raw="".join(tag("li", line) for line in g.entries)) if g.entries else "")
                for g in groups
            )
        self.digest.value = tag(
            "details",
            raw=tag("summary", "Underlag: det du har skrivit och gjort i kursen") + body,
            cls="dk-digest",
        )

    # --- exports -------------------------------------------------------------------------------------------------

    def _current(self):
        answers = self.store.latest_answers(self.module, self.exercise.id)
        return ws.field_values(self.exercise, answers), ws.commitments(self.exercise, answers)

    def make_docx(self) -> None:
        def build() -> bytes:
            values, plan = self._current()
            sections = self.sections() if self.exercise.digest else []
            title = ex.load_module(self.module).title
            return ws.to_docx(self.exercise, title, values, plan, sections)

        self.save_all()
        if self.message.has_error:
            return
        data = guarded(self.message, build)
        if data.ok:
            self.download.set(
                ws.filename(self.exercise, "docx"), DOCX, data.value, "Ladda ned Word-dokumentet"
            )
            self.message.ok("Word-dokumentet är klart – använd länken nedan.")

    def make_ics(self) -> None:
        self.save_all()
        if self.message.has_error:
            return
        dated = guarded(self.message, lambda: ws.dated(self._current()[1]))
        if not dated.ok:
            return
        plan = dated.value
        if not plan:
            self.message.error("Skriv minst ett åtagande med datum, så blir det en påminnelse.")
            return
        data = guarded(self.message, lambda: ws.to_ics(self.module, self.exercise, plan))
        if data.ok:
            self.download.set(
                ws.filename(self.exercise, "ics"), ICS, data.value, "Ladda ned påminnelserna (.ics)"
            )
            count = len(plan)
            self.message.ok(
                f"{count} {'påminnelse' if count == 1 else 'påminnelser'} klara – använd länken nedan."
            )

    def status_text(self, done: int, total: int) -> str:
        return f"{done} av {total} ifyllda."
