"""The kalkylperiod: which years a case covers, and the items that reach past it.

A period of N years is N calendar years with the start year included: years 0 … N − 1 (a 5-year case starting
2026 covers 2026–2030). That is how the templates participants know count their horizon — five years in the
Mina meddelanden template, six in Inera's published calculations — as the number of years in the table, the
year of the investment included. Amounts in years past the last year are not counted; this module says so
for every item that reaches there, so a year is never dropped silently (the app, the command line, the
report and the Excel workbook all show these notes).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import texts
from .model import Case, Item


def last_year(case: Case) -> int:
    """The last year counted (year index, 0 = the start year)."""
    return case.horizon_years - 1


def period_text(horizon_years: int, start_year: int) -> str:
    """``år 0–4, 2026–2030`` (``år 0, 2026`` for a one-year period)."""
    last = horizon_years - 1
    if last == 0:
        return f"år 0, {start_year}"
    return f"år 0–{last}, {start_year}–{start_year + last}"


@dataclass(frozen=True)
class OutsidePeriod:
    """An item that reaches past the period; ``first``–``last`` are the year indices that are not counted."""

    label: str
    first: int
    last: int
    message: str


def _years(first: int, last: int, start_year: int) -> str:
    if first == last:
        return f"år {first} ({start_year + first})"
    return f"åren {first}–{last} ({start_year + first}–{start_year + last})"


def outside_period(case: Case, alternative: int | str = 0) -> tuple[OutsidePeriod, ...]:
    """Every money item of an alternative with years after the period's last year, with a Swedish note."""
    end = last_year(case)
    period = period_text(case.horizon_years, case.start_year)
    out = []
    for item in case.alternative(alternative).items:
        note = _note(item, end, period, case.start_year)
        if note is not None:
            out.append(note)
    return tuple(out)


def _note(item: Item, end: int, period: str, start_year: int) -> OutsidePeriod | None:
    if not item.valued_in_money:
        return None
    item_end = item.from_year if item.to_year is None else item.to_year
    if item.from_year <= end and (item.to_year is None or item.to_year <= end):
        return None
    name = texts.quoted(item.label)
    first = max(item.from_year, end + 1)
    last = max(item_end, first)
    needed = last + 1
    if item.from_year > end:
        what = f"{name} ligger helt efter kalkylperioden ({period}) och räknas inte alls"
    else:
        after = _years(first, last, start_year)
        what = f"{name} räknas bara till och med år {end}: {after} ligger efter kalkylperioden ({period})"
    fix = f"Öka kalkylperioden till {needed} år eller ändra posten."
    return OutsidePeriod(item.label, first, last, f"{what}. {fix}")


def outside_summary(notes: tuple[OutsidePeriod, ...]) -> str:
    """One Swedish sentence for the key figures' status, or ``""`` when every item fits the period."""
    if not notes:
        return ""
    names = ", ".join(texts.quoted(n.label) for n in notes)
    count = "1 post" if len(notes) == 1 else f"{len(notes)} poster"
    return (
        f"Obs: {count} når utanför kalkylperioden och räknas inte fullt ut: {names}. Nyckeltalen gäller bara "
        "åren inom perioden."
    )
