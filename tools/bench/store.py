"""Micro-measurements of the personal store: save latency and list/search/export times with N entries.

Run: ``.venv/bin/python -m tools.bench.store [--n 10000] [--dir PATH]`` (a section of ``make bench``). Uses a throwaway folder unless --dir is given.
Not part of the tests (a smoke test runs it with a small N).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from widgets.store import (
    PersonalStore,
    export,
)

MODULES = ["startkonferens", "modul1", "modul2", "modul3", "modul4", "modul5", "slutkonferens"]
WORDS = [
    "digitalisering",
    "ledarskap",
    "samverkan",
    "nytta",
    "medborgare",
    "förändring",
    "lärande",
    "kommun",
    "region",
    "tjänst",
    "omvärld",
    "hållbarhet",
    "etik",
    "tillgänglighet",
    "strategi",
    "arbetssätt",
    "erfarenhet",
    "organisation",
    "öppenhet",
]


def _text(rng: random.Random, words: int = 90) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def run(n: int, directory: Path) -> dict[str, float]:
    rng = random.Random(1)
    path = directory / "bench.sqlite3"
    latencies = []
    with PersonalStore(path) as store:
        for i in range(n):
            module = MODULES[i % len(MODULES)]
            text = _text(rng)
            start = time.perf_counter()
            store.add_entry(module, text, prompt_id=f"p{i % 5}", prompt="Vad tar du med dig?")
            latencies.append(time.perf_counter() - start)
        draft_times = []
        for i in range(min(n, 200)):
            start = time.perf_counter()
            store.save_draft("modul1", "p1", _text(rng, 40) + str(i))
            draft_times.append(time.perf_counter() - start)
        t_open, reopened = _timed(lambda: PersonalStore(path))
        reopened.close()
        t_list, entries = _timed(store.entries)
        t_module, _ = _timed(lambda: store.entries("modul3"))
        t_search, hits = _timed(lambda: store.search("hållbarhet etik"))
        t_search_none, _ = _timed(lambda: store.search("finnsinte"))
        t_md, _ = _timed(lambda: export.to_markdown(entries))
        t_docx, data = _timed(lambda: export.to_docx(entries))
        t_docx_module, _ = _timed(lambda: export.to_docx(entries, module="modul3"))
    quantiles = statistics.quantiles(latencies, n=10) if len(latencies) >= 10 else [max(latencies)] * 9
    results = {
        "save_median": statistics.median(latencies),
        "save_p90": quantiles[8],
        "draft_median": statistics.median(draft_times),
        "open": t_open,
        "list_all": t_list,
        "list_module": t_module,
        "search": t_search,
        "search_no_hit": t_search_none,
        "export_md": t_md,
        "export_docx": t_docx,
        "export_docx_module": t_docx_module,
    }
    print(
        f"Personlig lagring, {n} anteckningar ({path.stat().st_size / 1e6:.1f} MB), SQLite WAL, synchronous=FULL"
    )
    print(f"  spara anteckning   median {_ms(results['save_median'])}, p90 {_ms(results['save_p90'])}")
    print(f"  spara utkast       median {_ms(results['draft_median'])}")
    print(f"  öppna (med kontroll) {_ms(t_open)}")
    print(f"  lista alla         {_ms(t_list)} ({len(entries)} st)")
    print(f"  lista en modul     {_ms(t_module)}")
    print(f"  sök (två ord)      {_ms(t_search)} ({len(hits)} träffar); utan träff {_ms(t_search_none)}")
    print(f"  export Markdown    {_ms(t_md)}")
    print(f"  export Word        {_ms(t_docx)} ({len(data) / 1e6:.1f} MB); en modul {_ms(t_docx_module)}")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of entries (default 10 000)")
    parser.add_argument("--dir", type=Path, help="folder for the database (default: a temporary folder)")
    args = parser.parse_args(argv)
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        run(args.n, args.dir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(args.n, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
