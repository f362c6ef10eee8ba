"""Writing several controls of one view at once, so that its observers see the whole new state.

Setting a widget's value fires its observers at once; a view that shows a saved row control by control would
otherwise react to half-written rows (the new text beside the old date). :func:`held` defers the notifications
(traitlets' ``hold_trait_notifications``, one per widget) to the end of the block: they still arrive, so the
observers must treat a value equal to the saved one as nothing to do. Where no such comparison fits,
:func:`unheard` detaches the one observer while the view writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from traitlets import HasTraits


@contextmanager
def held(*widgets: HasTraits | None) -> Iterator[None]:
    """Hold the change notifications of ``widgets`` (None is skipped) until every one of them is set."""
    with ExitStack() as stack:
        for widget in widgets:
            if widget is not None:
                stack.enter_context(widget.hold_trait_notifications())
        yield


@contextmanager
def unheard(widget: HasTraits, handler: Callable[[Any], None], name: str = "value") -> Iterator[None]:
    """Write ``widget``'s ``name`` without ``handler`` hearing it, for a value the view sets itself and must not act
    on even in passing (a Dropdown given new options first moves to the first one; a text box emptied after its
    text is saved). Only this handler on this widget is detached; the widget's other observers still run."""
    widget.unobserve(handler, names=name)
    try:
        yield
    finally:
        widget.observe(handler, names=name)
