"""The teacher's view of group work (no browser): per group and module the members, shared progress, shared
lärlogg items, board notes and dilemma votes — only what the service returns to a teacher, all escaped."""

from __future__ import annotations

import html

import pytest
from groupwork_fake import T0, FakeHub

from widgets.apps.teacher.overview import NO_HUB, NOT_SHARING, NOT_TEACHER, TeacherOverview, boards_of
from widgets.exercises import load_module
from widgets.program import default_program
from widgets.store import LocalSharedStore
from widgets.store.shared import SharedItem

PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture
def hub():
    hub = FakeHub(
        groups={"grupp-a": ["deltagare1", "deltagare2", "deltagare3"], "grupp-b": ["deltagare4"]},
        teachers={"larare"},
    )
    hub.items += [
        SharedItem(
            1, "grupp-a", "deltagare1", 11, "modul1", "Vad tar du med dig?", f"Delad text {PAYLOAD}", T0
        ),
        SharedItem(2, "grupp-a", "deltagare2", 12, "modul2", None, "Annan modul", T0),
        SharedItem(3, "grupp-b", "deltagare4", 13, "modul1", None, "Annan grupp", T0),
    ]
    return hub


@pytest.fixture
def teacher(hub):
    return hub.store("larare")


def view_for(store, module="modul1", group="grupp-a") -> TeacherOverview:
    view = TeacherOverview(store)
    view.group.value = group
    view.module.value = module
    view.refresh()
    return view


def text(view) -> str:
    return html.unescape(view.body.value)


def test_outside_the_hub_a_notice_and_no_controls(tmp_path):
    for store in (None, LocalSharedStore(tmp_path / "d.sqlite3", user="anna")):
        view = TeacherOverview(store)
        assert NO_HUB in html.unescape(view.message.value)
        assert not any(isinstance(c, type(view)) or hasattr(c, "on_click") for c in view.children)
        assert not hasattr(view, "group")


def test_a_participant_is_refused(hub):
    view = TeacherOverview(hub.store("deltagare1"))
    assert NOT_TEACHER in html.unescape(view.message.value) and not hasattr(view, "refresh_button")
    assert "group_progress" not in hub.calls


def test_groups_and_modules_come_from_the_service_and_the_program(teacher):
    view = TeacherOverview(teacher)
    assert list(view.group.options) == ["grupp-a", "grupp-b"]
    assert [v for _, v in view.module.options] == [e.id for e in default_program().events]
    assert view.refresh_button.description == "Uppdatera"
    assert view.group.description == "Grupp" and view.module.description == "Modul"


def test_members_with_shared_progress_and_those_who_do_not_share(hub, teacher):
    hub.store("deltagare1").share_progress("modul1", 3, 5)
    hub.store("deltagare2").share_progress("modul2", 1, 4)
    view = view_for(teacher)
    body = text(view)
    assert "deltagare1</td><td>3 av 5 klara" in body
    assert "deltagare2</td><td>inget delat för den här modulen" in body
    assert f"deltagare3</td><td>{NOT_SHARING}" in body
    assert "deltagare4" not in body


def test_shared_items_of_the_group_and_module_only_escaped(teacher):
    view = view_for(teacher)
    assert PAYLOAD not in view.body.value and html.escape(PAYLOAD) in view.body.value
    body = text(view)
    assert "Delad text" in body and "Vad tar du med dig?" in body
    assert "Annan modul" not in body and "Annan grupp" not in body


def test_board_notes_shared_only_with_step_titles(hub, teacher):
    participant = hub.store("deltagare1")
    participant.post_note("grupp-a", "start-1-2-4-alla", f"Idé {PAYLOAD}", step="start-w-4")
    participant.post_note("grupp-a", "start-1-2-4-alla", "Min privata tanke", step="start-w-1", shared=False)
    view = view_for(teacher, module="startkonferens")
    body = text(view)
    assert "Workshop: 1-2-4-All" in body and "Fyra tillsammans" in body and "Idé" in body
    assert "Min privata tanke" not in body
    assert PAYLOAD not in view.body.value


def test_empty_boards_are_named_in_one_line(teacher):
    view = view_for(teacher, module="modul1")
    assert "Inga delade lappar än: ”Omvärldsbevakning med PESTEL”." in text(view)


def test_boards_are_the_exercises_with_a_group_board_in_the_content():
    assert [b for b, _ in boards_of(load_module("modul1"))] == ["m1-pestel"]
    assert [b for b, _ in boards_of(load_module("startkonferens"))] == ["start-1-2-4-alla"]
    assert boards_of(load_module("modul3")) == []  # scenarios without group_board: no board


def test_dilemma_votes_with_option_texts_in_module_3(hub, teacher):
    hub.store("deltagare1").cast_vote("grupp-a", "m3-dilemma-chattbot", "stang")
    hub.store("deltagare2").cast_vote("grupp-a", "m3-dilemma-chattbot", "stang")
    hub.store("deltagare3").cast_vote("grupp-a", "m3-dilemma-chattbot", "fortsatt")
    view = view_for(teacher, module="modul3")
    body = text(view)
    assert "Gruppens röster" in body and "Dilemma: Chattboten som svarar fel" in body
    assert "3 av 3 har röstat. Resultatet är inte visat för gruppen än." in body
    assert "Stänger av chattboten" in body and ">2</td>" in body
    assert "Inga röster än." in body  # the other dilemmas
    assert "Den här modulen har inga tavlor för grupperna." in body
    assert "Gruppens röster" not in text(view_for(teacher, module="modul1"))


def test_uppdatera_reads_again(hub, teacher):
    view = view_for(teacher)
    hub.store("deltagare2").share_progress("modul1", 2, 5)
    assert "2 av 5 klara" not in text(view)
    view.refresh_button.click()
    assert "deltagare2</td><td>2 av 5 klara" in text(view)
    assert 'role="status"' in view.message.value


def test_service_errors_are_shown_in_swedish(hub, teacher):
    view = view_for(teacher)
    hub.down = True
    assert view.refresh() is None
    assert "Gruppservern svarar inte" in view.message.value and 'role="alert"' in view.message.value


def test_changing_group_shows_that_group(hub, teacher):
    view = view_for(teacher)
    view.group.value = "grupp-b"
    body = text(view)
    assert "Annan grupp" in body and "deltagare1" not in body
