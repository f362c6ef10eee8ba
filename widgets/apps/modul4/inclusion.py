"""The inclusion, equality and accessibility check for a service the participant owns: the checklist
(``data/inkludering.yaml``) answered item by item, each answer kept in the personal store (module ``modul4``,
exercise ``inkludering``), and :func:`~widgets.modul4.action_plan` as a short Swedish action list with a
Markdown download."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from ... import fmt
from ...modul4 import ActionPlan, Checklist, action_plan, default_checklist
from ...store import PersonalStore
from ...ui.controls import hidden_label, html, message, reused
from ...ui.download import DownloadLink
from ...ui.feedback import guarded
from ...ui.html import esc, tag
from ..exercises._common import Openable
from ..sections import Section

MODULE = "modul4"
EXERCISE = "inkludering"
SERVICE_ITEM = "tjanst"  # the service's name, kept with the answers


def plan_html(plan: ActionPlan) -> str:
    if not plan.actions:
        status = (
            "Svara på frågorna så visas en kort åtgärdslista här."
            if len(plan.unanswered) == plan.total
            else "Inga åtgärder behövs utifrån dina svar hittills."
        )
        return tag("p", status, cls="dk-muted", role="status")
    rows = "".join(
        tag(
            "li",
            raw=esc(a.text)
            + " "
            + tag("span", f"({a.area.title}. Källa: {a.item.source.strip()})", cls="dk-source"),
        )
        for a in plan.actions
    )
    more = tag("p", f"Ytterligare {plan.more} åtgärder finns; börja med dessa.") if plan.more else ""
    counts = tag(
        "p",
        f"{plan.total - len(plan.unanswered)} av {plan.total} frågor besvarade; {plan.done} utan behov av åtgärd.",
        cls="dk-muted",
        role="status",
    )
    return tag("ol", raw=rows) + more + counts


def plan_markdown(plan: ActionPlan, checklist: Checklist, service: str, today: dt.date) -> str:
    name = (service or "min tjänst").replace("<", "&lt;")  # the participant's text must not become HTML
    lines = [f"# Åtgärdslista: {name}", "", f"{checklist.title}. Sparad {fmt.date(today)}.", ""]
    lines += list(plan.lines()) or ["Inga åtgärder utifrån svaren."]
    if plan.more:
        lines += ["", f"Ytterligare {plan.more} åtgärder finns."]
    lines += ["", "## Källor", ""]
    sources = dict.fromkeys(f"- {a.area.title}: {' '.join(a.item.source.split())}" for a in plan.actions)
    lines += list(sources)
    return "\n".join(lines) + "\n"


class InclusionCheck(Openable):
    """One row of labelled toggle buttons per checklist item, built when the check is opened; the action list
    (always shown, below) follows every answer."""

    def __init__(self, store: PersonalStore, checklist: Checklist | None = None, today=None) -> None:
        self.store = store
        self.checklist = checklist or default_checklist()
        self.today = today or dt.date.today
        self._loaded = False
        # The saved answers (item id → answer) and service, as read or saved: what the controls show. An observer
        # saves only a value that differs from them, so showing them (load) never saves them again.
        self._saved: dict[str, str] = {}
        self._service = ""
        self.service: w.Text | None = None
        self.controls: dict[str, w.ToggleButtons] = {}
        self.message = message()
        self.plan = html()
        self.download = DownloadLink(layout=reused("plain"), style=reused("html"))
        intro = html(
            tag("h2", self.checklist.title)
            + (tag("p", self.checklist.intro) if self.checklist.intro else "")
            + tag("p", "Dina svar sparas i din egen lärlogg när du svarar.", cls="dk-muted")
        )
        super().__init__(self.checklist.title, [intro], [self.message, self.plan, self.download])
        self.refresh()

    def build(self) -> list[w.Widget]:
        self.service = w.Text(
            value=self._service,
            description="Vilken tjänst gäller det?",
            placeholder="Till exempel: ansökan om bygglov",
            style={"description_width": "initial"},
            continuous_update=False,
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.service.observe(self._service_changed, names="value")
        options = [(a.text, a.id) for a in self.checklist.answers]
        rows: list[w.Widget] = [self.service]
        for area in self.checklist.areas:
            heading = tag("h4", area.title) + tag(
                "p", f"Källa: {' '.join(area.source.split())}", cls="dk-source"
            )
            for item in area.items:
                # the area's heading on its first item's text: fewer widgets for the browser
                text = tag("p", item.question) + (tag("p", item.help, cls="dk-muted") if item.help else "")
                rows.append(html(heading + text))
                heading = ""
                control = hidden_label(
                    w.ToggleButtons(
                        options=options,
                        value=self._saved.get(item.id),
                        description=item.question,
                        layout=reused("plain"),
                        style=reused("toggles"),
                    )
                )
                control.add_class("dk-statement")
                control.observe(self._answered(item.id), names="value")
                self.controls[item.id] = control
                rows.append(control)
            if heading:
                rows.append(html(heading))
        return rows

    def opened(self) -> None:
        if self._loaded:
            self.load()  # the answers as saved now

    def answers(self) -> dict[str, str]:
        if not self.built:
            return dict(self._saved)
        return {iid: c.value for iid, c in self.controls.items() if c.value is not None}

    @property
    def service_name(self) -> str:
        return (self.service.value if self.service is not None else self._service).strip()

    def _answered(self, item_id: str):
        def on_value(change) -> None:
            value = change["new"]
            if value is None or value == self._saved.get(item_id):
                return
            if guarded(self.message, lambda: self.store.record_answer(MODULE, EXERCISE, item_id, value)).ok:
                self._saved[item_id] = value
            self.refresh()

        return on_value

    def _service_changed(self, change) -> None:
        if change["new"] == self._service:
            return
        service = change["new"].strip()
        if guarded(
            self.message, lambda: self.store.record_answer(MODULE, EXERCISE, SERVICE_ITEM, service)
        ).ok:
            self._service = service
        self.refresh()

    def load(self) -> None:
        """Read the earlier answers (call after the visit has started): the action list, and the controls if
        they are built."""
        self._loaded = True
        saved = guarded(self.message, lambda: self.store.latest_answers(MODULE, EXERCISE)).value_or({})
        known = {a.id for a in self.checklist.answers}
        items = {item.id for area in self.checklist.areas for item in area.items}
        self._saved, self._service = {}, ""
        for (_, item_id), answer in saved.items():
            if item_id == SERVICE_ITEM and isinstance(answer.value, str):
                self._service = answer.value
            elif item_id in items and answer.value in known:
                self._saved[item_id] = answer.value
        if self.built:
            self.service.value = self._service
            for item_id, control in self.controls.items():
                control.value = self._saved.get(item_id)
        self.refresh()

    def refresh(self) -> None:
        planned = guarded(self.message, lambda: action_plan(self.answers(), self.checklist))
        if not planned.ok:
            return
        plan = planned.value
        self.current = plan
        self.plan.value = tag("h3", "Din åtgärdslista") + plan_html(plan)
        if plan.actions:
            text = plan_markdown(plan, self.checklist, self.service_name, self.today())
            self.download.set(
                "atgardslista.md",
                "text/markdown",
                text.encode("utf-8"),
                "Ladda ned åtgärdslistan som Markdown-fil",
            )
        else:
            self.download.value = ""

    def markdown(self) -> str:
        return plan_markdown(self.current, self.checklist, self.service_name, self.today())


class InclusionSection(Section):
    """The card with the inclusion, equality and accessibility check (:attr:`check`)."""

    def __init__(self, store: PersonalStore) -> None:
        self.check = InclusionCheck(store)
        self.check.load()
        super().__init__(self.check)


def inclusion_section(store: PersonalStore) -> InclusionSection:
    """Called after the visit has started: it reads the saved answers."""
    return InclusionSection(store)
