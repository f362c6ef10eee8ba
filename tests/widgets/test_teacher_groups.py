""" "Bilda grupper" without a browser: an uploaded list previews as an escaped table with the report, mistakes show
beside their field, the hub button only works after a preview and writes through the (fake) hub after showing what
changes; outside a hub there is a notice and no button."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from widgets.apps.teacher.groups import NO_HUB, STALE, GroupsPanel
from widgets.store.errors import PermissionDeniedError

XSS = "<img src=x onerror=alert(1)>"
HEADER = "anvandare,namn,organisation\n"
ROWS = (
    "anna,Anna Berg,Linköping\nbo,Bo Ek,Linköping\ncia,Cia Lind,Motala\n"
    f"dan,{XSS},Ydre\neva,Eva Sund,Kinda\nfia,Fia Ås,Linköpings kommun\n"
)


class FakeHub:
    """The hub's groups in memory, with the methods of widgets.groups.hub.HubClient."""

    def __init__(self, groups: dict[str, set[str]] | None = None, forbidden: bool = False) -> None:
        self.groups = {name: set(members) for name, members in (groups or {}).items()}
        self.forbidden = forbidden
        self.calls: list[tuple] = []

    def group_names(self):
        return sorted(self.groups)

    def group_members(self, name):
        return set(self.groups[name]) if name in self.groups else None

    def _check(self):
        if self.forbidden:
            raise PermissionDeniedError(
                "Din token får inte ändra grupper på JupyterHub (behörigheten admin:groups saknas)."
            )

    def create_group(self, name):
        self._check()
        self.calls.append(("create", name))
        self.groups.setdefault(name, set())

    def add_members(self, name, users):
        self._check()
        self.calls.append(("add", name, tuple(users)))
        self.groups[name] |= set(users)

    def remove_members(self, name, users):
        self._check()
        self.calls.append(("remove", name, tuple(users)))
        self.groups[name] -= set(users)


def upload(panel: GroupsPanel, text: str, name: str = "deltagare.csv", encoding: str = "utf-8") -> None:
    data = text.encode(encoding)
    panel.upload.value = (
        {
            "name": name,
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime(2026, 12, 2, tzinfo=dt.UTC),
        },
    )


def buttons(box) -> dict[str, object]:
    found = {}
    for child in box.children:
        if hasattr(child, "description") and hasattr(child, "on_click"):
            found[child.description] = child
        if hasattr(child, "children"):
            found |= buttons(child)
    return found


def test_a_preview_shows_the_groups_escaped_with_the_report_and_a_download():
    panel = GroupsPanel(client=FakeHub())
    upload(panel, HEADER + ROWS)
    panel.size.value = 3
    panel.preview_button.click()
    assert panel.grouping is not None and len(panel.grouping.groups) == 2
    assert "<table" in panel.table.value and "Fia Ås" in panel.table.value
    assert XSS not in panel.table.value and "&lt;img src=x" in panel.table.value
    assert (
        "Linköping har 3 av 6 deltagare: med 2 grupper måste varje grupp ha 1–2 därifrån."
        in panel.report.value
    )
    assert 'download="grupper.csv"' in panel.download.value
    assert panel.download.filename == "grupper.csv"
    assert panel.download.data.decode().startswith("anvandare,grupp\n")
    assert "slumpfrö 2026 (standard)" in panel.status.value
    assert panel.hub_button is not None and not panel.hub_button.disabled


def test_a_wrong_list_is_named_beside_the_upload_with_its_row():
    panel = GroupsPanel(client=FakeHub())
    upload(panel, HEADER + ROWS + "gun,Gun,Norrköpings kommun\n", name="lista.csv")
    panel.preview_button.click()
    assert "lista.csv: rad 8: organisation: ”Norrköpings kommun” finns inte" in panel.upload_message.value
    assert 'role="alert"' in panel.upload_message.value
    assert panel.table.value == "" and panel.hub_button.disabled


def test_no_file_a_bad_seed_and_a_size_above_the_list_are_said_beside_their_fields():
    panel = GroupsPanel(client=None)
    panel.preview_button.click()
    assert "Välj först deltagarlistan" in panel.upload_message.value
    upload(panel, HEADER + "anna,A,Ydre\nbo,B,Kinda\n")
    panel.seed.value = "sju"
    panel.preview_button.click()
    assert "Slumpfröet ska vara ett heltal" in panel.seed_message.value
    panel.seed.value = "7"
    panel.size.value = 3
    panel.preview_button.click()
    assert "Gruppstorleken (3) är större än antalet deltagare (2)." in panel.size_message.value
    assert panel.seed_message.value == ""


def test_the_same_seed_previews_the_same_groups():
    first, second = GroupsPanel(client=None), GroupsPanel(client=None)
    for panel in (first, second):
        upload(panel, HEADER + ROWS)
        panel.seed.value = "11"
        panel.size.value = 2
        panel.preview_button.click()
    assert first.table.value == second.table.value and first.grouping == second.grouping


def test_outside_a_hub_there_is_a_notice_and_no_hub_button():
    panel = GroupsPanel(client=None)
    assert panel.hub_button is None
    assert "Skapa grupperna på JupyterHub" not in buttons(panel)
    assert any(isinstance(c, w.HTML) and NO_HUB in c.value for c in panel.children)


def test_the_hub_is_written_only_after_the_changes_were_shown_and_confirmed():
    hub = FakeHub({"grupp-01": {"old"}, "larare": {"larare"}})
    panel = GroupsPanel(client=hub)
    assert panel.hub_button.disabled  # nothing previewed yet
    upload(panel, HEADER + ROWS)
    panel.size.value = 3
    panel.preview_button.click()
    panel.hub_button.click()
    assert hub.calls == []  # shown, not written
    shown = panel.hub_area.children[0].value
    assert "grupp-01: finns redan; läggs till:" in shown and "tas bort: old" in shown
    assert "grupp-02: ny grupp" in shown
    assert "Lärarnas grupp larare ändras inte." in shown and "Andra grupper" not in shown
    buttons(panel.hub_area)["Ja, skapa grupperna"].click()
    members = panel.grouping.group_of()
    assert hub.groups["grupp-01"] == {u for u, g in members.items() if g == "grupp-01"}
    assert hub.groups["grupp-02"] == {u for u, g in members.items() if g == "grupp-02"}
    assert hub.groups["larare"] == {"larare"}
    assert "Grupperna finns nu på JupyterHub: 2 grupper." in panel.hub_message.value
    # A second time: nothing to change, and nothing written.
    hub.calls.clear()
    panel.hub_button.click()
    assert "inget behöver ändras" in panel.hub_area.children[0].value and hub.calls == []


def test_cancel_writes_nothing_and_a_change_after_the_preview_disables_the_button():
    hub = FakeHub()
    panel = GroupsPanel(client=hub)
    upload(panel, HEADER + ROWS)
    panel.preview_button.click()
    panel.hub_button.click()
    buttons(panel.hub_area)["Avbryt"].click()
    assert hub.calls == [] and "Inget ändrades" in panel.hub_message.value
    panel.size.value = 2
    assert panel.hub_button.disabled and panel.table.value == "" and STALE in panel.status.value


def test_a_refusal_from_the_hub_is_said_in_swedish():
    panel = GroupsPanel(client=FakeHub(forbidden=True))
    upload(panel, HEADER + ROWS)
    panel.preview_button.click()
    panel.hub_button.click()
    buttons(panel.hub_area)["Ja, skapa grupperna"].click()
    assert "behörigheten admin:groups saknas" in panel.hub_message.value


def test_the_tool_loads_no_pandas(packages_loaded_by):
    loaded = packages_loaded_by(
        "from widgets.apps.teacher.groups import GroupsPanel\nGroupsPanel(client=None)\n"
        "import widgets.groups.hub, widgets.groups.io\n"
    )
    assert "widgets" in loaded and not loaded & {"pandas", "matplotlib", "requests", "numpy"}
