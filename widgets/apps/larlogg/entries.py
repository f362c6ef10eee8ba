"""One lärlogg entry as a widget: its text (always escaped), "Ändra" with history kept, "Radera" after
confirmation, and "Dela med gruppen" only when the shared store has a group to share with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import ipywidgets as w

from ... import fmt
from ...store import Entry, PersonalStore, SharedStore, local, sharing
from ...ui.controls import AskFirst, button, message, reused
from ...ui.feedback import Message, guarded
from ...ui.html import esc, tag


def when_text(moment: dt.datetime) -> str:
    """``1 april 2026, kl. 10.05`` in Swedish time."""
    at = local(moment)
    return f"{fmt.date(at.date())}, kl. {fmt.clock(at.time())}"


def text_html(text: str) -> str:
    """The participant's text as paragraphs; every character escaped, newlines kept."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(tag("p", raw="<br>".join(esc(line) for line in p.split("\n"))) for p in paragraphs)


def entry_html(entry: Entry, prompt_title: str | None = None) -> str:
    meta = when_text(entry.created)
    if entry.edited:
        meta += f" (ändrad {when_text(entry.updated)})"
    if entry.shared_with:
        meta += f" · delad med gruppen {entry.shared_with}"
    else:
        meta += " · privat"
    head = tag("p", raw=tag("strong", meta))
    if prompt_title or entry.prompt:
        head += tag("p", f"Fråga: {prompt_title or entry.prompt}", cls="dk-muted")
    return head + tag("blockquote", raw=text_html(entry.text), cls="dk-entry-text")


class EntryView(w.VBox):
    """An entry with its actions; the edit, history and confirmation controls are built only when asked for."""

    def __init__(
        self,
        entry: Entry,
        store: PersonalStore,
        shared: SharedStore | None = None,
        groups: list[str] | None = None,
        on_change: Callable[[], None] | None = None,
        prompt_title: str | None = None,
    ) -> None:
        self.entry = entry
        self.store = store
        self.shared = shared
        self.groups = groups or []
        self._on_change = on_change
        self._prompt_title = prompt_title
        self.html = w.HTML(entry_html(entry, prompt_title), layout=reused("plain"), style=reused("html"))
        label = when_text(entry.created)
        self.edit_button = button("Ändra", tooltip=f"Ändra anteckningen från {label}")
        self.edit_button.on_click(lambda _: self.start_edit())
        self.delete_button = button("Radera", tooltip=f"Radera anteckningen från {label}")
        self.delete = AskFirst(
            "Vill du radera anteckningen? Den och dess tidigare versioner försvinner och går inte att få tillbaka.",
            "Ja, radera",
            self._delete,
            start=self.delete_button,
            area=lambda: self.extra,
        )
        self._history_button: w.Button | None = None
        self._extra: w.VBox | None = None
        self._message: Message | None = None
        self.actions = w.HBox(layout=reused("plain"))
        self.editor: w.Textarea | None = None
        self.deleted = False
        self._layout_actions()
        super().__init__([self.html, self.actions], layout=reused("plain"))
        self.add_class("dk-card")

    # The edit area and the message are built on first use: a page of entries stays a few widgets each.

    def _tail(self) -> None:
        if self._extra is None:
            self._extra = w.VBox()
            self._message = message()
            self.children = [*self.children, self._extra, self._message]

    @property
    def extra(self) -> w.VBox:
        self._tail()
        return self._extra

    @property
    def message(self) -> Message:
        self._tail()
        return self._message

    @property
    def history_button(self) -> w.Button:
        if self._history_button is None:
            label = when_text(self.entry.created)
            self._history_button = button(
                "Visa tidigare versioner", tooltip=f"Tidigare versioner av anteckningen från {label}"
            )
            self._history_button.on_click(lambda _: self.toggle_history())
        return self._history_button

    # --- layout --------------------------------------------------------------------------------------------

    def _layout_actions(self) -> None:
        items: list[w.Widget] = [self.edit_button]
        if self.entry.edited:
            items.append(self.history_button)
        items.extend(self._share_controls())
        items.append(self.delete_button)
        self.actions.children = items

    def _share_controls(self) -> list[w.Widget]:
        """Sharing is offered only when there is a group; no dead buttons otherwise."""
        if self.shared is None or not self.groups:
            return []
        if self.entry.shared_with:
            stop = button("Sluta dela", tooltip="Gör anteckningen privat igen")
            stop.on_click(lambda _: self._unshare())
            return [stop]
        share = button("Dela med gruppen", tooltip="Gruppen ser anteckningens nuvarande text")
        if len(self.groups) == 1:
            share.on_click(lambda _: self._share(self.groups[0]))
            return [share]
        choose = w.Dropdown(options=self.groups, description="Grupp")
        share.on_click(lambda _: self._share(choose.value))
        return [choose, share]

    def _refresh(self, entry: Entry) -> None:
        self.entry = entry
        self.html.value = entry_html(entry, self._prompt_title)
        self._layout_actions()

    # --- edit ----------------------------------------------------------------------------------------------

    def start_edit(self) -> None:
        self.editor = w.Textarea(
            value=self.entry.text, description="Ändra anteckningen", rows=6, layout=w.Layout(width="100%")
        )
        self.editor.style.description_width = "initial"
        save = button("Spara ändring", button_style="primary")
        cancel = button("Avbryt")
        save.on_click(lambda _: self.save_edit())
        cancel.on_click(lambda _: self.stop_edit())
        self.extra.children = [self.editor, w.HBox([save, cancel])]

    def stop_edit(self) -> None:
        self.editor = None
        self.extra.children = []

    def save_edit(self, text: str | None = None) -> Entry | None:
        if text is None:
            text = self.editor.value if self.editor is not None else self.entry.text
        edited = guarded(self.message, lambda: self.store.edit_entry(self.entry.id, text))
        if not edited.ok:
            return None
        entry = edited.value
        if entry.shared_with and self.shared is not None:
            # The group sees the current text: an edit of a shared entry updates the group's copy.
            guarded(
                self.message,
                lambda: sharing.share_entry(self.store, self.shared, entry.id, entry.shared_with),
            )
        self.stop_edit()
        self._refresh(entry)
        self.message.ok(
            "Ändringen är sparad. Den tidigare texten finns kvar under ”Visa tidigare versioner”."
        )
        return entry

    # --- history -------------------------------------------------------------------------------------------

    def toggle_history(self) -> None:
        if self.extra.children and getattr(self.extra.children[0], "_dk_history", False):
            self.extra.children = []
            return
        revisions = guarded(self.message, lambda: self.store.revisions(self.entry.id)).value_or([])
        items = "".join(
            tag("li", raw=tag("p", raw=tag("strong", f"Sparad {when_text(r.saved)}")) + text_html(r.text))
            for r in reversed(revisions)
        )
        html = w.HTML(tag("h4", "Tidigare versioner (senaste först)") + tag("ul", raw=items))
        html._dk_history = True
        self.extra.children = [html]

    # --- delete and share ----------------------------------------------------------------------------------

    def _delete(self) -> None:
        if not guarded(self.message, lambda: sharing.delete_entry(self.store, self.shared, self.entry.id)).ok:
            return
        self.deleted = True
        self.html.value = tag("p", "Anteckningen är raderad.", role="status")
        self.actions.children = []
        if self._extra is not None:
            self._extra.children = []
        if self._on_change is not None:
            self._on_change()

    def _share(self, group: str) -> None:
        if guarded(
            self.message, lambda: sharing.share_entry(self.store, self.shared, self.entry.id, group)
        ).ok:
            self._refresh(self.store.entry(self.entry.id))
            self.message.ok(f"Anteckningen är delad med gruppen {group}.")

    def _unshare(self) -> None:
        entry = guarded(self.message, lambda: sharing.unshare_entry(self.store, self.shared, self.entry.id))
        if entry.ok:
            self._refresh(entry.value)
            self.message.ok("Anteckningen är privat igen.")


class EntryList(w.VBox):
    """Entries newest first, ``page`` at a time, with "Visa fler" for the rest (fast with thousands)."""

    def __init__(
        self,
        store: PersonalStore,
        shared: SharedStore | None = None,
        page: int = 20,
        empty_text: str = "Inga anteckningar än.",
        prompt_titles: dict[str, str] | None = None,
        label: str = "",
        date_headings: bool = False,
        heading_level: str = "h4",
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.date_headings = date_headings
        self.heading_level = heading_level
        self.on_change = on_change
        self._headings: dict = {}
        self.store = store
        self.shared = shared
        self.page = page
        self.empty_text = empty_text
        self.prompt_titles = prompt_titles or {}
        self.label = label
        self.entries: list[Entry] = []
        self.views: list[EntryView] = []
        self.groups: list[str] = []
        self.more = button("Visa fler")
        self.more.on_click(lambda _: self.show_more())
        self.more_row = w.HBox([self.more])
        super().__init__()

    def set_entries(self, entries: list[Entry], groups: list[str] | None = None) -> None:
        """``entries`` newest first."""
        self.entries = entries
        self.groups = groups or []
        self.views = []
        self._headings = {}
        self._extend(self.page)

    def _extend(self, count: int) -> None:
        start = len(self.views)
        for entry in self.entries[start : start + count]:
            self.views.append(
                EntryView(
                    entry,
                    self.store,
                    self.shared,
                    self.groups,
                    on_change=self.on_change,
                    prompt_title=self.prompt_titles.get(entry.prompt_id or ""),
                )
            )
        rest = len(self.entries) - len(self.views)
        children: list[w.Widget] = self._with_date_headings() if self.date_headings else list(self.views)
        if not self.entries:
            children = [w.HTML(tag("p", self.empty_text, cls="dk-muted"))]
        elif rest > 0:
            shown = min(self.page, rest)
            what = f" i {self.label}" if self.label else ""
            self.more.description = f"Visa fler ({shown} till av {rest} äldre{what})"
            children.append(self.more_row)
        self.children = children

    def _with_date_headings(self) -> list[w.Widget]:
        """A heading for each day (``1 april 2026``) before that day's entries."""
        out: list[w.Widget] = []
        day = None
        for view in self.views:
            this_day = local(view.entry.created).date()
            if this_day != day:
                day = this_day
                if day not in self._headings:
                    self._headings[day] = w.HTML(
                        tag(self.heading_level, fmt.date(day)), layout=reused("plain"), style=reused("html")
                    )
                out.append(self._headings[day])
            out.append(view)
        return out

    def show_more(self) -> None:
        self._extend(self.page)
