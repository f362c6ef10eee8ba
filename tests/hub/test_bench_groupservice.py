"""A small run of the group service benchmark (tools/bench/groupservice.py) against the session's hub."""

from __future__ import annotations

from tools.bench import groupservice


def test_the_benchmark_measures_every_kind_and_the_simultaneous_vote(hub):
    data = groupservice.measure(hub, users=4, seconds=3)
    assert data["errors"] == []
    assert data["burst"]["n"] == 4
    assert data["burst"]["tally_a"] == {"A": 2}  # bench01 and bench03 are in grupp-a
    steady = data["steady"]
    assert steady["hälsa"]["n"] + steady["dela"]["n"] + steady["läsa"]["n"] + steady["rösta"]["n"] > 0
    assert steady["baseline"]["p50_ms"] is None or steady["baseline"]["p50_ms"] > 0
    text = groupservice.markdown({"users": 4, "seconds": 3, "results": [data]})
    assert f"| {hub.backend} |" in text


def test_the_live_poll_benchmark_follows_every_answer(hub):
    from tools.bench import livepoll

    data = livepoll.measure(hub, users=5, spread=1.0)
    assert data["errors"] == []
    assert data["answers"] == 5 and data["staleness_ms"]["n"] == 5
    assert data["teacher_views"] >= 1
    assert f"| {hub.backend} | 5 |" in livepoll.markdown({"users": 5, "spread_s": 1.0, "results": [data]})
