"""Measure the lärlogg views: save latency from the widget, and the log page with many entries.

``.venv/bin/python -m tools.bench.larlogg --n 10000 --dir /tmp/larlogg-bench`` (a section of ``make bench``).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

WORDS = [
    "omvärld",
    "ledarskap",
    "lärande",
    "digitalisering",
    "förändring",
    "invånare",
    "förtroende",
    "data",
    "etik",
    "hållbarhet",
    "kommun",
    "region",
    "myndighet",
    "samverkan",
    "innovation",
    "tjänst",
    "process",
    "arbetsgrupp",
    "kollega",
    "framtid",
]
MODULES = ("startkonferens", "modul1", "modul2", "modul3", "modul4", "modul5", "slutkonferens")


def _text(i: int, words: int = 90) -> str:
    return " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(words))


def _timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="larlogg-bench-"))
    folder.mkdir(parents=True, exist_ok=True)

    from widgets.apps.larlogg.log_app import larlogg_app
    from widgets.apps.larlogg.reflection import ReflectionWidget
    from widgets.exercises import load_module
    from widgets.store import PersonalStore

    with PersonalStore(folder / "save.sqlite3") as store:
        widget = ReflectionWidget(load_module("modul1"), store, autosave_delay=0)
        widget.load()
        for i in range(50):
            widget.text.value = _text(i)
            widget.save.click()
        ms = sorted(t * 1000 for t in widget.save_times)
        print(
            f"save from the widget (handler start → entry stored), 50 saves: median {statistics.median(ms):.2f} ms, "
            f"p90 {ms[44]:.2f} ms"
        )

    path = folder / "many.sqlite3"
    with PersonalStore(path) as store:
        if store.count_entries() < args.n:
            for i in range(store.count_entries(), args.n):
                store.add_entry(MODULES[i % len(MODULES)], _text(i), prompt_id=None)
        build, app = _timed(lambda: larlogg_app(store))
        shown = sum(len(getattr(c, "views", ())) for c in app.groups_box.children)
        print(
            f"log page with {store.count_entries()} entries: build {build:.2f} s ({shown} entries shown, paged)"
        )

        def search(query: str) -> float:
            app.query.value = ""
            return _timed(lambda: setattr(app.query, "value", query))[0]

        print(f"search 'omvärld ledarskap' (many hits): {search('omvärld ledarskap'):.2f} s")
        print(f"search 'finnsinte' (no hit): {search('finnsinte'):.2f} s")
        app.clear_search()
        app.export_what.value = ""
        md, _ = _timed(lambda: app.export("md"))
        docx, data = _timed(lambda: app.export("docx"))
        print(f"export whole log: Markdown {md:.2f} s, Word {docx:.2f} s ({len(data) / 1e6:.1f} MB)")
        app.export_what.value = "modul1"
        one, _ = _timed(lambda: app.export("docx"))
        print(f"export one module to Word: {one:.2f} s")


if __name__ == "__main__":
    main()
