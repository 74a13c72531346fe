"""servicemind JSONL: one conversation per line.

``{"id", "channel", "meta", "turns": [{"role", "text", "author", "time", "meta"}]}``; only
``turns[].role`` and ``turns[].text`` are required. A missing id gets a stable id derived
from the content. Unknown keys (for example the analysis that ``servicemind analyze`` adds)
are ignored, so analysed output can be read back. Blank lines are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from servicemind.conversation import Conversation
from servicemind.errors import RecordError
from servicemind.ingest._records import (
    Outcome,
    TurnAt,
    conversation_outcomes,
    open_text,
    opt_dict,
    opt_str,
    parse_role,
    record_outcomes,
    req_list,
    req_obj,
    req_str,
)

__all__ = ["OPTIONS", "conversation_from_obj", "read_jsonl"]

OPTIONS: tuple[str, ...] = ()


def read_jsonl(path: Path, options: Mapping[str, Any]) -> Iterator[Outcome]:
    file = str(path)
    with open_text(path) as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            yield from record_outcomes(partial(_build, line), file=file, line=number, raw=line)


def _build(line: str) -> list[Outcome]:
    """The conversation of one line, after a Reject for each turn without text."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    obj = req_obj(value, None)
    return conversation_outcomes(
        _turns(obj), field="turns", id=opt_str(obj, "id", "id"), **_header(obj)
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


def _turns(obj: dict[str, Any]) -> list[tuple[dict[str, Any], TurnAt]]:
    turns: list[tuple[dict[str, Any], TurnAt]] = []
    for i, t in enumerate(req_list(obj, "turns", "turns")):
        where = f"turns[{i}]"
        tobj = req_obj(t, where)
        turn = {
            "role": parse_role(req_str(tobj, "role", f"{where}.role"), f"{where}.role"),
            "text": req_str(tobj, "text", f"{where}.text"),
            "author": opt_str(tobj, "author", f"{where}.author"),
            "time": opt_str(tobj, "time", f"{where}.time"),
            "meta": opt_dict(tobj, "meta", f"{where}.meta"),
        }
        turns.append((turn, TurnAt(f"{where}.text", tobj)))
    return turns
