"""The benefit model against hand-computed values, its edge cases and its Swedish error messages."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from widgets.benefit import (
    Alternative,
    Case,
    Driver,
    Estimate,
    Item,
    OptimismBias,
    blank_case,
    evaluate,
    hourly_cost,
    irr,
    optimism_bias_uplift,
)
from widgets.benefit.report import key_figures, payback_text
from widgets.errors import DomainError


def cost(label: str, amount: float, year: int | None = 0, **kw) -> Item:
    years = {"from_year": year, "to_year": year} if year is not None else {}
    return Item(label, "kostnad", amount=Estimate(amount), **{**years, **kw})


def benefit(label: str, amount: float, **kw) -> Item:
    return Item(label, "nytta", amount=Estimate(amount), **kw)


def make_case(*items: Item, rate: float = 0.1, horizon: int = 5, **kw) -> Case:
    return Case("Test", (Alternative("Alt", items),), discount_rate=rate, discount_rate_source="test",
                horizon_years=horizon, start_year=2026, **kw)  # fmt: skip


def test_hand_computed_npv_with_exact_discount_factors():
    """1 000 kr now, 605 kr in year 2 and 1 331 kr in year 3 at 10 %: PV 500 + 1 000, NPV 500."""
    case = make_case(
        cost("Investering", 1000),
        benefit("Nytta år 2", 605, from_year=2, to_year=2),
        benefit("Nytta år 3", 1331, from_year=3, to_year=3),
    )
    r = evaluate(case)
    assert r.npv == pytest.approx(500)
    assert r.pv_benefits == pytest.approx(1500)
    assert r.pv_costs == pytest.approx(1000)
    assert r.benefit_cost_ratio == pytest.approx(1.5)
    assert r.nnk == pytest.approx(0.5)
    assert [row.discount_factor for row in r.rows[:4]] == pytest.approx([1, 1 / 1.1, 1 / 1.21, 1 / 1.331])
    assert [row.present_value for row in r.rows] == pytest.approx([-1000, 0, 500, 1000, 0])
    assert [row.cumulative_present_value for row in r.rows] == pytest.approx([-1000, -1000, -500, 500, 500])
    assert r.payback_year == 3
    assert r.discounted_payback_year == 3
    assert r.payback_calendar_year == 2029


def test_year_zero_is_undiscounted_and_year_t_by_one_plus_r_to_the_t():
    case = make_case(benefit("Nytta", 100, from_year=0), rate=0.035, horizon=3)
    r = evaluate(case)
    assert [row.present_value for row in r.rows] == pytest.approx([100, 100 / 1.035, 100 / 1.035**2])


def test_annuity_payback_and_irr():
    """1 000 now and 300 a year for 4 years at 10 %: NPV −49,04, simple payback year 4, never discounted."""
    case = make_case(cost("Investering", 1000), benefit("Nytta", 300, from_year=1))
    r = evaluate(case)
    assert r.npv == pytest.approx(-1000 + 300 * sum(1.1**-t for t in range(1, 5)))
    assert r.payback_year == 4
    assert r.discounted_payback_year is None
    assert payback_text(r, discounted=True) == "inte inom kalkylperioden"
    assert r.irr == pytest.approx(0.0771384729, abs=1e-9)


def test_rate_zero_makes_npv_the_plain_sum():
    case = make_case(cost("Investering", 1000), benefit("Nytta", 300, from_year=1), rate=0.0)
    r = evaluate(case)
    assert r.npv == pytest.approx(200)
    assert all(row.discount_factor == 1 for row in r.rows)


def test_horizon_one_counts_only_year_zero():
    case = make_case(cost("Investering", 1000), benefit("Nytta", 300, from_year=1), horizon=1)
    r = evaluate(case)
    assert len(r.rows) == 1
    assert r.npv == -1000
    assert r.irr is None
    assert r.payback_year is None


def test_no_benefits_gives_zero_ratio_no_payback_and_no_irr():
    case = make_case(cost("Investering", 1000), cost("Drift", 100, year=None, from_year=1))
    r = evaluate(case)
    assert r.pv_benefits == 0
    assert r.benefit_cost_ratio == 0
    assert r.payback_year is None
    assert r.irr is None
    assert dict(key_figures(r))["Internränta"] == "saknas"


def test_no_items_at_all_has_no_ratio_and_no_payback():
    r = evaluate(make_case())
    assert r.npv == 0
    assert r.benefit_cost_ratio is None
    assert r.nnk is None
    assert r.payback_year is None


def test_all_costs_in_year_zero_are_the_investment_for_nnk():
    case = make_case(cost("Investering", 1000), benefit("Nytta", 400, from_year=1))
    r = evaluate(case)
    assert r.pv_investments == pytest.approx(1000)
    assert r.nnk == pytest.approx(r.npv / 1000)


def test_benefits_only_pay_back_at_once():
    r = evaluate(make_case(benefit("Nytta", 10, from_year=0)))
    assert r.payback_year == 0
    assert r.irr is None


def test_quality_benefit_not_valued_in_money_is_listed_but_never_counted():
    quality = Item(
        "Nöjdare invånare", "nytta", category="kvalitet", stakeholder="medborgare", valued_in_money=False
    )
    r = evaluate(make_case(cost("Investering", 1000), quality))
    assert r.npv == -1000
    assert [i.label for i in r.non_monetary] == ["Nöjdare invånare"]
    assert r.to_dict()["not_valued_in_money"][0]["label"] == "Nöjdare invånare"


def test_recurring_item_runs_to_the_end_and_is_cut_at_the_horizon():
    case = make_case(
        benefit("Öppen", 10, from_year=2), benefit("Lång", 1, from_year=1, to_year=50), horizon=4
    )
    r = evaluate(case)
    assert [row.benefits for row in r.rows] == [0, 1, 11, 11]


def test_ramp_up_multiplies_the_first_active_years_and_keeps_its_last_value():
    case = make_case(benefit("Nytta", 100, from_year=1, ramp=(0.25, 0.5, 1.0)), rate=0.0, horizon=6)
    assert [row.benefits for row in evaluate(case).rows] == [0, 25, 50, 100, 100, 100]


def test_benefits_and_costs_are_split_by_category_and_stakeholder():
    case = make_case(
        benefit("Tid", 50, from_year=0, category="omfördelning"),
        benefit("Porto", 20, from_year=0, stakeholder="medborgare"),
        cost("Licens", 30, year=None, from_year=0, category="finansiell"),
    )
    row = evaluate(case).rows[0]
    assert row.benefits_by_category["omfördelning"] == 50
    assert row.benefits_by_category["finansiell"] == 20
    assert row.benefits_by_stakeholder["medborgare"] == 20
    assert row.costs_by_category["finansiell"] == 30
    assert sum(row.benefits_by_category.values()) == row.benefits


def test_driver_cases_times_minutes_times_hourly_cost_by_inera_rule():
    driver = Driver("ärenden", cases_per_year=Estimate(6000), minutes_per_case=Estimate(20),
                    monthly_salary=Estimate(35000))  # fmt: skip
    item = Item("Tid", "nytta", driver=driver)
    assert item.estimate().likely == pytest.approx(6000 * 20 / 60 * 35000 / 142 * 1.54)


def test_driver_hours_and_units_and_share():
    hours = Driver("tid", hours_per_year=Estimate(100), hourly_cost=Estimate(400))
    units = Driver("styck", quantity=Estimate(1000), unit_price=Estimate(8), share=Estimate(0.25, 0.2, 0.3))
    assert hours.amount() == 40000
    assert units.amount("low") == pytest.approx(1600)
    assert units.amount("high") == pytest.approx(2400)


def test_hourly_cost_by_inera_and_by_po_rate_with_sources():
    inera = hourly_cost(35000)
    assert inera.value == pytest.approx(35000 / 142 * 1.54)
    assert "Inera" in inera.source
    po = hourly_cost(33000, "po", 0.4015)
    assert po.value == pytest.approx(33000 / 142 * 1.4015)
    assert "SKR" in po.source


def test_optimism_bias_uplifts_investments_only_or_all_costs():
    ob = OptimismBias(optimism_bias_uplift("undre"), "Green Book")
    case = make_case(cost("Investering", 1000), cost("Drift", 100, year=None, from_year=1), optimism_bias=ob)
    rows = evaluate(case).rows
    assert rows[0].costs == pytest.approx(1100)
    assert rows[1].costs == pytest.approx(100)
    every = replace(case, optimism_bias=OptimismBias(2.0, "Green Book", "alla kostnader"))
    assert evaluate(every).rows[1].costs == pytest.approx(300)
    assert optimism_bias_uplift("övre", "tid") == pytest.approx(0.54)


def test_irr_is_none_without_a_sign_change():
    assert irr([100, 100, 100]) is None
    assert irr([-100, -10]) is None
    assert irr([0, 0, 0]) is None


def test_irr_of_a_simple_flow():
    assert irr([-100, 110]) == pytest.approx(0.10)


@pytest.mark.parametrize(
    ("build", "field", "words"),
    [
        (lambda: make_case(rate=-1.0), "discount_rate", "−100 %"),
        (lambda: make_case(rate=-1.5), "discount_rate", "−100 %"),
        (lambda: make_case(rate=math.nan), "discount_rate", "vanligt tal"),
        (lambda: make_case(rate=5.0), "discount_rate", "orimligt hög"),
        (lambda: make_case(rate=-0.6), "discount_rate", "orimligt låg"),
        (lambda: make_case(horizon=0), "horizon_years", "minst 1"),
        (lambda: make_case(horizon=2.5), "horizon_years", "heltal"),
        (lambda: Case("", (Alternative("A"),)), "name", "tom"),
        (lambda: Case("X", ()), "alternatives", "minst ett alternativ"),
        (lambda: Item("", "nytta", amount=Estimate(1)), "label", "tom"),
        (lambda: Item("X", "vinst", amount=Estimate(1)), "kind", "kostnad, nytta"),
        (lambda: Item("X", "nytta", category="pengar", amount=Estimate(1)), "category", "finansiell"),
        (lambda: Item("X", "nytta", from_year=-1, amount=Estimate(1)), "from_year", "minst 0"),
        (lambda: Item("X", "nytta", from_year=3, to_year=2, amount=Estimate(1)), "to_year", "före startåret"),
        (lambda: Item("X", "nytta", amount=Estimate(-5)), "amount.likely", "0 eller större"),
        (lambda: Item("X", "nytta", amount=Estimate(math.nan)), "amount.likely", "NaN"),
        (lambda: Item("X", "nytta", amount=Estimate(math.inf)), "amount.likely", "oändligt"),
        (lambda: Item("X", "nytta", amount=Estimate(1e13)), "amount.likely", "orimligt stor"),
        (lambda: Item("X", "nytta", amount=Estimate(5, 6, 7)), "amount", "lågt värde ≤ troligt"),
        (lambda: Item("X", "nytta"), "amount", "antingen ett belopp"),
        (lambda: Item("X", "nytta", amount=Estimate(1), ramp=(0.5, 1.5)), "ramp[2]", "steg 2: ange en andel mellan 0 och 100 %"),
        (lambda: Driver("styck", quantity=Estimate(1)), "driver.unit_price", "pris per styck"),
        (lambda: Driver("tid", hours_per_year=Estimate(1)), "driver.hourly_cost", "timkostnad eller månadslön"),
        (lambda: Driver("styck", quantity=Estimate(1), unit_price=Estimate(1), share=Estimate(1.2)),
         "driver.share.likely", "högst 1"),
        (lambda: Alternative("A", (benefit("X", 1), benefit("X", 2))), "items[2].label", "finns redan"),
        (lambda: hourly_cost(-1), "monthly_salary", "0 eller större"),
        (lambda: hourly_cost(30000, "po"), "po_rate", "PO-pålägget"),
    ],
)  # fmt: skip
def test_bad_input_raises_a_swedish_domain_error_naming_the_field(build, field, words):
    """Does every kind of bad input give a clear Swedish message tied to its field?"""
    with pytest.raises(DomainError) as info:
        build()
    assert info.value.field == field
    assert words.lower() in info.value.message.lower()


def test_a_domain_error_says_where_as_a_path_and_as_text():
    """Can a view match on where the error is, without reading it back out of the text?"""
    with pytest.raises(DomainError) as info:
        Alternative("A", (benefit("X", 1), benefit("X", 2)))
    assert info.value.path == ("items", 1, "label") and info.value.field == "items[2].label"
    with pytest.raises(DomainError) as info:
        Driver("styck", quantity=Estimate(1), unit_price=Estimate(1), share=Estimate(1.2))
    assert info.value.path == ("driver", "share", "likely")
    outer = info.value.within("alternatives", 0, "items", 2)
    assert outer.path == ("alternatives", 0, "items", 2, "driver", "share", "likely")
    assert (
        outer.field == "alternatives[1].items[3].driver.share.likely" and outer.message == info.value.message
    )


def test_alternative_by_name_and_unknown_alternative():
    case = make_case(benefit("Nytta", 1, from_year=0))
    assert evaluate(case, "Alt").alternative == "Alt"
    with pytest.raises(DomainError, match="finns inte"):
        evaluate(case, "Saknas")
    with pytest.raises(DomainError, match="nr 3 finns inte"):
        evaluate(case, 2)


def test_a_blank_case_uses_asek_and_evaluates_to_zero():
    case = blank_case()
    assert case.discount_rate == 0.035
    assert "ASEK" in case.discount_rate_source
    assert evaluate(case).npv == 0


def test_extreme_but_allowed_inputs_never_give_nan():
    case = make_case(
        cost("Investering", 1e12), benefit("Nytta", 1e12, from_year=1, ramp=(0.1,)), rate=-0.5, horizon=100
    )
    r = evaluate(case)
    assert all(math.isfinite(v) for v in (r.npv, r.pv_benefits, r.pv_costs))
    assert all(math.isfinite(row.cumulative_present_value) for row in r.rows)
