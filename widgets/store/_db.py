"""Opening, checking and migrating the course's SQLite files (personal and shared store alike).

One connection per store object, autocommit mode (``isolation_level=None``) so that every write is exactly one
explicit ``BEGIN IMMEDIATE … COMMIT`` transaction. WAL lets readers and one writer work at once;
``busy_timeout`` makes a second kernel (a second tab) wait its turn instead of failing; ``synchronous=FULL``
makes a committed entry survive a power cut, not only a killed process.

A file at the path that is not our database (garbage, another program's SQLite file, a damaged page) is never
overwritten or deleted: it is renamed with a timestamp and a fresh database is created beside it."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError, StoreTooNewError

try:  # POSIX only; on other platforms the (rare) corrupt-file race between two kernels goes unguarded.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

_CORRUPT_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Schema:
    """A database kind: its ``application_id`` and migrations (``migrations[i]`` upgrades version i)."""

    application_id: int
    migrations: tuple[tuple[str, ...], ...]
    label: str  # Swedish name used in messages, e.g. "lärloggen"

    @property
    def version(self) -> int:
        return len(self.migrations)


@dataclass(frozen=True)
class Opened:
    """A ready connection and, when a broken file was moved aside, a Swedish notice to show once."""

    connection: sqlite3.Connection
    notice: str | None = None
    moved_to: Path | None = None


def _fold(text: str | None) -> str:
    return (text or "").casefold()


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name:
        return name.startswith(_CORRUPT_CODES)
    text = str(exc).lower()  # pragma: no cover - Python < 3.11
    return "not a database" in text or "malformed" in text


def _ensure_private_dir(directory: Path) -> None:
    if not directory.exists():
        directory.mkdir(parents=True, mode=0o700, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(directory, 0o700)  # mkdir's mode is filtered by the umask


def _ensure_private_file(path: Path) -> None:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        pass
    else:
        os.close(fd)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A raw connection with the course's pragmas (no schema check)."""
    conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if (
        str(mode).lower() != "wal"
    ):  # e.g. a file system without shared memory; the default journal still works
        log.warning("Kunde inte slå på WAL för %s (journal_mode=%s)", path, mode)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")  # deleted text is overwritten, not left in free pages
    conn.create_function("digikomp_fold", 1, _fold, deterministic=True)
    return conn


def _probe(path: Path, schema: Schema, busy_timeout: float) -> str | None:
    """None if the file is ours (or empty / absent), else why not: "corrupt" or "foreign"."""
    if not path.exists() or (path.stat().st_size == 0 and not Path(f"{path}-wal").exists()):
        return None
    conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id == 0 and tables == 0:
            return None
        if app_id != schema.application_id:
            return "foreign"
        if version > schema.version:
            raise too_new(path, schema, version)
        if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return "corrupt"
        return None
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):
            return "corrupt"
        raise StoreError(f"Det gick inte att öppna {schema.label} ({path}): {exc}.") from exc
    finally:
        conn.close()


def too_new(path: Path, schema: Schema, version: int) -> StoreTooNewError:
    return StoreTooNewError(
        f"{schema.label.capitalize()} ({path}) har skapats av en nyare version av kursmiljön "
        f"(schemaversion {version}; den här versionen känner till {schema.version}). Filen har inte ändrats. "
        "Uppdatera kursmiljön, eller be kursens lärare om hjälp."
    )


def _free_name(path: Path, stamp: str) -> Path:
    candidate = path.with_name(f"{path.name}.flyttad-{stamp}")
    n = 1
    while any(Path(f"{candidate}{s}").exists() for s in ("", *_SIDE_FILES)):
        n += 1
        candidate = path.with_name(f"{path.name}.flyttad-{stamp}-{n}")
    return candidate


def _move_without_overwrite(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)  # fails if dst exists: nothing is ever overwritten
    except FileExistsError:
        raise
    except OSError:  # file systems without hard links
        if dst.exists():
            raise FileExistsError(dst) from None
        os.rename(src, dst)
    else:
        os.unlink(src)


def move_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename a broken file (and its WAL/SHM) to ``<name>.flyttad-<UTC time>``; return the new path."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = _free_name(path, stamp)
    _move_without_overwrite(path, target)
    for suffix in _SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            _move_without_overwrite(side, Path(f"{target}{suffix}"))
    return target


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path, schema: Schema) -> None:
    """Bring the schema up to ``schema.version`` in one transaction; refuse a newer one."""
    if _user_version(conn) == schema.version:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = _user_version(conn)  # re-read: another kernel may have migrated while we waited
        if current > schema.version:
            raise too_new(path, schema, current)
        for version in range(current, schema.version):
            for statement in schema.migrations[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        conn.execute(f"PRAGMA application_id = {schema.application_id}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def open_database(
    path: Path, schema: Schema, busy_timeout: float = 10.0, *, describe: Callable[[Path, Path, str], str]
) -> Opened:
    """Open (creating, checking and migrating as needed) the database at ``path``.

    ``describe(path, moved_to, reason)`` words the Swedish notice shown when a broken file was moved aside.
    """
    path = Path(path)
    try:
        return _open(path, schema, busy_timeout, describe)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoreError(f"Det gick inte att öppna {schema.label} ({path}): {reason}.") from exc


def _open(
    path: Path, schema: Schema, busy_timeout: float, describe: Callable[[Path, Path, str], str]
) -> Opened:
    _ensure_private_dir(path.parent)
    notice = moved_to = None
    with _file_lock(path):
        reason = _probe(path, schema, busy_timeout)
        if reason is not None:
            moved_to = move_aside(path)
            notice = describe(path, moved_to, reason)
            log.warning("%s", notice)
        _ensure_private_file(path)
        try:
            conn = connect(path, busy_timeout)
            migrate(conn, path, schema)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Det gick inte att öppna {schema.label} ({path}): {exc}.") from exc
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            with contextlib.suppress(OSError):
                os.chmod(side, 0o600)
    return Opened(conn, notice, moved_to)


class Transactions:
    """Mixin over ``self._conn`` and ``self._lock``: ``_write()`` is one IMMEDIATE transaction."""

    _conn: sqlite3.Connection
    _label: str

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:  # type: ignore[attr-defined]
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(_busy_message(self._label, exc)) from exc
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            try:
                self._conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                raise StoreError(_busy_message(self._label, exc)) from exc

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        with self._lock:  # type: ignore[attr-defined]
            return self._conn.execute(sql, params).fetchall()


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made (``lastrowid`` is typed optional; after an INSERT it is set)."""
    if cursor.lastrowid is None:
        raise StoreError("Det gick inte att spara: databasen gav ingen rad tillbaka.")
    return cursor.lastrowid


def _busy_message(label: str, exc: sqlite3.OperationalError) -> str:
    if "locked" in str(exc) or "busy" in str(exc):
        return (
            f"Det gick inte att spara i {label} just nu (ett annat fönster skriver). Försök igen om en stund."
        )
    return f"Det gick inte att spara i {label}: {exc}."
