"""The messages a client may send, checked before anything acts on them.

Every frame is one JSON object with a `type`; pydantic checks its fields (no extra ones, no
wrong types, bounded text), so the room only ever sees well-formed requests.  Anything else
(not JSON, nested too deep to parse, in no known encoding) is a `ProtocolError` with a
message for the sender, never an exception of another kind.  Nothing here names a file: an
export comes back as text in a message.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from caspian_tabletop.domain.errors import CaspianError

# The largest frame a client may send; anything bigger is refused unread.
MAX_FRAME = 16 * 1024
Text = Annotated[str, Field(max_length=500)]
Actor = Annotated[str, Field(pattern=r"^[A-Z]{2,3}$")]


class ProtocolError(CaspianError):
    """A frame that is not a valid message; its text goes back to the sender."""


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Auth(_Message):
    type: Literal["auth"]
    token: Annotated[str, Field(min_length=1, max_length=200)]


class Order(_Message):
    type: Literal["order"]
    move: Text


class Withdraw(_Message):
    type: Literal["withdraw"]


class Answer(_Message):
    type: Literal["answer"]
    offer_from: Actor
    accept: bool


class Reveal(_Message):
    """The turn and phase the facilitator saw: a reveal meant for one the class has left (a
    second key press) is refused, not applied to the next."""

    type: Literal["reveal"]
    turn: Annotated[int, Field(ge=1, le=1000)]
    phase: Literal["orders", "answers"]


class Override(_Message):
    type: Literal["override"]
    actor: Actor
    force: Literal["success", "failure"]
    reason: Text


class Inject(_Message):
    type: Literal["inject"]
    event: Annotated[str, Field(max_length=100)]
    reason: Text


class Adjust(_Message):
    type: Literal["adjust"]
    kind: Annotated[str, Field(max_length=40)]
    amount: float
    reason: Text
    actor: Actor | None = None
    target: Actor | None = None
    corridor: Annotated[str, Field(max_length=100)] | None = None
    turns: Annotated[int, Field(ge=0, le=100)] | None = None


class Note(_Message):
    type: Literal["note"]
    text: Text


class UndoToTurn(_Message):
    type: Literal["undo_to_turn"]
    turn: Annotated[int, Field(ge=1, le=1000)]


class Pause(_Message):
    type: Literal["pause"]
    paused: bool


class Timer(_Message):
    type: Literal["timer"]
    seconds: Annotated[int, Field(ge=1, le=24 * 3600)] | None


class NameTeam(_Message):
    type: Literal["name_team"]
    actor: Actor
    name: Annotated[str, Field(max_length=120)]


class Export(_Message):
    type: Literal["export"]


Message = Annotated[Order | Withdraw | Answer | Reveal | Override | Inject | Adjust | Note
                    | UndoToTurn | Pause | Timer | NameTeam | Export,
                    Field(discriminator="type")]
_MESSAGE: TypeAdapter[Message] = TypeAdapter(Message)
_AUTH = TypeAdapter(Auth)


def _decode(frame: str | bytes) -> object:
    """JSON, whatever a request's headers claim (bytes: UTF-8, -16 or -32, as JSON allows);
    nesting too deep for the parser is refused like any other bad JSON."""
    if len(frame) > MAX_FRAME:
        raise ProtocolError(f"message too large (at most {MAX_FRAME} bytes)")
    try:
        return json.loads(frame)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise ProtocolError("a message must be one JSON object") from None


def _problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "message"
    return f"bad message: {where}: {first['msg']}"


def parse_message(frame: str | bytes) -> Message:
    """One client frame as a message; raises ProtocolError with what is wrong."""
    data = _decode(frame)
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise ProtocolError("bad message: a message is a JSON object with a 'type'")
    try:
        return _MESSAGE.validate_python(data)
    except ValidationError as exc:
        raise ProtocolError(_problem(exc)) from None


def parse_join(body: bytes) -> str:
    """The code in a `POST /api/join` body, `{"code": "KZ-4Q7M2X"}`."""
    try:
        data = _decode(body)
    except ProtocolError:
        data = None
    code = data.get("code") if isinstance(data, dict) else None
    if not isinstance(code, str) or not 0 < len(code) <= 40:
        raise ProtocolError('send {"code": "KZ-4Q7M2X"}: the code your facilitator gave you')
    return code


def parse_auth(frame: str | bytes) -> Auth:
    """The first frame of a connection: the token `POST /api/join` gave."""
    try:
        return _AUTH.validate_python(_decode(frame))
    except ProtocolError as exc:
        problem = str(exc)
    except ValidationError as exc:
        problem = _problem(exc)
    raise ProtocolError('the first message must be {"type": "auth", "token": ...}: '
                        + problem)
