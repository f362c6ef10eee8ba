"""The participant's poll panel and the Delta page without a browser: hidden until a poll is open, one click to
answer, the privacy note before answering, "Ditt svar" after, results only when revealed, errors in Swedish beside
the controls, every answer escaped; outside the hub nothing at all (the Delta page says it needs the hub)."""

from __future__ import annotations

import pytest
from live_fake import DOWN, FakeLive

from widgets.apps.live.delta import NO_HUB, delta_app
from widgets.apps.live.panel import ANONYMOUS, NAMED, NONE_OPEN, PollPanel
from widgets.store.errors import StoreError
from widgets.store.live import Scale

XSS = "<script>alert(1)</script>"
WAIT = 5.0  # seconds a deterministic wait may take at most before the test fails


@pytest.fixture
def service():
    return FakeLive()


@pytest.fixture
def teacher(service):
    return service.client("lärare", teacher=True)


@pytest.fixture
def anna(service):
    return service.client("anna", groups=("grupp-1",))


def panel_for(store, **kwargs) -> PollPanel:
    panel = PollPanel(store, **kwargs)
    panel.refresh()
    return panel


def buttons(widget) -> dict[str, object]:
    """Every button below ``widget`` by its text."""
    found = {}
    stack = [widget]
    while stack:
        w = stack.pop()
        if type(w).__name__ == "Button":
            found[w.description] = w
        stack.extend(getattr(w, "children", ()))
    return found


def text_of(widget) -> str:
    parts, stack = [], [widget]
    while stack:
        w = stack.pop(0)
        if hasattr(w, "value") and isinstance(w.value, str) and type(w).__name__ in ("HTML", "Message"):
            parts.append(w.value)
        stack[:0] = list(getattr(w, "children", ()))
    return "\n".join(parts)


def test_hidden_until_a_poll_opens_then_shown_with_the_privacy_note(teacher, anna):
    panel = panel_for(anna)
    assert panel.live and not panel.visible and panel.children == ()
    teacher.create_poll("choice", "Vilken?", options=["Ett", "Två"], anonymous=True)
    panel.refresh()
    assert panel.visible
    assert ANONYMOUS in text_of(panel)
    teacher.create_poll("choice", "Namngiven?", options=["A", "B"], anonymous=False)
    panel.refresh()
    assert NAMED in text_of(panel) and "Omröstningar" in text_of(panel)


def test_a_poll_for_another_group_does_not_appear(teacher, anna):
    teacher.create_poll("open", "Bara grupp 2?", group="grupp-2")
    assert not panel_for(anna).visible
    teacher.create_poll("open", "Grupp 1?", group="grupp-1")
    assert "Grupp 1?" in text_of(panel_for(anna))


def test_one_click_answers_a_choice_and_the_answer_can_be_changed_and_withdrawn(teacher, anna):
    poll = teacher.create_poll("choice", "Vilken?", options=["Ett", "Två"])
    panel = panel_for(anna)
    card = panel.cards[poll.id]
    buttons(card)["Två"].click()
    assert "Ditt svar: Två" in text_of(card)
    assert "Två" not in buttons(card)  # the options give way to "Ändra svaret"
    assert teacher.results(poll.id).counts == {"Ett": 0, "Två": 1}
    buttons(card)["Ändra svaret"].click()
    buttons(card)["Behåll mitt svar"].click()
    assert "Ditt svar: Två" in text_of(card) and "Ett" not in buttons(card)
    buttons(card)["Ändra svaret"].click()
    buttons(card)["Ett"].click()
    assert "Ditt svar: Ett" in text_of(card)
    assert teacher.results(poll.id).counts == {"Ett": 1, "Två": 0}  # again replaces
    buttons(card)["Ta bort mitt svar"].click()
    assert "Ditt svar:" not in text_of(card) and "Ditt svar är borttaget." in text_of(card)
    assert teacher.results(poll.id).respondents == 0


def test_scale_buttons_carry_the_end_labels(teacher, anna):
    poll = teacher.create_poll("scale", "Hur väl?", scale=Scale(1, 5, "Inte alls", "Mycket väl"))
    card = panel_for(anna).cards[poll.id]
    names = list(buttons(card))
    assert {"1 – Inte alls", "2", "3", "4", "5 – Mycket väl"} <= set(names)
    buttons(card)["4"].click()
    assert "Ditt svar: 4" in text_of(card)


def test_results_appear_only_when_revealed_with_counts(teacher, anna, service):
    poll = teacher.create_poll("choice", "Vilken?", options=["Ett", "Två"])
    bo = service.client("bo")
    bo.answer_poll(poll.id, "Ett")
    panel = panel_for(anna)
    assert "Resultat" not in text_of(panel)
    teacher.update_poll(poll.id, revealed=True, state="closed")
    panel.refresh()
    shown = text_of(panel)
    assert "Omröstningen är stängd." in shown and "Ett" not in buttons(panel)
    assert "1 svarande" in shown and "Ett: 1 (100,0\xa0%)" in shown and 'role="img"' in shown


def test_words_and_open_answers_are_escaped_and_bad_input_is_said_beside_the_field(teacher, anna):
    words = teacher.create_poll("words", "Ett ord?", filter=["dum"])
    other = teacher.create_poll("open", "Berätta?")
    panel = panel_for(anna)
    card = panel.cards[words.id]
    buttons(card)["Skicka"].click()
    assert "Skriv ditt svar först." in card.message.value and card.message.has_error
    card.text.value = "helt dum idé"
    buttons(card)["Skicka"].click()
    assert "inte tas emot" in card.message.value and card.text.value == "helt dum idé"
    card.text.value = "ett två tre fyra"
    buttons(card)["Skicka"].click()
    assert "högst tre ord" in card.message.value
    open_card = panel.cards[other.id]
    open_card.text.value = XSS
    buttons(open_card)["Skicka"].click()
    assert XSS not in text_of(open_card) and "&lt;script&gt;" in text_of(open_card)
    teacher.update_poll(other.id, revealed=True)
    panel.refresh()
    assert XSS not in text_of(panel) and "Ditt svar: &lt;script&gt;" in text_of(panel)


def test_qa_ask_and_upvote_with_the_state_in_the_button_text(teacher, anna, service):
    poll = teacher.create_poll("qa", "Frågor?", anonymous=True)
    bo = service.client("bo")
    theirs = bo.ask_question(poll.id, f"Bos fråga {XSS}")
    panel = panel_for(anna)
    card = panel.cards[poll.id]
    assert "Anonym: ditt namn sparas inte med dina frågor" in text_of(card)
    card.text.value = "Min fråga"
    buttons(card)["Skicka frågan"].click()
    assert "Din fråga är skickad." in text_of(card) and card.text.value == ""
    assert "Min fråga (din fråga)" in text_of(card)
    assert XSS not in text_of(card)
    _, vote = card.question_rows[theirs.id]
    assert vote.description == "Rösta upp" and "Bos fråga" in vote.tooltip
    vote.click()
    assert vote.description == "Uppröstad – ta bort rösten"
    assert "1 röst" in text_of(card)
    vote.click()
    assert vote.description == "Rösta upp"


def test_store_errors_are_shown_beside_the_control(teacher, anna, service):
    poll = teacher.create_poll("choice", "Vilken?", options=["Ett", "Två"])
    card = panel_for(anna).cards[poll.id]
    service.down = True
    buttons(card)["Ett"].click()
    assert card.message.has_error and "svarar inte" in card.message.value
    assert "Ditt svar:" not in text_of(card)


def test_outside_the_hub_the_panel_shows_nothing_and_delta_says_it_needs_the_hub():
    for store in (None, object()):
        panel = PollPanel(store)
        panel.load()
        panel.refresh()
        assert not panel.live and not panel.visible and panel.children == () and panel.watcher is None
    page = delta_app(store=None)
    assert NO_HUB in page.children[0].value and "JupyterHub" in NO_HUB
    assert page.panel is None


def test_delta_lists_the_polls_and_says_when_none_is_open(teacher, anna):
    page = delta_app(store=anna)
    try:
        panel = page.panel
        panel.refresh()
        assert panel.visible and NONE_OPEN in text_of(panel)
    finally:
        page.panel.close()


def test_the_watcher_follows_the_long_poll(teacher, anna, service):
    panel = PollPanel(anna, wait=WAIT)
    panel.load()
    try:
        assert service.waiting.wait(WAIT)  # first answer shown, now waiting for a change
        assert not panel.visible
        service.waiting.clear()
        teacher.create_poll("choice", "Nu?", options=["Ja", "Nej"])
        assert service.waiting.wait(WAIT)  # the change was shown before the next wait began
        assert panel.visible and "Nu?" in text_of(panel)
    finally:
        panel.close()
    assert panel.watcher is None


def test_an_outage_is_said_where_polls_are_shown_and_cleared_when_back(teacher, anna, service):
    hidden = panel_for(anna)
    hidden.service_error(StoreError(DOWN))
    assert not hidden.visible and hidden.status.value == ""  # a page without polls stays quiet
    teacher.create_poll("choice", "Nu?", options=["Ja", "Nej"])
    panel = panel_for(anna)
    panel.service_error(StoreError(DOWN))
    assert panel.status.has_error and "försöker igen" in panel.status.value
    panel.refresh()
    assert not panel.status.has_error


def test_the_panel_and_the_teachers_section_load_neither_pandas_nor_matplotlib(packages_loaded_by):
    loaded = packages_loaded_by(
        "import sys; sys.path.insert(0, 'tests/widgets')\n"
        "from live_fake import FakeLive\n"
        "from widgets.apps.live.panel import PollPanel\n"
        "from widgets.apps.teacher.polls import PollsSection\n"
        "s = FakeLive(); t = s.client('t', teacher=True); a = s.client('a')\n"
        "section = PollsSection(t); section.open_poll(); section.close(); section.show_summary()\n"
        "panel = PollPanel(a); panel.refresh(); assert panel.visible\n"
    )
    assert "widgets" in loaded
    assert loaded.isdisjoint({"pandas", "matplotlib"}), sorted(loaded & {"pandas", "matplotlib"})
