"""Store errors. Their messages are Swedish because views show them to participants as they are."""

from __future__ import annotations


class StoreError(RuntimeError):
    """The store could not do what was asked; ``message`` is Swedish and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class StoreTooNewError(StoreError):
    """The database was written by a newer version of the course environment; it is left untouched."""


class NotFoundError(StoreError, LookupError):
    """The entry (or item) asked for does not exist, e.g. it was deleted in another tab."""


class PermissionDeniedError(StoreError, PermissionError):
    """The shared store refused: not a member of the group, or not the author of the item."""
