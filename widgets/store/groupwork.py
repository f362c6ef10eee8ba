"""Group work on the course hub beyond sharing: dilemma votes with reveal, boards with rounds, dot voting and a
harvest, a joint benefit case with versioned saves, and progress shared with the teacher.

The dataclasses are what :class:`~widgets.store.hub.HubSharedStore` returns; :class:`GroupWork` is the protocol
views program against. See docs/group-service.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from .errors import StoreError
from .shared import BoardNote

#: The most dots the service accepts from one member on one board (a board's content may say fewer, 3–5).
MAX_DOTS = 5


@dataclass(frozen=True)
class VoteState:
    """A group vote as the caller may see it: the tally only after voting, or when the teacher revealed it."""

    my_vote: str | None
    tally: dict[str, int] | None
    revealed: bool
    voters: int
    members: int


@dataclass(frozen=True)
class DotState:
    """Dot voting on one board: my dots per note id, and the tally once everyone voted or the teacher revealed."""

    mine: dict[int, int]
    voters: int
    members: int
    revealed: bool
    tally: dict[int, int] | None


@dataclass(frozen=True)
class CaseVersion:
    """One saved version of a group's joint case (no data)."""

    case_id: str
    name: str
    version: int
    saved_by: str
    saved: dt.datetime


@dataclass(frozen=True)
class GroupCase:
    """A version of a joint case with its data (the Nyttokalkyl case as a JSON-able dict)."""

    case_id: str
    name: str
    version: int
    saved_by: str
    saved: dt.datetime
    data: dict[str, Any]


@dataclass(frozen=True)
class Progress:
    """What a participant chose to share with the teacher of their progress in a module."""

    user: str
    module: str
    done: int
    total: int
    updated: dt.datetime


class CaseConflictError(StoreError):
    """The case was saved by someone else after the version this save was based on; nothing was saved."""

    def __init__(self, message: str, current: GroupCase) -> None:
        super().__init__(message)
        self.current = current


@runtime_checkable
class GroupWork(Protocol):
    """Group work as seen by one hub user (identity from the hub)."""

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

    def members(self, group: str) -> list[str]: ...

    # votes
    def cast_vote(self, group: str, poll_id: str, choice: str) -> None: ...

    def vote_state(self, group: str, poll_id: str) -> VoteState: ...

    def reveal(self, group: str, item_id: str, revealed: bool = True) -> None: ...

    # boards
    def post_note(
        self, group: str, board_id: str, text: str, *, step: str | None = None, shared: bool = True
    ) -> BoardNote: ...

    def board(self, group: str, board_id: str) -> list[BoardNote]: ...

    def update_note(
        self,
        group: str,
        note_id: int,
        *,
        shared: bool | None = None,
        harvested: bool | None = None,
        text: str | None = None,
    ) -> BoardNote: ...

    def delete_note(self, group: str, note_id: int) -> bool: ...

    def harvest(self, board_id: str) -> list[BoardNote]: ...

    def set_dots(self, group: str, board_id: str, dots: dict[int, int]) -> None: ...

    def dot_state(self, group: str, board_id: str) -> DotState: ...

    # joint case
    def group_cases(self, group: str) -> list[CaseVersion]: ...

    def group_case(self, group: str, case_id: str, version: int | None = None) -> GroupCase: ...

    def case_history(self, group: str, case_id: str) -> list[CaseVersion]: ...

    def save_group_case(
        self, group: str, case_id: str, name: str, data: dict[str, Any], base_version: int
    ) -> CaseVersion: ...

    # progress shared with the teacher
    def share_progress(self, module: str, done: int, total: int) -> None: ...

    def stop_sharing_progress(self) -> None: ...

    def group_progress(self, group: str) -> list[Progress]: ...
