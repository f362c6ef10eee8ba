"""Rules that span both stores: sharing is an explicit act per entry, unsharing removes the shared copy.

The two stores are separate files (later: a separate service), so these steps cannot be one transaction. The
order is chosen so that a failure half-way never leaves text visible to the group that the participant
believes private: share to the group first and mark the entry after; unshare from the group first and clear
the mark after."""

from __future__ import annotations

from .models import DeletedCounts, Entry
from .personal import PersonalStore
from .shared import SharedItem, SharedStore


def share_entry(personal: PersonalStore, shared: SharedStore, entry_id: int, group: str) -> SharedItem:
    """Share one entry with a group (again after an edit, to update the group's copy)."""
    entry = personal.entry(entry_id)
    if entry.shared_with and entry.shared_with != group.strip():
        shared.unshare_entry(entry.shared_with, entry.id)
    item = shared.share_entry(
        group, source_id=entry.id, module=entry.module, prompt=entry.prompt, text=entry.text
    )
    personal.set_shared(entry.id, item.group)
    return item


def unshare_entry(personal: PersonalStore, shared: SharedStore, entry_id: int) -> Entry:
    """Make a shared entry private again: the group's copy is removed."""
    entry = personal.entry(entry_id)
    if entry.shared_with:
        shared.unshare_entry(entry.shared_with, entry.id)
    return personal.set_shared(entry.id, None)


def delete_entry(personal: PersonalStore, shared: SharedStore | None, entry_id: int) -> bool:
    """Delete an entry; if it was shared, the group's copy goes first."""
    try:
        entry = personal.entry(entry_id)
    except LookupError:
        return False
    if entry.shared_with and shared is not None:
        shared.unshare_entry(entry.shared_with, entry.id)
    return personal.delete_entry(entry_id)


def delete_all_my_data(personal: PersonalStore, shared: SharedStore | None) -> DeletedCounts:
    """Everything in the personal store and all the user put in the shared store ("radera allt")."""
    shared_counts = shared.delete_my_data() if shared is not None else {}
    counts = personal.delete_all_my_data()
    return DeletedCounts(
        entries=counts.entries,
        revisions=counts.revisions,
        drafts=counts.drafts,
        answers=counts.answers,
        cases=counts.cases,
        shared=shared_counts,
    )
