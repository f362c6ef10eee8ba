"""The lärlogg's done-when path in a real browser: a quiz answer and two reflections survive a reload (a new
kernel), a new browser context and a server restart; XSS payloads render as text; zero axe violations."""

from __future__ import annotations

import pytest

from .conftest import RENDER_TIMEOUT_MS, assert_no_error_shown, axe_violations, describe, wait_rendered
from .voila_server import VoilaServer

pytestmark = pytest.mark.browser

MODULE = "10_modul1_power_skills.ipynb"
LOG = "80_min_larlogg.ipynb"
RIGHT = "Att systematiskt bevaka omvärlden"
FIRST = "Jag leder mig själv bäst när jag planerar veckan på måndag morgon."
XSS = '<script>alert(1)</script> <img src=x onerror=alert(1)> " onmouseover="alert(1)'
DRAFT = "Ett utkast som inte är sparat än"
QUIZ = "Kunskapskoll – verktyg för omvärldsbevakning och innovation"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("larlogg-participant")


@pytest.fixture(scope="module")
def servers(data_dir):
    """The first server; the test starts a second on the same data folder (a server restart)."""
    started: list[VoilaServer] = []

    def start() -> VoilaServer:
        server = VoilaServer(data_dir, log_path=data_dir / f"voila-{len(started)}.log")
        started.append(server)
        server.wait_ready()
        return server

    yield start
    for server in started:
        if server.proc.poll() is None:
            server.stop()


def new_page(browser, dialogs: list[str]):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.console_errors = []
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return context, pg


def open_fresh(page, server: VoilaServer, notebook: str) -> None:
    """Open an app on a server that may have just started (its pools fill in order, the Start page first)."""
    page.goto(server.render_url(notebook), wait_until="domcontentloaded", timeout=RENDER_TIMEOUT_MS)
    wait_rendered(page)


def open_quiz(page) -> None:
    """The quiz builds its controls when opened (its saved answers are read then too)."""
    page.get_by_role("button", name=f"Öppna: {QUIZ}", exact=True).click()
    page.get_by_label(RIGHT).wait_for(timeout=15_000)


def save_reflection(page, text: str) -> None:
    page.get_by_label("Din reflektion").fill(text)
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text("Sparat i din lärlogg.").wait_for(timeout=15_000)


def assert_everything_is_there(page) -> None:
    page.get_by_text(FIRST).first.wait_for(timeout=15_000)
    assert "1 av 3 frågor besvarade" in page.inner_text("body")  # shown before the quiz is opened
    open_quiz(page)
    assert page.get_by_label(RIGHT).is_checked()
    assert page.get_by_text("Rätt val").first.is_visible()
    assert page.get_by_text(XSS).first.is_visible()  # the payload is shown as text
    assert page.get_by_label("Din reflektion").input_value() == DRAFT


def test_answers_and_reflections_survive_reload_new_browser_and_server_restart(browser, servers):
    dialogs: list[str] = []
    voila = servers()
    context, page = new_page(browser, dialogs)
    open_fresh(page, voila, MODULE)
    open_quiz(page)
    page.get_by_label(RIGHT).check()
    page.get_by_title("Svara på fråga 2").click()
    page.get_by_text("Rätt val").first.wait_for(timeout=15_000)
    save_reflection(page, FIRST)
    page.get_by_label("Reflektionsfråga").select_option(label="Leda lärande")
    save_reflection(page, XSS)
    page.get_by_label("Reflektionsfråga").select_option(label="Självledarskap")
    page.get_by_label("Din reflektion").fill(DRAFT)
    page.get_by_text("Utkastet är sparat").wait_for(timeout=15_000)  # autosaved while typing
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    page.reload(wait_until="domcontentloaded", timeout=RENDER_TIMEOUT_MS)  # a new kernel
    wait_rendered(page)
    assert_everything_is_there(page)
    context.close()

    context, page = new_page(browser, dialogs)  # the browser closed and opened again
    open_fresh(page, voila, MODULE)
    assert_everything_is_there(page)
    context.close()

    voila.stop()
    restarted = servers()  # the server restarted on the same data folder
    context, page = new_page(browser, dialogs)
    open_fresh(page, restarted, MODULE)
    assert_everything_is_there(page)
    assert_no_error_shown(page)

    open_fresh(page, restarted, LOG)
    page.get_by_text(FIRST).first.wait_for(timeout=15_000)
    assert page.get_by_text(XSS).first.is_visible()
    page.get_by_label("Sök i lärloggen").fill("måndag")
    page.get_by_label("Sök i lärloggen").press("Enter")
    page.get_by_text("1 anteckning innehåller ”måndag”.").wait_for(timeout=15_000)
    page.get_by_label("Sök i lärloggen").fill(XSS)
    page.get_by_label("Sök i lärloggen").press("Enter")
    page.get_by_text("1 anteckning innehåller").wait_for(timeout=15_000)
    page.get_by_role("button", name="Skapa Word-fil").click()
    page.locator("a.dk-download").wait_for(timeout=30_000)
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    context.close()
    assert dialogs == [], f"en dialogruta öppnades: {dialogs}"
