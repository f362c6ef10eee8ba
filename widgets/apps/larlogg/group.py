"""What the participant's group has shared in a module, below the lärlogg (only where a shared store has groups,
i.e. on the course's JupyterHub). Every text is escaped; the list is read after the visit has started and again
with "Uppdatera"."""

from __future__ import annotations

import ipywidgets as w

from ...store import SharedItem, SharedStore
from ...ui.controls import button, html, message
from ...ui.feedback import guarded
from ...ui.html import tag
from .entries import text_html, when_text


def item_html(item: SharedItem, me: str | None) -> str:
    who = "Du" if me is not None and item.author == me else item.author
    head = tag("p", raw=tag("strong", f"{who} · {when_text(item.shared)}"))
    if item.prompt:
        head += tag("p", f"Fråga: {item.prompt}", cls="dk-muted")
    return head + tag("blockquote", raw=text_html(item.text), cls="dk-entry-text")


def group_html(group: str, items: list[SharedItem], me: str | None) -> str:
    body = tag("h3", f"Delat i gruppen {group}")
    if not items:
        return body + tag("p", "Ingen i gruppen har delat något från den här modulen än.", cls="dk-muted")
    return body + tag("ul", raw="".join(tag("li", raw=item_html(i, me)) for i in items))


class GroupShared(w.VBox):
    """The entries the user's groups have shared in ``module``; empty (nothing shown) without a group."""

    def __init__(self, shared: SharedStore | None, module: str) -> None:
        self.shared = shared
        self.module = module
        self.groups: list[str] = []
        self.list = html()
        self.message = message()
        self.refresh_button = button("Uppdatera", tooltip="Hämta det gruppen har delat från den här modulen")
        self.refresh_button.on_click(lambda _: self.refresh())
        super().__init__()
        self.add_class("dk-group-shared")

    def show(self, groups: list[str]) -> None:
        """Show the groups' shared entries (call after the visit has started, with the user's groups)."""
        self.groups = list(groups)
        if self.shared is None or not self.groups:
            self.children = []
            return
        self.children = [self.list, self.message, w.HBox([self.refresh_button])]
        self.refresh()

    def refresh(self) -> None:
        if self.shared is None or not self.groups:
            return
        me = guarded(self.message, lambda: self.shared.user).value_or(None)
        parts = []
        for group in self.groups:
            items = guarded(self.message, lambda g=group: self.shared.shared_items(g, self.module))
            if not items.ok:
                return  # the message says why; what was shown stays
            parts.append(group_html(group, items.value, me))
        self.list.value = "".join(parts)
