"""Request and response bodies of the group service's API (pydantic models; the OpenAPI document is built
from them). Requests are strict: unknown fields (``author``, ``user``) are refused, numbers must be numbers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

MAX_TEXT = 20_000  # characters of a shared entry or a note
MAX_ROW_ID = 2**31 - 1  # the service's own row ids (PostgreSQL integer)
MAX_ID = 2**53 - 1  # exact in every JSON parser (JavaScript's Number.MAX_SAFE_INTEGER)

# Identifiers in paths and queries: groups, polls, boards, modules.
ID_PATTERN = r"^[A-Za-z0-9_.ÅÄÖåäöÉéÜü-]{1,100}$"
# Text that is not blank: somewhere a character that is not ASCII whitespace (the same in every regex dialect).
TEXT_PATTERN = r"[^ \t\n\r\f\v]"


def _storable(value: str) -> str:
    """PostgreSQL cannot store a NUL character, and nothing can store half a surrogate pair."""
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError("not_utf8", "not storable as UTF-8") from None
    return value


def _integral(value: object) -> object:
    """JSON Schema counts 3.0 as an integer; so does the API (a string never is)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Text = Annotated[
    str, Field(min_length=1, max_length=MAX_TEXT, pattern=TEXT_PATTERN), AfterValidator(_storable)
]


class _Request(BaseModel):
    """Text fields refuse NUL characters too (422), which JSON Schema cannot say."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ShareRequest(_Request):
    source_id: Annotated[int, BeforeValidator(_integral)] = Field(
        ge=0, le=MAX_ID, description="The entry's id in the author's personal store."
    )
    module: str = Field(pattern=ID_PATTERN, max_length=100, examples=["modul1"])
    prompt: Annotated[str, Field(max_length=2_000), AfterValidator(_storable)] | None
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


class Groups(BaseModel):
    groups: list[str] = Field(description="A teacher: every course group on the hub; anyone else: their own.")


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
