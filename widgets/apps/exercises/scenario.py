"""Scenario cards with branching: options as buttons, the consequence shown, then the next card."""

from __future__ import annotations

import ipywidgets as w

from ...exercises import Scenario, ScenarioCard, scenario_next, scenario_start
from ...exercises import messages as msg
from ...store import PersonalStore
from ...ui.feedback import guarded
from ...ui.html import esc, tag
from ._common import ExerciseBox, button, html, reused


def walk(scenario: Scenario, answers) -> tuple[list[tuple[ScenarioCard, object]], ScenarioCard | None]:
    """The path taken so far (card, step) from the stored answers, and the card waiting for a choice (None:
    the scenario has ended)."""
    path = []
    card: ScenarioCard | None = scenario_start(scenario)
    seen = set()
    while card is not None and card.id not in seen and not card.is_ending:
        seen.add(card.id)
        stored = answers.get((scenario.id, card.id))
        option_id = (
            stored.value.get("option") if stored is not None and isinstance(stored.value, dict) else None
        )
        if option_id not in {o.id for o in card.options}:
            return path, card
        step = scenario_next(scenario, card.id, option_id)
        path.append((card, step))
        card = step.next_card
    return path, card if card is not None and card.is_ending else None


def card_html(card: ScenarioCard) -> str:
    return (tag("h4", card.title) if card.title else "") + tag("p", card.text)


def step_html(card: ScenarioCard, step) -> str:
    return tag(
        "div",
        raw=card_html(card)
        + tag("p", raw=tag("strong", "Ditt val: ") + esc(step.option.text))
        + tag("p", raw=tag("strong", "Följd: ") + esc(step.consequence)),
        cls="dk-card",
    )


class ScenarioWidget(ExerciseBox):
    """One card at a time; earlier choices and their consequences stay visible above."""

    exercise: Scenario

    def __init__(self, module: str, exercise: Scenario, store: PersonalStore, on_change=None) -> None:
        super().__init__(module, exercise, store, on_change)
        self.current: ScenarioCard | None = None

    def build_body(self) -> list[w.Widget]:
        self.history = html()
        self.card = html()
        self.options = w.VBox(layout=reused("plain"))
        return [self.history, self.card, self.options]

    def show(self, answers) -> None:
        path, waiting = walk(self.exercise, answers)
        self._render(path, waiting)

    def _render(self, path, waiting: ScenarioCard | None) -> None:
        self.history.value = "".join(step_html(card, step) for card, step in path)
        if waiting is not None and not waiting.is_ending:
            self.current = waiting
            self.card.value = card_html(waiting)
            self.options.children = [self._option_button(waiting, o) for o in waiting.options]
            return
        self.current = None
        self.options.children = []
        ending = card_html(waiting) if waiting is not None else ""
        self.card.value = tag(
            "div", raw=ending + tag("p", raw=tag("strong", msg.SCENARIO_END)), role="status"
        )

    def _option_button(self, card: ScenarioCard, option) -> w.Button:
        b = button(option.text, wrap=True)
        b.on_click(lambda _: self.choose(card.id, option.id))
        return b

    def choose(self, card_id: str, option_id: str) -> None:
        step = guarded(self.message, lambda: scenario_next(self.exercise, card_id, option_id))
        if step is None:
            return
        if self.record(card_id, {"option": option_id}) is None:
            return
        answers = (
            guarded(self.message, lambda: self.store.latest_answers(self.module, self.exercise.id)) or {}
        )
        path, waiting = walk(self.exercise, answers)
        self._render(path, waiting)

    def status_text(self, done: int, total: int) -> str:
        return "Genomfört." if done >= total else "Inte genomfört än."
