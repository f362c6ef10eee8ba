"""Groups across organisations: the participant CSV (errors with row numbers, BOM, ``;``, organisations), the
groups' sizes, determinism with a seed, and the mix on 350 synthetic participants.

How the mix is measured: for every organisation with c members among n participants in G groups, the highest
number of its members in one group must be ceil(c / G). That is the best possible (pigeonhole: c people in G groups
put at least ceil(c / G) into some group), so a grouping that meets it for every organisation at once mixes as much
as the numbers allow; where c > G the report names the organisation and why."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.errors import ContentError, DomainError
from widgets.groups import Participant, form_groups, mix_figures
from widgets.groups.io import groups_csv, organisation_names, parse_participants, summary
from widgets.program import load_organisations

ORGS = [o.name for o in load_organisations()]
HEADER = "anvandare,namn,organisation\n"


def csv_error(text: str | bytes) -> str:
    with pytest.raises(ContentError) as info:
        parse_participants(text, "deltagare.csv")
    return str(info.value)


# --- the participant CSV -------------------------------------------------------------------------------------


def test_a_list_with_a_bom_and_long_municipality_names_reads_as_the_course_names():
    raw = ("\ufeff" + HEADER + "anna,Anna Berg,Linköpings kommun\nbo,Bo Ek,Tekniska Verken\n").encode()
    people = parse_participants(raw)
    assert people == [
        Participant("anna", "Anna Berg", "Linköping"),
        Participant("bo", "Bo Ek", "Tekniska Verken"),
    ]


def test_semicolons_as_swedish_excel_writes_them_are_read():
    raw = b"anvandare;namn;organisation;;\r\nanna;Berg, Anna;motala;\r\n;;\r\n"
    assert parse_participants(raw) == [Participant("anna", "Berg, Anna", "Motala")]


def test_an_unknown_organisation_is_named_with_its_row():
    rows = "".join(f"d{i},Namn {i},Linköping\n" for i in range(15))
    message = csv_error(HEADER + rows + "x,X,Norrköpings kommun\n")
    assert message == (
        "deltagare.csv: rad 17: organisation: ”Norrköpings kommun” finns inte bland kursens organisationer "
        "(data/organisationer.csv)."
    )


def test_every_organisation_in_the_course_file_is_accepted_as_written():
    assert {organisation_names()[name.casefold()] for name in ORGS} == set(ORGS)
    assert organisation_names()["boxholms kommun"] == "Boxholm"
    assert organisation_names()["vadstena kommun"] == "Vadstena"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("anvandare,namn\nanna,Anna\n", "deltagare.csv: rad 1: kolumnen ”organisation” saknas"),
        ("user,name,org\n", "deltagare.csv: rad 1: kolumnerna ”anvandare”, ”namn”, ”organisation” saknas"),
        (HEADER + "anna,Anna,Motala\n,Bo,Motala\n", "deltagare.csv: rad 3: anvandare: användarnamnet saknas"),
        (HEADER + "Anna,Anna,Motala\n", "deltagare.csv: rad 2: anvandare: ”Anna”: JupyterHub sparar"),
        (
            HEADER + "anna berg,Anna,Motala\n",
            "deltagare.csv: rad 2: anvandare: ”anna berg” innehåller mellanslag",
        ),
        (HEADER + "a/b,Anna,Motala\n", "deltagare.csv: rad 2: anvandare: ”a/b” innehåller"),
        (HEADER + "..,Anna,Motala\n", "deltagare.csv: rad 2: anvandare: ”..” kan inte"),
        (
            HEADER + "anna,A,Motala\nbo,B,Ydre\nanna,C,Kinda\n",
            "deltagare.csv: rad 4: anvandare: ”anna” finns redan på rad 2",
        ),
        (HEADER + "anna,Anna,\n", "deltagare.csv: rad 2: organisation: organisationen saknas"),
        (HEADER + "anna,Anna,Ydre,x\n", "deltagare.csv: rad 2: raden har 4 fält"),
        (HEADER + "anna,Anna\n", "deltagare.csv: rad 2: raden har 2 fält"),
        (HEADER, "deltagare.csv: rad 2: filen har inga deltagare"),
        ("", "deltagare.csv: rad 1: filen är tom"),
    ],
)
def test_a_wrong_list_says_file_row_field_and_what(text, expected):
    assert csv_error(text).startswith(expected)


def test_a_file_not_in_utf8_names_the_row_and_how_to_save_it():
    raw = (HEADER + "anna,Anna,Motala\nbo,Bo,Söderköping\n").encode("cp1252")
    assert csv_error(raw).startswith("deltagare.csv: rad 3: filen är inte sparad som UTF-8")


def test_groups_csv_and_summary():
    people = [
        Participant(f"d{i}", f"Namn {i}", org) for i, org in enumerate(["Ydre", "Ydre", "Kinda", "Motala"])
    ]
    grouping = form_groups(people, 2, seed=1)
    lines = groups_csv(grouping).splitlines()
    assert lines[0] == "anvandare,grupp"
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["d0", "d1", "d2", "d3"]
    assert {line.split(",")[1] for line in lines[1:]} == {"grupp-01", "grupp-02"}
    text = summary(grouping)
    assert "4 deltagare i 2 grupper med 2 deltagare var (högst 2; slumpfrö 1)." in text
    assert "Alla organisationer har högst en deltagare per grupp." in text
    assert "  Namn 0 (d0) – Ydre" in text
    assert "slumpfrö 2026, standard" in summary(form_groups(people, 2), seed_given=False)


# --- the model -------------------------------------------------------------------------------------------------


def people_of(counts: dict[str, int]) -> list[Participant]:
    return [
        Participant(f"{org[:3].lower()}{i}", f"{org} {i}", org) for org, c in counts.items() for i in range(c)
    ]


@pytest.mark.parametrize(
    ("size", "field", "message"),
    [
        (1, "storlek", "Gruppstorleken måste vara minst 2."),
        (6, "storlek", "Gruppstorleken (6) är större än antalet deltagare (5)."),
    ],
)
def test_a_size_out_of_range_is_refused(size, field, message):
    with pytest.raises(DomainError) as info:
        form_groups(people_of({"Ydre": 5}), size)
    assert (info.value.field, info.value.message) == (field, message)


def test_an_empty_list_and_duplicate_users_are_refused():
    with pytest.raises(DomainError, match=r"Deltagarlistan är tom\."):
        form_groups([], 3)
    with pytest.raises(DomainError, match="”anna” finns mer än en gång"):
        form_groups([("anna", "A", "Ydre"), ("anna", "B", "Kinda")], 2)


def test_seven_in_groups_of_three_make_three_groups_of_two_or_three():
    grouping = form_groups(people_of({"Linköping": 4, "Motala": 2, "Ydre": 1}), 3)
    assert [g.name for g in grouping.groups] == ["grupp-01", "grupp-02", "grupp-03"]
    assert sorted(g.size for g in grouping.groups) == [2, 2, 3]
    assert grouping.shortfalls() == [
        "Linköping har 4 av 7 deltagare: med 3 grupper måste varje grupp ha 1–2 därifrån."
    ]
    twice = [line for line in grouping.group_lines() if "två från Linköping" in line]
    assert len(twice) == 1 and twice[0].endswith("3 deltagare, två från Linköping.")


def test_names_are_padded_to_the_number_of_groups():
    grouping = form_groups(people_of(dict.fromkeys(ORGS[:10], 20)), 2)
    assert len(grouping.groups) == 100
    assert grouping.groups[0].name == "grupp-001" and grouping.groups[-1].name == "grupp-100"


def test_the_same_seed_gives_the_same_groups_whatever_the_input_order():
    people = synthetic_roster(3)
    shuffled = people[:]
    random.Random(9).shuffle(shuffled)
    assert form_groups(people, 5, seed=7) == form_groups(shuffled, 5, seed=7)
    assert form_groups(people, 5) == form_groups(people, 5, seed=2026)


def test_different_seeds_give_different_groups():
    people = synthetic_roster(3)
    assert form_groups(people, 5, seed=1).group_of() != form_groups(people, 5, seed=2).group_of()


# --- 350 synthetic participants across the 19 organisations ----------------------------------------------------


def synthetic_roster(seed: int, total: int = 350) -> list[Participant]:
    """A realistic skew: one large municipality with 100–130, six organisations with 5–10 each, the other twelve
    sharing the rest (at least 11 each)."""
    rng = random.Random(seed)
    large, *rest = ORGS[3:4] + ORGS[:3] + ORGS[4:]  # Linköping is the large one
    small, middle = rest[:6], rest[6:]
    counts = {large: rng.randint(100, 130)} | {org: rng.randint(5, 10) for org in small}
    left = total - sum(counts.values())
    weights = [rng.random() + 0.5 for _ in middle]
    spare = left - 11 * len(middle)
    shares = [11 + math.floor(spare * wt / sum(weights)) for wt in weights]
    shares[0] += left - sum(shares)
    counts |= dict(zip(middle, shares, strict=True))
    assert sum(counts.values()) == total and min(shares) >= 11
    return people_of(counts)


def check_grouping(people: list[Participant], size: int, seed: int | None) -> None:
    grouping = form_groups(people, size, seed)
    g = math.ceil(len(people) / size)
    sizes = [grp.size for grp in grouping.groups]
    assert len(grouping.groups) == g
    assert max(sizes) <= size and max(sizes) - min(sizes) <= 1
    members = Counter(p.anvandare for grp in grouping.groups for p in grp.members)
    assert set(members) == {p.anvandare for p in people} and set(members.values()) == {1}
    totals = Counter(p.organisation for p in people)
    for grp in grouping.groups:
        for org, n in grp.organisation_counts().items():
            assert n <= math.ceil(totals[org] / g), (grp.name, org, n, totals[org], g)
    figures = mix_figures(grouping)
    assert figures.at_bound and figures.worst_excess == 0
    # An organisation with no more members than groups never has two in one group.
    assert (figures.max_same == 1) == all(c <= g for c in totals.values())


@pytest.mark.parametrize("size", range(3, 9))
def test_350_participants_mix_as_well_as_the_numbers_allow(size):
    check_grouping(synthetic_roster(0), size, None)


@settings(max_examples=60, deadline=None)
@given(roster=st.integers(0, 10_000), size=st.integers(3, 8), seed=st.integers(0, 2**32))
def test_any_skewed_roster_of_350_mixes_as_well_as_the_numbers_allow(roster, size, seed):
    check_grouping(synthetic_roster(roster), size, seed)


@settings(max_examples=150, deadline=None)
@given(
    counts=st.lists(st.integers(1, 40), min_size=1, max_size=19),
    size=st.integers(2, 10),
    seed=st.integers(0, 1000),
)
def test_any_roster_mixes_as_well_as_the_numbers_allow(counts, size, seed):
    people = people_of(dict(zip(ORGS, counts, strict=False)))
    if size > len(people):
        with pytest.raises(DomainError):
            form_groups(people, size, seed)
        return
    check_grouping(people, size, seed)


def test_mix_figures_for_350_participants(capsys):
    """The figures for the closing note (run with ``-s``): roster 0 (Linköping largest), sizes 3–8."""
    people = synthetic_roster(0)
    totals = Counter(p.organisation for p in people)
    lines = [
        f"350 deltagare, {len(totals)} organisationer; störst {totals.most_common(1)[0]}, minst "
        f"{min(totals.values())}",
        "storlek grupper storlekar helt_blandade andel högst_möjligt_helt_blandade max_samma tak_ceil(c/G) vid_taket",
    ]
    for size in range(3, 9):
        grouping = form_groups(people, size)
        f = mix_figures(grouping)
        bound = max(grouping.best_possible(org) for org in totals)
        assert f.at_bound and f.max_same == bound
        lines.append(
            f"{size} {f.groups} {f.smallest}–{f.largest} {f.all_different} {f.share_all_different:.0%} "
            f"{f.groups - f.repeat_bound} "
            f"{f.max_same} {bound} {'ja' if f.at_bound else 'nej'}"
        )
    with capsys.disabled():
        print("\n" + "\n".join(lines))


# --- digikomp grupper ------------------------------------------------------------------------------------------


def test_the_command_writes_the_csv_and_prints_the_summary(tmp_path, capsys):
    from widgets.cli import main

    listing = tmp_path / "deltagare.csv"
    listing.write_text(HEADER + "anna,Anna,Ydre\nbo,Bo,Ydre\ncia,Cia,Kinda\n", encoding="utf-8")
    out = tmp_path / "grupper.csv"
    assert main(["grupper", "--deltagare", str(listing), "--storlek", "2", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "3 deltagare i 2 grupper" in text and f"Grupperna sparades i {out}." in text
    assert out.read_text(encoding="utf-8").startswith("anvandare,grupp\n")


@pytest.mark.parametrize(
    ("rows", "args", "expected"),
    [
        ("anna,Anna,Norrköping\n", [], "deltagare.csv: rad 2: organisation: ”Norrköping” finns inte"),
        ("anna,Anna,Ydre\nbo,Bo,Kinda\n", ["--storlek", "5"], "storlek: Gruppstorleken (5) är större"),
        ("anna,Anna,Ydre\nbo,Bo,Kinda\n", ["--hub"], "--hub: Grupperna kan bara skrivas till JupyterHub"),
    ],
)
def test_the_command_says_what_is_wrong_in_one_line(tmp_path, capsys, monkeypatch, rows, args, expected):
    from widgets.cli import main

    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    listing = tmp_path / "deltagare.csv"
    listing.write_text(HEADER + rows, encoding="utf-8")
    argv = ["grupper", "--deltagare", str(listing), "--storlek", "2", "-o", str(tmp_path / "g.csv"), *args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(expected) and err.count("\n") == 1
