"""The personal store (lärlogg, answers, progress, saved cases): one SQLite file in the participant's data
directory.

Private by default: nothing here is visible to anyone else. Sharing an entry is an explicit act that copies it
to a :class:`~widgets.store.shared.SharedStore` (see :mod:`widgets.store.sharing`); the entry only remembers
the group."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..errors import DomainError
from ..paths import user_data_dir
from . import _db
from .errors import NotFoundError
from .models import (
    Answer,
    DeletedCounts,
    Draft,
    Entry,
    ModuleProgress,
    Revision,
    SavedCase,
    from_db,
    to_db,
    utc_now,
)

FILENAME = "digikomp.sqlite3"
MAX_TEXT = 100_000  # characters; a reflection is never this long, a paste accident may be

_V1 = (
    """CREATE TABLE entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        module TEXT NOT NULL,
        prompt_id TEXT,
        prompt TEXT,
        text TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        shared_with TEXT
    )""",
    "CREATE INDEX entries_by_module ON entries (module, created, id)",
    "CREATE INDEX entries_by_created ON entries (created, id)",
    """CREATE TABLE entry_revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        saved TEXT NOT NULL
    )""",
    "CREATE INDEX revisions_by_entry ON entry_revisions (entry_id, id)",
    """CREATE TABLE drafts (
        module TEXT NOT NULL,
        prompt_id TEXT NOT NULL,
        text TEXT NOT NULL,
        updated TEXT NOT NULL,
        PRIMARY KEY (module, prompt_id)
    )""",
    """CREATE TABLE answers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        module TEXT NOT NULL,
        exercise_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        correct INTEGER,
        answered TEXT NOT NULL
    )""",
    "CREATE INDEX answers_by_item ON answers (module, exercise_id, item_id, id)",
    """CREATE TABLE cases (
        name TEXT PRIMARY KEY,
        yaml TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    )""",
)

#: Version 2: the participant's settings (e.g. sharing progress with the teacher), one JSON value per key.
_V2 = (
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated TEXT NOT NULL
    )""",
)

#: Schema history. Append a tuple of statements to migrate; never edit a released one.
SCHEMA = _db.Schema(application_id=0x44474B50, migrations=(_V1, _V2), label="lärloggen")  # "DGKP"

#: Setting: the participant shares per module how many exercises are done with the teacher (off by default).
SHARE_PROGRESS = "dela_framgang"

_ENTRY_COLS = "id, module, prompt_id, prompt, text, created, updated, shared_with"


def _describe_moved(path: Path, moved_to: Path, reason: str) -> str:
    what = "var skadad" if reason == "corrupt" else "tillhör inte kursmiljön"
    return (
        f"Filen {path.name} gick inte att använda som lärlogg (den {what}). Den har flyttats till "
        f"{moved_to.name} i samma mapp – ingenting har raderats – och en ny, tom lärlogg har skapats. "
        "Kontakta kursens lärare om du behöver hjälp att få tillbaka innehållet."
    )


def _required(value: str | None, field: str, message: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DomainError(field, message)
    return value.strip()


def _text(text: str, field: str = "text") -> str:
    if not isinstance(text, str) or not text.strip():
        raise DomainError(field, "Skriv något innan du sparar.")
    if len(text) > MAX_TEXT:
        raise DomainError(field, f"Texten är för lång (högst {MAX_TEXT:,} tecken).".replace(",", "\u00a0"))
    return text


def _entry(row: Sequence[Any]) -> Entry:
    id_, module, prompt_id, prompt, text, created, updated, shared_with = row
    return Entry(id_, module, prompt_id, prompt, text, from_db(created), from_db(updated), shared_with)


def _answer(row: Sequence[Any]) -> Answer:
    id_, module, exercise_id, item_id, value, correct, answered = row
    return Answer(
        id_, module, exercise_id, item_id, json.loads(value), None if correct is None else bool(correct),
        from_db(answered),
    )  # fmt: skip


class CaseStore(Protocol):
    """The part of the personal store that holds saved benefit cases (what the Nyttokalkyl's views are handed).

    :class:`PersonalStore` is one; a test may hand in another. Every method may raise
    :class:`~widgets.store.errors.StoreError` (a Swedish message, safe to show) or a ``DomainError``.
    """

    #: A Swedish message to show once after opening (a broken file was moved aside), else None.
    notice: str | None

    def save_case(self, name: str, yaml_text: str) -> SavedCase:
        """Save (or replace) a case under a name."""
        ...

    def load_case(self, name: str) -> str | None:
        """The YAML text of a saved case, or None if there is none by that name."""
        ...

    def list_cases(self) -> list[SavedCase]:
        """Saved cases, most recently changed first."""
        ...

    def delete_case(self, name: str) -> bool:
        """Delete a saved case; False if there was none by that name."""
        ...


class PersonalStore(_db.Transactions):
    """The participant's private store. Use as a context manager, or call :meth:`close`.

    ``path`` defaults to ``user_data_dir() / "digikomp.sqlite3"``; ``clock`` returns aware UTC datetimes.
    After opening, ``notice`` holds a Swedish message if a broken file had to be moved aside.
    """

    _label = "lärloggen"

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        busy_timeout: float = 10.0,
    ) -> None:
        self.path = Path(path) if path is not None else user_data_dir() / FILENAME
        self._clock = clock
        self._lock = threading.RLock()
        opened = _db.open_database(self.path, SCHEMA, busy_timeout, describe=_describe_moved)
        self._conn: sqlite3.Connection = opened.connection
        self.notice: str | None = opened.notice
        self.moved_to: Path | None = opened.moved_to

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> PersonalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _now(self) -> str:
        return to_db(self._clock())

    # --- reflection entries ---------------------------------------------------------------------------------

    def add_entry(
        self,
        module: str,
        text: str,
        *,
        prompt_id: str | None = None,
        prompt: str | None = None,
        clear_draft: bool = True,
    ) -> Entry:
        """Save a dated entry; by default the draft for the same prompt is removed in the same transaction."""
        module = _required(module, "module", "Modul saknas.")
        text = _text(text)
        now = self._now()
        with self._write() as db:
            cur = db.execute(
                "INSERT INTO entries (module, prompt_id, prompt, text, created, updated) VALUES (?, ?, ?, ?, ?, ?)",
                (module, prompt_id, prompt, text, now, now),
            )
            if clear_draft:
                db.execute("DELETE FROM drafts WHERE module = ? AND prompt_id = ?", (module, prompt_id or ""))
            entry_id = _db.inserted_id(cur)
        return Entry(entry_id, module, prompt_id, prompt, text, from_db(now), from_db(now))

    def entry(self, entry_id: int) -> Entry:
        rows = self._rows(f"SELECT {_ENTRY_COLS} FROM entries WHERE id = ?", (entry_id,))
        if not rows:
            raise NotFoundError("Anteckningen finns inte längre (den kan ha raderats i ett annat fönster).")
        return _entry(rows[0])

    def edit_entry(self, entry_id: int, text: str) -> Entry:
        """Replace an entry's text; the earlier text is kept in its history (:meth:`revisions`)."""
        text = _text(text)
        now = self._now()
        with self._write() as db:
            row = db.execute("SELECT text, updated FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise NotFoundError(
                    "Anteckningen finns inte längre (den kan ha raderats i ett annat fönster)."
                )
            if row[0] != text:
                db.execute(
                    "INSERT INTO entry_revisions (entry_id, text, saved) VALUES (?, ?, ?)", (entry_id, *row)
                )
                db.execute("UPDATE entries SET text = ?, updated = ? WHERE id = ?", (text, now, entry_id))
        return self.entry(entry_id)

    def revisions(self, entry_id: int) -> list[Revision]:
        """Earlier texts of an entry, oldest first (the current text is the entry itself)."""
        rows = self._rows(
            "SELECT entry_id, text, saved FROM entry_revisions WHERE entry_id = ? ORDER BY id", (entry_id,)
        )
        return [Revision(e, t, from_db(s)) for e, t, s in rows]

    def all_revisions(self) -> list[Revision]:
        """Every earlier text of every entry, by entry and then oldest first (for "all my data")."""
        rows = self._rows("SELECT entry_id, text, saved FROM entry_revisions ORDER BY entry_id, id")
        return [Revision(e, t, from_db(s)) for e, t, s in rows]

    def entries(self, module: str | None = None, prompt_id: str | None = None) -> list[Entry]:
        """All entries, or one module's (and one prompt's), oldest first."""
        where, params = [], []
        if module is not None:
            where.append("module = ?")
            params.append(module)
        if prompt_id is not None:
            where.append("prompt_id = ?")
            params.append(prompt_id)
        clause = f"WHERE {' AND '.join(where)} " if where else ""
        rows = self._rows(f"SELECT {_ENTRY_COLS} FROM entries {clause}ORDER BY created, id", params)
        return [_entry(r) for r in rows]

    def count_entries(self, module: str | None = None) -> int:
        if module is None:
            return int(self._rows("SELECT count(*) FROM entries")[0][0])
        return int(self._rows("SELECT count(*) FROM entries WHERE module = ?", (module,))[0][0])

    def modules(self) -> list[str]:
        """Modules that have at least one entry."""
        return [r[0] for r in self._rows("SELECT DISTINCT module FROM entries ORDER BY module")]

    def search(self, query: str, module: str | None = None) -> list[Entry]:
        """Entries whose text or prompt contains every word of ``query`` (case-insensitive, also å ä ö)."""
        words = [w.casefold() for w in (query or "").split()]
        if not words:
            return self.entries(module)
        where = " AND ".join(
            ["instr(digikomp_fold(text || ' ' || coalesce(prompt, '')), ?) > 0"] * len(words)
        )
        params: list[Any] = list(words)
        if module is not None:
            where += " AND module = ?"
            params.append(module)
        rows = self._rows(f"SELECT {_ENTRY_COLS} FROM entries WHERE {where} ORDER BY created, id", params)
        return [_entry(r) for r in rows]

    def delete_entry(self, entry_id: int) -> bool:
        """Delete one entry with its history. False if it did not exist."""
        with self._write() as db:
            return db.execute("DELETE FROM entries WHERE id = ?", (entry_id,)).rowcount > 0

    def set_shared(self, entry_id: int, group: str | None) -> Entry:
        """Record that an entry is shared with ``group`` (None: private). Use :mod:`.sharing` to share."""
        with self._write() as db:
            cur = db.execute("UPDATE entries SET shared_with = ? WHERE id = ?", (group, entry_id))
            if cur.rowcount == 0:
                raise NotFoundError(
                    "Anteckningen finns inte längre (den kan ha raderats i ett annat fönster)."
                )
        return self.entry(entry_id)

    # --- drafts ---------------------------------------------------------------------------------------------

    def save_draft(self, module: str, prompt_id: str | None, text: str) -> None:
        """Autosave the text being typed for a prompt; empty text removes the draft."""
        module = _required(module, "module", "Modul saknas.")
        key = prompt_id or ""
        with self._write() as db:
            if not (text or "").strip():
                db.execute("DELETE FROM drafts WHERE module = ? AND prompt_id = ?", (module, key))
            else:
                db.execute(
                    "INSERT INTO drafts (module, prompt_id, text, updated) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (module, prompt_id) DO UPDATE SET "
                    "text = excluded.text, updated = excluded.updated",
                    (module, key, _text(text), self._now()),
                )

    def draft(self, module: str, prompt_id: str | None) -> Draft | None:
        rows = self._rows(
            "SELECT module, prompt_id, text, updated FROM drafts WHERE module = ? AND prompt_id = ?",
            (module, prompt_id or ""),
        )
        return Draft(rows[0][0], rows[0][1], rows[0][2], from_db(rows[0][3])) if rows else None

    def drafts(self, module: str | None = None) -> list[Draft]:
        sql = "SELECT module, prompt_id, text, updated FROM drafts"
        rows = (
            self._rows(sql + " WHERE module = ? ORDER BY prompt_id", (module,)) if module else self._rows(sql)
        )
        return [Draft(m, p, t, from_db(u)) for m, p, t, u in rows]

    def discard_draft(self, module: str, prompt_id: str | None) -> bool:
        with self._write() as db:
            cur = db.execute(
                "DELETE FROM drafts WHERE module = ? AND prompt_id = ?", (module, prompt_id or "")
            )
            return cur.rowcount > 0

    # --- exercise answers and progress ----------------------------------------------------------------------

    def record_answer(
        self, module: str, exercise_id: str, item_id: str, value: Any, correct: bool | None = None
    ) -> Answer:
        """Save one answer (any JSON value). Earlier answers are kept; the latest one counts."""
        module = _required(module, "module", "Modul saknas.")
        encoded = Answer.encode(value)
        now = self._now()
        with self._write() as db:
            cur = db.execute(
                "INSERT INTO answers (module, exercise_id, item_id, answer, correct, answered) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (module, exercise_id, item_id, encoded, None if correct is None else int(correct), now),
            )
            answer_id = _db.inserted_id(cur)
        return Answer(answer_id, module, exercise_id, item_id, json.loads(encoded), correct, from_db(now))

    def latest_answers(self, module: str, exercise_id: str | None = None) -> dict[tuple[str, str], Answer]:
        """The latest answer per (exercise_id, item_id) in a module (or one exercise)."""
        sql = (
            "SELECT id, module, exercise_id, item_id, answer, correct, answered FROM answers "
            "WHERE id IN (SELECT max(id) FROM answers WHERE module = ? {extra} GROUP BY exercise_id, item_id)"
        )
        if exercise_id is None:
            rows = self._rows(sql.format(extra=""), (module,))
        else:
            rows = self._rows(sql.format(extra="AND exercise_id = ?"), (module, exercise_id))
        return {(a.exercise_id, a.item_id): a for a in map(_answer, rows)}

    def answer_history(self, module: str, exercise_id: str, item_id: str) -> list[Answer]:
        rows = self._rows(
            "SELECT id, module, exercise_id, item_id, answer, correct, answered FROM answers "
            "WHERE module = ? AND exercise_id = ? AND item_id = ? ORDER BY id",
            (module, exercise_id, item_id),
        )
        return [_answer(r) for r in rows]

    def all_answers(self) -> list[Answer]:
        """Every answer ever given (earlier ones too), oldest first (for "all my data")."""
        rows = self._rows(
            "SELECT id, module, exercise_id, item_id, answer, correct, answered FROM answers ORDER BY id"
        )
        return [_answer(r) for r in rows]

    def reset_exercise(self, module: str, exercise_id: str) -> int:
        """ "Börja om": forget every answer to one exercise. Returns how many answers were removed."""
        with self._write() as db:
            cur = db.execute(
                "DELETE FROM answers WHERE module = ? AND exercise_id = ?", (module, exercise_id)
            )
            return cur.rowcount

    def progress(self, module: str) -> ModuleProgress:
        latest = self.latest_answers(module)
        prompts = self._rows(
            "SELECT DISTINCT prompt_id FROM entries WHERE module = ? AND prompt_id IS NOT NULL", (module,)
        )
        entries = self._rows("SELECT count(*), max(updated) FROM entries WHERE module = ?", (module,))[0]
        moments = [a.answered for a in latest.values()] + ([from_db(entries[1])] if entries[1] else [])
        return ModuleProgress(
            module=module,
            answered=frozenset(latest),
            correct=frozenset(k for k, a in latest.items() if a.correct),
            entries=entries[0],
            prompts_answered=frozenset(r[0] for r in prompts),
            last_activity=max(moments) if moments else None,
        )

    def progress_all(self) -> dict[str, ModuleProgress]:
        """Progress for every module with answers or entries."""
        rows = self._rows("SELECT module FROM answers UNION SELECT module FROM entries ORDER BY 1")
        return {m: self.progress(m) for (m,) in rows}

    # --- saved benefit cases --------------------------------------------------------------------------------

    def save_case(self, name: str, yaml_text: str) -> SavedCase:
        """Save (or replace) a benefit case under a name."""
        name = _required(name, "namn", "Ge kalkylen ett namn.")
        if not isinstance(yaml_text, str) or not yaml_text.strip():
            raise DomainError("kalkyl", "Kalkylen är tom.")
        now = self._now()
        with self._write() as db:
            db.execute(
                "INSERT INTO cases (name, yaml, created, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET yaml = excluded.yaml, updated = excluded.updated",
                (name, yaml_text, now, now),
            )
        return SavedCase(name, yaml_text, from_db(now))

    def load_case(self, name: str) -> str | None:
        """The YAML text of a saved case, or None if there is none by that name."""
        rows = self._rows("SELECT yaml FROM cases WHERE name = ?", ((name or "").strip(),))
        return rows[0][0] if rows else None

    def list_cases(self) -> list[SavedCase]:
        """Saved cases, most recently changed first."""
        rows = self._rows("SELECT name, yaml, updated FROM cases ORDER BY updated DESC, name")
        return [SavedCase(n, y, from_db(u)) for n, y, u in rows]

    def delete_case(self, name: str) -> bool:
        with self._write() as db:
            return db.execute("DELETE FROM cases WHERE name = ?", ((name or "").strip(),)).rowcount > 0

    # --- settings -----------------------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        """A setting's value (any JSON value), or ``default`` when it was never set."""
        rows = self._rows("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default

    def set_setting(self, key: str, value: Any) -> None:
        """Set a setting (any JSON value); None removes it, so the default applies again."""
        key = _required(key, "key", "Inställningen saknar namn.")
        with self._write() as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                db.execute(
                    "INSERT INTO settings (key, value, updated) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
                    "SET value = excluded.value, updated = excluded.updated",
                    (key, json.dumps(value, ensure_ascii=False), self._now()),
                )

    def settings(self) -> dict[str, Any]:
        """Every setting that has been set (for "all my data")."""
        return {k: json.loads(v) for k, v in self._rows("SELECT key, value FROM settings ORDER BY key")}

    # --- everything -----------------------------------------------------------------------------------------

    def delete_all_my_data(self) -> DeletedCounts:
        """Delete every entry, revision, draft, answer, saved case and setting; wipe them from free space too."""
        with self._write() as db:
            counts = {
                table: db.execute(f"DELETE FROM {table}").rowcount  # fixed table names
                for table in ("entry_revisions", "entries", "drafts", "answers", "cases", "settings")
            }
        with self._lock:
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return DeletedCounts(
            entries=counts["entries"],
            revisions=counts["entry_revisions"],
            drafts=counts["drafts"],
            answers=counts["answers"],
            cases=counts["cases"],
        )
