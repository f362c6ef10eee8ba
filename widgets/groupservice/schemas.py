"""Request and response bodies of the group service's API (pydantic models; the OpenAPI document is built
from them). Requests are strict: unknown fields (``author``, ``user``) are refused, numbers must be numbers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

MAX_TEXT = 20_000  # characters of a shared entry or a note
MAX_ID = 2**63 - 1

# Identifiers in paths and queries: groups, polls, boards, modules.
ID_PATTERN = r"^[\w.-]{1,100}$"
# Text that is not blank and holds no NUL character (PostgreSQL cannot store one).
TEXT_PATTERN = r"^[^\x00]*[^\s\x00][^\x00]*$"


def _storable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError("not_utf8", "not storable as UTF-8") from None
    return value


Text = Annotated[
    str, Field(min_length=1, max_length=MAX_TEXT, pattern=TEXT_PATTERN), AfterValidator(_storable)
]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ShareRequest(_Request):
    source_id: int = Field(ge=0, le=MAX_ID, description="The entry's id in the author's personal store.")
    module: str = Field(pattern=ID_PATTERN, max_length=100, examples=["modul1"])
    prompt: Annotated[str, Field(max_length=2_000, pattern=r"^[^\x00]*$"), AfterValidator(_storable)] | None
    text: Text


class VoteRequest(_Request):
    choice: Annotated[
        str, Field(min_length=1, max_length=200, pattern=TEXT_PATTERN), AfterValidator(_storable)
    ]


class NoteRequest(_Request):
    text: Text


class ErrorBody(BaseModel):
    message: str = Field(description="Swedish, safe to show to the user as it is.")
    field: str | None = Field(description="The request field that was wrong, or null.")


class Me(BaseModel):
    name: str
    groups: list[str] = Field(
        description="Course groups the caller is a member of (not the teachers' group)."
    )
    teacher: bool


class SharedItem(BaseModel):
    id: int
    group: str
    author: str
    source_id: int
    module: str
    prompt: str | None
    text: str
    shared: dt.datetime


class BoardNote(BaseModel):
    id: int
    group: str
    board_id: str
    author: str
    text: str
    created: dt.datetime


class Poll(BaseModel):
    my_vote: str | None
    tally: dict[str, int]


class Vote(BaseModel):
    group: str
    poll_id: str
    choice: str
    voted: dt.datetime


class MyData(BaseModel):
    name: str
    items: list[SharedItem]
    votes: list[Vote]
    notes: list[BoardNote]


class Deleted(BaseModel):
    items: int
    votes: int
    notes: int


class Health(BaseModel):
    status: str
