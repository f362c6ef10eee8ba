"""The Nyttokalkyl page: pick a starting case, edit it, and see every result update at once.

Layout: title and start controls; the case's fields and the key figures (always visible); tabs for results,
items, uncertainty, alternatives, PENG, the nyttorealiseringsplan and saving/exporting. A tab is redrawn when
it is shown and the case has changed since, so an edit only pays for what is on screen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from ...benefit import Alternative, Case, Result, blank_case, evaluate, example_cases, load_case
from ...benefit.period import outside_summary
from ...errors import DomainError
from ...store import CaseStore
from ...store.capability import supports
from ...store.groupwork import GroupWork
from ...ui.controls import button, html, message
from ...ui.feedback import guarded
from ...ui.html import tag
from ..session import wait_for_visit
from . import fields
from .casefields import CaseFields
from .editor import CaseEditor
from .files import FilesView
from .group import TITLE as GROUP_TITLE
from .group import GroupCaseView
from .peng import PengView
from .plan import PlanView
from .results import ComparisonView, KeyFigures, ResultsView
from .uncertainty import UncertaintyView

BLANK = ""
SAVED = "sparad:"  # "Börja från" keys of saved cases: SAVED + name (example keys are file paths)
SAVED_LABEL = "Mina sparade kalkyler: "
TAB_TITLES = ("Resultat", "Poster", "Osäkerhet", "Alternativ", "PENG", "Nyttorealiseringsplan",
              "Spara och exportera")  # fmt: skip
RESULTS, ITEMS, UNCERTAINTY, ALTERNATIVES, PENG, PLAN, FILES = range(len(TAB_TITLES))
#: "Gruppens kalkyl", added after the others on the hub for a participant with a group (see enable_group).
GROUP = len(TAB_TITLES)
INVALID = (
    "Kalkylen har fel – se meddelandet vid fältet. Resultaten nedan gäller den senaste giltiga versionen."
)


class NyttokalkylApp(w.VBox):
    """The whole page. ``case``/``result`` are the last valid case and its result (kept while input is bad)."""

    def __init__(self, store_factory: Callable[[], CaseStore], examples: list[Path] | None = None) -> None:
        self.examples = {str(path): load_case(path) for path in (examples or example_cases())}
        self.case: Case | None = None
        self.result: Result | None = None
        self.example: str = BLANK
        self._opened: Case | None = None  # the case as it was opened (or last saved): what "Återställ" shows
        self._source = ""  # where it came from, in words: "exemplet ”…”", "din sparade kalkyl ”…”", …
        self._base: Case = blank_case()
        self._alternatives: list[Alternative] = list(self._base.alternatives)
        self._alt = 0
        # Kept: opening a case or an alternative writes the case fields, the alternative's name and the dropdown
        # one by one; each write would rebuild and evaluate a half-loaded case. The flag makes that one _apply at
        # the end (held() would only defer the rebuilds).
        self._loading = False
        self._dirty: set[int] = set()

        self.start_choice = fields.dropdown("Börja från", [("Tom kalkyl", BLANK)], BLANK)
        self.open_button = button("Öppna", "Öppna vald kalkyl", icon="folder-open")
        self.reset_button = button("Återställ exemplet", "Ta bort dina ändringar och visa exemplet som det var",
                                   icon="undo")  # fmt: skip
        self.open_button.on_click(lambda _: self.open_choice())
        self.reset_button.on_click(lambda _: self.reset())
        self.opened_line = html()  # which case is open and what "Återställ" would do
        self.status = message()
        self.period_status = message()  # items reaching past the period, under the key figures
        self.view_message = message()

        self.fields = CaseFields(self.recompute, self.select_alternative)
        self.alt_name = fields.text_field("Alternativets namn", "", "22em")
        self.alt_name.observe(lambda _: self.recompute(), "value")
        self.copy_alt_button = button("Kopiera alternativet", icon="copy")
        self.copy_alt_button.on_click(lambda _: self.copy_alternative())
        self.alt_message = message()
        self.key_figures = KeyFigures()

        self.editor = CaseEditor(self.recompute)
        self.results = ResultsView()
        self.uncertainty = UncertaintyView()
        self.comparison = ComparisonView()
        self.peng = PengView()
        self.plan = PlanView(self.recompute)
        self.files = FilesView(store_factory, self.open_case, self._saved)
        self.group: GroupCaseView | None = None  # built when its tab is first shown
        self._group_setup: tuple[GroupWork, list[str]] | None = None
        self.views = {
            RESULTS: self.results,
            UNCERTAINTY: self.uncertainty,
            ALTERNATIVES: self.comparison,
            PENG: self.peng,
            FILES: self.files,
        }
        children = [
            self.results,
            self.editor,
            self.uncertainty,
            self.comparison,
            self.peng,
            self.plan,
            self.files,
        ]
        for child in children:
            child.layout.overflow = "visible"  # a scrolling panel would need its own keyboard focus (axe)
        self.tabs = w.Tab(children=children, titles=TAB_TITLES)
        self.tabs.observe(lambda _: self._refresh_visible(), "selected_index")

        intro = tag(
            "p",
            "Räkna på kostnader och nyttor av en förändring: nettonuvärde, återbetalningstid och hur osäkert "
            "resultatet är. Börja från ett exempel, en tom kalkyl eller en av dina sparade kalkyler. Alla belopp "
            "är kronor per år i fasta priser.",
        )
        row = fields.row_layout()
        super().__init__(
            [
                html(tag("h1", "Nyttokalkyl") + intro),
                w.HBox([self.start_choice, self.open_button, self.reset_button], layout=row),
                self.opened_line,
                self.status,
                self.fields,
                w.HBox([self.alt_name, self.copy_alt_button], layout=row),
                self.alt_message,
                self.key_figures,
                self.period_status,
                self.view_message,
                self.tabs,
            ]
        )
        self.add_class("dk-nyttokalkyl")
        self.refresh_start_options(first=True, saved=False)  # saved cases: read when the page is visited
        self.open_choice()

    # --- opening cases --------------------------------------------------------------------------------------

    def refresh_start_options(
        self, value: str | None = None, first: bool = False, saved: bool = True
    ) -> None:
        """'Börja från': the examples, a blank case and (``saved``) the participant's saved cases from the store.

        A preheated kernel builds the page before anyone visits it, so :func:`nyttokalkyl_app` reads the saved
        cases only after :func:`~widgets.apps.session.wait_for_visit` (a reload must list what was just saved).
        """
        options = [(case.name, key) for key, case in self.examples.items()] + [("Tom kalkyl", BLANK)]
        saved = self.files.saved_names() if saved else []
        if saved is None:  # the store could not be read: its message is on the save tab; say it here too
            self.status.error(
                "Dina sparade kalkyler kunde inte läsas just nu; exemplen fungerar som vanligt."
            )
        options += [(SAVED_LABEL + name, SAVED + name) for name in saved or ()]
        keys = [key for _, key in options]
        wanted = options[0][1] if first else (value if value is not None else self.start_choice.value)
        self.start_choice.options = options
        self.start_choice.value = wanted if wanted in keys else BLANK

    def open_choice(self) -> None:
        """Open what is chosen in 'Börja från': an example, a blank case or a saved case."""
        key = self.start_choice.value
        if key.startswith(SAVED):
            name = key[len(SAVED) :]
            case = self.files.load_saved(name, self.status)
            if case is not None:
                self.open_case(case, f"din sparade kalkyl ”{name}”", name)
            return
        self.example = key
        if key:
            self.open_case(self.examples[key], f"exemplet ”{self.examples[key].name}”")
        else:
            self.open_case(blank_case(), "en tom kalkyl")

    def reset(self) -> None:
        """'Återställ': the case as it was opened (or last saved), every later edit dropped."""
        if self._opened is not None:
            self.open_case(self._opened, self._source, keep_choice=True)
            self.status.ok(f"Återställde {self._source}.")

    def _saved(self, name: str | None) -> None:
        """After a save (``name``) the saved version is what "Återställ" shows; after a delete, the list follows."""
        if name is None:
            self.refresh_start_options()
            return
        self._opened, self._source = self.case, f"din sparade kalkyl ”{name}”"
        self.refresh_start_options(SAVED + name)
        self._show_opened()

    def _show_opened(self) -> None:
        """Say which case is open, where it came from and what the reset button would do."""
        source = self._source
        if source.startswith("exemplet"):
            label, what = "Återställ exemplet", "visar exemplet som det levereras"
        elif source.startswith("din sparade"):
            label, what = "Återställ sparad version", "visar kalkylen som den senast sparades"
        elif source.startswith("den uppladdade"):
            label, what = "Återställ filen", "visar filen som den laddades upp"
        elif source.startswith("gruppkalkylen"):
            label, what = "Återställ gruppens version", "visar gruppkalkylen som den var i den versionen"
        else:
            label, what = "Töm kalkylen", "börjar om med en tom kalkyl"
        self.reset_button.description = label
        self.reset_button.tooltip = f"Ta bort dina ändringar: {what}"
        self.opened_line.value = tag(
            "p",
            f"Öppen: {source}. ”{label}” tar bort dina ändringar och {what}. Ändringar sparas inte av sig "
            "själva – spara under fliken "
            + ("”Gruppens kalkyl”." if source.startswith("gruppkalkylen") else "”Spara och exportera”."),
            cls="dk-muted",
        )

    def open_case(
        self, case: Case, source: str = "", saved: str | None = None, keep_choice: bool = False
    ) -> None:
        """Show ``case`` in every field and view (from an example, the store or an upload).

        ``source`` says in words where it came from (shown at the top, and what "Återställ" returns to);
        ``saved`` is its name in the personal store, chosen in "Börja från" too.
        """
        if not keep_choice:
            self._opened, self._source = case, source or f"kalkylen ”{case.name}”"
            if self.group is not None:
                self.group.forget()  # a group case opened from its tab becomes the base again right after
            if saved is not None:
                self.refresh_start_options(SAVED + saved)
        self._show_opened()
        self._loading = True
        try:
            self._base, self._alternatives, self._alt = case, list(case.alternatives), 0
            self.fields.load(case, 0)
            self.alt_name.value = case.alternatives[0].name
            self.editor.load(case.alternatives[0])
            self.plan.load(case)
            self.files.propose_name(case.name, replace=True)
            self.alt_message.clear()
            self.status.clear()
        finally:
            self._loading = False
        self._apply(case)

    # --- alternatives ---------------------------------------------------------------------------------------

    def select_alternative(self, index: int) -> None:
        """Edit and show another alternative; the current one must be valid first."""
        if self._loading or index == self._alt:
            return
        if self.build() is None:
            self.fields.set_alternatives(self._base, self._alt)
            self.status.error("Rätta felen i det här alternativet innan du byter alternativ.")
            return
        self._show_alternative(index)

    def _show_alternative(self, index: int) -> None:
        self._loading = True
        try:
            self._alt = index
            self.fields.set_alternatives(self.case, index)
            self.alt_name.value = self._alternatives[index].name
            self.editor.load(self._alternatives[index])
        finally:
            self._loading = False
        self.recompute()

    def copy_alternative(self) -> None:
        case = self.build()
        if case is None:
            self.status.error("Rätta felen i det här alternativet innan du kopierar det.")
            return
        taken = {alt.name for alt in case.alternatives}
        current = case.alternatives[self._alt]
        name, n = f"Kopia av {current.name}", 2
        while name in taken:
            name, n = f"Kopia av {current.name} ({n})", n + 1
        copy = dataclasses.replace(current, name=name)
        self._apply(dataclasses.replace(case, alternatives=(*case.alternatives, copy)))
        self._show_alternative(len(self._alternatives) - 1)

    # --- recomputing ----------------------------------------------------------------------------------------

    def build(self) -> Case | None:
        """The case as the fields describe it, or None after showing each error at its field."""
        parsed = self.fields.parse()
        items = self.editor.build_items()
        if parsed is None or items is None:
            return None
        try:
            alternative = dataclasses.replace(
                self._alternatives[self._alt], name=self.alt_name.value.strip(), items=items
            )
            self.alt_message.clear()
        except DomainError as exc:
            match exc.path:
                case ("items", int(index), *_):
                    self.editor.show_item_error(index, exc.message)
                case _:
                    self.alt_message.error(exc.message)
            return None
        alternatives = list(self._alternatives)
        alternatives[self._alt] = alternative
        try:
            case = dataclasses.replace(
                self._base, alternatives=tuple(alternatives), realisation_plan=(), **parsed
            )
        except DomainError as exc:
            if exc.path[:1] == ("alternatives",):
                self.alt_message.error(exc.message)
            else:
                self.fields.show_error(exc.field, exc.message)
            return None
        self.plan.sync(case)
        plan = self.plan.entries()
        if plan is None:
            return None
        return dataclasses.replace(case, realisation_plan=plan)

    def recompute(self) -> bool:
        """Rebuild the case from the fields; on success every view follows, otherwise the last result stays."""
        if self._loading:
            return False
        built = guarded(self.status, self.build)
        if not built.ok or built.value is None:
            if not self.status.has_error:
                self.status.error(INVALID)
            return False
        self._apply(built.value)
        return True

    def _apply(self, case: Case) -> None:
        def run() -> Result:
            return evaluate(case, self._alt)

        evaluated = guarded(self.status, run)
        if not evaluated.ok:
            return
        result = evaluated.value
        self.case, self.result = case, result
        self._base, self._alternatives = case, list(case.alternatives)
        loading, self._loading = self._loading, True
        try:
            self.fields.set_alternatives(case, self._alt)
        finally:
            self._loading = loading
        self.key_figures.show(result)
        summary = outside_summary(result.outside_period)
        if summary:
            self.period_status.warning(summary)
        else:
            self.period_status.clear()
        self.editor.show_outside(result.outside_period)
        self.reset_button.disabled = case == self._opened
        self._dirty = set(self.views)
        self._refresh_visible()

    # --- the group's case (course hub) ----------------------------------------------------------------------

    def enable_group(self, store: object) -> bool:
        """Add the "Gruppens kalkyl" tab when ``store`` does group work and the participant has a group (else
        nothing about it is shown). The tab's widgets are built when it is first shown."""
        if supports(store, GroupWork) is None or self._group_setup is not None:
            return False
        groups = guarded(message(), store.groups).value_or([])
        if not groups:  # no group, or the service is unreachable: the page works as off the hub
            return False
        self._group_setup = (store, list(groups))
        self.tabs.children = (*self.tabs.children, w.VBox(layout=w.Layout(overflow="visible")))
        self.tabs.titles = (*TAB_TITLES, GROUP_TITLE)
        return True

    def _show_group(self) -> None:
        if self._group_setup is None:
            return
        if self.group is None:
            store, groups = self._group_setup
            self.group = GroupCaseView(store, groups, self.build, self._open_group_case, self._group_saved)
            self.tabs.children[GROUP].children = [self.group]
        self.group.refresh()

    def _open_group_case(self, case: Case, source: str) -> None:
        self.open_case(case, source)

    def _group_saved(self, case: Case, source: str) -> None:
        """After a save to the group, "Återställ" shows the saved version."""
        self._opened, self._source = case, source
        self.reset_button.disabled = True  # the calculator shows what was just saved
        self._show_opened()

    def _refresh_visible(self) -> None:
        index = self.tabs.selected_index
        if index == GROUP:
            self._show_group()
            return
        if index == ITEMS:
            self.editor.show_rows()
        if index == PLAN:
            self.plan.ensure_built()
        if index not in self._dirty or self.case is None:
            return
        self._dirty.discard(index)
        if index == FILES:
            self.files.mc = self.uncertainty.last if self.uncertainty.case is self.case else None
        view = self.views[index]
        guarded(self.view_message, lambda: view.update(self.case, self._alt, self.result))


def nyttokalkyl_app(
    store: CaseStore | None = None, examples: list[Path] | None = None, shared: object | None = None
) -> NyttokalkylApp:
    """Build the page; ``store`` is a personal store (default: the participant's own, opened when first used);
    ``shared`` the group store (default: the course hub's, :func:`~widgets.store.backend.shared_store`): with
    group work and a group, the page gets the "Gruppens kalkyl" tab."""

    from ...store import PersonalStore  # imported while preheating; opened after the visit
    from ...store.backend import shared_store  # the hub client (stdlib HTTP), imported while preheating too

    def factory() -> CaseStore:
        return store if store is not None else PersonalStore()

    app = NyttokalkylApp(factory, examples)
    wait_for_visit()  # everything above is preheated; the saved cases are the visitor's, read now
    app.refresh_start_options()
    app.enable_group(shared if shared is not None else shared_store())
    return app
