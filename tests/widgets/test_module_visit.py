"""A module page in a preheated kernel: everything that is the same for every visitor is built before
``wait_for_visit()``, and nothing per person (answers, drafts, entries, the date) is read before it."""

from __future__ import annotations

import pytest

from widgets.apps import module
from widgets.apps.event import EventPage
from widgets.store import PersonalStore


class Spy:
    """The participant's store, recording which of its methods the page calls (and when)."""

    def __init__(self, store: PersonalStore) -> None:
        self._store = store
        self.calls: list[str] = []

    def __getattr__(self, name: str):
        value = getattr(self._store, name)
        if callable(value):
            self.calls.append(name)
        return value


@pytest.fixture
def store(tmp_path):
    with PersonalStore(tmp_path / "p.sqlite3") as s:
        yield s


@pytest.mark.parametrize("builder", ["modul1", "modul3"])
def test_the_page_waits_for_the_visit_after_building_and_before_reading(store, monkeypatch, builder):
    spy = Spy(store)
    seen: dict[str, object] = {}
    built: list[EventPage] = []
    original_init = EventPage.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        built.append(self)

    def visit() -> None:
        seen["calls"] = list(spy.calls)
        seen["built"] = len(built)
        seen["overview"] = built[0].overview.value if built else None

    monkeypatch.setattr(EventPage, "__init__", init)
    monkeypatch.setattr(module, "wait_for_visit", visit)
    if builder == "modul3":
        from widgets.apps.modul3 import modul3_app

        page = modul3_app(store=spy)
    else:
        page = module.module_app("modul1", store=spy)
    assert seen["built"] == 1 and built == [page]  # the page, with its exercises, existed before the visit
    assert seen["overview"] == ""  # the date-dependent overview is filled in after it
    assert seen["calls"] == []  # nothing per person before the visit
    # after it: the answers and the lärlogg
    assert "latest_answers" in spy.calls and "entries" in spy.calls
    assert "<h1>" in page.overview.value
