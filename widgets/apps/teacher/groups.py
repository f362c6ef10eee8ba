""" "Bilda grupper" on the teacher page: a participant list (CSV) → groups across organisations, a preview with the
report, grupper.csv to download and, on the course hub, the groups written to JupyterHub after a second preview
of what changes there (widgets/groups/)."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ...errors import ContentError, DomainError
from ...groups import Grouping, form_groups
from ...groups import hub as hubgroups
from ...groups.io import groups_csv, parse_participants
from ...ui.controls import button, html, message
from ...ui.download import DownloadLink
from ...ui.feedback import Message, guarded
from ...ui.html import bullets, table, tag

TITLE = "Bilda grupper"
INTRO = (
    "Ladda upp deltagarlistan som CSV-fil i UTF-8 med rubrikraden anvandare,namn,organisation (komma eller "
    "semikolon). Organisationerna ska vara kursens (data/organisationer.csv). Grupperna blir högst så stora som "
    "du väljer, storlekarna skiljer sig högst med en, och organisationerna blandas så mycket antalet tillåter."
)
NO_HUB = (
    "Att skapa grupperna på JupyterHub behöver kursens JupyterHub. Här kan du förhandsgranska grupperna och ladda "
    "ned grupper.csv."
)
STALE = "Du har ändrat något: klicka på Förhandsgranska igen."
DEFAULT_SIZE = 4
_FROM_ENV: Any = object()


def parse_seed(text: str) -> int | None:
    """The seed field: empty → None (the default seed), else a whole number."""
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise DomainError("seed", f"Slumpfröet ska vara ett heltal, t.ex. 7 (inte ”{text}”).") from None


def groups_table(grouping: Grouping) -> str:
    """The groups as an HTML table (every cell escaped): group (on its first member's row), name, user name,
    organisation."""
    rows: list[list[object]] = [
        [f"{group.name} ({group.size})" if i == 0 else "", p.namn, p.anvandare, p.organisation]
        for group in grouping.groups
        for i, p in enumerate(group.members)
    ]
    caption = f"{grouping.participants} deltagare i {len(grouping.groups)} grupper"
    return table(["Grupp", "Namn", "Användarnamn", "Organisation"], rows, caption=caption)


def report_html(grouping: Grouping) -> str:
    shortfalls = grouping.shortfalls() or ["Alla organisationer har högst en deltagare per grupp."]
    return tag("h4", "Blandningen") + bullets([*shortfalls, *grouping.group_lines()])


class GroupsPanel(w.VBox):
    """The "Bilda grupper" tool. ``client`` writes to the hub (default: the kernel's hub token, None outside a
    hub: then there is no hub button, only a notice)."""

    def __init__(self, client: hubgroups.HubGroups | None = _FROM_ENV) -> None:
        self.client = hubgroups.HubClient.from_env() if client is _FROM_ENV else client
        self.grouping: Grouping | None = None
        self.hub_preview: hubgroups.Preview | None = None

        self.upload = w.FileUpload(
            accept=".csv,text/csv", multiple=False, description="Välj deltagarlista (CSV)"
        )
        self.upload.layout.width = "auto"
        self.upload_message = message()
        self.size = w.BoundedIntText(
            value=DEFAULT_SIZE,
            min=2,
            max=10,
            description="Gruppstorlek (högst)",
            style={"description_width": "initial"},
        )
        self.size_message = message()
        self.seed = w.Text(
            description="Slumpfrö (valfritt)", placeholder="t.ex. 7", style={"description_width": "initial"}
        )
        self.seed_message = message()
        self.preview_button = button("Förhandsgranska", button_style="primary")
        self.preview_button.on_click(lambda _: self.preview())
        self.status = message()
        self.table = html()
        self.report = html()
        self.download = DownloadLink()

        hub_part: list[w.Widget]
        if self.client is None:
            self.hub_button = None
            hub_part = [html(tag("p", NO_HUB, cls="dk-muted"))]
        else:
            self.hub_button = button("Skapa grupperna på JupyterHub", disabled=True)
            self.hub_button.on_click(lambda _: self.show_hub_changes())
            hub_part = [self.hub_button]
        self.hub_area = w.VBox([])
        self.hub_message: Message = message()

        for control in (self.upload, self.size, self.seed):
            control.observe(lambda _: self._stale(), names="value")
        super().__init__(
            [
                html(tag("h3", TITLE) + tag("p", INTRO)),
                self.upload,
                self.upload_message,
                self.size,
                self.size_message,
                self.seed,
                self.seed_message,
                self.preview_button,
                self.status,
                self.table,
                self.report,
                self.download,
                *hub_part,
                self.hub_area,
                self.hub_message,
            ]
        )
        self.add_class("dk-card")

    # --- the preview -----------------------------------------------------------------------------------------

    def _uploaded(self) -> tuple[str, bytes] | None:
        files = self.upload.value
        if not files:
            return None
        first = files[0]
        return str(first.get("name") or "deltagare.csv"), bytes(first["content"])

    def preview(self) -> None:
        for m in (self.upload_message, self.size_message, self.seed_message, self.status, self.hub_message):
            m.clear()
        self._clear_result()
        uploaded = self._uploaded()
        if uploaded is None:
            self.upload_message.error("Välj först deltagarlistan (en CSV-fil).")
            return
        name, raw = uploaded
        try:
            participants = parse_participants(raw, name)
        except ContentError as exc:
            self.upload_message.error(str(exc))
            return
        parsed = guarded(self.seed_message, lambda: parse_seed(self.seed.value))
        if not parsed.ok:
            return
        seed = parsed.value
        field = {"storlek": self.size_message, "seed": self.seed_message}
        try:
            grouping = form_groups(participants, int(self.size.value), seed)
        except DomainError as exc:
            field.get(exc.field, self.upload_message).error(exc.message)
            return
        self.grouping = grouping
        self.table.value = groups_table(grouping)
        self.report.value = report_html(grouping)
        self.download.set(
            "grupper.csv", "text/csv", groups_csv(grouping).encode("utf-8"), "Ladda ned grupper.csv"
        )
        seed_text = f"slumpfrö {grouping.seed}" + ("" if seed is not None else " (standard)")
        self.status.ok(f"{len(grouping.groups)} grupper för {grouping.participants} deltagare, {seed_text}.")
        if self.hub_button is not None:
            self.hub_button.disabled = False

    def _clear_result(self) -> None:
        self.grouping = None
        self.hub_preview = None
        self.table.value = self.report.value = self.download.value = ""
        self.hub_area.children = []
        if self.hub_button is not None:
            self.hub_button.disabled = True

    def _stale(self) -> None:
        if self.grouping is not None:
            self._clear_result()
            self.status.info(STALE)

    # --- writing to the hub ----------------------------------------------------------------------------------

    def show_hub_changes(self) -> None:
        """What writing the groups would change on the hub, with "Ja, skapa grupperna" and "Avbryt"."""
        if self.grouping is None or self.client is None:
            return
        client, grouping = self.client, self.grouping
        previewed = guarded(self.hub_message, lambda: hubgroups.preview(client, grouping))
        if not previewed.ok:
            return
        shown = previewed.value
        summary = html(tag("h4", "Ändringar på JupyterHub") + bullets(shown.lines()))
        if shown.nothing_to_do:
            self.hub_area.children = [summary]
            return
        self.hub_preview = shown
        yes = button("Ja, skapa grupperna", button_style="warning")
        no = button("Avbryt")
        yes.on_click(lambda _: self.write_to_hub())
        no.on_click(lambda _: self._cancel_hub())
        self.hub_area.children = [summary, w.HBox([yes, no])]

    def _cancel_hub(self) -> None:
        self.hub_preview = None
        self.hub_area.children = []
        self.hub_message.info("Inget ändrades på JupyterHub.")

    def write_to_hub(self) -> None:
        if self.hub_preview is None or self.client is None:
            return
        client, shown = self.client, self.hub_preview
        applied = guarded(self.hub_message, lambda: hubgroups.apply(client, shown))
        self.hub_area.children = []
        self.hub_preview = None
        if not applied.ok:
            return
        self.hub_message.ok(f"Grupperna finns nu på JupyterHub: {len(shown.grouping.groups)} grupper.")


def groups_panel() -> GroupsPanel:
    """The tool for the teacher page (hub writes with the kernel's token when there is one)."""
    return GroupsPanel()


__all__ = ["GroupsPanel", "groups_panel", "groups_table", "parse_seed"]
