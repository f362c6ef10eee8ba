"""The Nyttokalkyl app's files: personal store, YAML upload/download, Excel and Markdown, the realisation plan."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from widgets.apps.nyttokalkyl import nyttokalkyl_app
from widgets.apps.nyttokalkyl.app import FILES, PLAN
from widgets.benefit import dump_case, parse_case
from widgets.store import PersonalStore


@pytest.fixture
def app():
    return nyttokalkyl_app()  # the default personal store in DIGIKOMP_DATA_DIR (a temp folder in tests)


def link_bytes(link) -> bytes:
    return link.data


def upload(app, name: str, data: bytes) -> None:
    app.tabs.selected_index = FILES  # the upload field is on this tab, built when it is first shown
    app.files.upload.value = (
        {"name": name, "type": "application/x-yaml", "size": len(data), "content": memoryview(data),
         "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
    )  # fmt: skip


def test_save_and_reopen_from_a_new_store_object(app):
    app.fields.rate.value = "7"
    app.tabs.selected_index = FILES
    app.files.save_name.value = "Min kalkyl"
    app.files.save_button.click()
    assert "Sparad som ”Min kalkyl”" in app.files.save_message.value
    saved_case = app.case

    with PersonalStore() as fresh:
        assert [c.name for c in fresh.list_cases()] == ["Min kalkyl"]
        other = nyttokalkyl_app(store=fresh)
        other.tabs.selected_index = FILES
        assert other.files.saved.options == ("Min kalkyl",)
        other.files.open_button.click()
        assert other.case == saved_case
        assert other.fields.rate.value == "7"


def test_delete_asks_for_confirmation(app):
    app.tabs.selected_index = FILES
    app.files.save_button.click()
    name = app.files.saved.value
    app.files.delete_button.click()
    assert app.files.confirm_box.layout.display == "flex"
    app.files.cancel_button.click()
    assert app.files.saved.options == (name,)
    app.files.delete_button.click()
    app.files.confirm_button.click()
    assert app.files.saved.options == ()
    assert "Tog bort" in app.files.store_message.value


def test_yaml_download_and_upload_round_trip(app):
    app.fields.rate.value = "2,5"
    app.tabs.selected_index = FILES
    text = link_bytes(app.files.yaml_link).decode("utf-8")
    assert parse_case(text) == app.case
    app.reset_button.click()
    upload(app, "min.yaml", text.encode("utf-8"))
    assert "Laddade upp ”min.yaml”" in app.files.upload_message.value
    assert app.case.discount_rate == pytest.approx(0.025)
    assert app.fields.rate.value == "2,5"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"name: [", "trasig.yaml: "),
        (b"schema_version: 1\nname: X\n", "trasig.yaml: "),
        (b"\xff\xfe", "trasig.yaml: fil: Filen är inte en textfil"),
    ],
)
def test_a_broken_upload_says_file_field_message(app, data, expected):
    before = app.case
    upload(app, "trasig.yaml", data)
    assert app.files.upload_message.has_error
    assert expected in app.files.upload_message.value
    assert "Traceback" not in app.files.upload_message.value
    assert app.case is before


def test_an_upload_with_a_bad_field_names_it():
    app = nyttokalkyl_app()
    text = dump_case(app.case).replace("horizon_years: 4", "horizon_years: 0")
    upload(app, "fel.yaml", text.encode())
    assert "fel.yaml: horizon_years: " in app.files.upload_message.value


def test_excel_and_markdown_exports(app):
    app.tabs.selected_index = PLAN
    form = next(iter(app.plan.forms.values()))
    form.controls["owner"].value = "Kontaktcenterchefen"
    form.controls["follow_up"].value = "2026-10-01, 2027-04-01"
    assert app.case.realisation_plan[0].owner == "Kontaktcenterchefen"
    app.tabs.selected_index = FILES
    wb = load_workbook(io.BytesIO(link_bytes(app.files.excel_link)))
    assert {"Antaganden", "Kalkyl", "Nyttorealiseringsplan"} <= set(wb.sheetnames)
    assert wb["Nyttorealiseringsplan"]["B2"].value == "Kontaktcenterchefen"
    report = link_bytes(app.files.report_link).decode("utf-8")
    assert report.startswith("# Nyttokalkyl: ")
    assert "## Nyttorealiseringsplan" in report and "2026-10-01, 2027-04-01" in report
    assert report.count("](data:image/svg+xml;base64,") >= 3  # cumulative, benefits, tornado
    assert "![Linjediagram: ackumulerat nuvärde" in report and "Teckenförklaring: " in report
    yaml_text = link_bytes(app.files.yaml_link).decode("utf-8")
    assert parse_case(yaml_text).realisation_plan == app.case.realisation_plan


def test_a_bad_follow_up_date_is_explained_in_the_plan(app):
    app.tabs.selected_index = PLAN
    form = next(iter(app.plan.forms.values()))
    before = app.case
    form.controls["follow_up"].value = "1 oktober"
    assert "”1 oktober” är inte ett datum" in form.message.value
    assert app.case is before


def test_the_plan_follows_renamed_benefits(app):
    app.tabs.selected_index = PLAN
    form = next(iter(app.plan.forms.values()))
    form.controls["owner"].value = "Anna"
    row = next(r for r in app.editor.rows if r.label.value == form.benefit)
    row.label.value = "Nytt namn"
    assert "Nytt namn" in app.plan.forms
    assert all(entry.benefit != form.benefit for entry in app.case.realisation_plan)
