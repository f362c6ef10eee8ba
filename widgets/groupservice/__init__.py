"""The group service ``digikomp-grupp``: a JupyterHub-managed JSON API for group work (shared lärlogg entries,
votes, group boards), ``python -m widgets.groupservice``.

Identity comes only from the hub (the caller's token resolved via ``/hub/api/user``); storage is SQLAlchemy 2 on
SQLite or PostgreSQL with Alembic migrations run on start. Runs in its own process beside the hub and is never
imported in a participant kernel (kernels talk to it over HTTP with ``widgets.store.hub``). See
``docs/group-service.md``."""
