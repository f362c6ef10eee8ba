"""Module 3 views without a browser: the AI Act question flow, the case library, an own classification kept in
the store, the dilemma extras, the ALTAI result and the bias lab."""

from __future__ import annotations

import pytest

from widgets import aiact
from widgets.aiact.ethics import default_ethics
from widgets.apps.modul3 import BiasLab, CaseLibrary, OwnSystem, QuestionFlow, modul3_app
from widgets.store import PersonalStore


@pytest.fixture
def store(tmp_path):
    with PersonalStore(tmp_path / "p.sqlite3") as s:
        yield s


def case(case_id: str) -> aiact.Case:
    return next(c for c in aiact.cases() if c.id == case_id)


def test_walking_the_flow_for_a_case_shows_the_level_in_words_and_the_articles():
    flow = QuestionFlow()
    flow.answer_all(case("forsakringskassan-riskbedomning").answers)
    html = flow.result_box.value
    assert "Risknivå: Hög risk" in html
    for ref in ("bilaga III punkt 5 a", "art. 27", "art. 26", "art. 26.8", "art. 86", "art. 4"):
        assert ref in html
    assert "a) de processer" in html and "f) vad ni gör" in html  # FRIA's six elements
    assert "Digital omnibus" in html and "inte verifierad" in html
    assert "Stämd av mot kursens faktaunderlag" in html and "inte en juridisk granskning" in html


def test_every_case_walked_through_the_widgets_gets_its_expected_level():
    flow = QuestionFlow()
    for c in aiact.cases():
        flow.answer_all(c.answers)
        assert flow.result is not None and flow.result.level.id == c.expected_level, c.id


def test_step_indicator_and_back_button_return_to_the_previous_question_with_its_answer():
    flow = QuestionFlow()
    assert flow.counter.value.count("Fråga 1") == 1
    assert flow.back.disabled
    flow.choose("ja")
    flow.go_next()
    assert "Fråga 2" in flow.counter.value and flow.question.id == "roll"
    flow.go_back()
    assert flow.question.id == "ai-system" and flow.selection() == ["ja"]
    assert flow.answers == {}


def test_next_without_an_answer_says_so_in_words():
    flow = QuestionFlow()
    flow.go_next()
    assert "Välj ett svar" in flow.message.value and flow.question.id == "ai-system"


def test_none_of_these_unticks_the_other_choices():
    flow = QuestionFlow()
    flow.answer_all({"ai-system": "ja", "roll": "tillhandahallare"})
    assert flow.question.multiple
    flow.boxes["a-manipulation"].value = True
    flow.boxes["inget"].value = True
    assert flow.selection() == ["inget"]


def test_back_from_the_result_reopens_the_last_question():
    flow = QuestionFlow()
    flow.answer_all(case("skrappostfilter").answers)
    assert flow.result is not None
    flow.go_back()
    assert flow.result is None and flow.result_box.value == "" and flow.question.id == "art50"


def test_case_library_marks_constructed_cases_and_gives_sources_for_real_ones():
    lib = CaseLibrary()
    assert len(lib.cases) >= 10
    assert not lib.built and f"{len(lib.cases)} fall" in lib.header[0].value
    lib.toggle.click()
    lib.pick("kommunal-chattbot")
    assert "Konstruerat exempel" in lib.card.value
    lib.pick("skelleftea-ansiktsigenkanning")
    assert "Källa:" in lib.card.value and "Konstruerat" not in lib.card.value


def test_case_library_compares_my_classification_with_the_expected_answer():
    lib = CaseLibrary()
    lib.expand()
    lib.pick("kommunal-chattbot")
    lib.flow.answer_all(lib.case.answers)
    assert "Samma som det väntade svaret" in lib.compare.value
    lib.flow.answer_all({**dict(lib.case.answers), "art50": ["inget"]})
    assert "Det väntade svaret är Begränsad risk" in lib.compare.value


def test_own_classification_is_saved_and_seen_again_with_a_new_store(tmp_path):
    path = tmp_path / "own.sqlite3"
    with PersonalStore(path) as store:
        own = OwnSystem(store)
        own.load()
        assert (
            own.flow is None and "Dina sparade klassningar" in own.saved.value
        )  # the form waits for a click
        own.expand()
        own.flow.answer_all(case("kommunal-chattbot").answers)
        own.save_result()
        assert "Skriv systemets namn" in own.message.value
        own.name.value = "Bygglovsbot <script>"
        own.description.value = "Svarar på frågor"
        own.save_result()
        assert "är sparad" in own.message.value
    with PersonalStore(path) as store:
        again = OwnSystem(store)
        again.load()
        assert "Bygglovsbot &lt;script&gt;" in again.saved.value
        assert "Begränsad risk" in again.saved.value
        saved = store.latest_answers("modul3", "aiact-egna")
        (answer,) = saved.values()
        assert answer.value["level"] == "begransad-risk" and answer.value["dates_version"] == "antagen"


def test_bias_lab_slider_changes_the_metrics_and_the_chart_alt():
    lab = BiasLab()
    metrics, alt = lab.metrics.value, lab.chart.alt
    assert "demografisk paritet" in metrics and "p.e." in metrics
    assert alt.startswith("Stapeldiagram") and "procentenheter" in alt
    lab.skew.value = 0.0
    assert lab.metrics.value != metrics and lab.chart.alt != alt
    assert lab.skew.continuous_update is False and lab.proxy.continuous_update is False
    assert lab.skew.description == "Hur stor är skevheten i de gamla besluten?"


def test_module_page_has_dilemma_extras_and_an_altai_result_that_follows_the_likert(store):
    page = modul3_app(store=store)
    ethics = default_ethics()
    scenarios = [x for x in page.exercises.widgets if hasattr(x, "dilemma_extra")]
    assert len(scenarios) == len(ethics.dilemmas)
    scenarios[0].expand()
    assert "Vilka principer står på spel?" in scenarios[0].dilemma_extra.value
    assert scenarios[0].parts[0] is scenarios[0].dilemma_extra  # first, above the scenario's first card
    likert = next(x for x in page.exercises.widgets if x.exercise.id == ethics.altai.id)
    assert page.altai is None  # built with the self-assessment, when it is opened
    likert.toggle.click()
    assert "Svara på påståendena" in page.altai.body.value
    assert likert.parts.index(page.altai) == len(likert.parts) - 2  # before "Börja om"
    for control in list(likert.controls.values())[:3]:
        control.value = 1
    assert "Förslag:" in page.altai.body.value
    assert "altai-sjalvskattning.md" in page.altai.download.value
    assert page.own is not None


def test_altai_result_follows_a_reset_of_the_self_assessment(store):
    page = modul3_app(store=store)
    likert = next(x for x in page.exercises.widgets if x.exercise.id == default_ethics().altai.id)
    likert.expand()
    next(iter(likert.controls.values())).value = 2
    assert "Förslag:" in page.altai.body.value
    likert.reset.start.click()
    likert.reset.yes.click()
    assert "Svara på påståendena" in page.altai.body.value


def test_bias_lab_starts_when_asked_and_the_page_does_not_import_numpy_before(packages_loaded_by):
    loaded = packages_loaded_by("from widgets.apps.modul3 import modul3_app\npage = modul3_app()")
    assert "numpy" not in loaded
    from widgets.apps.modul3.biaslab import biaslab_section

    box = biaslab_section()
    assert box.lab is None and "Biaslabbet" in box.children[0].value
    box.start.click()
    assert box.lab is not None and "demografisk paritet" in box.lab.metrics.value


def test_altai_result_shows_what_was_saved_when_the_self_assessment_is_opened(store):
    altai = default_ethics().altai
    statement = altai.dimensions[0].statements[0]
    store.record_answer("modul3", altai.id, statement.id, 1)
    page = modul3_app(store=store)
    likert = next(x for x in page.exercises.widgets if x.exercise.id == altai.id)
    likert.expand()
    assert likert.controls[statement.id].value == 1
    assert "Förslag:" in page.altai.body.value
