"""Groups across organisations written to a real JupyterHub with a teacher's own token (widgets/groups/hub.py and
``digikomp grupper --hub``): the hub's API then shows the members; a participant's token is refused in Swedish; the
teachers' group is never touched. One backend is enough: hub groups live in the hub's own database."""

from __future__ import annotations

import pytest

from widgets.cli import main
from widgets.groups import Group, Grouping, Participant, form_groups
from widgets.groups import hub as hubgroups
from widgets.store.errors import PermissionDeniedError, StoreError

pytestmark = pytest.mark.parametrize("hub", ["sqlite"], indirect=True)

TEACHER_SCOPES = ["admin:groups", "groups", "list:groups", "read:groups"]  # the role digikomp-larare
PEOPLE = [
    Participant("deltagare1", "Anna Berg", "Linköping"),
    Participant("deltagare2", "Bo Ek", "Linköping"),
    Participant("deltagare3", "Cia Lind", "Linköping"),
    Participant("deltagare4", "Dan Ås", "Motala"),
    Participant("deltagare5", "Eva Sund", "Ydre"),
    Participant("deltagare6", "Fia Ör", "Kinda"),
]


@pytest.fixture
def teacher(hub):
    """A client with a token of ``larare`` holding the teachers' scopes; the grupp-NN groups removed after."""
    client = hubgroups.HubClient(f"{hub.url}/hub/api", hub.token_for("larare", TEACHER_SCOPES))
    yield client
    for name in ("grupp-01", "grupp-02", "grupp-03"):
        hub.hub_api("DELETE", f"groups/{name}")


def members_on_hub(hub, name: str) -> set[str]:
    reply = hub.hub_api("GET", f"groups/{name}")
    assert reply.status == 200, reply
    return set(reply.body["users"])


def test_a_teacher_writes_groups_after_a_preview_and_rewrites_them(hub, teacher):
    grouping = form_groups(PEOPLE, 3, seed=5)
    shown = hubgroups.preview(teacher, grouping)
    assert [c.new for c in shown.changes] == [True, True]
    assert hub.hub_api("GET", "groups/grupp-01").status == 404  # a preview writes nothing
    after = hubgroups.apply(teacher, shown)
    assert after.nothing_to_do
    for group in grouping.groups:
        assert members_on_hub(hub, group.name) == {p.anvandare for p in group.members}
    assert members_on_hub(hub, "larare") == {"larare"}

    # Pairs instead of threes: grupp-01 and grupp-02 change members, grupp-03 is new.
    regrouped = form_groups(PEOPLE, 2, seed=5)
    shown = hubgroups.preview(teacher, regrouped)
    assert [c.new for c in shown.changes] == [False, False, True]
    assert any(c.remove for c in shown.changes)
    hubgroups.apply(teacher, shown)
    for group in regrouped.groups:
        assert members_on_hub(hub, group.name) == {p.anvandare for p in group.members}

    # Back to threes: grupp-03 is not in the grouping, so it is named and left as it is.
    shown = hubgroups.preview(teacher, grouping)
    assert "grupp-03" in shown.others and "larare" not in shown.others
    assert any(
        "Andra grupper på JupyterHub ändras inte:" in line and "grupp-03" in line for line in shown.lines()
    )
    hubgroups.apply(teacher, shown)
    assert members_on_hub(hub, "grupp-03") == {p.anvandare for p in regrouped.groups[2].members}


def test_a_preview_is_refused_when_the_hub_changed_since(hub, teacher):
    grouping = form_groups(PEOPLE, 3, seed=5)
    shown = hubgroups.preview(teacher, grouping)
    hub.hub_api("POST", "groups/grupp-01")
    with pytest.raises(StoreError, match="har ändrats sedan förhandsgranskningen"):
        hubgroups.apply(teacher, shown)


def test_a_participants_token_may_not_change_groups(hub):
    client = hubgroups.HubClient(f"{hub.url}/hub/api", hub.token_for("deltagare1"))
    with pytest.raises(PermissionDeniedError) as info:
        hubgroups.preview(client, form_groups(PEOPLE, 3))
    assert info.value.message == hubgroups.FORBIDDEN
    with pytest.raises(PermissionDeniedError, match="behörigheten admin:groups saknas"):
        client.create_group("grupp-01")
    assert hub.hub_api("GET", "groups/grupp-01").status == 404


def test_an_unknown_user_is_named_in_swedish(hub, teacher):
    grouping = form_groups([*PEOPLE[:3], Participant("finnsinte", "X", "Ydre")], 2, seed=1)
    with pytest.raises(StoreError, match="JupyterHub känner inte till användaren ”finnsinte”"):
        hubgroups.apply(teacher, hubgroups.preview(teacher, grouping))


def test_the_teachers_group_is_never_touched(hub, teacher):
    grouping = Grouping((Group("larare", tuple(PEOPLE[:2])),), 2, 1)
    with pytest.raises(StoreError, match="lärarnas grupp"):
        hubgroups.preview(teacher, grouping)
    assert members_on_hub(hub, "larare") == {"larare"}


def test_the_command_writes_the_groups_with_the_kernels_token(hub, teacher, tmp_path, monkeypatch, capsys):
    listing = tmp_path / "deltagare.csv"
    listing.write_text(
        "anvandare;namn;organisation\n"
        + "".join(f"{p.anvandare};{p.namn};{p.organisation}\n" for p in PEOPLE),
        encoding="utf-8-sig",
    )
    monkeypatch.setenv("JUPYTERHUB_API_URL", teacher.api_url)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", teacher.token)
    out = tmp_path / "grupper.csv"
    args = ["grupper", "--deltagare", str(listing), "--storlek", "3", "--seed", "4", "-o", str(out), "--hub"]
    monkeypatch.setattr("builtins.input", lambda _: "n")
    assert main(args) == 0
    assert "Inget ändrades på JupyterHub." in capsys.readouterr().out
    assert hub.hub_api("GET", "groups/grupp-01").status == 404
    assert main([*args, "--ja"]) == 0
    assert "Grupperna finns nu på JupyterHub (2 grupper)." in capsys.readouterr().out
    rows = [line.split(",") for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    for name in ("grupp-01", "grupp-02"):
        assert members_on_hub(hub, name) == {user for user, group in rows if group == name}

    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", hub.token_for("deltagare1"))
    assert main([*args, "--ja"]) == 2
    assert capsys.readouterr().err.startswith("--hub: Din token får inte ändra grupper på JupyterHub")
