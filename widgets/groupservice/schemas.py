"""Request and response bodies of the group service's API (pydantic models; the OpenAPI document is built
from them). Requests are strict: unknown fields (``author``, ``user``) are refused, numbers must be numbers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

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
    step: Annotated[str, Field(pattern=ID_PATTERN, max_length=20)] | None = None
    shared: bool = True


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
    step: str | None = None
    shared: bool = True
    harvested: bool = False


class Poll(BaseModel):
    my_vote: str | None
    tally: dict[str, int]


class Vote(BaseModel):
    group: str
    vote_id: str
    choice: str
    voted: dt.datetime


class HeldAnswer(BaseModel):
    live_id: int
    value: str
    answered: dt.datetime


class HeldQuestion(BaseModel):
    live_id: int
    text: str
    asked: dt.datetime


class HeldDots(BaseModel):
    group: str
    board_id: str
    note_id: int
    dots: int


class HeldCaseVersion(BaseModel):
    group: str
    case_id: str
    name: str
    version: int
    saved_by: str
    saved: dt.datetime


class HeldProgress(BaseModel):
    user: str
    module: str
    done: int
    total: int
    updated: dt.datetime


class MyData(BaseModel):
    name: str
    items: list[SharedItem]
    votes: list[Vote]
    notes: list[BoardNote]
    poll_answers: list[HeldAnswer] = Field(default_factory=list, description="Anonymous ones included.")
    poll_questions: list[HeldQuestion] = Field(default_factory=list)
    dots: list[HeldDots] = Field(default_factory=list)
    case_versions: list[HeldCaseVersion] = Field(default_factory=list)
    progress: list[HeldProgress] = Field(default_factory=list)


class Deleted(BaseModel):
    items: int
    votes: int
    notes: int
    poll_answers: int = 0
    poll_questions: int = 0
    poll_upvotes: int = 0
    dots: int = 0
    progress: int = 0
    case_versions: int = Field(0, description="Versions of group cases the caller saved: kept, name removed.")


class Health(BaseModel):
    status: str


# --- Live polls ---------------------------------------------------------------------------------------------
# Everything a request must satisfy is in its schema (the OpenAPI document is the contract; schemathesis checks
# that schema-valid data is accepted). Refusals that depend on the poll's current state are 409, not 422.

Kind = Literal["choice", "scale", "words", "open", "qa"]
State = Literal["open", "closed"]
Int = Annotated[int, BeforeValidator(_integral)]
ShortText = Annotated[
    str, Field(min_length=1, max_length=200, pattern=TEXT_PATTERN), AfterValidator(_storable)
]
Label = Annotated[str, Field(max_length=100), AfterValidator(_storable)]
OptionalId = Annotated[str, Field(pattern=ID_PATTERN, max_length=100)] | None
Question = Annotated[
    str, Field(min_length=1, max_length=500, pattern=TEXT_PATTERN), AfterValidator(_storable)
]


def _distinct(options: list[str]) -> list[str]:
    if len(set(options)) != len(options):
        raise PydanticCustomError("unique_items", "options must differ")
    return options


class ScaleSpec(_Request):
    min: Int = Field(ge=0, le=1, description="0 or 1")
    max: Int = Field(ge=2, le=10)
    min_label: Label = ""
    max_label: Label = ""


class _PollBase(_Request):
    question: Question
    anonymous: bool = False
    group: OptionalId = Field(None, description="null: the whole session (everyone on the hub)")
    module: OptionalId = None
    source: OptionalId = Field(None, description="The id of a prepared poll in exercises/")
    session: OptionalId = None
    state: State = "open"


class ChoicePoll(_PollBase):
    kind: Literal["choice"]
    options: Annotated[
        list[ShortText],
        Field(min_length=2, max_length=10, json_schema_extra={"uniqueItems": True}),
        AfterValidator(_distinct),
    ]


class ScalePoll(_PollBase):
    kind: Literal["scale"]
    scale: ScaleSpec


class WordsPoll(_PollBase):
    kind: Literal["words"]
    filter: list[Annotated[str, Field(min_length=1, max_length=40), AfterValidator(_storable)]] = Field(
        default_factory=list, max_length=200, description="Answers containing one of these words are refused"
    )


class OpenPoll(_PollBase):
    kind: Literal["open"]


class QaPoll(_PollBase):
    kind: Literal["qa"]


PollRequest = Annotated[ChoicePoll | ScalePoll | WordsPoll | OpenPoll | QaPoll, Field(discriminator="kind")]


class PollChange(_Request):
    state: State | None = None
    revealed: bool | None = None


class AnswerRequest(_Request):
    value: Annotated[str, Field(min_length=1, max_length=2_000), AfterValidator(_storable)]


class QuestionRequest(_Request):
    text: Annotated[str, Field(min_length=1, max_length=500, pattern=TEXT_PATTERN), AfterValidator(_storable)]


class Moderation(_Request):
    hidden: bool


class ScaleOut(BaseModel):
    min: int
    max: int
    min_label: str
    max_label: str


class PollOut(BaseModel):
    id: int
    kind: Kind
    question: str
    options: list[str]
    scale: ScaleOut | None
    filter: list[str]
    anonymous: bool
    group: str | None
    module: str | None
    source: str | None
    session: str | None
    state: State
    revealed: bool
    created: dt.datetime
    created_by: str
    version: int


class AnswerOut(BaseModel):
    id: int
    text: str
    hidden: bool
    author: str | None = Field(description="Only for the teacher, only in a named poll.")


class QuestionOut(BaseModel):
    id: int
    text: str
    upvotes: int
    hidden: bool
    author: str | None
    mine: bool


class WordCount(BaseModel):
    text: str
    count: int


class ResultsOut(BaseModel):
    poll: PollOut
    version: int
    respondents: int
    counts: dict[str, int]
    mean: float | None
    words: list[WordCount]
    answers: list[AnswerOut]
    questions: list[QuestionOut]


class ActivePollOut(BaseModel):
    poll: PollOut
    my_answer: str | None
    my_upvotes: list[int]
    questions: list[QuestionOut]
    results: ResultsOut | None


class ActiveOut(BaseModel):
    token: str = Field(description="Changes whenever what the caller sees here changes; pass it as `after`.")
    polls: list[ActivePollOut]


class Asked(BaseModel):
    id: int


# --- Group work ---------------------------------------------------------------------------------------------


class VoteStateOut(BaseModel):
    my_vote: str | None
    tally: dict[str, int] | None = Field(
        description="Null until the caller has voted or the teacher revealed it."
    )
    revealed: bool
    voters: int
    members: int


class RevealRequest(_Request):
    revealed: bool


class NoteChange(_Request):
    shared: bool | None = None
    harvested: bool | None = None
    text: Text | None = None


class Dots(_Request):
    note_id: Int = Field(ge=0, le=MAX_ROW_ID)
    dots: Int = Field(ge=1, le=5)


class DotsRequest(_Request):
    dots: list[Dots] = Field(
        max_length=5, description="The caller's dots on this board (replacing earlier ones)"
    )


class DotsOut(BaseModel):
    note_id: int
    dots: int


class DotStateOut(BaseModel):
    mine: list[DotsOut]
    voters: int
    members: int
    revealed: bool
    tally: list[DotsOut] | None


def _storable_json(value: Any) -> Any:
    """Every text in a JSON document (keys included) must be storable: no half surrogate pairs (NUL is kept, as
    the document is stored with escapes)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise PydanticCustomError("not_utf8", "not storable as UTF-8") from None
    return value


class CaseSave(_Request):
    base_version: Int = Field(
        ge=0, le=MAX_ROW_ID, description="The version the save builds on; 0 for a new case"
    )
    name: Annotated[str, Field(min_length=1, max_length=200, pattern=TEXT_PATTERN), AfterValidator(_storable)]
    data: Annotated[dict[str, Any], AfterValidator(_storable_json)]


class CaseVersionOut(BaseModel):
    case_id: str
    name: str
    version: int
    saved_by: str
    saved: dt.datetime


class CaseOut(CaseVersionOut):
    data: dict[str, Any]


class ProgressRequest(_Request):
    done: Int = Field(ge=0, le=10_000, description="Exercises done")
    todo: Int = Field(ge=0, le=10_000, description="Exercises not done yet (total = done + todo)")


class ProgressOut(BaseModel):
    user: str
    module: str
    done: int
    total: int
    updated: dt.datetime


class Members(BaseModel):
    members: list[str]
