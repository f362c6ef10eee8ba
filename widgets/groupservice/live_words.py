"""The word filter of a word cloud: an answer is refused when one of its words is on the poll's list."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def refused_word(text: str, blocked: list[str]) -> bool:
    """True when a word of ``text`` (case ignored) equals a blocked word, or contains one of at least four
    letters (so a filtered word cannot be slipped in as part of a compound)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    for entry in blocked:
        bad = entry.strip().casefold()
        if not bad:
            continue
        if any(w == bad or (len(bad) >= 4 and bad in w) for w in words):
            return True
    return False
