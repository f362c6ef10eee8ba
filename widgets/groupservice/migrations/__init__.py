"""Alembic migrations of the group service's database (run on every start by ``db.upgrade``)."""
