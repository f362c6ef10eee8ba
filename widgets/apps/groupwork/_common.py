"""What the group tools share: whether the store can do group work, the group chooser, short names of notes.

:func:`group_work` checks the store's type, never the instance: on Python 3.11 ``isinstance(store, GroupWork)``
reads every property of the protocol, and ``HubSharedStore.user`` asks the group service over the network."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import ipywidgets as w

from ...store.capability import supports
from ...store.groupwork import GroupWork
from ...ui.controls import html
from ...ui.feedback import Message, guarded
from ...ui.held import unheard
from ...ui.html import tag

#: Members of the protocol a store must have for the group tools (properties and methods).
NO_GROUP = "Du är inte med i någon grupp än. Läraren delar in deltagarna i grupper på kursens JupyterHub."
NO_GROUPS_TEACHER = "Det finns inga grupper på kursens JupyterHub än."


def group_work(store: object) -> GroupWork | None:
    """``store`` when it offers group work (the group service on the course's JupyterHub), else None."""
    return supports(store, GroupWork)


def short(text: str, width: int = 48) -> str:
    """A note's text cut to fit a button's or a field's name (``Ta bort lappen: Fler e-tjänster …``)."""
    return textwrap.shorten(" ".join(text.split()), width, placeholder=" …") or "(tom lapp)"


def notice(text: str) -> w.HTML:
    return html(tag("p", text, cls="dk-muted"))


class GroupChooser(w.VBox):
    """Which group a tool shows: a labelled dropdown when there is a choice (several groups, or a teacher), a
    line of text when there is one group. :meth:`load` reads the groups (after the visit has started)."""

    def __init__(
        self, store: GroupWork, message: Message, on_change: Callable[[], None], group: str | None = None
    ) -> None:
        self.store = store
        self._message = message
        self._on_change = on_change
        self.fixed = group  # given by the page: no choice offered
        self.groups: list[str] = []
        self.teacher = False
        self.dropdown = w.Dropdown(description="Grupp", options=[], style={"description_width": "initial"})
        self.dropdown.observe(self._changed, names="value")
        super().__init__()

    @property
    def group(self) -> str | None:
        if self.fixed is not None:
            return self.fixed
        return self.dropdown.value if self.groups else None

    def load(self) -> bool:
        """Read who the user is and their groups; False (the message says why) if the service did not answer."""
        found = guarded(self._message, lambda: (self.store.teacher, list(self.store.visible_groups())))
        if not found.ok:
            return False
        self.teacher, groups = found.value
        if self.fixed is not None:
            self.groups = [self.fixed]
            self.children = []
            return True
        self.groups = groups
        current = self.dropdown.value if self.dropdown.value in groups else (groups[0] if groups else None)
        with unheard(self.dropdown, self._changed):  # new options pass through the first one: not a choice
            self.dropdown.options = groups
            self.dropdown.value = current
        if not groups:
            self.children = [notice(NO_GROUPS_TEACHER if self.teacher else NO_GROUP)]
        elif len(groups) == 1 and not self.teacher:
            self.children = [html(tag("p", raw=tag("strong", "Din grupp: ") + tag("span", groups[0])))]
        else:
            self.children = [self.dropdown]
        return True

    def _changed(self, _change) -> None:
        self._on_change()
