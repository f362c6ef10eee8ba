"""Plain-language messages in place: a field's error shown beside it, never a traceback.

The habit follows solara's input components: a parse function raises a short Swedish error, one shared helper
catches it and the field's message area shows it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import ipywidgets as w

from ..errors import DomainError
from ..store.errors import StoreError
from .html import esc

log = logging.getLogger(__name__)
T = TypeVar("T")

UNEXPECTED = "Något gick oväntat fel. Ditt arbete är sparat; försök igen eller ladda om sidan."


class Message(w.HTML):
    """A message area announced by screen readers; empty when there is nothing to say."""

    def error(self, text: str) -> None:
        self.value = f'<p class="dk-error" role="alert">{esc(text)}</p>'

    def warning(self, text: str) -> None:
        """Something the participant must know although nothing is invalid (e.g. years left out)."""
        self.value = f'<p class="dk-warning" role="alert">{esc(text)}</p>'

    def ok(self, text: str) -> None:
        self.value = f'<p class="dk-ok" role="status">{esc(text)}</p>'

    def info(self, text: str) -> None:
        self.value = f'<p class="dk-muted" role="status">{esc(text)}</p>'

    def clear(self) -> None:
        self.value = ""

    @property
    def has_error(self) -> bool:
        return 'class="dk-error"' in self.value


def guarded(message: Message, action: Callable[[], T]) -> T | None:
    """Run ``action``; a DomainError or StoreError (e.g. the group service is down) is shown in ``message`` as it
    is; anything else is logged and shown in plain Swedish."""
    try:
        result = action()
    except (DomainError, StoreError) as exc:
        message.error(exc.message)
        return None
    except Exception:  # a participant must never see a traceback
        log.exception("unexpected error in a view")
        message.error(UNEXPECTED)
        return None
    message.clear()
    return result
