"""Every Voilà app in a real browser: it renders, is Swedish, shows no error, reacts to input, passes axe-core."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from widgets.paths import NOTEBOOKS_DIR

from .conftest import assert_no_error_shown, axe_violations, describe, open_app

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))


CALENDAR_LINK = ".dk-calendar a.dk-download"


def change_calendar_choice(page) -> None:
    """Pick another calendar in the 'Tillfällen' dropdown; its download link must follow (the calendar's own:
    a page can have other downloads before it, such as module 5's saved Agenda 2030 mapping)."""
    select = page.get_by_label("Tillfällen")
    link = page.locator(CALENDAR_LINK)
    before = link.get_attribute("download")
    options = select.locator("option").all_inner_texts()
    select.select_option(label=options[1])
    page.wait_for_function(
        "([sel, before]) => document.querySelector(sel).getAttribute('download') !== before",
        arg=[CALENDAR_LINK, before],
        timeout=10_000,
    )


def change_discount_rate(page) -> None:
    """Nyttokalkyl: type a new discount rate; the NPV key figure must change."""
    npv = page.locator(".dk-kf dd").first
    before = npv.inner_text()
    field = page.get_by_label("Kalkylränta (%)")
    field.fill("12")
    field.press("Enter")
    page.wait_for_function(
        "([sel, before]) => document.querySelector(sel).innerText !== before",
        arg=[".dk-kf dd", before],
        timeout=10_000,
    )


def search_the_log(page) -> None:
    """Min lärlogg: type a search word; the result line and the list must follow."""
    result = page.locator(".dk-larlogg-app [role=status]").first
    before = result.inner_text()
    field = page.get_by_label("Sök i lärloggen")
    field.fill("omvärld")
    field.press("Enter")
    page.get_by_text("innehåller ”omvärld”").wait_for(timeout=10_000)
    assert result.inner_text() != before


def answer_the_quiz_in_modul1(page) -> None:
    """Modul 1: open the quiz, answer a question; the feedback and the progress line must follow."""
    from .test_modul34 import TIMEOUT, open_exercise

    card = open_exercise(page, "Kunskapskoll – verktyg för omvärldsbevakning och innovation")
    card.get_by_role("radio", name="Att systematiskt bevaka omvärlden").check()
    card.get_by_title("Svara på fråga 2", exact=True).click()
    card.get_by_text("Att systematiskt bevaka omvärlden: Rätt val.").wait_for(timeout=TIMEOUT)
    card.get_by_text("1 av 3 frågor besvarade.").wait_for(timeout=TIMEOUT)


def classify_in_modul3(page) -> None:
    """Modul 3: walk the AI Act classifier to a result."""
    from .test_modul34 import walk_classifier

    walk_classifier(page)


def check_persona_in_modul4(page) -> None:
    """Modul 4: pick a persona and get feedback on where they drop out."""
    from .test_modul34 import choose_persona_and_check

    choose_persona_and_check(page)


def toggle_presentation_mode(page) -> None:
    """A page without controls of its own (Tillgänglighetsredogörelse, Personuppgifter, Delta outside the hub): the header's
    presentation-mode toggle must enlarge the text and say it is on."""
    toggle = page.get_by_role("button", name="Presentationsläge")
    toggle.click()
    page.wait_for_function("document.body.classList.contains('dk-present')", timeout=10_000)
    assert toggle.get_attribute("aria-pressed") == "true"


#: How to change one input on each app and see the page respond. Apps not listed use the calendar chooser.
INTERACTIONS: dict[str, Callable] = {
    "10_modul1_power_skills.ipynb": answer_the_quiz_in_modul1,
    "60_nyttokalkyl.ipynb": change_discount_rate,
    "30_modul3_ai.ipynb": classify_in_modul3,
    "40_modul4_offentliga_organisationer.ipynb": check_persona_in_modul4,
    "70_larare.ipynb": toggle_presentation_mode,  # outside the hub: the notice that it needs the course hub
    "75_delta.ipynb": toggle_presentation_mode,  # outside the hub: only the notice that polls need the hub
    "80_min_larlogg.ipynb": search_the_log,
    "96_tillganglighetsredogorelse.ipynb": toggle_presentation_mode,
    "97_personuppgifter.ipynb": toggle_presentation_mode,
}


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_app_renders_in_swedish_without_errors_and_passes_axe(page, voila, notebook):
    open_app(page, voila, notebook)
    assert page.get_attribute("html", "lang") == "sv"
    assert page.title().endswith("Digital kompetens för offentlig sektor")
    assert page.locator("h1").first.is_visible()
    assert page.locator("[role=main]").count() == 1
    assert_no_error_shown(page)
    assert page.external_requests == [], "no asset may come from a third party (GDPR, offline use)"
    violations = axe_violations(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_app_responds_to_input(page, voila, notebook):
    open_app(page, voila, notebook)
    INTERACTIONS.get(notebook, change_calendar_choice)(page)
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


#: Pages whose exercises (and exercise-like parts) wait behind an "Öppna: …" button.
WITH_EXERCISES = [
    "10_modul1_power_skills.ipynb",
    "30_modul3_ai.ipynb",
    "40_modul4_offentliga_organisationer.ipynb",
]


@pytest.mark.parametrize("notebook", WITH_EXERCISES)
def test_every_exercise_opened_passes_axe(page, voila, notebook):
    """The controls built on opening are checked too: open every part, then axe-core over the whole page."""
    import re

    from .test_modul34 import TIMEOUT

    open_app(page, voila, notebook)
    openers = page.get_by_role("button", name=re.compile(r"^Öppna: "))
    count = openers.count()
    assert count >= 1
    for left in range(count - 1, -1, -1):
        openers.first.click()
        page.wait_for_function(
            "n => [...document.querySelectorAll('button.dk-open')].filter(b => b.innerText.startsWith('Öppna: ')).length === n",
            arg=left,
            timeout=TIMEOUT,
        )
    assert page.get_by_role("button", name=re.compile(r"^Stäng: ")).count() == count
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_root_redirects_to_the_start_page(page, voila):
    page.goto(voila.url + "/")
    page.wait_for_selector(".dk-start", timeout=60_000)
    assert page.url.endswith("/voila/render/00_start.ipynb")


def test_start_page_links_open_the_module_apps(page, voila):
    open_app(page, voila, "00_start.ipynb")
    page.get_by_role("link", name="Öppna sidan för modul 3").click()
    page.wait_for_selector("#rendered_cells .jupyter-widgets", state="visible", timeout=60_000)
    assert page.locator("h1").first.inner_text().startswith("Modul 3")
