"""The harvest for the teacher's presentation mode: the notes the teacher picked on one board, from every group,
in large type, grouped by group, with "Uppdatera". Every text is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

import ipywidgets as w

from ...exercises import load_all
from ...store.groupwork import GroupWork
from ...store.shared import BoardNote
from ...ui.controls import button, html, message, reused
from ...ui.feedback import Message, guarded
from ...ui.html import tag
from ..larlogg.entries import text_html
from ._common import group_work, notice

OUTSIDE = "Skörden finns på kursens JupyterHub."


def course_boards() -> list[tuple[str, str]]:
    """(board id, "module: exercise") of every exercise whose content has a group board, in course order."""
    return [
        (e.id, f"{content.title}: {getattr(e, 'title', e.id)}")
        for content in load_all().values()
        for e in content.exercises
        if getattr(e, "group_board", None) is not None
    ]


def harvest_html(notes: list[BoardNote]) -> str:
    """The picked notes under one heading per group (groups in name order, notes oldest first)."""
    if not notes:
        return tag("p", "Inga lappar i skörden än. Välj dem på gruppernas tavlor med Ta med i skörden.")
    ordered = sorted(notes, key=lambda n: (n.group, n.created, n.id))
    parts = ""
    for group, inside in groupby(ordered, key=lambda n: n.group):
        items = "".join(tag("li", raw=text_html(n.text)) for n in inside)
        parts += tag("h4", f"Gruppen {group}") + tag("ul", raw=items)
    return tag("div", raw=parts, cls="dk-harvest-list")


class HarvestView(w.VBox):
    """The harvest of ``board_id``, or of the board chosen among ``boards`` ((id, title) pairs; by default every
    board in the course's content). :meth:`load` reads it (teachers only: the service refuses others)."""

    def __init__(
        self,
        store: object,
        board_id: str | None = None,
        title: str = "Skörden",
        *,
        boards: Sequence[tuple[str, str]] | None = None,
    ) -> None:
        self.store: GroupWork | None = group_work(store)
        self.fixed = board_id
        self.notes: list[BoardNote] = []
        self.heading = html(tag("h3", title))
        self.body = html()
        self.message: Message = message()
        self.refresh_button = button("Uppdatera", tooltip="Hämta skörden från alla grupper på nytt")
        self.refresh_button.on_click(lambda _: self.load())
        super().__init__(layout=reused("plain"))
        self.add_class("dk-harvest")
        if self.store is None:
            self.children = [self.heading, notice(OUTSIDE)]
            return
        choices = (
            []
            if board_id is not None
            else [(t, i) for i, t in (boards if boards is not None else course_boards())]
        )
        self.board = w.Dropdown(
            description="Tavla", options=choices, layout=w.Layout(width="100%", max_width="48em")
        )
        self.board.style.description_width = "initial"
        self.board.observe(lambda _: self.load(), names="value")
        chooser = [self.board] if board_id is None else []
        self.children = [self.heading, *chooser, self.body, self.message, self.refresh_button]

    @property
    def board_id(self) -> str | None:
        if self.fixed is not None:
            return self.fixed
        return self.board.value if self.store is not None else None

    def load(self) -> None:
        """Read the harvest as it is now (also "Uppdatera")."""
        store, board_id = self.store, self.board_id
        if store is None:
            return
        if board_id is None:
            self.body.value = tag("p", "Det finns ingen tavla att visa skörden från.")
            return
        harvested = guarded(self.message, lambda: store.harvest(board_id))
        if not harvested.ok:
            return  # the message says why; what was shown stays
        self.notes = notes = harvested.value
        self.body.value = harvest_html(notes)
