"""Dilemma votes without a browser: the group's distribution is absent from the page until the member voted or
the teacher revealed it, counts are written out (not told by bar length or colour alone), options are escaped,
and outside a hub there is a notice and no button."""

from __future__ import annotations

import re

import ipywidgets as w
import pytest
from fake_boards import BoardHub, buttons, shown, walk

from widgets.apps.groupwork import DilemmaVote, distribution_chart
from widgets.apps.groupwork.dilemma import OUTSIDE

OPTIONS = (("stang", "Stänger av chattboten."), ("fortsatt", "Låter den gå <som förut>."))


@pytest.fixture
def hub() -> BoardHub:
    return BoardHub({"grupp-a": ["anna", "bo", "cecilia"]}, teachers={"lärare"})


def vote(hub: BoardHub, user: str) -> DilemmaVote:
    widget = DilemmaVote(hub.store(user), None, "m3-dilemma-chattbot", OPTIONS)
    widget.load()
    return widget


def test_the_distribution_appears_only_after_voting(hub):
    """Is the tally absent before the member voted, and shown with counts in words after?"""
    hub.store("bo").cast_vote("grupp-a", "m3-dilemma-chattbot", "fortsatt")
    anna = vote(hub, "anna")
    page = shown(anna)
    assert "Gruppens fördelning visas när du har röstat" in page and "(1 av 3 har röstat)" in page
    assert anna.state is not None and anna.state.tally is None  # the service gives no tally before the vote
    assert anna.chart not in list(walk(anna)) and "<svg" not in page
    assert not re.search(r"\d röst(?!at)", page) and "Låter den gå" not in page  # no option counted in words
    assert anna.choice.description == "Ditt val" and anna.choice.value is None

    anna.vote_button.click()
    assert "Välj ett alternativ innan du röstar" in anna.message.value and hub.calls == [
        "cast_vote"
    ]  # bo's only

    anna.choice.value = "stang"
    anna.vote_button.click()
    assert "Din röst är sparad: Stänger av chattboten." in anna.message.value
    page = shown(anna)
    assert "2 av 3 i gruppen har röstat" in page
    assert "Stänger av chattboten.: 1 röst" in page and "Låter den gå &lt;som förut&gt;.: 1 röst" in page
    assert "<som förut>" not in page
    assert anna.vote_button.description == "Ändra min röst"
    assert "Dela med gruppen" in page  # the reflection is shared through the lärlogg
    assert "Visa fördelningen för gruppen" not in buttons(anna)

    again = vote(hub, "anna")  # a reload shows the vote and the distribution
    assert again.choice.value == "stang" and "1 röst" in shown(again)


def test_the_teacher_sees_it_always_and_reveals_it(hub):
    hub.store("bo").cast_vote("grupp-a", "m3-dilemma-chattbot", "fortsatt")
    teacher = vote(hub, "lärare")
    assert "Låter den gå &lt;som förut&gt;.: 1 röst" in shown(teacher)
    assert teacher.choice not in list(walk(teacher))  # the teacher does not vote
    buttons(teacher)["Visa fördelningen för gruppen"].click()
    assert "Fördelningen visas nu för gruppen grupp-a" in teacher.message.value
    assert "Dölj fördelningen för gruppen" in buttons(teacher)

    cecilia = vote(hub, "cecilia")
    assert "1 röst" in shown(cecilia) and cecilia.choice.value is None  # revealed before she voted


def test_outside_a_hub_a_notice_and_no_buttons():
    widget = DilemmaVote(None, None, "m3-dilemma-chattbot", OPTIONS)
    widget.load()
    assert OUTSIDE in shown(widget)
    assert not [x for x in walk(widget) if isinstance(x, w.Button | w.RadioButtons)]


def test_a_refused_vote_is_said_beside_it(hub):
    outsider = DilemmaVote(hub.store("david"), "grupp-a", "m3-dilemma-chattbot", OPTIONS)
    outsider.load()
    assert "inte med i den gruppen" in outsider.message.value
    assert outsider.refresh_button in outsider.children


def test_the_chart_tells_every_count_in_its_text_alternative():
    drawing = distribution_chart(OPTIONS, {"stang": 2, "okänt": 5})
    assert "Stänger av chattboten.: 2 röster" in drawing.alt and "som förut&gt;.: 0 röster" in drawing.svg
    assert "okänt" not in drawing.alt
    assert "<som" not in drawing.svg
