"""Save, open and delete cases in the personal store; YAML upload and download; Excel and Markdown export.

The store is handed in (views never open files). Downloads are ``data:`` links, so nothing is written on the
server. The workbook and the report (with the nyttorealiseringsplan) are built by :mod:`widgets.benefit.excel` and
:mod:`widgets.benefit.report`; an export uses the page's evaluation of the case and sweeps its tornado once.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import ipywidgets as w

from ...benefit import Case, MonteCarlo, Result, Tornado, dump_case, parse_case, tornado
from ...errors import ContentError, DomainError
from ...store import CaseStore, StoreError
from ...ui.controls import message
from ...ui.download import DownloadLink
from ...ui.feedback import Message, guarded
from ...ui.html import tag
from ...ui.lazy import BuiltWhenShown
from . import fields
from .worddoc import WordExport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 1_000_000  # bytes; a benefit case is a few kilobytes


def file_stem(name: str) -> str:
    """A safe file name from the case name: ``Digitala lås i hemtjänsten`` → ``digitala-las-i-hemtjansten``."""
    table = str.maketrans("åäöÅÄÖéÉ", "aaoAAOeE")
    stem = re.sub(r"[^a-z0-9]+", "-", name.translate(table).lower()).strip("-")
    return stem[:60] or "nyttokalkyl"


def charts_markdown(result: Result, sweep: Tornado, mc: MonteCarlo | None = None) -> str:
    """The app's charts for the report: the same drawings as on the page, as SVG images."""
    from .charts import benefits_chart, cumulative_chart, monte_carlo_chart, tornado_chart

    parts = [
        cumulative_chart(result).markdown("Ackumulerat nuvärde"),
        benefits_chart(result).markdown("Nyttor och kostnader per år"),
    ]
    if sweep.bars:
        parts.append(tornado_chart(sweep).markdown("Känslighet (tornado)"))
    if mc is not None:
        parts.append(monte_carlo_chart(mc).markdown("Monte Carlo-simulering"))
    return "\n## Diagram\n\n" + "".join(parts)


def report_markdown(case: Case, alternative: int, result: Result, mc: MonteCarlo | None = None) -> str:
    """The Markdown report with the charts, from the page's evaluation and one tornado sweep."""
    from ...benefit.report import markdown_report

    sweep = tornado(case, alternative)
    charts = charts_markdown(result, sweep, mc)
    return markdown_report(case, alternative, mc, result=result, sweep=sweep, charts=charts)


class FilesView(BuiltWhenShown):
    """The 'Spara och exportera' tab (its controls are built when it is first shown; the store works before)."""

    def __init__(
        self,
        store_factory: Callable[[], CaseStore],
        on_open: Callable[..., None],
        on_saved: Callable[[str | None], None] | None = None,
    ) -> None:
        """``on_open(case, source, saved_name)`` shows an opened case; ``on_saved(name)`` follows a save (the
        name) or a deletion (None), so the page's own list of saved cases stays current."""
        super().__init__()
        self._store_factory = store_factory
        self._store: CaseStore | None = None
        self._on_open = on_open
        self._on_saved = on_saved or (lambda _name: None)
        self._proposed = ""  # the name "Spara som" proposed; replaced when the case is renamed
        self._name = ""  # what "Spara som" shows until the tab is built (then its field holds it)
        self._state: tuple[Case, int, Result] | None = None
        self.mc = None  # the latest simulation, added to the report when there is one
        self.store_message = message()  # the store's notice and read errors, also before the tab is shown

    def build(self) -> list[w.Widget]:
        self.save_name = fields.text_field("Spara som", self._name, "28em")
        self.save_button = w.Button(description="Spara kalkylen", icon="save", button_style="primary")
        self.save_message = message()
        self.saved = fields.dropdown("Sparade kalkyler", [], None, "auto")
        self.saved.layout.min_width = "20em"
        self.open_button = w.Button(description="Öppna", icon="folder-open")
        self.delete_button = w.Button(description="Ta bort", icon="trash")
        self.confirm_button = w.Button(description="Ja, ta bort", button_style="danger")
        self.cancel_button = w.Button(description="Avbryt")
        self.confirm_box = w.HBox([self.confirm_button, self.cancel_button])
        self.confirm_box.layout.display = "none"
        self.upload = w.FileUpload(accept=".yaml,.yml", multiple=False, description="Ladda upp YAML-fil")
        self.upload.layout.width = "auto"
        self.upload_message = message()
        self.yaml_link = DownloadLink()
        self.excel_link = DownloadLink()
        self.report_link = DownloadLink()
        self.word = WordExport()
        self.export_message = message()
        self.save_button.on_click(lambda _: self.save())
        self.open_button.on_click(lambda _: self.open_saved())
        self.delete_button.on_click(lambda _: self.ask_delete())
        self.confirm_button.on_click(lambda _: self.delete())
        self.cancel_button.on_click(lambda _: self._hide_confirm())
        self.upload.observe(lambda _: self.load_upload(), "value")
        row = fields.row_layout()
        return [
            w.HTML(
                tag("h2", "Spara i din egen lagring")
                + tag("p", "Kalkylen sparas bara för dig, under det namn du anger. Samma namn ersätter.")
            ),
            w.HBox([self.save_name, self.save_button], layout=row),
            self.save_message,
            w.HBox([self.saved, self.open_button, self.delete_button], layout=row),
            self.confirm_box,
            self.store_message,
            w.HTML(tag("h2", "Ladda ned och exportera")),
            w.HBox([self.yaml_link, self.excel_link, self.report_link], layout=row),
            self.word,
            self.export_message,
            w.HTML(
                tag(
                    "p",
                    "Excelfilen räknas om när du ändrar ett antagande i Excel eller LibreOffice. "
                    "Rapporten är i Markdown och kan öppnas i de flesta textredigerare.",
                    cls="dk-muted",
                )
                + tag("h2", "Ladda upp en kalkyl")
                + tag("p", "Välj en YAML-fil som du har laddat ner här tidigare eller skrivit själv.")
            ),
            self.upload,
            self.upload_message,
        ]

    # --- store ----------------------------------------------------------------------------------------------

    @property
    def store(self) -> CaseStore:
        if self._store is None:
            self._store = self._store_factory()
            if self._store.notice:
                self.store_message.info(self._store.notice)
        return self._store

    def propose_name(self, name: str, replace: bool = False) -> None:
        """Propose ``name`` in "Spara som" unless the participant typed a name of their own there (``replace``:
        a newly opened case, whose name replaces whatever was typed for the previous one)."""
        shown = self.save_name.value if self.built else self._name
        if replace or shown.strip() in ("", self._proposed):
            if self.built:
                self.save_name.value = name
            self._name = name
        self._proposed = name

    def saved_names(self) -> list[str] | None:
        """The names in the personal store, or None after saying why they could not be read."""
        probe = (
            message()
        )  # a successful read must not wipe what the tab says (a deletion, the store's notice)
        names = guarded(probe, lambda: [saved.name for saved in self.store.list_cases()])
        if not names.ok:
            self.store_message.copy_from(probe)
        return names.value_or(None)

    def load_saved(self, name: str, message: Message | None = None) -> Case | None:
        """A saved case by name, or None after saying why in ``message`` (default: this tab's)."""

        def action() -> Case:
            text = self.store.load_case(name)
            if text is None:
                raise DomainError("namn", f"Det finns ingen sparad kalkyl som heter ”{name}”.")
            return parse_case(text, name)

        return guarded(message or self.store_message, action).value_or(None)

    def refresh_saved(self) -> None:
        """Reload the list from the store (another tab may have changed it)."""

        listed = self.saved_names()
        if listed is None:
            return
        self.saved.options = listed
        self.saved.value = listed[0] if listed else None
        for button in (self.open_button, self.delete_button):
            button.disabled = not listed

    def save(self) -> None:
        if self._state is None:
            self.save_message.error("Rätta felen i kalkylen innan du sparar.")
            return
        case = self._state[0]
        name = self.save_name.value.strip() or case.name

        def action():
            return self.store.save_case(name, dump_case(case))

        if guarded(self.save_message, action).ok:
            self.save_message.ok(f"Sparad som ”{name}”.")
            self.refresh_saved()
            self.saved.value = name
            self._on_saved(name)

    def open_saved(self) -> None:
        name = self.saved.value
        if not name:
            return
        case = self.load_saved(name)
        if case is not None:
            self._on_open(case, f"din sparade kalkyl ”{name}”", name)
            self.store_message.ok(f"Öppnade den sparade kalkylen ”{name}”.")

    def ask_delete(self) -> None:
        if self.saved.value:
            self.confirm_button.description = "Ja, ta bort"
            self.confirm_button.tooltip = f"Ta bort ”{self.saved.value}” för gott"
            self.store_message.info(f"Vill du ta bort ”{self.saved.value}”? Det går inte att ångra.")
            self.confirm_box.layout.display = "flex"

    def _hide_confirm(self) -> None:
        self.confirm_box.layout.display = "none"
        self.store_message.clear()

    def delete(self) -> None:
        name = self.saved.value
        self.confirm_box.layout.display = "none"
        if guarded(self.store_message, lambda: self.store.delete_case(name)).value_or(False):
            self.refresh_saved()
            self.store_message.ok(f"Tog bort ”{name}”.")
            self._on_saved(None)

    # --- upload and downloads -------------------------------------------------------------------------------

    def load_upload(self) -> None:
        if not self.upload.value:
            return
        upload = self.upload.value[0]
        filename = upload["name"]
        try:
            if upload["size"] > MAX_UPLOAD:
                raise ContentError(filename, "fil", "Filen är för stor för en kalkyl (högst 1 MB).")
            try:
                text = bytes(upload["content"]).decode("utf-8")
            except UnicodeDecodeError:
                raise ContentError(filename, "fil", "Filen är inte en textfil i UTF-8.") from None
            case = parse_case(text, filename)
        except ContentError as exc:
            self.upload_message.error(str(exc))
            return
        except DomainError as exc:
            self.upload_message.error(f"{filename}: {exc.field}: {exc.message}")
            return
        except (StoreError, Exception):  # never a traceback
            self.upload_message.error(f"{filename}: Filen kunde inte läsas som en kalkyl.")
            return
        finally:
            self.upload.value = ()
        self._on_open(case, f"den uppladdade filen ”{filename}”")
        self.upload_message.ok(f"Laddade upp ”{filename}”: {case.name}.")

    def update(self, case: Case, alternative: int, result: Result) -> None:
        self.ensure_built()
        self._state = (case, alternative, result)
        self.propose_name(case.name)
        self.refresh_saved()
        guarded(self.export_message, self.refresh_downloads)

    def refresh_downloads(self) -> None:
        from ...benefit.excel import workbook_bytes

        case, alternative, result = self._state
        stem = file_stem(case.name)
        self.yaml_link.set(f"{stem}.yaml", "application/x-yaml", dump_case(case).encode("utf-8"),
                           "Ladda ned kalkylen (YAML)")  # fmt: skip
        self.excel_link.set(f"{stem}.xlsx", XLSX, workbook_bytes(case, alternative),
                            "Exportera till Excel (.xlsx)")  # fmt: skip
        self.word.update(case, alternative, self.mc, stem)
        report = report_markdown(case, alternative, result, self.mc)
        self.report_link.set(f"{stem}-rapport.md", "text/markdown", report.encode("utf-8"),
                             "Ladda ned rapporten (Markdown)")  # fmt: skip
