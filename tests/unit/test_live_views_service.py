"""The participants' poll panel and the teacher's polls section against the group service's real application
(tests/unit/conftest.py: uvicorn on a free port, fixed tokens) through HubSharedStore — the views' fake in
tests/widgets/live_fake.py checked against the real thing."""

from __future__ import annotations

import html

import pytest

from widgets.apps.live.panel import ANONYMOUS, PollPanel
from widgets.apps.teacher.polls import PollsSection
from widgets.store.capability import supports
from widgets.store.hub import HubSharedStore
from widgets.store.live import LiveStore

pytest.importorskip("fastapi")
if (
    supports(HubSharedStore("http://127.0.0.1:1/", "x"), LiveStore) is None
):  # the client's poll calls come first
    pytest.skip("HubSharedStore has no live-poll calls yet", allow_module_level=True)

XSS = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def service(group_service_factory):
    return group_service_factory()


def hub(url: str, token: str) -> HubSharedStore:
    return HubSharedStore(url, token, retry_pauses=(0.01, 0.01))


def test_the_hub_store_offers_the_live_poll_calls(service):
    assert supports(hub(service, "tok-d1"), LiveStore) is not None


def test_a_poll_opened_by_the_teacher_is_answered_from_the_panel_and_revealed(service):
    teacher = PollsSection(hub(service, "tok-larare"), prepared=(), wait=1)
    teacher.load()
    try:
        assert "grupp-a" in [value for _, value in teacher.audience.options]
        teacher.kind.value = "choice"
        teacher.question.value = "Vilket?"
        teacher.options.value = "Ett\nTvå\n"
        teacher.audience.value = "grupp-a"
        poll = teacher.open_poll()
        assert poll is not None and poll.group == "grupp-a"
        panels = [PollPanel(hub(service, token)) for token in ("tok-d1", "tok-d2", "tok-d4")]
        for panel in panels:
            panel.refresh()
        assert panels[0].visible and not panels[2].visible  # grupp-b is not asked
        assert ANONYMOUS in html.unescape(panels[0].cards[poll.id].head.value)
        for panel, option in zip(panels[:2], ["Två", "Två"], strict=True):
            button = next(b for b in panel.cards[poll.id].option_buttons if b.description == option)
            button.click()
            assert not panel.cards[poll.id].message.has_error, panel.cards[poll.id].message.value
        teacher.close()
        teacher.refresh_results()
        assert teacher.results is not None and teacher.results.respondents == 2
        assert "Två: 2" in teacher.chart.value
        assert panels[0].cards[poll.id].results.value == ""  # hidden until revealed
        teacher.reveal_button.click()
        panels[0].refresh()
        assert "Två: 2" in panels[0].cards[poll.id].results.value
    finally:
        teacher.close()


def test_open_answers_are_escaped_and_moderated(service):
    teacher = PollsSection(hub(service, "tok-larare"), prepared=(), wait=1)
    teacher.load()
    try:
        teacher.kind.value = "open"
        teacher.question.value = "Berätta?"
        poll = teacher.open_poll()
        assert poll is not None
        panel = PollPanel(hub(service, "tok-d3"))
        panel.refresh()
        card = panel.cards[poll.id]
        card.text.value = XSS
        card.send_button.click()
        assert not card.message.has_error, card.message.value
        teacher.close()
        teacher.refresh_results()
        assert XSS not in teacher.stage_text.value and "&lt;script&gt;" in teacher.stage_text.value
        toggle = teacher.moderation.children[1].children[0]
        toggle.click()
        assert toggle.description == "Visa" and "&lt;script&gt;" not in teacher.stage_text.value
    finally:
        teacher.close()


def test_qa_upvotes_and_a_refused_word_are_shown_in_place(service):
    teacher = PollsSection(hub(service, "tok-larare"), prepared=(), wait=1)
    teacher.load()
    try:
        teacher.kind.value = "qa"
        teacher.question.value = "Frågor?"
        qa = teacher.open_poll()
        teacher.kind.value = "words"
        teacher.question.value = "Ett ord?"
        teacher.filter.value = "dum"
        words = teacher.open_poll()
        assert qa is not None and words is not None
        asker, voter = PollPanel(hub(service, "tok-d1")), PollPanel(hub(service, "tok-d2"))
        asker.refresh()
        card = asker.cards[qa.id]
        card.text.value = "Första frågan"
        card.send_button.click()
        assert "Din fråga är skickad." in card.message.value, card.message.value
        voter.refresh()
        vote = next(iter(voter.cards[qa.id].question_rows.values()))[1]
        vote.click()
        assert vote.description == "Uppröstad – ta bort rösten", voter.cards[qa.id].message.value
        assert "1 röst" in "".join(row[0].value for row in voter.cards[qa.id].question_rows.values())
        word_card = voter.cards[words.id]
        word_card.text.value = "dum idé"
        word_card.send_button.click()
        assert word_card.message.has_error and word_card.text.value == "dum idé"
        teacher.close()
        teacher.poll_list.value = qa.id
        teacher.close()
        teacher.refresh_results()
        assert "Första frågan" in teacher.stage_text.value and "1 röst" in teacher.stage_text.value
    finally:
        teacher.close()
