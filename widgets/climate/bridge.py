"""From the klimatkalkyl to the Nyttokalkyl: the yearly saving as a *miljö* benefit in a benefit case.

The benefit is not valued in money (``valued_in_money: false``: described, never counted in the NPV) unless the
participant gives a price per tonne CO2e together with its source; then its amount is the saving × the price,
with the spread of both. Cases are read from and written to the personal store the Nyttokalkyl uses
(:meth:`~widgets.store.PersonalStore.save_case`), so the case shows up among its saved cases."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import fmt
from ..benefit import Alternative, Case, Estimate, Item, blank_case, dump_case, parse_case
from ..errors import DomainError
from . import messages as msg
from .model import Range

if TYPE_CHECKING:
    from ..store import PersonalStore

LABEL = "Minskade utsläpp (klimatkalkylen)"
SOURCE = "Kursens klimatkalkyl (modul 5), faktorerna i data/klimatfaktorer.yaml med källor."


@dataclass(frozen=True)
class CarbonPrice:
    """A price per tonne CO2e (kr), with where it comes from; ``low``/``high`` default to ``likely``."""

    likely: float
    source: str
    low: float | None = None
    high: float | None = None

    def estimate(self) -> Estimate:
        low = self.likely if self.low is None else self.low
        high = self.likely if self.high is None else self.high
        est = Estimate(self.likely, low, high, source=self.source)
        est.check("price", "priset per ton CO2e", 1e7)
        if not self.source.strip():
            raise DomainError(("price", "source"), msg.PRICE_SOURCE)
        return est


def describe(saving: Range) -> str:
    def kg(v: float) -> str:
        return f"{fmt.number(v)} kg"

    return (
        f"Minskar utsläppen med omkring {kg(saving.likely)} CO2e per år (lågt {kg(saving.low)}, "
        f"högt {kg(saving.high)}), enligt kursens klimatkalkyl. Rekyleffekter ingår inte."
    )


def climate_item(
    saving: Range, price: CarbonPrice | None = None, *, from_year: int = 0, label: str = LABEL
) -> Item:
    """The saving as a benefit (kind ``nytta``, category ``miljö``, for society)."""
    if saving.likely <= 0:
        raise DomainError(
            "saving",
            "Kalkylen visar ingen minskning av utsläppen – det finns ingen miljönytta att lägga till.",
        )
    amount: Estimate | None = None
    if price is not None:
        p = price.estimate()
        tonnes = Range(max(saving.low, 0.0) / 1000, saving.likely / 1000, max(saving.high, 0.0) / 1000)
        amount = Estimate(
            likely=tonnes.likely * p.likely,
            low=tonnes.low * p.low,
            high=tonnes.high * p.high,
            source=f"Utsläppsminskningen enligt klimatkalkylen × {fmt.number(p.likely)} kr per ton CO2e ({p.source.strip()}).",
        )
    return Item(
        label=label,
        kind="nytta",
        category="miljö",
        stakeholder="samhället",
        from_year=from_year,
        amount=amount,
        valued_in_money=amount is not None,
        description=describe(saving),
        source=SOURCE,
    )


def with_item(case: Case, item: Item, alternative: int = 0) -> Case:
    """The case with ``item`` in the given alternative, replacing an item with the same label."""
    alt = case.alternative(alternative)
    items = (*tuple(i for i in alt.items if i.label != item.label), item)
    alternatives = list(case.alternatives)
    alternatives[alternative] = dataclasses.replace(alt, items=items)
    return dataclasses.replace(case, alternatives=tuple(alternatives))


def add_to_saved_case(store: PersonalStore, name: str, item: Item) -> Case:
    """Add ``item`` to the saved case ``name`` (its main alternative) and save it again."""
    text = store.load_case(name)
    if text is None:
        raise DomainError("namn", msg.CASE_MISSING.format(name=name))
    case = with_item(parse_case(text, name), item)
    store.save_case(name, dump_case(case))
    return case


def save_new_case(store: PersonalStore, name: str, item: Item) -> Case:
    """A new saved case ``name`` (the blank case) holding only ``item``; an existing name is not overwritten."""
    name = (name or "").strip()
    if not name:
        raise DomainError("namn", "Ge kalkylen ett namn.")
    if store.load_case(name) is not None:
        raise DomainError(
            "namn", f"Det finns redan en sparad kalkyl som heter ”{name}” – välj den i listan i stället."
        )
    base = blank_case(name)
    case = dataclasses.replace(base, alternatives=(Alternative(base.main.name, (item,)),))
    store.save_case(name, dump_case(case))
    return case
