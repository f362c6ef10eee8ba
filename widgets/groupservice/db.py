"""Tables, engine and migrations of the group service (SQLAlchemy 2 Core; SQLite or PostgreSQL).

Durability: a write is committed before the service answers. On SQLite the file is in WAL mode with
``synchronous=FULL`` (a commit is on disk when it returns) and writes take the lock at ``BEGIN IMMEDIATE``, so two
writers queue instead of failing; on PostgreSQL the server's default ``synchronous_commit=on`` does the same."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    event,
)

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_FILENAME = "digikomp-grupp.sqlite3"


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in and out (SQLite keeps no time zone; PostgreSQL uses timestamptz)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


metadata = MetaData()

shared_items = Table(
    "shared_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("grp", String(100), nullable=False),
    Column("author", String(255), nullable=False),
    Column("source_id", BigInteger, nullable=False),
    Column("module", String(100), nullable=False),
    Column("prompt", Text, nullable=True),
    Column("text", Text, nullable=False),
    Column("shared", UTCDateTime, nullable=False),
    UniqueConstraint("grp", "author", "source_id", name="uq_shared_items_grp_author_source"),
    Index("ix_shared_items_grp_shared", "grp", "shared", "id"),
    Index("ix_shared_items_author", "author"),
)

votes = Table(
    "votes",
    metadata,
    Column("grp", String(100), nullable=False),
    Column("poll_id", String(100), nullable=False),
    Column("voter", String(255), nullable=False),
    Column("choice", String(200), nullable=False),
    Column("voted", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("grp", "poll_id", "voter", name="pk_votes"),
    Index("ix_votes_voter", "voter"),
)

board_notes = Table(
    "board_notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("grp", String(100), nullable=False),
    Column("board_id", String(100), nullable=False),
    Column("author", String(255), nullable=False),
    Column("text", Text, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    Index("ix_board_notes_grp_board", "grp", "board_id", "id"),
    Index("ix_board_notes_author", "author"),
)


def database_url(environ: os._Environ[str] | dict[str, str] = os.environ) -> str:
    """``DIGIKOMP_GROUP_DB_URL``, else a SQLite file in ``DIGIKOMP_GROUP_DATA_DIR`` (default: the working folder)."""
    url = environ.get("DIGIKOMP_GROUP_DB_URL", "").strip()
    if url:
        if url.startswith(("postgresql://", "postgres://")):
            # psycopg 3 is the driver the hub extra installs.
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    folder = Path(environ.get("DIGIKOMP_GROUP_DATA_DIR") or ".").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / SQLITE_FILENAME}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, pool_size=8)
        _sqlite_durable(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=8, max_overflow=8, pool_timeout=30)


def _sqlite_durable(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # The driver's own transaction handling is switched off; "begin" below emits BEGIN itself.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest migration (Alembic, ``migrations/versions``); run on every start."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
