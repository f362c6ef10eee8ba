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
from ...ui.download import DownloadLink
from ...ui.feedback import Message, guarded
from ...ui.html import esc, tag
from ..sections import hidden_label, section

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


class InclusionCheck(w.VBox):
    """One row of labelled toggle buttons per checklist item; the action list follows every answer."""

    def __init__(self, store: PersonalStore, checklist: Checklist | None = None, today=None) -> None:
        self.store = store
        self.checklist = checklist or default_checklist()
        self.today = today or dt.date.today
        self._loading = False
        self.service = w.Text(
            description="Vilken tjänst gäller det?",
            placeholder="Till exempel: ansökan om bygglov",
            style={"description_width": "initial"},
            continuous_update=False,
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.service.observe(self._service_changed, names="value")
        options = [(a.text, a.id) for a in self.checklist.answers]
        self.controls: dict[str, w.ToggleButtons] = {}
        rows: list[w.Widget] = []
        for area in self.checklist.areas:
            rows.append(
                w.HTML(
                    tag("h4", area.title)
                    + tag("p", f"Källa: {' '.join(area.source.split())}", cls="dk-source")
                )
            )
            for item in area.items:
                rows.append(
                    w.HTML(
                        tag("p", item.question) + (tag("p", item.help, cls="dk-muted") if item.help else "")
                    )
                )
                control = hidden_label(
                    w.ToggleButtons(options=options, value=None, description=item.question)
                )
                control.add_class("dk-statement")
                control.observe(self._answered(item.id), names="value")
                self.controls[item.id] = control
                rows.append(control)
        self.message = Message()
        self.plan = w.HTML()
        self.download = DownloadLink()
        intro = w.HTML(
            tag("h2", self.checklist.title)
            + (tag("p", self.checklist.intro) if self.checklist.intro else "")
            + tag("p", "Dina svar sparas i din egen lärlogg när du svarar.", cls="dk-muted")
        )
        super().__init__(
            [
                intro,
                self.service,
                *rows,
                self.message,
                w.HTML(tag("h3", "Din åtgärdslista")),
                self.plan,
                self.download,
            ]
        )
        self.refresh()

    def answers(self) -> dict[str, str]:
        return {iid: c.value for iid, c in self.controls.items() if c.value is not None}

    def _answered(self, item_id: str):
        def on_value(change) -> None:
            if self._loading or change["new"] is None:
                return
            guarded(self.message, lambda: self.store.record_answer(MODULE, EXERCISE, item_id, change["new"]))
            self.refresh()

        return on_value

    def _service_changed(self, change) -> None:
        if self._loading:
            return
        guarded(
            self.message,
            lambda: self.store.record_answer(MODULE, EXERCISE, SERVICE_ITEM, change["new"].strip()),
        )
        self.refresh()

    def load(self) -> None:
        """Show the earlier answers (call after the visit has started)."""
        saved = guarded(self.message, lambda: self.store.latest_answers(MODULE, EXERCISE)) or {}
        self._loading = True
        try:
            for (_, item_id), answer in saved.items():
                if item_id == SERVICE_ITEM and isinstance(answer.value, str):
                    self.service.value = answer.value
                elif item_id in self.controls and answer.value in self.controls[item_id]._options_values:
                    self.controls[item_id].value = answer.value
        finally:
            self._loading = False
        self.refresh()

    def refresh(self) -> None:
        plan = guarded(self.message, lambda: action_plan(self.answers(), self.checklist))
        if plan is None:
            return
        self.current = plan
        self.plan.value = plan_html(plan)
        if plan.actions:
            text = plan_markdown(plan, self.checklist, self.service.value.strip(), self.today())
            self.download.set(
                "atgardslista.md",
                "text/markdown",
                text.encode("utf-8"),
                "Ladda ned åtgärdslistan som Markdown-fil",
            )
        else:
            self.download.value = ""

    def markdown(self) -> str:
        return plan_markdown(self.current, self.checklist, self.service.value.strip(), self.today())


def inclusion_section(store: PersonalStore) -> w.VBox:
    check = InclusionCheck(store)
    check.load()
    box = section(check)
    box.check = check
    return box
