"""Figures and the Swedish Markdown section of the class-on-one-server load check (:mod:`.load`).

Pure functions over the JSON-ready visits, so a saved ``load.json`` renders again without a server.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter

from .kernelclient import FRONTEND_CONTROL_TIMEOUT_S

RSS_TOLERANCE = 1.10  # "back at baseline": the kernels' total RSS at most this share of the full pools' own

SLOW_S = 10.0  # p95 time to widgets above this: the class has outgrown the server
REPEAT_S = 30.0  # a visit this soon after the previous one to the same app may find its pool still refilling
NEARBY_S = 20.0  # protocol visits started this close to a browser's page are compared with it


def summary(values: list) -> dict:
    """n, p50, p95 and max (inclusive quantiles, as the rest of the bench); None when there are no values."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return {"n": 0, "p50": None, "p95": None, "max": None}
    if len(values) == 1:
        return {"n": 1, "p50": values[0], "p95": values[0], "max": values[0]}
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {"n": len(values), "p50": q[49], "p95": q[94], "max": values[-1]}


def by_presence(visits: list[dict], bins: int = 6) -> list[dict]:
    """Visits grouped by how many participants were on the server when each started (about ``bins`` groups)."""
    present = [v["present"] for v in visits if v.get("present")]
    if not present:
        return []
    width = max(1, math.ceil(max(present) / bins))
    rows = []
    for low in range(1, max(present) + 1, width):
        group = [v for v in visits if v.get("present") and low <= v["present"] < low + width]
        if not group:
            continue
        times = summary([v["widgets_s"] for v in group if v["status"] == "ok"])
        rows.append(
            {
                "present": [low, low + width - 1],
                "visits": len(group),
                "p50_s": times["p50"],
                "p95_s": times["p95"],
                "loading_mean": statistics.fmean(v["loading"] for v in group),
                "kernels_max": max(v["kernels_at_start"] or 0 for v in group),
                "failed": sum(v["status"] != "ok" for v in group),
            }
        )
    return rows


def by_repeat(visits: list[dict], within_s: float = REPEAT_S) -> dict:
    """Time to widgets of visits that came within ``within_s`` after the previous visit to the same app, and the rest.

    A preheated pool holds one or two kernels per app; the next visitor soon after takes what the refill has made.
    """
    last: dict[str, float] = {}
    soon, other = [], []
    for v in sorted(visits, key=lambda v: v["planned_s"]):
        previous = last.get(v["notebook"])
        last[v["notebook"]] = v["planned_s"]
        if v["status"] == "ok":
            (soon if previous is not None and v["planned_s"] - previous < within_s else other).append(
                v["widgets_s"]
            )
    return {"within_s": within_s, "soon": summary(soon), "other": summary(other)}


def summarise(visits: list[dict], browser: list[dict] | None = None, slow_s: float = SLOW_S) -> dict:
    """The load phase's figures from its visits (dicts, arrival order) and the browsers' pages."""
    ok = [v for v in visits if v["status"] == "ok"]
    groups = by_presence(visits)
    degraded = next((g for g in groups if g["p95_s"] is not None and g["p95_s"] > slow_s), None)
    first_failure = next((g for g in groups if g["failed"]), None)
    apps: dict[str, dict] = {}
    for notebook in sorted({v["notebook"] for v in visits}):
        mine = [v for v in visits if v["notebook"] == notebook]
        times = summary([v["widgets_s"] for v in mine if v["status"] == "ok"])
        apps[notebook] = {"visits": len(mine), "failed": sum(v["status"] != "ok" for v in mine), **times}
    pages = [b for b in browser or [] if b.get("status") == "ok"]
    nearby = [
        v["widgets_s"]
        for v in ok
        if any(abs(v["started_s"] - b["started_s"]) <= NEARBY_S for b in pages if "started_s" in b)
    ]
    return {
        "visits": len(visits),
        "status": dict(Counter(v["status"] for v in visits)),
        "not_ok": len(visits) - len(ok),
        "failures": [
            f"#{v['index']} {v['notebook']}: {v['status']} ({v['reason']})"
            for v in visits
            if v["status"] != "ok"
        ],
        "widgets_s": summary([v["widgets_s"] for v in ok]),
        "html_s": summary([v["html_s"] for v in ok]),
        "change_ms": summary([v["change_ms"] for v in ok]),
        "changed": sum(v["change_ms"] is not None for v in ok),
        "shutdown": dict(Counter(str(v["shutdown_status"]) for v in visits)),
        "states_over_frontend_timeout": sum(
            (v["widgets_s"] or 0) - (v["html_s"] or 0) > FRONTEND_CONTROL_TIMEOUT_S for v in ok
        ),
        "present_max": max((v["present"] or 0 for v in visits), default=0),
        "by_presence": groups,
        "by_repeat": by_repeat(visits),
        "degraded_at": degraded["present"] if degraded else None,
        "degraded_loading": degraded["loading_mean"] if degraded else None,
        "degraded_kernels": degraded["kernels_max"] if degraded else None,
        "first_failure_at": first_failure["present"] if first_failure else None,
        "slow_s": slow_s,
        "apps": apps,
        "browser": {
            "pages": len(browser or []),
            "not_ok": sum(b.get("status") != "ok" for b in browser or []),
            "render_s": summary([b["render_s"] for b in pages]),
            "shutdown": dict(Counter(str(b.get("shutdown_status")) for b in pages)),
            "protocol_nearby_s": summary(nearby),
            "failures": [
                f"{b.get('notebook', '?')}: {b.get('reason', '')}"
                for b in browser or []
                if b.get("status") != "ok"
            ],
        },
    }


def _f(value, pattern: str = ".2f") -> str:
    return "–" if value is None else format(value, pattern)


def _three(s: dict, pattern: str = ".2f", keys=("p50", "p95", "max")) -> str:
    return " / ".join(_f(s[k], pattern) for k in keys)


def _statuses(counts: dict[str, int]) -> str:
    """``204: 57, 403: 3`` (HTTP status: visits), ``None`` shown as "ingen"."""
    return ", ".join(f"{'ingen' if k == 'None' else k}: {n}" for k, n in sorted(counts.items())) or "–"


def _range(pair: list[int]) -> str:
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]}–{pair[1]}"


def markdown(data: dict) -> str:
    """A short Swedish section: the class's figures, where it degrades, the apps, and the cull check."""
    s, load, set_ = data["load"]["summary"], data["load"], data["settings"]
    la = data.get("load_average_start"), data.get("load_average_end")
    base = load["baseline"]
    lines = [
        "## Klassen på en server (belastning)",
        "",
        f"{data.get('started', '')}: {set_['clients']} deltagare öppnar slumpade appar under {set_['seconds']:g} s "
        f"och ändrar en indata var; de stannar på sidan till fönstrets slut och lämnar den som Voilàs sida gör. "
        "Protokollklienter som talar Voilàs HTTP- och kärnprotokoll (ingen webbläsare per deltagare), "
        f"plus {set_['browsers']} riktiga webbläsare under samma last. {data['machine']['cpus']} kärnor; "
        f"belastning (1 min) före / högst under / efter: {la[0][0] if la[0] else '–'} / "
        f"{_f(load.get('load_max'))} / {la[1][0] if la[1] else '–'}.",
        "",
        "| mått | värde |",
        "|---|---:|",
        f"| besök | {s['visits']} |",
        f"| misslyckade eller tomma sidor | {s['not_ok']} |",
        f"| tid till widgetar p50 / p95 / max (s) | {_three(s['widgets_s'])} |",
        f"| sidans HTML p50 / p95 / max (s) | {_three(s['html_s'])} |",
        f"| ändring → kärnan klar p50 / p95 (ms) | {_three(s['change_ms'], '.0f', ('p50', 'p95'))} |",
        f"| widgettillstånd efter mer än {FRONTEND_CONTROL_TIMEOUT_S:g} s (ipywidgets byter då till en fråga per modell) "
        f"| {s['states_over_frontend_timeout']} |",
        f"| flest deltagare på servern samtidigt | {s['present_max']} |",
        f"| flest kärnor samtidigt (förvärmda i vila) | {load['peak_kernels']} ({_f(base['kernels'], 'd')}) |",
        f"| största totala RSS för kärnorna, MB (i vila) | {load['peak_rss_mb']:.0f} ({_f(base['rss_mb'], '.0f')}) |",
        f"| kärnor kvar när alla lämnat | {load['after_kernels']} |",
        f"| avstängning när deltagaren lämnar (`POST /voila/api/shutdown`), svar | {_statuses(s['shutdown'])} |",
    ]
    b = s["browser"]
    if b["pages"]:
        lines += [
            f"| webbläsare: rendering p50 / max (s), {b['pages']} sidor, {b['not_ok']} fel "
            f"| {_three(b['render_s'], '.2f', ('p50', 'max'))} |",
            f"| webbläsarnas avstängning av kärnan, svar | {_statuses(b['shutdown'])} |",
            f"| protokollklienter inom ±{NEARBY_S:g} s från dem: tid till widgetar p50 (s) "
            f"| {_f(b['protocol_nearby_s']['p50'])} |",
        ]
    lines += [
        "",
        "| deltagare på servern | besök | p50 (s) | p95 (s) | laddar samtidigt (snitt) | kärnor | fel |",
    ]
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for g in s["by_presence"]:
        lines.append(
            f"| {_range(g['present'])} | {g['visits']} | {_f(g['p50_s'])} | {_f(g['p95_s'])} "
            f"| {g['loading_mean']:.1f} | {g['kernels_max']} | {g['failed']} |"
        )
    lines.append("")
    if s["degraded_at"]:
        lines.append(
            f"p95 för tid till widgetar går över {s['slow_s']:g} s vid {_range(s['degraded_at'])} deltagare på servern "
            f"(där laddade i snitt {s['degraded_loading']:.1f} sidor samtidigt, upp till {s['degraded_kernels']} kärnor)."
        )
    else:
        lines.append(
            f"p95 för tid till widgetar höll sig under {s['slow_s']:g} s upp till {s['present_max']} deltagare "
            "på servern samtidigt."
        )
    r = s["by_repeat"]
    lines.append(
        f"Besök mindre än {r['within_s']:g} s efter förra besöket på samma app (poolen fylls kanske ännu på): "
        f"{r['soon']['n']} st, p50 / p95 {_three(r['soon'], '.2f', ('p50', 'p95'))} s; övriga {r['other']['n']} st, "
        f"p50 / p95 {_three(r['other'], '.2f', ('p50', 'p95'))} s."
    )
    if s["first_failure_at"]:
        lines.append(f"Första misslyckade besök vid {_range(s['first_failure_at'])} deltagare på servern.")
    lines += ["", "| app | besök | fel | p50 (s) | max (s) |", "|---|---:|---:|---:|---:|"]
    for notebook, a in s["apps"].items():
        lines.append(f"| {notebook} | {a['visits']} | {a['failed']} | {_f(a['p50'])} | {_f(a['max'])} |")
    lines.append("")
    failures = [f"webbläsare {f}" for f in b["failures"]] + s["failures"]
    if failures:
        shown = [*failures[:25], *([f"… och {len(failures) - 25} till"] if len(failures) > 25 else [])]
        lines += ["Misslyckade eller tomma sidor:", "", *(f"- {f}" for f in shown), ""]
    cull = data.get("cull")
    if cull:
        cb = cull["baseline"]
        culled = (
            f"de övergivna sidornas kärnor var borta {cull['culled_s']:.0f} s efter att den sista sidan lämnats"
            if cull.get("culled_s") is not None
            else f"de övergivna sidornas kärnor var inte borta inom {cull['waited_limit_s']:.0f} s"
        )
        back = (
            f"servern var tillbaka vid utgångsläget efter {cull['returned_s']:.0f} s"
            if cull["returned_s"] is not None
            else "servern kom inte tillbaka till utgångsläget inom tidsgränsen"
        )
        lines += [
            "### Övergivna sidor och rensning (cull)",
            "",
            f"En andra server med `cull_interval` {set_['cull_interval']:g} s och `cull_idle_timeout` "
            f"{set_['cull_idle']:g} s: {cull['opened']} sidor öppnas och lämnas utan shutdown "
            f"({cull['failed']} misslyckades): {culled}, och {back} (utgångsläget: poolernas kärnor i vila, "
            f"RSS högst {(RSS_TOLERANCE - 1) * 100:.0f} % över; Voilà rensar aldrig en pool).",
            "",
            "| | kärnor | RSS (MB) |",
            "|---|---:|---:|",
            f"| utgångsläge | {_f(cb['kernels'], 'd')} | {_f(cb['rss_mb'], '.0f')} |",
            f"| topp | {cull['peak_kernels']} | {cull['peak_rss_mb']:.0f} |",
            f"| efter | {cull['after_kernels']} | {cull['after_rss_mb']:.0f} |",
            "",
        ]
        lines += [f"- {f}" for f in cull.get("failures", [])]
    return "\n".join(lines).rstrip() + "\n"
