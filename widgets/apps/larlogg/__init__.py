"""The lärlogg views: the reflection widget on every module page and the "Min lärlogg" page."""

from .entries import EntryList, EntryView
from .log_app import LogApp, larlogg_app
from .reflection import ReflectionWidget

__all__ = ["EntryList", "EntryView", "LogApp", "ReflectionWidget", "larlogg_app"]
