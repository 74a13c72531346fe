"""Shared helpers of the customer-side tests: build docs and the schema fragments."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from servicemind.analyse.base import Doc
from servicemind.conversation import Conversation


def doc(*turns: tuple[str, str]) -> Doc:
    return Doc(Conversation.from_turns([{"role": r, "text": t} for r, t in turns]))


def annotated(*turns: tuple[str, str]) -> Doc:
    """A doc of ``turns`` through the customer-side analysers (emotion to moments)."""
    from servicemind.analyse.pipeline import Pipeline

    d = doc(*turns)
    Pipeline(components=["emotion", "hostility", "satisfaction", "moments"]).annotate([d])
    return d


def schema_fragment(*path: str) -> dict[str, Any]:
    """A sub-schema of the output contract, with the contract's $defs so $refs resolve."""
    schema = json.loads(
        resources.files("servicemind.schemas").joinpath("analysis.schema.json").read_text()
    )
    node = schema
    for key in path:
        node = node[key]
    return {"$defs": schema["$defs"], **node}


CUSTOMER_PATH = ("properties", "turns", "items", "properties", "customer")
MOMENTS_PATH = ("properties", "summary", "properties", "moments")


def demo_turn_texts() -> list[str]:
    """The text of every turn of the demo conversations (both sides), in order."""
    demo = resources.files("servicemind.demo").joinpath("conversations.jsonl")
    lines = demo.read_text("utf-8").splitlines()
    return [t["text"] for line in lines for t in json.loads(line)["turns"]]
