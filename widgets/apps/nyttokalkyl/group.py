"""The "Gruppens kalkyl" tab on the course hub: a case the group owns, edited by its members in the calculator.

Every save carries the version it was based on. When someone saved in between, the service refuses
(:class:`~widgets.store.groupwork.CaseConflictError`) and the tab shows who saved what, and the fields where the
latest version differs from the participant's (:func:`~widgets.benefit.diff.case_diff`); the participant takes
their version, saves theirs on top (kept in the history, never silently) or keeps editing.

A group case's ``data`` is the case as :func:`~widgets.benefit.io.case_to_dict` makes it — the same data as a
case saved in the personal store (``dump_case`` is that dict as YAML) — and is read back through the schema.
The page builds this tab only on the hub, for a participant with a group, and only when it is first shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import secrets
from collections.abc import Callable
from typing import Any

import ipywidgets as w
from babel.dates import format_date

from ... import fmt
from ...benefit import Case, case_from_dict, case_to_dict
from ...benefit.diff import Change, case_diff
from ...benefit.io import KIND
from ...content import validate
from ...errors import ContentError, DomainError
from ...store.errors import StoreError
from ...store.groupwork import CaseConflictError, CaseVersion, GroupCase, GroupWork
from ...store.models import local
from ...ui.controls import message
from ...ui.feedback import UNEXPECTED, guarded
from ...ui.html import table, tag
from . import fields
from .files import file_stem

TITLE = "Gruppens kalkyl"
SOURCE = "gruppkalkylen"  # how the page names an opened group case: "gruppkalkylen ”…”, version 3"
INTRO = (
    "Här finns kalkyler som din grupp äger tillsammans. Öppna en gruppkalkyl, ändra i kalkylen ovan och spara "
    "till gruppen. Har någon annan sparat under tiden sparas ingenting: du ser vad som har ändrats och väljer "
    "själv. Alla versioner finns kvar."
)
log = logging.getLogger(__name__)
INVALID = "Rätta felen i kalkylen innan du sparar."


def when(moment: dt.datetime, now: dt.datetime | None = None) -> str:
    """``2 december kl. 10.14`` in Swedish time (with the year when it is not this year's)."""
    at = local(moment)
    this_year = local(now or dt.datetime.now(dt.UTC)).year
    day = format_date(at.date(), "d MMMM" if at.year == this_year else "d MMMM y", locale=fmt.LOCALE)
    return f"{day} kl. {fmt.clock(at.time())}"


def conflict_text(current: CaseVersion | GroupCase, base_version: int) -> str:
    """What the participant reads when a save was refused because someone saved after their base version."""
    return (
        f"Kalkylen har sparats av {current.saved_by} (version {current.version}, {when(current.saved)}) efter "
        f"versionen du utgick från (version {base_version}). Dina ändringar är inte sparade."
    )


def case_from_data(data: dict[str, Any], name: str) -> Case:
    """A group case's data as a case, checked against the schema like a saved case or an upload."""
    return case_from_dict(validate(data, KIND, name), name)


def new_case_id(name: str) -> str:
    """An id for a new group case: the name as a file stem and a random suffix (the service's id pattern)."""
    return f"{file_stem(name)[:60]}-{secrets.token_hex(3)}"


def diff_table(changes: list[Change], theirs: GroupCase) -> str:
    """The changed fields: label, my value, theirs, and whether I changed the field too (in words)."""
    rows: list[list[object]] = [
        [c.label, c.shown("mine"), c.shown("theirs"), "ja" if c.both_changed else "nej"] for c in changes
    ]
    headers = ["Fält", "Din version", f"Version {theirs.version} ({theirs.saved_by})", "Ändrat av dig också"]
    return tag(
        "div",
        raw=table(headers, rows, caption=f"Det som har ändrats i version {theirs.version}"),
        cls="dk-scroll",
        tabindex="0",
        role="region",
        aria_label="Ändringar",
    )


class GroupCaseView(w.VBox):
    """The tab. ``current()`` is the calculator's case (None after showing its errors); ``on_open(case,
    source)`` shows a case in the calculator; ``on_saved(case, source)`` follows a save to the group."""

    def __init__(
        self,
        store: GroupWork,
        groups: list[str],
        current: Callable[[], Case | None],
        on_open: Callable[[Case, str], None],
        on_saved: Callable[[Case, str], None] | None = None,
    ) -> None:
        self.store = store
        self._current = current
        self._on_open = on_open
        self._on_saved = on_saved or (lambda _case, _source: None)
        self.base: GroupCase | None = None  # the version open in the calculator: what a save is based on
        self.conflict: GroupCase | None = None  # the latest version after a refused save
        self.changes: list[Change] = []  # what that version changed, as its table shows it
        self.mine_only: list[Change] = []  # what I changed and it did not
        self.group = fields.dropdown("Grupp", [(g, g) for g in groups], groups[0], "auto")
        self.group.layout.display = "flex" if len(groups) > 1 else "none"
        self.group_line = w.HTML(tag("p", f"Grupp: {groups[0]}") if len(groups) == 1 else "")
        self.cases_table = w.HTML()
        self.choice = fields.dropdown("Gruppkalkyl", [], None, "auto")
        self.choice.layout.min_width = "20em"
        self.open_button = w.Button(description="Öppna", icon="folder-open", tooltip="Öppna vald gruppkalkyl")
        self.history_button = w.Button(description="Versioner", icon="history",
                                       tooltip="Visa alla sparade versioner av vald gruppkalkyl")  # fmt: skip
        self.open_line = w.HTML()
        self.save_button = w.Button(description="Spara till gruppen", icon="save", button_style="primary")
        self.new_name = fields.text_field("Namn på ny gruppkalkyl", "", "24em")
        self.new_button = w.Button(description="Ny gruppkalkyl", icon="plus",
                                   tooltip="Spara kalkylen ovan som en ny kalkyl för gruppen")  # fmt: skip
        self.message = message()
        self.conflict_message = message()
        self.diff = w.HTML()
        self.take_button = w.Button(description="Ta deras version", icon="download")
        self.overwrite_button = w.Button(description="Spara min version ovanpå", icon="save")
        self.keep_button = w.Button(description="Fortsätt redigera", icon="pencil")
        self.conflict_box = w.VBox(
            [self.conflict_message, self.diff,
             w.HBox([self.take_button, self.overwrite_button, self.keep_button], layout=fields.row_layout())]
        )  # fmt: skip
        self.conflict_box.layout.display = "none"
        self.history_table = w.HTML()
        self.version = fields.dropdown("Version", [], None, "auto")
        self.open_version_button = w.Button(description="Öppna version", icon="folder-open")
        self.history_box = w.VBox(
            [self.history_table, w.HBox([self.version, self.open_version_button], layout=fields.row_layout())]
        )
        self.history_box.layout.display = "none"
        self._history_case: CaseVersion | None = None

        self.group.observe(lambda _: self._group_changed(), "value")
        self.open_button.on_click(lambda _: self.open_selected())
        self.history_button.on_click(lambda _: self.show_history())
        self.save_button.on_click(lambda _: self.save())
        self.new_button.on_click(lambda _: self.create())
        self.take_button.on_click(lambda _: self.take_theirs())
        self.overwrite_button.on_click(lambda _: self.save_on_top())
        self.keep_button.on_click(lambda _: self.keep_editing())
        self.version.observe(lambda _: self._name_version_button(), "value")
        self.open_version_button.on_click(lambda _: self.open_version())
        row = fields.row_layout()
        super().__init__(
            [
                w.HTML(tag("h2", TITLE) + tag("p", INTRO)),
                self.group,
                self.group_line,
                self.cases_table,
                w.HBox([self.choice, self.open_button, self.history_button], layout=row),
                self.history_box,
                self.open_line,
                w.HBox([self.save_button]),
                self.conflict_box,
                w.HTML(tag("h3", "Ny gruppkalkyl")
                       + tag("p", "Spara kalkylen som är öppen ovan som en ny kalkyl som hela gruppen kan ändra.")),
                w.HBox([self.new_name, self.new_button], layout=row),
                self.message,
            ]
        )  # fmt: skip
        self.forget()

    @property
    def group_id(self) -> str:
        return str(self.group.value)

    # --- listing --------------------------------------------------------------------------------------------

    def refresh(self) -> list[CaseVersion] | None:
        """Read the group's cases again (someone may have saved since)."""
        probe = message()  # a successful read must not wipe what the tab says
        listed = guarded(probe, lambda: self.store.group_cases(self.group_id))
        if not listed.ok:
            self.message.copy_from(probe)
            return None
        cases = listed.value
        if not cases:
            self.cases_table.value = tag("p", "Gruppen har inga gruppkalkyler än.", cls="dk-muted")
        else:
            rows: list[list[object]] = [[c.name, c.version, c.saved_by, when(c.saved)] for c in cases]
            self.cases_table.value = table(["Gruppkalkyl", "Version", "Sparad av", "Sparad"], rows,
                                           numeric={1}, caption="Gruppens kalkyler (senaste versionen)")  # fmt: skip
        chosen = self.choice.value
        self.choice.options = [(f"{c.name} (version {c.version})", c.case_id) for c in cases]
        ids = [c.case_id for c in cases]
        self.choice.value = chosen if chosen in ids else (ids[0] if ids else None)
        for button in (self.open_button, self.history_button):
            button.layout.display = "flex" if cases else "none"
        self.choice.layout.display = "flex" if cases else "none"
        return cases

    def _group_changed(self) -> None:
        self.forget()
        self.history_box.layout.display = "none"
        self.refresh()

    # --- opening --------------------------------------------------------------------------------------------

    def forget(self) -> None:
        """The calculator shows something else than a group case: a save to the group would not be based on
        anything, so only "Ny gruppkalkyl" remains."""
        self.base = None
        self._hide_conflict()
        self.save_button.layout.display = "none"
        self.open_line.value = tag(
            "p", "Ingen gruppkalkyl är öppen i kalkylen. Öppna en ovan, eller spara kalkylen som en ny.",
            cls="dk-muted",
        )  # fmt: skip

    def open_selected(self) -> None:
        case_id = self.choice.value
        if case_id:
            self._load(lambda: self.store.group_case(self.group_id, case_id))

    def _load(self, fetch: Callable[[], GroupCase]) -> None:
        fetched = guarded(self.message, fetch)
        if fetched.ok and self._show(fetched.value):
            self.message.ok(f"Öppnade gruppkalkylen ”{fetched.value.name}”, version {fetched.value.version}.")

    def _show(self, found: GroupCase) -> bool:
        """Show a group version in the calculator and make it the base of the next save."""
        try:
            case = case_from_data(found.data, found.name)
        except ContentError as exc:
            self.message.error(
                f"Version {found.version} av ”{found.name}” kunde inte läsas: {exc.field}: {exc.message}"
            )
            return False
        self._on_open(case, self._source(found))
        self._set_base(found)
        return True

    def _source(self, version: CaseVersion | GroupCase) -> str:
        return f"{SOURCE} ”{version.name}”, version {version.version}"

    def _set_base(self, base: GroupCase) -> None:
        self.base = base
        self._hide_conflict()
        self.save_button.layout.display = "flex"
        self.open_line.value = tag(
            "p",
            f"Öppen: gruppkalkylen ”{base.name}”, version {base.version} (sparad av {base.saved_by} "
            f"{when(base.saved)}). ”Spara till gruppen” sparar dina ändringar som nästa version.",
        )

    # --- saving ---------------------------------------------------------------------------------------------

    def save(self, base_version: int | None = None) -> CaseVersion | None:
        """Save the calculator's case as the next version of the open group case (based on ``base_version``,
        default the version that was opened)."""
        if self.base is None:
            self.message.error("Öppna en gruppkalkyl först, eller spara kalkylen som en ny gruppkalkyl.")
            return None
        case = self._current()
        if case is None:
            self.message.error(INVALID)
            return None
        version = self.base.version if base_version is None else base_version
        return self._save(self.base.case_id, case, version)

    def create(self) -> CaseVersion | None:
        """'Ny gruppkalkyl': the calculator's case as a new case of the group (version 1)."""
        case = self._current()
        if case is None:
            self.message.error(INVALID)
            return None
        name = self.new_name.value.strip() or case.name
        case = dataclasses.replace(case, name=name) if name != case.name else case
        return self._save(new_case_id(name), case, 0)

    def _save(self, case_id: str, case: Case, base_version: int) -> CaseVersion | None:
        data = case_to_dict(case)
        try:
            saved = self.store.save_group_case(self.group_id, case_id, case.name, data, base_version)
        except CaseConflictError as exc:
            self._show_conflict(exc.current, data, base_version)
            return None
        except (StoreError, DomainError) as exc:
            self.message.error(exc.message)
            return None
        except Exception:  # never a traceback
            log.exception("unexpected error while saving a group case")
            self.message.error(UNEXPECTED)
            return None
        if base_version == 0:  # a new group case: the calculator shows it, under the name it was saved with
            self._on_open(case, self._source(saved))
        self._set_base(GroupCase(saved.case_id, saved.name, saved.version, saved.saved_by, saved.saved, data))
        self.new_name.value = ""
        self.refresh()
        self.choice.value = saved.case_id
        self._on_saved(case, self._source(saved))
        self.message.ok(f"Sparad i gruppen: ”{saved.name}”, version {saved.version}.")
        return saved

    # --- conflicts ------------------------------------------------------------------------------------------

    def _show_conflict(self, current: GroupCase, mine: dict[str, Any], base_version: int) -> None:
        self.conflict = current
        base = self.base.data if self.base is not None and self.base.case_id == current.case_id else {}
        self.changes = theirs_changed = case_diff(base, mine, current.data)
        self.mine_only = mine_only = case_diff(base, current.data, mine)
        self.message.clear()
        self.conflict_message.error(conflict_text(current, base_version))
        if theirs_changed:
            body = diff_table(theirs_changed, current)
        else:
            body = tag(
                "p",
                f"Det som har ändrats i version {current.version} finns redan i din kalkyl.",
            )
        own = len(mine_only)
        if own:
            fields_text = "ett fält" if own == 1 else f"{own} fält"
            body += tag(
                "p",
                f"Du har ändrat {fields_text} som version {current.version} inte har. ”Ta deras version” tar bort "
                "dina ändringar; ”Spara min version ovanpå version "
                f"{current.version}” sparar din kalkyl som nästa version (deras finns kvar bland versionerna).",
            )
        self.diff.value = body
        self.overwrite_button.description = f"Spara min version ovanpå version {current.version}"
        self.conflict_box.layout.display = "flex"

    def _hide_conflict(self) -> None:
        self.conflict = None
        self.changes, self.mine_only = [], []
        self.conflict_box.layout.display = "none"
        self.conflict_message.clear()
        self.diff.value = ""

    def take_theirs(self) -> None:
        """Load the latest version into the calculator (my unsaved changes are dropped)."""
        if self.conflict is not None and self._show(self.conflict):
            self.message.ok(f"Du har nu version {self.base.version if self.base else ''} i kalkylen.")

    def save_on_top(self) -> CaseVersion | None:
        """A deliberate overwrite: save my case based on the latest version (theirs stays in the history)."""
        if self.conflict is None:
            return None
        if self.base is None or self.base.case_id != self.conflict.case_id:
            self.base = self.conflict
        return self.save(self.conflict.version)

    def keep_editing(self) -> None:
        self._hide_conflict()
        self.message.info(
            "Dina ändringar finns kvar i kalkylen men är inte sparade i gruppen. När du sparar igen får du "
            "välja på nytt."
        )

    # --- history --------------------------------------------------------------------------------------------

    def show_history(self) -> None:
        case_id = self.choice.value
        if not case_id:
            return
        history = guarded(self.message, lambda: self.store.case_history(self.group_id, case_id))
        if not history.ok:
            return
        versions = history.value
        rows: list[list[object]] = [[v.version, v.saved_by, when(v.saved)] for v in versions]
        name = versions[0].name if versions else ""
        self.history_table.value = tag("h3", f"Versioner av ”{name}”") + table(
            ["Version", "Sparad av", "Sparad"],
            rows,
            numeric={0},
            caption=f"Alla sparade versioner av ”{name}”",
        )
        self._history_case = versions[0] if versions else None
        self.version.options = [(f"Version {v.version}", v.version) for v in versions]
        self.version.value = versions[0].version if versions else None
        self._name_version_button()
        self.history_box.layout.display = "flex"

    def _name_version_button(self) -> None:
        self.open_version_button.description = f"Öppna version {self.version.value or ''}".strip()

    def open_version(self) -> None:
        """Open an earlier version: the next save is based on it (and refused if it is not the latest)."""
        if self._history_case is None or self.version.value is None:
            return
        case_id, version = self._history_case.case_id, int(self.version.value)
        self._load(lambda: self.store.group_case(self.group_id, case_id, version))
