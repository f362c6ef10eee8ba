"""The Nyttokalkyl's tabs other than *Resultat* hold no widgets until they are first shown, and the case they
describe (its nyttorealiseringsplan, the name proposed for saving) is the same either way."""

from __future__ import annotations

import dataclasses

import pytest

from widgets.apps.nyttokalkyl import nyttokalkyl_app
from widgets.apps.nyttokalkyl.app import ALTERNATIVES, FILES, PENG, PLAN, UNCERTAINTY
from widgets.benefit import PlanEntry, load_case
from widgets.benefit.io import CASES_DIR

WITH_PLAN = CASES_DIR / "trelleborg-ekonomiskt-bistand.yaml"


@pytest.fixture
def app():
    return nyttokalkyl_app()


@pytest.mark.parametrize(
    ("index", "view"),
    [
        (UNCERTAINTY, "uncertainty"),
        (ALTERNATIVES, "comparison"),
        (PENG, "peng"),
        (PLAN, "plan"),
        (FILES, "files"),
    ],
)
def test_a_tab_is_built_when_first_shown(app, index, view):
    box = getattr(app, view)
    assert box.children == () and not box.built
    app.tabs.selected_index = index
    assert box.built and box.children
    children = box.children
    app.tabs.selected_index = 0
    app.tabs.selected_index = index
    assert box.children == children  # built once


def test_the_plan_of_an_opened_case_is_kept_while_its_tab_was_never_shown(app):
    case = load_case(WITH_PLAN)
    assert case.realisation_plan
    app.open_case(case, "exemplet")
    app.fields.rate.value = "4"  # any edit rebuilds the case from the fields
    assert app.case.discount_rate == pytest.approx(0.04)
    assert app.case.realisation_plan == case.realisation_plan
    app.tabs.selected_index = PLAN
    assert app.plan.entries() == case.realisation_plan  # the forms were built from what was kept


def test_a_renamed_benefit_loses_its_plan_also_before_the_tab_is_shown(app):
    case = load_case(WITH_PLAN)
    app.open_case(case, "exemplet")
    planned = case.realisation_plan[0].benefit
    row = next(r for r in app.editor.rows if r.label.value == planned)
    row.label.value = "Nytt namn"
    assert all(entry.benefit != planned for entry in app.case.realisation_plan)
    app.tabs.selected_index = PLAN
    assert "Nytt namn" in app.plan.forms
    assert app.plan.forms["Nytt namn"].entry() == PlanEntry("Nytt namn")


def test_the_name_proposed_for_saving_follows_the_case_before_the_tab_is_shown(app):
    app.open_case(dataclasses.replace(load_case(WITH_PLAN), name="Första"), "exemplet")
    app.open_case(dataclasses.replace(load_case(WITH_PLAN), name="Andra"), "exemplet")
    app.tabs.selected_index = FILES
    assert app.files.save_name.value == "Andra"
