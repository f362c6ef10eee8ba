"""The two pages about the service: Tillgänglighetsredogörelse (``96_…``) and Personuppgifter (``97_…``).

Each page is one HTML widget built from its content file and the deployment settings: no controls, nothing read
per visitor, so a preheated kernel serves it at once and a cold one builds it in a few milliseconds after the
content is loaded. Every text goes through :func:`~widgets.ui.html.esc`; a setting not filled in yet is shown as a
marked "Ej ifyllt", and the page says so at the top."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

import ipywidgets as w

from .. import fmt
from ..about.pages import (
    Page,
    Section,
    Shortcoming,
    Statement,
    Table,
    load_privacy,
    load_statement,
    split_text,
)
from ..about.settings import ServiceSettings, load_settings
from ..paths import NOTEBOOKS_DIR
from ..ui.html import bullets, esc, link, tag

PLACEHOLDER = tag("mark", "Ej ifyllt", cls="dk-placeholder")


class _Filler:
    """Turns texts with ``{key}`` into HTML and remembers whether a placeholder was shown."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        self.placeholders = 0

    def value(self, value: str | None) -> str:
        if value is None:
            self.placeholders += 1
            return PLACEHOLDER
        return esc(value)

    def text(self, text: str) -> str:
        return "".join(
            self.value(self.settings.value(part[0])) if isinstance(part, tuple) else esc(part)
            for part in split_text(text)
        )

    def p(self, text: str) -> str:
        return tag("p", raw=self.text(text))

    def contact(self, group: str) -> str:
        rows = []
        for key, label, value in self.settings.contacts(group):
            if value is not None and key.endswith("e_post"):
                shown = link(f"mailto:{value}", value)
            else:
                shown = self.value(value)
            rows.append(tag("dt", label) + tag("dd", raw=shown))
        return tag("dl", cls="dk-contact", raw="".join(rows))


def _date(iso: str) -> str:
    return fmt.date(dt.date.fromisoformat(iso))


@cache
def page_titles() -> dict[str, str]:
    """Notebook file name -> the page's title (without the course name), for "Gäller: …"."""
    titles = {}
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        title = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("title", path.stem)
        titles[path.name] = title.split(" – Digital kompetens")[0]
    return titles


def table_html(t: Table, fill: _Filler) -> str:
    """The table in its own scrolling region, reachable by keyboard, so a narrow screen keeps its columns."""
    head = tag("tr", raw="".join(tag("th", h, scope="col") for h in t.headers))
    body = "".join(tag("tr", raw="".join(tag("td", raw=fill.text(c)) for c in row)) for row in t.rows)
    markup = tag(
        "table",
        cls="dk-table",
        raw=tag("caption", t.caption) + tag("thead", raw=head) + tag("tbody", raw=body),
    )
    return tag("div", cls="dk-table-scroll", role="region", aria_label=t.caption, tabindex="0", raw=markup)


def section_html(section: Section, fill: _Filler) -> str:
    out = tag("h2", section.heading, id=f"dk-{section.id}") + "".join(fill.p(t) for t in section.text)
    if section.items:
        out += tag("ul", raw="".join(tag("li", raw=fill.text(i)) for i in section.items))
    if section.table:
        out += table_html(section.table, fill)
    if section.contact:
        out += fill.contact(section.contact)
    out += "".join(tag("p", raw=link(href, text)) for text, href in section.links)
    return out + "".join(fill.p(t) for t in section.after)


def shortcoming_html(item: Shortcoming) -> str:
    titles = page_titles()
    pages = ", ".join(titles.get(p, p) for p in item.pages) if item.pages else "alla sidor"
    return tag(
        "div",
        cls="dk-card",
        raw=tag("h3", item.title)
        + tag("p", item.description)
        + bullets(
            [
                "Krav i WCAG 2.1: " + "; ".join(item.wcag),
                f"Gäller: {pages}",
                "Hittad av: "
                + ("det automatiska testet axe-core" if item.found_by == "axe" else "egen granskning"),
                f"Det här gör vi: {item.action}",
                f"Senast kontrollerad: {_date(item.checked)}",
            ]
        ),
    )


def _notice(fill: _Filler) -> str:
    if not fill.placeholders:
        return ""
    return tag(
        "p",
        cls="dk-notice",
        raw=tag("strong", "Uppgifter saknas. ")
        + esc(
            "Några uppgifter på sidan är inte ifyllda än och visas som ”Ej ifyllt”. Den som driver kursmiljön "
            f"fyller i dem i {fill.settings.file}. Till dess: fråga kursens lärare."
        ),
    )


def _frame(page: Page, fill: _Filler, body: str, updated_text: str) -> str:
    footer = ""
    if page.updated:
        footer += tag("p", f"{updated_text} {_date(page.updated)}.", cls="dk-muted")
    footer += tag("p", f"Källa: {page.source}", cls="dk-source")
    head = tag("h1", page.title) + fill.p(page.intro)
    return head + _notice(fill) + body + footer


def statement_html(statement: Statement, settings: ServiceSettings) -> str:
    fill = _Filler(settings)
    body = tag("h2", statement.compliance_heading) + fill.p(statement.compliance_text)
    for section in statement.sections:
        body += section_html(section, fill)
    body += tag("h2", statement.shortcomings_heading, id="dk-kanda-brister")
    if statement.shortcomings:
        body += fill.p(statement.shortcomings_intro) + "".join(map(shortcoming_html, statement.shortcomings))
    else:
        body += fill.p(statement.shortcomings_none)
    body += tag("h2", statement.assessment_heading) + "".join(fill.p(t) for t in statement.method)
    body += tag("p", f"Den senaste bedömningen gjordes {_date(statement.assessed)}.")
    return _frame(statement, fill, body, "Redogörelsen uppdaterades senast")


def privacy_html(page: Page, settings: ServiceSettings) -> str:
    fill = _Filler(settings)
    body = "".join(section_html(s, fill) for s in page.sections)
    return _frame(page, fill, body, "Sidan uppdaterades senast")


def _page(html: str, cls: str) -> w.VBox:
    box = w.VBox([w.HTML(html)])
    box.add_class("dk-about")
    box.add_class(cls)
    return box


def tillganglighet_app(settings: ServiceSettings | None = None, statement: Statement | None = None) -> w.VBox:
    """Build the Tillgänglighetsredogörelse page (notebooks/96_tillganglighetsredogorelse.ipynb)."""
    return _page(
        statement_html(statement or load_statement(), settings or load_settings()), "dk-tillganglighet"
    )


def personuppgifter_app(settings: ServiceSettings | None = None, page: Page | None = None) -> w.VBox:
    """Build the Personuppgifter page (notebooks/97_personuppgifter.ipynb)."""
    return _page(privacy_html(page or load_privacy(), settings or load_settings()), "dk-personuppgifter")
