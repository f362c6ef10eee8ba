"""Per-visit state in preheated kernels.

Voilà's preheated kernels run a notebook before anyone asks for it and cache the page. Anything that depends on
who is visiting or when — today's date, the participant's saved answers and drafts — must be read when the page is
actually requested, or a second tab would show (and could overwrite) stale text. App builders call
:func:`wait_for_visit` after their imports and before reading such state: the heavy imports stay preheated.
"""

from __future__ import annotations

import os


def wait_for_visit() -> None:
    """Block a preheated kernel until its page is requested; return at once in every other mode."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    # Imported only in a preheated kernel, where the ~1 s import is paid before any participant waits.
    from voila.utils import wait_for_request

    wait_for_request()
