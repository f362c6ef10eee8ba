"""An in-memory group service for view tests: one :class:`FakeHub` (the service's state) and one
:class:`FakeGroupWork` per user (what ``HubSharedStore`` is for that user), with the contract's rules
(docs: /tmp/s5/contract.md, widgets/store/groupwork.py): members only write, a save on an older version raises
CaseConflictError with the latest version, group_progress is the teacher's, a teacher sees shared notes only."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from widgets.store.errors import PermissionDeniedError, StoreError
from widgets.store.groupwork import CaseConflictError, CaseVersion, DotState, GroupCase, Progress, VoteState
from widgets.store.shared import BoardNote, SharedItem

T0 = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


@dataclass
class FakeHub:
    groups: dict[str, list[str]] = field(default_factory=dict)  # group → members
    teachers: set[str] = field(default_factory=set)
    cases: dict[tuple[str, str], list[GroupCase]] = field(default_factory=dict)
    progress: dict[tuple[str, str], Progress] = field(default_factory=dict)
    items: list[SharedItem] = field(default_factory=list)
    notes: list[BoardNote] = field(default_factory=list)
    votes: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    revealed: set[tuple[str, str]] = field(default_factory=set)
    minutes: int = 0
    calls: list[str] = field(default_factory=list)
    down: bool = False  # every call raises a StoreError, as when the service is unreachable

    def now(self) -> dt.datetime:
        self.minutes += 7
        return T0 + dt.timedelta(minutes=self.minutes)

    def store(self, user: str) -> FakeGroupWork:
        return FakeGroupWork(self, user)


class FakeGroupWork:
    def __init__(self, hub: FakeHub, user: str) -> None:
        self.hub = hub
        self._user = user

    # identity ---------------------------------------------------------------------------------------------
    @property
    def user(self) -> str:
        return self._user

    @property
    def teacher(self) -> bool:
        return self._user in self.hub.teachers

    def _call(self, name: str) -> None:
        self.hub.calls.append(name)
        if self.hub.down:
            raise StoreError("Gruppservern svarar inte just nu. Försök igen om en stund.")

    def _member(self, group: str) -> None:
        if self._user not in self.hub.groups.get(group, []):
            raise PermissionDeniedError(f"Du är inte med i gruppen ”{group}”.")

    def _reader(self, group: str) -> None:
        if not self.teacher:
            self._member(group)

    def groups(self) -> list[str]:
        self._call("groups")
        return sorted(g for g, members in self.hub.groups.items() if self._user in members)

    def visible_groups(self) -> list[str]:
        self._call("visible_groups")
        return sorted(self.hub.groups) if self.teacher else self.groups()

    def members(self, group: str) -> list[str]:
        self._call("members")
        self._reader(group)
        return sorted(self.hub.groups[group])

    # sharing and votes ------------------------------------------------------------------------------------
    def shared_items(self, group: str, module: str | None = None) -> list[SharedItem]:
        self._call("shared_items")
        self._reader(group)
        return [i for i in self.hub.items if i.group == group and (module is None or i.module == module)]

    def cast_vote(self, group: str, poll_id: str, choice: str) -> None:
        self._call("cast_vote")
        self._member(group)
        self.hub.votes.setdefault((group, poll_id), {})[self._user] = choice

    def vote_state(self, group: str, poll_id: str) -> VoteState:
        self._call("vote_state")
        self._reader(group)
        votes = self.hub.votes.get((group, poll_id), {})
        revealed = (group, poll_id) in self.hub.revealed
        mine = votes.get(self._user)
        tally: dict[str, int] = {}
        for choice in votes.values():
            tally[choice] = tally.get(choice, 0) + 1
        show = self.teacher or revealed or mine is not None
        return VoteState(mine, tally if show else None, revealed, len(votes), len(self.hub.groups[group]))

    def reveal(self, group: str, item_id: str, revealed: bool = True) -> None:
        self._call("reveal")
        if not self.teacher:
            raise PermissionDeniedError("Bara lärare kan visa resultatet.")
        (self.hub.revealed.add if revealed else self.hub.revealed.discard)((group, item_id))

    # boards -----------------------------------------------------------------------------------------------
    def post_note(
        self, group: str, board_id: str, text: str, *, step: str | None = None, shared: bool = True
    ) -> BoardNote:
        self._call("post_note")
        self._member(group)
        note = BoardNote(
            len(self.hub.notes) + 1, group, board_id, self._user, text, self.hub.now(), step, shared
        )
        self.hub.notes.append(note)
        return note

    def board(self, group: str, board_id: str) -> list[BoardNote]:
        self._call("board")
        self._reader(group)
        return [
            n
            for n in self.hub.notes
            if n.group == group and n.board_id == board_id and (n.shared or n.author == self._user)
            and not (self.teacher and not n.shared)
        ]  # fmt: skip

    def update_note(self, group: str, note_id: int, *, shared=None, harvested=None, text=None) -> BoardNote:
        raise NotImplementedError

    def delete_note(self, group: str, note_id: int) -> bool:
        raise NotImplementedError

    def harvest(self, board_id: str) -> list[BoardNote]:
        raise NotImplementedError

    def set_dots(self, group: str, board_id: str, dots: dict[int, int]) -> None:
        raise NotImplementedError

    def dot_state(self, group: str, board_id: str) -> DotState:
        raise NotImplementedError

    # joint case -------------------------------------------------------------------------------------------
    def group_cases(self, group: str) -> list[CaseVersion]:
        self._call("group_cases")
        self._reader(group)
        latest = [versions[-1] for (g, _), versions in self.hub.cases.items() if g == group]
        return [_version(c) for c in sorted(latest, key=lambda c: c.saved, reverse=True)]

    def group_case(self, group: str, case_id: str, version: int | None = None) -> GroupCase:
        self._call("group_case")
        self._reader(group)
        versions = self.hub.cases.get((group, case_id))
        if not versions:
            raise StoreError("Gruppkalkylen finns inte.")
        found = versions[-1] if version is None else next((v for v in versions if v.version == version), None)
        if found is None:
            raise StoreError(f"Version {version} finns inte.")
        return copy.deepcopy(found)

    def case_history(self, group: str, case_id: str) -> list[CaseVersion]:
        self._call("case_history")
        self._reader(group)
        return [_version(c) for c in reversed(self.hub.cases.get((group, case_id), []))]

    def save_group_case(
        self, group: str, case_id: str, name: str, data: dict[str, Any], base_version: int
    ) -> CaseVersion:
        self._call("save_group_case")
        self._member(group)
        versions = self.hub.cases.setdefault((group, case_id), [])
        latest = versions[-1].version if versions else 0
        if base_version != latest:
            current = versions[-1]
            raise CaseConflictError(
                f"Kalkylen har sparats av {current.saved_by} (version {current.version}).",
                copy.deepcopy(current),
            )
        saved = GroupCase(case_id, name, latest + 1, self._user, self.hub.now(), copy.deepcopy(data))
        versions.append(saved)
        return _version(saved)

    # progress ---------------------------------------------------------------------------------------------
    def share_progress(self, module: str, done: int, total: int) -> None:
        self._call("share_progress")
        self.hub.progress[(self._user, module)] = Progress(self._user, module, done, total, self.hub.now())

    def stop_sharing_progress(self) -> None:
        self._call("stop_sharing_progress")
        for key in [k for k in self.hub.progress if k[0] == self._user]:
            del self.hub.progress[key]

    def delete_my_data(self) -> dict[str, int]:
        self._call("delete_my_data")
        return {}

    def group_progress(self, group: str) -> list[Progress]:
        self._call("group_progress")
        if not self.teacher:
            raise PermissionDeniedError("Bara lärare ser gruppernas framgång.")
        members = set(self.hub.groups[group])
        return [p for (user, _), p in sorted(self.hub.progress.items()) if user in members]


def _version(case: GroupCase) -> CaseVersion:
    return CaseVersion(case.case_id, case.name, case.version, case.saved_by, case.saved)
