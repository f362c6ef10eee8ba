"""Module 3 and module 4 in a real browser: one full path through the AI Act classifier to a result, an
exercise opened from the keyboard, one dilemma choice with its consequence, a persona's dropout feedback; zero
axe violations after each step."""

from __future__ import annotations

import pytest

from .conftest import assert_clean, open_app

pytestmark = pytest.mark.browser

MODUL3 = "30_modul3_ai.ipynb"
MODUL4 = "40_modul4_offentliga_organisationer.ipynb"
TIMEOUT = 45_000  # the course machine may be busy: a click is a kernel round trip

#: The path of the constructed "Skräppostfilter" case: answer, and whether the question is multiple-choice.
SPAM_FILTER_PATH = [
    ("Det drar själv slutsatser från data", False),
    ("Vi använder systemet i vår verksamhet (tillhandahållare).", False),
    ("Inget av detta.", True),
    ("Nej.", False),
    ("Inget av detta.", True),
    ("Inget av detta.", True),
]

#: The "Prioritering av nödsamtal" case: an Art. 6(3) condition ticked, but the outcome materially influenced.
TRIAGE_PATH = [
    ("Det drar själv slutsatser från data", False),
    ("Vi använder systemet i vår verksamhet (tillhandahållare).", False),
    ("Inget av detta.", True),
    ("Nej.", False),
    ("Bedöma och prioritera nödsamtal eller larma ut räddningstjänst, polis eller ambulans.", True),
    ("Nej.", False),
    ("Det gör bara förberedande arbete inför en bedömning som en människa gör.", True),
    ("Ja, det påverkar utfallet eller kan innebära en betydande risk.", False),
    ("Inget av detta.", True),
]


FOCUSABLE = "button, input, select, textarea, a[href], [tabindex]:not([tabindex='-1'])"


def open_exercise(page, title: str):
    """Open an exercise with its button from the keyboard and return its card. Focus stays on the button, which
    now says "Stäng: …", and the next Tab goes into the opened exercise."""
    opener = page.get_by_role("button", name=f"Öppna: {title}", exact=True)
    opener.focus()
    opener.press("Enter")
    closer = page.get_by_role("button", name=f"Stäng: {title}", exact=True)
    closer.wait_for(timeout=TIMEOUT)
    card = page.locator(".dk-openable", has=closer)
    # Wait for a control the keyboard can reach, not just the first thing after the button: the card's views
    # render child by child, and a text shown first would let the Tab below leave the card before its
    # controls exist.
    card.locator(
        f".dk-open ~ * :is({FOCUSABLE}):visible, .dk-open ~ :is({FOCUSABLE}):visible"
    ).first.wait_for(timeout=TIMEOUT)
    assert page.evaluate("document.activeElement.innerText.trim()") == f"Stäng: {title}"
    page.keyboard.press("Tab")
    focused_inside = (
        "el => el.contains(document.activeElement) && !document.activeElement.matches('.dk-open')"
    )
    assert card.evaluate(focused_inside)
    return card


def walk_classifier(page, path=SPAM_FILTER_PATH, level: str = "Minimal risk") -> None:
    """Answer every question of the first classifier on the page and wait for the result."""
    flow = page.locator(".dk-aiact-flow")
    for number, (answer, multiple) in enumerate(path, 1):
        flow.get_by_text(f"Fråga {number} (av högst").wait_for(timeout=TIMEOUT)
        if multiple:
            # checked=False: the previous question's box with the same label may still be on screen for a
            # moment (questions 5 and 6 both offer "Inget av detta.")
            flow.get_by_role("checkbox", name=answer, exact=True, checked=False).first.check()
        else:
            # no such filter here: going back restores the earlier answer, already checked
            flow.get_by_role("radio", name=answer).first.check()
        flow.get_by_role("button", name="Nästa", exact=True).click()
    flow.get_by_text(f"Risknivå: {level}").wait_for(timeout=TIMEOUT)


def test_modul3_classifier_path_to_a_result(page, voila):
    open_app(page, voila, MODUL3)
    assert_clean(page)
    flow = page.locator(".dk-aiact-flow")
    flow.get_by_role("radio").first.check()
    flow.get_by_role("button", name="Nästa", exact=True).click()
    flow.get_by_text("Fråga 2 (av högst").wait_for(timeout=TIMEOUT)
    flow.get_by_role("button", name="Tillbaka", exact=True).click()
    flow.get_by_text("Fråga 1 (av högst").wait_for(timeout=TIMEOUT)
    walk_classifier(page)
    text = flow.inner_text()
    assert "art. 4" in text and "Varför?" in text and "Förordningen som den antogs" in text
    assert_clean(page)


def test_modul3_exception_with_material_influence_stays_high_risk(page, voila):
    """Article 6(3): ticking "förberedande" asks the overall condition; "Ja" keeps the system high risk."""
    open_app(page, voila, MODUL3)
    walk_classifier(page, TRIAGE_PATH, "Hög risk")
    text = page.locator(".dk-aiact-flow").inner_text()
    assert "Då gäller inte undantaget i art. 6.3" in text and "art. 49.3" in text
    assert "Stämd av mot kursens faktaunderlag" in text
    assert_clean(page)


def test_modul3_dilemma_choice_shows_the_consequence(page, voila):
    open_app(page, voila, MODUL3)
    card = open_exercise(page, "Dilemma: Chattboten som svarar fel")
    assert_clean(page)
    card.get_by_text("Vilka principer står på spel?").wait_for(timeout=TIMEOUT)
    card.get_by_role("button", name="Stänger av chattboten tills felet är rättat.").click()
    card.get_by_text("Följd:").first.wait_for(timeout=TIMEOUT)
    assert_clean(page)


def test_modul3_bias_lab_starts_and_its_chart_follows_the_slider(page, voila):
    open_app(page, voila, MODUL3)
    page.get_by_role("button", name="Starta biaslabbet").click()
    chart = page.locator(".dk-svg-chart svg[role=img]", has_text="Tidigare beslut").first
    chart.wait_for(timeout=TIMEOUT)
    before = chart.get_attribute("aria-label")
    assert before.startswith("Stapeldiagram över andel utvalda per grupp")
    slider = page.get_by_role("slider", name="Hur stor är skevheten i de gamla besluten?")
    slider.focus()
    slider.press("Home")  # skew 0: the gap between the groups closes
    page.wait_for_function(
        "([sel, before]) => { const el = document.querySelector(sel); return el && el.getAttribute('aria-label') !== before; }",
        arg=[".dk-m34 .dk-svg-chart svg[role=img]", before],
        timeout=TIMEOUT,
    )
    assert_clean(page)


def choose_persona_and_check(page) -> None:
    """Module 4: open the persona walk, pick Jonas, guess the right step, see the feedback."""
    open_exercise(page, "Vem kommer fram? Medborgare möter en e-tjänst")
    page.get_by_label("Välj en person").select_option(label="Jonas, 46 år")
    page.locator("h3", has_text="Jonas, 46 år").wait_for(timeout=TIMEOUT)
    page.get_by_role("radio", name="Bifoga intyg").check()
    page.get_by_role("button", name="Kontrollera", exact=True).click()
    page.get_by_text("Rätt! Jonas kommer inte vidare").wait_for(timeout=TIMEOUT)


def test_modul4_persona_feedback(page, voila):
    open_app(page, voila, MODUL4)
    assert_clean(page)
    choose_persona_and_check(page)
    assert_clean(page)
