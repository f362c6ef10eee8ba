"""The group-work calls of :class:`~widgets.store.hub.HubSharedStore` (:class:`~widgets.store.groupwork.GroupWork`
over the group service's API): members, reveals, vote state, board rounds and dots, joint cases, progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import DomainError
from .errors import StoreError
from .groupwork import MAX_DOTS, CaseConflictError, CaseVersion, DotState, GroupCase, Progress, VoteState
from .shared import BoardNote

T = TypeVar("T")


def _q(value: str) -> str:
    from .hub import _quote

    return _quote(value)


def _version(d: dict[str, Any]) -> CaseVersion:
    from .hub import _time

    return CaseVersion(
        str(d["case_id"]), str(d["name"]), int(d["version"]), str(d["saved_by"]), _time(d["saved"])
    )


def _case(d: dict[str, Any]) -> GroupCase:
    v = _version(d)
    data = d["data"]
    if not isinstance(data, dict):
        raise ValueError("case data")
    return GroupCase(v.case_id, v.name, v.version, v.saved_by, v.saved, data)


class WorkCalls:
    """Mixed into HubSharedStore, which provides ``_call``, ``_delete``, ``_parsed``, ``_request``, ``me``."""

    timeout: float

    if TYPE_CHECKING:  # provided by HubSharedStore

        def _call(
            self,
            method: str,
            path: str,
            body: Any = None,
            *,
            idempotent: bool = True,
            timeout: float | None = None,
        ) -> Any: ...

        def _delete(self, path: str) -> bool: ...

        def _parsed(self, build: Callable[[], T]) -> T: ...

    def members(self, group: str) -> list[str]:
        found = self._call("GET", f"groups/{_q(group)}/members")
        return self._parsed(lambda: [str(m) for m in found["members"]])

    def reveal(self, group: str, item_id: str, revealed: bool = True) -> None:
        self._call("PUT", f"groups/{_q(group)}/reveals/{_q(item_id)}", {"revealed": bool(revealed)})

    def vote_state(self, group: str, poll_id: str) -> VoteState:
        found = self._call("GET", f"groups/{_q(group)}/votes/{_q(poll_id)}")
        return self._parsed(
            lambda: VoteState(
                my_vote=found["my_vote"],
                tally=None if found["tally"] is None else {str(k): int(v) for k, v in found["tally"].items()},
                revealed=bool(found["revealed"]),
                voters=int(found["voters"]),
                members=int(found["members"]),
            )
        )

    # --- boards ------------------------------------------------------------------------------------------------

    def update_note(
        self,
        group: str,
        note_id: int,
        *,
        shared: bool | None = None,
        harvested: bool | None = None,
        text: str | None = None,
    ) -> BoardNote:
        from .hub import _note

        if text is not None and not text.strip():
            raise DomainError("text", "En lapp kan inte vara tom.")
        body = {
            k: v for k, v in (("shared", shared), ("harvested", harvested), ("text", text)) if v is not None
        }
        found = self._call("PATCH", f"groups/{_q(group)}/notes/{int(note_id)}", body)
        return self._parsed(lambda: _note(found))

    def harvest(self, board_id: str) -> list[BoardNote]:
        from .hub import _note

        found = self._call("GET", f"boards/{_q(board_id)}/harvest")
        return self._parsed(lambda: [_note(d) for d in found])

    def set_dots(self, group: str, board_id: str, dots: dict[int, int]) -> None:
        if any(n < 0 for n in dots.values()):
            raise DomainError("prickar", "Antalet prickar kan inte vara negativt.")
        if sum(dots.values()) > MAX_DOTS:
            raise DomainError("prickar", f"Du har högst {MAX_DOTS} prickar att fördela.")
        body = {"dots": [{"note_id": int(k), "dots": int(v)} for k, v in sorted(dots.items()) if v]}
        self._call("PUT", f"groups/{_q(group)}/boards/{_q(board_id)}/dots", body)

    def dot_state(self, group: str, board_id: str) -> DotState:
        found = self._call("GET", f"groups/{_q(group)}/boards/{_q(board_id)}/dots")
        return self._parsed(
            lambda: DotState(
                mine={int(d["note_id"]): int(d["dots"]) for d in found["mine"]},
                voters=int(found["voters"]),
                members=int(found["members"]),
                revealed=bool(found["revealed"]),
                tally=None
                if found["tally"] is None
                else {int(d["note_id"]): int(d["dots"]) for d in found["tally"]},
            )
        )

    # --- joint cases ---------------------------------------------------------------------------------------------

    def group_cases(self, group: str) -> list[CaseVersion]:
        found = self._call("GET", f"groups/{_q(group)}/cases")
        return self._parsed(lambda: [_version(d) for d in found])

    def group_case(self, group: str, case_id: str, version: int | None = None) -> GroupCase:
        query = "" if version is None else f"?version={int(version)}"
        found = self._call("GET", f"groups/{_q(group)}/cases/{_q(case_id)}{query}")
        return self._parsed(lambda: _case(found))

    def case_history(self, group: str, case_id: str) -> list[CaseVersion]:
        found = self._call("GET", f"groups/{_q(group)}/cases/{_q(case_id)}/history")
        return self._parsed(lambda: [_version(d) for d in found])

    def save_group_case(
        self, group: str, case_id: str, name: str, data: dict[str, Any], base_version: int
    ) -> CaseVersion:
        """A new version on ``base_version``; a save that someone else's came before raises CaseConflictError.
        Safe to retry: a repeat of a save that landed meets its own version and is refused, never doubled."""
        if not (name or "").strip():
            raise DomainError("namn", "Ge kalkylen ett namn.")
        body = {"base_version": int(base_version), "name": name.strip(), "data": data}
        try:
            found = self._call("PUT", f"groups/{_q(group)}/cases/{_q(case_id)}", body, idempotent=False)
        except StoreError as exc:
            current = getattr(exc, "payload", None)
            if isinstance(current, dict) and isinstance(current.get("current"), dict):
                raise CaseConflictError(
                    exc.message, self._parsed(lambda: _case(current["current"]))
                ) from None
            raise
        return self._parsed(lambda: _version(found))

    # --- progress ------------------------------------------------------------------------------------------------

    def share_progress(self, module: str, done: int, total: int) -> None:
        if not 0 <= done <= total:
            raise DomainError("framgång", "Antalet klara övningar måste ligga mellan 0 och antalet övningar.")
        self._call("PUT", f"me/progress/{_q(module)}", {"done": int(done), "todo": int(total) - int(done)})

    def stop_sharing_progress(self) -> None:
        self._call("DELETE", "me/progress")

    def group_progress(self, group: str) -> list[Progress]:
        from .hub import _time

        found = self._call("GET", f"groups/{_q(group)}/progress")
        return self._parsed(
            lambda: [
                Progress(
                    str(d["user"]), str(d["module"]), int(d["done"]), int(d["total"]), _time(d["updated"])
                )
                for d in found
            ]
        )
