"""Quiz widgets: multiple choice (one answer: radio buttons; several: checkboxes) and numeric answers.

Feedback is given in words per choice ("Rätt val", "Fel val", "Missat"), never by colour alone."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ... import fmt
from ...exercises import (
    ChoiceQuestion,
    ChoiceResult,
    NumericQuestion,
    NumericResult,
    Quiz,
    check_choice,
    check_numeric,
)
from ...store import PersonalStore
from ...ui.controls import button, html, message, reused
from ...ui.feedback import Message, guarded
from ...ui.html import esc, tag
from ._common import ExerciseBox


def choice_feedback_html(result: ChoiceResult) -> str:
    """The verdict and one line per chosen (or missed) choice, in words."""
    lines = []
    for line in result.feedback:
        if line.missed:
            label = "Missat – det här alternativet är också rätt"
        else:
            label = "Rätt val" if line.correct else "Fel val"
        text = line.text if not line.missed else ""
        lines.append(
            tag("li", raw=tag("strong", f"{line.choice_text}: {label}.") + (" " + esc(text) if text else ""))
        )
    parts = tag("p", raw=tag("strong", result.verdict)) + tag("ul", raw="".join(lines))
    if result.explanation:
        parts += tag("p", result.explanation)
    return tag("div", raw=parts, cls="dk-feedback", role="status")


def numeric_feedback_html(result: NumericResult) -> str:
    parts = tag("strong", result.verdict) + " " + esc(result.feedback)
    if result.hint:
        parts += " " + esc(result.hint)
    html = tag("p", raw=parts)
    if result.explanation and result.correct:
        html += tag("p", result.explanation)
    return tag("div", raw=html, cls="dk-feedback", role="status")


class ChoiceView(w.VBox):
    """One multiple-choice question."""

    def __init__(self, question: ChoiceQuestion, number: int, save: Callable) -> None:
        self.question = question
        self._save = save
        self.text = html(tag("p", raw=tag("strong", f"Fråga {number}. ") + esc(question.question)))
        if question.multiple:
            self.boxes = [
                w.Checkbox(
                    value=False,
                    description=c.text,
                    indent=False,
                    layout=reused("auto"),
                    style=reused("checkbox"),
                )
                for c in question.choices
            ]
            for box in self.boxes:
                box.add_class("dk-long-label")
            control = w.VBox(self.boxes, layout=reused("plain"))
            self.radio = None
        else:
            self.boxes = []
            self.radio = w.RadioButtons(
                options=[(c.text, c.id) for c in question.choices],
                index=None,
                description=question.question,
                layout=reused("auto"),
                style=reused("description"),
            )
            self.radio.add_class("dk-statement")
            self.radio.add_class("dk-long-label")
            control = self.radio
        self.answer = button("Svara", tooltip=f"Svara på fråga {number}")
        self.answer.on_click(lambda _: self.submit())
        self.message: Message = message()
        self.feedback = html()
        super().__init__(
            [self.text, control, w.HBox([self.answer], layout=reused("plain")), self.message, self.feedback],
            layout=reused("plain"),
        )

    @property
    def selected(self) -> list[str]:
        if self.radio is not None:
            return [] if self.radio.value is None else [self.radio.value]
        return [c.id for c, box in zip(self.question.choices, self.boxes, strict=True) if box.value]

    def submit(self) -> ChoiceResult | None:
        selected = self.selected
        checked = guarded(self.message, lambda: check_choice(self.question, selected))
        if not checked.ok:
            self.feedback.value = ""
            return None
        result = checked.value
        self._save(self.question.id, {"selected": selected}, result.correct)
        self.feedback.value = choice_feedback_html(result)
        return result

    def show(self, value) -> None:
        selected = list(value.get("selected", [])) if isinstance(value, dict) else []
        known = {c.id for c in self.question.choices}
        selected = [s for s in selected if s in known]
        if self.radio is not None:
            self.radio.value = selected[0] if selected else None
        else:
            for c, box in zip(self.question.choices, self.boxes, strict=True):
                box.value = c.id in selected
        self.message.clear()
        result = (
            guarded(self.message, lambda: check_choice(self.question, selected)).value_or(None)
            if selected
            else None
        )
        self.feedback.value = choice_feedback_html(result) if result else ""


class NumericView(w.VBox):
    """One numeric question: a text field parsed the Swedish way (``1 234,5``), with tolerance."""

    def __init__(self, question: NumericQuestion, number: int, save: Callable) -> None:
        self.question = question
        self._save = save
        self.text = html(tag("p", raw=tag("strong", f"Fråga {number}. ") + esc(question.question)))
        label = "Ditt svar" + (f" ({question.unit})" if question.unit else "")
        self.field = w.Text(
            description=label, placeholder="Skriv ett tal", style={"description_width": "initial"}
        )
        self.answer = button("Svara", tooltip=f"Svara på fråga {number}")
        self.answer.on_click(lambda _: self.submit())
        self.message: Message = message()
        self.feedback = html()
        super().__init__(
            [
                self.text,
                w.HBox([self.field, self.answer, self.message], layout=reused("plain")),
                self.feedback,
            ],
            layout=reused("plain"),
        )

    def submit(self) -> NumericResult | None:
        raw = self.field.value
        checked = guarded(self.message, lambda: check_numeric(self.question, raw))
        if not checked.ok:
            self.feedback.value = ""
            return None
        result = checked.value
        self._save(self.question.id, {"value": result.value}, result.correct)
        self.feedback.value = numeric_feedback_html(result)
        return result

    def show(self, value) -> None:
        number = value.get("value") if isinstance(value, dict) else None
        self.message.clear()
        if not isinstance(number, int | float):
            self.field.value = ""
            self.feedback.value = ""
            return
        self.field.value = fmt.number(number, 4).rstrip("0").rstrip(",") if number % 1 else fmt.number(number)
        result = guarded(self.message, lambda: check_numeric(self.question, float(number))).value_or(None)
        self.feedback.value = numeric_feedback_html(result) if result else ""


class QuizWidget(ExerciseBox):
    """A quiz: its questions one below the other, each answered with its own "Svara"."""

    exercise: Quiz

    def __init__(self, module: str, exercise: Quiz, store: PersonalStore, on_change=None) -> None:
        super().__init__(module, exercise, store, on_change)
        self.views: list[ChoiceView | NumericView] = []  # built when the quiz is opened

    def build_body(self) -> list[ChoiceView | NumericView]:
        for number, q in enumerate(self.exercise.questions, start=1):
            view_class = ChoiceView if isinstance(q, ChoiceQuestion) else NumericView
            self.views.append(view_class(q, number, self._save))
        return self.views

    def _save(self, item_id: str, value, correct: bool) -> None:
        self.record(item_id, value, correct)

    def show(self, answers) -> None:
        for view in self.views:
            stored = answers.get((self.exercise.id, view.question.id))
            view.show(stored.value if stored is not None else None)

    def status_text(self, done: int, total: int) -> str:
        return f"{done} av {total} frågor besvarade."

    def view(self, question_id: str) -> ChoiceView | NumericView:
        return next(v for v in self.views if v.question.id == question_id)
