"""Worksheets (:class:`~widgets.exercises.model.Canvas`): dated commitments, a digest of the participant's own
lärlogg and results, and the exports — a Word document and an iCalendar file of reminders.

Pure: answers, entries and content in; values, bytes and Swedish errors (:class:`~widgets.errors.DomainError`)
out. The Word document is written with python-docx and the calendar with icalendar, the libraries the lärlogg
export and the program calendar use."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import fmt
from ..errors import DomainError
from .grading import commitment_item, module_progress
from .model import Canvas, ModuleContent, ReflectionPrompt

UID_DOMAIN = "digikomp.liu.se"
PRODID = "-//Linköpings universitet//Digital kompetens för offentlig sektor//SV"
DATE_HINT = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-02-15."
EXCERPT = 140  # characters of an entry shown in the digest


@dataclass(frozen=True)
class Commitment:
    n: int
    text: str
    date: dt.date | None


def parse_date(text: str, field: str, label: str) -> dt.date | None:
    """``2027-02-15`` → a date; empty → None; anything else a Swedish message naming the field."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DomainError(field, f"{label}: ”{text}” är inte ett datum. {DATE_HINT}") from None


def parse_commitment(n: int, text: str, date_text: str, label: str = "Åtagande") -> Commitment:
    """One commitment as typed; a date without a text, or a bad date, is a Swedish error."""
    text = (text or "").strip()
    date = parse_date(date_text, f"commitment-{n}", f"{label} {n}")
    if date is not None and not text:
        raise DomainError(f"commitment-{n}", f"{label} {n}: skriv vad du åtar dig innan du väljer ett datum.")
    return Commitment(n, text, date)


def _value(stored: Any) -> Any:
    return getattr(stored, "value", stored)


def field_values(canvas: Canvas, answers: Mapping[tuple[str, str], Any]) -> dict[str, str]:
    """``{field_id: text}`` from the latest answers (missing fields as empty text)."""
    out = {}
    for f in canvas.fields:
        value = _value(answers.get((canvas.id, f.id)))
        out[f.id] = value if isinstance(value, str) else ""
    return out


def commitments(canvas: Canvas, answers: Mapping[tuple[str, str], Any]) -> list[Commitment]:
    """Every commitment slot (1 … ``canvas.commitments``) from the latest answers; unreadable dates as None."""
    out = []
    for n in range(1, canvas.commitments + 1):
        value = _value(answers.get((canvas.id, commitment_item(n))))
        value = value if isinstance(value, dict) else {}
        text = str(value.get("text", "")).strip()
        try:
            date = dt.date.fromisoformat(str(value.get("date", "")))
        except ValueError:
            date = None
        out.append(Commitment(n, text, date))
    return out


# --- the participant's own material ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestSection:
    """One module's part of the digest: its title, exercises completed, and excerpts of lärlogg entries."""

    module: str
    title: str
    completed: tuple[str, ...]
    entries: tuple[str, ...]


def _excerpt(text: str) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rstrip() + "…"


def digest(
    contents: Mapping[str, ModuleContent],
    entries: Iterable[Any],
    answers: Mapping[str, Mapping[tuple[str, str], Any]],
) -> list[DigestSection]:
    """What the participant has done, module by module in course order: completed exercises (titles) and each
    lärlogg entry as "prompt title: start of the text". Modules with nothing are left out."""
    by_module: dict[str, list[Any]] = {}
    for entry in entries:
        by_module.setdefault(entry.module, []).append(entry)
    out = []
    for module, content in contents.items():
        mine = sorted(by_module.get(module, []), key=lambda e: (e.created, e.id))
        prompts = {e.id: e.title or e.id for e in content.of_type(ReflectionPrompt)}
        progress = module_progress(content, answers.get(module, {}))
        titles = {e.id: getattr(e, "title", None) or e.id for e in content.exercises}
        done = tuple(
            titles[row.exercise_id]
            for row in progress.exercises
            if row.complete and row.exercise_id not in prompts
        )
        lines = tuple(f"{prompts.get(e.prompt_id or '', 'Fri anteckning')}: {_excerpt(e.text)}" for e in mine)
        if done or lines:
            out.append(DigestSection(module, content.title, done, lines))
    return out


# --- exports ----------------------------------------------------------------------------------------------------


def filename(canvas: Canvas, suffix: str) -> str:
    return f"digikomp-{canvas.id}.{suffix}"


def to_docx(
    canvas: Canvas,
    module_title: str,
    values: Mapping[str, str],
    plan: Iterable[Commitment] = (),
    sections: Iterable[DigestSection] = (),
    generated: dt.datetime | None = None,
) -> bytes:
    """The worksheet as a Word document: title, source, each field under its label, the commitments with
    dates, and (when given) the digest of the participant's own material."""
    from ..store.models import local, utc_now
    from ..wordfile import add_text, clean, new_document, paragraph

    generated = generated or utc_now()
    document = new_document(canvas.title, generated)
    styles = {name: document.styles[name].style_id for name in ("Title", "Heading 1", "Heading 2", "Quote")}
    body = document.element.body
    section = body.sectPr
    paragraph(body, [clean(canvas.title)], styles["Title"])
    paragraph(body, [f"{clean(module_title)} · skapad {fmt.date(local(generated).date())}"])
    if canvas.source:
        paragraph(body, [f"Källa: {clean(canvas.source)}"], italic=True)
    for f in canvas.fields:
        paragraph(body, [clean(f.label)], styles["Heading 1"])
        text = values.get(f.id, "").strip()
        if text:
            add_text(body, text)
        else:
            paragraph(body, ["(inte ifyllt)"], italic=True)
    chosen = [c for c in plan if c.text]
    if canvas.commitments:
        paragraph(body, [f"{canvas.commitment_label}, med datum"], styles["Heading 1"])
        if not chosen:
            paragraph(body, ["(inga ännu)"], italic=True)
        for c in chosen:
            when = fmt.date(c.date) if c.date else "inget datum"
            paragraph(body, [f"{c.n}. {clean(c.text)} – {when}"])
    groups = list(sections)
    if groups:
        paragraph(body, ["Underlag: det du har gjort i kursen"], styles["Heading 1"])
        for group in groups:
            paragraph(body, [clean(group.title)], styles["Heading 2"])
            if group.completed:
                paragraph(body, ["Klara övningar: " + ", ".join(map(clean, group.completed))])
            for line in group.entries:
                paragraph(body, [clean(line)], styles["Quote"])
    if section is not None:
        body.append(section)  # the section properties must stay the body's last child
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def commitment_uid(module: str, canvas: Canvas, n: int) -> str:
    """Stable per slot: importing the file again after changing a date moves the reminder, not duplicates it."""
    return f"{module}-{canvas.id}-{n}@{UID_DOMAIN}"


def to_ics(module: str, canvas: Canvas, plan: Iterable[Commitment], now: dt.datetime | None = None) -> bytes:
    """Each dated commitment as an all-day event with a reminder at 09:00 that day (RFC 5545)."""
    from icalendar import Alarm, Calendar, Event

    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", canvas.title)
    for c in plan:
        if not c.text or c.date is None:
            continue
        item = Event()
        item.add("uid", commitment_uid(module, canvas, c.n))
        item.add("dtstamp", stamp)
        item.add("dtstart", c.date)
        item.add("dtend", c.date + dt.timedelta(days=1))
        item.add("summary", f"{canvas.commitment_label}: {c.text}")
        item.add("description", f"Från ”{canvas.title}” i Digital kompetens för offentlig sektor.")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", c.text)
        alarm.add("trigger", dt.timedelta(hours=9))
        item.add_component(alarm)
        cal.add_component(item)
    return cal.to_ical()


def dated(plan: Iterable[Commitment]) -> list[Commitment]:
    return [c for c in plan if c.text and c.date is not None]
