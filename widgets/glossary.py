"""The course's glossary (``data/ordlista.yaml``): one spelling per term in everything a participant reads.

:func:`variants_in` finds the spellings to avoid in a text (whole words, any case), so a test can check the
content files and the Swedish strings in the code against it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import content
from .paths import DATA_DIR

GLOSSARY_FILE = DATA_DIR / "ordlista.yaml"


@dataclass(frozen=True)
class Term:
    term: str
    avoid: tuple[str, ...]
    why: str

    @property
    def pattern(self) -> re.Pattern[str]:
        words = "|".join(re.escape(a) for a in sorted(self.avoid, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def load_glossary(path: Path | str = GLOSSARY_FILE) -> tuple[Term, ...]:
    """Read the glossary; mistakes raise :class:`~widgets.errors.ContentError` (``file: field: message``)."""
    data = content.load_yaml(Path(path), "glossary")
    return tuple(Term(t["term"], tuple(t["avoid"]), t["why"]) for t in data["terms"])


@cache
def default_glossary() -> tuple[Term, ...]:
    return load_glossary()


def variants_in(text: str, terms: tuple[Term, ...] | None = None) -> list[tuple[str, Term]]:
    """Each spelling to avoid found in ``text``, as ``(the text found, the term to use instead)``."""
    found = []
    for term in terms if terms is not None else default_glossary():
        found += [(m.group(0), term) for m in term.pattern.finditer(" ".join(text.split()))]
    return found
