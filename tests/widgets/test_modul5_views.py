"""Module 5 views without a browser: the klimatkalkyl (result, chart, spread, bad input beside its field,
saved choices, export), its bridge to the Nyttokalkyl, and the Agenda 2030 mapping."""

from __future__ import annotations

import pytest

from widgets.apps.modul5 import AgendaMapping, ClimateCalculator, modul5_app
from widgets.benefit import parse_case
from widgets.store import PersonalStore


@pytest.fixture
def store(tmp_path):
    with PersonalStore(tmp_path / "p.sqlite3") as s:
        yield s


def downloaded(link) -> str:
    return link.data.decode("utf-8")


def opened(store) -> ClimateCalculator:
    calc = ClimateCalculator(store)
    calc.load()
    calc.expand()
    return calc


# --- the page ---------------------------------------------------------------------------------------------


def test_the_page_has_its_tools_and_builds_them_only_when_opened(store):
    page = modul5_app(store=store)
    text = repr(page.exercises.children)
    assert "inga övningar" not in text and "bara reflektionsfrågor" not in text
    assert "finns längre ned" in text
    assert isinstance(page.climate, ClimateCalculator) and isinstance(page.agenda, AgendaMapping)
    assert not page.climate.built and not page.agenda.built
    assert page.climate.fields == {} and page.agenda.rows == {}
    assert page.climate.toggle.description == "Öppna: Klimatkalkyl: möten, enheter och data"


# --- the klimatkalkyl ------------------------------------------------------------------------------------------


def test_the_default_choices_give_a_result_with_chart_and_spread(store):
    calc = opened(store)
    # 10 meetings × 8 × 100 km by petrol car alone = 1 336 kg; video 2 h with camera 25 kg (24–160)
    assert "1\u00a0336\u00a0kg" in calc.table.value
    assert "Din kalkyl: minskning med omkring 1\u00a0311\u00a0kg" in calc.summary.value
    assert (
        'role="img"' in calc.chart.svg
        and "Fysiska möten" in calc.chart.alt
        and "1\u00a0336" in calc.chart.alt
    )
    assert "Elområde SE3" in calc.spread.value and "tiofalt" in calc.spread.value
    assert "klimatkalkyl.md" in calc.download.value


def test_the_rebound_effects_are_listed_beside_the_result(store):
    calc = opened(store)
    beside = calc.beside
    assert calc.chart in beside.children[0].children
    assert "Rekyleffekter" in beside.children[1].children[0].value


def test_text_that_is_not_a_number_is_explained_below_its_field(store):
    calc = opened(store)
    before = calc.table.value
    calc.fields["meetings.km"].value = "hundra"
    assert "”hundra” är inte ett tal" in calc.messages["meetings.km"].value
    assert calc.messages["meetings.per_year"].value == ""
    assert "Rätta de markerade fälten" in calc.message.value
    assert calc.table.value == before  # the old result stays, nothing half-computed
    calc.fields["meetings.km"].value = "1 000,5"
    assert calc.messages["meetings.km"].value == "" and calc.message.value == ""


def test_a_model_rule_is_shown_below_the_field_it_concerns(store):
    calc = opened(store)
    calc.fields["meetings.participants"].value = "2"
    calc.fields["meetings.occupants"].value = "3"
    assert "fler i varje bil" in calc.messages["meetings.occupants"].value
    calc.fields["meetings.occupants"].value = "2"
    calc.fields["smartphone.count"].value = "10"
    calc.fields["smartphone.longer_years"].value = "2"
    assert "kortare än den nuvarande" in calc.messages["smartphone.longer_years"].value
    calc.fields["compute.hours_per_year"].value = "100"
    calc.fields["smartphone.longer_years"].value = "6"
    assert "TDP" in calc.messages["compute.watts_per_core"].value


def test_a_longer_cycle_for_laptops_and_another_electricity(store):
    calc = opened(store)
    calc.fields["laptop.count"].value = "100"
    # 100 × 236 kg × (1/4 − 1/6) = 1 966,7 kg more saved
    assert calc.result.device_saving.likely == pytest.approx(100 * 236 / 12)
    assert "Enheter med längre livslängd" in calc.table.value
    calc.fields["data.gb_per_year"].value = "1000"
    calc.electricity.value = "el-varlden"
    assert calc.result.data.likely == pytest.approx(300 * 0.473)
    calc.camera.value = False
    assert "kameran av" in calc.table.value


def test_choices_are_saved_and_come_back_in_a_new_page(tmp_path):
    path = tmp_path / "p.sqlite3"
    with PersonalStore(path) as store:
        calc = opened(store)
        calc.fields["meetings.km"].value = "250"
        calc.mode.value = "tag"
    with PersonalStore(path) as store:
        again = ClimateCalculator(store)
        again.load()
        assert "Din senaste sparade kalkyl" in again.summary.value  # before it is opened
        again.expand()
        assert again.fields["meetings.km"].value == "250" and again.mode.value == "tag"
        assert again.result.physical.likely == pytest.approx(10 * 8 * 250 * 7 / 1000)


def test_the_export_has_the_factors_with_sources_and_the_rebound_effects(store):
    calc = opened(store)
    text = downloaded(calc.download)
    assert text.startswith("# Klimatkalkyl")
    assert "Obringer" in text and "klimatresa.se" in text and "år anges inte av källan" in text
    assert "## Rekyleffekter" in text and "Fler och längre möten" in text
    assert "| Fysiska möten (resorna) | 1\u00a0336\u00a0kg |" in text


# --- the bridge to the Nyttokalkyl ------------------------------------------------------------------------------


def test_the_saving_goes_into_a_new_case_and_then_into_a_saved_one(store):
    calc = opened(store)
    bridge = calc.bridge
    bridge.name.value = "Resfria möten"
    bridge.add.click()
    assert "Lade till miljönyttan (inte värderad i kronor)" in bridge.message.value
    assert 'href="60_nyttokalkyl.ipynb"' in bridge.message.value
    case = parse_case(store.load_case("Resfria möten"), "x")
    (item,) = case.main.items
    assert item.category == "miljö" and not item.valued_in_money and "1\u00a0311 kg" in item.description
    # a saved case is chosen (the new case's name is hidden, nothing else); a price without a source is refused
    assert bridge.case.value == "Resfria möten"
    assert bridge.name.layout.display == "none"
    assert {bridge.case.layout.display, bridge.price.layout.display, bridge.source.layout.display} == {None}
    bridge.price.value = "1 200"
    bridge.add.click()
    assert "Ange var priset" in bridge.source_message.value and bridge.message.value == ""
    bridge.source.value = "Eget antagande för övningen"
    bridge.add.click()
    item = parse_case(store.load_case("Resfria möten"), "x").main.items[0]
    assert item.valued_in_money and item.amount.likely == pytest.approx(
        calc.result.saving.likely / 1000 * 1200
    )


def test_a_new_case_cannot_take_an_existing_name(store):
    calc = opened(store)
    calc.bridge.name.value = "A"
    calc.bridge.add.click()
    calc.bridge.case.value = "__ny__"
    calc.bridge.add.click()
    assert "finns redan" in calc.bridge.name_message.value


def test_no_saving_is_not_added(store):
    calc = opened(store)
    calc.fields["meetings.km"].value = "0"
    calc.bridge.add.click()
    assert "ingen minskning" in calc.bridge.message.value
    assert store.list_cases() == []


# --- Agenda 2030 ----------------------------------------------------------------------------------------------


def test_a_goal_is_mapped_saved_and_exported(tmp_path):
    path = tmp_path / "p.sqlite3"
    with PersonalStore(path) as store:
        agenda = AgendaMapping(store)
        agenda.load()
        assert "Markera de mål" in agenda.summary.value and agenda.download.value == ""
        agenda.expand()
        assert len(agenda.rows) == 17 and agenda.rows[13].positive is None  # fields built when ticked
        agenda.initiative.value = "E-arkiv <b>nu</b>"
        row = agenda.rows[13]
        row.check.value = True
        row.positive.value = "Färre utskrifter"
        row.negative.value = "Mer lagring"
        row.targets.value = "12.5"
        assert "hör till mål 12" in row.message.value
        row.targets.value = "13.3"
        assert row.message.value == ""
        assert "E-arkiv &lt;b&gt;nu&lt;/b&gt;" in agenda.summary.value
        assert "1 av 17 mål markerade; 1 med positiva och 1 med negativa" in agenda.summary.value
        text = downloaded(agenda.download)
        assert "## Mål 13: Bekämpa klimatförändringarna" in text and "Delmål: 13.3" in text
    with PersonalStore(path) as store:
        again = AgendaMapping(store)
        again.load()
        again.expand()
        assert again.rows[13].check.value and again.rows[13].targets.value == "13.3"
        assert again.initiative.value == "E-arkiv <b>nu</b>"
        again.rows[13].check.value = False
    with PersonalStore(path) as store:
        third = AgendaMapping(store)
        third.load()
        assert third.mapping().effects == ()


def test_every_factor_is_shown_with_its_source_and_year(store):
    calc = opened(store)
    text = repr([c.value for c in calc.beside.children[0].children if hasattr(c, "value")])
    assert "Faktorer och källor" in text and "Obringer" in text and "År: 2021" in text
    assert (
        "globalt genomsnittligt elnät" in text
    )  # why the video figure is not recomputed with the chosen power
    assert "Fyll i överförd data" in calc.spread.value
    calc.fields["data.gb_per_year"].value = "10"
    assert "Fyll i överförd data" not in calc.spread.value


def test_the_start_page_links_the_rakna_sjalv_notebooks():
    from widgets.apps.start import code_html

    text = code_html()
    assert "För dig som vill se koden" in text and "make lab" in text
    assert 'href="../../lab/tree/rakna-sjalv/nyttokalkyl-steg-for-steg.ipynb"' in text
    assert 'data-dk-lab="rakna-sjalv/klimatkalkylens-faktorer.ipynb"' in text
    assert ">Nyttokalkylen steg för steg<" in text


def test_the_standalone_servers_jupyterlab_page_escapes_the_path():
    from widgets.serving import labonly

    text = labonly.page("rakna-sjalv/<x>.ipynb", "/voila/render/00_start.ipynb")
    assert '<html lang="sv">' in text and "<main>" in text and "make lab" in text
    assert "rakna-sjalv/&lt;x&gt;.ipynb" in text and "<x>" not in text


def test_showing_the_saved_mapping_never_saves_it_again(store):
    """Do building the rows and loading again (another tab saved meanwhile) only show the goals, never record them
    — and is a goal shown again never saved with half its fields?"""
    first = {"positive": "Färre resor", "negative": "", "targets": ["13.3"]}
    store.record_answer("modul5", "agenda2030", "initiativ", "E-arkiv")
    store.record_answer("modul5", "agenda2030", "mal-13", first)
    agenda = AgendaMapping(store)
    agenda.load()
    agenda.expand()
    assert agenda.rows[13].check.value and agenda.rows[13].positive.value == "Färre resor"

    def count():
        items = store.latest_answers("modul5", "agenda2030")
        return sum(len(store.answer_history("modul5", "agenda2030", item)) for _, item in items)

    assert count() == 2
    store.record_answer(
        "modul5", "agenda2030", "mal-13", {"positive": "Inga resor", "negative": "Mer el", "targets": []}
    )
    store.record_answer("modul5", "agenda2030", "initiativ", "E-arkiv nu")
    agenda.load()
    assert agenda.rows[13].negative.value == "Mer el" and agenda.initiative.value == "E-arkiv nu"
    assert count() == 4
    agenda.rows[13].targets.value = "13.2"  # typed: saved as before
    assert count() == 5
    assert store.latest_answers("modul5", "agenda2030")[("agenda2030", "mal-13")].value["targets"] == ["13.2"]
