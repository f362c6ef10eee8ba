"""The Start page: what the program is, its goals, upcoming sessions, every module and conference, the calendar."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

import ipywidgets as w

from ..paths import NOTEBOOKS_DIR
from ..program import Program, default_program, load_organisations, upcoming
from ..ui.html import bullets, esc, link, tag
from .schedule import CalendarDownload, app_href, event_card, now_local, session_text
from .session import wait_for_visit

UPCOMING_LIMIT = 5


def about_html(program: Program) -> str:
    goals = "".join(tag("li", raw=tag("strong", g.title) + " – " + esc(g.text)) for g in program.goals)
    national = (
        tag("p", raw="Det nationella målet för digitaliseringspolitiken: " + tag("em", program.national_goal))
        if program.national_goal
        else ""
    )
    return (
        tag("h2", "Om programmet")
        + tag("p", program.summary)
        + tag("p", raw=tag("strong", "Huvudmål: ") + esc(program.main_goal))
        + national
        + tag("h3", "Delmål")
        + tag("ul", raw=goals)
        + tag("p", f"Källa: {program.source}.", cls="dk-source")
    )


def upcoming_html(program: Program, now: dt.datetime) -> str:
    pairs = upcoming(program, now, UPCOMING_LIMIT)
    heading = tag("h2", "Kommande tillfällen")
    if not pairs:
        return heading + tag("p", f"Alla tillfällen i {program.round} års omgång är genomförda.")
    items = []
    for event, session in pairs:
        href = app_href(event)
        name = link(href, event.label) if href else esc(event.label)
        items.append(tag("li", raw=tag("strong", session_text(session)) + " – " + name))
    return heading + tag("ul", raw="".join(items))


def events_html(program: Program, now: dt.datetime) -> str:
    ordered = sorted(program.events, key=lambda e: e.sessions[0].start)
    return tag("h2", "Moduler och konferenser") + "".join(event_card(e, now) for e in ordered)


def tools_html(program: Program) -> str:
    """Links to the program-wide apps that exist (an app not yet built is not linked)."""
    items = [
        tag("li", raw=link(f"./{t.notebook}", t.title) + " – " + esc(t.description))
        for t in program.tools
        if (NOTEBOOKS_DIR / t.notebook).exists()
    ]
    return tag("h2", "Verktyg") + tag("ul", raw="".join(items)) if items else ""


#: The "Räkna själv" notebooks' folder in notebooks/ (JupyterLab only; see widgets/serving/labonly.py).
CODE_DIR = "rakna-sjalv"


def code_html() -> str:
    """Links to the "Räkna själv" notebooks, which open in JupyterLab.

    ``href`` suits the hub and the standalone server (the Start page's folder is the server's root; the
    standalone server answers ``/lab/…`` with how to open the notebook); ``data-dk-lab`` lets the template's
    script point the link at JupyterLab wherever the page is served from (``make lab`` serves the repository)."""
    import json

    items = []
    for path in sorted((NOTEBOOKS_DIR / CODE_DIR).glob("*.ipynb")):
        title = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("title", path.stem)
        rel = f"{CODE_DIR}/{path.name}"
        title = title.removeprefix("Räkna själv: ")
        title = title[:1].upper() + title[1:]
        items.append(
            tag(
                "li",
                raw=tag("a", title, href=f"../../lab/tree/{rel}", data_dk_lab=rel),
            )
        )
    if not items:
        return ""
    return (
        tag("h2", "För dig som vill se koden")
        + tag(
            "p",
            "”Räkna själv”: anteckningsböcker som visar hur Nyttokalkylen och klimatkalkylen räknar, steg för steg, "
            "med samma funktioner som apparna. De öppnas i JupyterLab, där du kan läsa och köra koden (på din egen "
            "dator: kör make lab i kursens mapp).",
        )
        + tag("ul", raw="".join(items))
    )


#: Headings for a group of organisations of one type (data/organisationer.csv) when there are several.
PLURAL = {
    "kommun": "kommuner",
    "kommunalt bolag": "kommunala bolag",
    "regionalt bolag": "regionala bolag",
    "region": "regioner",
    "kommunalförbund": "kommunalförbund",
    "myndighet": "myndigheter",
}


def organisations_html() -> str:
    orgs = load_organisations()
    parts = [tag("h2", "Deltagande organisationer")]
    parts.append(
        tag(
            "p",
            f"{len(orgs)} offentliga verksamheter i och kring Östergötland deltar. "
            "(Informationsbladet skriver ”totalt 20”, men namnger de 19 som listas här.)",
        )
    )
    for kind, group in groupby(orgs, key=lambda o: o.type):
        members = list(group)
        heading = PLURAL.get(kind, kind) if len(members) > 1 else kind
        parts.append(tag("h3", f"{heading[0].upper() + heading[1:]} ({len(members)})"))
        parts.append(
            bullets(f"{o.name} ({o.county})" if o.county != "Östergötlands län" else o.name for o in members)
        )
    return "".join(parts)


def start_app(program: Program | None = None, now: dt.datetime | None = None) -> w.VBox:
    """Build the Start page; ``now`` is injectable for tests (default: the current time in Stockholm).

    Everything that does not depend on the visit (the program, the calendar file, the organisations) is built
    before :func:`wait_for_visit`, so a preheated kernel has it ready; only the date-dependent parts (upcoming
    sessions, past sessions marked on the cards) are filled in when the page is requested. Static HTML is joined
    into few widgets: every widget is three models the browser must fetch before the page shows.
    """
    program = program or default_program()
    calendar_intro = tag("h2", "Kalender") + tag(
        "p",
        "Lägg in programmets tillfällen i din kalender. Filen fungerar i Outlook, Google Kalender och Apple Kalender; "
        "importerar du en ny version uppdateras tillfällena i stället för att dubbleras.",
    )
    heading = tag("h1", program.name) + tag(
        "p", f"{program.provider} · omgången {program.round}", cls="dk-muted"
    )
    dated = w.HTML()
    calendar = CalendarDownload(program)
    organisations = w.HTML(organisations_html())
    page = w.VBox([dated, calendar, organisations])
    page.add_class("dk-start")
    code = code_html()
    wait_for_visit()
    now = now or now_local(program)
    dated.value = (
        heading
        + upcoming_html(program, now)
        + tools_html(program)
        + about_html(program)
        + events_html(program, now)
        + code
        + calendar_intro
    )
    return page
