"""The two "om tjänsten" pages as content: the accessibility statement (``data/tillganglighetsredogorelse.yaml``)
and the privacy notice (``data/personuppgifter.yaml``), validated like all content.

Beyond the schemas: a ``{key}`` in a text must be a value the settings file provides; the statement's compliance
level must agree with its list of known shortcomings (``helt`` only with none, ``delvis``/``inte`` with at least
one); shortcomings name existing pages, and only those found by axe-core carry an ``axe_rule``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import content
from ..errors import ContentError
from ..paths import DATA_DIR, NOTEBOOKS_DIR
from .settings import TEXT_VALUES

STATEMENT_FILE = DATA_DIR / "tillganglighetsredogorelse.yaml"
PRIVACY_FILE = DATA_DIR / "personuppgifter.yaml"
TOKEN = re.compile(r"\{([^{}]*)\}")
LEVELS = {"helt": "helt förenlig", "delvis": "delvis förenlig", "inte": "inte förenlig"}


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    text: tuple[str, ...]
    items: tuple[str, ...] = ()
    table: Table | None = None
    contact: str | None = None  # a contact group of the settings file
    after: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (text, href)


@dataclass(frozen=True)
class Shortcoming:
    id: str
    title: str
    description: str
    wcag: tuple[str, ...]
    pages: tuple[str, ...]  # empty: every page
    found_by: str  # "axe", "omflode" (the reflow test at 320 px) or "manuell"
    action: str
    checked: str
    axe_rule: str | None = None


@dataclass(frozen=True)
class Page:
    title: str
    intro: str
    sections: tuple[Section, ...]
    source: str
    updated: str | None = None


@dataclass(frozen=True)
class Statement(Page):
    compliance_heading: str = ""
    level: str = "delvis"
    compliance_text: str = ""
    shortcomings_heading: str = ""
    shortcomings_intro: str = ""
    shortcomings_none: str = ""
    shortcomings: tuple[Shortcoming, ...] = ()
    assessment_heading: str = ""
    assessed: str = ""
    method: tuple[str, ...] = ()


def split_text(text: str) -> list[str | tuple[str]]:
    """Plain parts and ``(key,)`` for each ``{key}``, in order."""
    out: list[str | tuple[str]] = []
    last = 0
    for match in TOKEN.finditer(text):
        if match.start() > last:
            out.append(text[last : match.start()])
        out.append((match.group(1),))
        last = match.end()
    if last < len(text):
        out.append(text[last:])
    return out


def _check_tokens(data: object, name: str, field: str = "") -> None:
    if isinstance(data, str):
        for key in TOKEN.findall(data):
            if key not in TEXT_VALUES:
                known = ", ".join("{" + k + "}" for k in TEXT_VALUES)
                raise ContentError(
                    name, field or "(filen)", f"{{{key}}} är ingen känd uppgift; kända: {known}"
                )
    elif isinstance(data, dict):
        for key, value in data.items():
            _check_tokens(value, name, f"{field}.{key}" if field else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _check_tokens(value, name, f"{field}[{i + 1}]")


def _sections(data: dict, name: str) -> tuple[Section, ...]:
    seen: set[str] = set()
    out = []
    for i, s in enumerate(data["sections"]):
        if s["id"] in seen:
            raise ContentError(name, f"sections[{i + 1}].id", f"{s['id']!r} finns redan")
        seen.add(s["id"])
        table = None
        if "table" in s:
            t = s["table"]
            for r, row in enumerate(t["rows"]):
                if len(row) != len(t["headers"]):
                    raise ContentError(
                        name,
                        f"sections[{i + 1}].table.rows[{r + 1}]",
                        f"har {len(row)} celler men tabellen har {len(t['headers'])} kolumner",
                    )
            table = Table(t["caption"], tuple(t["headers"]), tuple(tuple(row) for row in t["rows"]))
        out.append(
            Section(
                s["id"],
                s["heading"],
                tuple(s["text"]),
                tuple(s.get("items", ())),
                table,
                s.get("contact"),
                tuple(s.get("after", ())),
                tuple((link["text"], link["href"]) for link in s.get("links", ())),
            )
        )
    return tuple(out)


def _load(path: Path, kind: str) -> tuple[dict, str]:
    name = content.display_name(path)
    data = content.load_yaml(path, kind)
    _check_tokens(data, name)
    return data, name


def load_privacy(path: Path | str = PRIVACY_FILE) -> Page:
    data, name = _load(Path(path), "privacy_notice")
    return Page(data["title"], data["intro"], _sections(data, name), data["source"], data.get("updated"))


def _shortcomings(items: list[dict], name: str, notebooks: set[str]) -> tuple[Shortcoming, ...]:
    seen: set[str] = set()
    out = []
    for i, s in enumerate(items):
        where = f"shortcomings.items[{i + 1}]"
        if s["id"] in seen:
            raise ContentError(name, f"{where}.id", f"{s['id']!r} finns redan")
        seen.add(s["id"])
        for page in s["pages"]:
            if page not in notebooks:
                raise ContentError(name, f"{where}.pages", f"sidan {page} finns inte i notebooks/")
        if s["found_by"] != "axe" and "axe_rule" in s:
            raise ContentError(
                name, f"{where}.axe_rule", "hör bara till brister som axe-core hittat (found_by: axe)"
            )
        out.append(
            Shortcoming(
                s["id"], s["title"], s["description"], tuple(s["wcag"]), tuple(s["pages"]), s["found_by"],
                s["action"], s["checked"], s.get("axe_rule"),
            )
        )  # fmt: skip
    return tuple(out)


def load_statement(path: Path | str = STATEMENT_FILE, notebooks_dir: Path = NOTEBOOKS_DIR) -> Statement:
    data, name = _load(Path(path), "accessibility_statement")
    notebooks = {p.name for p in notebooks_dir.glob("*.ipynb")}
    shortcomings = _shortcomings(data["shortcomings"]["items"], name, notebooks)
    level = data["compliance"]["level"]
    if level == "helt" and shortcomings:
        raise ContentError(name, "compliance.level", "”helt” förenlig går inte med kända brister i listan")
    if level != "helt" and not shortcomings:
        raise ContentError(name, "compliance.level", f"”{level}” förenlig kräver att bristerna står i listan")
    if LEVELS[level] not in data["compliance"]["text"]:
        raise ContentError(name, "compliance.text", f"ska säga ”{LEVELS[level]}” som compliance.level anger")
    c, s, a = data["compliance"], data["shortcomings"], data["assessment"]
    return Statement(
        title=data["title"],
        intro=data["intro"],
        sections=_sections(data, name),
        source=data["source"],
        updated=data.get("updated"),
        compliance_heading=c["heading"],
        level=level,
        compliance_text=c["text"],
        shortcomings_heading=s["heading"],
        shortcomings_intro=s["intro"],
        shortcomings_none=s["none"],
        shortcomings=shortcomings,
        assessment_heading=a["heading"],
        assessed=a["date"],
        method=tuple(a["method"]),
    )
