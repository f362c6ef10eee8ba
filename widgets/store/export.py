"""Export of the lärlogg to Markdown and Word (.docx): pure builders from entries to text or bytes.

Entries are grouped under one heading per module, in course order when ``modules`` (id -> title, in order) is
given, each under a Swedish date heading with the prompt it answered. The participant's own text is kept as
typed, except that Markdown could otherwise turn it into HTML or headings: ``<`` and a leading ``#`` are
escaped."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping

from .. import fmt
from ..wordfile import add_text, clean, new_document, paragraph
from .models import Entry, local, utc_now

TITLE = "Min lärlogg"
_MD_LINE_START = re.compile(r"^(\s{0,3})([#>])", re.MULTILINE)


def _when(moment: dt.datetime) -> str:
    at = local(moment)
    return f"{fmt.date(at.date())}, kl. {fmt.clock(at.time())}"


def group_by_module(
    entries: Iterable[Entry], modules: Mapping[str, str] | None = None, module: str | None = None
) -> list[tuple[str, str, list[Entry]]]:
    """``(module_id, title, entries oldest first)`` in course order; unknown modules follow alphabetically."""
    modules = modules or {}
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        if module is None or entry.module == module:
            groups.setdefault(entry.module, []).append(entry)
    order = [m for m in modules if m in groups] + sorted(m for m in groups if m not in modules)
    return [
        (m, modules.get(m, m), sorted(groups[m], key=lambda e: (e.created, e.id)))
        for m in order
    ]  # fmt: skip


def _md_escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("<", "\\<")
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def _md_inline(text: str) -> str:
    return " ".join(_md_escape(text).split())


def _subtitle(generated: dt.datetime, count: int) -> str:
    noun = "anteckning" if count == 1 else "anteckningar"
    return f"Exporterad {fmt.date(local(generated).date())} · {count} {noun}"


def to_markdown(
    entries: Iterable[Entry],
    modules: Mapping[str, str] | None = None,
    *,
    module: str | None = None,
    generated: dt.datetime | None = None,
) -> str:
    """The log (or one module of it) as Markdown text."""
    groups = group_by_module(entries, modules, module)
    count = sum(len(g[2]) for g in groups)
    lines = [f"# {TITLE}", "", _subtitle(generated or utc_now(), count), ""]
    if not groups:
        lines += ["Inga anteckningar ännu.", ""]
    for _, title, items in groups:
        lines += [f"## {_md_inline(title)}", ""]
        for entry in items:
            lines += [f"### {_when(entry.created)}", ""]
            if entry.prompt:
                lines += [f"*{_md_inline(entry.prompt)}*", ""]
            lines += [_md_escape(entry.text.strip()), ""]
            if entry.edited:
                lines += [f"_(Ändrad {_when(entry.updated)}.)_", ""]
    return "\n".join(lines).rstrip() + "\n"


def to_docx(
    entries: Iterable[Entry],
    modules: Mapping[str, str] | None = None,
    *,
    module: str | None = None,
    generated: dt.datetime | None = None,
) -> bytes:
    """The log (or one module of it) as a Word document (.docx bytes)."""
    generated = generated or utc_now()
    groups = group_by_module(entries, modules, module)
    count = sum(len(g[2]) for g in groups)
    document = new_document(
        TITLE if module is None else f"{TITLE} – {clean(groups[0][1]) if groups else module}", generated
    )
    styles = {name: document.styles[name].style_id for name in ("Title", "Heading 1", "Heading 2", "Quote")}
    body = document.element.body
    section = body.sectPr
    paragraph(body, [TITLE], styles["Title"])
    paragraph(body, [_subtitle(generated, count)])
    if not groups:
        paragraph(body, ["Inga anteckningar ännu."])
    for _, title, items in groups:
        paragraph(body, [clean(title)], styles["Heading 1"])
        for entry in items:
            paragraph(body, [_when(entry.created)], styles["Heading 2"])
            if entry.prompt:
                paragraph(body, [clean(entry.prompt)], styles["Quote"])
            add_text(body, entry.text)
            if entry.edited:
                paragraph(body, [f"(Ändrad {_when(entry.updated)}.)"], italic=True)
    if section is not None:
        body.append(section)  # the section properties must stay the body's last child
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
