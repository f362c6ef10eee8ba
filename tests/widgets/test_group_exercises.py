"""The group boards on the content pages without a browser: on the hub the 1-2-4-All workshop's notes are the
group's board (private in the first steps, the round following the timer), PESTEL factors and scenario choices
can be put on the board, module 3's dilemmas get the group's vote; outside the hub the pages are as before."""

from __future__ import annotations

import ipywidgets as w
import pytest
from fake_boards import BoardHub, buttons, shown, walk

from widgets.apps.exercises import ExercisesSection, ScanWidget, ScenarioWidget, WorkshopWidget
from widgets.apps.groupwork.board import OUTSIDE
from widgets.apps.modul3.ethics import add_dilemma_extras
from widgets.exercises import Scan, Scenario, Workshop, load_module
from widgets.store import PersonalStore


@pytest.fixture
def store(tmp_path):
    with PersonalStore(tmp_path / "p.sqlite3") as s:
        yield s


@pytest.fixture
def hub() -> BoardHub:
    return BoardHub({"grupp-a": ["anna", "bo"]}, teachers={"lärare"})


def workshop_widget(store, shared) -> WorkshopWidget:
    exercise = load_module("startkonferens").of_type(Workshop)[0]
    widget = WorkshopWidget("startkonferens", exercise, store, shared=shared, schedule=lambda *_: None)
    widget.load()
    widget.expand()
    return widget


def test_outside_the_hub_the_workshop_keeps_its_personal_notes_and_says_where_the_board_is(store):
    widget = workshop_widget(store, None)
    assert OUTSIDE in shown(widget) and len(widget.notes) == 4
    assert not [d for d in buttons(widget) if "lapp" in d.lower()]
    widget.notes["start-w-1"].value = "Min egen idé"
    assert store.latest_answers("startkonferens")[("start-1-2-4-alla", "start-w-1")].value == "Min egen idé"


def test_on_the_hub_the_workshop_notes_are_the_group_board(store, hub):
    """Are steps 1 and 2 private, does the board's round follow the timer, and is each note kept as an answer?"""
    widget = workshop_widget(store, hub.store("anna"))
    board = widget.board
    assert board is not None and board.available and widget.notes == {}
    assert [s.private for s in board.steps] == [True, True, False, False]
    board.text.value = "Tyst idé"
    board.add.click()
    assert hub.notes[-1].shared is False and hub.notes[-1].step == "start-w-1"
    assert "Anteckningar i 1 av 4 steg" in widget.heading.value
    widget.next_button.click()
    widget.next_button.click()
    assert board.step.value == "start-w-4"
    assert "Dela med gruppen: Tyst idé" in buttons(widget)
    assert "Tyst idé" not in shown(board_of(hub, "bo"))


def board_of(hub, user):
    from widgets.apps.groupwork import GroupBoard

    widget = GroupBoard(hub.store(user), "start-1-2-4-alla")
    widget.load()
    return widget


def test_a_pestel_factor_goes_on_the_group_board(store, hub):
    exercise = load_module("modul1").of_type(Scan)[0]
    widget = ScanWidget("modul1", exercise, store, shared=hub.store("anna"))
    widget.load()
    widget.expand()
    widget.category.value = exercise.categories[0].id
    widget.text.value = "Nya krav på <tillgänglighet>"
    widget.likelihood.value = widget.impact.value = 2
    widget.add.click()
    buttons(widget)["Lägg på gruppens tavla: Nya krav på <tillgänglighet>"].click()
    note = hub.notes[-1]
    assert note.board_id == "m1-pestel" and note.text.startswith("Politiska: Nya krav på <tillgänglighet>")
    assert "Nya krav på &lt;tillgänglighet&gt;" in shown(widget.board)
    assert "ligger nu på gruppens tavla" in widget.form_message.value
    assert widget.board.dots == 3


def test_without_the_hub_pestel_and_scenarios_show_no_board(store):
    scan = ScanWidget("modul1", load_module("modul1").of_type(Scan)[0], store)
    scan.expand()
    scenario = ScenarioWidget("modul2", load_module("modul2").of_type(Scenario)[0], store)
    scenario.expand()
    for widget in (scan, scenario):
        assert widget.board is None
        assert not [d for d in buttons(widget) if "tavla" in d]


def test_a_scenario_choice_goes_on_the_group_board(store, hub):
    exercise = load_module("modul2").of_type(Scenario)[0]
    widget = ScenarioWidget("modul2", exercise, store, shared=hub.store("anna"))
    widget.load()
    widget.expand()
    first = widget.options.children[0]
    first.click()
    posting = [b for d, b in buttons(widget).items() if d.startswith("Lägg på gruppens tavla:")]
    assert len(posting) == 1
    posting[0].click()
    assert hub.notes[-1].board_id == exercise.id and "mitt val: " in hub.notes[-1].text
    assert "ligger nu på gruppens tavla" in widget.message.value


def test_module3_dilemmas_get_the_group_vote_on_the_hub(store, hub):
    modul3 = load_module("modul3")
    section = ExercisesSection(modul3, store, shared=hub.store("anna"))
    section.load()
    assert add_dilemma_extras(section.widgets, shared=hub.store("anna")) == 3
    dilemma = next(x for x in section.widgets if x.exercise.id == "m3-dilemma-chattbot")
    dilemma.expand()
    vote = dilemma.dilemma_vote
    assert vote is not None and vote.loaded
    assert vote.choice.options[0][0].startswith("Stänger av chattboten")
    vote.choice.value = "stang"
    vote.vote_button.click()
    assert hub.votes[("grupp-a", "m3-dilemma-chattbot")] == {"anna": "stang"}

    plain = ExercisesSection(modul3, store)
    add_dilemma_extras(plain.widgets)
    other = next(x for x in plain.widgets if x.exercise.id == "m3-dilemma-chattbot")
    other.expand()
    assert other.dilemma_vote is None
    assert not [x for x in walk(other) if isinstance(x, w.RadioButtons)]
