"""Module 4 views without a browser: personas through the e-service with feedback, the inclusion check with its
action list saved and exported."""

from __future__ import annotations

import pytest

from widgets.apps.modul4 import InclusionCheck, PersonaWalk, modul4_app
from widgets.store import PersonalStore


@pytest.fixture
def store(tmp_path):
    with PersonalStore(tmp_path / "p.sqlite3") as s:
        yield s


def test_persona_dropout_feedback_in_words():
    walk = PersonaWalk()
    assert not walk.built and "Påhittad e-tjänst" in walk.header[0].value  # the service is shown unopened
    walk.toggle.click()
    walk.picker.value = "jonas"
    walk.check_dropout()
    assert "Välj ett steg" in walk.dropout_feedback.value
    walk.dropout.value = "fylla-i"
    walk.check_dropout()
    assert "Inte riktigt" in walk.dropout_feedback.value and "senare steg" in walk.dropout_feedback.value
    walk.dropout.value = "bifoga"
    walk.check_dropout()
    assert "Rätt!" in walk.dropout_feedback.value
    assert "Så gick det för Jonas" in walk.journey.value


def test_persona_help_check_and_facts_with_sources():
    walk = PersonaWalk()
    walk.expand()
    walk.picker.value = "margit"
    assert "Källa: Internetstiftelsen" in walk.card.value
    walk.check_help()
    assert "Välj minst en" in walk.help_feedback.value
    walk.helps["klarsprak"].value = True
    walk.check_help()
    assert "räcker inte" in walk.help_details.value and "fler som skulle fungera" in walk.help_feedback.value


def test_walking_the_service_step_by_step():
    walk = PersonaWalk()
    walk.expand()
    assert "Steg 1 av" in walk.step_view.value and walk.prev_step.disabled
    walk.next_step.click()
    assert "Steg 2 av" in walk.step_view.value


def test_action_list_is_saved_and_its_export_contains_the_actions(tmp_path):
    path = tmp_path / "p.sqlite3"
    with PersonalStore(path) as store:
        check = InclusionCheck(store)
        check.load()
        assert check.service is None and "Svara på frågorna" in check.plan.value  # the list shows, unopened
        check.toggle.click()
        check.service.value = "Bygglov"
        check.controls["wcag"].value = "nej"
        check.controls["ombud"].value = "vet-inte"
        check.controls["klarsprak"].value = "ja"
        assert "Låt granska tjänsten mot WCAG 2.1" in check.plan.value
        data = check.download.data.decode("utf-8")
        assert "# Åtgärdslista: Bygglov" in data
        assert "1. Låt granska tjänsten mot WCAG 2.1 nivå AA" in data
        assert "Gör det möjligt att använda tjänsten genom ombud" in data
    with PersonalStore(path) as store:
        again = InclusionCheck(store)
        again.load()
        assert again.answers() == {"wcag": "nej", "ombud": "vet-inte", "klarsprak": "ja"}
        assert "Låt granska tjänsten mot WCAG 2.1" in again.plan.value  # before it is opened
        again.expand()
        assert again.answers() == {"wcag": "nej", "ombud": "vet-inte", "klarsprak": "ja"}
        assert again.service.value == "Bygglov"
        assert again.controls["wcag"].value == "nej"


def test_module_page_builds_with_both_sections(store):
    page = modul4_app(store=store)
    assert page.citizens is not None and page.inclusion is not None


def test_showing_saved_answers_never_saves_them_again(store):
    """Does loading the check again (another tab saved meanwhile) only show the answers, never record them?"""
    store.record_answer("modul4", "inkludering", "wcag", "nej")
    check = InclusionCheck(store)
    check.load()
    check.expand()
    store.record_answer("modul4", "inkludering", "wcag", "ja")
    store.record_answer("modul4", "inkludering", "tjanst", "Bygglov")
    check.load()
    assert check.controls["wcag"].value == "ja" and check.service.value == "Bygglov"
    assert len(store.answer_history("modul4", "inkludering", "wcag")) == 2
    assert len(store.answer_history("modul4", "inkludering", "tjanst")) == 1
    check.controls["wcag"].value = "vet-inte"  # chosen: saved as before
    assert len(store.answer_history("modul4", "inkludering", "wcag")) == 3
