"""The pure parts of the first-visit benchmark: visiting orders, classification, summary, verdicts, report."""

from __future__ import annotations

import json
import sys

import pytest

from widgets.paths import REPO_ROOT

if str(REPO_ROOT) not in sys.path:  # tools/ is not installed; the bench runs from the repository
    sys.path.insert(0, str(REPO_ROOT))

from tools.bench import firstvisit

APPS = [f"{n:02}_app.ipynb" for n in range(10)]


def test_orders_are_seeded_permutations_and_every_app_comes_first():
    runs = firstvisit.orders(APPS, starts=10, seed=3)
    assert runs == firstvisit.orders(APPS, starts=10, seed=3)
    assert runs != firstvisit.orders(APPS, starts=10, seed=4)
    assert all(sorted(order) == APPS for order in runs)
    assert {order[0] for order in runs} == set(APPS)
    assert len({tuple(order) for order in runs}) == 10
    assert len(firstvisit.orders(APPS[:3], starts=7, seed=0)) == 7


@pytest.mark.parametrize(
    ("outcome", "shown", "seen", "reloads", "kind"),
    [
        ("ready", {}, [], 0, "ok"),
        ("ready", {"alert": None, "watchdog": None}, ["watchdog"], 0, "recovered"),
        ("ready", {}, [], 1, "recovered"),
        ("ready", {"watchdog": "Sidan svarar inte"}, ["watchdog"], 0, "alert"),
        ("ready", {"alert": "Något gick fel"}, [], 0, "alert"),
        ("error", {}, ["error"], 0, "error"),
        (None, {"watchdog": "Sidan svarar inte"}, ["watchdog"], 0, "blank"),
        (None, {}, [], 0, "blank"),
    ],
)
def test_a_visit_is_classified_by_what_the_page_showed(outcome, shown, seen, reloads, kind):
    assert firstvisit.classify(outcome, shown, seen, reloads) == kind


def _visit(app, seconds, kind="ok", start=1, position=1):
    return {"app": app, "seconds": seconds, "kind": kind, "start": start, "position": position, "seen": []}


def _sample():
    first = [
        _visit("a", 2.0, start=1, position=1),
        _visit("b", 1.0, start=1, position=2),
        _visit("b", None, "blank", start=2, position=1),
        _visit("a", 3.0, "recovered", start=2, position=2),
        _visit("a", 4.0, start=3, position=1),
        _visit("b", 1.2, "error", start=3, position=2),
    ]
    later = [
        _visit("a", 2.0),
        _visit("a", 2.0),
        _visit("b", 1.0),
        _visit("b", 1.1),
        _visit("b", None, "blank"),
    ]
    return first, later


def test_summary_medians_ratios_positions_totals_and_verdicts():
    first, later = _sample()
    s = firstvisit.summarise(first, later, bound=60.0)
    a, b = s["apps"]["a"], s["apps"]["b"]
    assert (a["first_s"], a["later_s"], a["ratio"], a["worst_first_s"]) == (3.0, 2.0, 1.5, 4.0)
    # a blank page counts as the bound; a failed later visit is left out of the later median
    assert (b["first_s"], b["later_s"], b["worst_first_s"], b["failures"]) == (1.2, 1.05, 60.0, 2)
    assert b["ratio"] == pytest.approx(1.2 / 1.05)
    assert s["positions"][1] == {"visits": 3, "median_s": 4.0, "median_ratio": 2.0, "blank": 1}
    assert s["positions"][2]["visits"] == 3
    assert s["totals"] == {
        "first_visits": 6,
        "ok": 3,
        "recovered": 1,
        "blank": 1,
        "error": 1,
        "alert": 0,
        "later_failures": 1,
    }
    verdicts = {v["target"].split(":")[0]: v for v in s["targets"]}
    assert verdicts["a"]["pass"] is False and verdicts["a"]["measured"] == "1.50 ×"
    assert verdicts["b"]["pass"] is True
    blank = next(v for v in s["targets"] if v["target"].startswith("blanka sidor"))
    assert blank["pass"] is False and blank["measured"].startswith("1 av 6")


def test_no_blank_page_passes_only_after_enough_starts():
    ok = [_visit("a", 1.0, start=n) for n in range(1, 11)]
    s = firstvisit.summarise(ok, [_visit("a", 1.0)], bound=60.0)
    assert all(v["pass"] for v in s["targets"])
    s = firstvisit.summarise(ok[:2], [_visit("a", 1.0)], bound=60.0)
    assert [v["pass"] for v in s["targets"]] == [True, False]


def test_markdown_shows_the_tables_totals_and_pass_miss():
    first, later = _sample()
    data = {
        "started": "2026-12-01 10:00:00",
        "starts": 3,
        "later": 2,
        "delay": 12.0,
        "bound": 60.0,
        "seed": 0,
    }
    data |= {"load_average_start": [1.0, 1.0, 1.0], "load_average_end": None, "notes": ["Nystart 2: blank"]}
    data["summary"] = firstvisit.summarise(first, later, 60.0)
    json.dumps(data)  # JSON-ready
    text = firstvisit.markdown(data)
    assert "| a | 3.00 | 2.00 | 1.50 | 4.00 | 0 |" in text
    assert "| b | 1.20 | 1.05 | 1.14 | 60.00 | 2 |" in text
    assert "| 1 | 3 | 4.00 | 2.00 | 1 |" in text
    assert "blanka sidor: 1; sidor med fel: 1" in text and "återhämtade sig själva: 1" in text
    assert "| a: första besöket ≤ 1.3 × senare besök | 1.50 × | MISS |" in text
    assert "| b: första besöket ≤ 1.3 × senare besök | 1.14 × | PASS |" in text
    assert "- Nystart 2: blank" in text


def test_server_log_errors_are_the_exceptions_and_error_lines():
    log = (
        "[CourseVoila] Kernel started: abc\n"
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in <module>\n'
        "AttributeError: module 'ipywidgets' has no attribute 'DescriptionStyle'\n"
        "[CourseVoila] ERROR | Preheating 90_slutkonferens.ipynb failed 3 times in a row\n"
        "[CourseVoila] ERROR | Preheating 90_slutkonferens.ipynb failed 3 times in a row\n"
    )
    assert firstvisit.log_errors(log) == [
        "AttributeError: module 'ipywidgets' has no attribute 'DescriptionStyle'",
        "[CourseVoila] ERROR | Preheating 90_slutkonferens.ipynb failed 3 times in a row",
    ]


def test_pool_kernels_follow_the_configured_pool_sizes(tmp_path):
    config = tmp_path / "voila.json"
    config.write_text(
        json.dumps(
            {
                "VoilaConfiguration": {"default_pool_size": 1},
                "VoilaKernelManager": {
                    "kernel_pools_config": {"default": {"pool_size": 1}, "b": {"pool_size": 3}}
                },
            }
        )
    )
    assert firstvisit.pool_kernels(["a", "b", "c"], config) == 5
