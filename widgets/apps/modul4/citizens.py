"""The citizen perspective: pick a (constructed) persona, walk the (constructed) e-service step by step, guess
where the persona drops out, pick the help that works, and read the facts behind the personas with sources.

Content: ``data/personas.yaml`` through :mod:`widgets.modul4`; the feedback sentences come from the model."""

from __future__ import annotations

import ipywidgets as w

from ...modul4 import Fact, Persona, PersonaSet, check_dropout, check_help, default_personas
from ...ui.controls import button, hidden_label, html, message, reused
from ...ui.feedback import guarded
from ...ui.html import esc, tag
from ..exercises._common import Openable
from ..sections import Section, checked_text

GETS_THROUGH = "Hen tar sig igenom hela tjänsten"
OUTCOMES = {"klarar": "klarar steget", "svårt": "klarar steget, men det är svårt", "avbryter": "avbryter här"}


def fact_html(fact: Fact) -> str:
    caveat = tag("p", raw=tag("strong", "Men observera: ") + esc(fact.caveat)) if fact.caveat else ""
    return tag(
        "li",
        raw=esc(fact.text)
        + " "
        + tag("span", f"Källa: {fact.source} {checked_text(fact.checked)}", cls="dk-source")
        + caveat,
    )


def persona_html(persona: Persona) -> str:
    kind = "Påhittad person" if persona.constructed else "Verklig person"
    facts = "".join(fact_html(f) for f in persona.facts)
    return (
        tag("h3", f"{persona.name}, {persona.age} år")
        + tag("p", raw=tag("strong", kind + ". ") + esc(persona.description))
        + tag("p", "Uppgifterna som personen bygger på:")
        + tag("ul", raw=facts)
    )


def journey_html(persona: Persona) -> str:
    rows = "".join(
        tag("li", raw=tag("strong", f"{j.step.title}: {OUTCOMES.get(j.outcome, j.outcome)}. ") + esc(j.note))
        for j in persona.journey
    )
    return tag("h4", f"Så gick det för {persona.name}") + tag("ol", raw=rows)


class PersonaWalk(Openable):
    """Persona picker, a step-by-step walk through the service, the dropout guess and the help check (built
    when opened; the title, the intro and the service stay shown)."""

    def __init__(self, personas: PersonaSet | None = None) -> None:
        self.set = personas or default_personas()
        service = self.set.service
        intro = html(
            tag("h2", self.set.title)
            + (tag("p", self.set.intro) if self.set.intro else "")
            + tag("h3", service.name)
            + tag(
                "p",
                raw=(tag("strong", "Påhittad e-tjänst. ") if service.constructed else "")
                + esc(service.description),
            )
        )
        super().__init__(self.set.title, [intro])

    def build(self) -> list[w.Widget]:
        service = self.set.service
        self.picker = w.Dropdown(
            options=[(f"{p.name}, {p.age} år", p.id) for p in self.set.personas],
            description="Välj en person",
            style={"description_width": "initial"},
        )
        self.card = html()
        self.step_index = 0
        self.step_view = html()
        self.prev_step = button("Föregående steg", "Föregående steg i e-tjänsten")
        self.next_step = button("Nästa steg", "Nästa steg i e-tjänsten")
        self.prev_step.on_click(lambda _: self.show_step(self.step_index - 1))
        self.next_step.on_click(lambda _: self.show_step(self.step_index + 1))
        self.dropout = hidden_label(
            w.RadioButtons(
                options=[(s.title, s.id) for s in service.steps] + [(GETS_THROUGH, "")],
                value=None,
                description="Var fastnar personen?",
                layout=reused("auto"),
                style=reused("description"),
            )
        )
        self.check_dropout_button = button(
            "Kontrollera", "Kontrollera var personen fastnar", button_style="primary"
        )
        self.check_dropout_button.on_click(lambda _: self.check_dropout())
        self.dropout_feedback = message()
        self.journey = html()
        self.helps = {
            h.id: w.Checkbox(
                value=False,
                description=h.title,
                indent=False,
                layout=reused("auto"),
                style=reused("checkbox"),
            )
            for h in self.set.helps
        }
        for box in self.helps.values():
            box.add_class("dk-long-label")
        self.help_texts = html(
            tag("h4", "Vad skulle hjälpa?")
            + tag("p", "Kryssa i de hjälpinsatser du tror fungerar.")
            + tag(
                "ul",
                raw="".join(
                    tag(
                        "li",
                        raw=tag("strong", h.title + ": ")
                        + esc(h.text)
                        + (" " + tag("span", f"Källa: {h.source}", cls="dk-source") if h.source else ""),
                    )
                    for h in self.set.helps
                ),
            )
        )
        self.check_help_button = button("Kontrollera hjälpen", "Kontrollera vilka hjälpinsatser som fungerar")
        self.check_help_button.on_click(lambda _: self.check_help())
        self.help_feedback = message()
        self.help_details = html()
        self.picker.observe(lambda _: self.pick(), names="value")
        self.pick()
        return [
            self.picker,
            self.card,
            self.step_view,
            w.HBox([self.prev_step, self.next_step], layout=reused("plain")),
            html(tag("h4", "Var fastnar personen?")),
            self.dropout,
            self.check_dropout_button,
            self.dropout_feedback,
            self.journey,
            self.help_texts,
            *self.helps.values(),
            self.check_help_button,
            self.help_feedback,
            self.help_details,
        ]

    @property
    def persona(self) -> Persona:
        return self.set.persona(self.picker.value)

    def pick(self) -> None:
        self.card.value = persona_html(self.persona)
        self.dropout.value = None
        self.dropout_feedback.clear()
        self.journey.value = ""
        for box in self.helps.values():
            box.value = False
        self.help_feedback.clear()
        self.help_details.value = ""
        self.show_step(0)

    def show_step(self, index: int) -> None:
        steps = self.set.service.steps
        self.step_index = max(0, min(index, len(steps) - 1))
        step = steps[self.step_index]
        self.step_view.value = tag("h4", "Gå igenom e-tjänsten steg för steg") + tag(
            "div",
            raw=tag("p", raw=tag("strong", f"Steg {self.step_index + 1} av {len(steps)}: {step.title}"))
            + tag("p", step.text),
            role="status",
        )
        self.prev_step.disabled = self.step_index == 0
        self.next_step.disabled = self.step_index == len(steps) - 1

    def check_dropout(self) -> None:
        if self.dropout.value is None:
            self.dropout_feedback.error("Välj ett steg, eller att personen tar sig igenom hela tjänsten.")
            return
        persona = self.persona
        checked = guarded(
            self.dropout_feedback,
            lambda: check_dropout(self.set.service, persona, self.dropout.value or None),
        )
        if not checked.ok:
            return
        guess = checked.value
        if guess.correct:
            self.dropout_feedback.ok(guess.feedback)
            self.journey.value = journey_html(persona)
        else:
            self.dropout_feedback.info("Inte riktigt. " + guess.feedback)

    def check_help(self) -> None:
        persona = self.persona
        picked = [hid for hid, box in self.helps.items() if box.value]
        checked_help = guarded(self.help_feedback, lambda: check_help(persona, picked, self.set.helps))
        if not checked_help.ok:
            self.help_details.value = ""
            return
        result = checked_help.value
        titles = {h.id: h.title for h in self.set.helps}
        rows = "".join(
            tag(
                "li",
                raw=tag(
                    "strong",
                    titles[hid]
                    + (": fungerar. " if v is not None and v.works else ": räcker inte. " if v else ": "),
                )
                + esc(text),
            )
            for hid, v, text in zip(picked, result.verdicts, result.feedback, strict=True)
        )
        self.help_details.value = tag("ul", raw=rows)
        if result.all_found:
            self.help_feedback.ok(result.summary)
        else:
            self.help_feedback.info(result.summary)


def facts_html(personas: PersonaSet) -> str:
    return (
        tag("h3", "Fakta om digitalt utanförskap")
        + tag("p", "Personerna ovan är påhittade, men de bygger på de här uppgifterna.")
        + tag("ul", raw="".join(fact_html(f) for f in personas.facts))
    )


class CitizensSection(Section):
    """The card with the personas' walk through an e-service (:attr:`walk`) and the facts behind them."""

    def __init__(self) -> None:
        self.walk = PersonaWalk()
        super().__init__(self.walk, html(facts_html(self.walk.set)))


def citizens_section() -> CitizensSection:
    return CitizensSection()
