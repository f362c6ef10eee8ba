"""Live polls on the course hub: what the teacher opens and participants answer (docs/group-service.md, "Polls").

The dataclasses are what :class:`~widgets.store.hub.HubSharedStore` returns; :class:`LiveStore` is the protocol
views program against (only the hub store implements it: outside a hub there are no live polls).
:class:`Watcher` turns the service's long polls into callbacks, from a daemon thread, so a page updates as answers
arrive without the kernel asking every second."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from .errors import StoreError

log = logging.getLogger(__name__)

KINDS = ("choice", "scale", "words", "open", "qa")
#: The longest a long poll is held by the service (seconds).
MAX_WAIT = 25.0


@dataclass(frozen=True)
class Scale:
    min: int
    max: int
    min_label: str = ""
    max_label: str = ""


@dataclass(frozen=True)
class Poll:
    """A poll as the service keeps it. ``group`` None: the whole session (everyone on the hub)."""

    id: int
    kind: str  # one of KINDS
    question: str
    options: tuple[str, ...]  # "choice" only
    scale: Scale | None  # "scale" only
    anonymous: bool
    group: str | None
    module: str | None
    source: str | None  # the id of a prepared poll in exercises/, or None when written on the spot
    session: str | None
    filter: tuple[str, ...]  # "words": answers containing one of these are refused
    state: str  # "open" | "closed"
    revealed: bool
    created: dt.datetime
    created_by: str
    version: int  # grows with every answer, moderation or change of state


@dataclass(frozen=True)
class PollAnswer:
    """One answer to a "words" or "open" poll; ``author`` only for the teacher and only in a named poll."""

    id: int
    text: str
    hidden: bool
    author: str | None


@dataclass(frozen=True)
class Question:
    """A question in a Q&A poll with its upvotes."""

    id: int
    text: str
    upvotes: int
    hidden: bool
    author: str | None
    mine: bool  # asked by the caller


@dataclass(frozen=True)
class Results:
    """A poll's results at ``version``. Counts hold every option (or scale step) with 0 where nobody chose it;
    ``words`` are (word, count), most frequent first; hidden answers are left out for participants."""

    poll: Poll
    version: int
    respondents: int
    counts: dict[str, int]
    mean: float | None
    words: tuple[tuple[str, int], ...]
    answers: tuple[PollAnswer, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class ActivePoll:
    """An open (or revealed) poll addressed to the caller, with the caller's own answer."""

    poll: Poll
    my_answer: str | None
    my_upvotes: frozenset[int]
    questions: tuple[Question, ...]  # "qa": the visible questions (participants see them at once, to upvote)
    results: Results | None  # when revealed


@dataclass(frozen=True)
class Active:
    token: str  # opaque: changes whenever any of these polls changes
    polls: tuple[ActivePoll, ...]


@runtime_checkable
class LiveStore(Protocol):
    """Live polls as seen by one hub user. Teacher-only calls raise PermissionDeniedError for others."""

    @property
    def user(self) -> str: ...

    @property
    def teacher(self) -> bool: ...

    def groups(self) -> list[str]:
        """Groups the user is a member of (may write in)."""
        ...

    def visible_groups(self) -> list[str]:
        """Groups the user may read: their own; a teacher every course group."""
        ...

    # teacher
    def create_poll(
        self,
        kind: str,
        question: str,
        *,
        options: tuple[str, ...] | list[str] = (),
        scale: Scale | None = None,
        anonymous: bool = False,
        group: str | None = None,
        module: str | None = None,
        source: str | None = None,
        session: str | None = None,
        filter: tuple[str, ...] | list[str] = (),
        state: str = "open",
    ) -> Poll: ...

    def polls(self, module: str | None = None, session: str | None = None) -> list[Poll]: ...

    def update_poll(
        self, poll_id: int, *, state: str | None = None, revealed: bool | None = None
    ) -> Poll: ...

    def reset_poll(self, poll_id: int) -> None: ...

    def delete_poll(self, poll_id: int) -> bool: ...

    def moderate_answer(self, poll_id: int, answer_id: int, hidden: bool) -> None: ...

    def moderate_question(self, poll_id: int, question_id: int, hidden: bool) -> None: ...

    # everyone
    def results(self, poll_id: int, after: int | None = None, wait: float = 0) -> Results: ...

    # participants
    def active_polls(self, after: str | None = None, wait: float = 0) -> Active: ...

    def answer_poll(self, poll_id: int, value: str) -> None: ...

    def withdraw_answer(self, poll_id: int) -> bool: ...

    def ask_question(self, poll_id: int, text: str) -> Question: ...

    def upvote(self, poll_id: int, question_id: int, on: bool = True) -> None: ...


T = TypeVar("T")
K = TypeVar("K")


class Watcher(Generic[K, T]):
    """Follow a long poll in a daemon thread: ``fetch(after)`` returns ``(token, value)`` (blocking up to the
    service's wait); ``on_change(value)`` is called for the first answer and whenever the token changes.

    A failed fetch (service restarting, network) calls ``on_error(error)`` once per outage and retries after
    ``pause`` seconds; the first success afterwards calls ``on_change`` again. ``stop()`` ends the thread after
    its current request (at most one wait). Callbacks run in the watcher's thread, like the lärlogg's autosave
    timer; they only set widget traits."""

    def __init__(
        self,
        fetch: Callable[[K | None], tuple[K, T]],
        on_change: Callable[[T], None],
        on_error: Callable[[StoreError], None] | None = None,
        *,
        pause: float = 3.0,
        name: str = "digikomp-watcher",
    ) -> None:
        self._fetch = fetch
        self._on_change = on_change
        self._on_error = on_error
        self._pause = pause
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Watcher[K, T]:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._stop.is_set()

    def _run(self) -> None:
        token: K | None = None
        failing = False
        while not self._stop.is_set():
            try:
                new, value = self._fetch(token)
            except StoreError as exc:
                if not failing and self._on_error is not None:
                    self._safely(self._on_error, exc)
                failing = True
                token = None
                self._stop.wait(self._pause)
                continue
            except Exception:  # a bug in fetch must not kill the page silently: log it and keep trying
                log.exception("watcher fetch failed")
                self._stop.wait(self._pause)
                continue
            if self._stop.is_set():
                return
            if failing or new != token:
                failing = False
                token = new
                self._safely(self._on_change, value)

    @staticmethod
    def _safely(callback: Callable[[Any], None], value: object) -> None:
        try:
            callback(value)
        except Exception:
            log.exception("watcher callback failed")
