"""Whether a store offers a protocol's calls, decided by its class alone.

``isinstance(store, SomeProtocol)`` with a runtime-checkable protocol reads every member on Python 3.11 —
properties included — and the hub store's ``user`` and ``teacher`` are calls to the group service. A page built in
a preheated kernel must not call the service before the visit, and a page outside the hub must not try at all;
this check looks only at the class."""

from __future__ import annotations

import inspect
from typing import TypeVar

P = TypeVar("P")


def supports(store: object, protocol: type[P]) -> P | None:
    """``store`` when its class has every public member of ``protocol``, else None (no attribute is read)."""
    if store is None:
        return None
    kind = type(store)
    for name in vars(protocol):
        if name.startswith("_"):
            continue
        try:
            inspect.getattr_static(kind, name)
        except AttributeError:
            return None
    return store  # type: ignore[return-value]
