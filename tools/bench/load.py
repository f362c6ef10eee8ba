"""A class on one server: ``clients`` participants open random apps over ``seconds`` and each changes one input.

Participants' browsers run on their own computers, so the load comes from protocol clients
(:mod:`.participants` over :mod:`.kernelclient`: a page's HTTP and kernel-websocket traffic without a browser) against one ``digikomp start``
server with the course's configuration (preheated kernels), while ``browsers`` real Chromium contexts open pages
during the same load, as a check that what the clients measure is what a person sees. Participants stay on their
page until the end of the arrival window, so at the end the whole class holds a kernel each, and then leave as
Voilà's page does (``POST /voila/api/shutdown/<id>``).

Then the cull check: a second server with a short ``cull_interval``/``cull_idle_timeout``; ``abandoned`` pages
connect and close without shutdown, and the check waits (bounded) until the kernel count and their total RSS are
back at the baseline of the pooled kernels (Voilà never culls a pool; a kernel handed to a visitor leaves it).

Kernels are counted through ``/proc`` (processes under the server whose command line names a ``kernel-….json``).
:func:`run` returns the JSON-ready figures, :func:`markdown` (from :mod:`.loadreport`) the Swedish report section;
``python -m tools.bench.load`` runs it alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import signal
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.browser.voila_server import VoilaServer
from widgets.paths import NOTEBOOKS_DIR, REPO_ROOT

from . import procfs, report
from .loadreport import RSS_TOLERANCE, markdown, summarise
from .participants import VISIT_TIMEOUT_S, Crowd, Visit, browser_plan, browser_visits, schedule

SAMPLE_S = 0.5
KERNEL_FILE_RE = re.compile(r"kernel-([0-9a-fA-F-]{36})\.json")


def server_kernels(server_pid: int) -> dict[str, int]:
    """Kernel id → pid of the kernels under a server, from one pass over ``/proc`` (cheap enough twice a second).

    A kernel is a descendant whose command line names its connection file ``kernel-<id>.json``.
    """
    children = defaultdict(list)
    for pid in procfs.pids():
        children[procfs.parent(pid)].append(pid)
    found, stack = {}, [server_pid]
    while stack:
        for child in children.get(stack.pop(), []):
            stack.append(child)
            try:
                cmd = (procfs.PROC / str(child) / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            match = KERNEL_FILE_RE.search(cmd)
            if match:
                found[match.group(1)] = child
    return found


@dataclass(frozen=True)
class Snapshot:
    kernels: dict[str, int]  # kernel id → pid
    rss_bytes: int  # their total VmRSS

    @property
    def count(self) -> int:
        return len(self.kernels)


def snapshot(server_pid: int) -> Snapshot:
    kernels = server_kernels(server_pid)
    return Snapshot(kernels, sum(procfs.rss_bytes(p) or 0 for p in kernels.values()))


def settle(server_pid: int, timeout: float = 300, quiet: float = 3.0) -> Snapshot | None:
    """Wait until the set of kernels has not changed and none used CPU for ``quiet`` s: the pools are full."""
    deadline, stable_since, last = time.monotonic() + timeout, None, None
    while time.monotonic() < deadline:
        kernels = server_kernels(server_pid)
        before = {p: procfs.cpu_seconds(p) or 0 for p in kernels.values()}
        time.sleep(SAMPLE_S)
        busy = any((procfs.cpu_seconds(p) or 0) - cpu > 0.03 * SAMPLE_S + 0.011 for p, cpu in before.items())
        if kernels and not busy and set(kernels) == last:
            stable_since = stable_since or time.monotonic()
            if time.monotonic() - stable_since >= quiet:
                return snapshot(server_pid)
        else:
            stable_since = None
        last = set(kernels)
    return None


class Sampler:
    """The server's kernels and their total RSS every ``SAMPLE_S`` seconds while a phase runs."""

    def __init__(self, server_pid: int, t0: float) -> None:
        self.server_pid, self.t0 = server_pid, t0
        self.samples: list[tuple[float, int, int]] = []
        self.load: list[float] = []  # 1-minute load average: other work on the machine shows in every figure
        self.current = Snapshot({}, 0)

    async def run(self) -> None:
        while True:
            self.current = await asyncio.to_thread(snapshot, self.server_pid)
            self.samples.append(
                (round(time.monotonic() - self.t0, 2), self.current.count, self.current.rss_bytes)
            )
            self.load.append((report.load_average() or [0.0])[0])
            await asyncio.sleep(SAMPLE_S)

    def figures(self) -> dict:
        return {
            "peak_kernels": max((s[1] for s in self.samples), default=0),
            "peak_rss_mb": max((s[2] for s in self.samples), default=0) / report.MB,
            "after_kernels": self.current.count,
            "after_rss_mb": self.current.rss_bytes / report.MB,
            "load_max": max(self.load, default=None),
            "samples": [[t, n, round(rss / report.MB)] for t, n, rss in self.samples],
        }


async def _phase(server: VoilaServer, visits: list[Visit], seed: int, deadline_s: float, make) -> Sampler:
    """Run ``make(crowd, sampler)`` (a list of coroutines) against the server while sampling its kernels.

    Whatever still runs at ``deadline_s`` (from the phase's start) is cancelled; its visit counts as failed.
    """
    from tornado.httpclient import AsyncHTTPClient

    http = AsyncHTTPClient(force_instance=True, max_clients=len(visits) + 20)
    sampler = Sampler(server.proc.pid, time.monotonic() + 1.0)
    crowd = Crowd(server.url, http, sampler.t0, seed, kernels=lambda: sampler.current.count)
    sampling = asyncio.ensure_future(sampler.run())
    try:
        tasks = [asyncio.ensure_future(c) for c in make(crowd, sampler)]
        _, pending = await asyncio.wait(tasks, timeout=deadline_s + 1.0)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        return sampler
    finally:
        sampling.cancel()
        http.close()


async def _load(server, visits: list[Visit], seconds: float, browsers: int, notebooks: list[str], seed: int):
    checks: list[dict] = []
    plan = browser_plan(browsers, seconds, notebooks, seed)

    async def tail(crowd: Crowd, sampler: Sampler) -> None:
        """After everyone left: the kernels that shutdown stops go within seconds; wait at most 15 s for them."""
        while crowd.present or crowd.now() <= seconds:
            await asyncio.sleep(SAMPLE_S)
        last, since = sampler.current.count, time.monotonic()
        while time.monotonic() - since < 15:
            await asyncio.sleep(1.0)
            if sampler.current.count == last:
                return
            last = sampler.current.count

    def make(crowd: Crowd, sampler: Sampler) -> list:
        coros = [crowd.visit(v, change=True, leave_s=seconds, shutdown=True) for v in visits]
        coros.append(tail(crowd, sampler))
        return [*coros, browser_visits(crowd, plan, checks)] if plan else coros

    sampler = await _phase(server, visits, seed, seconds + VISIT_TIMEOUT_S + 60, make)
    return {**sampler.figures(), "browser": checks}


async def _abandon(server, visits: list[Visit], baseline: Snapshot, limit_s: float, seed: int) -> dict:
    """Abandoned pages; then, bounded by ``limit_s``, when their kernels are gone and when the server is back at
    the baseline: as many kernels as the full pools had, their total RSS within ``RSS_TOLERANCE`` of it."""
    span = visits[-1].planned_s if visits else 0.0
    times: dict[str, float] = {}

    async def watch(crowd: Crowd, sampler: Sampler) -> None:
        while crowd.present or crowd.now() <= span:
            await asyncio.sleep(SAMPLE_S)
        left = time.monotonic()
        mine = {v.kernel_id for v in visits if v.kernel_id}
        while time.monotonic() - left < limit_s:
            now = sampler.current
            if "culled_s" not in times and not mine & set(now.kernels):
                times["culled_s"] = time.monotonic() - left
            back = now.count == baseline.count and now.rss_bytes <= baseline.rss_bytes * RSS_TOLERANCE
            if "culled_s" in times and back:  # the visitors' kernels gone, the pools full again
                times["returned_s"] = time.monotonic() - left
                return
            await asyncio.sleep(SAMPLE_S)

    def make(crowd: Crowd, sampler: Sampler) -> list:
        return [*(crowd.visit(v, change=False, shutdown=False) for v in visits), watch(crowd, sampler)]

    sampler = await _phase(server, visits, seed, span + VISIT_TIMEOUT_S + limit_s + 30, make)
    return {
        **sampler.figures(),
        "culled_s": times.get("culled_s"),
        "returned_s": times.get("returned_s"),
        "waited_limit_s": limit_s,
    }


def _serve(work: Path, name: str, folder: Path, extra: list[str] | None = None) -> VoilaServer:
    (work / name).mkdir(parents=True, exist_ok=True)
    env = {"DIGIKOMP_CACHE_DIR": str(work / "cache")}
    server = VoilaServer(work / name, extra=extra, notebooks_dir=folder, env=env)
    try:
        server.wait_ready()
    except BaseException:
        server.stop()
        raise
    return server


def _pair(base: Snapshot | None) -> dict:
    return (
        {"kernels": base.count, "rss_mb": base.rss_bytes / report.MB}
        if base
        else {"kernels": None, "rss_mb": None}
    )


def _rounded(d: dict) -> dict:
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in d.items()}


def run(
    *,
    clients: int = 60,
    seconds: float = 120,
    notebooks: list[str] | None = None,
    browsers: int = 3,
    abandoned: int = 50,
    cull_interval: float = 5,
    cull_idle: float = 10,
    work_dir: Path | None = None,
    seed: int = 1,
) -> dict:
    """Both phases, one server each; JSON-ready figures with every visit in arrival order and the kernel samples."""
    available = sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))
    chosen = [n for n in available if notebooks is None or n in notebooks]
    if not chosen:
        raise ValueError(f"inga notebooks att servera bland {notebooks}")
    started = time.time()
    data: dict = {
        "machine": report.machine(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "load_average_start": report.load_average(),
        "settings": {
            "clients": clients,
            "seconds": seconds,
            "notebooks": chosen,
            "browsers": browsers,
            "abandoned": abandoned,
            "cull_interval": cull_interval,
            "cull_idle": cull_idle,
            "seed": seed,
        },
    }
    with tempfile.TemporaryDirectory(prefix="digikomp-load-") as tmp:
        work = Path(work_dir) if work_dir else Path(tmp)
        folder = work / "notebooks"
        folder.mkdir(parents=True, exist_ok=True)
        for name in chosen:
            shutil.copyfile(NOTEBOOKS_DIR / name, folder / name)

        print(f"Klassen: {clients} besök över {seconds} s, {browsers} webbläsare …", flush=True)
        server = _serve(work, "load", folder)
        try:
            base = settle(server.proc.pid)
            visits = [Visit(i, nb, t) for i, (t, nb) in enumerate(schedule(clients, seconds, chosen, seed))]
            result = asyncio.run(_load(server, visits, seconds, browsers, chosen, seed))
        finally:
            server.stop()
        data["load"] = {"baseline": _pair(base), **result, "visits": [_rounded(asdict(v)) for v in visits]}
        data["load"]["summary"] = summarise(data["load"]["visits"], result["browser"])

        if abandoned:
            print(
                f"Rensning: {abandoned} övergivna sidor (cull var {cull_interval} s, efter {cull_idle} s) …"
            )
            flags = [
                f"--MappingKernelManager.cull_interval={cull_interval}",
                f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
            ]
            server = _serve(work, "cull", folder, flags)
            try:
                base = settle(server.proc.pid)
                plan = schedule(abandoned, max(10.0, abandoned * 0.5), chosen, seed + 1)
                left = [Visit(i, nb, t) for i, (t, nb) in enumerate(plan)]
                limit = cull_idle + 4 * cull_interval + 180
                result = asyncio.run(_abandon(server, left, base or Snapshot({}, 0), limit, seed))
            finally:
                server.stop()
            failed = [v for v in left if v.status != "ok"]
            data["cull"] = {
                "baseline": _pair(base),
                **result,
                "opened": len(left),
                "failed": len(failed),
                "failures": [f"{v.notebook}: {v.reason}" for v in failed][:10],
                "visits": [_rounded(asdict(v)) for v in left],
            }
    data["load_average_end"] = report.load_average()
    data["seconds"] = round(time.time() - started, 1)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=60, help="participants (protocol clients), default 60")
    parser.add_argument("--seconds", type=float, default=120, help="arrival window in seconds, default 120")
    parser.add_argument(
        "--notebook", action="append", metavar="NOTEBOOK", help="only these apps (repeatable)"
    )
    parser.add_argument(
        "--browsers", type=int, default=3, help="real Chromium contexts beside them, default 3"
    )
    parser.add_argument(
        "--abandoned", type=int, default=50, help="abandoned pages in the cull check (0: skip)"
    )
    parser.add_argument("--cull-interval", type=float, default=5, help="cull check's cull_interval (s)")
    parser.add_argument("--cull-idle", type=float, default=10, help="cull check's cull_idle_timeout (s)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the arrival plan")
    parser.add_argument(
        "--out", type=Path, default=REPO_ROOT / "reports", help="writes load.json and load.md"
    )
    parser.add_argument(
        "--work", type=Path, help="keep the servers' folders and logs here (default: temporary)"
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind, so the servers and kernels stop too
    data = run(
        clients=args.clients,
        seconds=args.seconds,
        notebooks=args.notebook,
        browsers=args.browsers,
        abandoned=args.abandoned,
        cull_interval=args.cull_interval,
        cull_idle=args.cull_idle,
        seed=args.seed,
        work_dir=args.work,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.json").write_text(
        json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    text = markdown(data)
    (args.out / "load.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"Rapport: {args.out / 'load.json'} och {args.out / 'load.md'}")
    return 0


__all__ = ["markdown", "run", "schedule", "summarise"]

if __name__ == "__main__":
    sys.exit(main())
