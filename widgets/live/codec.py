"""Results as JSON-able dicts and back, for the export's child process (standard library only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from ..store.live import Poll, PollAnswer, Question, Results, Scale


def results_to_dict(results: Results) -> dict[str, Any]:
    data = asdict(results)
    data["poll"]["created"] = results.poll.created.isoformat()
    return data


def _poll(data: dict[str, Any]) -> Poll:
    scale = data.get("scale")
    return Poll(
        id=int(data["id"]),
        kind=str(data["kind"]),
        question=str(data["question"]),
        options=tuple(str(o) for o in data.get("options", ())),
        scale=Scale(**scale) if scale else None,
        anonymous=bool(data["anonymous"]),
        group=data.get("group"),
        module=data.get("module"),
        source=data.get("source"),
        session=data.get("session"),
        filter=tuple(str(f) for f in data.get("filter", ())),
        state=str(data["state"]),
        revealed=bool(data["revealed"]),
        created=dt.datetime.fromisoformat(data["created"]),
        created_by=str(data.get("created_by", "")),
        version=int(data.get("version", 0)),
    )


def results_from_dict(data: dict[str, Any]) -> Results:
    poll = _poll(data["poll"])
    # An anonymous poll's answers carry no author, whatever the sender put there.
    keep = None if poll.anonymous else True
    return Results(
        poll=poll,
        version=int(data.get("version", 0)),
        respondents=int(data["respondents"]),
        counts={str(k): int(v) for k, v in data.get("counts", {}).items()},
        mean=None if data.get("mean") is None else float(data["mean"]),
        words=tuple((str(word), int(n)) for word, n in data.get("words", ())),
        answers=tuple(
            PollAnswer(int(a["id"]), str(a["text"]), bool(a["hidden"]), a.get("author") if keep else None)
            for a in data.get("answers", ())
        ),
        questions=tuple(
            Question(
                int(q["id"]),
                str(q["text"]),
                int(q["upvotes"]),
                bool(q["hidden"]),
                q.get("author") if keep else None,
                bool(q.get("mine", False)),
            )
            for q in data.get("questions", ())
        ),
    )
