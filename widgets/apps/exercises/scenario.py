"""Scenario cards with branching: options as buttons, the consequence shown, then the next card.

With ``group_board`` in the content and the course's JupyterHub, each choice made gets "Lägg på gruppens tavla"
and the group's board is shown below (:class:`~widgets.apps.groupwork.GroupBoard`, board id = exercise id);
elsewhere nothing of it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from ...exercises import Scenario, ScenarioCard, scenario_next, scenario_start
from ...exercises import messages as msg
from ...store import PersonalStore
from ...ui.controls import button, html, reused
from ...ui.feedback import guarded
from ...ui.html import esc, tag
from ._common import ExerciseBox

if TYPE_CHECKING:
    from ..groupwork import GroupBoard


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

    def __init__(
        self,
        module: str,
        exercise: Scenario,
        store: PersonalStore,
        on_change=None,
        shared: object | None = None,
    ) -> None:
        super().__init__(module, exercise, store, on_change)
        self.current: ScenarioCard | None = None
        self.shared = shared
        self.board: GroupBoard | None = None  # on the hub, when the content asks for a board

    def build_body(self) -> list[w.Widget]:
        self.history = html()
        self.posting = w.VBox(layout=reused("plain"))  # "Lägg på gruppens tavla" per choice made (on the hub)
        self.card = html()
        self.options = w.VBox(layout=reused("plain"))
        return [self.history, self.posting, self.card, self.options, *self._board_parts()]

    def _board_parts(self) -> list[w.Widget]:
        from ..groupwork.board import exercise_board  # the group tools import this package

        self.board = exercise_board(
            self.exercise,
            self.shared,
            "Lägg dina val på gruppens tavla med knapparna ovan och jämför hur ni resonerade.",
        )
        return [self.board] if self.board is not None else []

    def load(self) -> None:
        super().load()
        if self.board is not None:
            self.board.load()

    def _post_button(self, card: ScenarioCard, step) -> w.Button:
        title = card.title or card.text
        b = button(f"Lägg på gruppens tavla: {title} – {step.option.text}", wrap=True)
        b.on_click(lambda _: self.post_to_board(f"{title} – mitt val: {step.option.text}"))
        return b

    def post_to_board(self, text: str) -> None:
        """ "Lägg på gruppens tavla": a choice made, with its card, as a note."""
        if self.board is not None and self.board.post(text) is not None and self.message is not None:
            self.message.ok("Ditt val ligger nu på gruppens tavla längre ned.")

    def show(self, answers) -> None:
        path, waiting = walk(self.exercise, answers)
        self._render(path, waiting)

    def _render(self, path, waiting: ScenarioCard | None) -> None:
        self.history.value = "".join(step_html(card, step) for card, step in path)
        if self.board is not None:
            self.posting.children = [self._post_button(card, step) for card, step in path]
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
        if not guarded(self.message, lambda: scenario_next(self.exercise, card_id, option_id)).ok:
            return
        if not self.record(card_id, {"option": option_id}):
            return
        answers = guarded(
            self.message, lambda: self.store.latest_answers(self.module, self.exercise.id)
        ).value_or({})
        path, waiting = walk(self.exercise, answers)
        self._render(path, waiting)

    def status_text(self, done: int, total: int) -> str:
        return "Genomfört." if done >= total else "Inte genomfört än."
