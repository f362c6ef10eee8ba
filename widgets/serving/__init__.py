"""Serving the course with Voilà: the application class and its preheated kernel pools (``docs/architecture.md``)."""
