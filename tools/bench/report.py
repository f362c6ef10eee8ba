"""Summaries, targets (PASS/MISS) and the JSON and Markdown reports of a benchmark run."""

from __future__ import annotations

import json
import platform
import statistics
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024

#: The targets of issue 6 (docs/performance.md).
COLD_RATIO = 1.15
PREHEATED_RATIO = 1.05
RSS_CHART_MB = 100
RSS_PLAIN_MB = 70
CHART_LATENCY_MS = 80
MONTE_CARLO_MS = 100
MONTE_CARLO_SPEEDUP = 50


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    passed: bool

    def as_dict(self) -> dict:
        return {"target": self.target, "measured": self.measured, "pass": self.passed}


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summarise_renders(results: dict, floor: str) -> dict[str, dict]:
    """Median seconds cold and preheated, ratios to the floor, median RSS (MB) per app."""
    out: dict[str, dict] = {}
    for notebook, runs in results.items():
        rss = [s.rss_bytes / MB for s in runs.cold + runs.preheated if s.rss_bytes]
        rss_cold = [s.rss_bytes / MB for s in runs.cold if s.rss_bytes]
        out[notebook] = {
            "cold_s": _median([s.seconds for s in runs.cold]),
            "cold_runs_s": [round(s.seconds, 3) for s in runs.cold],
            "preheated_s": _median([s.seconds for s in runs.preheated]),
            "preheated_runs_s": [round(s.seconds, 3) for s in runs.preheated],
            "rss_mb": _median(rss_cold or rss),
            "charts": any(s.charts for s in runs.cold + runs.preheated),
            "errors_shown": sum(s.error for s in runs.cold + runs.preheated),
        }
    base = out.get(floor, {})
    for values in out.values():
        for mode in ("cold", "preheated"):
            own, ref = values[f"{mode}_s"], base.get(f"{mode}_s")
            values[f"{mode}_ratio"] = own / ref if own is not None and ref else None
    return out


def verdicts(
    renders: dict[str, dict], floor: str, latency: dict, monte: dict | None, charts: set[str]
) -> list:
    """PASS/MISS for every target that was measured."""
    out: list[Verdict] = []
    for notebook, r in renders.items():
        if notebook == floor:
            continue
        if r["cold_ratio"] is not None:
            out.append(
                Verdict(
                    f"{notebook}: kall rendering ≤ {COLD_RATIO} × golvet",
                    f"{r['cold_ratio']:.2f} ×",
                    r["cold_ratio"] <= COLD_RATIO,
                )
            )
        if r["preheated_ratio"] is not None:
            out.append(
                Verdict(
                    f"{notebook}: förvärmd rendering ≤ {PREHEATED_RATIO} × golvet",
                    f"{r['preheated_ratio']:.2f} ×",
                    r["preheated_ratio"] <= PREHEATED_RATIO,
                )
            )
        if r["rss_mb"] is not None:
            limit = RSS_CHART_MB if notebook in charts or r["charts"] else RSS_PLAIN_MB
            out.append(
                Verdict(
                    f"{notebook}: kärnans RSS ≤ {limit} MB", f"{r['rss_mb']:.0f} MB", r["rss_mb"] <= limit
                )
            )
    for name, result in latency.items():
        if "median_ms" in result and "chart" in result.get("tags", ()):
            out.append(
                Verdict(
                    f"{name}: indata → nytt diagram ≤ {CHART_LATENCY_MS} ms (median)",
                    f"{result['median_ms']:.0f} ms",
                    result["median_ms"] <= CHART_LATENCY_MS,
                )
            )
    if monte:
        out.append(
            Verdict(
                f"Monte Carlo {monte['draws']} dragningar ≤ {MONTE_CARLO_MS} ms",
                f"{monte['model_ms']:.1f} ms",
                monte["model_ms"] <= MONTE_CARLO_MS,
            )
        )
        out.append(
            Verdict(
                f"Monte Carlo ≥ {MONTE_CARLO_SPEEDUP} × snabbare än loopen",
                f"{monte['speedup']:.1f} ×",
                monte["speedup"] >= MONTE_CARLO_SPEEDUP,
            )
        )
    return out


def machine() -> dict:
    import os

    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}


def load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages: other work on the machine shows up in every timing."""
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return None


def _fmt(value: float | None, pattern: str) -> str:
    return "–" if value is None else format(value, pattern)


def markdown(report: dict) -> str:
    """A short Markdown table of the figures and the targets."""
    m = report["machine"]
    load = report.get("load_average_start"), report.get("load_average_end")
    lines = [
        "# Prestandamätning (make bench)",
        "",
        f"{report.get('started', '')}: Python {m['python']}, {m['cpus']} kärnor; "
        f"belastning (1 min) före/efter: {load[0][0] if load[0] else '–'} / {load[1][0] if load[1] else '–'}; "
        f"{report.get('runs', {}).get('cold', 0)} kalla och {report.get('runs', {}).get('preheated', 0)} "
        "förvärmda varv (median).",
        "",
    ]
    renders = report.get("renders", {})
    imports = report.get("imports", {})
    if renders or imports:
        lines += [
            "| app | kall (s) | kall ÷ golv | förvärmd (s) | förvärmd ÷ golv | RSS (MB) | import (ms) |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for notebook in dict.fromkeys([*renders, *imports]):
            r = renders.get(notebook, {})
            i = imports.get(notebook, {})
            lines.append(
                f"| {notebook} | {_fmt(r.get('cold_s'), '.2f')} | {_fmt(r.get('cold_ratio'), '.2f')} "
                f"| {_fmt(r.get('preheated_s'), '.2f')} | {_fmt(r.get('preheated_ratio'), '.2f')} "
                f"| {_fmt(r.get('rss_mb'), '.0f')} "
                f"| {_fmt(i.get('total_us') / 1000 if i.get('total_us') else None, '.0f')} |"
            )
        lines.append("")
    latency = report.get("interactions", {})
    if latency:
        lines += ["| interaktion | median (ms) | p90 (ms) | steg |", "|---|---:|---:|---:|"]
        for name, r in latency.items():
            if "median_ms" in r:
                lines.append(f"| {name} | {r['median_ms']:.0f} | {r['p90_ms']:.0f} | {r['steps']} |")
            else:
                lines.append(f"| {name} | – | – | {r.get('skipped', '')} |")
        lines.append("")
    monte = report.get("monte_carlo")
    if monte:
        lines += [
            f"Monte Carlo {monte['draws']} × {monte['years']} år × {monte['items']} poster: "
            f"modellen {monte['model_ms']:.1f} ms, loopen {monte['loop_ms']:.0f} ms, "
            f"{monte['speedup']:.1f} × snabbare (medelvärden stämmer: {'ja' if monte['agree'] else 'NEJ'}).",
            "",
        ]
    verdict_rows = report.get("targets", [])
    if verdict_rows:
        lines += ["| mål | uppmätt | |", "|---|---:|---|"]
        lines += [
            f"| {v['target']} | {v['measured']} | {'PASS' if v['pass'] else 'MISS'} |" for v in verdict_rows
        ]
        lines.append("")
    notes = report.get("notes", [])
    if notes:
        lines += ["Noteringar:", "", *(f"- {n}" for n in notes), ""]
    # The serving parts (first visits after a fresh start, a class on one server) write their own sections.
    if report.get("first_visits"):
        from . import firstvisit

        lines += [firstvisit.markdown(report["first_visits"]), ""]
    if report.get("load"):
        from . import loadreport

        lines += [loadreport.markdown(report["load"]), ""]
    if report.get("hub"):
        from . import hub

        lines += [hub.markdown(report["hub"]), ""]
    if report.get("group_service"):
        from . import groupservice

        lines += [groupservice.markdown(report["group_service"]), ""]
    if report.get("live_poll"):
        from . import livepoll

        lines += [livepoll.markdown(report["live_poll"]), ""]
    return "\n".join(lines)


def write(report: dict, folder: Path, stem: str = "bench") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    json_path = folder / f"{stem}.json"
    md_path = folder / f"{stem}.md"
    json_path.write_text(
        json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    md_path.write_text(markdown(report), encoding="utf-8")
    return json_path, md_path
