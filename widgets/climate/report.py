"""The klimatkalkyl's result as rows of text and as a Markdown export (factors with their sources, the spread
over electricity intensities, the rebound effects). Pure text: the view and the "Räkna själv" notebook use it."""

from __future__ import annotations

import datetime as dt
import re

from .. import fmt
from .factors import Factors, default_factors
from .model import Range, Result


def kg(value: float) -> str:
    """``1 234 kg`` (whole kilograms; below 10 kg one decimal), with a typographic minus."""
    decimals = 1 if abs(value) < 10 and value != 0 else 0
    return f"{fmt.number(value, decimals)}\u00a0kg".replace("-", "\u2212")


def num(value: float, most: int = 4) -> str:
    """A number with as many decimals as it needs (at most ``most``): ``10``, ``0,3725``, ``1,56``."""
    text = f"{value:.{most}f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return fmt.number(value, decimals).replace("-", "\u2212")


def rows(result: Result) -> list[tuple[str, Range]]:
    """The result's lines, each kg CO2e per year (low, likely, high)."""
    m = result.choices.meetings
    out = [
        ("Fysiska möten (resorna)", result.physical),
        ("Samma möten som videomöten" + ("" if m.camera_on else " (kameran av)"), result.video),
    ]
    if result.devices:
        out += [
            ("Enheter med nuvarande livslängd", result.devices_current),
            ("Enheter med längre livslängd", result.devices_longer),
        ]
    out += [
        (f"Dataöverföring ({result.electricity.label.lower()})", result.data),
        (f"Beräkningar ({result.electricity.label.lower()})", result.compute),
    ]
    return out


def totals(result: Result) -> list[tuple[str, Range]]:
    return [
        ("Minskning med videomöten", result.meeting_saving),
        ("Minskning med längre livslängd", result.device_saving),
        ("Minskning per år, totalt", result.saving),
        ("Det digitala valets egna utsläpp per år", result.footprint),
    ]


def _md(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", " ".join(text.split()))


def _table(lines: list[tuple[str, Range]]) -> list[str]:
    out = ["| | lågt | troligt | högt |", "|---|---:|---:|---:|"]
    out += [f"| {label} | {kg(r.low)} | {kg(r.likely)} | {kg(r.high)} |" for label, r in lines]
    return out


def to_markdown(
    result: Result, factors: Factors | None = None, today: dt.date | None = None, title: str = ""
) -> str:
    """The whole calculation as Markdown: choices, results, spread, factors with sources, rebound effects."""
    factors = factors or default_factors()
    today = today or dt.date.today()
    c = result.choices
    m = c.meetings
    mode = factors.get(m.mode)
    heading = f"# Klimatkalkyl: {_md(title)}" if title.strip() else "# Klimatkalkyl"
    lines = [heading, "", f"Sparad {fmt.date(today)}. Kilogram CO2e per år.", "", "## Dina val", ""]
    lines.append(
        f"- Möten: {num(m.per_year)} per år, {num(m.participants)} deltagare, "
        f"{num(m.km)} km per deltagare tur och retur, {mode.label.lower()}"
        + (f" med {num(m.occupants)} per bil" if mode.per == "fordon" else "")
        + f"; som videomöte {num(m.hours)} timmar, kameran {'på' if m.camera_on else 'av'}."
    )
    for d in result.devices:
        lines.append(
            f"- {d.device.label}: {num(d.use.count)} st, livslängd {num(d.use.current_years)} "
            f"år → {num(d.use.longer_years)} år."
        )
    lines.append(f"- Dataöverföring: {num(c.data.gb_per_year)} GB per år ({num(result.data_kwh)} kWh).")
    lines.append(f"- Beräkningar: {num(result.compute_kwh)} kWh per år (Green Algorithms).")
    lines.append(f"- El: {result.electricity.label}.")
    lines += ["", "## Resultat", "", *_table(rows(result)), "", *_table(totals(result)), ""]
    lines += ["## Samma el med andra elintensiteter (dataöverföring och beräkningar)", ""]
    lines += [f"- {f.label}: {kg(r.likely)}" for f, r in result.spread]
    lines += ["", "## Faktorer och källor", ""]
    for f in factors.factors:
        spread = f" (lågt {num(f.low)}, högt {num(f.high)})" if f.uncertain else ""
        lines.append(f"- {f.label}: {num(f.likely)} {f.unit}{spread}. {f.source} År: {f.year_text}.")
    lines += ["", "## Rekyleffekter – ingår inte i siffrorna", "", factors.rebound_intro, ""]
    lines += [f"- **{e.title}.** {e.text}" for e in factors.rebound]
    lines += ["", f"Källa: {factors.rebound_source}", ""]
    return "\n".join(lines)
