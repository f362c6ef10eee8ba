"""The Nyttokalkyl app built in-process: editing, results, charts, messages for bad input."""

from __future__ import annotations

import html
import re

import ipywidgets as w
import pytest

from widgets import fmt
from widgets.apps.nyttokalkyl import nyttokalkyl_app
from widgets.apps.nyttokalkyl.app import ALTERNATIVES, FILES, ITEMS, PENG, RESULTS, UNCERTAINTY
from widgets.benefit import evaluate, example_cases, load_case, monte_carlo
from widgets.store import PersonalStore


def example(stem: str):
    return next(p for p in example_cases() if p.stem == stem)


@pytest.fixture
def store():
    with PersonalStore() as s:
        yield s


@pytest.fixture
def app(store):
    return nyttokalkyl_app(store=store)


def npv_text(app) -> str:
    """The net present value as its card shows it."""
    return app.key_figures.figures["Nettonuvärde"]


def page_html(widget) -> str:
    out, stack = [], [widget]
    while stack:
        node = stack.pop(0)
        if isinstance(node, w.HTML):
            out.append(node.value)
        stack = list(getattr(node, "children", ())) + stack
    return "".join(out)


def walk(widget):
    stack = [widget]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(getattr(node, "children", ()))


def test_opens_on_the_first_example_with_the_model_npv(app):
    case = load_case(example_cases()[0])
    assert npv_text(app) == fmt.sek(evaluate(case).npv)
    assert f"<dt>Nettonuvärde</dt><dd>{npv_text(app)}</dd>" in app.key_figures.value  # and its card shows it
    assert "<h1>Nyttokalkyl</h1>" in page_html(app)
    for label in ("Nuvärde av nyttor", "Nyttokostnadskvot", "NNK", "Återbetalningsår", "Internränta"):
        assert label in app.key_figures.value


def test_changing_the_rate_updates_key_figures_and_the_chart(app):
    before_npv, before_svg = npv_text(app), app.results.cumulative.widget.value
    before_benefits = app.results.benefits.widget.value
    app.fields.rate.value = "12"
    assert npv_text(app) != before_npv
    assert app.results.cumulative.widget.value != before_svg
    assert app.results.benefits.widget.value == before_benefits  # undiscounted: unchanged
    assert app.case.discount_rate == pytest.approx(0.12)
    assert npv_text(app) == fmt.sek(evaluate(app.case).npv)


def test_a_swedish_number_with_spaces_and_comma_is_accepted(app):
    app.fields.rate.value = "4,5 %"
    assert app.case.discount_rate == pytest.approx(0.045)
    assert not app.fields.messages["discount_rate"].has_error


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("rate", "abc", "inte ett tal"),
        ("rate", "", "tomt"),
        ("rate", "-100", "större än −100 %"),
        ("horizon", "0", "minst 1"),
        ("horizon", "2,5", "heltal"),
        ("start_year", "-3", "minst 1900"),
        ("name", "  ", "inte vara tomt"),
    ],
)
def test_bad_case_fields_give_a_swedish_message_and_keep_the_last_result(app, field, text, expected):
    """Does bad input show a message at the field while the last valid result stays?"""
    before, before_case = app.key_figures.value, app.case
    getattr(app.fields, field).value = text
    key = {"rate": "discount_rate", "horizon": "horizon_years"}.get(field, field)
    message = app.fields.messages[key]
    assert message.has_error
    assert expected in message.value
    assert app.key_figures.value == before
    assert app.case is before_case
    assert "senaste giltiga" in app.status.value
    app.fields.rate.value = "3,5"
    getattr(app.fields, field).value = {"horizon": "4", "start_year": "2026", "name": "X"}.get(field, "3,5")
    assert not message.has_error
    assert not app.status.has_error


@pytest.mark.parametrize(
    ("box", "text", "expected"),
    [
        ("likely", "12x", "Troligt (kr/år): ”12x” är inte ett tal"),
        ("likely", "1e15", "orimligt stort"),
        ("from_year", "-1", "minst 0"),
        ("to_year", "abc", "Till år"),
        ("label", "", "inte vara tomt"),
    ],
)
def test_bad_item_input_is_shown_beside_the_row(app, box, text, expected):
    row = next(r for r in app.editor.rows if r.driver is None)
    before = app.key_figures.value
    getattr(row, box).value = text
    assert row.message.has_error
    assert expected in row.message.value
    assert app.key_figures.value == before


def test_end_year_before_start_year_is_named(app):
    row = app.editor.rows[0]
    row.from_year.value = "3"
    row.to_year.value = "1"
    assert "Slutåret (1)" in row.message.value and "före startåret (3)" in row.message.value


def test_add_duplicate_and_remove_rows(app):
    count = len(app.editor.rows)
    row = app.editor.add_row("nytta")
    row.likely.value = "100 000"
    assert len(app.editor.rows) == count + 1
    assert app.case.main.items[-1].amount.likely == 100_000
    copy = app.editor.duplicate_row(row)
    assert copy.label.value == "Ny nytta (2)"
    assert len(app.case.main.items) == count + 2
    copy.remove_button.click()
    row.remove_button.click()
    assert len(app.case.main.items) == count
    assert [r.number for r in app.editor.rows] == list(range(1, count + 1))


def test_the_same_label_twice_is_shown_at_the_second_row(app):
    first, second = app.editor.rows[:2]
    second.label.value = first.label.value
    assert "finns redan" in second.message.value


def test_a_blank_case_can_be_built_from_scratch(app):
    app.start_choice.value = ""
    app.open_button.click()
    assert app.editor.rows == []
    assert npv_text(app) == "0\u00a0kr"
    cost = app.editor.add_row("kostnad", one_off=True)
    cost.likely.value = "500 000"
    assert (cost.from_year.value, cost.to_year.value) == ("0", "0")
    benefit = app.editor.add_row("nytta")
    assert (benefit.from_year.value, benefit.to_year.value) == ("1", "")
    benefit.low.value = "100 000"
    benefit.likely.value = "200 000"
    benefit.high.value = "300 000"
    benefit.from_year.value = "1"
    assert app.result.npv == pytest.approx(evaluate(app.case).npv)
    assert app.result.npv > 0
    assert re.search(r"\bnan\b", page_html(app), re.IGNORECASE) is None


def test_reset_restores_the_example(app):
    original = app.key_figures.value
    app.fields.rate.value = "9"
    app.editor.rows[0].remove_button.click()
    assert app.key_figures.value != original
    app.reset_button.click()
    assert app.key_figures.value == original
    assert app.case == load_case(example_cases()[0])


def test_every_chart_has_a_swedish_text_alternative_with_numbers(app):
    assert app.results.cumulative.widget.alt.startswith("Linjediagram: ackumulerat nuvärde")
    assert fmt.sek(app.result.rows[-1].cumulative_present_value) in app.results.cumulative.widget.alt
    assert "staplade efter kategori" in app.results.benefits.widget.alt
    app.tabs.selected_index = UNCERTAINTY
    assert app.uncertainty.tornado.widget.alt.startswith("Tornadodiagram")
    mc = monte_carlo(app.case, 10_000, 1)
    alt = app.uncertainty.simulation.widget.alt
    assert f"större än noll: {fmt.percent(mc.p_npv_positive)}" in alt
    assert f"P10 {fmt.sek(mc.p10)}, P50 {fmt.sek(mc.p50)}, P90 {fmt.sek(mc.p90)}" in alt
    app.tabs.selected_index = PENG
    assert app.peng.chart.widget.alt.startswith("Stapeldiagram i PENG-stil")
    for chart in (
        app.results.cumulative,
        app.results.benefits,
        app.uncertainty.tornado,
        app.uncertainty.simulation,
        app.peng.chart,
    ):
        svg = chart.widget.svg
        assert svg.startswith("<svg") and 'role="img"' in svg
        assert f'aria-label="{html.escape(chart.widget.alt)}"' in svg
        assert chart.widget.value.count("<li>") >= 2  # the legend, as text


def test_hidden_tabs_are_redrawn_when_shown(app):
    app.tabs.selected_index = UNCERTAINTY
    before = app.uncertainty.tornado.widget.alt
    app.tabs.selected_index = RESULTS
    app.fields.rate.value = "15"
    assert app.uncertainty.tornado.widget.alt == before
    app.tabs.selected_index = UNCERTAINTY
    assert app.uncertainty.tornado.widget.alt != before


def test_monte_carlo_is_seeded_and_a_bad_seed_is_explained(app):
    app.tabs.selected_index = UNCERTAINTY
    first = app.uncertainty.figures.value
    app.uncertainty.run_button.click()
    assert app.uncertainty.figures.value == first
    app.uncertainty.seed.value = "x"
    assert "Slumpfrö" in app.uncertainty.message.value
    assert app.uncertainty.figures.value == first
    app.uncertainty.seed.value = "2"
    assert app.uncertainty.figures.value != first


def test_alternatives_side_by_side_and_switching(store):
    app = nyttokalkyl_app(store=store, examples=[example("sodertalje-digitala-las")])
    app.tabs.selected_index = ALTERNATIVES
    case = app.case
    for alternative in case.alternatives:
        assert alternative.name in app.comparison.table.value
    app.fields.alternative.value = 1
    assert f"Nyckeltal – {case.alternatives[1].name}" in app.key_figures.value
    assert npv_text(app) == fmt.sek(evaluate(case, 1).npv)
    app.copy_alt_button.click()
    assert len(app.case.alternatives) == 4
    assert app.alt_name.value.startswith("Kopia av")


def test_every_control_has_a_visible_description(app):
    app.tabs.selected_index = FILES
    for node in walk(app):
        if isinstance(node, (w.Text, w.Textarea, w.Dropdown, w.Checkbox, w.FileUpload, w.Button)):
            assert node.description.strip(), type(node).__name__


def test_driver_items_stay_read_only_and_keep_their_driver(app):
    row = next(r for r in app.editor.rows if r.driver is not None)
    assert row.likely.disabled and row.low.disabled and row.high.disabled
    assert "Beloppet beräknas" in row.info.value
    original = row.original
    row.category.value = "kvalitet"
    item = next(i for i in app.case.main.items if i.label == original.label)
    assert item.driver == original.driver
    assert item.category == "kvalitet"


def test_switching_alternative_waits_for_valid_input(store):
    app = nyttokalkyl_app(store=store, examples=[example("sodertalje-digitala-las")])
    app.editor.rows[0].likely.value = "abc"
    app.fields.alternative.value = 1
    assert app.fields.alternative.value == 0
    assert "Rätta felen" in app.status.value


def test_an_unexpected_error_is_a_plain_swedish_sentence(app, monkeypatch):
    import widgets.apps.nyttokalkyl.app as module

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "evaluate", broken)
    before = app.key_figures.value
    app.fields.rate.value = "5"
    assert "Något gick oväntat fel" in app.status.value
    assert "boom" not in page_html(app) and "Traceback" not in page_html(app)
    assert app.key_figures.value == before


def test_item_rows_are_built_when_the_items_tab_is_first_shown(store):
    app = nyttokalkyl_app(store=store, examples=[example("sodertalje-digitala-las")])
    assert not app.editor.built and app.editor.rows_box.children == ()
    assert app.result.npv == pytest.approx(evaluate(app.case).npv)  # computed from the items as they are
    app.tabs.selected_index = ITEMS
    assert app.editor.built
    assert [r.label.value for r in app.editor.rows] == [i.label for i in app.case.main.items]
    assert len(app.editor.rows_box.children) == len(app.case.main.items)
    app.fields.alternative.value = 1  # another alternative while the tab is shown: its rows at once
    assert [r.label.value for r in app.editor.rows_box.children] == [
        i.label for i in app.case.alternatives[1].items
    ]


def test_building_the_rows_of_a_loaded_alternative_reports_no_change():
    """Are a loaded alternative's rows shown without the editor telling the app that something was edited?"""
    from widgets.apps.nyttokalkyl.editor import CaseEditor

    changes = []
    editor = CaseEditor(lambda: changes.append(1))
    alternative = load_case(example_cases()[0]).alternatives[0]
    editor.load(alternative)
    rows = editor.rows
    assert len(rows) == len(alternative.items) > 0 and changes == []
    rows[0].label.value = "Ändrad rubrik"  # typed: reported as before
    assert changes == [1]
