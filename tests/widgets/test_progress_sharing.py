"""'Dela min framgång med läraren' on Min lärlogg (hub only, off by default) and the module page sharing new
counts while it is on; against the in-memory group service."""

from __future__ import annotations

import html

import pytest
from groupwork_fake import FakeHub

from widgets.apps.larlogg import larlogg_app
from widgets.apps.larlogg.progress_share import LABEL, exercise_counts
from widgets.apps.module import module_app
from widgets.exercises import load_all, load_module
from widgets.store import LocalSharedStore, PersonalStore
from widgets.store.personal import SHARE_PROGRESS


@pytest.fixture
def hub():
    return FakeHub(groups={"grupp-a": ["deltagare1", "deltagare2"]}, teachers={"larare"})


@pytest.fixture
def store(tmp_path):
    with PersonalStore(tmp_path / "p.sqlite3") as s:
        yield s


@pytest.fixture
def shared(hub):
    return hub.store("deltagare1")


def shares(hub):
    return [c for c in hub.calls if c in ("share_progress", "stop_sharing_progress")]


def test_nothing_about_it_off_the_hub(store, tmp_path):
    assert larlogg_app(store=store).sharing is None
    local = LocalSharedStore(tmp_path / "delat.sqlite3", user="anna")
    app = larlogg_app(store=store, shared=local)
    assert app.sharing is None and LABEL not in str([getattr(c, "value", "") for c in app.children])


def test_off_by_default_with_a_clear_explanation(store, shared, hub):
    app = larlogg_app(store=store, shared=shared)
    sharing = app.sharing
    assert sharing is not None and sharing in app.children
    assert sharing.checkbox.value is False and sharing.checkbox.description == "Dela min framgång med läraren"
    text = html.unescape(sharing.children[0].value)
    assert "hur många övningar du har gjort av hur många" in text
    assert "ser inte vad du har skrivit i lärloggen" in text
    assert shares(hub) == [] and store.setting(SHARE_PROGRESS) is None


def test_switching_on_shares_every_module_and_is_remembered(store, shared, hub):
    store.record_answer("modul1", "m1-diamantens-faser", "m1-diamantens-faser", ["a"], correct=False)
    store.add_entry("modul1", "Min reflektion, som läraren aldrig ser", prompt_id="m1-sjalvledarskap")
    app = larlogg_app(store=store, shared=shared)
    app.sharing.checkbox.value = True
    contents = load_all()
    assert {m for _, m in hub.progress} == set(contents)
    expected = exercise_counts(contents["modul1"], store)
    got = hub.progress[("deltagare1", "modul1")]
    assert (got.done, got.total) == expected and expected[0] == 2
    assert store.setting(SHARE_PROGRESS) is True
    assert 'role="status"' in app.sharing.message.value
    again = larlogg_app(store=store, shared=shared)
    assert again.sharing.checkbox.value is True


def test_switching_off_removes_what_was_shared(store, shared, hub):
    app = larlogg_app(store=store, shared=shared)
    app.sharing.checkbox.value = True
    app.sharing.checkbox.value = False
    assert hub.progress == {} and shares(hub)[-1] == "stop_sharing_progress"
    assert store.setting(SHARE_PROGRESS) is False
    assert "Det du har delat är borttaget" in html.unescape(app.sharing.message.value)


def test_a_service_error_is_shown_beside_the_checkbox_and_nothing_is_switched_on(store, shared, hub):
    app = larlogg_app(store=store, shared=shared)
    hub.down = True
    app.sharing.checkbox.value = True
    assert app.sharing.checkbox.value is False
    assert "Gruppservern svarar inte" in app.sharing.message.value
    assert 'role="alert"' in app.sharing.message.value
    assert store.setting(SHARE_PROGRESS) is None


def test_switching_off_when_the_service_fails_stays_on(store, shared, hub):
    app = larlogg_app(store=store, shared=shared)
    app.sharing.checkbox.value = True
    hub.down = True
    app.sharing.checkbox.value = False
    assert app.sharing.checkbox.value is True and store.setting(SHARE_PROGRESS) is True
    assert "Gruppservern svarar inte" in app.sharing.message.value


def test_module_page_shares_new_counts_only_while_on(store, shared, hub):
    content = load_module("modul1")
    page = module_app("modul1", store=store, shared=shared)
    store.record_answer("modul1", "m1-diamantens-faser", "m1-diamantens-faser", ["a"], correct=False)
    page.exercises.refresh_progress()
    assert shares(hub) == []  # off: nothing leaves the kernel
    store.set_setting(SHARE_PROGRESS, True)
    page = module_app("modul1", store=store, shared=shared)
    assert hub.progress[("deltagare1", "modul1")].done == 1
    calls = len(hub.calls)
    page.exercises.refresh_progress()
    assert len(hub.calls) == calls  # unchanged counts are not sent again
    store.add_entry("modul1", "Text", prompt_id="m1-sjalvledarskap")
    page.exercises.refresh_progress()
    got = hub.progress[("deltagare1", "modul1")]
    assert (got.done, got.total) == exercise_counts(content, store) == (2, got.total)


def test_module_page_says_when_sharing_failed_without_breaking(store, shared, hub):
    store.set_setting(SHARE_PROGRESS, True)
    hub.down = True
    page = module_app("modul1", store=store, shared=shared)
    assert "kunde inte delas med läraren" in page.exercises.message.value


def test_delete_all_my_data_removes_shared_progress_first(store, shared, hub):
    app = larlogg_app(store=store, shared=shared)
    app.sharing.checkbox.value = True
    app.understood.value = True
    assert app.delete_everything() is not None
    assert hub.progress == {} and app.sharing.checkbox.value is False
    assert store.setting(SHARE_PROGRESS) is None


def test_an_open_module_page_follows_the_setting_changed_in_the_larlogg(store, shared, hub):
    page = module_app("modul1", store=store, shared=shared)
    larlogg_app(store=store, shared=shared).sharing.checkbox.value = True
    store.add_entry("modul1", "Text", prompt_id="m1-sjalvledarskap")
    page.exercises.refresh_progress()
    assert hub.progress[("deltagare1", "modul1")].done == 1


def test_showing_the_stored_choice_switches_nothing(store, shared, hub):
    """Does opening Min lärlogg with sharing on only show the tick (and share new counts), never switch it again?"""
    store.set_setting(SHARE_PROGRESS, True)
    app = larlogg_app(store=store, shared=shared)
    assert app.sharing.checkbox.value is True and app.sharing.message.value == ""
    assert "stop_sharing_progress" not in shares(hub) and store.setting(SHARE_PROGRESS) is True
    app.sharing.checkbox.value = False  # unticked: switched off as before
    assert shares(hub)[-1] == "stop_sharing_progress" and store.setting(SHARE_PROGRESS) is False
