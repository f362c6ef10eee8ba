"""The Nyttokalkyl as a new user meets it (issue #15), built in-process: the years a period covers, items past
it, defaults by kind, the builder after adding, formatting on commit, error examples, empty charts, saving and
reopening from the top list."""

from __future__ import annotations

import pytest

from widgets import fmt
from widgets.apps.nyttokalkyl import nyttokalkyl_app
from widgets.apps.nyttokalkyl.app import FILES, ITEMS, RESULTS, SAVED, UNCERTAINTY
from widgets.apps.nyttokalkyl.results import NO_AMOUNTS
from widgets.apps.nyttokalkyl.uncertainty import NO_UNCERTAIN
from widgets.benefit import Alternative, Case, Estimate, Item, evaluate
from widgets.store import PersonalStore


@pytest.fixture
def store():
    with PersonalStore() as s:
        yield s


@pytest.fixture
def app(store):
    return nyttokalkyl_app(store=store)


def blank(app):
    app.start_choice.value = ""
    app.open_button.click()
    return app


def test_the_years_the_period_covers_are_shown_next_to_the_field(app):
    blank(app)
    assert "år 0–4, 2026–2030" in app.fields.period.value
    app.fields.horizon.value = "6"
    assert "år 0–5, 2026–2031" in app.fields.period.value
    app.fields.start_year.value = "2027"
    assert "år 0–5, 2027–2032" in app.fields.period.value
    app.fields.horizon.value = "sex"
    assert app.fields.period.value == ""


def test_an_item_past_the_period_is_warned_at_the_item_and_under_the_key_figures(app):
    blank(app)
    row = app.editor.add_row("kostnad")
    row.likely.value = "50 000"
    row.to_year.value = "5"
    assert 'role="alert"' in row.warning.value and "år 5 (2031)" in row.warning.value
    assert "Öka kalkylperioden till 6 år" in row.warning.value
    assert 'role="alert"' in app.period_status.value and "”Ny löpande kostnad”" in app.period_status.value
    assert sum(r.costs for r in app.result.rows) == pytest.approx(4 * 50_000)  # years 1–4 counted, and said
    app.fields.horizon.value = "6"
    assert row.warning.value == "" and app.period_status.value == ""


def test_the_warning_waits_for_rows_built_later(app):
    """The rows are built when the Poster tab is first shown; a warning found before then is shown there."""
    items = (
        Item("Införande", "kostnad", from_year=0, to_year=0, amount=Estimate(300_000)),
        Item("Drift", "kostnad", from_year=1, to_year=5, amount=Estimate(40_000)),
    )
    app.open_case(Case("Fem år", (Alternative("A", items),), horizon_years=5), "en testkalkyl")
    assert not app.editor.built
    assert "”Drift”" in app.period_status.value
    app.tabs.selected_index = ITEMS
    first, drift = app.editor.rows
    assert first.warning.value == "" and "år 5 (2031)" in drift.warning.value


def test_new_items_start_in_the_year_that_fits_their_kind_and_say_so(app):
    blank(app)
    benefit = app.editor.add_row("nytta")
    one_off = app.editor.add_row("kostnad", one_off=True)
    running = app.editor.add_row("kostnad")
    assert (benefit.from_year.value, benefit.to_year.value) == ("1", "")
    assert (one_off.from_year.value, one_off.to_year.value) == ("0", "0")
    assert (running.from_year.value, running.to_year.value) == ("1", "")
    assert "från år 1" in benefit.info.value and "år 0 (startåret)" in one_off.info.value
    assert app.editor.add_one_off.description == "Lägg till engångskostnad"


def test_the_builder_closes_after_adding_and_says_what_was_added(app):
    blank(app)
    builder = app.editor.builder
    builder.toggle.click()
    builder.factors["hours_per_year"].likely.value = "1000"
    builder.factors["hourly_cost"].likely.value = "450"
    builder.add_benefit.click()
    assert not builder.is_open and builder.body.layout.display == "none"
    assert "Lade till post 1, ”Beräknad nytta”, som nytta" in builder.added.value
    assert "från år 1" in builder.added.value
    assert app.editor.rows[0].from_year.value == "1"
    builder.toggle.click()
    assert builder.added.value == ""


def test_numbers_are_formatted_when_the_field_is_left(app):
    blank(app)
    row = app.editor.add_row("nytta")
    row.likely.value = "300000"
    assert row.likely.value == fmt.number(300_000) == "300\u00a0000"
    assert app.case.main.items[0].amount.likely == 300_000
    row.high.value = "abc"
    assert row.high.value == "abc" and "”abc” är inte ett tal" in row.message.value
    app.fields.rate.value = "3.5"
    assert app.fields.rate.value == "3,5"
    builder = app.editor.builder
    builder.toggle.click()
    builder.factors["hours_per_year"].likely.value = "12000"
    assert builder.factors["hours_per_year"].likely.value == fmt.number(12_000)


def test_error_lines_give_an_example_of_the_fields_own_kind(app):
    blank(app)
    app.fields.rate.value = "tre"
    assert (
        "Kalkylränta (%): ”tre” är inte ett tal. Skriv till exempel 3,5."
        in app.fields.messages["discount_rate"].value
    )
    app.fields.rate.value = "3,5"
    row = app.editor.add_row("nytta")
    row.likely.value = "mycket"
    assert "Skriv till exempel 250 000." in row.message.value
    builder = app.editor.builder
    builder.toggle.click()
    builder.kind.value = "ärenden"
    builder.factors["minutes_per_case"].likely.value = "tolv"
    for name in ("cases_per_year", "hourly_cost"):
        builder.factors[name].likely.value = "10"
    assert (
        "Minuter per ärende, troligt: ”tolv” är inte ett tal. Skriv till exempel 12." in builder.message.value
    )


def test_a_field_message_stays_under_its_field(app):
    """Each case field's message sits in a box as wide as the field, so it wraps there instead of pushing."""
    cells = [cell for box in app.fields.children[:2] for cell in box.children if hasattr(cell, "children")]
    for cell in cells:
        _control, message = cell.children
        assert message in app.fields.messages.values()
        assert cell.layout.width


def test_the_builders_three_point_fields_are_one_grid_with_wide_boxes(app):
    builder = app.editor.builder
    builder.toggle.click()
    builder.kind.value = "ärenden"
    grid = builder.factor_box
    assert "repeat(3, 9em)" in grid.layout.grid_template_columns
    boxes = [c for c in grid.children if hasattr(c, "continuous_update")]
    assert boxes and all(box.layout.width == "9em" for box in boxes)
    assert builder.factors["minutes_per_case"].likely.description == "Minuter per ärende, troligt"


def test_the_yearly_table_scrolls_in_its_own_focusable_box(app):
    app.tabs.selected_index = RESULTS
    html = app.results.table.value
    assert html.startswith('<div class="dk-scroll" role="region" tabindex="0"')
    assert "Ackumulerat nuvärde" in html


def test_empty_charts_are_a_sentence_not_an_axis_of_zeros(app):
    blank(app)
    app.tabs.selected_index = RESULTS
    assert (
        NO_AMOUNTS in app.results.cumulative.widget.value
        and "<svg" not in app.results.cumulative.widget.value
    )
    app.tabs.selected_index = UNCERTAINTY
    for chart in (app.uncertainty.tornado, app.uncertainty.simulation):
        assert NO_UNCERTAIN in chart.widget.value and "<svg" not in chart.widget.value
    assert app.uncertainty.last is None and app.uncertainty.figures.value == ""
    row = app.editor.add_row("nytta")
    row.low.value, row.likely.value, row.high.value = "100 000", "200 000", "300 000"
    assert "<svg" in app.uncertainty.tornado.widget.value
    assert "<svg" in app.uncertainty.simulation.widget.value and app.uncertainty.last is not None
    app.tabs.selected_index = RESULTS
    assert "<svg" in app.results.cumulative.widget.value


def test_save_as_proposes_the_cases_name_but_keeps_a_name_typed_there(app):
    app.fields.name.value = "Chattbot i Norrköping"
    app.tabs.selected_index = FILES
    assert app.files.save_name.value == "Chattbot i Norrköping"
    app.files.save_name.value = "Min egen"
    app.tabs.selected_index = RESULTS
    app.fields.name.value = "Chattbot i Linköping"
    app.tabs.selected_index = FILES
    assert app.files.save_name.value == "Min egen"


def test_a_saved_case_is_in_the_top_list_and_the_page_says_what_is_open(app, store):
    assert app.reset_button.description == "Återställ exemplet" and app.reset_button.disabled
    assert "Öppen: exemplet" in app.opened_line.value
    app.fields.name.value = "Min chattbot"
    app.fields.rate.value = "4"
    app.tabs.selected_index = FILES
    app.files.save_button.click()
    assert (SAVED + "Min chattbot") in [key for _, key in app.start_choice.options]
    assert "Mina sparade kalkyler: Min chattbot" in [label for label, _ in app.start_choice.options]
    assert app.start_choice.value == SAVED + "Min chattbot"
    assert "din sparade kalkyl ”Min chattbot”" in app.opened_line.value
    assert app.reset_button.description == "Återställ sparad version"
    saved = app.case

    other = nyttokalkyl_app(store=store)  # a reload: a new page on the same store
    assert other.case.name != "Min chattbot"
    other.start_choice.value = SAVED + "Min chattbot"
    other.open_button.click()
    assert other.case == saved and other.fields.rate.value == "4"
    assert "Öppen: din sparade kalkyl ”Min chattbot”" in other.opened_line.value
    assert other.reset_button.disabled
    other.fields.rate.value = "9"
    assert not other.reset_button.disabled
    other.reset_button.click()
    assert other.case == saved and evaluate(other.case).npv == pytest.approx(evaluate(saved).npv)
    assert "Återställde din sparade kalkyl" in other.status.value


def test_a_blank_case_resets_to_blank(app):
    blank(app)
    assert app.reset_button.description == "Töm kalkylen"
    app.editor.add_row("nytta")
    assert not app.reset_button.disabled
    app.reset_button.click()
    assert app.case.main.items == ()


def test_the_store_is_read_after_the_visit_not_while_preheating(store):
    """A preheated kernel builds the page before the visit; the saved cases are read by nyttokalkyl_app after
    wait_for_visit, so a case saved in the meantime is listed."""
    from widgets.apps.nyttokalkyl.app import NyttokalkylApp

    opened = []
    page = NyttokalkylApp(lambda: opened.append(1) or store)
    assert opened == [] and not any(key.startswith(SAVED) for _, key in page.start_choice.options)
    store.save_case("Sparad under tiden", _yaml(page))
    page.refresh_start_options()
    assert (SAVED + "Sparad under tiden") in [key for _, key in page.start_choice.options]


def _yaml(page) -> str:
    from widgets.benefit import dump_case

    return dump_case(page.case)
