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
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
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
    false,
    true,
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
    # 0002: the round a note was written in, private until its author shares it, picked for the harvest.
    Column("step", String(20), nullable=True),
    Column("shared", Boolean, nullable=False, server_default=true()),
    Column("harvested", Boolean, nullable=False, server_default=false()),
    Index("ix_board_notes_grp_board", "grp", "board_id", "id"),
    Index("ix_board_notes_author", "author"),
)

# --- 0002: live polls ---------------------------------------------------------------------------------------
# An answer's ``respondent`` is a keyed hash of poll and user (anonymity.py): one answer per person without a name
# in the row; ``author`` holds the name only in a named poll.

polls = Table(
    "polls",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(10), nullable=False),
    Column("question", Text, nullable=False),
    Column("options", Text, nullable=False),  # JSON list of strings
    Column("scale", Text, nullable=True),  # JSON {"min", "max", "min_label", "max_label"}
    Column("filter", Text, nullable=False),  # JSON list of words refused in a word cloud
    Column("anonymous", Boolean, nullable=False),
    Column("grp", String(100), nullable=True),  # null: the whole session
    Column("module", String(100), nullable=True),
    Column("source", String(100), nullable=True),
    Column("session", String(100), nullable=True),
    Column("state", String(10), nullable=False),
    Column("revealed", Boolean, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    Column("created_by", String(255), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_polls_state", "state"),
    Index("ix_polls_session", "session"),
)

poll_answers = Table(
    "poll_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("poll_id", Integer, ForeignKey("polls.id", ondelete="CASCADE"), nullable=False),
    Column("respondent", String(64), nullable=False),
    Column("author", String(255), nullable=True),
    Column("value", Text, nullable=False),
    Column("hidden", Boolean, nullable=False),
    Column("answered", UTCDateTime, nullable=False),
    UniqueConstraint("poll_id", "respondent", name="uq_poll_answers_poll_respondent"),
    Index("ix_poll_answers_author", "author"),
)

poll_questions = Table(
    "poll_questions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("poll_id", Integer, ForeignKey("polls.id", ondelete="CASCADE"), nullable=False),
    Column("respondent", String(64), nullable=False),
    Column("author", String(255), nullable=True),
    Column("text", Text, nullable=False),
    Column("hidden", Boolean, nullable=False),
    Column("asked", UTCDateTime, nullable=False),
    Index("ix_poll_questions_poll", "poll_id", "id"),
    Index("ix_poll_questions_author", "author"),
)

poll_upvotes = Table(
    "poll_upvotes",
    metadata,
    Column("question_id", Integer, ForeignKey("poll_questions.id", ondelete="CASCADE"), nullable=False),
    Column("respondent", String(64), nullable=False),
    PrimaryKeyConstraint("question_id", "respondent", name="pk_poll_upvotes"),
)

# --- 0002: group work ---------------------------------------------------------------------------------------

reveals = Table(
    "reveals",
    metadata,
    Column("grp", String(100), nullable=False),
    Column("item_id", String(110), nullable=False),  # a vote's poll id, or "dots:<board id>"
    Column("revealed_by", String(255), nullable=False),
    Column("revealed", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("grp", "item_id", name="pk_reveals"),
)

dots = Table(
    "dots",
    metadata,
    Column("grp", String(100), nullable=False),
    Column("board_id", String(100), nullable=False),
    Column("voter", String(255), nullable=False),
    Column("note_id", Integer, ForeignKey("board_notes.id", ondelete="CASCADE"), nullable=False),
    Column("n", Integer, nullable=False),
    PrimaryKeyConstraint("grp", "board_id", "voter", "note_id", name="pk_dots"),
    Index("ix_dots_voter", "voter"),
)

group_cases = Table(
    "group_cases",
    metadata,
    Column("grp", String(100), nullable=False),
    Column("case_id", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("data", Text, nullable=False),  # JSON object: the Nyttokalkyl case
    Column("saved_by", String(255), nullable=False),
    Column("saved", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("grp", "case_id", "version", name="pk_group_cases"),
    Index("ix_group_cases_saved_by", "saved_by"),
)

shared_progress = Table(
    "shared_progress",
    metadata,
    Column("user", String(255), nullable=False),
    Column("module", String(100), nullable=False),
    Column("done", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("user", "module", name="pk_shared_progress"),
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
