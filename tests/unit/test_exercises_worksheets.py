"""The models behind modules 1 and 2 and the conferences' tools: branching scenarios (every card reachable, no
loops, at least three decisions on every path, endings that name their framework and source), worksheets
(commitments, digest, Word and .ics), the workshop timer and the self-assessment's weakest dimensions."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from widgets.errors import ContentError, DomainError
from widgets.exercises import (
    Canvas,
    CanvasField,
    DimensionScore,
    Likert,
    Scenario,
    Workshop,
    WorkshopStep,
    canvas_filled,
    commitment_item,
    load_all,
    load_module,
    parse_module,
    problems,
    weakest,
)
from widgets.exercises import worksheet as ws
from widgets.exercises.workshop import WorkshopClock, clock_text, spoken

#: Scenario ids of module 2's "Kritiska situationer" and the words their endings must carry (framework, source).
MODULE2_SCENARIOS = {
    "m2-kritisk-adaptiv": ("Heifetz", "1994"),
    "m2-kritisk-forlust": ("Heifetz & Linsky", "2002"),
    "m2-kritisk-kotter": ("Kotter", "1995"),
    "m2-kritisk-tillit": ("Tillitsdelegationen", "SOU 2018:47"),
}


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(tmp_path / "data"))


def paths(scenario: Scenario) -> list[list[str]]:
    """Every path from the start card to its end (an ending card, or an option without ``next``), as card ids;
    a loop fails the test."""
    out = []

    def go(card_id: str, sofar: list[str]) -> None:
        assert card_id not in sofar, f"slinga via {card_id}"
        card = scenario.card(card_id)
        here = [*sofar, card_id]
        if card.is_ending:
            out.append(here)
            return
        for option in card.options:
            if option.next is None:
                out.append(here)
            else:
                go(option.next, here)

    go(scenario.start, [])
    return out


def all_scenarios():
    for content in load_all().values():
        for s in content.of_type(Scenario):
            yield content.module, s


@pytest.mark.parametrize(("module", "scenario"), list(all_scenarios()), ids=lambda x: getattr(x, "id", x))
def test_every_course_scenario_reaches_every_card_and_never_loops(module, scenario):
    walked = paths(scenario)
    reached = {c for p in walked for c in p}
    assert reached == {c.id for c in scenario.cards}
    assert walked


def test_module2_has_four_critical_situations_with_three_decisions_on_every_path():
    content = load_module("modul2")
    scenarios = {s.id: s for s in content.of_type(Scenario)}
    assert set(MODULE2_SCENARIOS) <= set(scenarios)
    for sid, (framework, year) in MODULE2_SCENARIOS.items():
        s = scenarios[sid]
        assert "konstruerat" in (s.intro or ""), sid
        assert framework.split()[0] in (s.source or ""), sid
        for p in paths(s):
            assert s.card(p[-1]).is_ending, (sid, p)  # feedback comes on an ending card
            decisions = [c for c in p if not s.card(c).is_ending]
            assert len(decisions) >= 3, (sid, p)
            ending = s.card(p[-1])
            assert "Ramverk:" in ending.text and framework in ending.text and year in ending.text, ending.id
        # at least one card has a real branch (two options leading to different cards)
        assert any(len({o.next for o in c.options}) > 1 for c in s.cards), sid


def test_a_scenario_loop_is_found_by_the_content_check():
    data = {
        "schema_version": 1,
        "module": "x",
        "title": "X",
        "exercises": [
            {
                "id": "s",
                "type": "scenario",
                "title": "S",
                "start": "a",
                "cards": [
                    {
                        "id": "a",
                        "text": "A",
                        "options": [{"id": "o", "text": "O", "consequence": "C", "next": "b"}],
                    },
                    {
                        "id": "b",
                        "text": "B",
                        "options": [{"id": "p", "text": "P", "consequence": "C", "next": "a"}],
                    },
                ],
            }
        ],
    }
    found = problems(data, "x.yaml")
    assert any("slinga" in e.message for e in found)


# --- self-assessment ---------------------------------------------------------------------------------------


def test_weakest_returns_the_lowest_answered_dimensions_ties_included():
    scores = (
        DimensionScore("a", "A", 3.0, 2, 2),
        DimensionScore("b", "B", 2.0, 2, 2),
        DimensionScore("c", "C", None, 0, 2),
        DimensionScore("d", "D", 2.0, 1, 2),
    )
    assert [s.id for s in weakest(scores)] == ["b", "d"]
    assert weakest((DimensionScore("c", "C", None, 0, 1),)) == ()


def test_module2_leadership_self_assessment_has_a_suggestion_for_every_dimension():
    (likert,) = [x for x in load_module("modul2").of_type(Likert) if x.id == "m2-ledarskap-roller"]
    assert len(likert.dimensions) >= 4
    assert all(d.suggestion for d in likert.dimensions)


# --- worksheets ---------------------------------------------------------------------------------------------

CANVAS = Canvas(
    "plan",
    "Min plan",
    (CanvasField("vad", "Vad?"), CanvasField("sa-vad", "Så vad?")),
    commitments=2,
    source="Lipmanowicz & McCandless",
)


def test_commitments_parse_dates_and_say_what_is_wrong_in_swedish():
    c = ws.parse_commitment(1, " Boka möte ", "2027-02-15")
    assert c == ws.Commitment(1, "Boka möte", dt.date(2027, 2, 15))
    assert ws.parse_commitment(2, "Läsa", "").date is None
    with pytest.raises(DomainError, match=r"är inte ett datum.*ÅÅÅÅ-MM-DD"):
        ws.parse_commitment(1, "Boka", "15/2")
    with pytest.raises(DomainError, match="skriv vad du åtar dig"):
        ws.parse_commitment(1, "  ", "2027-02-15")


def test_canvas_progress_counts_filled_fields_and_commitments_with_text():
    answers = {
        ("plan", "vad"): "Något",
        ("plan", "sa-vad"): "   ",
        ("plan", commitment_item(1)): {"text": "Boka", "date": "2027-01-01"},
        ("plan", commitment_item(2)): {"text": "", "date": ""},
    }
    assert canvas_filled(CANVAS, answers) == (2, 4)
    plan = ws.commitments(CANVAS, answers)
    assert [c.date for c in plan] == [dt.date(2027, 1, 1), None]
    assert ws.field_values(CANVAS, answers) == {"vad": "Något", "sa-vad": "   "}


def test_canvas_word_document_has_fields_commitments_and_digest():
    from docx import Document

    plan = [ws.Commitment(1, "Boka möte med IT", dt.date(2027, 2, 15)), ws.Commitment(2, "", None)]
    sections = [ws.DigestSection("modul2", "Modul 2", ("Canvas",), ("Mitt ledarskap: jag leder <b>",))]
    data = ws.to_docx(CANVAS, "Slutkonferens", {"vad": "Första raden\n\nAndra stycket"}, plan, sections)
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Min plan" in text and "Källa: Lipmanowicz & McCandless" in text
    assert "Första raden" in text and "Andra stycket" in text
    assert "(inte ifyllt)" in text  # the empty field says so
    assert "1. Boka möte med IT – 15 februari 2027" in text
    assert "Mitt ledarskap: jag leder <b>" in text and "Klara övningar: Canvas" in text


def test_commitments_become_all_day_reminders_with_stable_uids():
    from icalendar import Calendar

    plan = [
        ws.Commitment(1, "Boka möte", dt.date(2027, 2, 15)),
        ws.Commitment(2, "Utan datum", None),
    ]
    now = dt.datetime(2026, 12, 2, 10, tzinfo=dt.UTC)
    cal = Calendar.from_ical(ws.to_ics("slutkonferens", CANVAS, plan, now=now))
    events = cal.walk("VEVENT")
    assert len(events) == 1
    (event,) = events
    assert str(event["uid"]) == "slutkonferens-plan-1@digikomp.liu.se"
    assert event.decoded("dtstart") == dt.date(2027, 2, 15)
    assert event.decoded("dtend") == dt.date(2027, 2, 16)
    assert "Boka möte" in str(event["summary"])
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == dt.timedelta(hours=9)


def test_digest_lists_completed_exercises_and_entry_excerpts_in_course_order():
    from widgets.store.models import Entry

    contents = load_all()
    when = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    long_text = "ord " * 100
    entries = [
        Entry(2, "modul2", "m2-mitt-ledarskap", "…", long_text, when, when),
        Entry(1, "startkonferens", None, None, "Fri tanke", when, when),
    ]
    answers = {"modul1": {("m1-diamantens-faser", "m1-diamantens-faser"): ["a"]}}
    sections = ws.digest(contents, entries, answers)
    assert [s.module for s in sections] == ["startkonferens", "modul1", "modul2"]
    assert sections[0].entries == ("Fri anteckning: Fri tanke",)
    assert sections[1].completed == ("Double Diamond i rätt ordning",)
    line = sections[2].entries[0]
    assert line.startswith("Mitt ledarskap: ord") and line.endswith("…") and len(line) < 170


# --- content of the new types ------------------------------------------------------------------------------


def _doc(exercise):
    return {"schema_version": 1, "module": "x", "title": "X", "exercises": [exercise]}


def test_canvas_and_workshop_parse_and_a_bad_link_or_length_fails_with_the_field():
    from widgets import content

    canvas = {
        "id": "c",
        "type": "canvas",
        "title": "C",
        "fields": [{"id": "f", "label": "F"}],
        "commitments": {"count": 3, "label": "Löfte"},
        "links": [{"href": "./60_nyttokalkyl.ipynb", "text": "Nyttokalkylen"}],
        "digest": True,
    }
    parsed = parse_module(_doc(canvas)).exercises[0]
    assert isinstance(parsed, Canvas)
    assert (parsed.commitments, parsed.commitment_label, parsed.digest) == (3, "Löfte", True)
    content.validate(_doc(canvas), "exercises", "x.yaml")
    bad = dict(canvas, links=[{"href": "https://example.org", "text": "Ut"}])
    with pytest.raises(ContentError) as err:
        content.validate(_doc(bad), "exercises", "x.yaml")
    assert "links" in str(err.value)
    workshop = {
        "id": "w",
        "type": "workshop",
        "title": "W",
        "steps": [{"id": "s1", "title": "Ensam", "minutes": 1, "instruction": "Tänk."}],
    }
    assert isinstance(parse_module(_doc(workshop)).exercises[0], Workshop)
    with pytest.raises(ContentError) as err:
        content.validate(
            _doc(dict(workshop, steps=[dict(workshop["steps"][0], minutes=0)])), "exercises", "x.yaml"
        )
    assert "minutes" in str(err.value)


def test_a_field_id_used_twice_in_a_file_is_a_problem():
    data = _doc({"id": "c", "type": "canvas", "title": "C", "fields": [{"id": "c", "label": "F"}]})
    assert any("används redan" in e.message for e in problems(data, "x.yaml"))


# --- workshop timer -----------------------------------------------------------------------------------------

WORKSHOP = Workshop(
    "w",
    "1-2-4-Alla",
    (
        WorkshopStep("s1", "Ensam", 1, "Tänk själv."),
        WorkshopStep("s4", "Fyra", 4, "I fyra."),
    ),
)


def test_clock_text_and_spoken_time():
    assert clock_text(65) == "1:05"
    assert clock_text(0.2) == "0:01"
    assert clock_text(-3) == "0:00"
    assert spoken(90) == "1 minut och 30 sekunder"
    assert spoken(120) == "2 minuter"
    assert spoken(1) == "1 sekund"


def test_the_clock_runs_pauses_and_stops_itself_at_zero_announcing_only_once():
    clock = WorkshopClock(WORKSHOP)
    assert "1 minut kvar" in clock.start(100.0)
    assert clock.remaining(130.0) == 30.0
    assert clock.announcement(130.0) is None  # nothing to say in between
    assert "30 sekunder kvar" in clock.pause(130.0)
    assert clock.remaining(500.0) == 30.0  # paused: time stands still
    clock.start(500.0)
    said = clock.announcement(531.0)
    assert said and "Tiden är slut för steg 1" in said and "nästa steg" in said
    assert not clock.running and clock.announcement(532.0) is None
    clock.start(600.0)  # starting again after time up restarts the step
    assert clock.remaining(600.0) == 60.0


def test_a_long_step_warns_one_minute_before_and_the_last_step_says_so():
    clock = WorkshopClock(WORKSHOP)
    assert "Steg 2 av 2" in clock.go_to(1)
    clock.start(0.0)
    assert clock.announcement(170.0) is None
    assert clock.announcement(181.0) == "En minut kvar av steg 2."
    assert clock.announcement(182.0) is None
    assert "sista steget" in clock.announcement(241.0)
    with pytest.raises(IndexError):
        clock.go_to(2)


# --- PESTEL scan ------------------------------------------------------------------------------------------


def pestel():
    from widgets.exercises import Scan

    return next(x for x in load_module("modul1").of_type(Scan) if x.id == "m1-pestel")


def test_pestel_has_the_six_categories_and_an_even_scale():
    scan = pestel()
    assert [c.title for c in scan.categories] == [
        "Politiska",
        "Ekonomiska",
        "Sociala",
        "Teknologiska",
        "Miljömässiga",
        "Juridiska",
    ]
    assert len(scan.labels) % 2 == 0 and "Aguilar" in scan.source


def test_an_odd_scan_scale_is_a_content_problem():
    data = _doc(
        {
            "id": "s",
            "type": "scan",
            "title": "S",
            "categories": [{"id": "p", "title": "P"}],
            "scale": {"labels": ["Låg", "Mellan", "Hög"]},
        }
    )
    (problem,) = problems(data, "x.yaml")
    assert problem.field == "exercises[1].scale.labels" and "jämnt antal" in problem.message


def test_factors_are_checked_in_swedish_and_fall_in_the_right_quadrant():
    from widgets.exercises import scan as sc

    scan = pestel()
    with pytest.raises(DomainError, match="kategori"):
        sc.parse_factor(scan, 1, None, "Ny lag", 4, 4)
    with pytest.raises(DomainError, match="Skriv vilken faktor"):
        sc.parse_factor(scan, 1, "m1-pestel-j", "   ", 4, 4)
    with pytest.raises(DomainError, match="Välj sannolikhet"):
        sc.parse_factor(scan, 1, "m1-pestel-j", "Ny lag", None, 4)
    with pytest.raises(DomainError, match="mellan 1 och 4"):
        sc.parse_factor(scan, 1, "m1-pestel-j", "Ny lag", 3, 9)
    f = sc.parse_factor(scan, 1, "m1-pestel-j", "  Ny   lag ", 3, 4)
    assert f.text == "Ny lag"
    assert sc.quadrant(scan, f).startswith("Prioritera")
    assert sc.quadrant(scan, sc.Factor(2, "m1-pestel-p", "Val", 2, 3)).startswith("Bevaka")
    assert sc.quadrant(scan, sc.Factor(3, "m1-pestel-p", "X", 3, 2)).startswith("Håll koll")
    assert sc.quadrant(scan, sc.Factor(4, "m1-pestel-p", "Y", 1, 1)).startswith("Låg prioritet")


def test_saved_factors_survive_a_round_trip_and_bad_entries_are_skipped():
    from widgets.exercises import scan as sc

    scan = pestel()
    items = [sc.Factor(1, "m1-pestel-t", "AI", 4, 4), sc.Factor(2, "m1-pestel-e", "Budget", 1, 3)]
    stored = [
        *sc.encode(items),
        {"id": 3, "category": "borttagen", "text": "X", "likelihood": 1, "impact": 1},
        "x",
    ]
    assert sc.factors(scan, stored) == items
    assert sc.next_id(items) == 3
    answers = {("m1-pestel", "m1-pestel"): sc.encode(items)}
    from widgets.exercises import ModuleContent, module_progress

    row = module_progress(ModuleContent("modul1", "", (scan,)), answers).exercises[0]
    assert (row.done, row.total) == (2, 6)


def test_the_priority_chart_numbers_every_factor_and_says_it_in_words():
    from widgets.exercises import scan as sc

    scan = pestel()
    items = [
        sc.Factor(1, "m1-pestel-t", "AI & <robotar>", 4, 4),
        sc.Factor(2, "m1-pestel-e", "Budget", 4, 4),  # same spot: spread apart
        sc.Factor(3, "m1-pestel-s", "Äldre", 1, 3),
    ]
    drawing = sc.chart(scan, items)
    assert drawing.svg.count("<circle") == 3
    assert "&lt;robotar&gt;" in drawing.svg and "<robotar>" not in drawing.svg
    assert (
        "Prioritera: hög sannolikhet och hög påverkan: 1 AI & <robotar> (Teknologiska), 2 Budget"
        in drawing.alt
    )
    assert "Bevaka: låg sannolikhet men hög påverkan: 3 Äldre (Sociala)" in drawing.alt
    xs = [float(m) for m in __import__("re").findall(r'<circle cx="([\d.]+)"', drawing.svg)]
    assert xs[0] != xs[1]


def test_the_scan_word_document_lists_factors_per_category_and_by_priority():
    from docx import Document

    from widgets.exercises import scan as sc

    scan = pestel()
    items = [sc.Factor(1, "m1-pestel-j", "AI-förordningen", 4, 4)]
    text = "\n".join(p.text for p in Document(io.BytesIO(sc.to_docx(scan, "Modul 1", items))).paragraphs)
    assert "AI-förordningen – sannolikhet 4 (Hög), påverkan 4 (Hög)" in text
    assert "(inga faktorer)" in text and "Prioritera: hög sannolikhet och hög påverkan" in text
    assert "Källa: PESTEL" in text


def test_groups_name_existing_adjacent_exercises_and_never_reflections():
    ex = [
        {"id": "r", "type": "reflection", "prompt": "Varför?"},
        {"id": "a", "type": "canvas", "title": "A", "fields": [{"id": "fa", "label": "F"}]},
        {"id": "b", "type": "canvas", "title": "B", "fields": [{"id": "fb", "label": "F"}]},
    ]
    base = {"schema_version": 1, "module": "x", "title": "X", "exercises": ex}
    assert problems(dict(base, groups=[{"title": "G", "exercises": ["a", "b"]}]), "x.yaml") == []
    parsed = parse_module(dict(base, groups=[{"title": "G", "exercises": ["a", "b"]}]))
    assert parsed.group_of("b").title == "G" and parsed.group_of("r") is None
    found = problems(dict(base, groups=[{"title": "G", "exercises": ["r", "saknas"]}]), "x.yaml")
    assert [e.field for e in found] == ["groups[1].exercises[1]", "groups[1].exercises[2]"]
    assert "reflektionsfråga" in found[0].message and "finns inte" in found[1].message
    found = problems(dict(base, groups=[{"title": "G", "exercises": ["b", "a"]}]), "x.yaml")
    assert [e.field for e in found] == ["groups[1].exercises"]
