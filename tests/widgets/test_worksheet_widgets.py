"""The worksheet, workshop and self-assessment-suggestion widgets without a browser: saved as typed, shown again,
bad dates said beside the field, downloads built on request, user text escaped, the timer stepped by hand."""

from __future__ import annotations

import io

import pytest

from widgets.apps.exercises import CanvasWidget, LikertWidget, WorkshopWidget
from widgets.apps.module import module_app
from widgets.exercises import Canvas, Likert, Workshop, commitment_item, grading, load_module
from widgets.store import PersonalStore


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def store(tmp_path):
    with PersonalStore(tmp_path / "p.sqlite3") as s:
        yield s


def exercise(module: str, kind, exercise_id: str | None = None):
    items = load_module(module).of_type(kind)
    return next(x for x in items if exercise_id in (None, x.id))


def opened(widget):
    widget.load()
    widget.expand()
    return widget


def downloaded(link) -> bytes:
    assert link.data, link.value
    return link.data


def test_public_value_canvas_saves_each_field_shows_it_again_and_exports_word(store):
    canvas = exercise("modul2", Canvas, "m2-public-value")
    widget = opened(CanvasWidget("modul2", canvas, store))
    assert not widget.exercise.digest and widget.digest not in widget.parts
    widget.fields["m2-pv-varde"].value = "Kortare väntan <script>"
    assert (
        store.latest_answers("modul2", canvas.id)[(canvas.id, "m2-pv-varde")].value
        == "Kortare väntan <script>"
    )
    assert "1 av 5 ifyllda" in widget.status.value
    again = opened(CanvasWidget("modul2", canvas, store))
    assert again.fields["m2-pv-varde"].value == "Kortare väntan <script>"
    again.fields["m2-pv-formaga"].value = "Två utvecklare"
    again.make_docx()
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(downloaded(again.download))).paragraphs)
    assert "Canvas för offentligt värde" in text and "Kortare väntan <script>" in text and "Moore" in text
    assert 'download="digikomp-m2-public-value.docx"' in again.download.value


def test_a_bad_commitment_date_is_said_beside_it_and_not_saved(store):
    canvas = exercise("slutkonferens", Canvas, "slut-handlingsplan")
    widget = opened(CanvasWidget("slutkonferens", canvas, store))
    row = widget.rows[0]
    row.text.value = "Boka uppföljning med chefen"
    row.date.value = "nästa vecka"
    assert 'role="alert"' in row.message.value and "ÅÅÅÅ-MM-DD" in row.message.value
    stored = store.latest_answers("slutkonferens", canvas.id)[(canvas.id, commitment_item(1))].value
    assert stored == {"text": "Boka uppföljning med chefen", "date": ""}
    widget.make_ics()
    assert "datum" in widget.message.value and widget.download.value == ""
    row.date.value = "2027-02-15"
    assert "Sparat till 15 februari 2027" in row.message.value
    widget.make_ics()
    from icalendar import Calendar

    (event,) = Calendar.from_ical(downloaded(widget.download)).walk("VEVENT")
    assert "Boka uppföljning med chefen" in str(event["summary"])


def test_the_action_plan_shows_the_participants_own_log_escaped(store):
    store.add_entry("modul2", "<b>Jag vill leda</b> bättre", prompt_id="m2-mitt-ledarskap", prompt="Hur?")
    canvas = exercise("slutkonferens", Canvas, "slut-handlingsplan")
    widget = opened(CanvasWidget("slutkonferens", canvas, store))
    assert "Mitt ledarskap: &lt;b&gt;Jag vill leda&lt;/b&gt; bättre" in widget.digest.value
    assert "<b>Jag" not in widget.digest.value


def test_the_digest_reads_nothing_before_the_visit(tmp_path):
    canvas = exercise("slutkonferens", Canvas, "slut-handlingsplan")

    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError(f"read {name} before the visit")

    widget = CanvasWidget("slutkonferens", canvas, Untouchable())
    widget.expand()
    assert widget.digest.value == ""


def test_leadership_self_assessment_suggests_for_the_weakest_once_all_dimensions_are_answered(store):
    likert = exercise("modul2", Likert, "m2-ledarskap-roller")
    widget = opened(LikertWidget("modul2", likert, store))
    ids = [s.id for s in likert.statements]
    widget.controls[ids[0]].value = 1
    assert "Förslag" not in widget.summary.value  # not everything answered yet
    for sid in ids[1:]:
        widget.controls[sid].value = 4
    weakest = likert.dimensions[0]
    assert [s.id for s in grading.weakest(widget.scores)] == [weakest.id]
    assert "där du skattar dig lägst" in widget.summary.value
    assert f"<strong>{weakest.title}: </strong>" in widget.summary.value  # its suggestion is shown
    assert widget.chart.svg.startswith("<svg") and "Medelvärde per område" in widget.chart.alt


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class FakeSchedule:
    def __init__(self) -> None:
        self.pending = []

    def __call__(self, delay, callback):
        handle = _Handle(callback)
        self.pending.append(handle)
        return handle


class _Handle:
    def __init__(self, callback) -> None:
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def test_the_workshop_timer_ticks_announces_sparingly_and_notes_are_saved(store):
    workshop = exercise("startkonferens", Workshop)
    clock, schedule = FakeClock(), FakeSchedule()
    widget = opened(WorkshopWidget("startkonferens", workshop, store, clock=clock, schedule=schedule))
    first = workshop.steps[0]
    assert "1:00" in widget.time_line.value and "aria-live" not in widget.time_line.value
    widget.start_button.click()
    assert widget.start_button.disabled and not widget.pause_button.disabled
    assert "Tiden går" in widget.announce.value
    said = widget.announce.value
    clock.now = 20.0
    schedule.pending.pop().callback()  # one tick
    assert "0:40" in widget.time_line.value and widget.announce.value == said  # no new announcement
    clock.now = 61.0
    schedule.pending.pop().callback()
    assert "Tiden är slut för steg 1" in widget.announce.value and "0:00" in widget.time_line.value
    assert schedule.pending == []  # stops ticking at zero
    widget.next_button.click()
    assert f"Steg 2 av {len(workshop.steps)}" in widget.step_line.value
    widget.notes[first.id].value = "Idé: <i>fler</i> e-tjänster"
    saved = store.latest_answers("startkonferens", workshop.id)[(workshop.id, first.id)].value
    assert saved == "Idé: <i>fler</i> e-tjänster"
    assert f"Anteckningar i 1 av {len(workshop.steps)} steg" in widget.status.value
    widget.start_button.click()
    widget.pause_button.click()
    assert schedule.pending[-1].cancelled and "Pausad" in widget.announce.value


def test_no_page_is_without_exercises_and_closed_tools_build_nothing(store):
    import ipywidgets as w

    for module in ("startkonferens", "modul1", "modul2", "slutkonferens"):
        page = module_app(module, store=store)
        assert page.exercises.widgets, module
        assert "inga övningar" not in repr(page.exercises.children)
        for widget in page.exercises.widgets:
            inside = [widget]
            stack = list(widget.children)
            while stack:
                x = stack.pop()
                inside.append(x)
                stack.extend(getattr(x, "children", ()))
            assert [x.description for x in inside if isinstance(x, w.Button)] == [
                f"Öppna: {widget.part_title}"
            ]


def test_pestel_builder_adds_removes_draws_and_exports(store):
    from widgets.apps.exercises import ScanWidget
    from widgets.exercises import Scan

    scan = exercise("modul1", Scan, "m1-pestel")
    widget = opened(ScanWidget("modul1", scan, store))
    assert "Lägg till faktorer" in widget.chart.value
    widget.category.value = "m1-pestel-t"
    widget.add_factor()
    assert "Skriv vilken faktor" in widget.form_message.value and 'role="alert"' in widget.form_message.value
    widget.text.value = "AI <b>överallt</b>"
    widget.likelihood.value, widget.impact.value = 4, 3
    widget.add_factor()
    assert widget.text.value == "" and "tillagd" in widget.form_message.value
    assert "AI &lt;b&gt;överallt&lt;/b&gt;" in widget.summary.value
    assert widget.chart.svg.startswith("<svg") and "Prioritera" in widget.chart.alt
    assert "Faktorer i 1 av 6 kategorier" in widget.status.value
    again = opened(ScanWidget("modul1", scan, store))
    assert [f.text for f in again.items] == ["AI <b>överallt</b>"]
    again.make_docx()
    assert 'download="digikomp-m1-pestel.docx"' in again.download.value
    (row,) = again.list.children
    remove = row.children[1]
    assert remove.description == "Ta bort: AI <b>överallt</b>"
    remove.click()
    assert again.items == [] and "borttagen" in again.form_message.value
    assert store.latest_answers("modul1", scan.id)[(scan.id, scan.id)].value == []


def test_min_plan_gives_three_dated_commitments_as_reminders(store):
    canvas = exercise("modul1", Canvas, "m1-min-plan")
    widget = opened(CanvasWidget("modul1", canvas, store))
    assert len(widget.rows) == 3
    for row, day in zip(widget.rows, ("2027-01-10", "2027-02-10", "2027-03-10"), strict=True):
        row.text.value = f"Åtagande till {day}"
        row.date.value = day
    widget.make_ics()
    from icalendar import Calendar

    events = Calendar.from_ical(downloaded(widget.download)).walk("VEVENT")
    assert sorted(str(e["uid"]) for e in events) == [
        f"modul1-m1-min-plan-{n}@digikomp.liu.se" for n in (1, 2, 3)
    ]
    assert "3 påminnelser" in widget.message.value


def test_critical_situations_open_as_a_group_whose_progress_follows_its_scenarios(store):
    from widgets.apps.exercises import ExerciseGroupWidget, ScenarioWidget

    page = module_app("modul2", store=store)
    (group,) = [x for x in page.exercises.widgets if isinstance(x, ExerciseGroupWidget)]
    assert group.part_title == "Kritiska situationer" and not group.built
    assert "0 av 4 genomförda" in group.heading.value and "Kotters steg" in group.heading.value
    assert group.members == []  # the scenario widgets are made only when the group is opened
    group.expand()
    first = group.members[0]
    assert isinstance(first, ScenarioWidget) and len(group.members) == 4 and not first.built
    first.expand()
    s = first.exercise
    card = s.card(s.start)
    while not card.is_ending:
        option = card.options[0]
        first.choose(card.id, option.id)
        card = s.card(option.next)
    assert "1 av 4 genomförda" in group.heading.value
    assert "Ramverk:" in first.card.value


def answer_count(store, module: str, exercise_id: str) -> int:
    """Every answer ever recorded for the exercise (each save is a row; the latest counts)."""
    return sum(
        len(store.answer_history(module, exercise_id, item))
        for _, item in store.latest_answers(module, exercise_id)
    )


def test_showing_saved_answers_never_saves_them_again(store):
    """Do opening, loading again (another tab saved meanwhile) and "Börja om" only show answers, never record them —
    and does a commitment shown again never get saved half old, half new?"""
    canvas = exercise("slutkonferens", Canvas, "slut-handlingsplan")
    field = canvas.fields[0].id
    store.record_answer("slutkonferens", canvas.id, field, "Min plan")
    store.record_answer(
        "slutkonferens", canvas.id, commitment_item(1), {"text": "Boka möte", "date": "2027-02-15"}
    )
    widget = opened(CanvasWidget("slutkonferens", canvas, store))
    assert widget.fields[field].value == "Min plan" and widget.rows[0].date.value == "2027-02-15"
    assert answer_count(store, "slutkonferens", canvas.id) == 2
    store.record_answer(
        "slutkonferens", canvas.id, commitment_item(1), {"text": "Boka samtal", "date": "2027-03-01"}
    )
    widget.load()
    assert (widget.rows[0].text.value, widget.rows[0].date.value) == ("Boka samtal", "2027-03-01")
    assert answer_count(store, "slutkonferens", canvas.id) == 3
    history = store.answer_history("slutkonferens", canvas.id, commitment_item(1))
    assert {"text": "Boka samtal", "date": "2027-02-15"} not in [a.value for a in history]
    widget.rows[0].date.value = "2027-04-01"  # typed: saved as before
    assert answer_count(store, "slutkonferens", canvas.id) == 4
    widget._reset()
    assert widget.fields[field].value == "" and widget.rows[0].text.value == ""
    assert store.latest_answers("slutkonferens", canvas.id) == {}

    likert = exercise("modul2", Likert)
    statement = likert.dimensions[0].statements[0].id
    store.record_answer("modul2", likert.id, statement, likert.scale_min)
    widget = opened(LikertWidget("modul2", likert, store))
    assert widget.controls[statement].value == likert.scale_min
    widget._reset()
    assert widget.controls[statement].value is None
    assert store.latest_answers("modul2", likert.id) == {}
    store.record_answer("modul2", likert.id, statement, likert.scale_max)
    widget.load()
    assert widget.controls[statement].value == likert.scale_max
    assert answer_count(store, "modul2", likert.id) == 1

    workshop = exercise("startkonferens", Workshop)
    step = workshop.steps[0].id
    store.record_answer("startkonferens", workshop.id, step, "Idé")
    widget = opened(
        WorkshopWidget("startkonferens", workshop, store, clock=FakeClock(), schedule=FakeSchedule())
    )
    assert widget.notes[step].value == "Idé"
    store.record_answer("startkonferens", workshop.id, step, "Två idéer")
    widget.load()
    assert widget.notes[step].value == "Två idéer"
    assert answer_count(store, "startkonferens", workshop.id) == 2
