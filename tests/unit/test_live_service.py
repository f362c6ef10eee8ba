"""Live polls and group work through HubSharedStore against the group service's real application (tokens from
a fixed table, tests/unit/conftest.py). The same API through a real JupyterHub and PostgreSQL: tests/hub/."""

from __future__ import annotations

import threading
import time

import pytest

from widgets.errors import DomainError
from widgets.store import PermissionDeniedError, StoreError
from widgets.store.groupwork import CaseConflictError, GroupWork
from widgets.store.hub import HubSharedStore
from widgets.store.live import LiveStore, Scale, Watcher


@pytest.fixture(scope="module")
def service(group_service_factory):
    return group_service_factory()


@pytest.fixture
def as_(service):
    def make(token: str) -> HubSharedStore:
        return HubSharedStore(service, token, retry_pauses=(0.01,))

    return make


def test_the_hub_store_implements_both_protocols(as_):
    store = as_("tok-d1")
    assert isinstance(store, LiveStore) and isinstance(store, GroupWork)


def test_a_poll_is_answered_once_per_person_and_revealed_by_the_teacher(as_):
    teacher, d1, d2, d4 = as_("tok-larare"), as_("tok-d1"), as_("tok-d2"), as_("tok-d4")
    poll = teacher.create_poll("choice", "Vilket steg är svårast?", options=["Planera", "Mäta", "Följa upp"])
    assert (poll.state, poll.revealed, poll.anonymous) == ("open", False, False)
    mine = [p for p in d1.active_polls().polls if p.poll.id == poll.id]
    assert mine and mine[0].my_answer is None and mine[0].results is None
    d1.answer_poll(poll.id, "Mäta")
    d1.answer_poll(poll.id, "Planera")  # again: replaces
    d2.answer_poll(poll.id, "Planera")
    d4.answer_poll(poll.id, "Följa upp")  # a session poll reaches every group
    with pytest.raises(DomainError, match="alternativ"):
        d2.answer_poll(poll.id, "Inget av dem")
    results = teacher.results(poll.id)
    assert results.counts == {"Planera": 2, "Mäta": 0, "Följa upp": 1}
    assert results.respondents == 3
    with pytest.raises(PermissionDeniedError, match="när läraren visar"):
        d1.results(poll.id)
    teacher.update_poll(poll.id, revealed=True)
    seen = next(p for p in d1.active_polls().polls if p.poll.id == poll.id)
    assert seen.my_answer == "Planera"
    assert seen.results is not None and seen.results.counts["Planera"] == 2
    teacher.update_poll(poll.id, state="closed")
    with pytest.raises(StoreError, match="stängd"):
        d2.answer_poll(poll.id, "Mäta")
    teacher.reset_poll(poll.id)
    assert teacher.results(poll.id).respondents == 0


def test_only_teachers_open_polls_and_a_group_poll_stays_in_its_group(as_):
    teacher, d1, d4 = as_("tok-larare"), as_("tok-d1"), as_("tok-d4")
    with pytest.raises(PermissionDeniedError, match="lärare"):
        d1.create_poll("open", "Får jag?")
    poll = teacher.create_poll(
        "scale", "Hur säker känner du dig?", scale=Scale(1, 5, "Osäker", "Säker"), group="grupp-b"
    )
    assert all(p.poll.id != poll.id for p in d1.active_polls().polls)
    with pytest.raises(PermissionDeniedError):
        d1.answer_poll(poll.id, "3")
    d4.answer_poll(poll.id, "4")
    with pytest.raises(DomainError, match="från 1 till 5"):
        d4.answer_poll(poll.id, "9")
    results = teacher.results(poll.id)
    assert results.counts == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0} and results.mean == 4.0
    with pytest.raises(DomainError):
        teacher.create_poll("choice", "Bara ett alternativ", options=["Ja"])


def test_anonymous_answers_carry_no_name_and_the_word_filter_refuses(as_):
    teacher, d1, d2 = as_("tok-larare"), as_("tok-d1"), as_("tok-d2")
    poll = teacher.create_poll("words", "Ett ord om dagen?", anonymous=True, filter=["dumt"])
    d1.answer_poll(poll.id, "Lärorikt!")
    d2.answer_poll(poll.id, "lärorikt")
    with pytest.raises(DomainError, match="filtrerat bort"):
        d2.answer_poll(poll.id, "Jättedumt")
    with pytest.raises(DomainError, match="högst tre ord"):
        d2.answer_poll(poll.id, "alldeles för många ord här")
    results = teacher.results(poll.id)
    assert results.words == (("lärorikt", 2),)
    assert all(a.author is None for a in results.answers)
    teacher.moderate_answer(poll.id, results.answers[0].id, True)
    after = teacher.results(poll.id)
    assert after.words == (("lärorikt", 1),)
    assert [a.hidden for a in after.answers] == [True, False]  # the teacher still sees it, marked


def test_named_answers_show_the_author_to_the_teacher_only(as_):
    teacher, d1, d2 = as_("tok-larare"), as_("tok-d1"), as_("tok-d2")
    poll = teacher.create_poll("open", "Vad tar du med dig?")
    d1.answer_poll(poll.id, "<script>alert(1)</script> Mätbara mål")
    assert [a.author for a in teacher.results(poll.id).answers] == ["deltagare1"]
    teacher.update_poll(poll.id, revealed=True)
    assert [a.author for a in d2.results(poll.id).answers] == [None]
    assert d2.results(poll.id).answers[0].text.startswith("<script>")  # stored as sent; views escape


def test_questions_are_upvoted_once_and_sorted(as_):
    teacher, d1, d2, d3 = as_("tok-larare"), as_("tok-d1"), as_("tok-d2"), as_("tok-d3")
    poll = teacher.create_poll("qa", "Frågor till panelen")
    first = d1.ask_question(poll.id, "Hur mäter man tillit?")
    second = d2.ask_question(poll.id, "Vem äger nyttan?")
    for store in (d1, d3, d3):
        store.upvote(poll.id, second.id)
    listed = next(p for p in d1.active_polls().polls if p.poll.id == poll.id)
    assert [(q.id, q.upvotes) for q in listed.questions] == [(second.id, 2), (first.id, 0)]
    assert listed.my_upvotes == {second.id}
    assert [q.mine for q in listed.questions] == [False, True]
    d3.upvote(poll.id, second.id, on=False)
    assert teacher.results(poll.id).questions[0].upvotes == 1
    with pytest.raises(DomainError):
        d1.answer_poll(poll.id, "ett svar")


def test_the_teachers_long_poll_returns_when_an_answer_arrives(as_):
    teacher, d1 = as_("tok-larare"), as_("tok-d1")
    poll = teacher.create_poll("choice", "Kaffe eller te?", options=["Kaffe", "Te"])
    version = teacher.results(poll.id).version
    quiet = time.monotonic()
    assert teacher.results(poll.id, after=version, wait=0.3).version == version  # nothing happened: timeout
    assert time.monotonic() - quiet >= 0.3
    timer = threading.Timer(0.2, lambda: d1.answer_poll(poll.id, "Te"))
    timer.start()
    started = time.monotonic()
    fresh = teacher.results(poll.id, after=version, wait=20)
    waited = time.monotonic() - started
    timer.join()
    assert fresh.counts["Te"] == 1 and fresh.version > version
    assert waited < 10  # woken by the answer, not by the 20 s timeout


def test_a_participants_watcher_sees_a_new_poll(as_):
    teacher, d4 = as_("tok-larare"), as_("tok-d4")
    seen: list = []
    arrived = threading.Event()

    def on_change(active) -> None:
        seen.append(active)
        if any(p.poll.question == "Ny fråga till grupp b" for p in active.polls):
            arrived.set()

    watcher = Watcher(lambda token: _fetch(d4, token), on_change, pause=0.1).start()
    try:
        teacher.create_poll("open", "Ny fråga till grupp b", group="grupp-b")
        assert arrived.wait(10)
    finally:
        watcher.stop()


def _fetch(store, token):
    active = store.active_polls(after=token, wait=5)
    return active.token, active


def test_group_votes_show_the_tally_after_voting_or_when_revealed(as_):
    teacher, d1, d2 = as_("tok-larare"), as_("tok-d1"), as_("tok-d2")
    d1.cast_vote("grupp-a", "dilemma-1", "Pausa systemet")
    assert d1.vote_state("grupp-a", "dilemma-1").tally == {"Pausa systemet": 1}
    hidden = d2.vote_state("grupp-a", "dilemma-1")
    assert (hidden.tally, hidden.voters, hidden.members) == (None, 1, 3)
    assert teacher.vote_state("grupp-a", "dilemma-1").tally == {"Pausa systemet": 1}
    with pytest.raises(PermissionDeniedError):
        d1.reveal("grupp-a", "dilemma-1")
    teacher.reveal("grupp-a", "dilemma-1")
    assert d2.vote_state("grupp-a", "dilemma-1").tally == {"Pausa systemet": 1}


def test_private_notes_stay_private_until_shared_and_the_harvest(as_):
    teacher, d1, d2 = as_("tok-larare"), as_("tok-d1"), as_("tok-d2")
    private = d1.post_note("grupp-a", "124-all", "Min egen tanke", step="1", shared=False)
    assert private.shared is False and private.step == "1"
    assert private.id in {n.id for n in d1.board("grupp-a", "124-all")}
    assert private.id not in {n.id for n in d2.board("grupp-a", "124-all")}
    assert private.id not in {n.id for n in teacher.board("grupp-a", "124-all")}
    with pytest.raises(StoreError):
        d2.update_note("grupp-a", private.id, shared=True)  # not theirs, and they cannot even see it
    shared = d1.update_note("grupp-a", private.id, shared=True)
    assert shared.shared and private.id in {n.id for n in d2.board("grupp-a", "124-all")}
    with pytest.raises(PermissionDeniedError):
        d2.update_note("grupp-a", private.id, harvested=True)
    teacher.update_note("grupp-a", private.id, harvested=True)
    assert [n.text for n in teacher.harvest("124-all")] == ["Min egen tanke"]
    with pytest.raises(PermissionDeniedError):
        d1.harvest("124-all")


def test_dots_are_hidden_until_every_member_voted(as_):
    teacher, d1, d2, d3 = as_("tok-larare"), as_("tok-d1"), as_("tok-d2"), as_("tok-d3")
    a = d1.post_note("grupp-a", "prickar", "Idé A")
    b = d2.post_note("grupp-a", "prickar", "Idé B")
    mine = d1.post_note("grupp-a", "prickar", "Privat", shared=False)
    with pytest.raises(DomainError):
        d1.set_dots("grupp-a", "prickar", {a.id: 4, b.id: 2})
    with pytest.raises(DomainError, match="delade lappar"):
        d1.set_dots("grupp-a", "prickar", {mine.id: 1})
    d1.set_dots("grupp-a", "prickar", {a.id: 2, b.id: 1})
    d2.set_dots("grupp-a", "prickar", {b.id: 3})
    state = d1.dot_state("grupp-a", "prickar")
    assert (state.mine, state.voters, state.members, state.tally) == ({a.id: 2, b.id: 1}, 2, 3, None)
    assert teacher.dot_state("grupp-a", "prickar").tally == {a.id: 2, b.id: 4}
    d3.set_dots("grupp-a", "prickar", {a.id: 1})
    assert d2.dot_state("grupp-a", "prickar").tally == {a.id: 3, b.id: 4}


def test_a_joint_case_refuses_a_save_on_an_old_version(as_):
    d1, d2, d4 = as_("tok-d1"), as_("tok-d2"), as_("tok-d4")
    first = d1.save_group_case("grupp-a", "e-arkiv", "E-arkiv", {"name": "E-arkiv", "years": 5}, 0)
    assert first.version == 1 and first.saved_by == "deltagare1"
    d2.save_group_case("grupp-a", "e-arkiv", "E-arkiv", {"name": "E-arkiv", "years": 6}, 1)
    with pytest.raises(CaseConflictError) as conflict:
        d1.save_group_case("grupp-a", "e-arkiv", "E-arkiv", {"name": "E-arkiv", "years": 7}, 1)
    assert "deltagare2" in conflict.value.message and "version 2" in conflict.value.message
    assert conflict.value.current.data == {"name": "E-arkiv", "years": 6}
    with pytest.raises(CaseConflictError):
        d1.save_group_case("grupp-a", "e-arkiv", "E-arkiv", {"years": 1}, 0)  # "new" over an existing case
    assert [v.version for v in d1.case_history("grupp-a", "e-arkiv")] == [2, 1]
    assert d1.group_case("grupp-a", "e-arkiv", version=1).data["years"] == 5
    assert [c.version for c in d1.group_cases("grupp-a")] == [2]
    with pytest.raises(PermissionDeniedError):
        d4.group_cases("grupp-a")


def test_progress_is_shared_with_teachers_only_and_can_be_withdrawn(as_):
    teacher, d1, d2 = as_("tok-larare"), as_("tok-d1"), as_("tok-d2")
    d1.share_progress("modul1", 3, 7)
    assert [(p.user, p.module, p.done, p.total) for p in teacher.group_progress("grupp-a")] == [
        ("deltagare1", "modul1", 3, 7)
    ]
    with pytest.raises(PermissionDeniedError):
        d2.group_progress("grupp-a")
    d1.stop_sharing_progress()
    assert teacher.group_progress("grupp-a") == []


def test_my_data_includes_anonymous_answers_and_deleting_removes_them(service, as_):
    teacher, d3 = as_("tok-larare"), as_("tok-d3")
    poll = teacher.create_poll("open", "Anonymt: vad saknas?", anonymous=True)
    d3.answer_poll(poll.id, "Tid för eftertanke")
    raw = d3._call("GET", "me/data")
    assert {"live_id": poll.id, "value": "Tid för eftertanke"}.items() <= raw["poll_answers"][-1].items()
    counts = d3._call("DELETE", "me/data")
    assert counts["poll_answers"] >= 1
    assert teacher.results(poll.id).respondents == 0
