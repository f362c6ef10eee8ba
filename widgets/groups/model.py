"""Groups across organisations: participants dealt into groups of about N so that organisations mix.

The rule: G = ceil(n / size) groups, so none is larger than ``size`` and sizes differ by at most one. An
organisation with c members can at best be spread so that no group holds more than ceil(c / G) of it (pigeonhole:
c people in G groups put at least ceil(c / G) into one of them). Dealing the participants round-robin into the groups
in order, sorted by organisation (largest first), reaches that bound for every organisation at once: each
organisation is a run of c consecutive positions, and a run of c positions meets every group floor(c / G) or
ceil(c / G) times. A large organisation is thereby spread evenly over all groups rather than concentrated in a few
(which could leave more groups with no organisation twice, at the price of groups dominated by it; see
:func:`mix_figures`).

Pure Python (it runs in a teacher's kernel): no pandas, no I/O.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..errors import DomainError

#: The seed used when the teacher gives none, so that the same list always gives the same groups.
DEFAULT_SEED = 2026
GROUP_PREFIX = "grupp-"
MIN_SIZE = 2

_NUMBER_WORDS = {2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta", 9: "nio", 10: "tio"}


class Participant(NamedTuple):
    """One row of the participant list: hub user name, display name, organisation (as in organisationer.csv)."""

    anvandare: str
    namn: str
    organisation: str


@dataclass(frozen=True)
class Group:
    name: str
    members: tuple[Participant, ...]  # sorted by user name

    @property
    def size(self) -> int:
        return len(self.members)

    def organisation_counts(self) -> Counter[str]:
        return Counter(p.organisation for p in self.members)


@dataclass(frozen=True)
class Grouping:
    """The groups (sorted by name), the size asked for and the seed used."""

    groups: tuple[Group, ...]
    size: int
    seed: int

    @property
    def participants(self) -> int:
        return sum(g.size for g in self.groups)

    def organisation_totals(self) -> Counter[str]:
        return Counter(p.organisation for g in self.groups for p in g.members)

    def best_possible(self, organisation: str) -> int:
        """The lowest possible highest count of ``organisation`` in one group: ceil(c / G)."""
        return math.ceil(self.organisation_totals()[organisation] / len(self.groups))

    def group_of(self) -> dict[str, str]:
        """User name → group name."""
        return {p.anvandare: g.name for g in self.groups for p in g.members}

    def report(self) -> list[str]:
        """Swedish lines: why the numbers do not allow a full mix (if so), then each group's size and the
        organisations that appear more than once in it."""
        return [*self.shortfalls(), *self.group_lines()]

    def shortfalls(self) -> list[str]:
        """One line per organisation with more members than there are groups: where a full mix is impossible."""
        g = len(self.groups)
        lines = []
        for org, c in sorted(self.organisation_totals().items(), key=lambda item: (-item[1], item[0])):
            if c <= g:
                continue
            low, high = c // g, math.ceil(c / g)
            each = f"{low}" if low == high else f"{low}–{high}"
            lines.append(
                f"{org} har {c} av {self.participants} deltagare: med {g} grupper måste varje grupp ha "
                f"{each} därifrån."
            )
        return lines

    def group_lines(self) -> list[str]:
        lines = []
        for group in self.groups:
            repeated = [
                f"{count_word(n)} från {org}"
                for org, n in sorted(
                    group.organisation_counts().items(), key=lambda item: (-item[1], item[0])
                )
                if n > 1
            ]
            mix = ", ".join(repeated) if repeated else "alla från olika organisationer"
            lines.append(f"{group.name}: {group.size} deltagare, {mix}.")
        return lines


def count_word(n: int) -> str:
    """2–10 as Swedish words ("två"), larger numbers as digits."""
    return _NUMBER_WORDS.get(n, str(n))


def group_names(count: int) -> list[str]:
    """``grupp-01`` … zero-padded to the width of ``count`` (at least two digits)."""
    width = max(2, len(str(count)))
    return [f"{GROUP_PREFIX}{i:0{width}d}" for i in range(1, count + 1)]


def _validate(participants: list[Participant], size: int) -> None:
    if not participants:
        raise DomainError("deltagare", "Deltagarlistan är tom.")
    seen: set[str] = set()
    for p in participants:
        if p.anvandare in seen:
            raise DomainError("anvandare", f"Användarnamnet ”{p.anvandare}” finns mer än en gång i listan.")
        seen.add(p.anvandare)
    if size < MIN_SIZE:
        raise DomainError("storlek", f"Gruppstorleken måste vara minst {MIN_SIZE}.")
    if size > len(participants):
        raise DomainError(
            "storlek",
            f"Gruppstorleken ({size}) är större än antalet deltagare ({len(participants)}).",
        )


def form_groups(
    participants: Iterable[Participant | tuple[str, str, str]], size: int, seed: int | None = None
) -> Grouping:
    """Groups of at most ``size`` that mix organisations as much as the numbers allow (see the module docstring).

    ``seed`` shuffles the order within each organisation, the order of organisations of equal size and which
    group gets which name; the same seed gives the same groups. Without a seed :data:`DEFAULT_SEED` is used."""
    people = [Participant(*p) for p in participants]
    _validate(people, size)
    seed = DEFAULT_SEED if seed is None else seed
    rng = random.Random(seed)

    by_org: dict[str, list[Participant]] = {}
    for p in sorted(people, key=lambda p: p.anvandare):  # the input order never matters, only the seed
        by_org.setdefault(p.organisation, []).append(p)
    orgs = sorted(by_org)
    rng.shuffle(orgs)  # ties in size are broken by the seed; the sort below is stable
    orgs.sort(key=lambda org: -len(by_org[org]))
    dealt: list[Participant] = []
    for org in orgs:
        members = by_org[org]
        rng.shuffle(members)
        dealt.extend(members)

    count = math.ceil(len(people) / size)
    buckets: list[list[Participant]] = [[] for _ in range(count)]
    for position, p in enumerate(dealt):
        buckets[position % count].append(p)
    names = group_names(count)
    rng.shuffle(names)
    groups = sorted(
        (
            Group(name, tuple(sorted(bucket, key=lambda p: p.anvandare)))
            for name, bucket in zip(names, buckets, strict=True)
        ),
        key=lambda g: g.name,
    )
    return Grouping(tuple(groups), size, seed)


@dataclass(frozen=True)
class MixFigures:
    """How well a grouping mixes organisations (for reports and the closing note)."""

    participants: int
    groups: int
    smallest: int
    largest: int
    all_different: int  # groups whose members all come from different organisations
    max_same: int  # the highest count of one organisation in one group
    at_bound: bool  # every organisation's highest count per group is ceil(c / G), the best possible
    worst_excess: int  # max over organisations of (highest count per group − ceil(c / G)); 0 when at_bound
    repeat_bound: int  # no grouping has fewer groups with a repeated organisation than this (see mix_figures)

    @property
    def share_all_different(self) -> float:
        return self.all_different / self.groups


def mix_figures(grouping: Grouping) -> MixFigures:
    """Measured on the grouping as formed: sizes, groups with all-different organisations, the largest same-
    organisation count, and how far each organisation is from its pigeonhole bound ceil(c / G).

    ``repeat_bound``: among groupings that keep every organisation at its bound ceil(c / G) = k, an organisation
    with c > G members needs at least ceil((c − G) / (k − 1)) groups holding two or more of it (each group holds
    one, or up to k); so at least the largest such number of groups repeat an organisation. Dealing round-robin
    spreads a large organisation evenly (every group floor or ceil of c / G) and may repeat it in more groups than
    that: the figures show both.
    """
    counts = [g.organisation_counts() for g in grouping.groups]
    totals = grouping.organisation_totals().values()
    excess = max(
        max(c[org] for c in counts) - grouping.best_possible(org) for org in grouping.organisation_totals()
    )
    sizes = [g.size for g in grouping.groups]
    return MixFigures(
        participants=grouping.participants,
        groups=len(grouping.groups),
        smallest=min(sizes),
        largest=max(sizes),
        all_different=sum(1 for c in counts if max(c.values()) == 1),
        max_same=max(max(c.values()) for c in counts),
        at_bound=excess <= 0,
        worst_excess=max(excess, 0),
        repeat_bound=max(
            (
                math.ceil((c - len(counts)) / (math.ceil(c / len(counts)) - 1))
                for c in totals
                if c > len(counts)
            ),
            default=0,
        ),
    )
