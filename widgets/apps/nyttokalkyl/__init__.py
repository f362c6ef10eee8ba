"""The Nyttokalkyl app (benefit analysis): views over :mod:`widgets.benefit`, assembled in :mod:`.app`."""

from .app import NyttokalkylApp, nyttokalkyl_app

__all__ = ["NyttokalkylApp", "nyttokalkyl_app"]
