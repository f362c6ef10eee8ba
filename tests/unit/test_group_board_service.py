"""The group board, the harvest and the dilemma vote against the group service's real application
(tests/unit/conftest.py: uvicorn on a free port, fixed tokens) through HubSharedStore — the views' fake in
tests/widgets/fake_boards.py checked against the real thing."""

from __future__ import annotations

import html

import pytest

from widgets.apps.groupwork import BoardStep, DilemmaVote, GroupBoard, HarvestView
from widgets.store.hub import HubSharedStore

pytest.importorskip("fastapi")

STEPS = (BoardStep("s1", "Själv", private=True), BoardStep("s4", "Fyra tillsammans"))
OPTIONS = (("stang", "Stänger av chattboten."), ("fortsatt", "Låter den gå som förut."))


@pytest.fixture(scope="module")
def service(group_service_factory):
    return group_service_factory()


def hub(url: str, token: str) -> HubSharedStore:
    return HubSharedStore(url, token, retry_pauses=(0.01, 0.01))


def board(url: str, token: str, **kwargs) -> GroupBoard:
    widget = GroupBoard(hub(url, token), "start-w", group="grupp-a", steps=STEPS, dots=3, **kwargs)
    widget.load()
    assert not widget.message.has_error, widget.message.value
    return widget


def page(widget) -> str:
    import ipywidgets as w

    def walk(x):
        yield x
        for c in getattr(x, "children", ()):
            yield from walk(c)

    return html.unescape("\n".join(x.value for x in walk(widget) if isinstance(x, w.HTML)))


def test_a_board_round_dots_and_the_harvest(service):
    d1 = board(service, "tok-d1")
    d1.text.value = "Tyst idé <b>ett</b>"
    d1.add.click()
    assert "privat" in d1.message.value, d1.message.value
    d2 = board(service, "tok-d2")
    assert "Tyst idé" not in page(d2)

    d1.step.value = "s4"
    note = d1.notes[0]
    d1.share(note)
    assert "är delad med gruppen" in d1.message.value, d1.message.value
    d2.refresh()
    assert "Tyst idé <b>ett</b>" in page(d2)

    for token in ("tok-d1", "tok-d2"):
        voter = board(service, token)
        voter.dot_inputs[note.id].value = 2
        voter.save_my_dots()
        assert "Dina prickar är sparade" in voter.dots_message.value, voter.dots_message.value
    assert "(2 av 3 har röstat)" in page(voter) and "4 prickar: " not in page(voter)

    teacher = board(service, "tok-larare")
    assert "4 prickar: </strong><span>Tyst idé" in page(teacher)
    teacher.reveal()
    assert "Resultatet visas nu" in teacher.dots_message.value, teacher.dots_message.value
    d2.refresh()
    assert "4 prickar: </strong><span>Tyst idé" in page(d2)

    teacher.set_harvested(teacher.notes[0], True)
    assert "är med i skörden" in teacher.message.value, teacher.message.value
    harvest = HarvestView(hub(service, "tok-larare"), "start-w")
    harvest.load()
    assert "Gruppen grupp-a" in harvest.body.value and "&lt;b&gt;ett" in harvest.body.value
    refused = HarvestView(hub(service, "tok-d1"), "start-w")
    refused.load()
    assert refused.message.has_error and refused.body.value == ""


def test_a_dilemma_vote_hides_the_tally_until_voted(service):
    d1 = DilemmaVote(hub(service, "tok-d1"), "grupp-a", "m3-dilemma-chattbot", OPTIONS)
    d1.load()
    d1.choice.value = "stang"
    d1.vote()
    assert "Din röst är sparad" in d1.message.value, d1.message.value
    assert "Stänger av chattboten.: 1 röst" in page(d1)
    d2 = DilemmaVote(hub(service, "tok-d2"), "grupp-a", "m3-dilemma-chattbot", OPTIONS)
    d2.load()
    assert "1 röst" not in page(d2) and "(1 av 3 har röstat)" in page(d2)
