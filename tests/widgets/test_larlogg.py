"""The lärlogg widgets without a browser: drafts that survive a kernel restart, entries with history, two tabs
writing, confirmation before deleting, escaping of user text everywhere it becomes HTML, the log page."""

from __future__ import annotations

import time

import pytest

from widgets.apps.larlogg import EntryView, ReflectionWidget, larlogg_app
from widgets.exercises import load_module
from widgets.store import LocalSharedStore, PersonalStore

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '" onmouseover="alert(1)']


@pytest.fixture
def modul1():
    return load_module("modul1")


@pytest.fixture
def path(tmp_path):
    return tmp_path / "p.sqlite3"


def reflection(content, store, **kwargs) -> ReflectionWidget:
    widget = ReflectionWidget(content, store, autosave_delay=kwargs.pop("autosave_delay", 0), **kwargs)
    widget.load()
    return widget


def all_html(widget) -> str:
    """Every HTML value in a widget tree (what the browser would insert as markup)."""
    out, stack = [], [widget]
    while stack:
        w = stack.pop()
        stack.extend(getattr(w, "children", ()))
        if w.__class__.__name__ in {"HTML", "Message", "DownloadLink"}:
            out.append(w.value)
    return "\n".join(out)


def test_a_draft_survives_a_kernel_restart(path, modul1):
    with PersonalStore(path) as first:
        widget = reflection(modul1, first)
        widget.text.value = "Halvfärdig tanke om självledarskap"
    with PersonalStore(path) as second:  # new kernel: new widget, new store object
        again = reflection(modul1, second)
        assert again.text.value == "Halvfärdig tanke om självledarskap"
        assert "återställt" in again.draft_status.value


def test_a_restored_draft_is_shown_not_saved_again(path, modul1):
    """Does showing a stored draft (opening, switching prompt) leave it as stored, with nothing pending?"""
    with PersonalStore(path) as store:
        first = modul1.reflections[0].id
        store.save_draft("modul1", first, "Min tanke")
        stored = store.draft("modul1", first)
        widget = reflection(modul1, store, autosave_delay=5)
        assert widget.text.value == "Min tanke" and widget._pending is None
        widget.chooser.value = modul1.reflections[1].id
        widget.chooser.value = first
        assert widget.text.value == "Min tanke" and widget._pending is None
        assert store.draft("modul1", first).updated == stored.updated
        widget.text.value = "Min andra tanke"  # typed: pending as before
        assert widget._pending == (first, "Min andra tanke")
        widget.close_timer()


def test_debounced_autosave_saves_once_after_typing_stops(path, modul1):
    with PersonalStore(path) as store:
        widget = reflection(modul1, store, autosave_delay=0.2)
        for text in ("H", "He", "Hej", "Hej då"):
            widget.text.value = text
        assert store.draft("modul1", widget.prompt_id) is None  # not yet: still typing
        time.sleep(0.6)
        assert store.draft("modul1", widget.prompt_id).text == "Hej då"


def test_save_makes_a_dated_entry_tagged_with_module_and_prompt_and_clears_the_draft(path, modul1):
    with PersonalStore(path) as store:
        widget = reflection(modul1, store)
        widget.chooser.value = modul1.reflections[1].id
        widget.text.value = "Vi lär oss genom att dela."
        entry = widget.save.click() or store.entries("modul1")[0]
        assert entry.prompt_id == modul1.reflections[1].id and entry.prompt == modul1.reflections[1].prompt
        assert widget.text.value == "" and store.draft("modul1", widget.prompt_id) is None
        assert "Sparat i din lärlogg." in widget.message.value
        assert len(widget.entries.views) == 1
        assert "Vi lär oss genom att dela." in widget.entries.views[0].html.value
        assert " kl. " in widget.entries.views[0].html.value  # a Swedish date and time


def test_saving_empty_text_says_so(path, modul1):
    with PersonalStore(path) as store:
        widget = reflection(modul1, store)
        widget.save.click()
        assert widget.message.has_error and "Skriv något" in widget.message.value


def test_changing_prompt_keeps_each_prompts_draft(path, modul1):
    with PersonalStore(path) as store:
        widget = reflection(modul1, store, autosave_delay=5)
        first, second = modul1.reflections[0].id, modul1.reflections[1].id
        widget.text.value = "Om första frågan"
        widget.chooser.value = second  # the pending draft is saved before switching
        assert widget.text.value == ""
        widget.text.value = "Om andra frågan"
        widget.chooser.value = first
        assert widget.text.value == "Om första frågan"
        assert store.draft("modul1", second).text == "Om andra frågan"


def test_two_tabs_write_to_the_same_log(path, modul1):
    a, b = PersonalStore(path), PersonalStore(path)
    try:
        tab_a, tab_b = reflection(modul1, a), reflection(modul1, b)
        tab_a.text.value = "Från flik A"
        tab_a.save.click()
        tab_b.text.value = "Från flik B"
        tab_b.save.click()
        assert [e.text for e in a.entries("modul1")] == ["Från flik A", "Från flik B"]
        assert len(tab_b.entries.views) == 2  # tab B sees A's entry after saving
    finally:
        a.close()
        b.close()


def test_edit_keeps_history_and_delete_needs_confirmation(path, modul1):
    with PersonalStore(path) as store:
        widget = reflection(modul1, store)
        widget.text.value = "Första versionen"
        widget.save.click()
        view: EntryView = widget.entries.views[0]
        view.edit_button.click()
        view.editor.value = "Andra versionen"
        view.save_edit()
        assert "Andra versionen" in view.html.value and "ändrad" in view.html.value
        assert view.history_button in view.actions.children
        view.history_button.click()
        assert "Första versionen" in all_html(view.extra)
        view.delete.start.click()
        assert view.delete.asking and store.count_entries() == 1
        view.delete.no.click()
        assert store.count_entries() == 1
        view.delete.start.click()
        view.delete.yes.click()
        assert store.count_entries() == 0 and "raderad" in view.html.value


def test_no_share_button_without_a_group(path, modul1):
    with PersonalStore(path) as store, LocalSharedStore(path.parent / "s.sqlite3", user="anna") as shared:
        widget = reflection(modul1, store, shared=shared)
        widget.text.value = "Privat"
        widget.save.click()
        names = [getattr(c, "description", "") for c in widget.entries.views[0].actions.children]
        assert "Dela med gruppen" not in names
        shared.cast_vote("grupp-1", "poll", "ja")  # now a group exists
        widget.refresh_entries()
        view = widget.entries.views[0]
        share = next(c for c in view.actions.children if getattr(c, "description", "") == "Dela med gruppen")
        share.click()
        assert store.entries()[0].shared_with == "grupp-1"
        assert [i.text for i in shared.shared_items("grupp-1")] == ["Privat"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_user_text_is_escaped_in_entries_history_drafts_and_search(path, modul1, payload):
    with PersonalStore(path) as store:
        widget = reflection(modul1, store)
        widget.text.value = payload
        widget.save.click()
        view = widget.entries.views[0]
        view.edit_button.click()
        view.editor.value = payload + " ändrad"
        view.save_edit()
        view.history_button.click()
        app = larlogg_app(store)
        app.query.value = payload
        html = all_html(widget) + all_html(app)
        assert payload not in html
        assert "<script>alert" not in html and "<img src=x" not in html and '" onmouseover="' not in html
        assert "1 anteckning innehåller" in app.result.value


def test_log_app_lists_searches_exports_and_deletes_everything(path, modul1):
    with PersonalStore(path) as store:
        store.add_entry("modul1", "Om omvärldsbevakning", prompt_id="m1-omvarldsbevakning")
        store.add_entry("modul2", "Om ledarskap i förändring", prompt_id=None)
        store.record_answer("modul1", "m1-diamantens-faser", "m1-diamantens-faser", {"order": []}, False)
        app = larlogg_app(store)
        assert "Du har 2 anteckningar." in app.result.value
        assert (
            f"<td>Modul 1: Power Skills</td><td>2 av {len(modul1.exercises)} klara</td>" in app.progress.value
        )
        app.query.value = "ledarskap"
        assert "1 anteckning innehåller ”ledarskap”." in app.result.value
        app.clear_search()
        app.export_what.value = "modul1"
        data = app.export("docx")
        assert data[:2] == b"PK" and "min-larlogg-modul1.docx" in app.download.value
        md = app.export("md").decode()
        assert "Om omvärldsbevakning" in md and "ledarskap" not in md
        assert app.delete_all.disabled  # the checkbox comes first
        app.understood.value = True
        app.delete_all.click()
        assert store.count_entries() == 0 and store.latest_answers("modul1") == {}
        assert "All din data är raderad" in app.delete_message.value


def test_log_app_pages_long_logs(path):
    with PersonalStore(path) as store:
        for i in range(30):
            store.add_entry("modul1", f"Anteckning {i}")
        app = larlogg_app(store, page=10)
        listing = app.groups_box.children[1]
        assert len(listing.views) == 10 and "Anteckning 29" in listing.views[0].html.value
        assert listing.more_row in listing.children
        listing.more.click()
        assert len(listing.views) == 20


def test_deleting_one_entry_in_the_log_app_needs_confirmation(path):
    with PersonalStore(path) as store:
        store.add_entry("modul1", "Ta bort mig")
        app = larlogg_app(store)
        view = app.groups_box.children[1].views[0]
        view.delete.start.click()
        assert store.count_entries() == 1
        view.delete.yes.click()
        assert store.count_entries() == 0


def test_save_latency_as_seen_from_the_widget(path, modul1):
    """Median time from the "Spara" handler's start to the entry stored, over 50 saves."""
    with PersonalStore(path) as store:
        widget = reflection(modul1, store, page=10)
        for i in range(50):
            widget.text.value = f"Reflektion nummer {i} " * 20
            widget.save.click()
        times = sorted(widget.save_times)
        assert len(times) == 50 and times[25] < 0.5
