"""The live-poll calls of :class:`~widgets.store.hub.HubSharedStore` (:class:`~widgets.store.live.LiveStore`
over the group service's ``api/polls``). Long polls get the service's wait plus the usual timeout."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import DomainError
from .live import KINDS, MAX_WAIT, Active, ActivePoll, Poll, PollAnswer, Question, Results, Scale

T = TypeVar("T")


def _poll(d: dict[str, Any]) -> Poll:
    from .hub import _time

    scale = d.get("scale")
    return Poll(
        id=int(d["id"]),
        kind=str(d["kind"]),
        question=str(d["question"]),
        options=tuple(str(o) for o in d["options"]),
        scale=Scale(int(scale["min"]), int(scale["max"]), scale["min_label"], scale["max_label"])
        if scale
        else None,
        anonymous=bool(d["anonymous"]),
        group=d["group"],
        module=d["module"],
        source=d["source"],
        session=d["session"],
        filter=tuple(str(w) for w in d["filter"]),
        state=str(d["state"]),
        revealed=bool(d["revealed"]),
        created=_time(d["created"]),
        created_by=str(d["created_by"]),
        version=int(d["version"]),
    )


def _question(d: dict[str, Any]) -> Question:
    return Question(
        int(d["id"]), str(d["text"]), int(d["upvotes"]), bool(d["hidden"]), d["author"], bool(d["mine"])
    )


def _results(d: dict[str, Any]) -> Results:
    return Results(
        poll=_poll(d["poll"]),
        version=int(d["version"]),
        respondents=int(d["respondents"]),
        counts={str(k): int(v) for k, v in d["counts"].items()},
        mean=None if d["mean"] is None else float(d["mean"]),
        words=tuple((str(w["text"]), int(w["count"])) for w in d["words"]),
        answers=tuple(
            PollAnswer(int(a["id"]), str(a["text"]), bool(a["hidden"]), a["author"]) for a in d["answers"]
        ),
        questions=tuple(_question(q) for q in d["questions"]),
    )


def _wait(wait: float) -> float:
    return max(0.0, min(float(wait), MAX_WAIT))


class LiveCalls:
    """Mixed into HubSharedStore, which provides ``_call``, ``_delete`` and ``_parsed``."""

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
    ) -> Poll:
        if kind not in KINDS:
            raise DomainError("kind", "Välj en typ av omröstning.")
        if not (question or "").strip():
            raise DomainError("question", "Skriv frågan.")
        body: dict[str, Any] = {
            "kind": kind,
            "question": question.strip(),
            "anonymous": anonymous,
            "group": group,
            "module": module,
            "source": source,
            "session": session,
            "state": state,
        }
        if kind == "choice":
            body["options"] = [o.strip() for o in options if o.strip()]
        if kind == "scale":
            if scale is None:
                raise DomainError("scale", "Välj skalans lägsta och högsta värde.")
            body["scale"] = {
                "min": scale.min,
                "max": scale.max,
                "min_label": scale.min_label,
                "max_label": scale.max_label,
            }
        if kind == "words":
            body["filter"] = [w.strip() for w in filter if w.strip()]
        found = self._call("POST", "polls", body, idempotent=False)  # a retry could open it twice
        return self._parsed(lambda: _poll(found))

    def polls(self, module: str | None = None, session: str | None = None) -> list[Poll]:
        from .hub import _quote

        query = "&".join(
            f"{k}={_quote(v)}" for k, v in (("module", module), ("session", session)) if v is not None
        )
        found = self._call("GET", "polls" + (f"?{query}" if query else ""))
        return self._parsed(lambda: [_poll(d) for d in found])

    def update_poll(self, poll_id: int, *, state: str | None = None, revealed: bool | None = None) -> Poll:
        body = {k: v for k, v in (("state", state), ("revealed", revealed)) if v is not None}
        found = self._call("PATCH", f"polls/{int(poll_id)}", body)
        return self._parsed(lambda: _poll(found))

    def reset_poll(self, poll_id: int) -> None:
        self._call("POST", f"polls/{int(poll_id)}/reset")

    def delete_poll(self, poll_id: int) -> bool:
        return bool(self._delete(f"polls/{int(poll_id)}"))

    def moderate_answer(self, poll_id: int, answer_id: int, hidden: bool) -> None:
        self._call("PATCH", f"polls/{int(poll_id)}/answers/{int(answer_id)}", {"hidden": bool(hidden)})

    def moderate_question(self, poll_id: int, question_id: int, hidden: bool) -> None:
        self._call("PATCH", f"polls/{int(poll_id)}/questions/{int(question_id)}", {"hidden": bool(hidden)})

    def results(self, poll_id: int, after: int | None = None, wait: float = 0) -> Results:
        query = "" if after is None else f"?after={int(after)}&wait={_wait(wait)}"
        found = self._call("GET", f"polls/{int(poll_id)}/results{query}", timeout=self.timeout + _wait(wait))
        return self._parsed(lambda: _results(found))

    def active_polls(self, after: str | None = None, wait: float = 0) -> Active:
        from .hub import _quote

        query = "" if after is None else f"?after={_quote(after)}&wait={_wait(wait)}"
        found = self._call("GET", f"me/polls{query}", timeout=self.timeout + _wait(wait))

        def build() -> Active:
            polls = tuple(
                ActivePoll(
                    poll=_poll(p["poll"]),
                    my_answer=p["my_answer"],
                    my_upvotes=frozenset(int(q) for q in p["my_upvotes"]),
                    questions=tuple(_question(q) for q in p["questions"]),
                    results=None if p["results"] is None else _results(p["results"]),
                )
                for p in found["polls"]
            )
            return Active(str(found["token"]), polls)

        return self._parsed(build)

    def answer_poll(self, poll_id: int, value: str) -> None:
        if not str(value or "").strip():
            raise DomainError("value", "Skriv eller välj ett svar först.")
        self._call("PUT", f"polls/{int(poll_id)}/answer", {"value": str(value)})  # replaces: safe to retry

    def withdraw_answer(self, poll_id: int) -> bool:
        return bool(self._delete(f"polls/{int(poll_id)}/answer"))

    def ask_question(self, poll_id: int, text: str) -> Question:
        if not (text or "").strip():
            raise DomainError("text", "Skriv din fråga först.")
        found = self._call("POST", f"polls/{int(poll_id)}/questions", {"text": text}, idempotent=False)
        qid = self._parsed(lambda: int(found["id"]))
        return Question(qid, text.strip(), 0, False, None, True)

    def upvote(self, poll_id: int, question_id: int, on: bool = True) -> None:
        path = f"polls/{int(poll_id)}/questions/{int(question_id)}/upvote"
        if on:
            self._call("PUT", path)
        else:
            self._delete(path)
