"""Persistence behind small interfaces: the personal store, the shared (group) store and lärlogg export.

Views receive a store object and never open files themselves."""

from .errors import NotFoundError, PermissionDeniedError, StoreError, StoreTooNewError
from .models import (
    Answer,
    DeletedCounts,
    Draft,
    Entry,
    ModuleProgress,
    Revision,
    SavedCase,
    local,
)
from .personal import CaseStore, PersonalStore
from .shared import BoardNote, LocalSharedStore, MySharedData, SharedItem, SharedStore, Vote

__all__ = [
    "Answer",
    "BoardNote",
    "CaseStore",
    "DeletedCounts",
    "Draft",
    "Entry",
    "LocalSharedStore",
    "ModuleProgress",
    "MySharedData",
    "NotFoundError",
    "PermissionDeniedError",
    "PersonalStore",
    "Revision",
    "SavedCase",
    "SharedItem",
    "SharedStore",
    "StoreError",
    "StoreTooNewError",
    "Vote",
    "local",
]
