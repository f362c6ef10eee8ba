"""The klimatkalkyl (module 5) against values computed by hand from data/klimatfaktorer.yaml, and the bridge
to the Nyttokalkyl."""

from __future__ import annotations

import pytest

from widgets.benefit import evaluate as evaluate_case
from widgets.benefit import parse_case
from widgets.climate import (
    Choices,
    Compute,
    DataUse,
    DeviceUse,
    Meetings,
    Range,
    bridge,
    default_factors,
    evaluate,
    meetings,
)
from widgets.errors import DomainError
from widgets.store import PersonalStore

F = default_factors()


def approx(r: Range, low: float, likely: float, high: float) -> None:
    assert (r.low, r.likely, r.high) == pytest.approx((low, likely, high), rel=1e-9)


# --- meetings: five factor combinations --------------------------------------------------------------------


def test_petrol_car_alone_against_video_with_camera():
    """10 meetings × 8 people × 100 km × 167 g/vkm = 1 336 kg; video 10 × 8 × 2 h × 150/157/1 000 g."""
    physical, video = meetings(Meetings(10, 8, 100, "bil-bensin", 1, 2, True), F)
    approx(physical, 1336, 1336, 1336)
    approx(video, 24.0, 25.12, 160.0)
    result = evaluate(Choices(meetings=Meetings(10, 8, 100, "bil-bensin", 1, 2, True)), F)
    approx(result.meeting_saving, 1336 - 160, 1336 - 25.12, 1336 - 24)


def test_diesel_car_shared_by_four():
    """12 meetings × (8 people × 200 km ÷ 4 per car) × 137 g = 12 × 400 vkm × 137 g = 657,6 kg."""
    physical, _ = meetings(Meetings(12, 8, 200, "bil-diesel", 4, 1, True), F)
    approx(physical, 657.6, 657.6, 657.6)


def test_train_against_video_with_camera_off():
    """6 × 10 people × 300 km = 18 000 pkm × 7 (Nordic) … 24 g (Europe); camera off keeps 4 %."""
    physical, video = meetings(Meetings(6, 10, 300, "tag", 1, 1, False), F)
    approx(physical, 126.0, 126.0, 432.0)
    approx(video, 6 * 10 * 150 * 0.04 / 1000, 6 * 10 * 157 * 0.04 / 1000, 6 * 10 * 1000 * 0.04 / 1000)


def test_electric_car_shared_by_two():
    """5 × (4 people × 50 km ÷ 2) × 14 g = 500 vkm × 14 g = 7 kg."""
    physical, _ = meetings(Meetings(5, 4, 50, "bil-el", 2, 1, True), F)
    approx(physical, 7.0, 7.0, 7.0)


def test_occupants_do_not_matter_on_the_train():
    one, _ = meetings(Meetings(6, 10, 300, "tag", 1, 1, True), F)
    many, _ = meetings(Meetings(6, 10, 300, "tag", 5, 1, True), F)
    assert one == many


def test_a_short_train_trip_can_lose_to_a_long_video_meeting():
    """1 person, 10 km by train (70–240 g) against 8 h of video (1,2–8 kg): the saving is negative throughout."""
    result = evaluate(Choices(meetings=Meetings(1, 1, 10, "tag", 1, 8, True)), F)
    approx(result.meeting_saving, 0.07 - 8.0, 0.07 - 8 * 0.157, 0.24 - 1.2)
    assert result.meeting_saving.likely == pytest.approx(0.07 - 8 * 0.157)


# --- devices ------------------------------------------------------------------------------------------------


def test_laptops_kept_six_years_instead_of_four():
    """100 × 236 kg ÷ 4 = 5 900 kg/år; ÷ 6 = 3 933,3; saving 100 × m × (1/4 − 1/6) with m = 150/236/243,8."""
    result = evaluate(Choices(devices=(DeviceUse("laptop", 100, 4, 6),)), F)
    line = result.devices[0]
    approx(line.current, 100 * 150 / 4, 5900, 100 * 243.8 / 4)
    approx(line.longer, 100 * 150 / 6, 100 * 236 / 6, 100 * 243.8 / 6)
    approx(result.device_saving, 1250, 100 * 236 / 12, 100 * 243.8 / 12)


def test_smartphones_and_laptops_add_up():
    """50 phones 2 → 3 years: 50 × 51,2 × (1/2 − 1/3) = 426,7 kg; high 50 × 69,5 ÷ 6 = 579,2 kg."""
    result = evaluate(Choices(devices=(DeviceUse("laptop", 100, 4, 6), DeviceUse("smartphone", 50, 2, 3))), F)
    phone = result.devices[1].saving
    approx(phone, 50 * 51.2 / 6, 50 * 51.2 / 6, 50 * 69.5 / 6)
    assert result.device_saving.likely == pytest.approx(100 * 236 / 12 + 50 * 51.2 / 6)


def test_the_same_cycle_saves_nothing():
    result = evaluate(Choices(devices=(DeviceUse("smartphone", 10, 3, 3),)), F)
    approx(result.device_saving, 0, 0, 0)


# --- data, compute and electricity --------------------------------------------------------------------------


def test_data_transfer_at_swedish_production():
    """1 000 GB × 0,30 kWh/GB = 300 kWh × 20 / 21 / 40 g/kWh."""
    result = evaluate(Choices(data=DataUse(1000), electricity="el-sverige"), F)
    assert result.data_kwh == pytest.approx(300)
    approx(result.data, 6.0, 6.3, 12.0)


def test_green_algorithms_formula_at_the_nordic_mix():
    """100 h × 1,56 × (4 × 10 W × 1 + 16 GB × 0,3725 W) / 1 000 = 7,16976 kWh × 90 … 100 g."""
    result = evaluate(Choices(compute=Compute(100, 4, 10, 1.0, 16), electricity="el-norden"), F)
    assert result.compute_kwh == pytest.approx(7.16976)
    approx(result.compute, 7.16976 * 0.09, 7.16976 * 0.09, 7.16976 * 0.1)


def test_compute_with_own_pue_and_half_usage():
    """10 h × 1,2 × (8 × 5 W × 0,5) / 1 000 = 0,24 kWh."""
    result = evaluate(Choices(compute=Compute(10, 8, 5, 0.5, 0, pue=1.2)), F)
    assert result.compute_kwh == pytest.approx(0.24)


def test_the_spread_over_intensities_is_tenfold_or_more():
    """The same 300 kWh from SE1 (15 g) to the world average (473 g)."""
    result = evaluate(Choices(data=DataUse(1000)), F)
    likely = {f.id: r.likely for f, r in result.spread}
    assert likely["el-se1"] == pytest.approx(4.5)
    assert likely["el-varlden"] == pytest.approx(141.9)
    assert likely["el-varlden"] / likely["el-se1"] > 10


def test_saving_and_footprint_are_the_sums():
    choices = Choices(
        meetings=Meetings(10, 8, 100, "bil-bensin", 1, 2, True),
        devices=(DeviceUse("laptop", 100, 4, 6),),
        data=DataUse(1000),
        compute=Compute(100, 4, 10, 1.0, 16),
        electricity="el-se3",
    )
    r = evaluate(choices, F)
    assert r.saving == r.meeting_saving + r.device_saving
    assert r.footprint.likely == pytest.approx(25.12 + 100 * 236 / 6 + 300 * 0.02 + 7.16976 * 0.02)


# --- bad input ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choices", "field", "words"),
    [
        (Choices(meetings=Meetings(km=-5)), "meetings.km", "minst 0"),
        (Choices(meetings=Meetings(per_year=float("nan"))), "meetings.per_year", "som ett tal"),
        (
            Choices(meetings=Meetings(participants=2, occupants=3, mode="bil-diesel")),
            "meetings.occupants",
            "fler",
        ),
        (Choices(meetings=Meetings(mode="flyg")), "meetings.mode", "Eltåg"),
        (Choices(meetings=Meetings(hours=25)), "meetings.hours", "högst 24"),
        (Choices(devices=(DeviceUse("laptop", 1, 5, 4),)), "devices[1].longer_years", "kortare"),
        (Choices(devices=(DeviceUse("laptop", 1, 0, 4),)), "devices[1].current_years", "större än 0"),
        (
            Choices(devices=(DeviceUse("laptop", 1, 3, 4), DeviceUse("laptop", 1, 3, 4))),
            "devices[2].device",
            "två",
        ),
        (Choices(compute=Compute(10, 4, 0)), "compute.watts_per_core", "TDP"),
        (Choices(compute=Compute(10, 4, 10, usage=1.5)), "compute.usage", "högst 1"),
        (Choices(electricity="el-se2"), "electricity", "SE3"),
    ],
)
def test_bad_input_names_the_field_in_swedish(choices, field, words):
    with pytest.raises(DomainError) as info:
        evaluate(choices, F)
    assert info.value.field == field
    assert words in info.value.message


# --- the bridge to the Nyttokalkyl ------------------------------------------------------------------------------


def test_saving_becomes_a_miljo_benefit_not_valued_in_money():
    item = bridge.climate_item(Range(1176, 1310.88, 1312))
    assert (item.kind, item.category, item.valued_in_money) == ("nytta", "miljö", False)
    assert "1\u00a0311 kg" in item.description and "lågt 1\u00a0176 kg" in item.description


def test_a_price_with_its_source_values_the_saving():
    price = bridge.CarbonPrice(1000, "Egen uppgift: internt klimatpris", low=500, high=2000)
    item = bridge.climate_item(Range(-10, 2000, 3000), price)
    assert item.valued_in_money
    assert (item.amount.low, item.amount.likely, item.amount.high) == (0.0, 2000.0, 6000.0)
    with pytest.raises(DomainError) as info:
        bridge.climate_item(Range(1, 2, 3), bridge.CarbonPrice(1000, " "))
    assert info.value.field == "price.source"


def test_no_saving_is_not_a_benefit():
    with pytest.raises(DomainError):
        bridge.climate_item(Range(-5, -1, 2))


def test_the_benefit_is_saved_in_a_case_the_nyttokalkyl_opens(tmp_path):
    with PersonalStore(tmp_path / "p.sqlite3") as store:
        item = bridge.climate_item(Range(100, 200, 300))
        bridge.save_new_case(store, "Resfria möten", item)
        with pytest.raises(DomainError):
            bridge.save_new_case(store, "Resfria möten", item)
        case = parse_case(store.load_case("Resfria möten"), "Resfria möten")
        assert case.main.items == (item,)
        # added again (a new calculation): replaced, not doubled; the NPV does not count it
        again = bridge.add_to_saved_case(store, "Resfria möten", bridge.climate_item(Range(1, 2, 3)))
        assert len(again.main.items) == 1 and "2 kg" in again.main.items[0].description
        assert evaluate_case(again).npv == 0
        with pytest.raises(DomainError):
            bridge.add_to_saved_case(store, "Finns inte", item)
