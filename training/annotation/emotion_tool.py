"""The labelling tool of the customer-turn emotion set (one annotation pass at a time).

    python3 training/annotation/emotion_tool.py next A 40 --shard=0/2   # next turns to label
    python3 training/annotation/emotion_tool.py add A --shard=0/2 < labels.jsonl
    python3 training/annotation/emotion_tool.py status A --shard=0/2

The turns are the last context turn of every item of the trait corpus
(``training/data/traits/pairs``): the customer's (or the asking colleague's or supplier's)
message that the agent's reply answers. The earlier turns are shown as the situation; the
agent's reply is not shown, so that it cannot colour the label. Guidelines:
``training/guidelines/customer-emotion.md``. Labels ``{"id", "emotion", "hostile"}`` go to
``training/data/customer/labels/<PASS>/<writer>.jsonl``; ``add`` validates every line (known
id, not yet labelled in this pass, one of the six emotions, hostile 0 or 1). Each annotator
of a pass works on one shard (SHA-1 of the id mod N), and never sees the other pass.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from label_tool import add_labels, in_shard, load_items, options, serve

ROOT = Path(__file__).resolve().parents[1] / "data" / "customer" / "labels"
EMOTIONS = ("angry", "disappointed", "confused", "anxious", "grateful", "neutral")


def labelled(pass_: str) -> set[str]:
    ids: set[str] = set()
    for f in (ROOT / pass_).glob("*.jsonl"):
        ids.update(json.loads(x)["id"] for x in f.read_text(encoding="utf-8").splitlines() if x)
    return ids


def check(lab: dict[str, Any], items: dict[str, dict[str, Any]], done: set[str]) -> None:
    i = lab.get("id")
    if i not in items:
        raise ValueError(f"unknown id {i}")
    if i in done:
        raise ValueError(f"{i} already labelled in this pass")
    if lab.get("emotion") not in EMOTIONS:
        raise ValueError(f"{i}: emotion must be one of {', '.join(EMOTIONS)}")
    if lab.get("hostile") not in (0, 1):
        raise ValueError(f"{i}: hostile must be 0 or 1")
    extra = set(lab) - {"id", "emotion", "hostile"}
    if extra:
        raise ValueError(f"{i}: unknown keys {sorted(extra)}")


def _show_turn(o: dict[str, Any]) -> None:
    *before, last = o["context"]
    print(f"=== {o['id']} | {o.get('industry')} | {o.get('channel')}")
    for t in before:
        print(f"  (earlier, {t['role']}) {t['text']}")
    print(f"  >>> LABEL THIS [{last['role']}]: {last['text']}")


def main(argv: list[str]) -> None:
    args, opts = options(argv, "shard")
    if len(args) < 2 or args[1] not in ("A", "B"):
        raise SystemExit("usage: emotion_tool.py next|add|status A|B [N] [--shard=K/N]")
    pass_ = args[1]
    items, done = in_shard(load_items(), opts.get("shard")), labelled(pass_)
    serve(
        args,
        items,
        done,
        noun="turns",
        default_n=40,
        show=_show_turn,
        add=lambda: add_labels(
            sys.stdin,
            lambda lab: check(lab, items, done),
            ROOT / pass_,
            ("id", "emotion", "hostile"),
            done,
        ),
    )


if __name__ == "__main__":
    main(sys.argv[1:])
