""" "Delta" (notebooks/75_delta.ipynb): the polls the teacher has opened for the participant, on a page of their
own. Outside the course hub the page says plainly that polls need the hub."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ...store.capability import supports
from ...store.live import LiveStore
from ...ui.controls import html
from ...ui.html import tag
from ..session import wait_for_visit
from .panel import PollPanel

TITLE = "Delta – omröstningar under passet"
INTRO = (
    "Här ser du de omröstningar som läraren har öppnat för dig eller din grupp. Du svarar med ett klick; sidan "
    "visar nya omröstningar av sig själv."
)
NO_HUB = (
    "Omröstningarna behöver kursens JupyterHub: där öppnar läraren omröstningar under passen och du svarar på "
    "den här sidan. På den här servern finns inga omröstningar."
)
_FROM_ENV: Any = object()


class DeltaPage(w.VBox):
    """The Delta page; :attr:`panel` is the participant's poll panel (None outside the hub)."""

    panel: PollPanel | None = None


def delta_app(store: object = _FROM_ENV) -> DeltaPage:
    """Build the page; ``store`` defaults to the kernel's hub store (None outside the hub). The polls are read
    only after the visit has started."""
    intro = html(tag("h1", TITLE) + tag("p", INTRO))
    page = DeltaPage([intro])
    page.add_class("dk-delta")
    wait_for_visit()
    if store is _FROM_ENV:
        from ...store.backend import shared_store

        store = shared_store()
    live = supports(store, LiveStore)
    if live is None:
        intro.value = tag("h1", TITLE) + tag("p", NO_HUB, cls="dk-notice")
        return page
    panel = PollPanel(live, always=True)
    page.children = [intro, panel]
    page.panel = panel
    panel.load()
    return page
