"""The case's own fields: name, discount rate (in %), horizon with the years it covers, start year, alternative.

Each field has its message under it; the model (:class:`~widgets.benefit.Case`) decides what is valid.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ...benefit import Case
from ...benefit.model import MAX_HORIZON
from ...benefit.period import period_text
from ...errors import DomainError
from ...ui.controls import html, message
from ...ui.html import tag
from . import fields


class CaseFields(w.VBox):
    """Name, discount rate (in %), horizon, start year and which alternative is shown, each with its message."""

    def __init__(self, on_change: Callable[[], None], on_alternative: Callable[[int], None]) -> None:
        self.name = fields.text_field("Kalkylens namn", "", "28em")
        self.rate = fields.tidy_on_commit(
            fields.text_field("Kalkylränta (%)", "", "13em", "Real kalkylränta, t.ex. 3,5"), 4
        )
        self.horizon = fields.text_field("Kalkylperiod (år)", "", "12em", "Antal år med startåret inräknat")
        self.period = html()  # "år 0–4, 2026–2030": the years the period covers, next to the field
        self.period.add_class("dk-period")
        self.start_year = fields.text_field("Startår", "", "10em")
        self.alternative = fields.dropdown("Alternativ", [("E-tjänst", 0)], 0, "auto")
        self.messages = {key: message() for key in ("name", "discount_rate", "horizon_years", "start_year")}
        self.general = message()
        # Kept (see NyttokalkylApp._loading): load() writes four fields and the alternatives, and the app wants
        # one recompute after them, not one per half-written case.
        self._loading = False
        for control in (self.horizon, self.start_year):
            control.observe(lambda _: self.show_period(), "value")
        for control in (self.name, self.rate, self.horizon, self.start_year):
            fields.on_commit(control, lambda: self._changed(on_change))
        self.alternative.observe(
            lambda change: None if self._loading else on_alternative(change["new"]), "value"
        )
        wrap = fields.row_layout()

        def cell(control, key, width=None):
            # The message wraps under its own field (the cell keeps its width), never pushing the neighbours.
            width = width or control.layout.width
            return w.VBox([control, self.messages[key]], layout=w.Layout(width=width))

        super().__init__(
            [
                w.HBox([cell(self.name, "name"), self.alternative], layout=wrap),
                w.HBox(
                    [
                        cell(self.rate, "discount_rate"),
                        cell(w.HBox([self.horizon, self.period]), "horizon_years", "26em"),
                        cell(self.start_year, "start_year"),
                    ],
                    layout=wrap,
                ),
                self.general,
            ]
        )

    def _changed(self, on_change: Callable[[], None]) -> None:
        if not self._loading:
            on_change()

    def load(self, case: Case, alternative: int = 0) -> None:
        self._loading = True
        try:
            self.name.value = case.name
            self.rate.value = fields.plain(case.discount_rate * 100, 4)
            self.horizon.value = str(case.horizon_years)
            self.start_year.value = str(case.start_year)
            self.show_period()
            self.set_alternatives(case, alternative)
            self.clear()
        finally:
            self._loading = False

    def set_alternatives(self, case: Case, index: int) -> None:
        loading, self._loading = self._loading, True
        try:
            options = tuple((alt.name, i) for i, alt in enumerate(case.alternatives))
            if tuple(self.alternative.options) != options:  # resend only when a name or the count changed
                self.alternative.options = options
            self.alternative.value = index
        finally:
            self._loading = loading

    def clear(self) -> None:
        for shown in self.messages.values():
            shown.clear()
        self.general.clear()

    def show_period(self) -> None:
        """The years the period covers, as typed so far (nothing while a box is not a valid number)."""
        try:
            horizon = fields.integer(self.horizon, "horizon_years")
            start = fields.integer(self.start_year, "start_year")
        except DomainError:
            horizon = start = 0
        ok = 1 <= horizon <= MAX_HORIZON and 1900 <= start <= 2200
        self.period.value = tag("span", period_text(horizon, start)) if ok else ""

    def parse(self) -> dict | None:
        """The fields as Case keyword arguments, or None after showing each field's error beside it."""
        out, ok = {}, True
        parsers = {
            "name": self.name.value.strip,
            "discount_rate": lambda: fields.number(self.rate, "discount_rate", "3,5") / 100,
            "horizon_years": lambda: fields.integer(self.horizon, "horizon_years", "5"),
            "start_year": lambda: fields.integer(self.start_year, "start_year", "2026"),
        }
        for key, parse in parsers.items():
            try:
                out[key] = parse()
                self.messages[key].clear()
            except DomainError as exc:
                self.messages[key].error(exc.message)
                ok = False
        return out if ok else None

    def show_error(self, field: str, text: str) -> None:
        self.messages.get(field, self.general).error(text)
