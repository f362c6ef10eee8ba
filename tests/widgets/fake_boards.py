"""An in-memory group service for the board and dilemma-vote widget tests, with the contract's rules
(/tmp/s5/contract.md, widgets/store/groupwork.py): private notes are their author's own, a teacher sees shared
notes only, a vote's tally is hidden from a member who has not voted unless the teacher revealed it, dots are
hidden until every member voted or the teacher revealed them, and only the author or a teacher may change what
they may change. One :class:`BoardHub` holds the data; each user gets a :class:`BoardStore` over it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import ipywidgets as w

from widgets.store.errors import PermissionDeniedError, StoreError
from widgets.store.groupwork import MAX_DOTS, DotState, VoteState
from widgets.store.shared import BoardNote

START = dt.datetime(2026, 4, 1, 8, 0, tzinfo=dt.UTC)


@dataclass
class BoardHub:
    groups: dict[str, list[str]]
    teachers: set[str] = field(default_factory=set)
    notes: list[BoardNote] = field(default_factory=list)
    votes: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    dots: dict[tuple[str, str], dict[str, dict[int, int]]] = field(default_factory=dict)
    revealed: set[tuple[str, str]] = field(default_factory=set)
    calls: list[str] = field(default_factory=list)

    def store(self, user: str) -> BoardStore:
        return BoardStore(self, user)


class BoardStore:
    """:class:`~widgets.store.groupwork.GroupWork` as ``user``."""

    def __init__(self, hub: BoardHub, user: str) -> None:
        self.hub = hub
        self._user = user

    @property
    def user(self) -> str:
        return self._user

    @property
    def teacher(self) -> bool:
        return self._user in self.hub.teachers

    def groups(self) -> list[str]:
        return sorted(g for g, people in self.hub.groups.items() if self._user in people)

    def visible_groups(self) -> list[str]:
        return sorted(self.hub.groups) if self.teacher else self.groups()

    def members(self, group: str) -> list[str]:
        self._may(group)
        return sorted(self.hub.groups[group])

    def _may(self, group: str) -> None:
        if group not in self.hub.groups:
            raise StoreError(f"Gruppen {group} finns inte.")
        if not self.teacher and self._user not in self.hub.groups[group]:
            raise PermissionDeniedError("Du är inte med i den gruppen.")

    def _teacher_only(self) -> None:
        if not self.teacher:
            raise PermissionDeniedError("Det får bara läraren göra.")

    # votes
    def cast_vote(self, group: str, poll_id: str, choice: str) -> None:
        self._may(group)
        self.hub.calls.append("cast_vote")
        self.hub.votes.setdefault((group, poll_id), {})[self._user] = choice

    def vote_state(self, group: str, poll_id: str) -> VoteState:
        self._may(group)
        votes = self.hub.votes.get((group, poll_id), {})
        mine = votes.get(self._user)
        revealed = (group, poll_id) in self.hub.revealed
        tally: dict[str, int] | None = None
        if self.teacher or mine is not None or revealed:
            tally = {}
            for choice in votes.values():
                tally[choice] = tally.get(choice, 0) + 1
        return VoteState(mine, tally, revealed, len(votes), len(self.hub.groups[group]))

    def reveal(self, group: str, item_id: str, revealed: bool = True) -> None:
        self._may(group)
        self._teacher_only()
        if revealed:
            self.hub.revealed.add((group, item_id))
        else:
            self.hub.revealed.discard((group, item_id))

    # boards
    def post_note(
        self, group: str, board_id: str, text: str, *, step: str | None = None, shared: bool = True
    ) -> BoardNote:
        self._may(group)
        if not text.strip():
            raise StoreError("Skriv något på lappen.")
        note = BoardNote(
            max((n.id for n in self.hub.notes), default=0) + 1,
            group,
            board_id,
            self._user,
            text,
            START + dt.timedelta(minutes=len(self.hub.notes)),
            step=step,
            shared=shared,
        )
        self.hub.notes.append(note)
        return note

    def _visible(self, note: BoardNote) -> bool:
        return note.shared or (note.author == self._user and not self.teacher)

    def board(self, group: str, board_id: str) -> list[BoardNote]:
        self._may(group)
        return [n for n in self.hub.notes if n.group == group and n.board_id == board_id and self._visible(n)]

    def _find(self, group: str, note_id: int) -> int:
        for i, note in enumerate(self.hub.notes):
            if note.id == note_id and note.group == group and self._visible(note):
                return i
        raise StoreError("Lappen finns inte.")

    def update_note(
        self,
        group: str,
        note_id: int,
        *,
        shared: bool | None = None,
        harvested: bool | None = None,
        text: str | None = None,
    ) -> BoardNote:
        self._may(group)
        i = self._find(group, note_id)
        note = self.hub.notes[i]
        if (shared is not None or text is not None) and note.author != self._user:
            raise PermissionDeniedError("Du kan bara ändra dina egna lappar.")
        if harvested is not None:
            self._teacher_only()
        changes = {
            k: v for k, v in {"shared": shared, "harvested": harvested, "text": text}.items() if v is not None
        }
        self.hub.notes[i] = note = replace(note, **changes)
        return note

    def delete_note(self, group: str, note_id: int) -> bool:
        self._may(group)
        try:
            i = self._find(group, note_id)
        except StoreError:
            return False
        if self.hub.notes[i].author != self._user and not self.teacher:
            raise PermissionDeniedError("Du kan bara ta bort dina egna lappar.")
        del self.hub.notes[i]
        return True

    def harvest(self, board_id: str) -> list[BoardNote]:
        self._teacher_only()
        return [n for n in self.hub.notes if n.board_id == board_id and n.harvested and n.shared]

    def set_dots(self, group: str, board_id: str, dots: dict[int, int]) -> None:
        self._may(group)
        if sum(dots.values()) > MAX_DOTS or any(n < 0 for n in dots.values()):
            raise StoreError(f"Du har högst {MAX_DOTS} prickar.")
        shared = {n.id for n in self.hub.notes if n.group == group and n.board_id == board_id and n.shared}
        if not set(dots) <= shared:
            raise StoreError("Prickar kan bara sättas på gruppens delade lappar.")
        self.hub.calls.append("set_dots")
        self.hub.dots.setdefault((group, board_id), {})[self._user] = {k: v for k, v in dots.items() if v}

    def dot_state(self, group: str, board_id: str) -> DotState:
        self._may(group)
        given = {u: d for u, d in self.hub.dots.get((group, board_id), {}).items() if d}
        members = len(self.hub.groups[group])
        revealed = (group, f"dots:{board_id}") in self.hub.revealed
        tally: dict[int, int] | None = None
        if self.teacher or revealed or len(given) >= members:
            tally = {}
            for allocation in given.values():
                for note_id, n in allocation.items():
                    tally[note_id] = tally.get(note_id, 0) + n
        return DotState(dict(given.get(self._user, {})), len(given), members, revealed, tally)

    # the joint case and progress: not used by these views
    def group_cases(self, group: str):
        raise AssertionError("not used by the views under test")

    def group_case(self, group: str, case_id: str, version: int | None = None):
        raise AssertionError("not used by the views under test")

    def case_history(self, group: str, case_id: str):
        raise AssertionError("not used by the views under test")

    def save_group_case(self, group, case_id, name, data, base_version):
        raise AssertionError("not used by the views under test")

    def share_progress(self, module: str, done: int, total: int) -> None:
        raise AssertionError("not used by the views under test")

    def stop_sharing_progress(self) -> None:
        raise AssertionError("not used by the views under test")

    def group_progress(self, group: str):
        raise AssertionError("not used by the views under test")


def walk(widget):
    """Every widget inside ``widget``, itself included."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def buttons(widget) -> dict[str, w.Button]:
    """The buttons inside ``widget`` by their text."""
    return {b.description: b for b in walk(widget) if isinstance(b, w.Button)}


def shown(widget) -> str:
    """All HTML shown inside ``widget``, joined."""
    return "\n".join(x.value for x in walk(widget) if isinstance(x, w.HTML))
