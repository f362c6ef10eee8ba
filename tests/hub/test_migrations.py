"""The Alembic migrations build exactly the schema of ``widgets.groupservice.db.metadata``, on both databases,
and running them again on a migrated database changes nothing."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from widgets.groupservice import db


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'grupp.sqlite3'}"
    else:
        pg = request.getfixturevalue("postgres")
        name = f"migr_{tmp_path.name.lower().replace('-', '_')}"[:60]
        with pg.connect() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        url = f"postgresql+psycopg://postgres@127.0.0.1:{pg.port}/{name}"
    engine = db.make_engine(url)
    yield engine
    engine.dispose()


def test_migrations_build_the_models_schema_and_are_idempotent(engine):
    db.upgrade(engine)
    db.upgrade(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), db.metadata) == []
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
    assert set(inspect(engine).get_table_names()) == {
        "alembic_version",
        "shared_items",
        "votes",
        "board_notes",
        "polls",
        "poll_answers",
        "poll_questions",
        "poll_upvotes",
        "reveals",
        "dots",
        "group_cases",
        "shared_progress",
    }


def test_sqlite_is_durable_at_commit(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'grupp.sqlite3'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    engine.dispose()
