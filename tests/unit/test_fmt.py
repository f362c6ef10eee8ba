"""Swedish number and date formats."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets import fmt
from widgets.errors import DomainError

NBSP = "\u00a0"


def test_kronor_percent_and_dates_read_as_swedish():
    assert fmt.sek(1234567) == f"1{NBSP}234{NBSP}567{NBSP}kr"
    assert fmt.percent(0.035) == f"3,5{NBSP}%"
    assert fmt.date(dt.date(2026, 4, 1)) == "1 april 2026"
    assert fmt.weekday_date(dt.date(2026, 12, 1)) == "tisdag 1 december 2026"
    assert fmt.time_range(dt.time(9), dt.time(17)) == "kl. 09.00–17.00"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), None])
def test_missing_values_never_show_as_nan(value):
    assert fmt.number(value) == fmt.sek(value) == fmt.percent(value) == "saknas"


@pytest.mark.parametrize(
    ("text", "value"), [("1 234,5", 1234.5), ("1234.5", 1234.5), ("3,5 %", 3.5), ("−2", -2)]
)
def test_parse_number_accepts_how_people_type(text, value):
    assert fmt.parse_number(text, "x") == value


@pytest.mark.parametrize(("text", "words"), [("", "tomt"), ("tio", "inte ett tal"), ("1e999", "vanligt tal")])
def test_parse_number_explains_mistakes(text, words):
    with pytest.raises(DomainError) as info:
        fmt.parse_number(text, "Ränta")
    assert info.value.field == "Ränta"
    assert words in info.value.message


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (fmt.sek(-50000), f"\u221250{NBSP}000{NBSP}kr"),
        (fmt.number(-1234.5, 1), f"\u22121{NBSP}234,5"),
        (fmt.percent(-0.05), f"\u22125,0{NBSP}%"),
        (fmt.number(-0.0001, 2), "0,00"),  # no "minus zero"
        (fmt.percent(-0.00001), f"0,0{NBSP}%"),
        (fmt.sek(-0.4), f"0{NBSP}kr"),
    ],
)
def test_negative_amounts_use_the_typographic_minus_and_never_show_minus_zero(shown, expected):
    assert shown == expected
    assert "-" not in shown


def test_a_displayed_negative_amount_parses_back():
    assert fmt.parse_number(fmt.number(-1234.5, 1), "x") == -1234.5
