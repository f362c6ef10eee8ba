"""The accessibility statement against reality: its known shortcomings found by an automatic check compared with
what that check reported per page (the browser tests' record, ``notebook -> rule ids``).

Two checks feed the statement: axe-core (``found_by: axe``, a rule id per violation) and the reflow test at 320 CSS
px (``found_by: omflode``, rule :data:`REFLOW`). A finding on a page that no shortcoming lists is *undisclosed*; a
listed shortcoming the check no longer finds on its pages is *stale* and must be removed. Both fail the test."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass

from .pages import Shortcoming, Statement

REFLOW = "omflode"  # the reflow test's one "rule": content needs sideways scrolling at 320 CSS px
CHECKS = {"axe": "axe-core", REFLOW: "omflödestestet (320 px)"}


def rule_of(item: Shortcoming) -> str | None:
    """The rule id a check reports for this shortcoming; None for manual findings."""
    if item.found_by == "axe":
        return item.axe_rule
    return REFLOW if item.found_by == REFLOW else None


@dataclass(frozen=True)
class Comparison:
    check: str
    undisclosed: tuple[tuple[str, str], ...]  # (notebook, rule) found but not listed
    stale: tuple[tuple[str, str], ...]  # (shortcoming id, notebook) listed but not found there
    unscanned: tuple[str, ...]  # pages a listed shortcoming names that were not checked at all

    @property
    def ok(self) -> bool:
        return not (self.undisclosed or self.stale or self.unscanned)

    def explain(self) -> str:
        name = CHECKS[self.check]
        lines = [
            f"{nb}: {name} hittar {rule}, men tillgänglighetsredogörelsen listar det inte"
            for nb, rule in self.undisclosed
        ]
        lines += [
            f"{sid}: listad brist som {name} inte längre hittar på {nb} – ta bort den ur redogörelsen"
            for sid, nb in self.stale
        ]
        lines += [f"{nb}: sidan har inte kontrollerats med {name}" for nb in self.unscanned]
        return "\n".join(lines)


def compare(statement: Statement, record: Mapping[str, Set[str]], check: str = "axe") -> Comparison:
    """Compare the shortcomings found by ``check`` with ``record`` (every page checked at least once)."""
    listed = [s for s in statement.shortcomings if s.found_by == check]
    undisclosed = sorted(
        (nb, rule)
        for nb, rules in record.items()
        for rule in rules
        if not any(rule_of(s) == rule and (not s.pages or nb in s.pages) for s in listed)
    )
    stale: list[tuple[str, str]] = []
    unscanned: set[str] = set()
    for s in listed:
        pages = s.pages or tuple(record)
        unscanned.update(nb for nb in pages if nb not in record)
        found = [nb for nb in pages if rule_of(s) in record.get(nb, ())]
        if s.pages:
            stale += [(s.id, nb) for nb in pages if nb in record and nb not in found]
        elif not found:
            stale.append((s.id, "alla sidor"))
    return Comparison(check, tuple(undisclosed), tuple(stale), tuple(sorted(unscanned)))
