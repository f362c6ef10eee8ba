"""The page of one module or conference: the overview (:class:`~widgets.apps.event.EventPage`), the exercises,
the lärlogg, and any extras.

Preheated kernels run this before anyone asks for the page, so :func:`module_app` builds every widget first
(content only), then calls :func:`~widgets.apps.session.wait_for_visit` itself, and only then reads the date and
the participant's answers and drafts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

import ipywidgets as w

from ..exercises import load_module
from ..program import Program, default_program
from ..store import PersonalStore, SharedStore
from ..store.backend import shared_store
from ..store.capability import supports
from ..store.live import LiveStore
from ..ui.controls import message, reused
from .event import EventPage
from .exercises import ExercisesSection
from .larlogg.progress_share import progress_reporter
from .larlogg.reflection import ReflectionWidget
from .session import wait_for_visit

if TYPE_CHECKING:
    from .live.panel import PollPanel

#: An extra section: a widget, or a function called after the visit has started that returns one (so that it
#: may read the participant's store).
Extra = w.Widget | Callable[[], w.Widget]


class ModulePage(EventPage):
    """A module's page, with the parts its module builder and the tests reach. A module with its own extras
    subclasses it to name them (``Modul3Page.own``, ``Modul5Page.climate``, …)."""

    def __init__(
        self,
        program: Program,
        event_id: str,
        sections: list[w.Widget],
        *,
        exercises: ExercisesSection,
        reflection: ReflectionWidget,
        polls: PollPanel | None,
        store: PersonalStore,
        shared: SharedStore | None,
    ) -> None:
        self.exercises = exercises
        self.reflection = reflection
        self.polls = polls
        self.store = store
        self.shared = shared
        super().__init__(program, program.event(event_id), sections)


P = TypeVar("P", bound=ModulePage)


def module_app(
    event_id: str,
    extra_sections: Iterable[Extra] = (),
    *,
    store: PersonalStore | None = None,
    shared: SharedStore | None = None,
    program: Program | None = None,
    now: dt.datetime | None = None,
    autosave_delay: float | None = None,
    page_class: type[P] = ModulePage,  # type: ignore[assignment]
) -> P:
    """Build the page for ``event_id`` (``modul1`` … ``modul5``, ``startkonferens``, ``slutkonferens``).

    ``extra_sections`` come after the exercises and before the lärlogg (e.g. module 3's AI Act classifier);
    callables among them are called after the visit has started. ``page_class`` is a :class:`ModulePage` subclass
    that names a module's extras. ``shared`` enables "Dela med gruppen" when it has a group, the exercises' group
    boards where the content asks for one, and the teacher's live polls; when it is not given, the environment
    decides (:func:`~widgets.store.backend.shared_store`: the group service on the course's JupyterHub, otherwise
    nothing about sharing or polls is shown).
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
    polls = None
    if supports(shared, LiveStore):
        from .live.panel import PollPanel  # only on the hub: outside it, its import is not paid either

        polls = PollPanel(shared)
    sections = [notice, *([polls] if polls else []), exercises, *holders, reflection]
    page = page_class(
        program or default_program(),
        event_id,
        sections,
        exercises=exercises,
        reflection=reflection,
        polls=polls,
        store=store,
        shared=shared,
    )
    # Everything above is the same for every visitor, so a preheated kernel has it ready. From here on the date and
    # per-person state may be read: the visitor has come.
    wait_for_visit()
    page.show(now)
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
    return page
