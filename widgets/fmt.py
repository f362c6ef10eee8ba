"""Swedish number and date formats for everything a participant reads (``1 234 567 kr``, ``3,5 %``, ``1 april 2026``).

Built on Babel's CLDR data; missing or non-finite values read as "saknas", never ``nan``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from babel.dates import format_date as _format_date
from babel.dates import format_time as _format_time
from babel.numbers import format_decimal as _format_decimal
from babel.numbers import format_percent as _format_percent

if TYPE_CHECKING:
    from .errors import FieldPath

LOCALE = "sv_SE"
MISSING = "saknas"
MINUS = "\u2212"  # the typographic minus sign (−), not the hyphen-minus (-)


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _minus(text: str) -> str:
    """A leading hyphen-minus as the typographic minus sign: ``-50 000`` -> ``−50 000``."""
    return MINUS + text[1:] if text.startswith("-") else text


def number(value: float | None, decimals: int = 0) -> str:
    """``1 234 567``, ``3,25`` or ``−50 000`` with Swedish separators and the typographic minus sign."""
    if not _finite(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = _minus(_format_decimal(value, format=pattern, locale=LOCALE))
    return text.removeprefix(MINUS) if not text.strip(MINUS + "0,") else text


def sek(value: float | None, decimals: int = 0) -> str:
    """An amount in kronor: ``1 234 567 kr``, ``−50 000 kr``."""
    return MISSING if not _finite(value) else f"{number(value, decimals)}\u00a0kr"


def percent(fraction: float | None, decimals: int = 1) -> str:
    """A fraction as a Swedish percentage: ``0.035`` -> ``3,5 %``, ``-0.05`` -> ``−5,0 %``."""
    if not _finite(fraction):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%"
    text = _minus(_format_percent(fraction, format=pattern, locale=LOCALE))
    return text.removeprefix(MINUS) if not text.strip(MINUS + "0,\u00a0%") else text


def date(value: dt.date) -> str:
    """``1 april 2026``."""
    return _format_date(value, "d MMMM y", locale=LOCALE)


def weekday_date(value: dt.date) -> str:
    """``onsdag 1 april 2026``."""
    return _format_date(value, "EEEE d MMMM y", locale=LOCALE)


def clock(value: dt.time) -> str:
    """``10.00`` — the Swedish clock-time style (Språkrådet recommends a full stop)."""
    return _format_time(value, "HH.mm", locale=LOCALE)


def moment(value: dt.datetime) -> str:
    """``2 december 2026 kl. 10.15`` in Swedish time (a naive time is taken as UTC)."""
    from .store.models import local

    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    here = local(aware)
    return f"{date(here.date())} kl. {clock(here.time())}"


def time_range(start: dt.time, end: dt.time) -> str:
    """``kl. 10.00–12.00``."""
    return f"kl. {clock(start)}–{clock(end)}"


def parse_number(text: str, field: str | FieldPath) -> float:
    """Parse a number a participant typed (``1 234,5``, ``1234.5``, ``3,5 %`` without the sign).

    Raises :class:`~widgets.errors.DomainError` with a Swedish message naming the field.
    """
    from .errors import DomainError

    cleaned = (text or "").strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    cleaned = cleaned.removesuffix("kr").removesuffix("%").strip()
    if not cleaned:
        raise DomainError(field, "Fältet är tomt – skriv ett tal.")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise DomainError(field, f"”{text.strip()}” är inte ett tal. Skriv till exempel 1 234,5.") from None
    if not math.isfinite(value):
        raise DomainError(field, "Skriv ett vanligt tal.")
    return value
