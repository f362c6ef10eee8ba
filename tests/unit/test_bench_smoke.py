"""A fast run of ``make bench``'s non-browser parts with tiny sizes, and the report's structure."""

from __future__ import annotations

import json
import sys

import pytest

from widgets.paths import REPO_ROOT

if str(REPO_ROOT) not in sys.path:  # tools/ is not installed; the bench runs from the repository
    sys.path.insert(0, str(REPO_ROOT))

from tools.bench import build_report, importtime, montecarlo, report
from tools.bench.apps import FLOOR_SOURCE, INTERACTIONS, course_apps

SAMPLE = """\
import time: self [us] | cumulative | imported package
import time:       120 |        120 |   _io
import time:      2500 |       2600 |     yaml.error
import time:       900 |       3500 |   yaml
import time:     40000 |      45000 | widgets.apps.start
"""


def test_importtime_output_is_parsed_into_totals_and_the_heaviest_modules():
    rows = importtime.parse(SAMPLE)
    assert rows[0] == ("_io", 120, 120)
    summary = importtime.summarise(rows, top=2)
    assert summary["total_us"] == 120 + 2500 + 900 + 40000
    assert [m["module"] for m in summary["top_modules"]] == ["widgets.apps.start", "yaml.error"]
    assert summary["top_packages"][1] == {"package": "yaml", "self_us": 3400}


def test_a_notebooks_entry_point_is_its_import_lines():
    start = REPO_ROOT / "notebooks" / "00_start.ipynb"
    assert importtime.entry_statement(start) == "from widgets.apps.start import start_app"
    assert importtime.entry_statement(FLOOR_SOURCE) == "import ipywidgets as w"


def test_the_loop_and_the_model_simulate_the_same_case():
    result = montecarlo.compare(draws=400, years=5, items=4, repeat=1)
    assert result["agree"], result
    assert result["model_ms"] > 0 and result["loop_ms"] > 0
    assert result["speedup"] == pytest.approx(result["loop_ms"] / result["model_ms"])


def test_the_floor_is_a_clean_notebook_with_the_course_template():
    data = json.loads(FLOOR_SOURCE.read_text(encoding="utf-8"))
    assert data["metadata"]["voila"]["template"] == "digikomp"
    assert all(cell.get("outputs", []) == [] for cell in data["cells"])
    assert course_apps()[0].floor


def test_every_interaction_names_its_selectors_and_how_to_change_the_input():
    for interaction in INTERACTIONS:
        assert interaction.kind in {"select", "number", "click"}
        assert interaction.input and interaction.output and interaction.watch and interaction.note
        assert interaction.kind != "number" or interaction.values


def test_report_without_browser_has_imports_monte_carlo_and_verdicts(tmp_path):
    data = build_report(
        browser=False,
        draws=300,
        years=5,
        items=3,
        import_repeat=1,
        only=["00_start.ipynb"],
    )
    assert set(data["imports"]) == {"floor.ipynb", "00_start.ipynb"}
    assert data["imports"]["00_start.ipynb"]["total_us"] > 0
    assert len(data["imports"]["00_start.ipynb"]["top_modules"]) == 5
    assert data["renders"] == {} and data["interactions"] == {}
    targets = {v["target"] for v in data["targets"]}
    assert any(t.startswith("Monte Carlo") for t in targets)
    assert all(isinstance(v["pass"], bool) for v in data["targets"])
    json_path, md_path = report.write(data, tmp_path)
    assert json.loads(json_path.read_text(encoding="utf-8"))["monte_carlo"]["draws"] == 300
    assert "| mål | uppmätt |" in md_path.read_text(encoding="utf-8")


def test_render_figures_become_ratios_to_the_floor_and_verdicts():
    from tools.bench.browser import AppRuns, Sample

    def runs(seconds, rss_mb):
        samples = [Sample(s, int(rss_mb * report.MB), charts=False, error=False) for s in seconds]
        return AppRuns(cold=samples, preheated=samples)

    renders = report.summarise_renders(
        {"floor.ipynb": runs([2.0, 2.2, 2.1], 50), "00_start.ipynb": runs([2.2, 2.3, 2.4], 80)}, "floor.ipynb"
    )
    assert renders["00_start.ipynb"]["cold_ratio"] == pytest.approx(2.3 / 2.1)
    verdicts = {v.target: v.passed for v in report.verdicts(renders, "floor.ipynb", {}, None, set())}
    assert verdicts["00_start.ipynb: kall rendering ≤ 1.15 × golvet"] is True
    assert verdicts["00_start.ipynb: förvärmd rendering ≤ 1.05 × golvet"] is False
    assert verdicts["00_start.ipynb: kärnans RSS ≤ 70 MB"] is False


def test_validated_content_is_read_from_the_cache_without_jsonschema(tmp_path, monkeypatch):
    """The cold-kernel saving the bench measures: a second load comes from the cache, never from the validator."""
    from widgets import content
    from widgets.program import PROGRAM_FILE

    monkeypatch.setenv(content.CACHE_DIR_ENV, str(tmp_path))
    first = content.load_yaml(PROGRAM_FILE, "program")
    assert list((tmp_path / "content").glob("program-*.json"))

    def no_validation(*args, **kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr(content, "validate", no_validation)
    assert content.load_yaml(PROGRAM_FILE, "program") == first
    monkeypatch.setenv(content.CACHE_DIR_ENV, "")
    with pytest.raises(AssertionError, match="validated again"):
        content.load_yaml(PROGRAM_FILE, "program")
