"""App builders: each returns the widget a notebook displays. Notebooks only call these."""
