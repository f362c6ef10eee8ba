"""The lärlogg widget of a module page: the module's reflection prompts, a text area whose draft is saved while
typing, "Spara" for a dated entry, and this module's earlier entries below (editable, deletable).

The draft is saved ``autosave_delay`` seconds after the last keystroke (a ``threading.Timer``; the store is
thread-safe), on "Spara", and when another prompt is chosen. ``autosave_delay=0`` saves on every change."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

import ipywidgets as w

from ... import fmt
from ...exercises import ModuleContent, ReflectionPrompt
from ...store import PersonalStore, SharedStore, local
from ...ui.controls import button, html, message, reused
from ...ui.feedback import guarded
from ...ui.held import unheard
from ...ui.html import tag
from .entries import EntryList
from .group import GroupShared

AUTOSAVE_DELAY = 1.0  # seconds after the last keystroke
PAGE = 10  # entries shown at first on a module page
FREE = ""  # prompt id of a free reflection (a module without prompts)
GROUP_RETRY_SECONDS = 30.0  # while the group service does not answer, ask again this often …
GROUP_RETRIES = 10  # … this many times (then "Uppdatera" or a reload asks again)


def prompt_html(prompt: ReflectionPrompt | None) -> str:
    if prompt is None:
        return tag("p", "Skriv fritt om vad du tar med dig från den här delen av programmet.")
    html = tag("p", raw=tag("strong", prompt.prompt))
    if prompt.hint:
        html += tag("p", f"Tips: {prompt.hint}", cls="dk-muted")
    if prompt.source:
        html += tag("p", f"Källa: {prompt.source}", cls="dk-source")
    return html


class ReflectionWidget(w.VBox):
    """Write and keep reflections for one module. Call :meth:`load` after the visit has started."""

    def __init__(
        self,
        content: ModuleContent,
        store: PersonalStore,
        shared: SharedStore | None = None,
        autosave_delay: float = AUTOSAVE_DELAY,
        on_saved: Callable[[], None] | None = None,
        page: int = PAGE,
    ) -> None:
        self.content = content
        self.module = content.module
        self.store = store
        self.shared = shared
        self.autosave_delay = autosave_delay
        self._on_saved = on_saved
        self.prompts = {p.id: p for p in content.reflections}
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._pending: tuple[str, str] | None = None  # (prompt id, text) not yet saved
        self.save_times: list[float] = []  # seconds from "Spara" to the entry stored (for measurement)
        self.group_retry_seconds = GROUP_RETRY_SECONDS
        self._group_retry: threading.Timer | None = None
        self._group_retries = 0
        self._group_lock = threading.Lock()

        options = [(p.title or p.prompt[:60], p.id) for p in content.reflections] or [
            ("Fri reflektion", FREE)
        ]
        self.chooser = w.Dropdown(
            options=options, description="Reflektionsfråga", style={"description_width": "initial"}
        )
        self.prompt = html(prompt_html(self.prompts.get(self.chooser.value)))
        self.text = w.Textarea(
            description="Din reflektion",
            placeholder="Skriv här. Texten sparas som utkast medan du skriver.",
            rows=7,
            continuous_update=True,
            layout=w.Layout(width="100%"),
            style={"description_width": "initial"},
        )
        self.draft_status = html()
        self.save = button("Spara", tooltip="Spara reflektionen i din lärlogg", button_style="primary")
        self.message = message()
        self.entries = EntryList(
            store,
            shared,
            page=page,
            empty_text="Du har inte sparat någon reflektion i den här modulen än.",
            prompt_titles={p.id: p.title or p.prompt for p in content.reflections},
            label="den här modulen",
        )
        self.group = GroupShared(shared, self.module)  # shown only when there is a group
        self.chooser.observe(self._on_prompt, names="value")
        self.text.observe(self._on_text, names="value")
        self.save.on_click(lambda _: self.save_entry())
        super().__init__(
            [
                html(
                    tag("h2", "Lärlogg")
                    + tag(
                        "p",
                        "Det du skriver här är privat: det sparas bara i din egen lärlogg. "
                        "Alla dina anteckningar finns på sidan Min lärlogg.",
                    )
                ),
                self.chooser,
                self.prompt,
                self.text,
                self.draft_status,
                w.HBox([self.save], layout=reused("plain")),
                self.message,
                html(tag("h3", "Dina anteckningar i den här modulen")),
                self.entries,
                self.group,
            ]
        )
        self.add_class("dk-larlogg")

    @property
    def prompt_id(self) -> str:
        return self.chooser.value

    # --- reading -------------------------------------------------------------------------------------------

    def load(self) -> None:
        """Show the current prompt's draft and this module's entries."""
        self._show_draft(self.prompt_id)
        self.refresh_entries()

    def refresh_entries(self) -> None:
        entries = guarded(self.message, lambda: self.store.entries(self.module))
        groups = guarded(self.message, self.shared.groups).value_or(None) if self.shared is not None else []
        if entries.ok:
            self.entries.set_entries(list(reversed(entries.value)), groups or [])
        self.group.show(groups or [])
        if groups is None:  # the group service did not answer; the message says so
            self._retry_groups()
        else:
            self._group_retries = 0

    def _retry_groups(self) -> None:
        """Ask the group service again later; sharing appears by itself when it is back."""
        with self._group_lock:
            if self._group_retry is not None or self._group_retries >= GROUP_RETRIES:
                return
            self._group_retries += 1
            self._group_retry = threading.Timer(self.group_retry_seconds, self._retried)
            self._group_retry.daemon = True
            self._group_retry.start()

    def _retried(self) -> None:
        with self._group_lock:
            self._group_retry = None
        self.refresh_entries()

    def _show_draft(self, prompt_id: str) -> None:
        draft = guarded(self.message, lambda: self.store.draft(self.module, prompt_id)).value_or(None)
        with unheard(self.text, self._on_text):  # the draft as stored: nothing to autosave
            self.text.value = draft.text if draft is not None else ""
        if draft is not None:
            self.draft_status.value = tag(
                "p",
                f"Ditt utkast från {fmt.clock(local(draft.updated).time())} är återställt.",
                cls="dk-muted",
            )
        else:
            self.draft_status.value = ""

    # --- autosave ------------------------------------------------------------------------------------------

    def _on_text(self, change) -> None:
        with self._lock:
            self._pending = (self.prompt_id, change["new"])
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self.autosave_delay > 0:
                self._timer = threading.Timer(self.autosave_delay, self.flush)
                self._timer.daemon = True
                self._timer.start()
        if self.autosave_delay <= 0:
            self.flush()

    def flush(self) -> bool:
        """Save a pending draft now. True if something was saved."""
        with self._lock:
            pending, self._pending = self._pending, None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        if pending is None:
            return False
        prompt_id, text = pending
        if not guarded(self.message, lambda: self.store.save_draft(self.module, prompt_id, text)).ok:
            return False
        if text.strip():
            self.draft_status.value = tag(
                "p",
                f"Utkastet är sparat (kl. {fmt.clock(local(dt.datetime.now(dt.UTC)).time())}).",
                cls="dk-muted",
            )
        else:
            self.draft_status.value = ""
        return True

    def _on_prompt(self, change) -> None:
        self.flush()
        self.prompt.value = prompt_html(self.prompts.get(change["new"]))
        self.message.clear()
        self._show_draft(change["new"])

    def close_timer(self) -> None:
        """Save what is pending (e.g. before the widget goes away)."""
        self.flush()

    # --- saving --------------------------------------------------------------------------------------------

    def save_entry(self):
        """ "Spara": a dated entry tagged with module and prompt; the draft is cleared in the same transaction."""
        started = time.perf_counter()
        with self._lock:
            self._pending = None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        prompt = self.prompts.get(self.prompt_id)
        text = self.text.value
        added = guarded(
            self.message,
            lambda: self.store.add_entry(
                self.module,
                text,
                prompt_id=self.prompt_id or None,
                prompt=prompt.prompt if prompt is not None else None,
            ),
        )
        if not added.ok:
            return None
        entry = added.value
        self.save_times.append(time.perf_counter() - started)
        with unheard(self.text, self._on_text):  # saved as an entry, its draft cleared with it
            self.text.value = ""
        self.draft_status.value = ""
        self.refresh_entries()
        if self._on_saved is not None:
            self._on_saved()
        self.message.ok("Sparat i din lärlogg.")
        return entry
