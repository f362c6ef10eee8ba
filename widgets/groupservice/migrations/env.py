"""Alembic environment: migrations run on the connection ``widgets.groupservice.db.upgrade`` hands over.

A new migration: change ``db.metadata``, add a file to ``versions/`` with the next ``revision`` and
``down_revision``; ``tests/hub/test_migrations.py`` checks that the migrated schema equals ``db.metadata``."""

from alembic import context

from widgets.groupservice.db import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
