"""The case form: the case's fields and a table-like list of items (add, remove, duplicate).

Each row turns its boxes into an :class:`~widgets.benefit.Item`; the model's constructors decide what is valid
and their Swedish message is shown beside the row or field it names. Driver-based items (hours × hourly cost, …)
keep their driver: their amounts are shown read-only with the formula, and the rest of the row stays editable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import ipywidgets as w

from ... import fmt
from ...benefit import Alternative, Case, Driver, Estimate, Item
from ...benefit import texts as btexts
from ...errors import DomainError
from ...ui.feedback import Message
from ...ui.html import tag
from . import fields
from .driver import DriverBuilder

KIND_OPTIONS = [("Nytta", btexts.BENEFIT), ("Kostnad", btexts.COST)]
CATEGORY_OPTIONS = [(c.capitalize(), c) for c in btexts.CATEGORIES]
STAKEHOLDER_OPTIONS = [(s.capitalize(), s) for s in btexts.STAKEHOLDERS]


def _word(kind: str) -> str:
    return "nytta" if kind == btexts.BENEFIT else "kostnad"


def driver_text(item: Item) -> str:
    """``Beräknas: ärenden per år × … = 1 234 kr per år`` for a driver-based item."""
    formula = btexts.DRIVER_LABELS[item.driver.kind]
    est = item.estimate()
    return (
        f"Beloppet beräknas: {formula} ≈ {fmt.sek(est.likely)} per år "
        f"(lågt {fmt.sek(est.low)}, högt {fmt.sek(est.high)}). Andra faktorer: gör en ny post med ”Räkna "
        "fram ett belopp” och ta bort den här."
    )


def ramp_value(item: Item) -> str:
    """``25; 50; 100`` for a ramp-up of (0.25, 0.5, 1.0): percentages, as the box shows them."""
    return "; ".join(fields.plain(step * 100) for step in item.ramp)


def parse_ramp(field: w.Text) -> tuple[float, ...]:
    """``25; 50; 100`` → (0.25, 0.5, 1.0); empty = no ramp-up. A DomainError names the box."""
    parts = [part for part in field.value.replace("%", "").split(";") if part.strip()]
    steps = []
    for i, part in enumerate(parts, start=1):
        try:
            value = fmt.parse_number(part, f"ramp[{i}]")
        except DomainError as exc:
            raise DomainError(exc.field, f"{field.description}, steg {i}: {exc.message}") from None
        if not 0 <= value <= 100:
            raise DomainError(f"ramp[{i}]", f"{field.description}, steg {i}: ange en andel mellan 0 och 100.")
        steps.append(value / 100)
    return tuple(steps)


class ItemRow(w.VBox):
    """One cost or benefit as two lines of labelled boxes, with its own message area."""

    def __init__(
        self,
        item: Item | None,
        number: int,
        on_change: Callable[[], None],
        on_duplicate: Callable[[ItemRow], None],
        on_remove: Callable[[ItemRow], None],
    ) -> None:
        self.original = item
        item = item or Item("Ny nytta", btexts.BENEFIT, amount=Estimate(0.0))
        self.driver = item.driver
        self.heading = w.HTML()
        self.label = fields.text_field("Rubrik", item.label, "22em")
        self.kind = fields.dropdown("Typ", KIND_OPTIONS, item.kind)
        self.category = fields.dropdown("Kategori", CATEGORY_OPTIONS, item.category)
        self.stakeholder = fields.dropdown("Intressent", STAKEHOLDER_OPTIONS, item.stakeholder)
        self.from_year = fields.text_field("Från år", str(item.from_year), "7.5em")
        self.to_year = fields.text_field(
            "Till år",
            "" if item.to_year is None else str(item.to_year),
            "7.5em",
            "Tomt = till periodens slut",
        )
        est = item.estimate()
        # An empty low/high box means "same as likely", so a new row needs only one number.
        low = "" if est.low == est.likely and self.driver is None else fields.plain(est.low)
        high = "" if est.high == est.likely and self.driver is None else fields.plain(est.high)
        self.low = fields.text_field("Lågt (kr/år)", low, "13em", "Tomt = samma som troligt")
        self.likely = fields.text_field("Troligt (kr/år)", fields.plain(est.likely), "13em")
        self.high = fields.text_field("Högt (kr/år)", high, "13em", "Tomt = samma som troligt")
        self.ramp = fields.text_field("Upptrappning (%)", ramp_value(item), "15em",
                                      "Tomt = fullt belopp direkt. T.ex. 25; 50; 100: andel av fullt belopp "
                                      "första, andra och tredje året")  # fmt: skip
        self.valued = w.Checkbox(value=item.valued_in_money, description="Värderas i pengar", indent=False)
        self.valued.layout.width = "auto"
        self.duplicate_button = w.Button(description="Kopiera", icon="copy", tooltip="Kopiera posten")
        self.remove_button = w.Button(description="Ta bort", icon="trash", tooltip="Ta bort posten")
        self.info = w.HTML()
        self.message = Message()
        if self.driver is not None:
            for box in (self.low, self.likely, self.high):
                box.disabled = True
        self.set_number(number)
        self._show_info(item)
        for control in (self.label, self.kind, self.category, self.stakeholder, self.from_year, self.to_year):
            control.observe(lambda _: on_change(), "value")
        for control in (self.low, self.likely, self.high, self.ramp, self.valued):
            control.observe(lambda _: on_change(), "value")
        self.duplicate_button.on_click(lambda _: on_duplicate(self))
        self.remove_button.on_click(lambda _: on_remove(self))
        wrap = fields.row_layout()
        super().__init__(
            [
                self.heading,
                w.HBox([self.label, self.kind, self.category, self.stakeholder], layout=wrap),
                w.HBox(
                    [self.from_year, self.to_year, self.low, self.likely, self.high, self.ramp, self.valued],
                    layout=wrap,
                ),
                w.HBox([self.info, self.duplicate_button, self.remove_button], layout=wrap),
                self.message,
            ],
            layout=w.Layout(border_bottom="1px solid #d0d6dd", padding="0.3em 0 0.6em"),
        )
        self.add_class("dk-item-row")

    def set_number(self, number: int) -> None:
        self.number = number
        self.heading.value = tag("h3", f"Post {number}", cls="dk-item-heading")

    def _show_info(self, item: Item) -> None:
        self.info.value = tag("p", driver_text(item), cls="dk-muted") if self.driver is not None else ""

    def build(self) -> Item:
        """The row as an Item; raises DomainError with a Swedish message naming the field."""
        from_year = fields.integer(self.from_year, "from_year")
        to_year = fields.optional_integer(self.to_year, "to_year")
        amount = driver = None
        if self.valued.value:
            if self.driver is not None:
                driver = self.driver
            else:
                likely = fields.number(self.likely, "amount.likely")
                low = fields.optional_number(self.low, "amount.low")
                high = fields.optional_number(self.high, "amount.high")
                base = self.original.amount if self.original and self.original.amount else Estimate(0.0)
                amount = dataclasses.replace(base, likely=likely, low=low, high=high)
        changes = {
            "label": self.label.value.strip(),
            "kind": self.kind.value,
            "category": self.category.value,
            "stakeholder": self.stakeholder.value,
            "from_year": from_year,
            "to_year": to_year,
            "amount": amount,
            "driver": driver,
            "valued_in_money": self.valued.value,
            "ramp": parse_ramp(self.ramp),
        }
        if self.original is None:
            return Item(**changes)
        return dataclasses.replace(self.original, **changes)


class CaseEditor(w.VBox):
    """The items of the alternative being edited; the case-level fields live in :class:`CaseFields`.

    The rows (a dozen controls per item) are built the first time they are needed — the *Poster* tab is shown, or
    something reads :attr:`rows` — so the page opens without them; until then the items are the alternative's own.
    """

    def __init__(self, on_change: Callable[[], None]) -> None:
        self._on_change = on_change
        self._rows: list[ItemRow] | None = []
        self._pending: Alternative | None = None
        self.rows_box = w.VBox()
        self.add_benefit = w.Button(description="Lägg till nytta", icon="plus")
        self.add_cost = w.Button(description="Lägg till kostnad", icon="plus")
        self.add_benefit.on_click(lambda _: self.add_row(btexts.BENEFIT))
        self.add_cost.on_click(lambda _: self.add_row(btexts.COST))
        self.message = Message()
        self.builder = DriverBuilder(self.add_driver_row)
        self._loading = False
        intro = tag(
            "p",
            "Varje post är en kostnad eller en nytta i kronor per år i fasta priser. År räknas från 0 "
            "(startåret). Lämna ”Till år” tomt för att posten ska gälla till periodens slut, och samma år i "
            "”Från år” och ”Till år” för en engångspost. Lågt och högt värde är osäkerhetens gränser; tomma "
            "rutor betyder samma som troligt värde. En post som inte värderas i pengar beskrivs men räknas "
            "aldrig in i nettonuvärdet. Upptrappning anger hur stor del av beloppet som gäller de första åren.",
        )
        super().__init__(
            [
                w.HTML(intro),
                self.message,
                self.rows_box,
                w.HBox([self.add_benefit, self.add_cost], layout=fields.row_layout()),
                self.builder,
            ]
        )

    def load(self, alternative: Alternative) -> None:
        """Show ``alternative``'s items; the rows themselves are built when first needed."""
        self._pending, self._rows = alternative, None
        self.rows_box.children = ()
        self.message.clear()

    @property
    def built(self) -> bool:
        return self._rows is not None

    @property
    def rows(self) -> list[ItemRow]:
        """The item rows, built on first use (:meth:`show_rows`)."""
        return self.show_rows()

    @rows.setter
    def rows(self, value: list[ItemRow]) -> None:
        self._rows = value

    def show_rows(self) -> list[ItemRow]:
        """Build the rows of the loaded alternative if they are not built yet (the *Poster* tab is shown)."""
        if self._rows is None:
            self._loading = True
            try:
                items = self._pending.items if self._pending is not None else ()
                self._rows = [self._row(item, i + 1) for i, item in enumerate(items)]
                self.rows_box.children = tuple(self._rows)
            finally:
                self._loading = False
        return self._rows

    def _row(self, item: Item | None, number: int) -> ItemRow:
        return ItemRow(item, number, self._changed, self.duplicate_row, self.remove_row)

    def _changed(self) -> None:
        if not self._loading:
            self._on_change()

    def _renumber(self) -> None:
        for i, row in enumerate(self.rows, start=1):
            row.set_number(i)
        self.rows_box.children = tuple(self.rows)

    def _unique(self, label: str) -> str:
        taken = {row.label.value.strip() for row in self.rows}
        candidate, n = label, 2
        while candidate in taken:
            candidate, n = f"{label} ({n})", n + 1
        return candidate

    def add_row(self, kind: str = btexts.BENEFIT) -> ItemRow:
        return self._append(Item(self._unique(f"Ny {_word(kind)}"), kind, amount=Estimate(0.0)))

    def add_driver_row(self, driver: Driver, kind: str) -> ItemRow:
        """A new row whose amount is ``driver`` (from "Räkna fram ett belopp")."""
        return self._append(Item(self._unique(f"Beräknad {_word(kind)}"), kind, driver=driver))

    def _append(self, item: Item) -> ItemRow:
        """A new row at the end (not a copy of a stored item: ``original`` stays empty)."""
        row = self._row(item, len(self.rows) + 1)
        row.original = None
        self.rows.append(row)
        self._renumber()
        self._changed()
        return row

    def duplicate_row(self, row: ItemRow) -> ItemRow:
        """Insert a copy below ``row``; its label gets a number so labels stay unique."""
        try:
            item = row.build()
        except DomainError as exc:
            row.message.error(exc.message)
            return row
        copy = self._row(dataclasses.replace(item, label=self._unique(item.label)), 0)
        self.rows.insert(self.rows.index(row) + 1, copy)
        self._renumber()
        self._changed()
        return copy

    def remove_row(self, row: ItemRow) -> None:
        self.rows.remove(row)
        self._renumber()
        self._changed()

    def build_items(self) -> tuple[Item, ...] | None:
        """Every row as an Item, or None after showing each row's error beside it."""
        if not self.built:
            return tuple(self._pending.items) if self._pending is not None else ()
        items, ok = [], True
        for row in self.rows:
            try:
                items.append(row.build())
                row.message.clear()
            except DomainError as exc:
                row.message.error(exc.message)
                ok = False
        return tuple(items) if ok else None

    def show_item_error(self, index: int, text: str) -> None:
        """Show an alternative-level error (e.g. a repeated label) on row ``index`` (0-based)."""
        if 0 <= index < len(self.rows):
            self.rows[index].message.error(text)
        else:
            self.message.error(text)


def error_index(field: str) -> int | None:
    """``items[3].label`` → 2 (0-based row), else None."""
    if field.startswith("items[") and "]" in field:
        try:
            return int(field[len("items[") : field.index("]")]) - 1
        except ValueError:
            return None
    return None


class CaseFields(w.VBox):
    """Name, discount rate (in %), horizon, start year and which alternative is shown, each with its message."""

    def __init__(self, on_change: Callable[[], None], on_alternative: Callable[[int], None]) -> None:
        self.name = fields.text_field("Kalkylens namn", "", "28em")
        self.rate = fields.text_field("Kalkylränta (%)", "", "12em", "Real kalkylränta, t.ex. 3,5")
        self.horizon = fields.text_field("Kalkylperiod (år)", "", "11em")
        self.start_year = fields.text_field("Startår", "", "9em")
        self.alternative = fields.dropdown("Alternativ", [("E-tjänst", 0)], 0, "auto")
        self.messages = {key: Message() for key in ("name", "discount_rate", "horizon_years", "start_year")}
        self.general = Message()
        self._loading = False
        for control in (self.name, self.rate, self.horizon, self.start_year):
            control.observe(lambda _: self._changed(on_change), "value")
        self.alternative.observe(
            lambda change: None if self._loading else on_alternative(change["new"]), "value"
        )
        wrap = fields.row_layout()

        def cell(control, key):
            return w.VBox([control, self.messages[key]])

        super().__init__(
            [
                w.HBox([cell(self.name, "name"), self.alternative], layout=wrap),
                w.HBox(
                    [
                        cell(self.rate, "discount_rate"),
                        cell(self.horizon, "horizon_years"),
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
        for message in self.messages.values():
            message.clear()
        self.general.clear()

    def parse(self) -> dict | None:
        """The fields as Case keyword arguments, or None after showing each field's error beside it."""
        out, ok = {}, True
        parsers = {
            "name": self.name.value.strip,
            "discount_rate": lambda: fields.number(self.rate, "discount_rate") / 100,
            "horizon_years": lambda: fields.integer(self.horizon, "horizon_years"),
            "start_year": lambda: fields.integer(self.start_year, "start_year"),
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
