"""Ordering (sortering): a keyboard-operable list with "Flytta upp" / "Flytta ned" buttons naming the item."""

from __future__ import annotations

import random

import ipywidgets as w

from ...exercises import Ordering, OrderingResult, score_ordering
from ...store import PersonalStore
from ...ui.controls import button, html, reused
from ...ui.feedback import guarded
from ...ui.html import esc, tag
from ._common import ExerciseBox


def start_order(exercise: Ordering) -> list[str]:
    """A stable shuffled order that is never already the right one (the same for everyone, every time)."""
    ids = [item.id for item in exercise.items]
    shuffled = ids[:]
    random.Random(exercise.id).shuffle(shuffled)
    if shuffled == ids and len(ids) > 1:
        shuffled = ids[::-1]
    return shuffled


def ordering_feedback_html(exercise: Ordering, order: list[str], result: OrderingResult) -> str:
    texts = {item.id: item.text for item in exercise.items}
    rows = [
        tag("li", raw=esc(texts[item]) + " – " + tag("strong", "rätt plats" if ok else "fel plats"))
        for item, ok in zip(order, result.in_place, strict=True)
    ]
    verdict = "Rätt!" if result.correct else "Inte helt rätt."
    html = tag("p", raw=tag("strong", verdict) + " " + esc(result.feedback)) + tag("ol", raw="".join(rows))
    if result.correct and result.explanation:
        html += tag("p", result.explanation)
    return tag("div", raw=html, cls="dk-feedback", role="status")


class OrderingWidget(ExerciseBox):
    """Pick an item in the list (arrow keys), move it with the buttons, then "Svara"."""

    exercise: Ordering

    def __init__(self, module: str, exercise: Ordering, store: PersonalStore, on_change=None) -> None:
        super().__init__(module, exercise, store, on_change)
        self._texts = {item.id: item.text for item in exercise.items}
        self.order = start_order(exercise)

    def build_body(self) -> list[w.Widget]:
        exercise = self.exercise
        self.question = html(
            tag("p", exercise.question)
            + tag(
                "p",
                "Markera ett steg i listan (med piltangenterna eller musen) och flytta det med knapparna.",
                cls="dk-muted",
            )
        )
        self.list = w.Select(
            options=self._options(),
            rows=len(self.order),
            description="Ordning",
            layout=w.Layout(width="auto", min_width="22em"),
        )
        self.up = button("Flytta upp")
        self.down = button("Flytta ned")
        self.answer = button("Svara", tooltip=f"Svara på övningen {exercise.title}")
        self.feedback = html()
        self.up.on_click(lambda _: self.move(-1))
        self.down.on_click(lambda _: self.move(1))
        self.answer.on_click(lambda _: self.submit())
        self.list.observe(self._on_select, names="value")
        self._name_buttons()
        return [
            self.question,
            self.list,
            w.HBox([self.up, self.down, self.answer], layout=reused("plain")),
            self.feedback,
        ]

    def _options(self) -> list[tuple[str, str]]:
        return [(f"{i}. {self._texts[item]}", item) for i, item in enumerate(self.order, start=1)]

    def _on_select(self, change) -> None:
        self._name_buttons()

    def _name_buttons(self) -> None:
        """The move buttons say which item they move, and are off where the item cannot move further."""
        item = self.list.value
        text = self._texts.get(item, "")
        position = self.order.index(item) if item in self.order else -1
        self.up.description = f"Flytta upp: {text}" if text else "Flytta upp"
        self.down.description = f"Flytta ned: {text}" if text else "Flytta ned"
        self.up.tooltip, self.down.tooltip = self.up.description, self.down.description
        self.up.disabled = position <= 0
        self.down.disabled = position < 0 or position >= len(self.order) - 1

    def move(self, step: int) -> None:
        item = self.list.value
        if item not in self.order:
            self.message.error("Markera först ett steg i listan.")
            return
        i = self.order.index(item)
        j = i + step
        if not 0 <= j < len(self.order):
            return
        self.order[i], self.order[j] = self.order[j], self.order[i]
        self._set_order(self.order, selected=item)
        self.message.info(f"{self._texts[item]} står nu på plats {j + 1} av {len(self.order)}.")
        self.feedback.value = ""

    def _set_order(self, order: list[str], selected: str | None) -> None:
        self.order = list(order)
        self.list.options = self._options()
        self.list.value = selected if selected in self.order else self.order[0]
        self._name_buttons()

    def submit(self) -> OrderingResult | None:
        order = list(self.order)
        scored = guarded(self.message, lambda: score_ordering(self.exercise, order))
        if not scored.ok:
            return None
        result = scored.value
        self.record(self.exercise.id, {"order": order}, result.correct)
        self.feedback.value = ordering_feedback_html(self.exercise, order, result)
        return result

    def show(self, answers) -> None:
        stored = answers.get((self.exercise.id, self.exercise.id))
        order = stored.value.get("order") if stored is not None and isinstance(stored.value, dict) else None
        self.message.clear()
        if order and sorted(order) == sorted(self._texts):
            self._set_order(order, selected=order[0])
            scored = guarded(self.message, lambda: score_ordering(self.exercise, order))
            self.feedback.value = (
                ordering_feedback_html(self.exercise, order, scored.value) if scored.ok else ""
            )
        else:
            self._set_order(start_order(self.exercise), selected=None)
            self.feedback.value = ""

    def status_text(self, done: int, total: int) -> str:
        return "Besvarad." if done >= total else "Inte besvarad än."
