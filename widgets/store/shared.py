"""The shared store for group work: shared lärlogg entries, votes and group boards.

:class:`SharedStore` is the interface views program against. :class:`LocalSharedStore` keeps the data in one
SQLite file (one machine: a teacher's laptop, a demo, tests). A JupyterHub-service backend implements the same
protocol later: it takes the caller's identity from the hub token instead of ``user=`` and enforces group
membership, raising :class:`~widgets.store.errors.PermissionDeniedError`. See ``docs/store.md``."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ..errors import DomainError
from ..paths import user_data_dir
from . import _db
from .errors import PermissionDeniedError
from .models import from_db, to_db, utc_now

FILENAME = "digikomp-delat.sqlite3"


@dataclass(frozen=True)
class SharedItem:
    """A lärlogg entry someone chose to share with a group (a copy made at the time of sharing)."""

    id: int
    group: str
    author: str
    source_id: int  # the entry's id in the author's personal store
    module: str
    prompt: str | None
    text: str
    shared: dt.datetime


@dataclass(frozen=True)
class BoardNote:
    """A note on a group board (e.g. a shared list of ideas)."""

    id: int
    group: str
    board_id: str
    author: str
    text: str
    created: dt.datetime
    step: str | None = None  # the round it was written in (a workshop's step id), if any
    shared: bool = True  # False: visible to its author only, until they share it
    harvested: bool = False  # picked by the teacher for the harvest list


@dataclass(frozen=True)
class Vote:
    """The user's own vote in a group poll (stored with the voter's name so it can be changed)."""

    group: str
    poll_id: str
    choice: str
    voted: dt.datetime


@dataclass(frozen=True)
class MySharedData:
    """Everything a shared store holds from one user: their shared copies, votes and board notes."""

    user: str
    items: tuple[SharedItem, ...] = ()
    votes: tuple[Vote, ...] = ()
    notes: tuple[BoardNote, ...] = ()


@runtime_checkable
class SharedStore(Protocol):
    """Group work as seen by one user (``user``). All times are aware UTC datetimes.

    Every method may raise :class:`~widgets.store.errors.StoreError` (Swedish message, safe to show) and, in
    backends that check membership, :class:`~widgets.store.errors.PermissionDeniedError`.
    """

    @property
    def user(self) -> str:
        """Who is calling (local: given or the OS user; hub: from the hub token)."""
        ...

    def groups(self) -> list[str]:
        """Groups the user may share with (local: every group that has data)."""
        ...

    def share_entry(
        self, group: str, *, source_id: int, module: str, prompt: str | None, text: str
    ) -> SharedItem:
        """Share (or re-share, replacing the text) one of the user's entries with a group."""
        ...

    def unshare_entry(self, group: str, source_id: int) -> bool:
        """Remove the user's shared copy of an entry. False if it was not shared there."""
        ...

    def shared_items(self, group: str, module: str | None = None) -> list[SharedItem]:
        """Entries shared with a group, oldest first."""
        ...

    def cast_vote(self, group: str, poll_id: str, choice: str) -> None:
        """Vote in a group poll; voting again replaces the user's earlier vote."""
        ...

    def withdraw_vote(self, group: str, poll_id: str) -> bool: ...

    def my_vote(self, group: str, poll_id: str) -> str | None: ...

    def tally(self, group: str, poll_id: str) -> dict[str, int]:
        """Votes per choice (choices nobody voted for are absent)."""
        ...

    def post_note(self, group: str, board_id: str, text: str) -> BoardNote: ...

    def delete_note(self, group: str, note_id: int) -> bool:
        """Delete one of the user's own notes; someone else's raises PermissionDeniedError."""
        ...

    def board(self, group: str, board_id: str) -> list[BoardNote]:
        """Notes on a group board, oldest first."""
        ...

    def my_data(self) -> MySharedData:
        """Everything the user has put in the shared store, and nothing of anyone else's (GDPR Art. 15, 20)."""
        ...

    def delete_my_data(self) -> dict[str, int]:
        """Remove everything the user has put in the shared store; counts per kind."""
        ...

    def close(self) -> None: ...


_V1 = (
    """CREATE TABLE shared_entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        grp TEXT NOT NULL,
        author TEXT NOT NULL,
        source_id INTEGER NOT NULL,
        module TEXT NOT NULL,
        prompt TEXT,
        text TEXT NOT NULL,
        shared TEXT NOT NULL,
        UNIQUE (grp, author, source_id)
    )""",
    "CREATE INDEX shared_by_group ON shared_entries (grp, shared, id)",
    """CREATE TABLE votes (
        grp TEXT NOT NULL,
        poll_id TEXT NOT NULL,
        voter TEXT NOT NULL,
        choice TEXT NOT NULL,
        voted TEXT NOT NULL,
        PRIMARY KEY (grp, poll_id, voter)
    )""",
    """CREATE TABLE board_notes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        grp TEXT NOT NULL,
        board_id TEXT NOT NULL,
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        created TEXT NOT NULL
    )""",
    "CREATE INDEX notes_by_board ON board_notes (grp, board_id, id)",
)

SCHEMA = _db.Schema(application_id=0x44474B53, migrations=(_V1,), label="gruppytan")  # "DGKS"


def _describe_moved(path: Path, moved_to: Path, reason: str) -> str:
    what = "var skadad" if reason == "corrupt" else "tillhör inte kursmiljön"
    return (
        f"Filen {path.name} gick inte att använda för grupparbete (den {what}). Den har flyttats till "
        f"{moved_to.name} – ingenting har raderats – och en ny, tom gruppyta har skapats."
    )


def _name(value: str, field: str, message: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DomainError(field, message)
    return value.strip()


def _default_user() -> str:
    return os.environ.get("JUPYTERHUB_USER") or getpass.getuser()


class LocalSharedStore(_db.Transactions):
    """:class:`SharedStore` over a local SQLite file; trusts ``user`` (no authentication, one machine)."""

    _label = "gruppytan"

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        user: str | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        busy_timeout: float = 10.0,
    ) -> None:
        self.path = Path(path) if path is not None else user_data_dir() / FILENAME
        self._user = _name(user if user is not None else _default_user(), "användare", "Användarnamn saknas.")
        self._clock = clock
        self._lock = threading.RLock()
        opened = _db.open_database(self.path, SCHEMA, busy_timeout, describe=_describe_moved)
        self._conn: sqlite3.Connection = opened.connection
        self.notice: str | None = opened.notice

    @property
    def user(self) -> str:
        return self._user

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> LocalSharedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def groups(self) -> list[str]:
        rows = self._rows(
            "SELECT grp FROM shared_entries UNION SELECT grp FROM votes UNION SELECT grp FROM board_notes ORDER BY 1"
        )
        return [r[0] for r in rows]

    # --- shared entries -------------------------------------------------------------------------------------

    def share_entry(
        self, group: str, *, source_id: int, module: str, prompt: str | None, text: str
    ) -> SharedItem:
        group = _name(group, "grupp", "Välj en grupp att dela med.")
        if not (text or "").strip():
            raise DomainError("text", "En tom anteckning kan inte delas.")
        now = to_db(self._clock())
        with self._write() as db:
            db.execute(
                "INSERT INTO shared_entries (grp, author, source_id, module, prompt, text, shared) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (grp, author, source_id) DO UPDATE SET "
                "module = excluded.module, prompt = excluded.prompt, "
                "text = excluded.text, shared = excluded.shared",
                (group, self._user, source_id, module, prompt, text, now),
            )
            row = db.execute(
                "SELECT id FROM shared_entries WHERE grp = ? AND author = ? AND source_id = ?",
                (group, self._user, source_id),
            ).fetchone()
        return SharedItem(row[0], group, self._user, source_id, module, prompt, text, from_db(now))

    def unshare_entry(self, group: str, source_id: int) -> bool:
        with self._write() as db:
            cur = db.execute(
                "DELETE FROM shared_entries WHERE grp = ? AND author = ? AND source_id = ?",
                (group, self._user, source_id),
            )
            return cur.rowcount > 0

    def shared_items(self, group: str, module: str | None = None) -> list[SharedItem]:
        sql = "SELECT id, grp, author, source_id, module, prompt, text, shared FROM shared_entries WHERE grp = ?"
        params: list[object] = [group]
        if module is not None:
            sql += " AND module = ?"
            params.append(module)
        rows = self._rows(sql + " ORDER BY shared, id", params)
        return [_shared_item(r) for r in rows]

    # --- votes ----------------------------------------------------------------------------------------------

    def cast_vote(self, group: str, poll_id: str, choice: str) -> None:
        group = _name(group, "grupp", "Välj en grupp.")
        choice = _name(choice, "val", "Välj ett alternativ innan du röstar.")
        with self._write() as db:
            db.execute(
                "INSERT INTO votes (grp, poll_id, voter, choice, voted) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (grp, poll_id, voter) DO UPDATE SET "
                "choice = excluded.choice, voted = excluded.voted",
                (group, poll_id, self._user, choice, to_db(self._clock())),
            )

    def withdraw_vote(self, group: str, poll_id: str) -> bool:
        with self._write() as db:
            cur = db.execute(
                "DELETE FROM votes WHERE grp = ? AND poll_id = ? AND voter = ?", (group, poll_id, self._user)
            )
            return cur.rowcount > 0

    def my_vote(self, group: str, poll_id: str) -> str | None:
        rows = self._rows(
            "SELECT choice FROM votes WHERE grp = ? AND poll_id = ? AND voter = ?",
            (group, poll_id, self._user),
        )
        return rows[0][0] if rows else None

    def tally(self, group: str, poll_id: str) -> dict[str, int]:
        rows = self._rows(
            "SELECT choice, count(*) FROM votes WHERE grp = ? AND poll_id = ? GROUP BY choice ORDER BY choice",
            (group, poll_id),
        )
        return {str(choice): int(count) for choice, count in rows}

    # --- group boards ---------------------------------------------------------------------------------------

    def post_note(self, group: str, board_id: str, text: str) -> BoardNote:
        group = _name(group, "grupp", "Välj en grupp.")
        if not (text or "").strip():
            raise DomainError("text", "Skriv något innan du lägger upp lappen.")
        now = to_db(self._clock())
        with self._write() as db:
            cur = db.execute(
                "INSERT INTO board_notes (grp, board_id, author, text, created) VALUES (?, ?, ?, ?, ?)",
                (group, board_id, self._user, text, now),
            )
            note_id = _db.inserted_id(cur)
        return BoardNote(note_id, group, board_id, self._user, text, from_db(now))

    def delete_note(self, group: str, note_id: int) -> bool:
        with self._write() as db:
            row = db.execute(
                "SELECT author FROM board_notes WHERE id = ? AND grp = ?", (note_id, group)
            ).fetchone()
            if row is None:
                return False
            if row[0] != self._user:
                raise PermissionDeniedError("Du kan bara ta bort dina egna lappar.")
            db.execute("DELETE FROM board_notes WHERE id = ?", (note_id,))
            return True

    def board(self, group: str, board_id: str) -> list[BoardNote]:
        rows = self._rows(
            "SELECT id, grp, board_id, author, text, created FROM board_notes WHERE grp = ? AND board_id = ? "
            "ORDER BY id",
            (group, board_id),
        )
        return [_note(r) for r in rows]

    def my_data(self) -> MySharedData:
        items = self._rows(
            "SELECT id, grp, author, source_id, module, prompt, text, shared FROM shared_entries "
            "WHERE author = ? ORDER BY id",
            (self._user,),
        )
        votes = self._rows(
            "SELECT grp, poll_id, choice, voted FROM votes WHERE voter = ? ORDER BY grp, poll_id",
            (self._user,),
        )
        notes = self._rows(
            "SELECT id, grp, board_id, author, text, created FROM board_notes WHERE author = ? ORDER BY id",
            (self._user,),
        )
        return MySharedData(
            user=self._user,
            items=tuple(_shared_item(r) for r in items),
            votes=tuple(Vote(g, p, c, from_db(v)) for g, p, c, v in votes),
            notes=tuple(_note(r) for r in notes),
        )

    def delete_my_data(self) -> dict[str, int]:
        with self._write() as db:
            return {
                "delade anteckningar": db.execute(
                    "DELETE FROM shared_entries WHERE author = ?", (self._user,)
                ).rowcount,
                "röster": db.execute("DELETE FROM votes WHERE voter = ?", (self._user,)).rowcount,
                "lappar": db.execute("DELETE FROM board_notes WHERE author = ?", (self._user,)).rowcount,
            }


def _shared_item(row: Sequence[Any]) -> SharedItem:
    id_, group, author, source_id, module, prompt, text, shared = row
    return SharedItem(id_, group, author, source_id, module, prompt, text, from_db(shared))


def _note(row: Sequence[Any]) -> BoardNote:
    id_, group, board_id, author, text, created = row
    return BoardNote(id_, group, board_id, author, text, from_db(created))
