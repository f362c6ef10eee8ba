"""Exercise widgets without a browser: answers are saved as given, shown again on reopening, reset after a
confirmation; feedback in words; bad numeric input gets a Swedish message beside the field."""

from __future__ import annotations

import pytest

from widgets.apps.exercises import ExercisesSection, LikertWidget, OrderingWidget, QuizWidget, ScenarioWidget
from widgets.apps.exercises.ordering import start_order
from widgets.apps.module import module_app
from widgets.exercises import (
    Choice,
    ChoiceQuestion,
    ModuleContent,
    NumericQuestion,
    Quiz,
    load_module,
)
from widgets.store import PersonalStore


@pytest.fixture
def store(tmp_path):
    with PersonalStore(tmp_path / "p.sqlite3") as s:
        yield s


@pytest.fixture
def modul1():
    return load_module("modul1")


@pytest.fixture
def modul3():
    return load_module("modul3")


def quiz_of(content) -> Quiz:
    return content.of_type(Quiz)[0]


def built(widget):
    """As a participant meets it: answers read after the visit has started, then the exercise opened."""
    widget.load()
    widget.expand()
    return widget


def numeric_quiz() -> Quiz:
    return Quiz(
        "q-num",
        "Räkna",
        (
            NumericQuestion("q-procent", "Hur många procent?", 12.5, tolerance=0.5, unit="%"),
            ChoiceQuestion(
                "q-val",
                "Välj",
                (Choice("a", "Alfa", True, "Ja, alfa."), Choice("b", "Beta", False, "Nej, inte beta.")),
            ),
        ),
    )


def test_a_single_choice_answer_is_saved_with_feedback_in_words_and_shown_again_on_reopening(
    tmp_path, modul1
):
    path = tmp_path / "p.sqlite3"
    quiz = quiz_of(modul1)
    single = next(q for q in quiz.questions if not q.multiple)
    wrong = next(c for c in single.choices if not c.correct)
    with PersonalStore(path) as first:
        widget = built(QuizWidget("modul1", quiz, first))
        view = widget.view(single.id)
        assert view.radio.value is None
        view.radio.value = wrong.id
        view.answer.click()
        assert "Fel val" in view.feedback.value and "Inte rätt." in view.feedback.value
        assert 'role="status"' in view.feedback.value
        assert "1 av 3 frågor besvarade" in widget.status.value
    with PersonalStore(path) as second:  # a new kernel: a new store object
        again = built(QuizWidget("modul1", quiz, second))
        assert again.view(single.id).radio.value == wrong.id
        assert "Fel val" in again.view(single.id).feedback.value
        assert "1 av 3 frågor besvarade" in again.status.value
        assert second.latest_answers("modul1")[(quiz.id, single.id)].value == {"selected": [wrong.id]}


def test_multiple_choice_names_right_wrong_and_missed_choices(store, modul1):
    quiz = quiz_of(modul1)
    question = next(q for q in quiz.questions if q.multiple)
    widget = built(QuizWidget("modul1", quiz, store))
    view = widget.view(question.id)
    right = [c for c in question.choices if c.correct]
    wrong = next(c for c in question.choices if not c.correct)
    view.boxes[question.choices.index(right[0])].value = True
    view.boxes[question.choices.index(wrong)].value = True
    view.answer.click()
    html = view.feedback.value
    assert "Rätt val" in html and "Fel val" in html and "Missat" in html
    stored = store.latest_answers("modul1")[(quiz.id, question.id)]
    assert set(stored.value["selected"]) == {right[0].id, wrong.id} and stored.correct is False


def test_answering_without_choosing_says_so_beside_the_question(store, modul1):
    quiz = quiz_of(modul1)
    widget = built(QuizWidget("modul1", quiz, store))
    view = widget.views[1]
    view.answer.click()
    assert view.message.has_error and "Välj ett alternativ." in view.message.value
    assert store.latest_answers("modul1") == {}


def test_bad_numeric_input_gets_a_swedish_message_and_nothing_is_saved(store):
    widget = built(QuizWidget("modul0", numeric_quiz(), store))
    view = widget.views[0]
    view.field.value = "tolv"
    view.answer.click()
    assert view.message.has_error and 'role="alert"' in view.message.value
    assert store.latest_answers("modul0") == {}
    view.field.value = "12,8"
    view.answer.click()
    assert not view.message.has_error
    assert "Rätt!" in view.feedback.value
    assert store.latest_answers("modul0")[("q-num", "q-procent")].value == {"value": 12.8}
    view.field.value = "20"
    view.answer.click()
    assert "för högt" in view.feedback.value


def test_numeric_answer_is_shown_again_the_swedish_way(store):
    widget = built(QuizWidget("modul0", numeric_quiz(), store))
    widget.views[0].field.value = "12,8"
    widget.views[0].answer.click()
    again = built(QuizWidget("modul0", numeric_quiz(), store))
    assert again.views[0].field.value == "12,8"
    assert "Rätt!" in again.views[0].feedback.value


def test_reset_needs_a_confirmation_and_then_forgets_the_exercise(store, modul1):
    quiz = quiz_of(modul1)
    widget = built(QuizWidget("modul1", quiz, store))
    view = widget.views[1]
    view.radio.value = view.question.choices[0].id
    view.answer.click()
    widget.reset.start.click()
    assert widget.reset.asking and "Ja, börja om" in [widget.reset.yes.description]
    assert store.latest_answers("modul1")  # nothing removed before "Ja, börja om"
    widget.reset.no.click()
    assert not widget.reset.asking and store.latest_answers("modul1")
    widget.reset.start.click()
    widget.reset.yes.click()
    assert store.latest_answers("modul1") == {}
    assert view.radio.value is None and view.feedback.value == ""
    assert "0 av 3 frågor besvarade" in widget.status.value


def test_ordering_moves_with_buttons_naming_the_item_and_is_scored(store, modul1):
    exercise = next(e for e in modul1.exercises if e.__class__.__name__ == "Ordering")
    widget = built(OrderingWidget("modul1", exercise, store))
    assert widget.order == start_order(exercise) != [i.id for i in exercise.items]
    first = widget.order[0]
    widget.list.value = first
    assert widget.down.description.startswith("Flytta ned: ") and widget.up.disabled
    widget.down.click()
    assert widget.order[1] == first and widget.list.value == first
    # sort into the right order with the buttons only
    right = [i.id for i in exercise.items]
    for target, item in enumerate(right):
        widget.list.value = item
        while widget.order.index(item) > target:
            widget.up.click()
    assert widget.order == right
    widget.answer.click()
    assert "Rätt ordning!" in widget.feedback.value
    again = built(OrderingWidget("modul1", exercise, store))
    assert again.order == right and "Besvarad." in again.status.value


def test_likert_saves_each_statement_and_draws_a_radar_with_means_in_words(store, modul1):
    likert = next(e for e in modul1.exercises if e.__class__.__name__ == "Likert")
    widget = built(LikertWidget("modul1", likert, store))
    first_dim = likert.dimensions[0]
    for statement in first_dim.statements:
        widget.controls[statement.id].value = 4
    assert len(store.latest_answers("modul1")) == len(first_dim.statements)
    assert widget.chart.svg.startswith("<svg") and widget.chart.svg.count("<polygon") >= 2
    assert f"{first_dim.title}:" in widget.chart.alt and "inte besvarad" in widget.chart.alt
    assert "av 5" in widget.chart.alt
    for control in widget.controls.values():
        assert control.description  # every statement control has an accessible name
    again = built(LikertWidget("modul1", likert, store))
    assert again.controls[first_dim.statements[0].id].value == 4


def test_scenario_branches_shows_consequences_and_remembers_the_path(store, modul3):
    scenario = next(e for e in modul3.exercises if e.__class__.__name__ == "Scenario")
    widget = built(ScenarioWidget("modul3", scenario, store))
    start = scenario.card(scenario.start)
    branching = next(o for o in start.options if o.next)
    button = next(b for b in widget.options.children if b.description == branching.text)
    button.click()
    assert branching.consequence.split()[0] in widget.history.value
    assert widget.current is not None and widget.current.id == branching.next
    final = widget.current.options[0]
    widget.choose(widget.current.id, final.id)
    assert widget.current is None and "Scenariot är slut." in widget.card.value
    assert "Genomfört." in widget.status.value
    again = built(ScenarioWidget("modul3", scenario, store))
    assert again.current is None and final.text in again.history.value


def test_module_progress_counts_exercises_and_reflections(store, modul1):
    section = ExercisesSection(modul1, store)
    section.load()
    total = len(modul1.exercises)
    assert f"0 av {total} klara" in section.progress.value
    ordering = next(w for w in section.widgets if isinstance(w, OrderingWidget))
    ordering.toggle.click()
    ordering.answer.click()
    assert f"1 av {total} klara" in section.progress.value
    store.add_entry("modul1", "Min tanke", prompt_id=modul1.reflections[0].id)
    again = ExercisesSection(modul1, store)
    again.load()
    assert f"2 av {total} klara" in again.progress.value


def test_every_control_has_an_accessible_name(store, modul1, modul3):
    import ipywidgets as w

    for content in (modul1, modul3):
        section = ExercisesSection(content, store)
        section.load()
        for widget in section.widgets:
            assert widget.toggle.description == f"Öppna: {widget.exercise.title}"
            widget.toggle.click()
        stack = [section]
        while stack:
            widget = stack.pop()
            stack.extend(getattr(widget, "children", ()))
            if isinstance(
                widget, w.Button | w.Text | w.Select | w.ToggleButtons | w.RadioButtons | w.Checkbox
            ):
                assert widget.description.strip(), widget


def test_module_app_puts_exercises_extras_and_the_larlogg_on_the_page(store):
    calls = []

    def extra():
        calls.append(store.count_entries())  # built after the visit has started
        import ipywidgets as w

        return w.HTML("<h2>Extra</h2>")

    page = module_app("modul1", extra_sections=[extra], store=store)
    assert calls == [0]
    assert page.exercises.widgets and page.reflection.prompts
    texts = repr(page.children)
    assert "Extra" in texts


def test_conference_pages_build_with_their_exercises(store):
    page = module_app("slutkonferens", store=store)
    assert page.exercises.widgets  # no page is reflections only any more
    assert isinstance(page.exercises.content, ModuleContent)


def walk(widget):
    """Every widget in ``widget``'s tree (children only)."""
    stack, seen = [widget], []
    while stack:
        x = stack.pop()
        seen.append(x)
        stack.extend(getattr(x, "children", ()))
    return seen


def test_a_closed_exercise_shows_its_title_intro_and_progress_and_builds_no_controls(store, modul3):
    import ipywidgets as w

    section = ExercisesSection(modul3, store)
    section.load()
    quiz = next(x for x in section.widgets if isinstance(x, QuizWidget))
    assert not quiz.built and quiz.views == []
    assert quiz.exercise.title in quiz.heading.value and quiz.exercise.intro[:40] in quiz.heading.value
    assert "0 av 7 frågor besvarade" in quiz.status.value
    # the box, the title with intro and progress line, the button: nothing else yet
    for widget in section.widgets:
        inside = walk(widget)
        assert len(inside) == 3, [type(x).__name__ for x in inside]
        buttons = [x for x in inside if isinstance(x, w.Button)]
        assert [b.description for b in buttons] == [f"Öppna: {widget.exercise.title}"]


def test_opening_builds_the_controls_once_and_closing_keeps_the_answers(store, modul1):
    quiz = quiz_of(modul1)
    widget = QuizWidget("modul1", quiz, store)
    widget.load()
    widget.toggle.click()
    assert widget.built and widget.expanded and widget.toggle.description == f"Stäng: {quiz.title}"
    assert widget.toggle in widget.children and widget.children.index(widget.toggle) < widget.children.index(
        widget.views[0]
    )  # the button stays where it was; the questions follow it
    view = widget.views[1]
    view.radio.value = view.question.choices[0].id
    view.answer.click()
    widget.toggle.click()
    assert not widget.expanded and view not in walk(widget)
    assert "1 av 3 frågor besvarade" in widget.status.value  # the progress stays visible when closed
    views = widget.views
    widget.toggle.click()
    assert widget.views is views and len(views) == len(quiz.questions)  # built once
    assert view.radio.value == view.question.choices[0].id


def test_opened_before_the_visit_shows_no_answers_and_reads_nothing_until_loaded(tmp_path, modul1):
    """Preheated kernels: nothing per person is read before load(); load() then fills the opened controls."""
    path = tmp_path / "p.sqlite3"
    quiz = quiz_of(modul1)
    single = next(q for q in quiz.questions if not q.multiple)
    with PersonalStore(path) as store:
        store.record_answer("modul1", quiz.id, single.id, {"selected": [single.choices[0].id]}, True)
    with PersonalStore(path) as store:
        reads = []
        original = store.latest_answers
        store.latest_answers = lambda *a, **k: reads.append(a) or original(*a, **k)
        widget = QuizWidget("modul1", quiz, store)
        widget.expand()
        assert reads == [] and widget.view(single.id).radio.value is None
        widget.load()
        assert reads and widget.view(single.id).radio.value == single.choices[0].id


def test_answers_saved_elsewhere_are_shown_when_the_exercise_is_opened(store, modul1):
    likert = next(e for e in modul1.exercises if e.__class__.__name__ == "Likert")
    widget = LikertWidget("modul1", likert, store)
    widget.load()  # the visit has started; the participant then answers in another tab
    first = likert.dimensions[0].statements[0]
    store.record_answer("modul1", likert.id, first.id, 3)
    widget.expand()
    assert widget.controls[first.id].value == 3 and "1 av" in widget.status.value


def test_answers_that_cannot_be_read_are_said_in_the_progress_line(store, modul1):
    from widgets.errors import DomainError

    def broken(*_args, **_kwargs):
        raise DomainError("store", "Dina svar gick inte att läsa just nu.")

    store.latest_answers = broken
    widget = QuizWidget("modul1", quiz_of(modul1), store)
    widget.load()
    assert "Dina svar gick inte att läsa just nu." in widget.status.value
    assert 'role="alert"' in widget.status.value
    assert widget.status.has_error and widget.status.kind == "error"  # kept as a value, like a Message's
    widget.status.value = "<p>1 av 3 besvarade.</p>"  # the progress text written over it
    assert not widget.status.has_error
