"""Plain-language messages in place: a field's error shown beside it, never a traceback.

The habit follows solara's input components: a parse function raises a short Swedish error, one shared helper
catches it and the field's message area shows it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar, cast

import ipywidgets as w
import traitlets as t

from ..errors import DomainError
from ..store.errors import StoreError
from .html import esc

log = logging.getLogger(__name__)
T = TypeVar("T")
D = TypeVar("D")
Kind = Literal["", "error", "warning", "ok", "info"]

UNEXPECTED = "Något gick oväntat fel. Ditt arbete är sparat; försök igen eller ladda om sidan."


class Message(w.HTML):
    """A message area announced by screen readers; empty when there is nothing to say."""

    kind = t.Enum(
        ("", "error", "warning", "ok", "info"),
        default_value="",
        help="What the message says: an error, a warning, an ok, an info, or nothing. Not sent to the browser.",
    )

    def _say(self, kind: Kind, cls: str, role: str, text: str) -> None:
        self.value = f'<p class="{cls}" role="{role}">{esc(text)}</p>'
        self.kind = kind  # after the value: writing the value directly resets the kind

    def error(self, text: str) -> None:
        self._say("error", "dk-error", "alert", text)

    def warning(self, text: str) -> None:
        """Something the participant must know although nothing is invalid (e.g. years left out)."""
        self._say("warning", "dk-warning", "alert", text)

    def ok(self, text: str) -> None:
        self._say("ok", "dk-ok", "status", text)

    def info(self, text: str) -> None:
        self._say("info", "dk-muted", "status", text)

    def clear(self) -> None:
        self.value = ""
        self.kind = ""

    def copy_from(self, other: Message) -> None:
        """Show what ``other`` shows, with its kind."""
        self.value = other.value
        self.kind = other.kind

    @property
    def has_error(self) -> bool:
        return self.kind == "error"

    @t.observe("value")
    def _on_value_change(self, change: dict[str, object]) -> None:
        self.kind = ""  # markup written directly is no error the views can know of


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What :func:`guarded` did: ``ok`` says whether the action ran without an error, ``value`` is what it
    returned (which may be None). Use ``.ok``, never the outcome itself, as a condition."""

    ok: bool
    _value: T | None = None

    @property
    def value(self) -> T:
        """What the action returned; only after it succeeded."""
        if not self.ok:
            raise ValueError("the action failed: it has no value")
        return cast(T, self._value)

    def value_or(self, default: D) -> T | D:
        """What the action returned, or ``default`` if it failed."""
        return cast(T, self._value) if self.ok else default

    def __bool__(self) -> bool:
        raise TypeError("an Outcome is no condition: use .ok")


FAILED: Outcome[object] = Outcome(ok=False)


def guarded(message: Message, action: Callable[[], T]) -> Outcome[T]:
    """Run ``action``; a DomainError or StoreError (e.g. the group service is down) is shown in ``message`` as it
    is; anything else is logged and shown in plain Swedish. Says whether the action succeeded and what it
    returned."""
    try:
        result = action()
    except (DomainError, StoreError) as exc:
        message.error(exc.message)
        return cast(Outcome[T], FAILED)
    except Exception:  # a participant must never see a traceback
        log.exception("unexpected error in a view")
        message.error(UNEXPECTED)
        return cast(Outcome[T], FAILED)
    message.clear()
    return Outcome(ok=True, _value=result)
