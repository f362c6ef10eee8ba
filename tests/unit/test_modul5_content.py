"""Module 5 content: the klimatkalkyl's factor file and the Agenda 2030 goal list — every factor sourced and
dated, mistakes reported as ``file: field: message``; the mapping model and its export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from widgets import agenda2030
from widgets.climate import default_factors, factors, load_factors_file
from widgets.errors import ContentError, DomainError

FACTORS_TEXT = factors.FACTORS_FILE.read_text(encoding="utf-8")
GOALS_TEXT = agenda2030.GOALS_FILE.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "klimatfaktorer.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def broken(tmp_path: Path, old: str, new: str, count: int = 1) -> ContentError:
    assert old in FACTORS_TEXT
    path = write(tmp_path, FACTORS_TEXT.replace(old, new, count))
    with pytest.raises(ContentError) as info:
        load_factors_file(path)
    return info.value


# --- the factor file --------------------------------------------------------------------------------------


def test_every_factor_has_a_source_and_a_year():
    f = default_factors()
    assert len(f.factors) >= 15
    for factor in f.factors:
        assert factor.source and factor.year, factor.id
        assert factor.low <= factor.likely <= factor.high


def test_the_facts_sheet_figures_are_the_ones_in_the_file():
    f = default_factors()
    expected = {
        "tag": (7, 7, 24),
        "bil-bensin": (167, 167, 167),
        "bil-diesel": (137, 137, 137),
        "bil-el": (14, 14, 14),
        "video-timme": (150, 157, 1000),
        "el-norden": (90, 90, 100),
        "el-sverige": (20, 21, 40),
        "el-se1": (15, 15, 15),
        "el-se3": (20, 20, 20),
        "el-se4": (37, 37, 37),
        "pue": (1.56, 1.56, 1.56),
        "minne-watt-per-gb": (0.3725, 0.3725, 0.3725),
    }
    for factor_id, values in expected.items():
        factor = f.get(factor_id)
        assert (factor.low, factor.likely, factor.high) == values, factor_id
    assert f.get("data-kwh-per-gb").likely == pytest.approx(0.30)
    assert len(f.get("data-kwh-per-gb").parts) == 6
    assert {d.id for d in f.devices} == {
        "laptop",
        "smartphone",
    }  # no monitor: the facts give no manufacturing share
    assert "el-se2" not in {e.id for e in f.electricity}  # SE2 is not in the facts
    assert len(f.rebound) >= 5


def test_a_source_without_a_year_says_so():
    assert default_factors().get("tag").year_text == "år anges inte av källan"
    assert default_factors().get("video-timme").year_text == "2021"


def test_low_above_likely_names_the_factor(tmp_path):
    err = broken(tmp_path, "likely: 157\n    low: 150", "likely: 157\n    low: 170")
    assert err.field.startswith("factors[")
    assert "lågt värde ≤ troligt värde" in err.message
    assert str(err).startswith("klimatfaktorer.yaml") or "klimatfaktorer.yaml:" in str(err)


def test_parts_that_do_not_add_up(tmp_path):
    err = broken(tmp_path, "value: 0.055", "value: 0.155")
    assert err.field.endswith(".parts")
    assert "0,3" not in err.message and "0.4" in err.message


def test_a_duplicate_id(tmp_path):
    err = broken(tmp_path, "id: bil-diesel", "id: bil-bensin")
    assert err.field.endswith(".id") and "används redan" in err.message


def test_a_missing_source_is_a_schema_error(tmp_path):
    err = broken(
        tmp_path,
        "    source: klimatresa.se (Chalmers), Beräkningsmetod – transportmedel, mellanstor bil, el Norden.\n",
        "",
    )
    assert err.field.endswith(".source") and "saknas" in err.message


def test_a_bad_year(tmp_path):
    err = broken(tmp_path, "year: 2021\n", "year: förra året\n")
    assert err.field.endswith(".year")


def test_travel_without_per(tmp_path):
    err = broken(tmp_path, "    per: fordon\n", "", 1)
    assert err.field.endswith(".per")


def test_a_missing_model_factor(tmp_path):
    err = broken(tmp_path, "id: pue", "id: pue-x")
    assert "'pue' saknas" in err.message


def test_an_unknown_field(tmp_path):
    err = broken(tmp_path, "    label: Eltåg\n", "    label: Eltåg\n    lable: Tåg\n")
    assert "okänt fält" in err.message


# --- Agenda 2030 --------------------------------------------------------------------------------------------


def test_the_seventeen_goals_with_their_sources():
    goals = agenda2030.default_goals()
    assert [g.number for g in goals.goals] == list(range(1, 18))
    assert goals.get(13).title == "Bekämpa klimatförändringarna"
    assert goals.adopted == dt.date(2015, 9, 25)
    assert goals.targets_total == 169
    assert "fn.se" in goals.titles_source and "FN" in goals.source


def test_goals_out_of_order_are_reported(tmp_path):
    path = write(tmp_path, GOALS_TEXT.replace("{number: 2, title", "{number: 3, title"), "agenda2030.yaml")
    with pytest.raises(ContentError) as info:
        agenda2030.load_goals_file(path)
    assert info.value.field == "goals[2].number"


def test_sixteen_goals_are_not_enough(tmp_path):
    text = GOALS_TEXT.replace('  - {number: 17, title: "Genomförande och globalt partnerskap"}\n', "")
    with pytest.raises(ContentError) as info:
        agenda2030.load_goals_file(write(tmp_path, text, "agenda2030.yaml"))
    assert info.value.field == "goals" and "minst 17" in info.value.message


@pytest.mark.parametrize(
    ("text", "goal", "expected"),
    [
        ("13.2, 13.3", 13, ("13.2", "13.3")),
        ("", 4, ()),
        ("9.c 9.c", 9, ("9.c",)),
        ("17.19;17.1", 17, ("17.19", "17.1")),
    ],
)
def test_targets_are_parsed(text, goal, expected):
    assert agenda2030.parse_targets(text, goal) == expected


@pytest.mark.parametrize(
    ("text", "words"), [("12.3", "hör till mål 12"), ("tretton", "inget delmål"), ("13", "inget delmål")]
)
def test_wrong_targets_are_explained(text, words):
    with pytest.raises(DomainError) as info:
        agenda2030.parse_targets(text, 13)
    assert words in info.value.message


def test_a_mapping_is_checked_and_exported_escaped():
    mapping = agenda2030.Mapping(
        "E-arkiv <script>",
        (
            agenda2030.GoalEffect(13, "Färre pappersutskrifter", "Mer lagring i molnet", ("13.3",)),
            agenda2030.GoalEffect(16, "Öppnare handlingar", ""),
        ),
    )
    agenda2030.check_mapping(mapping)
    text = agenda2030.to_markdown(mapping, today=dt.date(2026, 5, 4))
    assert "# Agenda 2030: E-arkiv \\<script\\>" in text
    assert "## Mål 13: Bekämpa klimatförändringarna" in text and "Delmål: 13.3" in text
    assert "- Negativt: –" in text and "Sparad 4 maj 2026." in text
    assert "fn.se" in text
    assert agenda2030.summary_counts(mapping.effects) == (2, 2, 1)
    with pytest.raises(DomainError):
        agenda2030.check_mapping(agenda2030.Mapping("x", (agenda2030.GoalEffect(18),)))
    with pytest.raises(DomainError):
        agenda2030.check_mapping(
            agenda2030.Mapping("x", (agenda2030.GoalEffect(1), agenda2030.GoalEffect(1)))
        )


def test_stored_values_come_back():
    effect = agenda2030.GoalEffect(7, "a", "b", ("7.2",))
    assert agenda2030.GoalEffect.from_value(7, effect.to_value()) == effect
    assert agenda2030.GoalEffect.from_value(7, "nonsense") is None
