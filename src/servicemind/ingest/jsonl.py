"""servicemind JSONL: one conversation per line.

``{"id", "channel", "meta", "turns": [{"role", "text", "author", "time", "meta"}]}``; only
``turns[].role`` and ``turns[].text`` are required. ``turns`` and a turn's ``role``,
``text``, ``author`` and ``time`` are looked up as the long CSV reader looks up its columns
(:mod:`._fields`: ``messages``, ``Content``, ``sender_type``, ``Created At``, ...; two
candidates reject the record, naming both). A file that is
one JSON document (an array of conversations, ``{"conversations": [...]}``, pretty-printed
objects) is scanned record by record (``_jsonstream``). A missing id gets a stable id derived
from the content. Unknown keys (for example the analysis that ``servicemind analyze`` adds)
are ignored, so analysed output can be read back. Blank lines are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from servicemind.conversation import Conversation
from servicemind.errors import RecordError
from servicemind.ingest._fields import candidates, normalise
from servicemind.ingest._jsonstream import RawItem, iter_json_outcomes
from servicemind.ingest._records import (
    Outcome,
    Reject,
    TurnAt,
    conversation_outcomes,
    json_document,
    json_value,
    open_text,
    opt_dict,
    opt_str,
    parse_role,
    record_outcomes,
    req_list,
    req_obj,
    req_str,
    turn_time,
)

__all__ = ["ALIASED_KEYS", "OPTIONS", "conversation_from_obj", "outcomes_from_obj", "read_jsonl"]

OPTIONS: tuple[str, ...] = ()
#: The keys looked up under other names too (chat-style exports write
#: ``{"messages": [{"role": "user", "content": ...}]}``); the names are ``_fields.ALIASES``.
ALIASED_KEYS: tuple[str, ...] = ("turns", "role", "text", "author", "time")
#: Optional keys: a candidate under another name whose value is not text (``"agent":
#: {...}``) is some other key of the source, left alone as before.
_OPTIONAL = frozenset({"author", "time"})
_TURN_KEYS = ALIASED_KEYS[1:]  # role, text, author, time


def read_jsonl(path: Path, options: Mapping[str, Any]) -> Iterator[Outcome]:
    if _is_document(path):
        yield from iter_json_outcomes(path, ("conversations",), _from_item)
        return
    file = str(path)
    with open_text(path) as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            yield from record_outcomes(
                partial(_build, line, number), file=file, line=number, raw=line
            )


def _is_document(path: Path) -> bool:
    """A JSON array of conversations (or ``{"conversations": [...]}``, or pretty-printed
    objects) is scanned record by record instead of line by line."""
    with open_text(path) as fh:
        for line in fh:
            if line.strip():
                return json_document(line.lstrip() + next(fh, ""))
    return False


def _build(line: str, number: int) -> list[Outcome]:
    """The conversation of one line, after a Reject for each turn without text."""
    return _outcomes(json_value(line, number))


def _from_item(value: object, item: RawItem) -> list[Outcome]:
    return _outcomes(value)


def outcomes_from_obj(value: object) -> list[Outcome]:
    """What :func:`read_jsonl` makes of one parsed record: a :class:`Reject` for each turn
    without text and each time that is no time, then the conversation; a record left
    with no message raises :class:`RecordError` (the HTTP API's ``/v1/analyze`` checks
    its conversations with this, so it accepts what the CLI accepts)."""
    return _outcomes(value)


def _outcomes(value: object) -> list[Outcome]:
    obj = req_obj(value, None)
    warnings: list[Reject] = []
    turns = _turns(obj, warnings)
    return conversation_outcomes(
        turns,
        field=_key(obj, "turns", ""),
        id=opt_str(obj, "id", "id"),
        warnings=warnings,
        **_header(obj),
    )


def conversation_from_obj(value: Any) -> Conversation:
    """Build a conversation from one parsed servicemind JSON object (fields are validated;
    turns without text are kept, unlike :func:`read_jsonl`)."""
    obj = req_obj(value, None)
    return Conversation.from_turns(
        [turn for turn, _ in _turns(obj)], id=opt_str(obj, "id", "id"), **_header(obj)
    )


def _header(obj: dict[str, Any]) -> dict[str, Any]:
    return {"channel": opt_str(obj, "channel", "channel"), "meta": opt_dict(obj, "meta", "meta")}


def _turns(
    obj: dict[str, Any], warnings: list[Reject] | None = None
) -> list[tuple[dict[str, Any], TurnAt]]:
    """The turns of ``obj``; a time that is no time is set to null, with a warning in
    ``warnings`` (see :func:`turn_time`)."""
    turns: list[tuple[dict[str, Any], TurnAt]] = []
    key = _key(obj, "turns", "")
    if key not in obj and _key(obj, "role", "") in obj:
        raise RecordError(
            "'turns' is missing: this object looks like one turn, not a conversation",
            field="turns",
            hint='a conversation is {"id": ..., "turns": [{"role": ..., "text": ...}, ...]}',
        )
    for i, t in enumerate(req_list(obj, key, key)):
        where = f"{key}[{i}]"
        tobj = req_obj(t, where)
        role, text, author, time = _keys(tobj, _TURN_KEYS, f"{where}.")
        turn = {
            "role": parse_role(req_str(tobj, role, f"{where}.{role}"), f"{where}.{role}"),
            "text": req_str(tobj, text, f"{where}.{text}"),
            "author": opt_str(tobj, author, f"{where}.{author}"),
            "time": None,
            "meta": opt_dict(tobj, "meta", f"{where}.meta"),
        }
        at = TurnAt(f"{where}.{text}", tobj)
        turn["time"], bad = turn_time(
            opt_str(tobj, time, f"{where}.{time}"), f"{where}.{time}", as_written=True
        )
        if bad is not None and warnings is not None:
            warnings.append(at.about(bad))
        turns.append((turn, at))
    return turns


def _key(obj: Mapping[str, Any], key: str, where: str) -> str:
    """The key that holds ``key`` in ``obj``: its one candidate (itself or a variant, else
    an alias; see :mod:`._fields`), else ``key`` for the "missing" error. Two candidates
    are an error naming both."""
    return _keys(obj, (key,), where)[0]


def _keys(obj: Mapping[str, Any], keys: tuple[str, ...], where: str) -> tuple[str, ...]:
    """:func:`_key` of each of ``keys``."""
    out = []
    for key, found in zip(keys, _candidates(tuple(obj), keys), strict=True):
        if key in _OPTIONAL and found and found != (key,):
            found = tuple(k for k in found if k == key or _is_text(obj[k]))
        if len(found) > 1:
            both = " and ".join(f"'{k}'" for k in found)
            fix = "keep one" if normalise(found[0]) == key else f"add a '{key}' key"
            raise RecordError(
                f"{both} could both be the '{key}'; {fix}", field=f"{where}{found[0]}"
            )
        out.append(found[0] if found else key)
    return tuple(out)


@lru_cache(maxsize=256)
def _candidates(names: tuple[str, ...], keys: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Cached on the object's keys: the records of a file repeat the same few key sets."""
    return tuple(tuple(candidates(key, names)) for key in keys)


def _is_text(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)
