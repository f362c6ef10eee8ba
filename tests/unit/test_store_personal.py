"""The personal store: lärlogg entries with history, drafts, answers, progress, saved cases, deletion."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from widgets.errors import DomainError
from widgets.store import NotFoundError, PersonalStore, _db, local, personal


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """Every test gets its own DIGIKOMP_DATA_DIR, so nothing touches the real home."""
    path = tmp_path / "data"
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(path))
    return path


class Clock:
    """A controllable UTC clock."""

    def __init__(self, start: dt.datetime = dt.datetime(2026, 4, 1, 8, 15, tzinfo=dt.UTC)) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock):
    with PersonalStore(clock=clock) as s:
        yield s


# --- file, permissions, pragmas --------------------------------------------------------------------------


def test_default_path_is_in_the_data_dir_with_private_modes(data_dir):
    """Is the database created in DIGIKOMP_DATA_DIR, the folder 0700 and the file 0600?"""
    with PersonalStore() as s:
        s.add_entry("modul1", "Hej")
        assert s.path == data_dir / "digikomp.sqlite3"
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        for p in data_dir.glob("digikomp.sqlite3*"):
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p


def test_injected_path_is_used(tmp_path):
    with PersonalStore(tmp_path / "egen" / "logg.db") as s:
        s.add_entry("modul1", "Hej")
    assert (tmp_path / "egen" / "logg.db").exists()


def test_wal_mode_and_busy_timeout_are_on(store):
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000


def test_schema_version_is_recorded(store):
    assert store._conn.execute("PRAGMA user_version").fetchone()[0] == personal.SCHEMA.version
    assert store._conn.execute("PRAGMA application_id").fetchone()[0] == personal.SCHEMA.application_id


def test_a_new_migration_upgrades_an_old_file_and_keeps_its_data(tmp_path):
    """Does opening a file with code that knows one more version migrate it, keeping every entry?"""
    path = tmp_path / "logg.sqlite3"
    with PersonalStore(path) as s:
        s.add_entry("modul1", "Före uppgraderingen")
    v2 = _db.Schema(
        personal.SCHEMA.application_id,
        (*personal.SCHEMA.migrations, ("ALTER TABLE entries ADD COLUMN mood TEXT",)),
        "lärloggen",
    )
    opened = _db.open_database(path, v2, describe=lambda *a: "")
    conn = opened.connection
    assert conn.execute("PRAGMA user_version").fetchone()[0] == personal.SCHEMA.version + 1
    assert conn.execute("SELECT text, mood FROM entries").fetchall() == [("Före uppgraderingen", None)]
    conn.close()


# --- entries -------------------------------------------------------------------------------------------


def test_add_entry_is_dated_in_utc_and_shown_in_swedish_time(store):
    entry = store.add_entry("modul1", "Jag lärde mig om PESTEL.", prompt_id="m1-omvarld", prompt="Vad?")
    assert entry.created == dt.datetime(2026, 4, 1, 8, 15, tzinfo=dt.UTC)
    assert entry.created.utcoffset() == dt.timedelta(0)
    assert local(entry.created).hour == 10  # CEST in April
    assert store.entry(entry.id) == entry


def test_entries_are_listed_oldest_first_and_per_module(store, clock):
    a = store.add_entry("modul1", "första")
    clock.tick(minutes=1)
    b = store.add_entry("modul2", "andra")
    clock.tick(minutes=1)
    c = store.add_entry("modul1", "tredje")
    assert [e.id for e in store.entries()] == [a.id, b.id, c.id]
    assert [e.id for e in store.entries("modul1")] == [a.id, c.id]
    d = store.add_entry("modul1", "fjärde", prompt_id="p1")
    assert [e.id for e in store.entries("modul1", prompt_id="p1")] == [d.id]
    assert [e.id for e in store.entries(prompt_id="p1")] == [d.id]
    assert store.count_entries() == 4
    assert store.count_entries("modul2") == 1
    assert store.modules() == ["modul1", "modul2"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_entry_is_refused_with_a_swedish_message(store, text):
    with pytest.raises(DomainError, match="Skriv något") as exc:
        store.add_entry("modul1", text)
    assert exc.value.field == "text"


def test_a_huge_paste_is_refused(store):
    with pytest.raises(DomainError, match="för lång"):
        store.add_entry("modul1", "x" * (personal.MAX_TEXT + 1))


def test_unicode_and_markup_are_stored_exactly(store):
    text = "Åsa & Örjan: <script>alert('x')</script> \"citat\" 🙂\nrad två"
    entry = store.add_entry("modul1", text)
    assert store.entry(entry.id).text == text


def test_editing_keeps_the_earlier_text_in_the_history(store, clock):
    entry = store.add_entry("modul1", "Version ett")
    clock.tick(hours=1)
    store.edit_entry(entry.id, "Version två")
    clock.tick(hours=1)
    edited = store.edit_entry(entry.id, "Version tre")
    assert edited.text == "Version tre"
    assert edited.created == entry.created
    assert edited.updated == entry.created + dt.timedelta(hours=2)
    assert edited.edited
    history = store.revisions(entry.id)
    assert [r.text for r in history] == ["Version ett", "Version två"]
    assert history[0].saved == entry.created


def test_saving_the_same_text_again_adds_no_revision(store):
    entry = store.add_entry("modul1", "Samma")
    store.edit_entry(entry.id, "Samma")
    assert store.revisions(entry.id) == []
    assert not store.entry(entry.id).edited


def test_editing_a_deleted_entry_says_so_in_swedish(store):
    entry = store.add_entry("modul1", "Borta snart")
    assert store.delete_entry(entry.id)
    with pytest.raises(NotFoundError, match="finns inte längre"):
        store.edit_entry(entry.id, "Ny text")
    assert not store.delete_entry(entry.id)


def test_deleting_an_entry_removes_its_history(store):
    entry = store.add_entry("modul1", "Ett")
    store.edit_entry(entry.id, "Två")
    store.delete_entry(entry.id)
    assert store.revisions(entry.id) == []
    assert store._conn.execute("SELECT count(*) FROM entry_revisions").fetchone()[0] == 0


def test_share_flag_is_per_entry(store):
    a = store.add_entry("modul1", "Privat")
    b = store.add_entry("modul1", "Delad")
    assert store.set_shared(b.id, "grupp-3").shared_with == "grupp-3"
    assert not store.entry(a.id).shared
    assert store.set_shared(b.id, None).shared is False


# --- search --------------------------------------------------------------------------------------------


def test_search_is_case_insensitive_also_for_swedish_letters(store):
    hit = store.add_entry("modul1", "Vi pratade om ÅTERKOPPLING och öppenhet.")
    store.add_entry("modul1", "Något helt annat.")
    assert [e.id for e in store.search("återkoppling")] == [hit.id]
    assert [e.id for e in store.search("ÖPPENHET")] == [hit.id]


def test_search_needs_every_word_and_can_be_limited_to_a_module(store):
    both = store.add_entry("modul1", "ledarskap och samverkan")
    store.add_entry("modul1", "bara ledarskap")
    other = store.add_entry("modul2", "samverkan i ledarskap")
    assert [e.id for e in store.search("samverkan ledarskap")] == [both.id, other.id]
    assert [e.id for e in store.search("samverkan ledarskap", module="modul2")] == [other.id]


def test_search_finds_the_prompt_text_too(store):
    entry = store.add_entry("modul1", "Mitt svar", prompt="Vad ger dig energi?")
    assert [e.id for e in store.search("energi")] == [entry.id]


def test_search_treats_like_wildcards_as_plain_text(store):
    store.add_entry("modul1", "hundra procent")
    pct = store.add_entry("modul1", "50% klart")
    assert [e.id for e in store.search("%")] == [pct.id]
    assert store.search("_") == []


def test_an_empty_search_lists_everything(store):
    store.add_entry("modul1", "a")
    store.add_entry("modul2", "b")
    assert len(store.search("  ")) == 2


# --- drafts --------------------------------------------------------------------------------------------


def test_a_draft_is_saved_replaced_and_found_again_after_reopening(tmp_path, clock):
    path = tmp_path / "s.sqlite3"
    with PersonalStore(path, clock=clock) as s:
        s.save_draft("modul1", "m1-sjalvledarskap", "Jag börjar skri")
        clock.tick(seconds=2)
        s.save_draft("modul1", "m1-sjalvledarskap", "Jag börjar skriva")
    with PersonalStore(path) as s:
        draft = s.draft("modul1", "m1-sjalvledarskap")
        assert draft is not None
        assert draft.text == "Jag börjar skriva"
        assert draft.updated == clock.now
        assert len(s.drafts()) == 1


def test_saving_the_entry_clears_its_draft_in_the_same_step(store):
    store.save_draft("modul1", "p1", "utkast")
    store.save_draft("modul1", "p2", "annat utkast")
    store.add_entry("modul1", "färdig text", prompt_id="p1")
    assert store.draft("modul1", "p1") is None
    assert store.draft("modul1", "p2") is not None


def test_an_emptied_draft_is_removed(store):
    store.save_draft("modul1", None, "fri text")
    assert store.draft("modul1", None).text == "fri text"
    store.save_draft("modul1", None, "")
    assert store.draft("modul1", None) is None
    assert not store.discard_draft("modul1", None)


# --- answers and progress ------------------------------------------------------------------------------


def test_answers_keep_history_and_the_latest_counts(store, clock):
    store.record_answer("modul1", "m1-quiz", "q1", {"selected": ["a"]}, correct=False)
    clock.tick(seconds=30)
    store.record_answer("modul1", "m1-quiz", "q1", {"selected": ["b"]}, correct=True)
    store.record_answer("modul1", "m1-quiz", "q2", {"value": 3.5}, correct=False)
    latest = store.latest_answers("modul1")
    assert latest[("m1-quiz", "q1")].value == {"selected": ["b"]}
    assert latest[("m1-quiz", "q1")].correct is True
    assert latest[("m1-quiz", "q2")].value == {"value": 3.5}
    assert [a.correct for a in store.answer_history("modul1", "m1-quiz", "q1")] == [False, True]


def test_likert_answers_have_no_correctness(store):
    answer = store.record_answer("modul1", "m1-sjalvskattning", "m1-sl-mal", 4)
    assert answer.correct is None
    assert store.latest_answers("modul1", "m1-sjalvskattning")[("m1-sjalvskattning", "m1-sl-mal")].value == 4


def test_progress_counts_answered_and_correct_items_and_entries(store, clock):
    store.record_answer("modul1", "quiz", "q1", "a", correct=True)
    store.record_answer("modul1", "quiz", "q2", "b", correct=False)
    clock.tick(minutes=5)
    store.add_entry("modul1", "reflektion", prompt_id="m1-leda-larande")
    store.record_answer("modul2", "quiz", "q1", "a", correct=True)
    progress = store.progress("modul1")
    assert progress.answered == {("quiz", "q1"), ("quiz", "q2")}
    assert progress.correct == {("quiz", "q1")}
    assert progress.entries == 1
    assert progress.prompts_answered == {"m1-leda-larande"}
    assert progress.last_activity == clock.now
    assert set(store.progress_all()) == {"modul1", "modul2"}


def test_start_over_forgets_one_exercise_only(store):
    store.record_answer("modul1", "quiz", "q1", "a", correct=True)
    store.record_answer("modul1", "quiz", "q1", "b", correct=False)
    store.record_answer("modul1", "ordning", "ordning", ["x", "y"], correct=True)
    assert store.reset_exercise("modul1", "quiz") == 2
    assert set(store.latest_answers("modul1")) == {("ordning", "ordning")}


# --- saved cases ---------------------------------------------------------------------------------------


def test_cases_are_saved_listed_replaced_and_deleted(store, clock):
    store.save_case("Digital brevlåda", "schema_version: 1\nnamn: a\n")
    clock.tick(minutes=1)
    store.save_case("E-tjänst bygglov", "schema_version: 1\nnamn: b\n")
    clock.tick(minutes=1)
    store.save_case("Digital brevlåda", "schema_version: 1\nnamn: a2\n")
    assert [c.name for c in store.list_cases()] == ["Digital brevlåda", "E-tjänst bygglov"]
    assert store.load_case("Digital brevlåda") == "schema_version: 1\nnamn: a2\n"
    assert store.load_case("Finns inte") is None
    assert store.delete_case("E-tjänst bygglov")
    assert not store.delete_case("E-tjänst bygglov")
    assert [c.name for c in store.list_cases()] == ["Digital brevlåda"]


def test_a_case_needs_a_name(store):
    with pytest.raises(DomainError, match="namn") as exc:
        store.save_case("  ", "a: 1")
    assert exc.value.field == "namn"


# --- delete all ----------------------------------------------------------------------------------------


def test_delete_all_my_data_says_what_was_deleted_and_leaves_no_trace_in_the_file(store):
    secret = "HEMLIG-MARKÖR-4711"
    entry = store.add_entry("modul1", f"{secret} första")
    store.edit_entry(entry.id, f"{secret} andra")
    store.save_draft("modul1", "p", f"{secret} utkast")
    store.record_answer("modul1", "quiz", "q1", secret, correct=True)
    store.save_case("kalkyl", f"namn: {secret}")
    counts = store.delete_all_my_data()
    assert (counts.entries, counts.revisions, counts.drafts, counts.answers, counts.cases) == (1, 1, 1, 1, 1)
    assert counts.total == 5
    assert store.entries() == [] and store.drafts() == [] and store.list_cases() == []
    raw = b"".join(p.read_bytes() for p in store.path.parent.glob(store.path.name + "*"))
    assert secret.encode() not in raw
    store.add_entry("modul1", "Ny början")  # the store still works
    assert store.count_entries() == 1


def test_the_store_is_usable_from_another_thread(store):
    """ipywidgets callbacks (e.g. a debounced autosave timer) may run outside the main thread."""
    import threading

    errors = []

    def work():
        try:
            for i in range(20):
                store.save_draft("modul1", "p", f"text {i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.draft("modul1", "p") is not None


def test_closing_twice_is_harmless_and_a_closed_store_cannot_write(tmp_path):
    s = PersonalStore(tmp_path / "x.sqlite3")
    s.close()
    s.close()
    with pytest.raises(sqlite3.ProgrammingError):
        s.add_entry("modul1", "efter stängning")
