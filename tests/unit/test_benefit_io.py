"""The YAML case format: example cases, round trips and `file: field: message` for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.benefit import (
    Alternative,
    Case,
    Driver,
    Estimate,
    Item,
    OptimismBias,
    PlanEntry,
    case_to_dict,
    dump_case,
    evaluate,
    example_cases,
    load_case,
    missing_sources,
    parse_case,
)
from widgets.benefit.report import markdown_report
from widgets.errors import ContentError

FIXTURES = Path(__file__).parent / "fixtures" / "benefit"


def full_case() -> Case:
    driver = Driver("ärenden", cases_per_year=Estimate(6000, 4000, 8000, assumption=True, note="Antagande."),
                    minutes_per_case=Estimate(20, 10, 30, source="Källa"), monthly_salary=Estimate(35000),
                    salary_method="po", po_rate=0.4015, salary_source="SKR")  # fmt: skip
    items = (
        Item("Införande", "kostnad", from_year=0, to_year=0, amount=Estimate(1000.5, 900, 1500), investment=True),
        Item("Drift", "kostnad", from_year=1, amount=Estimate(200), source="Offert", note="Per år."),
        Item("Tid", "nytta", category="omfördelning", stakeholder="verksamheten", from_year=1, to_year=4,
             driver=driver, ramp=(0.25, 0.5, 1), description="Frigjord tid."),
        Item("Porto", "nytta", stakeholder="medborgare", from_year=0,
             driver=Driver("styck", quantity=Estimate(1000), unit_price=Estimate(8), share=Estimate(0.3))),
        Item("Kvalitet", "nytta", category="kvalitet", valued_in_money=False, assumption=True),
    )  # fmt: skip
    return Case(
        "Fullständig",
        (Alternative("E-tjänst", items, "Beskrivning"), Alternative("Nollalternativ")),
        discount_rate=0.03,
        discount_rate_source="Inera",
        horizon_years=6,
        horizon_source="Inera",
        start_year=2027,
        description="Text med å ä ö.",
        organisation="Kommunen",
        owner="Chefen",
        optimism_bias=OptimismBias(0.1, "Green Book", "alla kostnader"),
        sources=("Källa 1", "Källa 2"),
        realisation_plan=(PlanEntry("Tid", owner="Chefen", follow_up=("2027-06-30",), risks="Risk"),),
    )


def test_a_case_survives_the_round_trip_through_yaml():
    case = full_case()
    text = dump_case(case)
    assert "å ä ö" in text
    again = parse_case(text, "test.yaml")
    assert again == case
    assert case_to_dict(again) == case_to_dict(case)
    assert evaluate(again).npv == pytest.approx(evaluate(case).npv)


@pytest.mark.parametrize("path", example_cases(), ids=lambda p: p.name)
def test_example_case_loads_round_trips_and_evaluates(path):
    case = load_case(path)
    assert parse_case(dump_case(case)) == case
    result = evaluate(case)
    assert result.rows
    assert markdown_report(case).startswith("# Nyttokalkyl")


@pytest.mark.parametrize("path", example_cases(), ids=lambda p: p.name)
def test_every_figure_in_an_example_case_has_a_source_or_is_marked_as_an_assumption(path):
    assert missing_sources(load_case(path)) == []


def test_there_are_at_least_four_example_cases():
    names = {p.stem for p in example_cases()}
    assert {"trelleborg-ekonomiskt-bistand", "sodertalje-digitala-las", "kommune-kari-chattbot",
            "mina-meddelanden"} <= names  # fmt: skip


def test_the_sodertalje_case_compares_10_12_and_20_minutes():
    case = load_case(next(p for p in example_cases() if p.stem == "sodertalje-digitala-las"))
    saving = case.main.items[1].amount
    assert (saving.low, saving.likely, saving.high) == (100_000, 120_000, 200_000)
    assert len(case.alternatives) == 3


def test_missing_sources_names_the_field_without_a_source():
    case = Case("X", (Alternative("A", (Item("Licens", "kostnad", amount=Estimate(5)),)),))
    assert missing_sources(case) == ["alternatives[1].items[1].amount"]


@pytest.mark.parametrize(
    ("fixture", "field", "words"),
    [
        ("syntax_error.yaml", "rad 3, kolumn 1", "felaktig YAML"),
        ("missing_rate.yaml", "discount_rate", "saknas"),
        ("unknown_field.yaml", "alternatives[1].items[1].amout", "okänt fält"),
        ("end_before_start.yaml", "alternatives[1].items[1].to_year", "före startåret"),
        ("low_above_likely.yaml", "alternatives[1].items[2].amount", "lågt värde ≤ troligt värde"),
        ("rate_minus_100.yaml", "discount_rate.value", "−100 %"),
        ("amount_is_text.yaml", "alternatives[1].items[1].amount", "ska vara ett tal"),
        ("horizon_zero.yaml", "horizon_years", "för litet"),
        ("year_and_from_year.yaml", "alternatives[1].items[1].year", "inte båda"),
        ("driver_missing_factor.yaml", "alternatives[1].items[1].driver.minutes_per_case", "tomt"),
        ("plan_unknown_benefit.yaml", "realisation_plan[1].benefit", "finns inte"),
        ("unknown_version.yaml", "schema_version", "okänd"),
        ("huge_amount.yaml", "alternatives[1].items[1].amount.likely", "orimligt stort"),
    ],
)
def test_a_broken_case_file_reports_file_field_and_message(fixture, field, words):
    """Can course staff find their typo from the message alone?"""
    with pytest.raises(ContentError) as info:
        load_case(FIXTURES / fixture)
    assert info.value.field == field
    assert words in info.value.message
    assert str(info.value).endswith(f"{fixture}: {field}: {info.value.message}")


def test_a_missing_file_is_a_content_error():
    with pytest.raises(ContentError, match="filen finns inte"):
        load_case(FIXTURES / "finns-inte.yaml")
