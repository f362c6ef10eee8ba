"""Progress shared with the teacher on the course hub: "Dela min framgång med läraren" (off by default).

What is shared is exactly, per module, how many exercises are done of how many (the same count as "Dina
framsteg" on the module page, reflection prompts included) — never what was written or answered. The choice is
a setting in the participant's own store (:data:`~widgets.store.personal.SHARE_PROGRESS`); switching it off
removes everything shared (``stop_sharing_progress``). Only shown when the shared store does group work
(:class:`~widgets.store.groupwork.GroupWork`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import ipywidgets as w

from ...exercises import ModuleContent, module_progress
from ...store import PersonalStore
from ...store.capability import supports
from ...store.groupwork import GroupWork
from ...store.personal import SHARE_PROGRESS
from ...ui.controls import message
from ...ui.feedback import Message, guarded
from ...ui.html import tag

log = logging.getLogger(__name__)

LABEL = "Dela min framgång med läraren"
EXPLANATION = (
    "Om du kryssar i rutan ser kursens lärare hur långt du har kommit: för varje modul hur många övningar du "
    "har gjort av hur många (till exempel ”3 av 5 klara”). Läraren ser inte vad du har skrivit i lärloggen "
    "eller vad du har svarat. Det är avstängt tills du själv slår på det, och när du stänger av det tas det "
    "du har delat bort."
)


def exercise_counts(content: ModuleContent, store: PersonalStore) -> tuple[int, int]:
    """(exercises complete, exercises) in a module, reflection prompts included: what is shared."""
    answers = store.latest_answers(content.module)
    prompts = store.progress(content.module).prompts_answered
    rows = module_progress(content, answers, prompts).exercises
    return sum(r.complete for r in rows), len(rows)


def sharing_on(store: PersonalStore) -> bool:
    return bool(store.setting(SHARE_PROGRESS, False))


class ProgressReporter:
    """Shares one module's counts when they change, while the participant has switched sharing on (the module
    page calls it after every refresh of its progress). A failure is shown in ``message`` as a warning."""

    def __init__(self, store: PersonalStore, shared: GroupWork, module: str, message: Message | None = None):
        self.store = store
        self.shared = shared
        self.module = module
        self.message = message
        self.sent: tuple[int, int] | None = None

    def __call__(self, done: int, total: int) -> None:
        if (done, total) == self.sent:
            return
        probe = message()
        if not guarded(probe, lambda: sharing_on(self.store)).value_or(False):
            return
        if not guarded(probe, lambda: self.shared.share_progress(self.module, done, total)).ok:
            log.warning("progress not shared: %s", probe.value)
            if self.message is not None:
                self.message.warning("Din framgång kunde inte delas med läraren just nu. Försök igen senare.")
            return
        self.sent = (done, total)


def progress_reporter(
    store: PersonalStore, shared: object, module: str, message: Message | None = None
) -> ProgressReporter | None:
    """The module page's reporter on the hub, else None. It reads the setting at each report (a local read), so
    switching sharing on in Min lärlogg applies to a module page that is already open."""
    hub = supports(shared, GroupWork)  # the store's type only: no request to the service
    return None if hub is None else ProgressReporter(store, hub, module, message)


class ProgressSharing(w.VBox):
    """The setting on Min lärlogg: a checkbox, what it shares in words, and its messages beside it."""

    def __init__(
        self, store: PersonalStore, shared: GroupWork, contents: Mapping[str, ModuleContent]
    ) -> None:
        self.store = store
        self.shared = shared
        self.contents = contents
        # Whether progress is shared (as stored): what the checkbox shows. The observer acts only on a change
        # from it, so showing the stored choice (load) or undoing a failed switch does nothing more.
        self.sharing = False
        self.sent: dict[str, tuple[int, int]] = {}
        self.checkbox = w.Checkbox(
            value=False, description=LABEL, indent=False, layout=w.Layout(width="auto")
        )
        self.checkbox.add_class("dk-long-label")
        self.message = message()
        self.checkbox.observe(self._changed, names="value")
        super().__init__([w.HTML(tag("h3", LABEL) + tag("p", EXPLANATION)), self.checkbox, self.message])

    def load(self) -> None:
        """Show the stored choice (and, when on, share counts that changed since)."""
        on = bool(guarded(self.message, lambda: sharing_on(self.store)).value_or(False))
        self.sharing = on
        self.checkbox.value = self.sharing
        if on:
            self.share_all()

    def _changed(self, change: dict[str, object]) -> None:
        if change["new"] == self.sharing:
            return
        if change["new"]:
            self.switch_on()
        else:
            self.switch_off()

    def switch_on(self) -> bool:
        self.sent.clear()
        if not self.share_all():
            self.checkbox.value = False
            guarded(message(), self.shared.stop_sharing_progress)  # nothing half shared stays behind
            return False
        if not guarded(self.message, lambda: self.store.set_setting(SHARE_PROGRESS, True)).ok:
            self.checkbox.value = False
            guarded(message(), self.shared.stop_sharing_progress)
            return False
        self.sharing = True
        self.message.ok("Läraren ser nu hur många övningar du har gjort i varje modul.")
        return True

    def switch_off(self) -> bool:
        if not guarded(self.message, self.shared.stop_sharing_progress).ok:
            self.checkbox.value = True
            return False
        self.sharing = False
        self.sent.clear()
        if guarded(self.message, lambda: self.store.set_setting(SHARE_PROGRESS, False)).ok:
            self.message.ok("Du delar inte längre din framgång. Det du har delat är borttaget.")
        return True

    def share_all(self) -> bool:
        """Share every module's counts that differ from what was last shared; False after showing an error."""
        for module, content in self.contents.items():
            counted = guarded(self.message, lambda content=content: exercise_counts(content, self.store))
            if not counted.ok:
                return False
            counts = counted.value
            if self.sent.get(module) == counts:
                continue
            done, total = counts
            if not guarded(
                self.message, lambda m=module, d=done, t=total: self.shared.share_progress(m, d, t)
            ).ok:
                return False
            self.sent[module] = counts
        return True

    def before_delete_all(self) -> bool:
        """ "Radera all min data" deletes the setting too, so what was shared is removed from the service first;
        False (after saying why beside the checkbox) when that failed."""
        if not self.checkbox.value:
            return True
        if not guarded(self.message, self.shared.stop_sharing_progress).ok:
            return False
        self.sent.clear()
        return True

    def changed(self) -> None:
        """The lärlogg changed (an entry deleted): when sharing is on, share the counts that changed."""
        if self.checkbox.value:
            self.share_all()
