"""The Nyttokalkyl's "Gruppens kalkyl" tab against an in-memory group service: open, save with the base
version, a conflict with what changed, take theirs or save on top, history; nothing of it off the hub."""

from __future__ import annotations

import html

import pytest
from groupwork_fake import FakeHub

from widgets import fmt
from widgets.apps.nyttokalkyl import nyttokalkyl_app
from widgets.apps.nyttokalkyl.app import GROUP, TAB_TITLES
from widgets.apps.nyttokalkyl.group import GroupCaseView, conflict_text, when
from widgets.benefit import case_to_dict, example_cases, load_case
from widgets.store import LocalSharedStore, PersonalStore
from widgets.store.groupwork import GroupCase
from widgets.store.models import local


@pytest.fixture
def hub():
    return FakeHub(
        groups={"grupp-a": ["deltagare1", "deltagare2"], "grupp-b": ["deltagare3"]}, teachers={"larare"}
    )


@pytest.fixture
def app(hub):
    with PersonalStore() as store:
        yield nyttokalkyl_app(store=store, shared=hub.store("deltagare1"))


def show_group(app) -> GroupCaseView:
    app.tabs.selected_index = GROUP
    assert app.group is not None
    return app.group


def set_rate(app, text: str) -> None:
    app.fields.rate.value = text


def seed_case(hub, user="deltagare2", name="Gemensam kalkyl"):
    case = load_case(example_cases()[0])
    hub.store(user).save_group_case("grupp-a", "gemensam-1", name, case_to_dict(case), 0)
    return case


def test_no_tab_off_the_hub_or_without_a_group(hub):
    with PersonalStore() as store:
        off = nyttokalkyl_app(store=store)
        assert off.tabs.titles == TAB_TITLES and off.group is None
        local = nyttokalkyl_app(store=store, shared=LocalSharedStore(user="anna"))  # no group work
        assert local.tabs.titles == TAB_TITLES
        alone = nyttokalkyl_app(store=store, shared=hub.store("ingen-grupp"))
        assert alone.tabs.titles == TAB_TITLES
        hub.down = True
        unreachable = nyttokalkyl_app(store=store, shared=hub.store("deltagare1"))
        assert unreachable.tabs.titles == TAB_TITLES


def test_tab_is_built_only_when_first_shown(app, hub):
    assert app.tabs.titles[GROUP] == "Gruppens kalkyl"
    assert app.group is None and app.tabs.children[GROUP].children == ()
    assert "group_cases" not in hub.calls
    view = show_group(app)
    assert "group_cases" in hub.calls
    assert "Gruppen har inga gruppkalkyler än." in view.cases_table.value
    assert view.save_button.layout.display == "none"  # nothing open: no save button to press in vain
    assert view.group.layout.display == "none" and "Grupp: grupp-a" in view.group_line.value


def test_new_group_case_from_the_calculator_then_save_with_the_base_version(app, hub):
    view = show_group(app)
    view.new_name.value = "Vår kalkyl"
    saved = view.create()
    assert saved is not None and saved.version == 1
    stored = hub.cases[("grupp-a", saved.case_id)][-1]
    assert stored.name == "Vår kalkyl" and stored.data["name"] == "Vår kalkyl"
    assert stored.data == case_to_dict(app.build())
    assert "Vår kalkyl" in view.cases_table.value and "deltagare1" in view.cases_table.value
    assert view.save_button.layout.display == "flex"
    set_rate(app, "4,5")
    again = view.save()
    assert again is not None and again.version == 2
    assert hub.cases[("grupp-a", saved.case_id)][-1].data["discount_rate"]["value"] == 0.045
    assert "version 2" in view.message.value and 'role="status"' in view.message.value


def test_open_loads_the_group_case_and_remembers_the_version(app, hub):
    seed_case(hub)
    view = show_group(app)
    assert view.choice.value == "gemensam-1"
    view.open_selected()
    assert view.base is not None and (view.base.case_id, view.base.version) == ("gemensam-1", 1)
    assert "gruppkalkylen ”Gemensam kalkyl”, version 1" in app.opened_line.value
    assert "”Gruppens kalkyl”" in app.opened_line.value
    assert app.reset_button.description == "Återställ gruppens version"
    assert "sparad av deltagare2" in view.open_line.value


def test_opening_something_else_forgets_the_group_base(app, hub):
    seed_case(hub)
    view = show_group(app)
    view.open_selected()
    app.start_choice.value = ""
    app.open_choice()
    assert view.base is None and view.save_button.layout.display == "none"


def test_conflict_shows_who_saved_what_changed_and_saves_nothing(app, hub):
    seed_case(hub)
    view = show_group(app)
    view.open_selected()
    other = hub.store("deltagare2")
    theirs = dict(other.group_case("grupp-a", "gemensam-1").data)
    theirs["discount_rate"] = {**theirs["discount_rate"], "value": 0.05}
    other.save_group_case("grupp-a", "gemensam-1", "Gemensam kalkyl", theirs, 1)
    set_rate(app, "4")
    assert view.save() is None
    assert len(hub.cases[("grupp-a", "gemensam-1")]) == 2  # never a silent overwrite
    text = html.unescape(view.conflict_message.value)
    current = hub.cases[("grupp-a", "gemensam-1")][-1]
    assert conflict_text(current, 1) in text
    assert f"Kalkylen har sparats av deltagare2 (version 2, {when(current.saved)})" in text
    assert "efter versionen du utgick från (version 1). Dina ändringar är inte sparade." in text
    assert 'role="alert"' in view.conflict_message.value
    diff = html.unescape(view.diff.value)
    assert "Kalkylränta" in diff and "4\u00a0%" in diff and "5\u00a0%" in diff
    assert "Version 2 (deltagare2)" in diff and "Ändrat av dig också" in diff
    assert view.conflict_box.layout.display == "flex"
    assert view.overwrite_button.description == "Spara min version ovanpå version 2"


def test_take_theirs_loads_the_latest_version(app, hub):
    seed_case(hub)
    view = show_group(app)
    view.open_selected()
    other = hub.store("deltagare2")
    theirs = dict(other.group_case("grupp-a", "gemensam-1").data)
    theirs["start_year"] = 2031
    other.save_group_case("grupp-a", "gemensam-1", "Gemensam kalkyl", theirs, 1)
    set_rate(app, "4")
    view.save()
    view.take_theirs()
    assert view.base.version == 2 and view.conflict_box.layout.display == "none"
    assert app.case.start_year == 2031
    assert view.save() is not None  # based on the latest now
    assert hub.cases[("grupp-a", "gemensam-1")][-1].version == 3


def test_save_on_top_is_a_deliberate_new_version_kept_in_history(app, hub):
    seed_case(hub)
    view = show_group(app)
    view.open_selected()
    other = hub.store("deltagare2")
    theirs = dict(other.group_case("grupp-a", "gemensam-1").data)
    theirs["start_year"] = 2031
    other.save_group_case("grupp-a", "gemensam-1", "Gemensam kalkyl", theirs, 1)
    set_rate(app, "4")
    view.save()
    diff = html.unescape(view.diff.value)
    changed = [c.label for c in view.changes]
    assert "Startår" in changed and "Kalkylränta" not in changed  # theirs only in the table
    assert "Startår" in diff and len(view.mine_only) == 1
    assert "Du har ändrat ett fält som version 2 inte har." in diff
    saved = view.save_on_top()
    assert saved is not None and saved.version == 3
    versions = hub.cases[("grupp-a", "gemensam-1")]
    assert [v.saved_by for v in versions] == ["deltagare2", "deltagare2", "deltagare1"]
    assert versions[-1].data["discount_rate"]["value"] == 0.04 and versions[1].data["start_year"] == 2031


def test_keep_editing_keeps_my_changes_and_the_old_base(app, hub):
    seed_case(hub)
    view = show_group(app)
    view.open_selected()
    hub.store("deltagare2").save_group_case(
        "grupp-a", "gemensam-1", "Gemensam kalkyl", hub.cases[("grupp-a", "gemensam-1")][0].data, 1
    )
    set_rate(app, "4")
    view.save()
    view.keep_editing()
    assert app.fields.rate.value == "4" and view.base.version == 1
    assert "inte sparade i gruppen" in view.message.value
    assert view.save() is None and view.conflict_box.layout.display == "flex"


def test_history_lists_versions_and_opens_one(app, hub):
    seed_case(hub)
    other = hub.store("deltagare2")
    data = dict(other.group_case("grupp-a", "gemensam-1").data)
    data["start_year"] = 2032
    other.save_group_case("grupp-a", "gemensam-1", "Gemensam kalkyl", data, 1)
    view = show_group(app)
    view.show_history()
    assert view.history_box.layout.display == "flex"
    assert [v for _, v in view.version.options] == [2, 1]
    view.version.value = 1
    assert view.open_version_button.description == "Öppna version 1"
    view.open_version()
    assert view.base.version == 1 and app.case.start_year != 2032
    assert view.save() is None and view.conflict is not None  # based on an old version: refused


def test_user_text_is_escaped_and_dates_are_swedish(app, hub):
    case = load_case(example_cases()[0])
    hub.store("deltagare2").save_group_case("grupp-a", "x-1", "<b>Fet</b>", case_to_dict(case), 0)
    view = show_group(app)
    assert "<b>Fet</b>" not in view.cases_table.value and "&lt;b&gt;Fet&lt;/b&gt;" in view.cases_table.value
    saved = hub.cases[("grupp-a", "x-1")][-1].saved
    assert when(saved) in html.unescape(view.cases_table.value)
    assert when(saved, now=saved) == f"2 december kl. {fmt.clock(local(saved).time())}"
    assert (
        when(saved, now=saved.replace(year=2027)) == f"2 december 2026 kl. {fmt.clock(local(saved).time())}"
    )


def test_bad_data_in_a_group_case_is_a_message_not_a_traceback(app, hub):
    hub.cases[("grupp-a", "trasig")] = [
        GroupCase("trasig", "Trasig", 1, "deltagare2", hub.now(), {"schema_version": 1, "name": "Trasig"})
    ]
    view = show_group(app)
    view.choice.value = "trasig"
    view.open_selected()
    assert "kunde inte läsas" in view.message.value and view.base is None


def test_invalid_calculator_input_is_not_saved(app, hub):
    view = show_group(app)
    set_rate(app, "abc")
    assert view.create() is None
    assert "Rätta felen" in view.message.value and not hub.cases


def test_service_errors_are_shown_in_swedish(app, hub):
    seed_case(hub)
    view = show_group(app)
    view.open_selected()
    hub.down = True
    assert view.save() is None
    assert "Gruppservern svarar inte" in view.message.value


def test_several_groups_get_a_dropdown(hub):
    hub.groups["grupp-b"].append("deltagare1")
    with PersonalStore() as store:
        app = nyttokalkyl_app(store=store, shared=hub.store("deltagare1"))
    view = show_group(app)
    assert view.group.layout.display == "flex" and list(view.group.options) == [
        ("grupp-a", "grupp-a"),
        ("grupp-b", "grupp-b"),
    ]
    view.group.value = "grupp-b"
    view.create()
    assert any(g == "grupp-b" for g, _ in hub.cases)
