"""All my data, one download (GDPR Art. 15 and 20): everything the stores hold about the participant as one zip.

The zip holds ``mina-uppgifter.json`` (machine-readable, format ``digikomp-mina-uppgifter`` version 1, described in
``LASMIG.txt`` beside it and in ``docs/store.md``), the lärlogg as Markdown and Word for reading, and the README.
:func:`collect` reads the personal store and, where there is one, the shared store's :meth:`~SharedStore.my_data`,
which only ever returns the calling user's own records. A shared store that cannot be reached does not stop the
download: the file says so (``group_store.available = false``) and :attr:`MyData.group_error` carries the Swedish
message for the page."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import export
from .errors import StoreError
from .models import Entry, utc_now
from .personal import PersonalStore
from .shared import MySharedData, SharedStore

FORMAT = "digikomp-mina-uppgifter"
VERSION = 1
JSON_NAME = "mina-uppgifter.json"
README_NAME = "LASMIG.txt"
ZIP_MIME = "application/zip"


def _time(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class MyData:
    """What :func:`collect` found: the JSON document, the entries (for the readable log) and counts per kind."""

    document: dict[str, Any]
    entries: tuple[Entry, ...]
    counts: dict[str, int]  # Swedish label -> number of records, personal store then group store
    group_error: str | None = None  # why the group store's part is missing, if it is


def _personal(store: PersonalStore, titles: Mapping[str, str]) -> tuple[dict[str, Any], list[Entry]]:
    entries = store.entries()
    history: dict[int, list[dict[str, Any]]] = {}
    for revision in store.all_revisions():
        history.setdefault(revision.entry_id, []).append(
            {"text": revision.text, "saved": _time(revision.saved)}
        )
    progress = store.progress_all()
    part = {
        "file": store.path.name,
        "entries": [
            {
                "id": e.id,
                "module": e.module,
                "module_title": titles.get(e.module),
                "prompt_id": e.prompt_id,
                "prompt": e.prompt,
                "text": e.text,
                "created": _time(e.created),
                "updated": _time(e.updated),
                "shared_with": e.shared_with,
                "history": history.get(e.id, []),
            }
            for e in entries
        ],
        "drafts": [
            {
                "module": d.module,
                "prompt_id": d.prompt_id or None,
                "text": d.text,
                "updated": _time(d.updated),
            }
            for d in store.drafts()
        ],
        "answers": [
            {
                "id": a.id,
                "module": a.module,
                "exercise_id": a.exercise_id,
                "item_id": a.item_id,
                "value": a.value,
                "correct": a.correct,
                "answered": _time(a.answered),
            }
            for a in store.all_answers()
        ],
        "progress": [
            {
                "module": p.module,
                "items_answered": sorted([e, i] for e, i in p.answered),
                "items_correct": sorted([e, i] for e, i in p.correct),
                "entries": p.entries,
                "prompts_answered": sorted(p.prompts_answered),
                "last_activity": _time(p.last_activity),
            }
            for p in progress.values()
        ],
        "cases": [{"name": c.name, "yaml": c.yaml, "updated": _time(c.updated)} for c in store.list_cases()],
        "settings": store.settings(),
    }
    return part, entries


def _group(data: MySharedData) -> dict[str, Any]:
    return {
        "available": True,
        "user": data.user,
        "items": [
            {
                "id": i.id,
                "group": i.group,
                "source_id": i.source_id,
                "module": i.module,
                "prompt": i.prompt,
                "text": i.text,
                "shared": _time(i.shared),
            }
            for i in data.items
        ],
        "votes": [
            {"group": v.group, "poll_id": v.poll_id, "choice": v.choice, "voted": _time(v.voted)}
            for v in data.votes
        ],
        "notes": [
            {
                "id": n.id,
                "group": n.group,
                "board_id": n.board_id,
                "text": n.text,
                "created": _time(n.created),
            }
            for n in data.notes
        ],
    }


def collect(
    personal: PersonalStore,
    shared: SharedStore | None = None,
    modules: Mapping[str, str] | None = None,
    *,
    generated: dt.datetime | None = None,
) -> MyData:
    """Everything the participant's stores hold, as the version-1 JSON document (plain dicts and lists)."""
    titles = dict(modules or {})
    part, entries = _personal(personal, titles)
    counts = {
        "anteckningar": len(part["entries"]),
        "tidigare versioner": sum(len(e["history"]) for e in part["entries"]),
        "utkast": len(part["drafts"]),
        "svar på övningar": len(part["answers"]),
        "sparade nyttokalkyler": len(part["cases"]),
    }
    group: dict[str, Any] | None = None
    group_error = None
    if shared is not None:
        try:
            group = _group(shared.my_data())
        except StoreError as exc:
            group_error = exc.message
            group = {"available": False, "message": exc.message}
        else:
            counts |= {
                "delade anteckningar": len(group["items"]),
                "röster": len(group["votes"]),
                "lappar": len(group["notes"]),
            }
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported": _time(generated or utc_now()),
        "personal_store": part,
        "group_store": group,
    }
    return MyData(document, tuple(entries), counts, group_error)


def to_json(data: MyData) -> bytes:
    return json.dumps(data.document, ensure_ascii=False, indent=2).encode("utf-8")


def readme(data: MyData) -> str:
    """The Swedish README inside the zip: what each file is and what each part of the JSON holds."""
    doc = data.document
    group = doc["group_store"]
    if group is None:
        group_line = "null – kursen körs här utan gruppyta, så inget finns sparat om dig där."
    elif group["available"]:
        group_line = "det gruppytan har sparat från dig (inget av någon annans)."
    else:
        group_line = f"kunde inte hämtas just nu: {group['message']} Ladda ned filen igen senare."
    counts = "\n".join(f"  {label}: {n}" for label, n in data.counts.items())
    return f"""Mina uppgifter – Digital kompetens för offentlig sektor
Exporterad {doc["exported"]} (tid i UTC).

Filerna
  {JSON_NAME}  allt som kursmiljön har sparat om dig, i ett maskinläsbart format (JSON, UTF-8)
  min-larlogg.md, min-larlogg.docx  din lärlogg att läsa (Markdown och Word)
  {README_NAME}  den här filen

Antal poster
{counts}

Formatet i {JSON_NAME} ("format": "{FORMAT}", "version": {VERSION})
Alla tider är ISO 8601 i UTC. Fälten:
  personal_store  din egen lärlogg-fil ({doc["personal_store"]["file"]}) i din egen datamapp
    entries   anteckningar: module, prompt (frågan som den visades), text, created, updated,
              shared_with (gruppen den är delad med, annars null) och history (tidigare texter, äldst först)
    drafts    utkast som sparats medan du skrev: module, prompt_id, text, updated
    answers   alla svar på övningar, även tidigare svar: module, exercise_id, item_id, value (svaret),
              correct (rätt/fel, null där det inte finns ett rätt svar), answered
    progress  framsteg per modul: items_answered och items_correct ([övning, fråga]), entries,
              prompts_answered, last_activity
    cases     sparade nyttokalkyler: name, yaml (kalkylen i kursens YAML-format), updated
    settings  dina inställningar, t.ex. dela_framgang (om du delar din framgång med läraren)
  group_store  {group_line}
    items     anteckningar du delat med en grupp (en kopia): group, source_id (anteckningens id), module,
              prompt, text, shared
    votes     dina röster i gruppens omröstningar: group, poll_id, choice, voted
    notes     dina lappar på gruppens tavlor: group, board_id, text, created
"""


def to_zip(data: MyData, modules: Mapping[str, str] | None = None) -> bytes:
    """The zip: JSON, README and the readable lärlogg (Markdown and Word)."""
    generated = dt.datetime.fromisoformat(data.document["exported"].replace("Z", "+00:00"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(JSON_NAME, to_json(data))
        archive.writestr(README_NAME, readme(data).encode("utf-8"))
        archive.writestr("min-larlogg.md", export.to_markdown(data.entries, modules, generated=generated))
        archive.writestr("min-larlogg.docx", export.to_docx(data.entries, modules, generated=generated))
    return out.getvalue()


def zip_name(data: MyData) -> str:
    return f"mina-uppgifter-{data.document['exported'][:10]}.zip"
