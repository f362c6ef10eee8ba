"""'Räkna fram ett belopp' and the ramp-up box: amounts from building blocks, hourly cost from a salary."""

from __future__ import annotations

import pytest

from widgets import fmt
from widgets.apps.nyttokalkyl import nyttokalkyl_app
from widgets.benefit import evaluate
from widgets.benefit import factors as bfactors
from widgets.store import PersonalStore


@pytest.fixture
def app():
    with PersonalStore() as store:
        yield nyttokalkyl_app(store=store)


def opened(app):
    builder = app.editor.builder
    assert not hasattr(builder, "kind")  # nothing is built until asked for
    builder.toggle.click()
    return builder


def test_hours_times_a_salary_by_ineras_rule_becomes_a_new_benefit_row(app):
    builder = opened(app)
    builder.hourly.value = "inera"
    assert builder.shown == ["hours_per_year", "monthly_salary", "share"]
    builder.factors["hours_per_year"].likely.value = "1 000"
    builder.factors["hours_per_year"].low.value = "500"
    builder.factors["monthly_salary"].likely.value = "40 000"
    hourly = 40_000 / 142 * 1.54
    assert fmt.sek(1000 * hourly) in builder.result.value
    assert "÷ 142 × 1,54" in builder.result.value
    assert bfactors.INERA_SOURCE.split(":")[0] in builder.result.value
    before = len(app.editor.rows)
    builder.add_benefit.click()
    assert len(app.editor.rows) == before + 1
    row = app.editor.rows[-1]
    assert row.driver is not None and row.likely.disabled
    item = next(i for i in app.case.main.items if i.label == row.label.value)
    assert item.kind == "nytta"
    assert item.estimate().likely == pytest.approx(1000 * hourly)
    assert item.estimate().low == pytest.approx(500 * hourly)
    assert app.result.npv == pytest.approx(evaluate(app.case).npv)


def test_cases_minutes_and_a_share_with_po_rate(app):
    builder = opened(app)
    builder.kind.value = "ärenden"
    builder.hourly.value = "po"
    assert builder.po_rate.layout.display is None
    builder.factors["cases_per_year"].likely.value = "6000"
    builder.factors["minutes_per_case"].likely.value = "20"
    builder.factors["monthly_salary"].likely.value = "35 000"
    builder.factors["share"].likely.value = "50"
    expected = 6000 * 20 / 60 * 35_000 / 142 * 1.4015 * 0.5
    assert fmt.sek(expected) in builder.result.value
    builder.add_cost.click()
    item = app.case.main.items[-1]
    assert item.kind == "kostnad"
    assert item.estimate().likely == pytest.approx(expected)


def test_bad_or_missing_factors_are_explained_and_nothing_is_added(app):
    builder = opened(app)
    before = len(app.editor.rows)
    builder.add_benefit.click()
    assert len(app.editor.rows) == before
    assert "troligt värde" in builder.message.value
    builder.factors["hours_per_year"].likely.value = "många"
    builder.factors["hourly_cost"].likely.value = "500"
    assert "Timmar per år, troligt" in builder.message.value
    builder.factors["hours_per_year"].likely.value = "100"
    builder.factors["hours_per_year"].high.value = "50"
    assert builder.message.value  # high below likely
    builder.add_benefit.click()
    assert len(app.editor.rows) == before


def test_ramp_up_is_edited_in_the_row(app):
    row = app.editor.rows[0]
    row.ramp.value = "25; 50; 100"
    item = next(i for i in app.case.main.items if i.label == row.label.value)
    assert item.ramp == (0.25, 0.5, 1.0)
    row.ramp.value = "25; abc"
    assert "Upptrappning (%), steg 2" in row.message.value
    row.ramp.value = "150"
    assert "steg 1: ange en andel mellan 0 och 100" in row.message.value
    row.ramp.value = ""
    item = next(i for i in app.case.main.items if i.label == row.label.value)
    assert item.ramp == ()
