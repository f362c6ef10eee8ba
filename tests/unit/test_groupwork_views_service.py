"""The joint case tab, progress sharing and the teacher's overview against the group service's real
application (tests/unit/conftest.py: uvicorn on a free port, fixed tokens) through HubSharedStore — the views'
fake in tests/widgets/groupwork_fake.py checked against the real thing."""

from __future__ import annotations

import html

import pytest

from widgets.apps.larlogg import larlogg_app
from widgets.apps.nyttokalkyl import nyttokalkyl_app
from widgets.apps.nyttokalkyl.app import GROUP
from widgets.apps.teacher.overview import NOT_SHARING, TeacherOverview
from widgets.store import PersonalStore
from widgets.store.hub import HubSharedStore

pytest.importorskip("fastapi")


@pytest.fixture(scope="module")
def service(group_service_factory):
    return group_service_factory()


def hub(url: str, token: str) -> HubSharedStore:
    return HubSharedStore(url, token, retry_pauses=(0.01, 0.01))


def test_two_members_edit_a_joint_case_and_the_conflict_is_shown(service, tmp_path):
    with PersonalStore(tmp_path / "a.sqlite3") as mine, PersonalStore(tmp_path / "b.sqlite3") as theirs:
        a = nyttokalkyl_app(store=mine, shared=hub(service, "tok-d1"))
        b = nyttokalkyl_app(store=theirs, shared=hub(service, "tok-d2"))
        a.tabs.selected_index = GROUP
        a.group.new_name.value = "Gemensam"
        created = a.group.create()
        assert created is not None and created.version == 1
        b.tabs.selected_index = GROUP
        b.group.choice.value = created.case_id
        b.group.open_selected()
        b.fields.start_year.value = "2031"
        assert b.group.save().version == 2
        a.fields.rate.value = "4,5"
        assert a.group.save() is None
        text = html.unescape(a.group.conflict_message.value)
        assert "Kalkylen har sparats av deltagare2 (version 2," in text
        assert "efter versionen du utgick från (version 1)" in text
        assert "Startår" in html.unescape(a.group.diff.value)
        assert a.group.save_on_top().version == 3
        history = hub(service, "tok-d1").case_history("grupp-a", created.case_id)
        assert [(v.version, v.saved_by) for v in history] == [
            (3, "deltagare1"),
            (2, "deltagare2"),
            (1, "deltagare1"),
        ]


def test_progress_shared_from_the_larlogg_reaches_the_teachers_overview(service, tmp_path):
    with PersonalStore(tmp_path / "c.sqlite3") as store:
        store.record_answer("modul1", "m1-diamantens-faser", "m1-diamantens-faser", ["a"], correct=False)
        app = larlogg_app(store=store, shared=hub(service, "tok-d3"))
        app.sharing.checkbox.value = True
        assert not app.sharing.message.has_error, app.sharing.message.value
        teacher = hub(service, "tok-larare")
        assert teacher.groups() == [] and teacher.visible_groups() == ["grupp-a", "grupp-b"]
        view = TeacherOverview(teacher)
        view.group.value = "grupp-a"
        view.module.value = "modul1"
        body = html.unescape(view.refresh() or "")
        assert "deltagare3</td><td>1 av" in body
        assert f"deltagare1</td><td>{NOT_SHARING}" in body
        app.sharing.checkbox.value = False
        body = html.unescape(view.refresh() or "")
        assert f"deltagare3</td><td>{NOT_SHARING}" in body
