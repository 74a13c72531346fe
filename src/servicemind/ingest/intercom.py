"""Intercom conversation export JSON.

Accepted layouts: a list of conversations, ``{"conversations": [...]}`` (the list API),
one conversation per line, or a single conversation. A conversation is ``{"id",
"created_at", "source": {"body", "author": {"type", "id", "name"}}, "conversation_parts":
{"conversation_parts": [{"id", "part_type", "body", "created_at", "author"}]}}`` (a plain
list of parts is accepted too). The source message is the first turn. Author types
``user``, ``lead`` and ``contact`` are customer turns, ``admin`` and ``teammate`` agent
turns, ``bot`` bot turns. Bodies are HTML and are turned into plain text. ``note`` parts
are internal (``meta["public"] = false``), so a teammate's note is a ``system`` turn, not
scored or coached; parts without a body (assignments, open and
close events) are not turns and are counted in the conversation's ``meta["events"]``.
Times (Unix seconds) become ISO-8601. The id is ``intercom-<id>``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from servicemind.conversation import Role
from servicemind.errors import RecordError
from servicemind.ingest._html import html_to_text
from servicemind.ingest._jsonstream import RawItem, iter_json_outcomes
from servicemind.ingest._records import (
    NestedTurns,
    Outcome,
    TurnAt,
    opt_dict,
    opt_str,
    req_obj,
    req_str,
)

__all__ = ["AUTHOR_ROLES", "OPTIONS", "read_intercom"]

OPTIONS: tuple[str, ...] = ()
AUTHOR_ROLES: dict[str, Role] = {
    "user": Role.CUSTOMER,
    "lead": Role.CUSTOMER,
    "contact": Role.CUSTOMER,
    "admin": Role.AGENT,
    "teammate": Role.AGENT,
    "bot": Role.BOT,
}
_TURN_PARTS = frozenset({"comment", "note"})


def read_intercom(path: Path, options: Mapping[str, Any]) -> Iterator[Outcome]:
    return iter_json_outcomes(path, ("conversations",), _build)


def _build(value: object, item: RawItem) -> list[Outcome]:
    conv = req_obj(value, None)
    conv_id = req_str(conv, "id", "id")
    source = opt_dict(conv, "source", "source")
    turns = NestedTurns()  # a bad part is left out on its own, a bad time only loses the time
    if "body" in source:  # an empty first message is reported like any empty turn
        build = partial(_turn, source, "source", "comment", conv.get("created_at"))
        turns.add(TurnAt("source.body", source), build, "created_at")
    parts_value = conv.get("conversation_parts")
    if isinstance(parts_value, dict):
        parts_value = parts_value.get("conversation_parts")
    if parts_value is None:
        parts_value = []
    if not isinstance(parts_value, list):
        raise RecordError("must be a list of parts", field="conversation_parts")
    events = 0
    for i, p in enumerate(parts_value):
        where = f"conversation_parts[{i}]"
        part = req_obj(p, where)
        part_type = opt_str(part, "part_type", f"{where}.part_type") or "comment"
        if part_type not in _TURN_PARTS and not part.get("body"):
            events += 1
            continue
        build = partial(_turn, part, where, part_type, part.get("created_at"))
        turns.add(TurnAt(f"{where}.body", part), build, f"{where}.created_at")
    meta: dict[str, Any] = {
        "source": "intercom",
        "conversation_id": conv_id,
        "state": opt_str(conv, "state", "state"),
        "events": events,
    }
    subject = source.get("subject")
    if isinstance(subject, str) and subject:
        meta["subject"] = html_to_text(subject)
    # source.type is the channel ("email", "push", ...); "conversation" means Messenger chat.
    channel = opt_str(source, "type", "source.type")
    if channel in (None, "conversation"):
        channel = "chat"
    return turns.outcomes(
        field="conversation_parts", id=f"intercom-{conv_id}", channel=channel, meta=meta
    )


def _turn(part: Mapping[str, Any], where: str, part_type: str, created: Any) -> dict[str, Any]:
    author = req_obj(part.get("author"), f"{where}.author")
    kind = req_str(author, "type", f"{where}.author.type").lower()
    role = AUTHOR_ROLES.get(kind)
    if role is None:
        known = ", ".join(AUTHOR_ROLES)
        raise RecordError(
            f"unknown author type {kind!r} (expected one of: {known})", field=f"{where}.author.type"
        )
    body = part.get("body")
    if body is not None and not isinstance(body, str):
        raise RecordError("'body' must be a string", field=f"{where}.body")
    return {
        # a note is internal (never sent to the customer): a system turn, not scored
        "role": Role.SYSTEM if part_type == "note" and role is not Role.CUSTOMER else role,
        "text": html_to_text(body or ""),
        "author": opt_str(author, "name", f"{where}.author.name")
        or opt_str(author, "id", f"{where}.author.id"),
        "time": created,  # as written: NestedTurns checks it
        "meta": {
            "part_id": opt_str(part, "id", f"{where}.id"),
            "part_type": part_type,
            "author_type": kind,
            "public": part_type != "note",
        },
    }
