"""The nyttorealiseringsplan tab, after DIGG's template: one form per benefit, stored with the case.

The form follows the case's benefits: a new benefit gets an empty form, a removed one loses its form, and an
entry is only stored when something has been written in it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import ipywidgets as w

from ...benefit import Case, PlanEntry, Result
from ...benefit import texts as btexts
from ...errors import DomainError
from ...ui.controls import message
from ...ui.html import tag
from ...ui.lazy import BuiltWhenShown
from .fields import WIDE

#: PlanEntry field → (visible description, multi-line?)
FIELDS = {
    "owner": ("Ansvarig (nyttoägare)", False),
    "indicator": ("Indikator (vad mäts)", False),
    "baseline": ("Nuläge (utgångsvärde)", False),
    "target": ("Målvärde", False),
    "measurement": ("Mätmetod och frekvens", False),
    "follow_up": ("Uppföljningsdatum (ÅÅÅÅ-MM-DD, skilj med komma)", False),
    "risks": ("Risker", True),
    "preconditions": ("Förutsättningar", True),
}


def benefit_labels(case: Case) -> list[str]:
    """Benefit labels over all alternatives, in order, each once."""
    seen: dict[str, None] = {}
    for alternative in case.alternatives:
        for item in alternative.items:
            if item.kind == btexts.BENEFIT:
                seen.setdefault(item.label, None)
    return list(seen)


def parse_dates(text: str) -> tuple[str, ...]:
    """``2026-10-01, 2027-04-01`` → a tuple of ISO dates; a bad date gives a Swedish message."""
    out = []
    for raw in text.replace(";", ",").split(","):
        part = raw.strip()
        if not part:
            continue
        try:
            dt.date.fromisoformat(part)
        except ValueError:
            raise DomainError(
                "follow_up", f"Uppföljningsdatum: ”{part}” är inte ett datum. Skriv till exempel 2026-10-01."
            ) from None
        out.append(part)
    return tuple(out)


class PlanForm(w.VBox):
    """The plan for one benefit."""

    def __init__(self, entry: PlanEntry, on_change: Callable[[], None]) -> None:
        self.benefit = entry.benefit
        self.controls: dict[str, w.Text | w.Textarea] = {}
        for key, (description, multiline) in FIELDS.items():
            value = ", ".join(entry.follow_up) if key == "follow_up" else getattr(entry, key)
            cls = w.Textarea if multiline else w.Text
            control = cls(
                value=value,
                description=description,
                continuous_update=False,
                style=WIDE,
                layout=w.Layout(width="100%", max_width="48em"),
            )
            control.observe(lambda _: on_change(), "value")
            self.controls[key] = control
        self.message = message()
        super().__init__(
            [w.HTML(tag("h3", f"Nytta: {entry.benefit}")), *self.controls.values(), self.message],
            layout=w.Layout(border_bottom="1px solid #d0d6dd", padding="0 0 0.8em"),
        )

    def entry(self) -> PlanEntry:
        values = {key: control.value.strip() for key, control in self.controls.items() if key != "follow_up"}
        return PlanEntry(self.benefit, follow_up=parse_dates(self.controls["follow_up"].value), **values)


def is_empty(entry: PlanEntry) -> bool:
    return not any(getattr(entry, f.name) for f in dataclasses.fields(entry) if f.name != "benefit")


class PlanView(BuiltWhenShown):
    """One form per benefit; ``entries()`` gives the filled-in ones for the case. Until the tab is first shown the
    plan is kept as entries (``_entries``); the forms are built from them then."""

    def __init__(self, on_change: Callable[[], None]) -> None:
        super().__init__()
        self._on_change = on_change
        self.forms: dict[str, PlanForm] = {}
        self._entries: dict[str, PlanEntry] = {}

    def build(self) -> list[w.Widget]:
        self.forms_box = w.VBox()
        self.forms = {label: PlanForm(entry, self._on_change) for label, entry in self._entries.items()}
        self._show()
        intro = tag(
            "p",
            "Nyttorealiseringsplanen följer DIGG:s mall: för varje nytta vem som äger den, hur den mäts, "
            "nuläge och mål, när den följs upp och vad som kan hindra den. Planen sparas och exporteras "
            "tillsammans med kalkylen.",
        )
        return [w.HTML(tag("h2", "Nyttorealiseringsplan") + intro), self.forms_box]

    def load(self, case: Case) -> None:
        """Forms for the case's benefits, filled from its stored plan."""
        stored = {entry.benefit: entry for entry in case.realisation_plan}
        self._entries = {label: stored.get(label, PlanEntry(label)) for label in benefit_labels(case)}
        if self.built:
            self.forms = {label: PlanForm(entry, self._on_change) for label, entry in self._entries.items()}
            self._show()

    def sync(self, case: Case) -> None:
        """Follow renamed, added and removed benefits without losing what was written for the others."""
        labels = benefit_labels(case)
        if not self.built:
            if labels != list(self._entries):
                self._entries = {label: self._entries.get(label) or PlanEntry(label) for label in labels}
            return
        if labels == list(self.forms):
            return
        self.forms = {
            label: self.forms.get(label) or PlanForm(PlanEntry(label), self._on_change) for label in labels
        }
        self._show()

    def _show(self) -> None:
        if self.forms:
            self.forms_box.children = tuple(self.forms.values())
        else:
            self.forms_box.children = (
                w.HTML(tag("p", "Kalkylen har inga nyttor än. Lägg till en nytta under fliken Poster.")),
            )

    def entries(self) -> tuple[PlanEntry, ...] | None:
        """The filled-in entries, or None after showing a bad date beside its form."""
        if not self.built:
            return tuple(entry for entry in self._entries.values() if not is_empty(entry))
        out, ok = [], True
        for form in self.forms.values():
            try:
                entry = form.entry()
                form.message.clear()
            except DomainError as exc:
                form.message.error(exc.message)
                ok = False
                continue
            if not is_empty(entry):
                out.append(entry)
        return tuple(out) if ok else None

    def update(self, case: Case, alternative: int, result: Result) -> None:
        """Nothing to redraw: the forms follow the case in :meth:`sync`."""
