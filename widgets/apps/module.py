"""The page of one module or conference: the overview (event_app), the exercises, the lärlogg, and any extras.

Preheated kernels run this before anyone asks for the page, so the widgets are built first (content only) and
read the participant's answers and drafts only after :func:`~widgets.apps.event.event_app` has waited for the
visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import ipywidgets as w

from ..exercises import load_module
from ..program import Program
from ..store import PersonalStore, SharedStore
from ..store.backend import shared_store
from ..store.capability import supports
from ..store.live import LiveStore
from ..ui.controls import message, reused
from .event import event_app
from .exercises import ExercisesSection
from .larlogg.progress_share import progress_reporter
from .larlogg.reflection import ReflectionWidget
from .live.panel import PollPanel

#: An extra section: a widget, or a function called after the visit has started that returns one (so that it
#: may read the participant's store).
Extra = w.Widget | Callable[[], w.Widget]


def module_app(
    event_id: str,
    extra_sections: Iterable[Extra] = (),
    *,
    store: PersonalStore | None = None,
    shared: SharedStore | None = None,
    program: Program | None = None,
    now: dt.datetime | None = None,
    autosave_delay: float | None = None,
) -> w.VBox:
    """Build the page for ``event_id`` (``modul1`` … ``modul5``, ``startkonferens``, ``slutkonferens``).

    ``extra_sections`` come after the exercises and before the lärlogg (e.g. module 3's AI Act classifier);
    callables among them are called after the visit has started. ``shared`` enables "Dela med gruppen" when it
    has a group, the exercises' group boards where the content asks for one, and the teacher's live polls; when it
    is not given, the environment decides (:func:`~widgets.store.backend.shared_store`: the group service on the
    course's JupyterHub, otherwise nothing about sharing or polls is shown).
    """
    content = load_module(event_id)
    store = store if store is not None else PersonalStore()
    shared = shared if shared is not None else shared_store()
    extras = list(extra_sections)
    exercises = ExercisesSection(content, store, tools_below=bool(extras), shared=shared)
    kwargs = {} if autosave_delay is None else {"autosave_delay": autosave_delay}
    reflection = ReflectionWidget(content, store, shared, on_saved=exercises.refresh_progress, **kwargs)
    holders = [e if isinstance(e, w.Widget) else w.VBox(layout=reused("plain")) for e in extras]
    notice = message()
    # The teacher's open polls appear here on the course hub; elsewhere not even an empty box is sent.
    polls = PollPanel(shared) if supports(shared, LiveStore) else None
    sections = [notice, *([polls] if polls else []), exercises, *holders, reflection]
    page = event_app(event_id, program=program, now=now, sections=sections)
    # The visit has started: from here on, per-person state may be read.
    if store.notice:
        notice.error(store.notice)
    exercises.on_progress = progress_reporter(store, shared, content.module, exercises.message)
    for extra, holder in zip(extras, holders, strict=True):
        if not isinstance(extra, w.Widget):
            holder.children = [extra()]
    exercises.load()
    reflection.load()
    if polls is not None:
        polls.load()
    page.polls = polls
    page.exercises = exercises
    page.reflection = reflection
    page.store = store
    page.shared = shared
    return page
