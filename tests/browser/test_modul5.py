"""Module 5 in a real browser: the klimatkalkyl (a result, bad input explained beside its field, a changed
input redrawing the chart, the saving added to a benefit case), the Agenda 2030 mapping, and the Start page's
link to a "Räkna själv" notebook on the standalone server; zero axe violations after each step."""

from __future__ import annotations

import pytest

from .conftest import assert_clean, axe_violations, open_app, wait_rendered
from .test_lab import lab  # noqa: F401 (the make lab fixture)

pytestmark = pytest.mark.browser

MODUL5 = "50_modul5_hallbarhet.ipynb"
TIMEOUT = 45_000  # the course machine may be busy: a change is a kernel round trip


def open_tool(page, title: str):
    page.get_by_role("button", name=f"Öppna: {title}", exact=True).click()
    closer = page.get_by_role("button", name=f"Stäng: {title}", exact=True)
    closer.wait_for(timeout=TIMEOUT)
    return page.locator(".dk-openable", has=closer)


def type_into(field, text: str) -> None:
    field.fill(text)
    field.press("Enter")  # continuous_update=False: the value goes to the kernel on Enter or blur


def test_klimatkalkyl_result_bad_input_chart_and_bridge(page, voila):
    open_app(page, voila, MODUL5)
    assert page.get_by_text("inga övningar").count() == 0
    assert_clean(page)
    card = open_tool(page, "Klimatkalkyl: möten, enheter och data")
    card.get_by_text("Resultat: kilogram CO2e per år").wait_for(timeout=TIMEOUT)
    chart = card.locator(".dk-svg-chart svg[role=img]")
    before = chart.get_attribute("aria-label")
    assert "Fysiska möten (resorna): 1\u00a0336\u00a0kg" in before
    assert_clean(page)

    km = card.get_by_label("Kilometer per deltagare, tur och retur")
    type_into(km, "hundra")
    card.get_by_text("”hundra” är inte ett tal").wait_for(timeout=TIMEOUT)
    assert_clean(page)

    type_into(km, "300")
    page.wait_for_function(
        "before => { const el = document.querySelector('.dk-svg-chart svg[role=img]');"
        " return el && el.getAttribute('aria-label') !== before; }",
        arg=before,
        timeout=TIMEOUT,
    )
    assert "4\u00a0008\u00a0kg" in chart.get_attribute("aria-label")  # 10 × 8 × 300 km × 167 g
    assert card.get_by_text("är inte ett tal").count() == 0

    type_into(card.get_by_label("Namn på den nya kalkylen"), "Klimatnytta i webbläsaren")
    card.get_by_role("button", name="Lägg till som miljönytta", exact=True).click()
    card.get_by_text("Lade till miljönyttan (inte värderad i kronor)").wait_for(timeout=TIMEOUT)
    assert card.get_by_role("link", name="Nyttokalkylen").get_attribute("href") == "60_nyttokalkyl.ipynb"
    assert_clean(page)


def test_agenda_2030_goal_with_effects(page, voila):
    open_app(page, voila, MODUL5)
    card = open_tool(page, "Agenda 2030: ditt initiativ och de globala målen")
    type_into(card.get_by_label("Vilket initiativ gäller det?"), "Digital nämndhantering")
    card.get_by_role("checkbox", name="Mål 13: Bekämpa klimatförändringarna").check()
    positive = card.get_by_label("Mål 13: positiva effekter")
    positive.fill("Färre resor till sammanträden")
    positive.press("Tab")
    card.get_by_text("1 av 17 mål markerade; 1 med positiva och 0 med negativa effekter.").wait_for(
        timeout=TIMEOUT
    )
    assert card.get_by_text("Ladda ned kopplingen till Agenda 2030 som Markdown-fil").count() == 1
    assert_clean(page)


def test_the_start_pages_code_link_says_how_to_open_it_on_the_standalone_server(page, voila):
    open_app(page, voila, "00_start.ipynb")
    link = page.get_by_role("link", name="Nyttokalkylen steg för steg")
    link.wait_for(timeout=TIMEOUT)
    page.wait_for_function(
        "() => { const a = document.querySelector('a[data-dk-lab]');"
        " return a && a.getAttribute('href').startsWith('/lab/tree/'); }",
        timeout=TIMEOUT,
    )
    assert link.get_attribute("href") == "/lab/tree/rakna-sjalv/nyttokalkyl-steg-for-steg.ipynb"
    link.click()
    page.get_by_role("heading", name="Den här anteckningsboken öppnas i JupyterLab").wait_for(timeout=TIMEOUT)
    assert "notebooks/rakna-sjalv/nyttokalkyl-steg-for-steg.ipynb" in page.inner_text("main")
    assert axe_violations(page) == []
    # a Voilà render of such a notebook is never run as an app here
    page.goto(voila.render_url("rakna-sjalv/klimatkalkylens-faktorer.ipynb"))
    page.get_by_role("heading", name="Den här anteckningsboken öppnas i JupyterLab").wait_for(timeout=TIMEOUT)
    page.get_by_role("link", name="Tillbaka till startsidan").click()
    wait_rendered(page)


def test_under_make_lab_the_code_link_opens_the_notebook_in_jupyterlab(lab, page):  # noqa: F811
    """The template's script points the Start page's link at JupyterLab's tree (``make lab`` serves the repository)."""
    open_app(page, lab, "notebooks/00_start.ipynb")
    link = page.get_by_role("link", name="Klimatkalkylens faktorer och deras spridning")
    page.wait_for_function(
        "() => { const a = document.querySelector('a[data-dk-lab]');"
        " return a && a.getAttribute('href').startsWith('/lab/tree/notebooks/'); }",
        timeout=TIMEOUT,
    )
    assert link.get_attribute("href") == "/lab/tree/notebooks/rakna-sjalv/klimatkalkylens-faktorer.ipynb"
    link.click()
    page.wait_for_url("**/lab/tree/notebooks/rakna-sjalv/klimatkalkylens-faktorer.ipynb*", timeout=TIMEOUT)
    heading = page.locator(".jp-RenderedMarkdown h1", has_text="Räkna själv: klimatkalkylens faktorer")
    heading.first.wait_for(timeout=TIMEOUT)
