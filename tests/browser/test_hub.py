"""The course on a real JupyterHub (deploy/jupyterhub_config.py, started by tests/hub/harness.py with its proxy and
the group service): log in through the hub's login page, open a module page in one's own server through Voilà's
server extension, share a reflection with the group; a group member sees it, someone in another group does not.
Zero axe violations on the hub's login page, the Start page and the module page."""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

import pytest
from hub import harness

from .conftest import RENDER_TIMEOUT_MS, assert_no_error_shown, axe_violations, describe, wait_rendered

pytestmark = pytest.mark.browser

MODULE = "10_modul1_power_skills.ipynb"
START = "00_start.ipynb"
SPAWN_TIMEOUT_MS = 120_000  # the hub starts the user's server (a Jupyter server with Voilà) on first login


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    started = harness.start_hub(tmp_path_factory.mktemp("hub-browser"))
    try:
        yield started
    finally:
        started.stop()


def demo_password(hub) -> str:
    """The shared demo password the harness gave the hub (its ``password``, else the hub process's env)."""
    known = getattr(hub, "password", None)
    if known:
        return known
    env = Path(f"/proc/{hub.proc.pid}/environ").read_bytes().split(b"\0")
    found = [e.split(b"=", 1)[1] for e in env if e.startswith(b"DIGIKOMP_DEMO_PASSWORD=")]
    assert found, "the hub was started without DIGIKOMP_DEMO_PASSWORD"
    return found[0].decode()


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def log_in(browser, hub, user: str, *, check_login_page: bool = False):
    """A new browser as ``user``: the hub's login page, then the user's server opens on the Start page."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    page.goto(f"{hub.url}/hub/login", wait_until="domcontentloaded", timeout=RENDER_TIMEOUT_MS)
    if check_login_page:
        assert page.get_by_role("heading", name="Logga in").is_visible()
        assert_accessible(page)
    page.get_by_label("Användarnamn").fill(user)
    page.get_by_label("Lösenord").fill(demo_password(hub))
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"**/user/{user}/voila/render/{START}*", timeout=SPAWN_TIMEOUT_MS)
    wait_rendered(page)
    return context, page


def open_module(page, hub, user: str) -> None:
    url = f"{hub.url}/user/{user}/voila/render/{MODULE}"
    page.goto(url, wait_until="domcontentloaded", timeout=RENDER_TIMEOUT_MS)
    wait_rendered(page)
    page.get_by_role("heading", name="Lärlogg", exact=True).wait_for(timeout=RENDER_TIMEOUT_MS)


def test_a_reflection_shared_with_the_group_is_seen_by_the_group_only(browser, hub):
    text = f"Det här delar jag med gruppen ({secrets.token_hex(4)}) – å, ä, ö och <b>taggar</b> som text."

    context, page = log_in(browser, hub, "deltagare1", check_login_page=True)
    assert "Digital kompetens för offentlig sektor" in page.title()
    assert_no_error_shown(page)
    assert_accessible(page)  # the Start page in the user's own server

    open_module(page, hub, "deltagare1")
    page.get_by_label("Din reflektion").fill(text)
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text("Sparat i din lärlogg.").wait_for(timeout=15_000)
    page.get_by_role("button", name="Dela med gruppen", exact=True).click()
    page.get_by_text("Anteckningen är delad med gruppen grupp-a.").wait_for(timeout=15_000)
    page.get_by_role("button", name="Uppdatera", exact=True).click()
    page.locator(".dk-group-shared").get_by_text(text).wait_for(timeout=15_000)
    assert_no_error_shown(page)
    assert_accessible(page)
    context.close()

    # What the service holds: written as deltagare1 (the hub said who), in grupp-a.
    stored = hub.call("GET", "groups/grupp-a/items?module=modul1", "deltagare2")
    assert stored.status == 200
    assert [(i["author"], i["text"]) for i in stored.body if i["text"] == text] == [("deltagare1", text)]

    context, page = log_in(browser, hub, "deltagare2")
    open_module(page, hub, "deltagare2")
    group = page.locator(".dk-group-shared")
    group.get_by_role("heading", name="Delat i gruppen grupp-a").wait_for(timeout=15_000)
    group.get_by_text(text).wait_for(timeout=15_000)
    assert "deltagare1 · " in group.inner_text()
    assert group.locator("b").count() == 0  # the participant's markup is shown as text
    assert_no_error_shown(page)
    assert_accessible(page)
    context.close()

    context, page = log_in(browser, hub, "deltagare4")
    open_module(page, hub, "deltagare4")
    group = page.locator(".dk-group-shared")
    group.get_by_role("heading", name="Delat i gruppen grupp-b").wait_for(timeout=15_000)
    assert text not in page.inner_text("body")
    assert page.get_by_role("heading", name="Delat i gruppen grupp-a").count() == 0
    assert_no_error_shown(page)
    context.close()


TEACHER_PAGE = "70_larare.ipynb"
OPTIONS = ("Början", "Mitten", "Målet")


def open_page(page, hub, user: str, notebook: str) -> None:
    page.goto(
        f"{hub.url}/user/{user}/voila/render/{notebook}",
        wait_until="domcontentloaded",
        timeout=RENDER_TIMEOUT_MS,
    )
    wait_rendered(page)


def test_a_live_poll_with_a_teacher_and_three_participants(browser, hub):
    """The teacher opens an anonymous poll on Lärarsidan, three participants answer it from their module page,
    the teacher's results follow, the teacher reveals and the participants' bars show the counts; the answers'
    rows hold no user name; a participant opening Lärarsidan is refused."""
    question = f"Hur långt har ni kommit med nyttokalkylen? ({secrets.token_hex(3)})"
    people = {}
    for user in ("deltagare1", "deltagare2", "deltagare4"):
        context, page = log_in(browser, hub, user)
        open_module(page, hub, user)
        people[user] = (context, page)

    refused = people["deltagare2"][0].new_page()
    open_page(refused, hub, "deltagare2", TEACHER_PAGE)
    refused.get_by_text("Lärarsidan är bara för kursens lärare").wait_for(timeout=RENDER_TIMEOUT_MS)
    assert refused.get_by_role("button", name="Öppna omröstningen").count() == 0
    refused.close()

    teacher_context, teacher = log_in(browser, hub, "larare")
    open_page(teacher, hub, "larare", TEACHER_PAGE)
    teacher.get_by_role("heading", name="Omröstningar", exact=True).wait_for(timeout=RENDER_TIMEOUT_MS)
    teacher.get_by_label("Skriv en egen").check()
    teacher.get_by_label("Fråga", exact=True).fill(question)
    teacher.get_by_label("Alternativ (ett per rad)").fill("\n".join(OPTIONS))
    assert teacher.get_by_label("Anonym (inga namn sparas med svaren)").is_checked()
    teacher.get_by_role("button", name="Öppna omröstningen").click()
    assert_no_error_shown(teacher)

    answers = {"deltagare1": "Mitten", "deltagare2": "Mitten", "deltagare4": "Målet"}
    for user, choice in answers.items():
        page = people[user][1]
        panel = page.locator(".dk-poll-panel")
        panel.get_by_role("heading", name=question).wait_for(timeout=RENDER_TIMEOUT_MS)
        assert "Anonym: ditt namn sparas inte med svaret" in panel.inner_text()
        panel.get_by_role("button", name=choice, exact=True).click()
        panel.get_by_text(f"Ditt svar: {choice}").wait_for(timeout=RENDER_TIMEOUT_MS)
    assert_accessible(people["deltagare1"][1])  # the module page with the poll panel open

    teacher.get_by_text("3 svarande").first.wait_for(timeout=RENDER_TIMEOUT_MS)  # the live results followed
    teacher.get_by_role("button", name="Visa resultat för deltagarna").click()
    for user in answers:
        page = people[user][1]
        panel = page.locator(".dk-poll-panel")
        panel.get_by_text("Mitten: 2 (").wait_for(timeout=RENDER_TIMEOUT_MS)
        assert "Målet: 1 (" in panel.inner_text() or panel.get_by_text("Målet: 1 (").count() == 1
        assert_no_error_shown(page)
    assert_no_error_shown(teacher)
    assert_accessible(teacher)

    # The anonymous poll's rows in the service's database: a keyed hash per answer, no name anywhere.
    with sqlite3.connect(hub.sqlite_path) as conn:
        (poll_id,) = conn.execute("SELECT id FROM polls WHERE question = ?", (question,)).fetchone()
        stored = conn.execute("SELECT * FROM poll_answers WHERE poll_id = ?", (poll_id,)).fetchall()
    assert len(stored) == 3
    assert not any(user in repr(stored) for user in answers)
    for context, _page in people.values():
        context.close()
    teacher_context.close()
