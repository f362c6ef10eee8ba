"""A box whose widgets are built the first time it is shown.

The browser creates every ipywidget that exists in the kernel (three models each: widget, layout, style) before a
Voilà page shows, whether it is on screen or not. A tab nobody has opened should therefore not exist yet: a
:class:`BuiltWhenShown` starts empty and its owner calls :meth:`~BuiltWhenShown.ensure_built` when it is shown
(the Nyttokalkyl's tabs: :meth:`widgets.apps.nyttokalkyl.app.NyttokalkylApp._refresh_visible`). State that
others read before that (a proposed name, the last result) lives in plain attributes, not in widgets.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w


class BuiltWhenShown(w.VBox):
    """Subclasses create their widgets in :meth:`build` (called once) and return the box's children."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._built = False

    @property
    def built(self) -> bool:
        return self._built

    def ensure_built(self) -> None:
        if not self._built:
            self._built = True
            self.children = tuple(self.build())

    def build(self) -> Sequence[w.Widget]:
        raise NotImplementedError
