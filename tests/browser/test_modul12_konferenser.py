"""Modules 1 and 2 and both conferences in a real browser: each new tool used once (a scenario walked to its
feedback, a self-assessment with its suggestion, worksheets saved and exported, bad dates said beside the
field, the PESTEL chart, the Cynefin sorting, the 1-2-4-All timer ticking); zero axe violations after each."""

from __future__ import annotations

import pytest

from .conftest import assert_clean, open_app

pytestmark = pytest.mark.browser

MODUL1 = "10_modul1_power_skills.ipynb"
MODUL2 = "20_modul2_ledarskap.ipynb"
START = "01_startkonferens.ipynb"
SLUT = "90_slutkonferens.ipynb"
TIMEOUT = 45_000  # the course machine may be busy: a click is a kernel round trip


def open_exercise(page, title: str):
    page.get_by_role("button", name=f"Öppna: {title}", exact=True).click()
    closer = page.get_by_role("button", name=f"Stäng: {title}", exact=True)
    closer.wait_for(timeout=TIMEOUT)
    card = page.locator(".dk-openable", has=closer).last  # the innermost: a group holds its exercises
    card.locator(".dk-open ~ *:visible").first.wait_for(timeout=TIMEOUT)
    return card


def fill(card, label: str, text: str) -> None:
    """Type into a field and leave it (fields are saved when they lose focus)."""
    field = card.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")


def likert_all(card, label: str) -> None:
    """Answer every statement of a self-assessment with the same label."""
    groups = card.locator(".dk-statement")
    for i in range(groups.count()):
        groups.nth(i).get_by_role("button", name=label, exact=True).click()


def test_modul2_scenario_self_assessment_and_public_value_canvas(page, voila):
    open_app(page, voila, MODUL2)
    assert_clean(page)
    open_exercise(page, "Kritiska situationer")
    card = open_exercise(page, "Kritisk situation 1: Tekniskt problem eller adaptiv utmaning?")
    for option in (
        "Sitt med i handläggningen en vecka och fråga vad som faktiskt har förändrats.",
        "Låt handläggarna själva pröva fram hur de vill använda sin kunskap i det nya flödet.",
    ):
        card.get_by_role("button", name=option).click()
        card.get_by_text(option).last.wait_for(timeout=TIMEOUT)
    card.get_by_role("button", name="Skilj på det tekniska", exact=False).click()
    card.get_by_text("Scenariot är slut.").wait_for(timeout=TIMEOUT)
    assert "Ramverk: adaptivt ledarskap (Heifetz 1994" in card.inner_text()
    assert_clean(page)

    likert = open_exercise(page, "Ledarskapsstrategier och roller – självskattning")
    likert_all(likert, "Stämmer delvis")
    likert.get_by_role("heading", name="där du skattar dig lägst").wait_for(timeout=TIMEOUT)
    likert.locator("svg[role=img]").wait_for(timeout=TIMEOUT)
    assert_clean(page)

    canvas = open_exercise(page, "Canvas för offentligt värde")
    fill(canvas, "Min satsning", "E-tjänst för <b>bygglov</b>")
    canvas.get_by_text("1 av 5 ifyllda.").wait_for(timeout=TIMEOUT)
    canvas.get_by_role("button", name="Skapa Word-dokument").click()
    link = canvas.get_by_role("link", name="Ladda ned Word-dokumentet")
    link.wait_for(timeout=TIMEOUT)
    assert link.get_attribute("download") == "digikomp-m2-public-value.docx"
    assert_clean(page)


def test_startkonferens_cynefin_strategy_check_and_workshop_timer(page, voila):
    open_app(page, voila, START)
    assert_clean(page)
    quiz = open_exercise(page, "Sortera problemen med Cynefin")
    quiz.get_by_role("radio", name="Kaotisk").nth(3).check()
    quiz.get_by_role("button", name="Svara", exact=True).nth(3).click()
    quiz.get_by_text("act–sense–respond").first.wait_for(timeout=TIMEOUT)
    assert_clean(page)

    check = open_exercise(page, "Digital strategi – en snabb självkoll")
    likert_all(check, "Stämmer ganska bra")
    check.get_by_role("heading", name="där du skattar dig lägst").wait_for(timeout=TIMEOUT)
    assert_clean(page)

    workshop = open_exercise(page, "Workshop: 1-2-4-All")
    timer = workshop.locator(".dk-timer")
    assert timer.inner_text() == "1:00"
    workshop.get_by_role("button", name="Starta", exact=True).click()
    workshop.get_by_text("Tiden går.", exact=True).wait_for(timeout=TIMEOUT)
    page.wait_for_function(
        "() => { const t = document.querySelector('.dk-timer'); return t && t.innerText !== '1:00'; }",
        timeout=TIMEOUT,
    )
    assert workshop.locator(".dk-timer[aria-live], .dk-timer [aria-live]").count() == 0
    workshop.get_by_role("button", name="Pausa", exact=True).click()
    workshop.get_by_text("Pausad med").wait_for(timeout=TIMEOUT)
    fill(workshop, "Anteckningar, steg 1: Själv", "Fler e-tjänster på lätt svenska")
    workshop.get_by_text("Anteckningar i 1 av 4 steg.").wait_for(timeout=TIMEOUT)
    assert_clean(page)


def test_slutkonferens_values_nyttokalkyl_link_and_action_plan(page, voila):
    open_app(page, voila, SLUT)
    assert_clean(page)
    values = open_exercise(page, "Värden som står mot varandra")
    values.get_by_role("button", name="Automatisera, men låt en handläggare granska", exact=False).click()
    values.get_by_text("Följd:").first.wait_for(timeout=TIMEOUT)
    assert_clean(page)

    coproduction = open_exercise(page, "Samproduktion och nyttorealisering")
    link = coproduction.get_by_role("link", name="Öppna Nyttokalkylen (välj exemplet om ekonomiskt bistånd)")
    assert link.get_attribute("href") == "./60_nyttokalkyl.ipynb"
    assert_clean(page)

    plan = open_exercise(page, "Hur går vi vidare? – min handlingsplan")
    plan.get_by_text("Underlag: det du har skrivit och gjort i kursen").wait_for(timeout=TIMEOUT)
    fill(plan, "Uppföljning 1", "Boka möte med min chef")
    fill(plan, "Datum för uppföljning 1", "i vår")
    plan.get_by_role("alert").filter(has_text="är inte ett datum").wait_for(timeout=TIMEOUT)
    assert_clean(page)
    fill(plan, "Datum för uppföljning 1", "2027-02-15")
    plan.get_by_text("Sparat till 15 februari 2027.").wait_for(timeout=TIMEOUT)
    plan.get_by_role("button", name="Skapa påminnelser (.ics)").click()
    ics = plan.get_by_role("link", name="Ladda ned påminnelserna (.ics)")
    ics.wait_for(timeout=TIMEOUT)
    assert ics.get_attribute("download") == "digikomp-slut-handlingsplan.ics"
    assert_clean(page)


def test_modul1_pestel_double_diamond_and_min_plan(page, voila):
    open_app(page, voila, MODUL1)
    assert_clean(page)
    pestel = open_exercise(page, "Omvärldsbevakning med PESTEL")
    pestel.get_by_label("Kategori", exact=True).select_option(label="Juridiska")
    fill(pestel, "Faktor", "Nya krav på tillgänglighet")
    pestel.get_by_label("Sannolikhet", exact=True).select_option(label="4 – Hög")
    pestel.get_by_label("Påverkan", exact=True).select_option(label="3 – Ganska hög")
    pestel.get_by_role("button", name="Lägg till faktor").click()
    chart = pestel.locator("svg[role=img]")
    chart.wait_for(timeout=TIMEOUT)
    assert "1 Nya krav på tillgänglighet (Juridiska)" in chart.get_attribute("aria-label")
    assert_clean(page)

    diamond = open_exercise(page, "Planera en förändring med Double Diamond")
    fill(diamond, "Vilken förändring gäller det?", "Digital ansökan om förskoleplats")
    diamond.get_by_text("1 av 6 ifyllda.").wait_for(timeout=TIMEOUT)
    assert_clean(page)

    plan = open_exercise(page, "Min plan – självledarskap")
    fill(plan, "Åtagande 1", "Blockera en timme i veckan för lärande")
    fill(plan, "Datum för åtagande 1", "2027-01-11")
    plan.get_by_text("Sparat till 11 januari 2027.").wait_for(timeout=TIMEOUT)
    plan.get_by_role("button", name="Skapa påminnelser (.ics)").click()
    plan.get_by_role("link", name="Ladda ned påminnelserna (.ics)").wait_for(timeout=TIMEOUT)
    assert_clean(page)
