"""The "Min lärlogg" page: every entry by module and date, search, export to Markdown and Word, progress per
module, delete one entry, and delete all my data after an explicit confirmation."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from ...exercises import ModuleContent, load_all, module_progress
from ...store import Entry, PersonalStore, SharedStore, export, sharing
from ...store.backend import shared_store
from ...store.capability import supports
from ...store.groupwork import GroupWork
from ...ui.controls import button, message
from ...ui.download import DownloadLink
from ...ui.feedback import guarded
from ...ui.html import table, tag
from ..session import wait_for_visit
from .entries import EntryList
from .mydata import MyDataDownload, deleted_text
from .progress_share import ProgressSharing

PAGE = 10  # entries shown at first per module
ALL = ""
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONFIRM_ALL = "Jag förstår att alla mina anteckningar, utkast, svar och sparade kalkyler raderas och inte går att få tillbaka."


def count_text(n: int) -> str:
    return f"{n} anteckning" if n == 1 else f"{n} anteckningar"


class LogApp(w.VBox):
    """Build with :func:`larlogg_app`; the store is read in :meth:`refresh`."""

    def __init__(
        self,
        store: PersonalStore,
        contents: dict[str, ModuleContent],
        shared: SharedStore | None = None,
        page: int = PAGE,
    ) -> None:
        self.store = store
        self.shared = shared
        self.contents = contents
        self.titles = {m: c.title for m, c in contents.items()}
        self.page = page
        self.notice = message()
        self.progress = w.HTML()
        # On the course hub only: "Dela min framgång med läraren" (off by default).
        self.sharing = ProgressSharing(store, shared, contents) if supports(shared, GroupWork) else None
        self.query = w.Text(
            description="Sök i lärloggen",
            placeholder="Ett eller flera ord",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.module = w.Dropdown(
            options=[("Alla moduler", ALL), *((t, m) for m, t in self.titles.items())],
            description="Visa",
            style={"description_width": "initial"},
        )
        self.search_button = button("Sök")
        self.clear_button = button("Visa alla anteckningar")
        self.result = message()
        self.groups_box = w.VBox()
        self.export_what = w.Dropdown(
            options=[("Hela lärloggen", ALL), *((t, m) for m, t in self.titles.items())],
            description="Exportera",
            style={"description_width": "initial"},
        )
        self.md_button = button("Skapa Markdown-fil")
        self.docx_button = button("Skapa Word-fil")
        self.export_message = message()
        self.download = DownloadLink()
        self.everything = MyDataDownload(store, shared, self.titles)
        self.understood = w.Checkbox(
            value=False, description=CONFIRM_ALL, indent=False, layout=w.Layout(width="auto")
        )
        self.understood.add_class("dk-long-label")
        self.delete_all = button("Radera all min data", button_style="danger", disabled=True)
        self.delete_message = message()

        self.query.observe(lambda _: self.search(), names="value")
        self.module.observe(lambda _: self.search(), names="value")
        self.search_button.on_click(lambda _: self.search())
        self.clear_button.on_click(lambda _: self.clear_search())
        self.md_button.on_click(lambda _: self.export("md"))
        self.docx_button.on_click(lambda _: self.export("docx"))
        self.understood.observe(self._on_understood, names="value")
        self.delete_all.on_click(lambda _: self.delete_everything())

        super().__init__(
            [
                w.HTML(
                    tag("h1", "Min lärlogg")
                    + tag(
                        "p",
                        "Här finns allt du har skrivit i lärloggen under programmet. Det är privat: bara du ser det. "
                        "Du kan söka, ändra, radera och ladda ned din lärlogg som Markdown- eller Word-fil.",
                    )
                ),
                self.notice,
                w.HTML(tag("h2", "Dina framsteg")),
                self.progress,
                *([self.sharing] if self.sharing is not None else []),
                w.HTML(tag("h2", "Anteckningar")),
                w.HBox(
                    [self.query, self.search_button, self.clear_button], layout=w.Layout(flex_flow="row wrap")
                ),
                self.module,
                self.result,
                self.groups_box,
                w.HTML(tag("h2", "Ladda ned")),
                w.HBox(
                    [self.export_what, self.md_button, self.docx_button],
                    layout=w.Layout(flex_flow="row wrap"),
                ),
                self.export_message,
                self.download,
                self.everything,
                w.HTML(
                    tag("h2", "Radera all min data")
                    + tag(
                        "p",
                        "Du äger din data. Här raderar du allt som kursmiljön har sparat om dig: anteckningar med "
                        "tidigare versioner, utkast, svar på övningar och sparade nyttokalkyler"
                        + (" och det du har delat med en grupp" if shared is not None else "")
                        + ". Ladda gärna ned alla dina uppgifter först.",
                    )
                ),
                self.understood,
                w.HBox([self.delete_all]),
                self.delete_message,
            ]
        )
        self.add_class("dk-larlogg-app")

    # --- reading -------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read everything again from the store (a preheated page, another tab may have written)."""
        if self.store.notice:
            self.notice.error(self.store.notice)
        self.refresh_progress()
        if self.sharing is not None:
            self.sharing.load()
        self.search()

    def refresh_progress(self) -> None:
        rows = guarded(self.notice, self._progress_rows)
        if rows.ok:
            self.progress.value = table(
                ["Modul", "Klart", "Anteckningar"], rows.value, numeric={2}, caption="Framsteg per modul"
            )

    def _progress_rows(self) -> list[list[object]]:
        rows = []
        for module, content in self.contents.items():
            answers = self.store.latest_answers(module)
            progress = self.store.progress(module)
            done = module_progress(content, answers, progress.prompts_answered).exercises
            complete = sum(r.complete for r in done)
            rows.append([content.title, f"{complete} av {len(done)} klara", progress.entries])
        return rows

    def _entries_changed(self) -> None:
        self.refresh_progress()
        if self.sharing is not None:
            self.sharing.changed()

    def search(self) -> list[Entry] | None:
        query = self.query.value.strip()
        module = self.module.value or None
        found = guarded(self.result, lambda: self.store.search(query, module))
        if not found.ok:
            return None
        self.show(found.value, query)
        return found.value

    def clear_search(self) -> None:
        self.query.value = ""
        self.module.value = ALL
        self.search()

    def show(self, entries: list[Entry], query: str) -> None:
        groups = guarded(self.result, self.shared.groups).value_or(None) if self.shared is not None else []
        by_module = export.group_by_module(entries, self.titles)
        if query:
            self.result.info(f"{count_text(len(entries))} innehåller ”{query}”.")
        else:
            what = count_text(len(entries)) if entries else "inga anteckningar"
            self.result.info(f"Du har {what}" + (" här." if self.module.value else "."))
        if not entries:
            text = (
                "Inga anteckningar matchar sökningen."
                if query
                else "Du har inte skrivit något i lärloggen än."
            )
            self.groups_box.children = [w.HTML(tag("p", text, cls="dk-muted"))]
            return
        children: list[w.Widget] = []
        for module, title, module_entries in by_module:
            content = self.contents.get(module)
            titles = {p.id: p.title or p.prompt for p in content.reflections} if content else {}
            listing = EntryList(
                self.store,
                self.shared,
                page=self.page,
                prompt_titles=titles,
                label=title,
                date_headings=True,
                on_change=self._entries_changed,
            )
            listing.set_entries(list(reversed(module_entries)), groups or [])
            children.append(w.HTML(tag("h3", f"{title} ({count_text(len(module_entries))})")))
            children.append(listing)
        self.groups_box.children = children

    # --- export --------------------------------------------------------------------------------------------

    def export(self, kind: str) -> bytes | None:
        module = self.export_what.value or None
        listed = guarded(self.export_message, lambda: self.store.entries(module))
        if not listed.ok:
            return None
        entries = listed.value
        if not entries:
            self.download.value = ""
            self.export_message.info("Det finns inga anteckningar att exportera.")
            return None
        stem = "min-larlogg" + (f"-{module}" if module else "")
        now = dt.datetime.now(dt.UTC)
        if kind == "md":
            data = guarded(
                self.export_message,
                lambda: export.to_markdown(entries, self.titles, module=module, generated=now).encode(
                    "utf-8"
                ),
            )
            filename, mime, label = f"{stem}.md", "text/markdown", "Ladda ned Markdown-filen"
        else:
            data = guarded(
                self.export_message,
                lambda: export.to_docx(entries, self.titles, module=module, generated=now),
            )
            filename, mime, label = f"{stem}.docx", DOCX, "Ladda ned Word-filen"
        if not data.ok:
            return None
        what = self.titles.get(module, module) if module else "hela lärloggen"
        self.download.set(filename, mime, data.value, f"{label} ({what}, {count_text(len(entries))})")
        self.export_message.ok(f"Filen {filename} är klar att ladda ned.")
        return data.value

    # --- delete all ----------------------------------------------------------------------------------------

    def _on_understood(self, change) -> None:
        self.delete_all.disabled = not change["new"]

    def delete_everything(self):
        if not self.understood.value:
            self.delete_message.error("Kryssa först i rutan ovanför knappen.")
            return None
        if self.sharing is not None and not self.sharing.before_delete_all():
            self.delete_message.error(
                "Det du delar med läraren kunde inte tas bort just nu, så ingenting har raderats. Försök igen."
            )
            return None
        deleted = guarded(self.delete_message, lambda: sharing.delete_all_my_data(self.store, self.shared))
        if not deleted.ok:
            return None
        counts = deleted.value
        self.understood.value = False
        self.download.value = ""
        self.everything.clear()
        self.refresh()
        self.delete_message.ok(deleted_text(counts, self.shared is not None))
        return counts


def larlogg_app(
    store: PersonalStore | None = None, shared: SharedStore | None = None, page: int = PAGE
) -> LogApp:
    """Build the "Min lärlogg" page (notebooks/80_min_larlogg.ipynb); ``shared`` as in
    :func:`~widgets.apps.module.module_app` (from the environment when not given)."""
    contents = load_all()
    wait_for_visit()
    shared = shared if shared is not None else shared_store()
    app = LogApp(store if store is not None else PersonalStore(), contents, shared, page)
    app.refresh()
    return app
