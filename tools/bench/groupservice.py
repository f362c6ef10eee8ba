"""The group service under a class: ``users`` simulated participants (default 60) sharing, voting and reading
against the running service on loopback, then all of them voting at the same moment (a teacher's poll).

A real hub with its proxy and the service (tests/hub/harness.py) on SQLite and, where PostgreSQL is installed, on
a throwaway PostgreSQL. Each participant is a real hub user (in ``grupp-a`` or ``grupp-b``) with a token like a
kernel's, and one keep-alive connection to the service's own port, as a kernel calls it. Latencies are reported in
ms and as ratios against ``GET api/health`` (no login, ``SELECT 1``) measured by the same participants in the same
run, so a slower machine moves both. Bounded: ``seconds`` of steady load, think times 0.2–2 s, 10 s timeouts.

    .venv/bin/python -m tools.bench.groupservice --users 60 --seconds 30
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from .loadreport import summary

KINDS = ("dela", "läsa", "rösta", "hälsa")  # share an entry, read the group's entries, vote, GET api/health
WEIGHTS = (0.35, 0.4, 0.15, 0.1)
TIMEOUT_S = 10.0
SEED = 13


class Participant:
    def __init__(self, name: str, group: str, token: str, base_url: str) -> None:
        self.name, self.group, self.token = name, group, token
        target = urlsplit(base_url)
        self.prefix = target.path
        self.conn = http.client.HTTPConnection(target.hostname, target.port, timeout=TIMEOUT_S)
        self.shared = 0

    def call(self, method: str, path: str, body: dict | None = None, auth: bool = True) -> tuple[int, float]:
        headers = {"Authorization": f"token {self.token}"} if auth else {}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        self.conn.request(method, f"{self.prefix}api/{path}", body=data, headers=headers)
        resp = self.conn.getresponse()
        resp.read()
        return resp.status, (time.perf_counter() - started) * 1000

    def act(self, kind: str, poll: str) -> tuple[int, float]:
        if kind == "dela":  # at most three entries each; sharing one again replaces it
            self.shared = self.shared % 3 + 1
            text = f"Reflektion {self.shared} från {self.name}: vad vi tar med oss från modulen. " * 4
            body = {
                "source_id": self.shared,
                "module": "modul1",
                "prompt": "Vad tar du med dig?",
                "text": text,
            }
            return self.call("POST", f"groups/{self.group}/items", body)
        if kind == "läsa":
            return self.call("GET", f"groups/{self.group}/items?module=modul1")
        if kind == "rösta":
            return self.call(
                "PUT", f"groups/{self.group}/votes/{poll}/mine", {"choice": random.choice("ABCD")}
            )
        return self.call("GET", "health", auth=False)


def _participants(hub, users: int) -> list[Participant]:
    names = [f"bench{i:02d}" for i in range(1, users + 1)]
    hub.hub_api("POST", "users", {"usernames": names})  # 201, or 409 when they exist already
    groups = {"grupp-a": names[0::2], "grupp-b": names[1::2]}
    for group, members in groups.items():
        reply = hub.hub_api("POST", f"groups/{group}/users", {"users": members})
        if reply.status != 200:
            raise RuntimeError(f"adding bench users to {group}: {reply.status} {reply.body}")
    where = {n: g for g, members in groups.items() for n in members}
    return [Participant(n, where[n], hub.token_for(n), hub.direct_url) for n in names]


def _figures(samples: dict[str, list[float]]) -> dict:
    base = summary(samples.get("hälsa", []))
    out = {"baseline": {"p50_ms": base["p50"], "p95_ms": base["p95"], "n": base["n"]}}
    for kind, values in samples.items():
        s = summary(values)
        out[kind] = {
            "n": s["n"],
            "p50_ms": s["p50"],
            "p95_ms": s["p95"],
            "max_ms": s["max"],
            "p50_ratio": s["p50"] / base["p50"] if s["n"] and base["p50"] else None,
            "p95_ratio": s["p95"] / base["p95"] if s["n"] and base["p95"] else None,
        }
    return out


def measure(hub, users: int = 60, seconds: float = 30.0, seed: int = SEED) -> dict:
    """Steady load for ``seconds``, then one simultaneous vote of every participant; figures per kind."""
    people = _participants(hub, users)
    for p in people:  # the service resolves each token once (then cached): not part of the figures
        p.call("GET", "me")
    samples: dict[str, list[float]] = {k: [] for k in KINDS}
    errors: list[str] = []
    lock = threading.Lock()
    poll = f"bench-{int(time.time())}"
    deadline = time.monotonic() + seconds

    def steady(p: Participant, rng: random.Random) -> None:
        while time.monotonic() < deadline:
            time.sleep(rng.uniform(0.2, 2.0))
            kind = rng.choices(KINDS, WEIGHTS)[0]
            try:
                status, ms = p.act(kind, poll)
            except OSError as exc:
                with lock:
                    errors.append(f"{kind}: {type(exc).__name__}")
                continue
            with lock:
                (samples[kind] if status < 300 else errors).append(
                    ms if status < 300 else f"{kind}: {status}"
                )

    started = time.monotonic()
    threads = [
        threading.Thread(target=steady, args=(p, random.Random(seed + i))) for i, p in enumerate(people)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    steady_requests = sum(len(v) for v in samples.values())

    burst: list[float] = []
    gate = threading.Barrier(len(people))

    def vote_now(p: Participant) -> None:
        gate.wait()
        try:
            status, ms = p.call("PUT", f"groups/{p.group}/votes/{poll}-alla/mine", {"choice": "A"})
        except OSError as exc:
            status, ms = 0, type(exc).__name__
        with lock:
            (burst if status == 204 else errors).append(ms if status == 204 else f"burst: {status or ms}")

    threads = [threading.Thread(target=vote_now, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in people:
        p.conn.close()
    tally = hub.call("GET", f"groups/grupp-a/votes/{poll}-alla", people[0].name).body["tally"]
    b = summary(burst)
    return {
        "backend": hub.backend,
        "users": users,
        "seconds": round(elapsed, 1),
        "requests_per_s": round(steady_requests / elapsed),
        "errors": errors,
        "steady": _figures(samples),
        "burst": {"n": b["n"], "p50_ms": b["p50"], "p95_ms": b["p95"], "max_ms": b["max"], "tally_a": tally},
    }


def on_each_backend(measure: Callable[[object], dict], say: str, postgres: bool = True) -> list[dict]:
    """``measure(hub)`` on a fresh hub per backend (SQLite; PostgreSQL when installed), each stopped after."""
    from tests.hub import harness

    backends: list[str] = ["sqlite"]
    if postgres:
        try:
            harness._pg_bin("initdb")
            backends.append("postgresql")
        except RuntimeError as exc:
            print(f"  PostgreSQL hoppas över: {exc}", flush=True)
    results = []
    for backend in backends:
        pg = harness.start_postgres() if backend == "postgresql" else None
        hub = None
        try:
            hub = harness.start_hub(Path(tempfile.mkdtemp(prefix="digikomp-bench-hub-")), postgres=pg)
            print(f"  {backend}: {say} …", flush=True)
            results.append(measure(hub))
        finally:
            if hub:
                hub.stop()
            if pg:
                pg.remove()
    return results


def run(users: int = 60, seconds: float = 30.0, postgres: bool = True) -> dict:
    """Start a hub per backend, measure, stop."""
    results = on_each_backend(
        lambda hub: measure(hub, users, seconds), f"{users} deltagare i {seconds:g} s", postgres
    )
    return {"users": users, "seconds": seconds, "results": results}


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}" if value >= 10 else f"{value:.1f}".replace(".", ",")


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


def markdown(data: dict) -> str:
    lines = [
        f"## Gruppservicen: {data['users']} deltagare samtidigt",
        "",
        "Svarstider i ms (p50 / p95) direkt mot tjänstens port, och som kvot mot `GET api/health` (ingen "
        "inloggning, `SELECT 1`) uppmätt av samma deltagare i samma körning.",
        "",
        "| databas | anrop/s | dela | läsa | rösta | hälsa (bas) | alla röstar på en gång (p50 / p95 / max) | fel |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in data["results"]:
        s = r["steady"]
        cells = [
            f"{_ms(s[k]['p50_ms'])} / {_ms(s[k]['p95_ms'])} ({_ratio(s[k]['p50_ratio'])} / {_ratio(s[k]['p95_ratio'])} ×)"
            for k in ("dela", "läsa", "rösta")
        ]
        base = s["hälsa"]
        b = r["burst"]
        lines.append(
            f"| {r['backend']} | {r['requests_per_s']} | {' | '.join(cells)} | "
            f"{_ms(base['p50_ms'])} / {_ms(base['p95_ms'])} | "
            f"{_ms(b['p50_ms'])} / {_ms(b['p95_ms'])} / {_ms(b['max_ms'])} | {len(r['errors'])} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench.groupservice", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    data = run(args.users, args.seconds, postgres=not args.no_postgres)
    if args.json:
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    print(markdown(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
