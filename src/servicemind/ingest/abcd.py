"""ABCD (Action-Based Conversations Dataset) JSON.

A list of conversations ``{"convo_id", "scenario": {"flow", "subflow", ...}, "original":
[[speaker, text], ...], ...}``, or the full dataset's ``{"train": [...], "dev": [...],
"test": [...]}``. Speakers ``customer`` and ``agent`` keep their roles; ``action`` entries
(what the agent did in the tools, e.g. "Purchase validation in progress ...") become
system turns. ``convo_id``, ``flow``, ``subflow`` and the split are kept in the
conversation's ``meta``; the id is ``abcd-<convo_id>``. Customer details in ``scenario``
are not copied.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from servicemind.errors import RecordError
from servicemind.ingest._jsonstream import RawItem, iter_json_outcomes
from servicemind.ingest._records import (
    Outcome,
    TurnAt,
    conversation_outcomes,
    opt_dict,
    parse_role,
    req_list,
    req_obj,
)

__all__ = ["OPTIONS", "SPLITS", "read_abcd"]

OPTIONS: tuple[str, ...] = ()
SPLITS: tuple[str, ...] = ("train", "dev", "test")


def read_abcd(path: Path, options: Mapping[str, Any]) -> Iterator[Outcome]:
    return iter_json_outcomes(path, SPLITS, _build)


def _build(value: object, item: RawItem) -> list[Outcome]:
    obj = req_obj(value, None)
    convo_id = obj.get("convo_id")
    if convo_id is None or isinstance(convo_id, bool | dict | list):
        raise RecordError("'convo_id' is missing or not an id", field="convo_id")
    scenario = opt_dict(obj, "scenario", "scenario")
    turns: list[tuple[dict[str, Any], TurnAt]] = []
    for i, pair in enumerate(req_list(obj, "original", "original")):
        where = f"original[{i}]"
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(x, str) for x in pair)
        ):
            raise RecordError("expected a [speaker, text] pair of strings", field=where)
        speaker, text = pair
        turn = {
            "role": parse_role(speaker, f"{where}[0]"),
            "text": text,
            "meta": {"speaker": speaker},
        }
        turns.append((turn, TurnAt(f"{where}[1]", pair)))
    meta: dict[str, Any] = {
        "source": "abcd",
        "convo_id": convo_id,
        "flow": scenario.get("flow"),
        "subflow": scenario.get("subflow"),
    }
    if item.container is not None:
        meta["split"] = item.container
    return conversation_outcomes(
        turns, field="original", id=f"abcd-{convo_id}", channel="chat", meta=meta
    )
