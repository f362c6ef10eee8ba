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
from ...ui.controls import message
from ...ui.feedback import guarded
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


EXAMPLES = {  # an example of each factor's own kind, for the error line
    "hours_per_year": "1 500",
    "cases_per_year": "4 500",
    "minutes_per_case": "12",
    "quantity": "200",
    "unit_price": "1 200",
    "share": "25",
    "hourly_cost": "450",
    "monthly_salary": "35 000",
}
BOX_WIDTH = "9em"  # room for 1 234 567,5


class FactorFields:
    """Low, likely and high for one factor: a row of the builder's grid (name, lågt, troligt, högt).

    Each box keeps its full name (``Minuter per ärende, troligt``) as its accessible name; on screen the row's
    name and the grid's column headings say it. Empty low/high mean the same as likely.
    """

    def __init__(self, name: str, on_change: Callable[[], None]) -> None:
        self.name = name
        label = factor_name(name)
        optional = name in PERCENT_FACTORS
        self.likely = fields.text_field(
            f"{label}, troligt", "", BOX_WIDTH, "Valfritt: tomt = ingen andel" if optional else ""
        )
        self.low = fields.text_field(f"{label}, lågt", "", BOX_WIDTH, "Tomt = samma som troligt")
        self.high = fields.text_field(f"{label}, högt", "", BOX_WIDTH, "Tomt = samma som troligt")
        for box in (self.low, self.likely, self.high):
            fields.bare(fields.tidy_on_commit(box), BOX_WIDTH)
            fields.on_commit(box, on_change)
        heading = label + (", valfri" if optional else "")
        self.cells = [w.HTML(tag("span", heading, cls="dk-factor-name")), self.low, self.likely, self.high]

    def estimate(self) -> Estimate | None:
        """The three-point estimate, or None for an empty optional factor; DomainError names the box."""
        if self.name in PERCENT_FACTORS and not self.likely.value.strip():
            return None
        field, example = f"driver.{self.name}", EXAMPLES[self.name]
        likely = fields.number(self.likely, f"{field}.likely", example)
        low = fields.optional_number(self.low, f"{field}.low", example)
        high = fields.optional_number(self.high, f"{field}.high", example)
        if self.name in PERCENT_FACTORS:
            likely, low, high = (None if v is None else v / 100 for v in (likely, low, high))
        return Estimate(likely, low, high)


def factor_grid() -> w.GridBox:
    """The builder's three-point fields aligned: one row per factor, columns lågt, troligt, högt."""
    return w.GridBox(
        layout=w.Layout(
            grid_template_columns=f"minmax(9em, 15em) repeat(3, {BOX_WIDTH})",
            grid_gap="0.35em 0.8em",
            align_items="center",
            overflow="auto",
            padding="0.2em 0",
        )
    )


GRID_HEAD = ("Del", "Lågt", "Troligt", "Högt")


class DriverBuilder(w.VBox):
    """A collapsed panel; ``on_add(driver, kind)`` receives the finished driver and "nytta"/"kostnad" and returns
    the new item row (its number, label and first year are said after the panel closes)."""

    def __init__(self, on_add: Callable[[Driver, str], object]) -> None:
        self._on_add = on_add
        self.toggle = w.Button(
            description="Räkna fram ett belopp",
            icon="calculator",
            tooltip="Bygg beloppet av timmar, ärenden, timkostnad eller antal × pris",
        )
        self.toggle.on_click(lambda _: self.expand() if not self.is_open else self.collapse())
        self.body = w.VBox()
        self.is_open = False
        self.added = message()  # what the last "Lägg till" added; stays when the panel closes
        super().__init__([self.toggle, self.added, self.body])
        self.add_class("dk-driver-builder")

    # --- building on first use ---------------------------------------------------------------------------

    def expand(self) -> None:
        if not hasattr(self, "kind"):
            self._build()
        self.added.clear()
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
                                         "13em", "SKR 2021: kommuner 40,15 %, regioner 46,15 %")  # fmt: skip
        fields.tidy_on_commit(self.po_rate)
        self.factor_box = factor_grid()
        self._head = [w.HTML(tag("span", text, cls="dk-grid-head")) for text in GRID_HEAD]
        self.result = w.HTML()
        self.message = message()
        self.add_benefit = w.Button(description="Lägg till som nytta", icon="plus")
        self.add_cost = w.Button(description="Lägg till som kostnad", icon="plus")
        self.add_benefit.on_click(lambda _: self.add(btexts.BENEFIT))
        self.add_cost.on_click(lambda _: self.add(btexts.COST))
        self.factors: dict[str, FactorFields] = {}
        for control in (self.kind, self.hourly):
            control.observe(lambda _: self._layout_factors(), "value")
        fields.on_commit(self.po_rate, self.recompute)
        intro = tag(
            "p",
            "Bygg en posts belopp per år av delar som går att kontrollera, med lågt, troligt och högt värde "
            "för varje del. Andelen är valfri (till exempel den andel av samtalen som en chattbot tar). "
            "Posten läggs till sist i listan och gäller från år 1 till periodens slut; rubrik, kategori och år "
            "ändrar du där.",
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
        self.shown = names  # the factors in the grid, top to bottom
        cells = [cell for name in names for cell in self.factors[name].cells]
        self.factor_box.children = [*self._head, *cells]
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
                po_rate = fields.number(self.po_rate, "driver.po_rate", "40,15") / 100
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
        built = guarded(self.message, self.build_driver)
        if not built.ok:
            self.result.value = ""
            return None
        driver = built.value
        self.message.clear()
        self.result.value = result_html(driver)
        return driver

    def add(self, kind: str) -> None:
        """Add the driver as a new item, close the panel and say what was added (so it is not added twice)."""
        driver = self.recompute()
        if driver is None:
            if not self.message.has_error:
                self.message.error("Fyll i de tomma rutorna för troligt värde först.")
            return
        row = self._on_add(driver, kind)
        self.collapse()
        what = "nytta" if kind == btexts.BENEFIT else "kostnad"
        self.added.ok(
            f"Lade till post {row.number}, ”{row.label.value}”, som {what}: {fmt.sek(driver.amount('likely'))} "
            f"per år från år {row.from_year.value}. Ändra rubrik och år i posten ovan."
        )


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
