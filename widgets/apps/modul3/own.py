""" "Klassa ett system från din organisation": name and describe it, walk the flow, keep the result.

The result is kept in the participant's personal store as one answer under module ``modul3``, exercise
``aiact-egna`` (one item per saved classification): the name and description they wrote and
:meth:`~widgets.aiact.Classification.as_record`. Nothing is read from the store before :meth:`OwnSystem.load`."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from ... import aiact, fmt
from ...store import PersonalStore, local
from ...ui.controls import button, html, message
from ...ui.feedback import guarded
from ...ui.html import esc, tag
from ..exercises._common import Openable
from ..sections import Section
from .classifier import QuestionFlow, result_html

MODULE = "modul3"
EXERCISE = "aiact-egna"
NO_NAME = "Skriv systemets namn innan du sparar."
NOT_DONE = "Svara på frågorna till slut innan du sparar."
SAVED = "Klassningen av ”{name}” är sparad i din egen lärlogg."
NONE_SAVED = "Du har inte sparat någon egen klassning än."
TITLE = "Klassa ett system från din organisation"
SAVED_HEADING = tag("h3", "Dina sparade klassningar")


def saved_html(answers) -> str:
    """The participant's earlier classifications, newest first (their text escaped)."""
    rows = sorted(answers.values(), key=lambda a: a.answered, reverse=True)
    if not rows:
        return tag("p", NONE_SAVED, cls="dk-muted")
    items = ""
    for a in rows:
        v = a.value if isinstance(a.value, dict) else {}
        when = fmt.date(local(a.answered).date())
        reasons = "; ".join(
            r.get("text", "") + (f" ({', '.join(r.get('refs', []))})" if r.get("refs") else "")
            for r in v.get("reasons", [])[:1]
        )
        items += tag(
            "li",
            raw=tag("strong", v.get("name", "Namnlöst system"))
            + esc(f" – {v.get('level_name', '')} (sparad {when})")
            + (tag("p", v.get("description", "")) if v.get("description") else "")
            + (tag("p", f"Främsta skäl: {reasons}", cls="dk-muted") if reasons else ""),
        )
    return tag("ul", raw=items)


class OwnSystem(Openable):
    """Name, description, the question flow and "Spara klassningen" (built when opened), and the list of saved
    classifications (always shown)."""

    def __init__(self, store: PersonalStore, clock=None) -> None:
        self.store = store
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.rules = aiact.rules()
        self.flow: QuestionFlow | None = None
        self.message = message()
        self.saved = html(SAVED_HEADING + tag("p", "Dina sparade klassningar visas här.", cls="dk-muted"))
        intro = html(
            tag("h2", TITLE)
            + tag(
                "p",
                "Välj ett AI-system som din organisation använder eller planerar. Ge det ett namn, beskriv det "
                "kort och svara på frågorna. Du kan spara resultatet; det sparas bara i din egen lärlogg.",
            )
        )
        super().__init__(TITLE, [intro], [self.message, self.saved])

    def build(self) -> list[w.Widget]:
        self.name = w.Text(
            description="Systemets namn",
            placeholder="Till exempel: chattbot för bygglovsfrågor",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.description = w.Textarea(
            description="Beskriv kort vad systemet gör",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%", height="5em"),
        )
        self.flow = QuestionFlow(on_done=self._done, name="ditt system")
        self.save = button(
            "Spara klassningen", "Spara klassningen i din egen lärlogg", button_style="primary"
        )
        self.save.disabled = True
        self.save.on_click(lambda _: self.save_result())
        return [self.name, self.description, self.flow, self.save]

    def _done(self, result: aiact.Classification) -> None:
        self.save.disabled = False

    def save_result(self) -> None:
        result = self.flow.result
        if result is None:
            self.message.error(NOT_DONE)
            return
        name = self.name.value.strip()
        if not name:
            self.message.error(NO_NAME)
            return
        record = {"name": name, "description": self.description.value.strip(), **result.as_record()}
        item = "egen-" + self.clock().strftime("%Y%m%dT%H%M%S%f")

        if not guarded(self.message, lambda: self.store.record_answer(MODULE, EXERCISE, item, record)).ok:
            return
        self.load()
        self.message.ok(SAVED.format(name=name))

    def load(self) -> None:
        """Show the saved classifications (call after the visit has started)."""
        answers = guarded(self.message, lambda: self.store.latest_answers(MODULE, EXERCISE))
        if answers.ok:
            self.saved.value = SAVED_HEADING + saved_html(answers.value)

    def result_text(self) -> str:
        return result_html(self.flow.result, self.rules) if self.flow and self.flow.result else ""


class OwnSection(Section):
    """The card with the participant's own classification (:attr:`own`)."""

    def __init__(self, store: PersonalStore) -> None:
        self.own = OwnSystem(store)
        self.own.load()
        super().__init__(self.own)


def own_section(store: PersonalStore) -> OwnSection:
    """Called after the visit has started: it reads the saved classifications."""
    return OwnSection(store)
