"""A live poll in front of a class: ``users`` participants (default 60) answer one poll at random moments within
``spread`` seconds (default 10) while the teacher follows the results with the service's long poll, as the
Lärarsidan does. Measured: how long after a participant's answer was acknowledged the teacher's results held it
(p50 / p95 / max, target p95 ≤ 1 s), the answers' own latency, and the service's CPU time and memory during it.

Staleness per answer: answers are acknowledged one after another; when the k-th acknowledgement came at t, at
least k answers were committed by t (each commit precedes its acknowledgement), so the teacher's view is current
for it at the first results the teacher received at or after t holding ≥ k respondents (0 when a view holding ≥ k
had already arrived). Real hub, proxy and service (tests/hub/harness.py), loopback, bounded (10 s timeouts).

    .venv/bin/python -m tools.bench.livepoll --users 60 --spread 10
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from . import procfs
from .groupservice import Participant, _ms, _participants, on_each_backend
from .loadreport import summary

SEED = 29
WAIT_S = 25


class Teacher:
    """The teacher's one keep-alive connection: creates the poll and follows its results with the long poll."""

    def __init__(self, hub) -> None:
        self.token = hub.token_for("larare")
        self.target = urlsplit(hub.direct_url)
        self.conn = http.client.HTTPConnection(self.target.hostname, self.target.port, timeout=WAIT_S + 10)
        self.views: list[tuple[float, int]] = []  # (monotonic time received, respondents)

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        headers = {"Authorization": f"token {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        self.conn.request(method, f"{self.target.path}api/{path}", body=data, headers=headers)
        resp = self.conn.getresponse()
        return resp.status, json.loads(resp.read() or b"null")

    def open_poll(self) -> dict:
        status, poll = self.call("POST", "polls", POLL)
        if status != 201:
            raise RuntimeError(f"creating the poll: {status} {poll}")
        return poll

    def follow(self, poll_id: int, version: int, until: int) -> None:
        while True:
            status, out = self.call("GET", f"polls/{poll_id}/results?after={version}&wait={WAIT_S}")
            if status != 200:
                raise RuntimeError(f"teacher's results: {status}")
            self.views.append((time.monotonic(), out["respondents"]))
            version = out["version"]
            if out["respondents"] >= until:
                return


POLL = {"kind": "choice", "question": "Hur långt har ni kommit?", "options": ["Början", "Mitten", "Målet"]}


def staleness_ms(acks: list[float], views: list[tuple[float, int]]) -> tuple[list[float], int]:
    """Per acknowledged answer, how long until the teacher's view held it (see the module docstring); and how
    many answers never reached the teacher."""
    out, missing = [], 0
    for k, t in enumerate(sorted(acks), start=1):
        seen = next((at for at, n in views if n >= k), None)
        if seen is None:
            missing += 1
        else:
            out.append(max(0.0, seen - t) * 1000)
    return out, missing


def measure(hub, users: int = 60, spread: float = 10.0, seed: int = SEED) -> dict:
    people = _participants(hub, users)
    for p in people:
        p.call("GET", "me")
    teacher = Teacher(hub)
    baseline = []  # the same connection's plain round trip (GET api/results of the poll, no waiting), same run
    poll = teacher.open_poll()
    for _ in range(20):
        started = time.perf_counter()
        teacher.call("GET", f"polls/{poll['id']}/results")
        baseline.append((time.perf_counter() - started) * 1000)
    version = teacher.call("GET", f"polls/{poll['id']}/results")[1]["version"]
    acks: list[float] = []
    answer_ms: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    rng = random.Random(seed)
    moments = sorted(rng.uniform(0, spread) for _ in people)
    service = hub.service_pid()
    cpu0 = procfs.cpu_seconds(service) if service else None
    rss_peak = 0
    start = time.monotonic() + 0.5

    def answer(p: Participant, at: float, choice: str) -> None:
        time.sleep(max(0.0, start + at - time.monotonic()))
        try:
            status, ms = p.call("PUT", f"polls/{poll['id']}/answer", {"value": choice})
        except OSError as exc:
            status, ms = 0, type(exc).__name__
        with lock:
            if status == 204:
                acks.append(time.monotonic())
                answer_ms.append(ms)
            else:
                errors.append(str(status or ms))

    follower = threading.Thread(target=teacher.follow, args=(poll["id"], version, users), daemon=True)
    follower.start()
    threads = [
        threading.Thread(target=answer, args=(p, at, rng.choice(POLL["options"])))
        for p, at in zip(people, moments, strict=True)
    ]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        if service:
            rss_peak = max(rss_peak, procfs.rss_bytes(service) or 0)
        time.sleep(0.1)
    follower.join(WAIT_S + 15)
    elapsed = time.monotonic() - start
    cpu1 = procfs.cpu_seconds(service) if service else None
    for p in people:
        p.conn.close()
    teacher.conn.close()
    stale, missing = staleness_ms(acks, teacher.views)
    errors += [f"{missing} answers never reached the teacher"] if missing else []
    s, a, base = summary(stale), summary(answer_ms), summary(baseline)
    cpu = None if cpu0 is None or cpu1 is None else cpu1 - cpu0
    return {
        "backend": hub.backend,
        "users": users,
        "spread_s": spread,
        "answers": len(acks),
        "teacher_views": len(teacher.views),
        "staleness_ms": {"p50": s["p50"], "p95": s["p95"], "max": s["max"], "n": s["n"]},
        "baseline_ms": {"p50": base["p50"], "p95": base["p95"]},
        "staleness_p95_ratio": s["p95"] / base["p50"] if s["n"] and base["p50"] else None,
        "answer_ms": {"p50": a["p50"], "p95": a["p95"], "max": a["max"]},
        "service_cpu_s": None if cpu is None else round(cpu, 2),
        "service_cpu_share": None if cpu is None else round(cpu / elapsed, 3),
        "service_rss_mb": round(rss_peak / 2**20) if rss_peak else None,
        "errors": errors,
    }


def run(users: int = 60, spread: float = 10.0, postgres: bool = True) -> dict:
    results = on_each_backend(
        lambda hub: measure(hub, users, spread), f"{users} deltagare svarar inom {spread:g} s", postgres
    )
    return {"users": users, "spread_s": spread, "results": results}


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} ×".replace(".", ",")


def markdown(data: dict) -> str:
    lines = [
        f"## Live-omröstning: {data['users']} deltagare svarar inom {data['spread_s']:g} s",
        "",
        "Hur länge efter att ett svar kvitterats lärarens resultat visade det (mål: p95 ≤ 1 000 ms), svarens "
        "egna svarstider, och gruppservicens processortid och minne under tiden.",
        "",
        "Baslinje: lärarens vanliga hämtning av resultatet (utan att vänta) på samma anslutning i samma körning.",
        "",
        "| databas | svar | lärarens vyer | aktuellt efter (p50 / p95 / max ms) | p95 ÷ baslinje | baslinje (p50 ms) "
        "| svar (p50 / p95 ms) | tjänstens CPU | minne | fel |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in data["results"]:
        s, a = r["staleness_ms"], r["answer_ms"]
        cpu = (
            "–"
            if r["service_cpu_s"] is None
            else f"{r['service_cpu_s']:.2f} s ({r['service_cpu_share']:.0%})"
        )
        rss = "–" if r["service_rss_mb"] is None else f"{r['service_rss_mb']} MB"
        lines.append(
            f"| {r['backend']} | {r['answers']} | {r['teacher_views']} | {_ms(s['p50'])} / {_ms(s['p95'])} / "
            f"{_ms(s['max'])} | {_ratio(r['staleness_p95_ratio'])} | {_ms(r['baseline_ms']['p50'])} "
            f"| {_ms(a['p50'])} / {_ms(a['p95'])} | {cpu.replace('.', ',')} | {rss} | "
            f"{len(r['errors'])} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench.livepoll", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--spread", type=float, default=10.0)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    data = run(args.users, args.spread, postgres=not args.no_postgres)
    if args.json:
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    print(markdown(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
