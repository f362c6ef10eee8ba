"""The group board without a browser, against an in-memory group service with the contract's rules: private notes
stay their author's own until shared, text is escaped, the dot tally is absent from the page until everyone voted
or the teacher revealed it, the teacher harvests, and outside a hub there is a notice and no button."""

from __future__ import annotations

import ipywidgets as w
import pytest
from fake_boards import BoardHub, buttons, shown, walk

from widgets.apps.groupwork import BoardStep, GroupBoard, HarvestView, group_work
from widgets.apps.groupwork.board import OUTSIDE
from widgets.store import LocalSharedStore
from widgets.store.errors import StoreError

STEPS = (
    BoardStep("s1", "Själv", private=True),
    BoardStep("s2", "Två och två", private=True),
    BoardStep("s4", "Fyra tillsammans"),
    BoardStep("alla", "Alla"),
)


@pytest.fixture
def hub() -> BoardHub:
    return BoardHub({"grupp-a": ["anna", "bo"], "grupp-b": ["anna", "cecilia"]}, teachers={"lärare"})


def board(hub: BoardHub, user: str, **kwargs) -> GroupBoard:
    kwargs.setdefault("steps", STEPS)
    widget = GroupBoard(hub.store(user), "start-w", **kwargs)
    widget.load()
    return widget


def write(widget: GroupBoard, text: str, step: str | None = None) -> None:
    if step is not None:
        widget.step.value = step
    widget.text.value = text
    widget.add.click()


def test_outside_a_hub_a_notice_and_no_buttons(tmp_path):
    """Does a page without the group service say where the board is, with no button that cannot work?"""
    with LocalSharedStore(tmp_path / "delat.sqlite3", user="anna") as local:
        for store in (None, local):
            widget = GroupBoard(store, "start-w", steps=STEPS, dots=3)
            widget.load()
            widget.refresh()
            assert not widget.available
            assert OUTSIDE in shown(widget)
            assert not [x for x in walk(widget) if isinstance(x, w.Button | w.Textarea | w.Dropdown)]
            assert widget.post("En idé") is None


def test_group_work_checks_the_type_without_asking_the_service(hub):
    """Is a store judged by its type, so that a hub store's ``user`` (a network call) is never read for it?"""

    class Counting(type(hub.store("anna"))):
        reads = 0

        @property
        def user(self) -> str:
            Counting.reads += 1
            return super().user

    store = Counting(hub, "anna")
    assert group_work(store) is store
    assert Counting.reads == 0
    assert group_work(object()) is None


def test_private_notes_stay_with_their_author_until_shared(hub):
    """Does a note from step 1 stay out of another member's board until its author shares it in step 4?"""
    anna = board(hub, "anna", group="grupp-a")
    assert anna.step.value == "s1" and "privata" in anna.step_hint.value
    write(anna, "Anna tänker själv om e-tjänster")
    assert "privat" in anna.message.value and anna.text.value == ""
    assert "Anna tänker själv" in shown(anna) and "privat, bara du ser den" in shown(anna)
    assert not [d for d in buttons(anna) if d.startswith("Dela med gruppen")]  # not in a private step

    bo = board(hub, "bo", group="grupp-a")
    assert "Anna tänker själv" not in shown(bo)
    teacher = board(hub, "lärare", group="grupp-a")
    assert "Anna tänker själv" not in shown(teacher)

    anna.step.value = "s4"
    share = next(b for d, b in buttons(anna).items() if d.startswith("Dela med gruppen: Anna tänker"))
    share.click()
    assert "är delad med gruppen" in anna.message.value
    bo.refresh_button.click()
    assert "Anna tänker själv om e-tjänster" in shown(bo) and "anna · 1 april 2026, kl. 10.00" in shown(bo)
    assert "Steg 1: Själv" in shown(bo)  # listed under the step it was written in


def test_a_note_in_a_shared_step_is_seen_by_the_group_and_escaped(hub):
    """Is a note with markup shown to the group as text, never as markup?"""
    anna = board(hub, "anna", group="grupp-a")
    write(anna, "<script>alert(1)</script> Fler tjänster", step="alla")
    assert "grupp-a" in anna.message.value
    bo = board(hub, "bo", group="grupp-a")
    page = shown(bo)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Fler tjänster" in page and "<script>" not in page
    assert not [d for d in buttons(bo) if d.startswith("Ta bort lappen")]  # not bo's note


def test_an_empty_note_is_refused_in_swedish(hub):
    anna = board(hub, "anna", group="grupp-a")
    write(anna, "   ")
    assert "Skriv något på lappen" in anna.message.value and 'role="alert"' in anna.message.value
    assert hub.notes == []


def test_own_notes_can_be_deleted(hub):
    anna = board(hub, "anna", group="grupp-a", steps=())
    write(anna, "Ta bort mig")
    buttons(anna)["Ta bort lappen: Ta bort mig"].click()
    assert len(hub.notes) == 1 and "Det går inte att ångra" in shown(anna)  # asked first
    buttons(anna)["Ja, ta bort lappen"].click()
    assert hub.notes == [] and "är borttagen" in anna.message.value


def test_a_member_of_several_groups_chooses_the_group(hub):
    """Does a member of two groups get a labelled chooser, and see each group's own board?"""
    anna = board(hub, "anna", steps=())
    assert anna.chooser.dropdown.description == "Grupp"
    assert list(anna.chooser.dropdown.options) == ["grupp-a", "grupp-b"]
    write(anna, "Till grupp A")
    anna.chooser.dropdown.value = "grupp-b"
    assert "Till grupp A" not in shown(anna)
    write(anna, "Till grupp B")
    assert [n.group for n in hub.notes] == ["grupp-a", "grupp-b"]
    bo = board(hub, "bo", steps=())
    assert "Din grupp: " in shown(bo) and "Till grupp A" in shown(bo) and "Till grupp B" not in shown(bo)


def test_dots_are_hidden_until_everyone_voted(hub):
    """Is the tally absent from the page before every member voted, and shown after?"""
    anna = board(hub, "anna", group="grupp-a", steps=(), dots=3)
    write(anna, "Idé ett")
    write(anna, "Idé två")
    bo = board(hub, "bo", group="grupp-a", steps=(), dots=3)
    one, two = (n.id for n in hub.notes)
    anna.dot_inputs[one].value = 3
    anna.dot_inputs[two].value = 1
    assert "1 prick för många" in anna.dots_line.value
    anna.save_dots.click()
    assert "har bara 3 prickar" in anna.dots_message.value and "set_dots" not in hub.calls
    anna.dot_inputs[one].value = 2
    anna.save_dots.click()
    assert "Dina prickar är sparade (3 av 3)" in anna.dots_message.value
    page = shown(anna)
    assert "Resultatet visas när alla i gruppen har röstat (1 av 2 har röstat)" in page
    assert "Resultatet" not in page.replace("Resultatet visas", "")

    bo.refresh()
    bo.dot_inputs[two].value = 2
    bo.save_dots.click()
    page = shown(bo)
    assert "Resultatet visas när" not in page and "2 av 2 i gruppen har röstat" in page
    assert page.index("3 prickar: </strong><span>Idé två") < page.index("2 prickar: </strong><span>Idé ett")
    assert not [x for x in walk(bo) if x is bo.reveal_button]  # members cannot reveal


def test_the_teacher_sees_the_tally_reveals_it_and_harvests(hub):
    """Does the teacher see the dots before everyone voted, reveal them to the group, and pick the harvest?"""
    anna = board(hub, "anna", group="grupp-a", steps=(), dots=3)
    write(anna, "Gemensam e-legitimation")
    anna.dot_inputs[hub.notes[0].id].value = 2
    anna.save_dots.click()

    teacher = board(hub, "lärare", steps=(), dots=3)
    assert list(teacher.chooser.dropdown.options) == ["grupp-a", "grupp-b"]  # any group
    assert teacher.text not in list(walk(teacher)) and not teacher.dot_inputs  # the teacher does not vote
    assert "2 prickar: " in shown(teacher)
    named = buttons(teacher)
    named["Visa resultatet för gruppen"].click()
    assert "Resultatet visas nu för gruppen grupp-a" in teacher.dots_message.value
    assert "Dölj resultatet för gruppen" in buttons(teacher)
    anna.refresh()
    assert "2 prickar: " in shown(anna)

    buttons(teacher)["Ta med i skörden: Gemensam e-legitimation"].click()
    assert hub.notes[0].harvested and "med i skörden" in teacher.message.value
    anna.refresh()
    assert "Skörden" in shown(anna) and "med i skörden" in shown(anna)
    assert not [d for d in buttons(anna) if "skörden" in d]

    harvest = HarvestView(hub.store("lärare"), "start-w")
    harvest.load()
    assert "Gruppen grupp-a" in harvest.body.value and "Gemensam e-legitimation" in harvest.body.value
    assert "Gruppen grupp-b" not in harvest.body.value


def test_the_harvest_is_escaped_and_refused_for_a_participant(hub):
    teacher = hub.store("lärare")
    note = hub.store("cecilia").post_note("grupp-b", "start-w", "<b>fet</b>")
    teacher.update_note("grupp-b", note.id, harvested=True)
    view = HarvestView(teacher, "start-w")
    view.load()
    assert "&lt;b&gt;fet&lt;/b&gt;" in view.body.value and "<b>fet" not in view.body.value
    participant = HarvestView(hub.store("anna"), "start-w")
    participant.load()
    assert "bara läraren" in participant.message.value and participant.body.value == ""
    outside = HarvestView(None, "start-w")
    assert not [x for x in walk(outside) if isinstance(x, w.Button)]


def test_a_failing_service_is_said_beside_the_board(hub):
    """Does a refused read show the service's Swedish message and keep "Uppdatera"?"""
    anna = board(hub, "anna", group="grupp-x")
    assert "finns inte" in anna.message.value
    assert anna.refresh_button in anna.children


def test_uppdatera_asks_again_for_the_groups_after_the_service_failed(hub):
    """When the first read of the groups failed, does "Uppdatera" read them again and show the board?"""
    store = hub.store("anna")
    real = store.groups
    store.groups = lambda: (_ for _ in ()).throw(StoreError("Gruppytan svarar inte just nu."))
    widget = GroupBoard(store, "start-w", group=None)
    widget.load()
    assert "svarar inte" in widget.message.value and not widget.loaded
    store.groups = real
    widget.refresh_button.click()
    assert widget.loaded and widget.add in list(walk(widget))


def test_dots_must_be_three_to_five(hub):
    with pytest.raises(ValueError, match="dots must be 3–5"):
        GroupBoard(hub.store("anna"), "b", dots=6)


def test_the_harvest_view_offers_the_course_boards(hub):
    """Without a board id, does the teacher choose among the boards the content has, in course order?"""
    teacher = hub.store("lärare")
    note = hub.store("anna").post_note("grupp-a", "m1-pestel", "Politiska: nya krav")
    teacher.update_note("grupp-a", note.id, harvested=True)
    view = HarvestView(teacher)
    ids = [value for _, value in view.board.options]
    assert ids[:2] == ["start-1-2-4-alla", "m1-pestel"] and "m2-kritisk-adaptiv" in ids
    assert view.board.description == "Tavla"
    view.load()
    assert "Inga lappar i skörden" in view.body.value
    view.board.value = "m1-pestel"
    assert "Politiska: nya krav" in view.body.value


def test_dots_typed_but_not_saved_survive_another_step(hub):
    """Does choosing another step keep the dots a member has typed but not saved yet?"""
    anna = board(hub, "anna", group="grupp-a", dots=3)
    write(anna, "Delad idé", step="alla")
    note = hub.notes[0].id
    anna.dot_inputs[note].value = 2
    anna.step.value = "s4"
    assert anna.dot_inputs[note].value == 2 and "Du har satt ut 2 av 3 prickar" in anna.dots_line.value
