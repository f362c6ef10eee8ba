"""Agenda 2030 (module 5): an initiative of the participant's own mapped to the 17 goals (``data/agenda2030.yaml``),
with positive and negative effects and, optionally, targets. Each answer is kept in the personal store as it is
given (module ``modul5``, exercise ``agenda2030``: item ``initiativ`` and one item ``mal-<n>`` per goal); the
summary and a Markdown download follow. The fields of a goal are built when its box is ticked."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from ...agenda2030 import (
    GoalEffect,
    Goals,
    Mapping,
    check_mapping,
    default_goals,
    parse_targets,
    summary_counts,
    to_markdown,
)
from ...errors import DomainError
from ...store import PersonalStore
from ...ui.controls import html, message, reused
from ...ui.download import DownloadLink
from ...ui.feedback import guarded
from ...ui.held import held
from ...ui.html import esc, tag
from ..exercises._common import Openable

MODULE = "modul5"
EXERCISE = "agenda2030"
INITIATIVE = "initiativ"
TITLE = "Agenda 2030: ditt initiativ och de globala målen"
WIDE = {"style": {"description_width": "initial"}, "layout": reused("wrap")}  # one frozen layout for all


class GoalRow(w.VBox):
    """One goal: a checkbox, and (once ticked) positive and negative effects and targets."""

    def __init__(self, number: int, name: str, on_change) -> None:
        self.number = number
        self._on_change = on_change
        self.check = w.Checkbox(value=False, description=name, indent=False, layout=reused("auto"))
        self.check.observe(lambda _: self._toggled(), names="value")
        self.positive: w.Textarea | None = None
        self.negative: w.Textarea | None = None
        self.targets: w.Text | None = None
        self.message = message()
        super().__init__([self.check], layout=reused("plain"))

    def _build(self) -> None:
        if self.positive is not None:
            return
        self.positive = w.Textarea(
            description=f"Mål {self.number}: positiva effekter", continuous_update=False, **WIDE
        )
        self.negative = w.Textarea(
            description=f"Mål {self.number}: negativa effekter", continuous_update=False, **WIDE
        )
        self.targets = w.Text(
            description=f"Mål {self.number}: delmål (valfritt)",
            placeholder=f"till exempel {self.number}.1, {self.number}.2",
            continuous_update=False,
            **WIDE,
        )
        for control in (self.positive, self.negative, self.targets):
            control.observe(lambda _: self._on_change(self), names="value")

    def _toggled(self) -> None:
        if self.check.value:
            self._build()
            self.children = [self.check, self.positive, self.negative, self.targets, self.message]
        else:
            self.children = [self.check]
        self._on_change(self)

    def set(self, effect: GoalEffect | None) -> None:
        """Show a saved ``effect``; the row's observer hears it once, with all four controls set."""
        if effect is None:
            self.check.value = False
            return
        self._build()
        with held(self.check, self.positive, self.negative, self.targets):
            self.positive.value, self.negative.value = effect.positive, effect.negative
            self.targets.value = ", ".join(effect.targets)
            self.check.value = True

    def shows(self, effect: GoalEffect | None) -> bool:
        """Does the row show ``effect`` (None: the goal not ticked) as it stands?"""
        if effect is None or not self.check.value:
            return effect is None and not self.check.value
        typed = (self.positive.value.strip(), self.negative.value.strip(), self.targets.value.strip())
        return typed == (effect.positive, effect.negative, ", ".join(effect.targets))

    def effect(self) -> GoalEffect | None:
        """The goal's effect as given (None when not ticked); targets that are wrong raise DomainError."""
        if not self.check.value:
            return None
        targets = parse_targets(self.targets.value, self.number, f"mal-{self.number}.targets")
        return GoalEffect(self.number, self.positive.value.strip(), self.negative.value.strip(), targets)


class AgendaMapping(Openable):
    def __init__(self, store: PersonalStore, goals: Goals | None = None, today=None) -> None:
        self.store = store
        self.goals = goals or default_goals()
        self.today = today or dt.date.today
        # The initiative and effects as read or saved: what the controls show. An observer saves only what
        # differs from them, so showing them (build, load) never saves them again.
        self._initiative = ""
        self._effects: dict[int, GoalEffect] = {}
        self.initiative: w.Text | None = None
        self.rows: dict[int, GoalRow] = {}
        self.message = message()
        self.summary = html()
        self.download = DownloadLink(layout=reused("plain"), style=reused("html"))
        g = self.goals
        intro = html(
            tag("h2", TITLE)
            + tag(
                "p",
                f"{g.about} Välj ett initiativ i din egen verksamhet – digitalt eller inte – och markera de mål det "
                "påverkar. Skriv både positiva och negativa effekter: ett initiativ kan hjälpa ett mål och skada ett annat.",
            )
            + tag("p", f"Källa: {g.source} Målens namn: {g.titles_source}", cls="dk-source")
            + tag("p", "Dina svar sparas i din egen lärlogg när du skriver.", cls="dk-muted")
        )
        super().__init__(TITLE, [intro], [self.message, self.summary, self.download])
        self.refresh()

    def build(self) -> list[w.Widget]:
        self.initiative = w.Text(
            value=self._initiative,
            description="Vilket initiativ gäller det?",
            placeholder="Till exempel: digital nämndhantering",
            continuous_update=False,
            **WIDE,
        )
        self.initiative.observe(lambda _: self._initiative_changed(), names="value")
        for goal in self.goals.goals:
            row = GoalRow(goal.number, goal.name, self._goal_changed)
            row.set(self._effects.get(goal.number))
            self.rows[goal.number] = row
        return [self.initiative, html(tag("h3", "De 17 globala målen")), *self.rows.values()]

    def _initiative_changed(self) -> None:
        if self.initiative.value == self._initiative:
            return
        self._initiative = self.initiative.value.strip()
        guarded(
            self.message, lambda: self.store.record_answer(MODULE, EXERCISE, INITIATIVE, self._initiative)
        )
        self.refresh()

    def _goal_changed(self, row: GoalRow) -> None:
        row.message.clear()
        if row.shows(self._effects.get(row.number)):
            return
        try:
            effect = row.effect()
        except DomainError as exc:
            row.message.error(exc.message)
            return
        item = f"mal-{row.number}"
        if effect is None:
            self._effects.pop(row.number, None)
            value = None
        else:
            self._effects[row.number] = effect
            value = effect.to_value()
        guarded(self.message, lambda: self.store.record_answer(MODULE, EXERCISE, item, value))
        self.refresh()

    def mapping(self) -> Mapping:
        effects = tuple(self._effects[n] for n in sorted(self._effects))
        return Mapping(self._initiative, effects)

    def load(self) -> None:
        saved = guarded(self.message, lambda: self.store.latest_answers(MODULE, EXERCISE)).value_or({})
        self._initiative, self._effects = "", {}
        numbers = {g.number for g in self.goals.goals}
        for (_, item), answer in saved.items():
            if item == INITIATIVE and isinstance(answer.value, str):
                self._initiative = answer.value
            elif item.startswith("mal-") and item[4:].isdigit() and int(item[4:]) in numbers:
                effect = GoalEffect.from_value(int(item[4:]), answer.value)
                if effect is not None:
                    self._effects[effect.goal] = effect
        if self.built:
            self.initiative.value = self._initiative
            for number, row in self.rows.items():
                row.set(self._effects.get(number))
        self.refresh()

    def refresh(self) -> None:
        checked = guarded(self.message, lambda: check_mapping(self.mapping(), self.goals))
        if not checked.ok:
            return
        mapping = checked.value
        count, positive, negative = summary_counts(mapping.effects)
        if not count:
            self.summary.value = tag(
                "p",
                "Markera de mål ditt initiativ påverkar, så visas en sammanfattning här.",
                cls="dk-muted",
                role="status",
            )
            self.download.value = ""
            return
        items = "".join(
            tag(
                "li",
                raw=tag("strong", self.goals.get(e.goal).name)
                + (f" (delmål {esc(', '.join(e.targets))})" if e.targets else "")
                + tag("div", f"Positivt: {e.positive or '–'}. Negativt: {e.negative or '–'}."),
            )
            for e in mapping.effects
        )
        self.summary.value = (
            tag("h3", f"Sammanfattning: {mapping.initiative or 'ditt initiativ'}")
            + tag(
                "p",
                f"{count} av {len(self.goals.goals)} mål markerade; {positive} med positiva och {negative} med negativa effekter.",
                role="status",
            )
            + tag("ul", raw=items)
        )
        text = to_markdown(mapping, self.goals, self.today())
        self.download.set(
            "agenda2030.md",
            "text/markdown",
            text.encode("utf-8"),
            "Ladda ned kopplingen till Agenda 2030 som Markdown-fil",
        )


def agenda_section(store: PersonalStore) -> AgendaMapping:
    """The mapping as a card of the page, its earlier answers read (call after the visit has started)."""
    from .climate import card

    mapping = AgendaMapping(store)
    mapping.load()
    return card(mapping)
