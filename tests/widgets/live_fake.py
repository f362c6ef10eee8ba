"""An in-memory live-poll service for view tests, with the semantics of the contract (docs/group-service.md,
"Polls"): results hidden from participants until revealed, one answer per person (again replaces), anonymous polls
keep no author, a poll addressed to a group reaches only its members, long polls that return on a change.

``FakeLive().client(user, teacher=False, groups=())`` is one hub user's :class:`~widgets.store.live.LiveStore`.
``waiting`` is set whenever a long poll starts to wait for a change: by then the caller has handled the answer
before, so a test waits on it instead of sleeping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import Counter

from widgets.errors import DomainError
from widgets.store.errors import NotFoundError, PermissionDeniedError, StoreError
from widgets.store.live import Active, ActivePoll, Poll, PollAnswer, Question, Results, Scale

DOWN = "Omröstningstjänsten svarar inte just nu."


class FakeLive:
    def __init__(self, max_wait: float = 5.0) -> None:
        self.polls: dict[int, Poll] = {}
        self.answers: dict[int, dict[str, dict]] = {}
        self.questions: dict[int, list[dict]] = {}
        self.changes = 0
        self.max_wait = max_wait
        self.down = False
        self.all_groups: set[str] = set()
        self.cond = threading.Condition()
        self.waiting = threading.Event()
        self._ids = 0

    def client(self, user: str, teacher: bool = False, groups: tuple[str, ...] = ()) -> FakeLiveStore:
        self.all_groups.update(groups)
        return FakeLiveStore(self, user, teacher, groups)

    def next_id(self) -> int:
        self._ids += 1
        return self._ids

    def changed(self, poll_id: int | None = None) -> None:
        with self.cond:
            self.changes += 1
            if poll_id is not None and poll_id in self.polls:
                p = self.polls[poll_id]
                self.polls[poll_id] = dataclasses.replace(p, version=p.version + 1)
            self.cond.notify_all()

    def block(self, same, wait: float) -> None:
        """Wait (up to ``wait``, capped) until ``same()`` is no longer true."""
        if wait <= 0:
            return
        with self.cond:
            if same():
                self.waiting.set()
                self.cond.wait_for(lambda: not same(), timeout=min(wait, self.max_wait))


class FakeLiveStore:
    def __init__(self, service: FakeLive, user: str, teacher: bool, groups: tuple[str, ...]) -> None:
        self.s = service
        self._user = user
        self._teacher = teacher
        self._groups = list(groups)

    @property
    def user(self) -> str:
        return self._user

    @property
    def teacher(self) -> bool:
        return self._teacher

    def groups(self) -> list[str]:
        return list(self._groups)

    def visible_groups(self) -> list[str]:
        return sorted(self.s.all_groups) if self._teacher else list(self._groups)

    # --- helpers ---------------------------------------------------------------------------------------------

    def _up(self) -> None:
        if self.s.down:
            raise StoreError(DOWN)

    def _teacher_only(self) -> None:
        self._up()
        if not self._teacher:
            raise PermissionDeniedError("Bara lärare får göra det.")

    def _poll(self, poll_id: int) -> Poll:
        if poll_id not in self.s.polls:
            raise NotFoundError("Omröstningen finns inte längre.")
        return self.s.polls[poll_id]

    def _mine(self, poll: Poll) -> bool:
        return poll.group is None or poll.group in self._groups

    def _key(self, poll: Poll) -> str:
        return f"hash:{self._user}:{poll.id}" if poll.anonymous else self._user

    # --- teacher ---------------------------------------------------------------------------------------------

    def create_poll(
        self,
        kind,
        question,
        *,
        options=(),
        scale=None,
        anonymous=False,
        group=None,
        module=None,
        source=None,
        session=None,
        filter=(),
        state="open",
    ) -> Poll:
        self._teacher_only()
        if not question.strip():
            raise DomainError("question", "Frågan får inte vara tom.")
        if kind == "choice" and not 2 <= len(options) <= 10:
            raise DomainError("options", "En flervalsfråga ska ha 2–10 alternativ.")
        pid = self.s.next_id()
        poll = Poll(
            pid,
            kind,
            question,
            tuple(options),
            scale,
            anonymous,
            group,
            module,
            source,
            session,
            tuple(filter),
            state,
            False,
            dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC),
            self._user,
            1,
        )
        self.s.polls[pid] = poll
        self.s.answers[pid] = {}
        self.s.questions[pid] = []
        self.s.changed()
        return poll

    def polls(self, module=None, session=None) -> list[Poll]:
        self._teacher_only()
        return [
            p
            for p in self.s.polls.values()
            if (module is None or p.module == module) and (session is None or p.session == session)
        ]

    def update_poll(self, poll_id, *, state=None, revealed=None) -> Poll:
        self._teacher_only()
        p = self._poll(poll_id)
        self.s.polls[poll_id] = dataclasses.replace(
            p,
            state=state if state is not None else p.state,
            revealed=revealed if revealed is not None else p.revealed,
        )
        self.s.changed(poll_id)
        return self.s.polls[poll_id]

    def reset_poll(self, poll_id) -> None:
        self._teacher_only()
        self._poll(poll_id)
        self.s.answers[poll_id] = {}
        self.s.questions[poll_id] = []
        self.s.changed(poll_id)

    def delete_poll(self, poll_id) -> bool:
        self._teacher_only()
        found = self.s.polls.pop(poll_id, None) is not None
        self.s.changed()
        return found

    def moderate_answer(self, poll_id, answer_id, hidden) -> None:
        self._teacher_only()
        for a in self.s.answers[poll_id].values():
            if a["id"] == answer_id:
                a["hidden"] = hidden
        self.s.changed(poll_id)

    def moderate_question(self, poll_id, question_id, hidden) -> None:
        self._teacher_only()
        for q in self.s.questions[poll_id]:
            if q["id"] == question_id:
                q["hidden"] = hidden
        self.s.changed(poll_id)

    # --- everyone --------------------------------------------------------------------------------------------

    def _results(self, poll: Poll) -> Results:
        answers = list(self.s.answers[poll.id].values())
        visible = [a for a in answers if self._teacher or not a["hidden"]]
        counts: dict[str, int] = {}
        mean = None
        if poll.kind == "choice":
            counts = dict.fromkeys(poll.options, 0)
            for a in answers:
                counts[a["text"]] += 1
        elif poll.kind == "scale":
            assert poll.scale is not None
            counts = {str(s): 0 for s in range(poll.scale.min, poll.scale.max + 1)}
            for a in answers:
                counts[a["text"]] += 1
            mean = sum(int(a["text"]) for a in answers) / len(answers) if answers else None
        words = (
            tuple(Counter(a["text"].lower() for a in visible).most_common()) if poll.kind == "words" else ()
        )
        shown_answers = (
            tuple(
                PollAnswer(a["id"], a["text"], a["hidden"], a["author"] if self._teacher else None)
                for a in visible
            )
            if poll.kind in ("words", "open")
            else ()
        )
        questions = tuple(
            self._question(q) for q in self.s.questions[poll.id] if self._teacher or not q["hidden"]
        )
        respondents = (
            len(answers) if poll.kind != "qa" else len({q["user"] for q in self.s.questions[poll.id]})
        )
        return Results(poll, poll.version, respondents, counts, mean, words, shown_answers, questions)

    def _question(self, q: dict) -> Question:
        poll = self.s.polls[q["poll"]]
        author = q["user"] if self._teacher and not poll.anonymous else None
        return Question(q["id"], q["text"], len(q["upvoters"]), q["hidden"], author, q["user"] == self._user)

    def results(self, poll_id, after=None, wait=0) -> Results:
        self._up()
        poll = self._poll(poll_id)
        if not self._teacher and not poll.revealed:
            raise PermissionDeniedError("Resultaten visas när läraren visar dem.")
        self.s.block(lambda: poll_id in self.s.polls and self.s.polls[poll_id].version == after, wait)
        self._up()
        return self._results(self._poll(poll_id))

    # --- participants ----------------------------------------------------------------------------------------

    def _active(self) -> Active:
        items = []
        for p in self.s.polls.values():
            if not self._mine(p) or not (p.state == "open" or p.revealed):
                continue
            mine = self.s.answers[p.id].get(self._key(p))
            ups = frozenset(q["id"] for q in self.s.questions[p.id] if self._user in q["upvoters"])
            questions = tuple(self._question(q) for q in self.s.questions[p.id] if not q["hidden"])
            items.append(
                ActivePoll(
                    p,
                    mine["text"] if mine else None,
                    ups,
                    questions,
                    self._results(p) if p.revealed else None,
                )
            )
        return Active(str(self.s.changes), tuple(items))

    def active_polls(self, after=None, wait=0) -> Active:
        self._up()
        self.s.block(lambda: str(self.s.changes) == after, wait)
        self._up()
        return self._active()

    def _open_for_me(self, poll_id: int) -> Poll:
        self._up()
        poll = self._poll(poll_id)
        if not self._mine(poll):
            raise PermissionDeniedError("Omröstningen är inte till din grupp.")
        if poll.state != "open":
            raise StoreError("Omröstningen är stängd.")
        return poll

    def answer_poll(self, poll_id, value) -> None:
        poll = self._open_for_me(poll_id)
        if poll.kind == "choice" and value not in poll.options:
            raise DomainError("value", "Välj ett av alternativen.")
        if poll.kind == "words":
            if len(value) > 40 or len(value.split()) > 3:
                raise DomainError("value", "Svara med högst tre ord (högst 40 tecken).")
            if any(word in value.lower() for word in poll.filter):
                raise DomainError(
                    "value", "Svaret innehåller ett ord som inte tas emot i den här omröstningen."
                )
        key = self._key(poll)
        old = self.s.answers[poll_id].get(key)
        self.s.answers[poll_id][key] = {
            "id": old["id"] if old else self.s.next_id(),
            "text": value,
            "hidden": False,
            "author": None if poll.anonymous else self._user,
        }
        self.s.changed(poll_id)

    def withdraw_answer(self, poll_id) -> bool:
        poll = self._open_for_me(poll_id)
        found = self.s.answers[poll_id].pop(self._key(poll), None) is not None
        self.s.changed(poll_id)
        return found

    def ask_question(self, poll_id, text) -> Question:
        self._open_for_me(poll_id)
        if len(text) > 500:
            raise DomainError("text", "En fråga får vara högst 500 tecken.")
        q = {
            "id": self.s.next_id(),
            "poll": poll_id,
            "text": text,
            "user": self._user,
            "hidden": False,
            "upvoters": set(),
        }
        self.s.questions[poll_id].append(q)
        self.s.changed(poll_id)
        return self._question(q)

    def upvote(self, poll_id, question_id, on=True) -> None:
        self._open_for_me(poll_id)
        for q in self.s.questions[poll_id]:
            if q["id"] == question_id:
                (q["upvoters"].add if on else q["upvoters"].discard)(self._user)
        self.s.changed(poll_id)


__all__ = ["DOWN", "FakeLive", "FakeLiveStore", "Scale"]
