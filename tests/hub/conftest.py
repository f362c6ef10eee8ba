"""Fixtures of the hub tests: one real JupyterHub (+ proxy + group service) per database backend per session.

``hub`` is parametrized over ``sqlite`` and ``postgresql`` (a throwaway PostgreSQL cluster); pytest orders the
tests so that each backend's hub is started once. ``rows(hub, sql)`` reads the service's database directly."""

from __future__ import annotations

import itertools
import sqlite3

import pytest

from . import harness

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres():
    pg = harness.start_postgres()
    yield pg
    pg.remove()


@pytest.fixture(scope="session", params=BACKENDS)
def hub(request, tmp_path_factory):
    pg = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    hub = harness.start_hub(tmp_path_factory.mktemp(f"hub-{request.param}"), postgres=pg)
    yield hub
    hub.stop()


_ids = itertools.count(1_000)


@pytest.fixture
def uid():
    """A fresh number per test (source ids, poll and board names), so tests on one hub never meet."""
    return next(_ids)


def rows(hub, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows straight from the service's database (SQLite file or PostgreSQL), ``?`` placeholders."""
    if hub.backend == "sqlite":
        with sqlite3.connect(hub.sqlite_path) as conn:
            return conn.execute(sql, params).fetchall()
    with hub.postgres.connect() as conn:
        return conn.execute(sql.replace("?", "%s"), params).fetchall()
