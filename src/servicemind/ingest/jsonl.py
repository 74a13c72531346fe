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
    open_text,
    opt_dict,
    opt_str,
    parse_role,
    req_list,
    req_obj,
    req_str,
    safely,
)

__all__ = ["OPTIONS", "conversation_from_obj", "read_jsonl"]

OPTIONS: tuple[str, ...] = ()


def read_jsonl(path: Path, options: Mapping[str, Any]) -> Iterator[Outcome]:
    file = str(path)
    with open_text(path) as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            outcome = safely(partial(_build, line), file=file, line=number, raw=line)
            if outcome is not None:
                yield outcome


def _build(line: str) -> Conversation:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    return conversation_from_obj(obj)


def conversation_from_obj(value: Any) -> Conversation:
    """Build a conversation from one parsed servicemind JSON object (fields are validated)."""
    obj = req_obj(value, None)
    turns_raw = req_list(obj, "turns", "turns")
    turns: list[dict[str, Any]] = []
    for i, t in enumerate(turns_raw):
        where = f"turns[{i}]"
        tobj = req_obj(t, where)
        turns.append(
            {
                "role": parse_role(req_str(tobj, "role", f"{where}.role"), f"{where}.role"),
                "text": req_str(tobj, "text", f"{where}.text"),
                "author": opt_str(tobj, "author", f"{where}.author"),
                "time": opt_str(tobj, "time", f"{where}.time"),
                "meta": opt_dict(tobj, "meta", f"{where}.meta"),
            }
        )
    return Conversation.from_turns(
        turns,
        id=opt_str(obj, "id", "id"),
        channel=opt_str(obj, "channel", "channel"),
        meta=opt_dict(obj, "meta", "meta"),
    )
