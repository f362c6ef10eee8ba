"""The klimatkalkyl's yearly saving added to a benefit case as a *miljö* benefit (see
:mod:`widgets.climate.bridge`): into a saved case of the participant's, or into a new one, in the personal store
the Nyttokalkyl reads its saved cases from. Valued in kronor only with a price per tonne and its source."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ... import fmt
from ...climate import Result
from ...errors import DomainError
from ...store import PersonalStore
from ...ui.controls import button, html, message, reused
from ...ui.feedback import guarded
from ...ui.html import link, tag

NEW = "__ny__"
NYTTOKALKYL_PAGE = "60_nyttokalkyl.ipynb"


class BenefitBridge(w.VBox):
    def __init__(self, store: PersonalStore, result: Callable[[], Result | None]) -> None:
        self.store = store
        self._result = result
        wide = {"style": {"description_width": "initial"}, "layout": reused("wrap")}
        self.case = w.Dropdown(options=[("En ny kalkyl", NEW)], value=NEW, description="Lägg till i", **wide)
        self.name = w.Text(
            value="Klimatnytta",
            description="Namn på den nya kalkylen",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"),  # its own: hidden when a saved case is chosen
        )
        self.name_message = message()
        self.price = w.Text(value="", description="Pris per ton CO2e i kronor (valfritt)", **wide)
        self.price_message = message()
        self.source = w.Text(
            value="", description="Källa för priset", placeholder="Var kommer priset ifrån?", **wide
        )
        self.source_message = message()
        self.add = button("Lägg till som miljönytta", button_style="primary")
        self.add.on_click(lambda _: self.add_benefit())
        self.message = message()
        self.case.observe(lambda _: self._name_shown(), names="value")
        intro = html(
            tag("h3", "Lägg till i en nyttokalkyl")
            + tag(
                "p",
                "Minskningen per år kan läggas till i en nyttokalkyl som en miljönytta för samhället. Den värderas "
                "inte i kronor – om du inte anger ett pris per ton CO2e och var priset kommer ifrån.",
            )
        )
        super().__init__(
            [intro, self.case, self.name, self.name_message, self.price, self.price_message, self.source,
             self.source_message, self.add, self.message],
            layout=reused("plain"),
        )  # fmt: skip
        self.refresh()

    def refresh(self) -> None:
        """The saved cases, as the store has them now (the Nyttokalkyl in another tab may have saved one)."""
        listed = guarded(self.message, lambda: [c.name for c in self.store.list_cases()])
        if not listed.ok:
            return
        saved = listed.value
        current = self.case.value
        self.case.options = [("En ny kalkyl", NEW)] + [(name, name) for name in saved]
        self.case.value = current if current in {NEW, *saved} else NEW
        self._name_shown()

    def _name_shown(self) -> None:
        shown = self.case.value == NEW
        self.name.layout.display = None if shown else "none"

    def _price(self):
        from ...climate.bridge import CarbonPrice

        text = self.price.value.strip()
        if not text:
            return None
        value = fmt.parse_number(text, "price")
        if value <= 0:
            raise DomainError("price", "Priset per ton måste vara större än 0 – eller lämna fältet tomt.")
        return CarbonPrice(value, self.source.value)

    def add_benefit(self) -> None:
        from ...climate import bridge

        for m in (self.name_message, self.price_message, self.source_message, self.message):
            m.clear()
        result = self._result()
        if result is None:
            self.message.error("Räkna först: fyll i kalkylen ovan så att den visar ett resultat.")
            return
        targets = {
            ("price",): self.price_message,
            ("price", "source"): self.source_message,
            ("namn",): self.name_message,
        }

        failed: list[DomainError] = []

        def action() -> str:
            try:
                item = bridge.climate_item(result.saving, self._price())
                if self.case.value == NEW:
                    name = self.name.value.strip()
                    bridge.save_new_case(self.store, name, item)
                else:
                    name = self.case.value
                    bridge.add_to_saved_case(self.store, name, item)
            except DomainError as exc:
                failed.append(exc)
                raise
            return name

        added = guarded(self.message, action)
        if not added.ok:
            if failed and failed[0].path in targets:  # shown beside its field instead
                self.message.clear()
                targets[failed[0].path].error(failed[0].message)
            return
        name = added.value
        self.refresh()
        self.case.value = name
        valued = "värderad i kronor" if self.price.value.strip() else "inte värderad i kronor"
        self.message.value = tag(
            "p",
            raw=tag("span", f"Lade till miljönyttan ({valued}) i ”{name}”. Öppna den i ")
            + link(NYTTOKALKYL_PAGE, "Nyttokalkylen")
            + tag("span", " under Sparade kalkyler."),
            cls="dk-ok",
            role="status",
        )
