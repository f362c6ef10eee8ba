"""The participant's side of a live poll: a panel that appears on the page they have open while a poll addressed
to them is open, and disappears again when there is none.

Answering takes one click (a button per option or scale step) or a short text and "Skicka"; before answering the
panel says whether the poll is anonymous; afterwards it shows "Ditt svar: …" with a way to change it, and the
results once the teacher shows them. The panel follows ``store.active_polls(after=token, wait=25)`` in a
:class:`~widgets.store.live.Watcher` started by :meth:`PollPanel.load` (after the visit has started). Outside the
course hub there are no polls and the panel shows nothing at all."""

from __future__ import annotations

import threading
from collections.abc import Callable

import ipywidgets as w

from ...store.capability import supports
from ...store.errors import StoreError
from ...store.live import MAX_WAIT, Active, ActivePoll, LiveStore, Question, Watcher
from ...ui.controls import button, html, message
from ...ui.feedback import guarded
from ...ui.html import tag
from .results import results_html, upvotes_text

ANONYMOUS = "Anonym: ditt namn sparas inte med svaret"
NAMED = "Namngiven: läraren ser ditt namn"
ANONYMOUS_QA = "Anonym: ditt namn sparas inte med dina frågor"
NAMED_QA = "Namngiven: läraren ser ditt namn vid dina frågor"
NONE_OPEN = "Inga omröstningar är öppna just nu."
CLOSED = "Omröstningen är stängd."
SERVICE_DOWN = "Omröstningarna kan inte hämtas just nu ({reason}). Sidan försöker igen av sig själv."
EMPTY_ANSWER = "Skriv ditt svar först."
EMPTY_QUESTION = "Skriv din fråga först."
WIDE = {"description_width": "initial"}


def privacy_text(anonymous: bool, kind: str) -> str:
    if kind == "qa":
        return ANONYMOUS_QA if anonymous else NAMED_QA
    return ANONYMOUS if anonymous else NAMED


def scale_label(step: int, low: int, high: int, low_label: str, high_label: str) -> str:
    """A scale button's text: the step, and at the ends what the end means (``1 – Inte alls``)."""
    if step == low and low_label:
        return f"{step} – {low_label}"
    if step == high and high_label:
        return f"{step} – {high_label}"
    return str(step)


class PollCard(w.VBox):
    """One open (or revealed) poll: its question, the privacy note, the controls to answer, my answer, results.

    ``refresh`` is called after a successful answer, so the page shows the new state without waiting for the
    next long poll."""

    def __init__(
        self, store: LiveStore, active: ActivePoll, refresh: Callable[[], None] | None = None
    ) -> None:
        self.store = store
        self.active = active
        self.poll = active.poll
        self._refresh = refresh or (lambda: None)
        self.editing = False
        self.head = html()
        self.message = message()
        self.mine = html()
        self.change_button = button("Ändra svaret")
        self.change_button.on_click(lambda _: self.change())
        self.withdraw_button = button("Ta bort mitt svar")
        self.withdraw_button.on_click(lambda _: self.withdraw())
        self.answered_box = w.HBox([self.change_button, self.withdraw_button])
        self.keep_button = button("Behåll mitt svar")
        self.keep_button.on_click(lambda _: self.keep())
        self.option_buttons: list[w.Button] = []
        self.text: w.Text | w.Textarea | None = None
        self.send_button: w.Button | None = None
        self.question_rows: dict[int, tuple[w.HTML, w.Button]] = {}
        self.questions_box = w.VBox()
        self.results = html()
        self.controls = self._build_controls()
        super().__init__()
        self.add_class("dk-card")
        self.add_class("dk-poll")
        self.update(active)

    # --- building ----------------------------------------------------------------------------------------------

    def _build_controls(self) -> w.Box:
        poll = self.poll
        if poll.kind == "choice":
            for option in poll.options:
                b = button(option, tooltip=f"Svara: {option}", wrap=True)
                b.on_click(lambda _, value=option: self.answer(value))
                self.option_buttons.append(b)
            return w.Box(self.option_buttons, layout=w.Layout(flex_flow="row wrap"))
        if poll.kind == "scale" and poll.scale is not None:
            s = poll.scale
            for step in range(s.min, s.max + 1):
                text = scale_label(step, s.min, s.max, s.min_label, s.max_label)
                b = button(text, tooltip=f"Svara {text}")
                b.on_click(lambda _, value=str(step): self.answer(value))
                self.option_buttons.append(b)
            return w.Box(self.option_buttons, layout=w.Layout(flex_flow="row wrap"))
        if poll.kind == "words":
            self.text = w.Text(description="Ditt svar (högst tre ord)", style=WIDE)
            self.send_button = button("Skicka", button_style="primary")
            self.send_button.on_click(lambda _: self.send_text())
            return w.VBox([self.text, self.send_button])
        if poll.kind == "open":
            self.text = w.Textarea(description="Ditt svar", style=WIDE, layout=w.Layout(width="100%"))
            self.send_button = button("Skicka", button_style="primary")
            self.send_button.on_click(lambda _: self.send_text())
            return w.VBox([self.text, self.send_button])
        # "qa": ask a question; the questions with their upvote toggles follow
        self.text = w.Textarea(description="Din fråga", style=WIDE, layout=w.Layout(width="100%"))
        self.send_button = button("Skicka frågan", button_style="primary")
        self.send_button.on_click(lambda _: self.ask())
        return w.VBox([self.text, self.send_button])

    # --- showing -----------------------------------------------------------------------------------------------

    def update(self, active: ActivePoll) -> None:
        """Show a newer state of the same poll (controls and typed text are kept)."""
        self.active = active
        self.poll = poll = active.poll
        is_open = poll.state == "open"
        note = privacy_text(poll.anonymous, poll.kind) if is_open else CLOSED
        self.head.value = tag("h3", poll.question) + tag("p", note, cls="dk-poll-privacy")
        parts: list[w.Widget] = [self.head]
        if poll.kind == "qa":
            self._show_questions(active.questions, is_open)
            parts += [self.controls] if is_open else []
            parts += [self.message, self.questions_box]
        else:
            answered = active.my_answer is not None
            if answered:
                self.mine.value = tag("p", f"Ditt svar: {active.my_answer}", cls="dk-poll-mine")
            else:
                self.mine.value = ""
                self.editing = False
            if is_open and (self.editing or not answered):
                parts.append(self.controls)
            if is_open and self.editing and answered:
                parts.append(self.keep_button)
            if answered:
                parts.append(self.mine)
                if is_open and not self.editing:
                    parts.append(self.answered_box)
            parts.append(self.message)
        self.results.value = results_html(active.results) if active.results is not None else ""
        if active.results is not None:
            parts.append(self.results)
        self.children = parts

    def _show_questions(self, questions: tuple[Question, ...], is_open: bool) -> None:
        rows: list[w.Widget] = []
        for q in sorted(questions, key=lambda q: (-q.upvotes, q.id)):
            if q.hidden:
                continue
            if q.id not in self.question_rows:
                vote = button("Rösta upp")
                vote.on_click(lambda _, qid=q.id: self.toggle_upvote(qid))
                self.question_rows[q.id] = (html(), vote)
            text, vote = self.question_rows[q.id]
            mine = " (din fråga)" if q.mine else ""
            text.value = tag(
                "p", raw=tag("span", q.text + mine) + " " + tag("span", f"– {upvotes_text(q.upvotes)}")
            )
            voted = q.id in self.active.my_upvotes
            vote.description = "Uppröstad – ta bort rösten" if voted else "Rösta upp"
            vote.tooltip = f"Ta bort din röst på frågan: {q.text}" if voted else f"Rösta upp frågan: {q.text}"
            vote.disabled = not is_open
            row = w.HBox([text, vote], layout=w.Layout(align_items="center", flex_flow="row wrap"))
            rows.append(row)
        if not rows:
            rows = [html(tag("p", "Inga frågor än.", cls="dk-muted"))]
        self.questions_box.children = [html(tag("h4", "Frågorna")), *rows]

    # --- actions -----------------------------------------------------------------------------------------------

    def _do(self, action: Callable[[], object]) -> bool:
        return guarded(self.message, action).ok

    def answer(self, value: str) -> None:
        pid = self.poll.id
        if self._do(lambda: self.store.answer_poll(pid, value)):
            self.editing = False
            self.update(_with_answer(self.active, value))
            self.message.ok("Ditt svar är skickat.")
            self._refresh()
            self.change_button.focus()  # the controls are gone: keyboard focus stays in the poll

    def send_text(self) -> None:
        assert self.text is not None
        value = self.text.value.strip()
        if not value:
            self.message.error(EMPTY_ANSWER)
            return
        self.answer(value)
        if not self.message.has_error:
            self.text.value = ""

    def change(self) -> None:
        self.editing = True
        if self.text is not None and self.active.my_answer is not None:
            self.text.value = self.active.my_answer
        self.update(self.active)
        self.message.info("Välj eller skriv ett nytt svar; det ersätter det förra.")
        self._focus_controls()

    def keep(self) -> None:
        self.editing = False
        self.message.clear()
        self.update(self.active)
        self.change_button.focus()

    def _focus_controls(self) -> None:
        first = self.option_buttons[0] if self.option_buttons else self.text
        if first is not None:
            first.focus()

    def withdraw(self) -> None:
        pid = self.poll.id
        if self._do(lambda: self.store.withdraw_answer(pid)):
            self.editing = False
            self.update(_with_answer(self.active, None))
            self.message.ok("Ditt svar är borttaget.")
            self._refresh()
            self._focus_controls()

    def ask(self) -> None:
        assert self.text is not None
        text = self.text.value.strip()
        if not text:
            self.message.error(EMPTY_QUESTION)
            return
        pid = self.poll.id
        if self._do(lambda: self.store.ask_question(pid, text)):
            self.text.value = ""
            self.message.ok("Din fråga är skickad.")
            self._refresh()

    def toggle_upvote(self, question_id: int) -> None:
        on = question_id not in self.active.my_upvotes
        pid = self.poll.id
        if self._do(lambda: self.store.upvote(pid, question_id, on)):
            self.message.ok("Din röst är registrerad." if on else "Din röst är borttagen.")
            self._refresh()


def _with_answer(active: ActivePoll, value: str | None) -> ActivePoll:
    return ActivePoll(active.poll, value, active.my_upvotes, active.questions, active.results)


class PollPanel(w.VBox):
    """Every open poll addressed to the participant, on the page they have open.

    ``store`` None (or a store without live polls): nothing is ever shown. ``always``: the panel is shown even
    when no poll is open and then says so (the "Delta" page); otherwise it is hidden until a poll opens."""

    def __init__(self, store: object, *, always: bool = False, wait: float = MAX_WAIT) -> None:
        self.store: LiveStore | None = supports(store, LiveStore)
        self.always = always
        self.wait = wait
        self.cards: dict[int, PollCard] = {}
        self.heading = html()
        self.status = message()
        self.watcher: Watcher[str, Active] | None = None
        self._lock = threading.RLock()
        self._failing = False
        super().__init__(layout=w.Layout())
        self.add_class("dk-poll-panel")
        self._show_cards([])

    @property
    def live(self) -> bool:
        return self.store is not None

    @property
    def visible(self) -> bool:
        return self.layout.display != "none"

    def load(self) -> None:
        """Start following the open polls (call after the visit has started)."""
        store = self.store
        if store is None or self.watcher is not None:
            return
        wait = self.wait

        def fetch(after: str | None) -> tuple[str, Active]:
            active = store.active_polls(after=after, wait=wait)
            return active.token, active

        self.watcher = Watcher(fetch, self.show, self.service_error, name="digikomp-polls").start()

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def refresh(self) -> None:
        """Fetch the open polls now (after an answer, or when the page asks)."""
        store = self.store
        if store is None:
            return
        active = guarded(self.status, store.active_polls)
        if active.ok:
            self.show(active.value)

    def show(self, active: Active) -> None:
        with self._lock:
            self._failing = False
            self.status.clear()
            seen = set()
            cards = []
            for item in active.polls:
                seen.add(item.poll.id)
                card = self.cards.get(item.poll.id)
                if card is None:
                    assert self.store is not None
                    card = self.cards[item.poll.id] = PollCard(self.store, item, self.refresh)
                else:
                    card.update(item)
                cards.append(card)
            for gone in set(self.cards) - seen:
                del self.cards[gone]
            self._show_cards(cards)

    def _show_cards(self, cards: list[PollCard]) -> None:
        title = "Omröstning" if len(cards) == 1 else "Omröstningar"
        self.heading.value = tag("h2", title)
        if not cards and self.always and not self._failing:
            self.status.info(NONE_OPEN)
        visible = self.live and (bool(cards) or self.always)
        self.layout.display = None if visible else "none"
        self.children = [self.heading, self.status, *cards] if visible else []

    def service_error(self, error: StoreError) -> None:
        """The service could not be reached: said where the polls are (if any are shown), retried by the
        watcher."""
        with self._lock:
            self._failing = True
            if self.cards or self.always:
                self.status.error(SERVICE_DOWN.format(reason=error.message.rstrip(".")))


def poll_panel() -> PollPanel:
    """The panel for a module or conference page: the course hub's live polls, or nothing outside the hub. Call
    :meth:`PollPanel.load` after the visit has started."""
    from ...store.backend import shared_store

    return PollPanel(shared_store())


__all__ = ["ANONYMOUS", "NAMED", "NONE_OPEN", "PollCard", "PollPanel", "poll_panel", "privacy_text"]
