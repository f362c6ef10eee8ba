"""case_diff: the fields where the latest version of a group case differs from mine and from my base."""

from __future__ import annotations

import copy

import pytest

from widgets.benefit import case_to_dict, example_cases, load_case
from widgets.benefit.diff import case_diff, format_value, label


@pytest.fixture
def base() -> dict:
    return case_to_dict(load_case(example_cases()[0]))


def alt(data: dict, index: int = -1) -> dict:
    return data["alternatives"][index]


def test_identical_versions_have_no_changes(base):
    assert case_diff(base, copy.deepcopy(base), copy.deepcopy(base)) == []


def test_their_change_is_listed_with_swedish_label_and_formatted_values(base):
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    theirs["discount_rate"]["value"] = 0.045
    [change] = case_diff(base, mine, theirs)
    assert change.path == "discount_rate.value"
    assert change.label == "Kalkylränta"
    assert change.shown("mine") == format_value("discount_rate.value", base["discount_rate"]["value"])
    assert change.shown("theirs") == "4,5\u00a0%"
    assert not change.both_changed


def test_my_own_change_alone_is_not_theirs_but_shows_when_swapped(base):
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["horizon_years"] = base["horizon_years"] + 2
    assert case_diff(base, mine, theirs) == []
    [own] = case_diff(base, theirs, mine)
    assert own.label == "Kalkylperiod (år)"
    assert own.shown("theirs") == str(base["horizon_years"] + 2)


def test_the_same_edit_on_both_sides_is_no_conflict(base):
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["start_year"] = theirs["start_year"] = 2030
    assert case_diff(base, mine, theirs) == []


def test_both_changed_differently_is_flagged(base):
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["start_year"], theirs["start_year"] = 2030, 2031
    [change] = case_diff(base, mine, theirs)
    assert change.both_changed
    assert (change.shown("base"), change.shown("mine"), change.shown("theirs")) == (
        str(base["start_year"]),
        "2030",
        "2031",
    )


def test_a_bare_amount_equals_the_same_three_point_estimate(base):
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    item = next(i for i in alt(theirs)["items"] if "amount" in i)
    amount = item["amount"]
    likely = amount["likely"] if isinstance(amount, dict) else amount
    item["amount"] = {"likely": likely, "low": likely, "high": likely}
    for other in (mine, base):
        next(i for i in alt(other)["items"] if i["label"] == item["label"])["amount"] = likely
    assert case_diff(base, mine, theirs) == []


def test_an_amount_change_names_alternative_item_and_point_in_kronor(base):
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    item = next(i for i in alt(theirs)["items"] if "amount" in i)
    item["amount"] = 1234567
    changes = case_diff(base, mine, theirs)
    likely = next(c for c in changes if c.path.endswith(".amount.likely"))
    assert likely.label == (
        f"Alternativ ”{alt(base)['name']}”, post ”{item['label']}”: belopp per år (kr), troligt"
    )
    assert likely.shown("theirs") == "1\u00a0234\u00a0567\u00a0kr"


def test_moving_an_item_is_not_a_change(base):
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    items = alt(theirs)["items"]
    assert len(items) > 1
    items.reverse()
    assert case_diff(base, mine, theirs) == []


def test_a_removed_item_is_one_row_not_one_per_field(base):
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    removed = alt(theirs)["items"].pop()
    [change] = case_diff(base, mine, theirs)
    assert change.label == f"Alternativ ”{alt(base)['name']}”, post ”{removed['label']}”"
    assert (change.shown("mine"), change.shown("theirs")) == ("finns", "finns inte")


def test_an_added_alternative_is_one_row(base):
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    theirs["alternatives"].append({**copy.deepcopy(alt(base)), "name": "Ny väg"})
    [change] = case_diff(base, mine, theirs)
    assert change.label == "Alternativ ”Ny väg”"
    assert (change.shown("mine"), change.shown("theirs")) == ("finns inte", "finns")


def test_one_off_year_compares_as_from_and_to_year(base):
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    item = next(i for i in alt(theirs)["items"] if "year" in i or "from_year" in i)
    year = item.pop("year", None)
    if year is None:
        year = item["from_year"]
    item["from_year"] = item["to_year"] = year
    other = next(i for i in alt(mine)["items"] if i["label"] == item["label"])
    other.pop("from_year", None), other.pop("to_year", None)
    other["year"] = year
    assert [c.path for c in case_diff(base, mine, theirs) if "year" in c.path] == [
        c.path for c in case_diff(base, base, theirs) if "year" in c.path
    ]
    assert not [c for c in case_diff(mine, mine, theirs) if "year" in c.path]


def test_plan_and_case_fields_have_swedish_labels():
    assert (
        label("realisation_plan[Kortare väntetid].target")
        == "Nyttorealiseringsplan, nytta ”Kortare väntetid”: målvärde"
    )
    assert (
        label("alternatives[A].items[B].driver.hourly_cost.high")
        == "Alternativ ”A”, post ”B”: timkostnad (kr), högt"
    )
    assert label("alternatives[A [2]].items[B].from_year") == "Alternativ ”A [2]”, post ”B”: från år"


def test_values_are_formatted_for_participants():
    assert format_value("alternatives[A].items[B].driver.share.likely", 0.25) == "25\u00a0%"
    assert format_value("alternatives[A].items[B].ramp", [0.25, 0.5, 1]) == "25\u00a0%, 50\u00a0%, 100\u00a0%"
    assert format_value("alternatives[A].items[B].valued_in_money", False) == "nej"
    assert format_value("alternatives[A].items[B].note", None) == "–"
    assert format_value("alternatives[A].items[B].driver.minutes_per_case.low", 7.5) == "7,5"
    assert format_value("optimism_bias.uplift", 0.1) == "10\u00a0%"
