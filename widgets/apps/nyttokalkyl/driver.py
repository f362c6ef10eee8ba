"""Räkna fram ett belopp: build an item's amount from documented building blocks (a driver).

Hours per year × hourly cost; cases per year × minutes per case ÷ 60 × hourly cost; quantity × unit price —
each factor a three-point estimate, with an optional share (e.g. the share of calls a chatbot takes). The hourly
cost is typed in, or computed from a monthly salary by Inera's rule (÷ 142 × 1,54) or with SKR's PO-pålägg, and
the rule's source is shown. The result becomes a new item row whose amount is the driver (read-only there).

The controls are built on first use, so the page does not pay for them until someone asks.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ... import fmt
from ...benefit import Driver, Estimate
from ...benefit import factors as bfactors
from ...benefit import texts as btexts
from ...ui.feedback import Message, guarded
from ...ui.html import tag
from . import fields

KIND_OPTIONS = [(btexts.cap(btexts.DRIVER_LABELS[kind]), kind) for kind in btexts.DRIVER_KINDS]
DIRECT, INERA, PO = "direct", btexts.SALARY_INERA, btexts.SALARY_PO
HOURLY_OPTIONS = [
    ("Jag anger timkostnaden (kr per timme)", DIRECT),
    ("Från månadslön, Ineras regel (÷ 142 × 1,54)", INERA),
    ("Från månadslön med PO-pålägg (SKR)", PO),
]
PERCENT_FACTORS = btexts.OPTIONAL_FACTORS  # the share: typed in percent, optional


def factor_name(name: str) -> str:
    """What a factor's boxes are called: the model's label, with the unit the participant types in."""
    label = btexts.cap(btexts.FACTOR_LABELS[name])
    return f"{label} (%)" if name in PERCENT_FACTORS else label


class FactorFields(w.HBox):
    """Low, likely and high for one factor; empty low/high mean the same as likely."""

    def __init__(self, name: str, on_change: Callable[[], None]) -> None:
        self.name = name
        label = factor_name(name)
        optional = name in PERCENT_FACTORS
        self.likely = fields.text_field(
            f"{label}, troligt", "", "15em", "Valfritt: tomt = ingen andel" if optional else ""
        )
        self.low = fields.text_field(f"{label}, lågt", "", "13em", "Tomt = samma som troligt")
        self.high = fields.text_field(f"{label}, högt", "", "13em", "Tomt = samma som troligt")
        for box in (self.likely, self.low, self.high):
            box.observe(lambda _: on_change(), "value")
        super().__init__([self.likely, self.low, self.high], layout=fields.row_layout())

    def estimate(self) -> Estimate | None:
        """The three-point estimate, or None for an empty optional factor; DomainError names the box."""
        if self.name in PERCENT_FACTORS and not self.likely.value.strip():
            return None
        field = f"driver.{self.name}"
        likely = fields.number(self.likely, f"{field}.likely")
        low = fields.optional_number(self.low, f"{field}.low")
        high = fields.optional_number(self.high, f"{field}.high")
        if self.name in PERCENT_FACTORS:
            likely, low, high = (None if v is None else v / 100 for v in (likely, low, high))
        return Estimate(likely, low, high)


class DriverBuilder(w.VBox):
    """A collapsed panel; ``on_add(driver, kind)`` receives the finished driver and "nytta"/"kostnad"."""

    def __init__(self, on_add: Callable[[Driver, str], None]) -> None:
        self._on_add = on_add
        self.toggle = w.Button(
            description="Räkna fram ett belopp",
            icon="calculator",
            tooltip="Bygg beloppet av timmar, ärenden, timkostnad eller antal × pris",
        )
        self.toggle.on_click(lambda _: self.expand() if not self.is_open else self.collapse())
        self.body = w.VBox()
        self.is_open = False
        super().__init__([self.toggle, self.body])
        self.add_class("dk-driver-builder")

    # --- building on first use ---------------------------------------------------------------------------

    def expand(self) -> None:
        if not hasattr(self, "kind"):
            self._build()
        self.body.layout.display = None
        self.is_open = True
        self.toggle.description = "Stäng beräkningen"

    def collapse(self) -> None:
        self.body.layout.display = "none"
        self.is_open = False
        self.toggle.description = "Räkna fram ett belopp"

    def _build(self) -> None:
        self.kind = fields.dropdown("Beräkning", KIND_OPTIONS, btexts.DRIVER_TIME)
        self.hourly = fields.dropdown("Timkostnad", HOURLY_OPTIONS, DIRECT)
        self.po_rate = fields.text_field("PO-pålägg (%)", fmt.number(bfactors.PO_MUNICIPALITIES * 100, 2),
                                         "12em", "SKR 2021: kommuner 40,15 %, regioner 46,15 %")  # fmt: skip
        self.factor_box = w.VBox()
        self.result = w.HTML()
        self.message = Message()
        self.add_benefit = w.Button(description="Lägg till som nytta", icon="plus")
        self.add_cost = w.Button(description="Lägg till som kostnad", icon="plus")
        self.add_benefit.on_click(lambda _: self.add(btexts.BENEFIT))
        self.add_cost.on_click(lambda _: self.add(btexts.COST))
        self.factors: dict[str, FactorFields] = {}
        for control in (self.kind, self.hourly):
            control.observe(lambda _: self._layout_factors(), "value")
        self.po_rate.observe(lambda _: self.recompute(), "value")
        intro = tag(
            "p",
            "Bygg en posts belopp per år av delar som går att kontrollera, med lågt, troligt och högt värde "
            "för varje del. Andelen är valfri (till exempel den andel av samtalen som en chattbot tar). "
            "Posten läggs till sist i listan; rubrik, kategori och år ändrar du där.",
        )
        self.body.children = [
            w.HTML(intro),
            w.HBox([self.kind, self.hourly, self.po_rate], layout=fields.row_layout()),
            self.factor_box,
            self.result,
            self.message,
            w.HBox([self.add_benefit, self.add_cost], layout=fields.row_layout()),
        ]
        self._layout_factors()

    def _names(self) -> list[str]:
        salary = self.hourly.value != DIRECT
        names = [
            "monthly_salary" if name == "hourly_cost" and salary else name
            for name in btexts.DRIVER_FACTORS[self.kind.value]
        ]
        return [*names, "share"]

    def _layout_factors(self) -> None:
        """Show the boxes the chosen calculation needs; typed values stay when a factor stays."""
        needs_salary = "hourly_cost" in btexts.DRIVER_FACTORS[self.kind.value]
        self.hourly.layout.display = None if needs_salary else "none"
        self.po_rate.layout.display = None if needs_salary and self.hourly.value == PO else "none"
        names = self._names()
        for name in names:
            if name not in self.factors:
                self.factors[name] = FactorFields(name, self.recompute)
        self.factor_box.children = [self.factors[name] for name in names]
        self.recompute()

    # --- the model ---------------------------------------------------------------------------------------

    def build_driver(self) -> Driver:
        """The driver the boxes describe; a DomainError names the box that is wrong."""
        names = self._names()
        values = {name: self.factors[name].estimate() for name in names}
        method, po_rate = btexts.SALARY_INERA, None
        if "monthly_salary" in values:
            method = self.hourly.value
            if method == PO:
                po_rate = fields.number(self.po_rate, "driver.po_rate") / 100
        return Driver(self.kind.value, salary_method=method, po_rate=po_rate, **values)

    def recompute(self) -> Driver | None:
        """Show the amount per year (and the hourly cost with its source), or the problem beside the boxes."""
        if not self.factors:
            return None
        required = [name for name in self._names() if name not in PERCENT_FACTORS]
        if not all(self.factors[name].likely.value.strip() for name in required):
            self.result.value = tag("p", "Fyll i de tomma rutorna för troligt värde.", cls="dk-muted")
            self.message.clear()
            return None
        driver = guarded(self.message, self.build_driver)
        if driver is None:
            self.result.value = ""
            return None
        self.message.clear()
        self.result.value = result_html(driver)
        return driver

    def add(self, kind: str) -> None:
        driver = self.recompute()
        if driver is None:
            if not self.message.has_error:
                self.message.error("Fyll i de tomma rutorna för troligt värde först.")
            return
        self._on_add(driver, kind)


def result_html(driver: Driver) -> str:
    """The amount per year at low, likely and high, and for a salary, the hourly cost with its rule and source."""
    parts = [
        tag(
            "p",
            f"Belopp per år: {fmt.sek(driver.amount('likely'))} (lågt {fmt.sek(driver.amount('low'))}, "
            f"högt {fmt.sek(driver.amount('high'))}). Beräkning: {btexts.DRIVER_LABELS[driver.kind]}.",
            cls="dk-driver-result",
        )
    ]
    if driver.monthly_salary is not None:
        cost = bfactors.hourly_cost(driver.monthly_salary.likely, driver.salary_method, driver.po_rate)
        parts.append(
            tag(
                "p", f"Timkostnad: {fmt.sek(cost.value)} per timme ({cost.explanation}). Källa: {cost.source}"
            )
        )
    return "".join(parts)
