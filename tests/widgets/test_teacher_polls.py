"""The teacher's polls section without a browser: a prepared or written poll opens for everyone or a group,
mistakes show beside their field, the selected poll can be closed, revealed, reset (asking first) and deleted,
results follow the long poll, answers and questions can be hidden, user text is escaped, presentation mode shows
only the question and results, and the session's summary lists every poll with its leading answer."""

from __future__ import annotations

import pytest
from live_fake import DOWN, FakeLive

from widgets.apps.teacher.polls import PRESENT, PRESENT_OFF, PollsSection, parse_options, parse_scale
from widgets.errors import DomainError
from widgets.live.prepared import PreparedPoll, load_prepared
from widgets.store.errors import StoreError
from widgets.store.live import Scale

XSS = "<script>alert(1)</script>"
WAIT = 5.0

PREPARED = (
    PreparedPoll("m1-val", "modul1", "choice", "Vilken faktor?", ("Politiska", "Sociala"), None, True, ()),
    PreparedPoll(
        "m1-skala", "modul1", "scale", "Hur väl?", (), Scale(1, 5, "Inte alls", "Mycket väl"), True, ()
    ),
    PreparedPoll("m2-ord", "modul2", "words", "Ett ord?", (), None, True, ("dum",)),
)


@pytest.fixture
def service():
    return FakeLive()


@pytest.fixture
def teacher(service):
    return service.client("lärare", teacher=True)


@pytest.fixture
def members(service):
    return [service.client(name, groups=("grupp-1",)) for name in ("anna", "bo", "cia")]


@pytest.fixture
def section(teacher, members):
    s = PollsSection(teacher, prepared=PREPARED, session="modul1-2026-04-01", wait=WAIT)
    s.load()
    yield s
    s.close()


def synced(section) -> PollsSection:
    """Stop the results watcher and read the results now (tests drive the updates themselves)."""
    section.close()
    section.refresh_results()
    return section


def test_a_prepared_poll_opens_for_a_group_and_is_selected(section, teacher, members):
    assert section.module_pick.value == "modul1"
    assert [label for label, _ in section.audience.options] == ["Alla", "grupp-1"]
    section.prepared_pick.value = "m1-val"
    assert "Politiska; Sociala" in section.prepared_info.value
    section.audience.value = "grupp-1"
    poll = section.open_poll()
    assert (
        poll is not None and poll.group == "grupp-1" and poll.source == "m1-val" and poll.module == "modul1"
    )
    assert poll.session == "modul1-2026-04-01" and poll.anonymous
    assert "öppen för gruppen grupp-1" in section.open_message.value
    assert section.selected == poll.id and section.poll_list.value == poll.id
    assert "Vilken faktor? – Öppen · grupp-1" in section.poll_list.options[0][0]
    section.module_pick.value = "modul2"
    assert [v for _, v in section.prepared_pick.options] == ["m2-ord"]


def test_a_poll_written_on_the_spot_with_its_mistakes_beside_the_fields(section, teacher):
    section.source.value = "own"
    section.kind.value = "choice"
    section.open_button.click()
    assert section.question_message.has_error and section.options_message.has_error
    section.question.value = "Vad väljer du?"
    section.options.value = "Ja\n\nJa\n"
    section.open_button.click()
    assert "likadana" in section.options_message.value
    section.options.value = "Ja\nNej\n"
    section.anonymous.value = False
    section.open_button.click()
    (poll,) = teacher.polls()
    assert poll.options == ("Ja", "Nej") and not poll.anonymous and poll.group is None
    section.kind.value = "scale"
    assert section.scale_min in section.picker.children and section.options not in section.picker.children
    section.question.value = "Hur?"
    section.scale_min.value, section.scale_max.value = 0, 10
    section.open_button.click()
    assert "2–10 steg; 0–10 ger 11 steg" in section.scale_message.value
    assert len(teacher.polls()) == 1


def test_parsers_say_what_is_wrong():
    assert parse_options(" A \nB\n") == ["A", "B"]
    with pytest.raises(DomainError, match="minst två"):
        parse_options("A")
    with pytest.raises(DomainError, match="Högst 10"):
        parse_options("\n".join(str(i) for i in range(11)))
    assert parse_scale(1, 5, " x ", "") == Scale(1, 5, "x", "")
    with pytest.raises(DomainError, match="11 steg"):
        parse_scale(0, 10, "", "")


def test_results_bars_with_counts_shares_and_mean(section, members):
    section.prepared_pick.value = "m1-skala"
    poll = section.open_poll()
    for member, value in zip(members, ["1", "4", "4"], strict=True):
        member.answer_poll(poll.id, value)
    synced(section)
    chart = section.chart.value
    assert "4: 2 (66,7\xa0%)" in chart and "1 (Inte alls): 1 (33,3\xa0%)" in chart and 'role="img"' in chart
    assert "3 svarande" in section.stage_text.value and "Medelvärde: 3" in section.stage_text.value


def test_close_reveal_reset_and_delete(section, teacher, members):
    poll = section.open_poll()
    members[0].answer_poll(poll.id, "Sociala")
    synced(section)
    section.state_button.click()
    assert teacher.polls()[0].state == "closed" and section.state_button.description == "Öppna igen"
    section.reveal_button.click()
    assert teacher.polls()[0].revealed
    assert section.reveal_button.description == "Dölj resultaten för deltagarna"
    assert "resultat visas" in section.poll_list.options[0][0]
    section.reset.start.click()
    assert section.reset.asking and teacher.results(poll.id).respondents == 1  # asks first
    section.reset.yes.click()
    assert (
        teacher.results(poll.id).respondents == 0 and "Alla svar är borttagna." in section.poll_message.value
    )
    section.delete.start.click()
    section.delete.yes.click()
    assert teacher.polls() == [] and section.selected is None and section.watcher is None
    assert "är borttagen" in section.list_message.value


def test_word_cloud_and_moderation_escape_participants_text(section, teacher, members, service):
    section.module_pick.value = "modul2"
    poll = section.open_poll()
    members[0].answer_poll(poll.id, XSS[:30])
    members[1].answer_poll(poll.id, "tillit")
    members[2].answer_poll(poll.id, "tillit")
    synced(section)
    cloud = section.stage_text.value
    assert "<script>" not in cloud and "&lt;script&gt;" in cloud
    assert "tillit" in cloud and "(2)" in cloud and "<summary>Orden med antal</summary>" in cloud
    rows = section.moderation.children[1:]
    assert len(rows) == 3
    first_toggle, first_label = rows[0].children
    assert "<script>" not in first_label.value
    first_toggle.click()
    assert first_toggle.description == "Visa" and "dold för deltagarna" in first_label.value
    assert service.answers[poll.id][f"hash:anna:{poll.id}"]["hidden"]
    first_toggle.click()
    assert first_toggle.description == "Dölj"


def test_named_open_answers_show_authors_and_qa_is_sorted_by_upvotes(section, teacher, members):
    section.source.value = "own"
    section.kind.value = "qa"
    section.question.value = "Frågor?"
    section.anonymous.value = False
    poll = section.open_poll()
    low = members[0].ask_question(poll.id, "Första frågan")
    high = members[1].ask_question(poll.id, "Andra frågan")
    members[2].upvote(poll.id, high.id)
    members[0].upvote(poll.id, high.id)
    synced(section)
    text = section.stage_text.value
    assert text.index("Andra frågan") < text.index("Första frågan") and "2 röster" in text
    labels = [row.children[1].value for row in section.moderation.children[1:]]
    assert "Andra frågan" in labels[0] and "– bo" in labels[0]
    section.moderation.children[2].children[0].click()  # hide the first question
    assert "Första frågan" not in section.stage_text.value
    assert teacher.results(poll.id).questions[0].id == low.id and teacher.results(poll.id).questions[0].hidden


def test_presentation_mode_shows_only_the_question_and_results(section):
    section.open_poll()
    synced(section)
    section.present.value = True
    assert section.children == (section.present, section.stage)
    assert section.present.description == PRESENT_OFF and "dk-poll-present" in section._dom_classes
    section.present.value = False
    assert section.present.description == PRESENT and section.poll_list in section.children


def test_the_session_summary_lists_every_poll_with_its_leading_answer(section, members):
    first = section.open_poll()
    members[0].answer_poll(first.id, "Sociala")
    members[1].answer_poll(first.id, "Sociala")
    members[2].answer_poll(first.id, "Politiska")
    section.source.value = "own"
    section.kind.value = "open"
    section.question.value = XSS
    section.open_poll()
    section.summary_button.click()
    table = section.summary.value
    assert "Sociala – 2 (66,7\xa0%)" in table and "<td>Flerval</td>" in table and "Öppen fråga" in table
    assert XSS not in table and "&lt;script&gt;" in table


def test_store_errors_are_said_in_swedish_beside_the_controls(section, service):
    service.down = True
    section.open_button.click()
    assert DOWN in section.open_message.value
    service.down = False
    section.open_poll()
    service.down = True
    section.state_button.click()
    assert section.poll_message.has_error and DOWN in section.poll_message.value
    section._results_error(StoreError(DOWN))
    assert "Resultaten kan inte hämtas just nu" in section.stage_status.value


def test_the_watcher_follows_new_answers(teacher, members, service):
    section = PollsSection(teacher, prepared=PREPARED, wait=WAIT)
    section.load()
    try:
        poll = section.open_poll()
        assert service.waiting.wait(WAIT)
        assert section.results is not None and section.results.respondents == 0
        service.waiting.clear()
        members[0].answer_poll(poll.id, "Politiska")
        assert service.waiting.wait(WAIT)  # the new version was shown before the next wait began
        assert section.results.respondents == 1 and "Politiska: 1" in section.chart.value
    finally:
        section.close()


def test_the_real_prepared_polls_are_offered(teacher):
    section = PollsSection(teacher)
    assert section.prepared == load_prepared()
    assert section.module_pick.value == section.prepared[0].module


def test_excel_and_word_exports_offer_a_download(section, members):
    poll = section.open_poll()
    members[0].answer_poll(poll.id, "Sociala")
    section.excel_button.click()
    assert "Excel-filen är klar." in section.export_message.value, section.export_message.value
    assert (
        'download="omrostning-vilken-faktor-' in section.download.value and ".xlsx" in section.download.value
    )
    section.word_button.click()
    assert "Word-filen är klar." in section.export_message.value, section.export_message.value
    assert ".docx" in section.download.value and "Ladda ned Word-filen" in section.download.value


def test_export_without_polls_says_so(teacher):
    section = PollsSection(teacher, prepared=PREPARED)
    section.excel_button.click()
    assert section.export_message.has_error and section.download.value == ""


def test_changing_a_poll_keeps_it_selected_and_presented(section, teacher):
    first = section.open_poll()
    section.prepared_pick.value = "m1-skala"
    second = section.open_poll()
    assert section.selected == second.id
    section.present.value = True
    section.poll_list.value = first.id
    watcher = section.watcher
    section.state_button.click()
    assert section.selected == first.id and section.present.value
    assert section.watcher is watcher  # the live results were not restarted
    assert teacher.polls()[0].state == "closed" and teacher.polls()[1].state == "open"
