"""The case form's items: a table-like list of items (add, remove, duplicate); the case's own fields are in
:mod:`.casefields`.

Each row turns its boxes into an :class:`~widgets.benefit.Item`; the model's constructors decide what is valid
and their Swedish message is shown beside the row or field it names. Driver-based items (hours × hourly cost, …)
keep their driver: their amounts are shown read-only with the formula, and the rest of the row stays editable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import ipywidgets as w

from ... import fmt
from ...benefit import Alternative, Driver, Estimate, Item
from ...benefit import texts as btexts
from ...errors import DomainError
from ...ui.controls import button, html, message
from ...ui.html import tag
from . import fields
from .driver import DriverBuilder

KIND_OPTIONS = [("Nytta", btexts.BENEFIT), ("Kostnad", btexts.COST)]
CATEGORY_OPTIONS = [(c.capitalize(), c) for c in btexts.CATEGORIES]
STAKEHOLDER_OPTIONS = [(s.capitalize(), s) for s in btexts.STAKEHOLDERS]


AMOUNT_EXAMPLE = "250 000"
RUNNING_FROM = 1  # running costs and benefits of an investment usually start the year after it (year 0)
NEW_NOTE = {
    "running": "Ny löpande post: gäller från år 1 (året efter startåret, då investeringen görs) till periodens "
    "slut. Ändra ”Från år” om den börjar redan år 0.",
    "one_off": "Ny engångskostnad: år 0 (startåret). Skriv ett annat år i både ”Från år” och ”Till år” för att "
    "flytta den.",
}


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
    """``25; 50; 100`` → (0.25, 0.5, 1.0); empty = no ramp-up. A DomainError names the box.

    Only the text is read here: which shares are allowed is the model's rule (:class:`~widgets.benefit.Item`)."""
    parts = [part for part in field.value.replace("%", "").split(";") if part.strip()]
    steps = []
    for i, part in enumerate(parts):
        where = f"{field.description}, steg {i + 1}"
        try:
            steps.append(fmt.parse_number(part, ("ramp", i)) / 100)
        except DomainError as exc:
            raise DomainError(exc.path, f"{where}: {exc.message}") from None
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
        self.from_year = fields.text_field("Från år", str(item.from_year), "8em")
        self.to_year = fields.text_field(
            "Till år",
            "" if item.to_year is None else str(item.to_year),
            "8em",
            "Tomt = till periodens slut",
        )
        est = item.estimate()
        # An empty low/high box means "same as likely", so a new row needs only one number.
        low = "" if est.low == est.likely and self.driver is None else fields.plain(est.low)
        high = "" if est.high == est.likely and self.driver is None else fields.plain(est.high)
        self.low = fields.text_field("Lågt (kr/år)", low, "15em", "Tomt = samma som troligt")
        self.likely = fields.text_field("Troligt (kr/år)", fields.plain(est.likely), "15em")
        self.high = fields.text_field("Högt (kr/år)", high, "15em", "Tomt = samma som troligt")
        self.ramp = fields.text_field("Upptrappning (%)", ramp_value(item), "15em",
                                      "Tomt = fullt belopp direkt. T.ex. 25; 50; 100: andel av fullt belopp "
                                      "första, andra och tredje året")  # fmt: skip
        self.valued = w.Checkbox(value=item.valued_in_money, description="Värderas i pengar", indent=False)
        self.valued.layout.width = "auto"
        self.duplicate_button = w.Button(description="Kopiera", icon="copy", tooltip="Kopiera posten")
        self.remove_button = w.Button(description="Ta bort", icon="trash", tooltip="Ta bort posten")
        self.info = w.HTML()
        self.message = message()
        self.warning = message()  # years of the item past the period (role=alert)
        if self.driver is not None:
            for box in (self.low, self.likely, self.high):
                box.disabled = True
        self.set_number(number)
        self._show_info(item)
        for box in (self.low, self.likely, self.high):
            fields.tidy_on_commit(box, 2)
        for control in (self.label, self.kind, self.category, self.stakeholder, self.from_year, self.to_year):
            fields.on_commit(control, on_change)
        for control in (self.low, self.likely, self.high, self.ramp, self.valued):
            fields.on_commit(control, on_change)
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
                self.warning,
            ],
            layout=w.Layout(border_bottom="1px solid #d0d6dd", padding="0.3em 0 0.6em"),
        )
        self.add_class("dk-item-row")

    def set_number(self, number: int) -> None:
        self.number = number
        self.heading.value = tag("h3", f"Post {number}", cls="dk-item-heading")

    def _show_info(self, item: Item, note: str = "") -> None:
        text = " ".join(part for part in (note, driver_text(item) if self.driver is not None else "") if part)
        self.info.value = tag("p", text, cls="dk-muted") if text else ""

    def build(self) -> Item:
        """The row as an Item; raises DomainError with a Swedish message naming the field."""
        from_year = fields.integer(self.from_year, "from_year", "1")
        to_year = fields.optional_integer(self.to_year, "to_year", "4")
        amount = driver = None
        if self.valued.value:
            if self.driver is not None:
                driver = self.driver
            else:
                likely = fields.number(self.likely, "amount.likely", AMOUNT_EXAMPLE)
                low = fields.optional_number(self.low, "amount.low", AMOUNT_EXAMPLE)
                high = fields.optional_number(self.high, "amount.high", AMOUNT_EXAMPLE)
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
        self._outside: dict[str, str] = {}  # item label -> note on its years past the period
        self.rows_box = w.VBox()
        self.add_benefit = button("Lägg till nytta", "En löpande nytta från år 1", icon="plus")
        self.add_one_off = button("Lägg till engångskostnad", "En kostnad år 0, till exempel en investering",
                                  icon="plus")  # fmt: skip
        self.add_cost = button("Lägg till löpande kostnad", "En kostnad varje år från år 1, till exempel drift",
                               icon="plus")  # fmt: skip
        self.add_benefit.on_click(lambda _: self.add_row(btexts.BENEFIT))
        self.add_one_off.on_click(lambda _: self.add_row(btexts.COST, one_off=True))
        self.add_cost.on_click(lambda _: self.add_row(btexts.COST))
        self.message = message()
        self.builder = DriverBuilder(self.add_driver_row)
        intro = tag(
            "p",
            "Varje post är en kostnad eller en nytta i kronor per år i fasta priser. År räknas från 0 "
            "(startåret); vilka år kalkylperioden omfattar står vid fältet ”Kalkylperiod”. Lämna ”Till år” tomt för att posten ska gälla till periodens slut, och samma år i "
            "”Från år” och ”Till år” för en engångspost. Lågt och högt värde är osäkerhetens gränser; tomma "
            "rutor betyder samma som troligt värde. En post som inte värderas i pengar beskrivs men räknas "
            "aldrig in i nettonuvärdet. Upptrappning anger hur stor del av beloppet som gäller de första åren.",
        )
        super().__init__(
            [
                html(intro),
                self.message,
                self.rows_box,
                w.HBox([self.add_benefit, self.add_one_off, self.add_cost], layout=fields.row_layout()),
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
            # Nothing here reaches _changed: an ItemRow gets its values when built, before it observes them.
            items = self._pending.items if self._pending is not None else ()
            self._rows = [self._row(item, i + 1) for i, item in enumerate(items)]
            self.rows_box.children = tuple(self._rows)
            self._show_outside()
        return self._rows

    def _row(self, item: Item | None, number: int) -> ItemRow:
        return ItemRow(item, number, self._changed, self.duplicate_row, self.remove_row)

    def _changed(self) -> None:
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

    def add_row(self, kind: str = btexts.BENEFIT, one_off: bool = False) -> ItemRow:
        """A new row: a benefit or running cost from year 1, or a one-off cost in year 0 (said in the row)."""
        if one_off:
            item = Item(self._unique("Ny engångskostnad"), kind, from_year=0, to_year=0, amount=Estimate(0.0))
            return self._append(item, NEW_NOTE["one_off"])
        label = "Ny nytta" if kind == btexts.BENEFIT else "Ny löpande kostnad"
        item = Item(self._unique(label), kind, from_year=RUNNING_FROM, amount=Estimate(0.0))
        return self._append(item, NEW_NOTE["running"])

    def add_driver_row(self, driver: Driver, kind: str) -> ItemRow:
        """A new row whose amount is ``driver`` (from "Räkna fram ett belopp"), per year from year 1."""
        label = self._unique(f"Beräknad {_word(kind)}")
        return self._append(Item(label, kind, from_year=RUNNING_FROM, driver=driver), NEW_NOTE["running"])

    def _append(self, item: Item, note: str = "") -> ItemRow:
        """A new row at the end (not a copy of a stored item: ``original`` stays empty)."""
        row = self._row(item, len(self.rows) + 1)
        row.original = None
        if note:
            row._show_info(item, note)
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

    def show_outside(self, notes) -> None:
        """Say at each item which of its years lie past the period (``notes``: the result's ``outside_period``)."""
        self._outside = {note.label: note.message for note in notes}
        if self.built:
            self._show_outside()

    def _show_outside(self) -> None:
        for row in self._rows or ():
            text = self._outside.get(row.label.value.strip())
            if text:
                row.warning.warning(text)
            else:
                row.warning.clear()

    def show_item_error(self, index: int, text: str) -> None:
        """Show an alternative-level error (e.g. a repeated label) on row ``index`` (0-based)."""
        if 0 <= index < len(self.rows):
            self.rows[index].message.error(text)
        else:
            self.message.error(text)
