"""Nyttokalkyl as a new user meets it (issue #15), in a real browser: a case built from blank through the UI sees
the years its period covers, is warned when an item reaches past the period, is saved, reopened from the top
list after a reload and exported to Excel — with zero axe violations; the yearly table scrolls in its own box and
an empty case shows sentences, not empty charts."""

from __future__ import annotations

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tools.bench import procfs

from .conftest import assert_no_error_shown, axe_violations, describe, open_app, wait_rendered

pytestmark = pytest.mark.browser

NYTTOKALKYL = "60_nyttokalkyl.ipynb"
TIMEOUT = 45_000


def start_blank(page) -> None:
    page.get_by_label("Börja från").select_option(label="Tom kalkyl")
    page.locator("button", has_text="Öppna").first.click()
    expect(page.get_by_text("Öppen: en tom kalkyl")).to_be_visible(timeout=TIMEOUT)


def type_into(box, value: str) -> None:
    box.fill(value)
    box.press("Tab")  # the box commits when it is left


def item(page, number: int):
    return page.locator(".dk-item-row").filter(
        has=page.get_by_role("heading", name=f"Post {number}", exact=True)
    )


def build_from_blank(page) -> None:
    """Name and rate, a driver benefit from the builder, a one-off cost and a running cost reaching year 5."""
    expect(page.locator(".dk-period")).to_have_text("år 0–4, 2026–2030", timeout=TIMEOUT)
    type_into(page.get_by_label("Kalkylens namn"), "Min e-tjänst")
    type_into(page.get_by_label("Kalkylränta (%)"), "3")

    page.get_by_role("tab", name="Poster").click()
    page.get_by_role("button", name="Räkna fram ett belopp").click()
    boxes = [
        page.get_by_label(f"{factor}, {point}", exact=True).bounding_box(timeout=TIMEOUT)
        for factor in ("Timmar per år", "Timkostnad (kr)")
        for point in ("lågt", "troligt", "högt")
    ]
    assert all(box["width"] >= 100 for box in boxes)  # room for "1 234 567" (it was 18 px)
    assert [b["x"] for b in boxes[:3]] == [b["x"] for b in boxes[3:]]  # the three-point fields are aligned
    type_into(page.get_by_label("Timmar per år, troligt", exact=True), "1000")
    type_into(page.get_by_label("Timkostnad (kr), troligt", exact=True), "450")
    page.get_by_role("button", name="Lägg till som nytta").click()
    expect(page.get_by_text("Lade till post 1, ”Beräknad nytta”, som nytta")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_label("Timmar per år, troligt", exact=True)).to_be_hidden()  # the builder closed

    page.get_by_role("button", name="Lägg till engångskostnad").click()
    one_off = item(page, 2).get_by_label("Troligt (kr/år)")
    type_into(one_off, "400000")
    expect(one_off).to_have_value("400\u00a0000", timeout=TIMEOUT)  # formatted when the box is left

    page.get_by_role("button", name="Lägg till löpande kostnad").click()
    running = item(page, 3)
    expect(running.get_by_label("Från år")).to_have_value("1", timeout=TIMEOUT)
    type_into(running.get_by_label("Troligt (kr/år)"), "50000")
    type_into(running.get_by_label("Till år"), "5")
    warning = running.get_by_role("alert")
    expect(warning).to_contain_text(
        "år 5 (2031) ligger efter kalkylperioden (år 0–4, 2026–2030)", timeout=TIMEOUT
    )
    expect(page.locator(".dk-warning", has_text="Obs: 1 post når utanför kalkylperioden")).to_be_visible()


def test_a_case_built_from_blank_is_warned_saved_reopened_and_exported(page, voila, tmp_path):
    open_app(page, voila, NYTTOKALKYL)
    start_blank(page)
    build_from_blank(page)
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    warning = item(page, 3).get_by_role("alert")
    type_into(page.get_by_label("Kalkylperiod (år)"), "6")
    expect(page.locator(".dk-period")).to_have_text("år 0–5, 2026–2031", timeout=TIMEOUT)
    expect(warning).to_have_count(0, timeout=TIMEOUT)
    npv = page.locator(".dk-kf dd").first.inner_text()

    page.get_by_role("tab", name="Spara och exportera").click()
    expect(page.get_by_label("Spara som")).to_have_value("Min e-tjänst", timeout=TIMEOUT)
    page.get_by_role("button", name="Spara kalkylen").click()
    expect(page.get_by_text("Sparad som ”Min e-tjänst”.")).to_be_visible(timeout=TIMEOUT)

    config = "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    old_kernel = procfs.kernel_pid(page.evaluate(config))
    assert old_kernel is not None
    page.reload(wait_until="domcontentloaded")
    wait_rendered(page)
    page.get_by_label("Börja från").select_option(label="Mina sparade kalkyler: Min e-tjänst")
    page.locator("button", has_text="Öppna").first.click()
    expect(page.get_by_text("Öppen: din sparade kalkyl ”Min e-tjänst”")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".dk-kf dd").first).to_have_text(npv, timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Återställ sparad version")).to_be_disabled()

    page.get_by_role("tab", name="Spara och exportera").click()
    link = page.get_by_role("link", name=re.compile("Exportera till Excel"))
    with page.expect_download(timeout=TIMEOUT) as download:
        link.click()
    assert download.value.suggested_filename == "min-e-tjanst.xlsx"
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    workbook = openpyxl.load_workbook(target)
    assert workbook["Antaganden"]["B5"].value == 6 and workbook["Antaganden"]["A8"].value is None
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    # The old page's kernel was shut down on reload: its POST carried the _xsrf token (no 403 in the log).
    assert procfs.wait_gone(old_kernel, timeout=20), "the reloaded page's old kernel is still running"
    assert "'_xsrf' argument missing" not in voila.log_path.read_text()


def test_the_yearly_table_scrolls_in_its_box_and_an_empty_case_shows_sentences_not_charts(page, voila):
    open_app(page, voila, NYTTOKALKYL)  # the chatbot example, the Resultat tab
    box = page.get_by_role("region", name=re.compile("Kalkyl per år"))
    header = box.get_by_role("columnheader", name="Ackumulerat nuvärde")
    inside = "([b, h]) => h.getBoundingClientRect().right <= b.getBoundingClientRect().right + 1"
    assert page.evaluate(inside, [box.element_handle(), header.element_handle()])  # not clipped at 1280 px
    page.set_viewport_size({"width": 760, "height": 900})
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # narrower: the table scrolls in its box …
    assert box.evaluate("b => b.getBoundingClientRect().right <= window.innerWidth")  # … inside the window
    page.set_viewport_size({"width": 1280, "height": 900})

    start_blank(page)
    expect(page.locator(".dk-chart-empty").first).to_contain_text("Inga belopp ännu", timeout=TIMEOUT)
    page.get_by_role("tab", name="Osäkerhet").click()
    message = "Inga osäkra poster ännu – ange lågt och högt värde för en post."
    expect(page.locator(".dk-chart-empty", has_text=message)).to_have_count(2, timeout=TIMEOUT)
    assert page.locator(".dk-svg-chart svg:visible").count() == 0
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
