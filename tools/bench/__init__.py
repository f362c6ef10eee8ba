"""``make bench``: how fast every app opens and answers, measured as ratios to a one-slider floor in one run.

Parts: render times (cold and preheated) and kernel RSS in headless Chromium (:mod:`.browser`), interaction
latency (registry in :mod:`.apps`), Monte Carlo against a plain loop (:mod:`.montecarlo`) and import time per app
entry point (:mod:`.importtime`). :func:`build_report` runs them; ``python -m tools.bench`` is the command.
The bench reports, it never fails: every target is printed as PASS or MISS (see docs/performance.md).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from widgets.paths import NOTEBOOKS_DIR, REPO_ROOT

from . import importtime, montecarlo, report
from .apps import CHART_APPS, FLOOR_NOTEBOOK, INTERACTIONS, App, course_apps

REPORTS_DIR = REPO_ROOT / "reports"


def serving_folder(apps: list[App], folder: Path) -> Path:
    """Copy the floor and the course's notebooks into ``folder`` (served as is, like ``notebooks/``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for app in apps:
        shutil.copyfile(app.path, folder / app.notebook)
    return folder


def measure_imports(apps: list[App], repeat: int = 5) -> dict[str, dict]:
    out = {}
    for app in apps:
        statement = importtime.FLOOR_STATEMENT if app.floor else importtime.entry_statement(app.path)
        if statement:
            out[app.notebook] = importtime.measure(statement, repeat=repeat, cwd=REPO_ROOT)
    return out


def build_report(
    *,
    browser: bool = True,
    cold_runs: int = 5,
    preheated_runs: int = 5,
    steps: int = 20,
    draws: int = 10_000,
    years: int = 20,
    items: int = 30,
    loop_draws: int | None = None,
    import_repeat: int = 5,
    only: list[str] | None = None,
    notebooks_dir: Path = NOTEBOOKS_DIR,
) -> dict:
    """Run the parts and return the report (a JSON-ready dict with the targets' verdicts)."""
    started = time.time()
    apps = course_apps(notebooks_dir)
    if only:
        apps = [a for a in apps if a.floor or a.notebook in only]
    notes: list[str] = []
    data: dict = {"machine": report.machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    data["load_average_start"] = report.load_average()

    print("Importtid per ingång (python -X importtime):", flush=True)
    data["imports"] = measure_imports(apps, import_repeat)
    for notebook, r in data["imports"].items():
        heaviest = ", ".join(
            f"{m['package']} {m['self_us'] / 1000:.0f}" for m in r.get("top_packages", [])[:3]
        )
        print(f"  {notebook:44} {r.get('total_us', 0) / 1000:6.0f} ms  ({heaviest})", flush=True)

    print(f"Monte Carlo {draws} × {years} år × {items} poster:", flush=True)
    monte = montecarlo.compare(draws=draws, years=years, items=items, loop_draws=loop_draws)
    data["monte_carlo"] = monte
    print(
        f"  modellen {monte['model_ms']:.1f} ms, loopen {monte['loop_ms']:.0f} ms → {monte['speedup']:.1f} ×",
        flush=True,
    )

    renders: dict = {}
    latency: dict = {}
    if browser:
        present = {a.notebook for a in apps}
        interactions = []
        for interaction in INTERACTIONS:
            if interaction.notebook in present:
                interactions.append(interaction)
            elif not (notebooks_dir / interaction.notebook).exists():
                note = f"Interaktionen '{interaction.name}' hoppas över: {interaction.notebook} finns inte (ännu)."
                print("  " + note)
                notes.append(note)
        from .browser import run

        with tempfile.TemporaryDirectory(prefix="digikomp-bench-") as tmp:
            work = Path(tmp)
            folder = serving_folder(apps, work / "notebooks")
            samples, latency = run(folder, apps, interactions, cold_runs, preheated_runs, steps, work)
        renders = report.summarise_renders(samples, FLOOR_NOTEBOOK)
        for name, result in latency.items():
            if "skipped" in result:
                notes.append(f"Interaktionen '{name}' hoppades över: {result['skipped']}.")
        for notebook, r in renders.items():
            if r["errors_shown"]:
                notes.append(
                    f"{notebook} visade ett fel i {r['errors_shown']} körningar: tiderna gäller felsidan."
                )
    data["renders"] = renders
    data["interactions"] = latency
    data["runs"] = {"cold": cold_runs if browser else 0, "preheated": preheated_runs if browser else 0}
    data["targets"] = [
        v.as_dict() for v in report.verdicts(renders, FLOOR_NOTEBOOK, latency, monte, set(CHART_APPS))
    ]
    data["notes"] = notes
    data["load_average_end"] = report.load_average()
    data["seconds"] = round(time.time() - started, 1)
    return data


__all__ = ["REPORTS_DIR", "build_report", "serving_folder"]
