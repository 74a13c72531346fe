"""The labelling tool of the commitment-tracking set (one annotation pass at a time).

    python3 training/annotation/tracking_tool.py next A 10 --shard=0/2   # next conversations
    python3 training/annotation/tracking_tool.py add A --shard=0/2 < labels.jsonl
    python3 training/annotation/tracking_tool.py status A --shard=0/2

Conversations are ``training/data/tracking/conversations/<writer>.jsonl`` (servicemind JSONL),
served once their file is listed in ``conversations/FINISHED``. ``next`` prints each turn
with its 0-based index, role and time. Labels ``{"id", "commitments": [{"turn", "text",
"status", "resolved_by"}]}`` (``training/guidelines/commitment-tracking.md``) go to
``training/data/tracking/labels/<PASS>/<writer>.jsonl``; ``add`` validates every line: a
known id not yet labelled in this pass, ``turn`` an agent turn, ``text`` an exact substring
of it, ``status`` kept, broken or open, and ``resolved_by`` a later turn exactly when the
status is not open. Each annotator of a pass works on one shard (SHA-1 of the id mod N) and
never sees the other pass.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from label_tool import add_labels, in_shard, options, serve

DATA = Path(__file__).resolve().parents[1] / "data" / "tracking"
STATUSES = ("kept", "broken", "open")


def finished() -> list[Path]:
    """The writer files whose conversations are final (listed in ``FINISHED``)."""
    marker = DATA / "conversations" / "FINISHED"
    if not marker.exists():
        return []
    names = [x.strip() for x in marker.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [DATA / "conversations" / n for n in dict.fromkeys(names)]


def load_conversations() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for f in finished():
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                conv = json.loads(line)
                out[conv["id"]] = conv
    return out


def labelled(pass_: str) -> set[str]:
    ids: set[str] = set()
    for f in (DATA / "labels" / pass_).glob("*.jsonl"):
        ids.update(json.loads(x)["id"] for x in f.read_text(encoding="utf-8").splitlines() if x)
    return ids


def check(lab: dict[str, Any], convs: dict[str, dict[str, Any]], done: set[str]) -> None:
    """Raise ``ValueError`` naming the id and the field when a label line is not valid."""
    i = lab.get("id")
    if i not in convs:
        raise ValueError(f"unknown id {i}")
    if i in done:
        raise ValueError(f"{i} already labelled in this pass")
    extra = set(lab) - {"id", "commitments"}
    if extra:
        raise ValueError(f"{i}: unknown keys {sorted(extra)}")
    items = lab.get("commitments")
    if not isinstance(items, list):
        raise ValueError(f"{i}: 'commitments' must be a list (empty when there are none)")
    turns = convs[i]["turns"]
    for n, c in enumerate(items):
        where = f"{i} commitments[{n}]"
        if not isinstance(c, dict) or set(c) != {"turn", "text", "status", "resolved_by"}:
            raise ValueError(f"{where}: needs exactly turn, text, status, resolved_by")
        t = c["turn"]
        if not isinstance(t, int) or not 0 <= t < len(turns):
            raise ValueError(f"{where}.turn: {t!r} is not a turn index (0-{len(turns) - 1})")
        if turns[t]["role"] != "agent":
            raise ValueError(f"{where}.turn: turn {t} is a {turns[t]['role']} turn, not agent")
        if not isinstance(c["text"], str) or not c["text"].strip():
            raise ValueError(f"{where}.text: empty")
        if c["text"] not in turns[t]["text"]:
            raise ValueError(f"{where}.text: not an exact substring of turn {t}")
        if c["status"] not in STATUSES:
            raise ValueError(f"{where}.status: must be one of {', '.join(STATUSES)}")
        r = c["resolved_by"]
        if c["status"] == "open":
            if r is not None:
                raise ValueError(f"{where}.resolved_by: must be null for an open commitment")
        elif not isinstance(r, int) or not t < r < len(turns):
            raise ValueError(
                f"{where}.resolved_by: must be a later turn index ({t + 1}-{len(turns) - 1})"
            )


def show(conv: dict[str, Any]) -> None:
    meta = conv.get("meta") or {}
    print(f"=== {conv['id']} | {meta.get('industry')} | {conv.get('channel')}")
    for n, t in enumerate(conv["turns"]):
        when = f" {t['time']}" if t.get("time") else ""
        print(f"  [{n}] {t['role']}{when}: {t['text']}")


def main(argv: list[str]) -> None:
    args, opts = options(argv, "shard")
    if len(args) < 2 or args[1] not in ("A", "B"):
        raise SystemExit("usage: tracking_tool.py next|add|status A|B [N] [--shard=K/N]")
    pass_ = args[1]
    convs, done = in_shard(load_conversations(), opts.get("shard")), labelled(pass_)
    serve(
        args,
        convs,
        done,
        noun="conversations",
        default_n=10,
        show=show,
        add=lambda: add_labels(
            sys.stdin,
            lambda lab: check(lab, convs, done),
            DATA / "labels" / pass_,
            ("id", "commitments"),
            done,
        ),
    )


if __name__ == "__main__":
    main(sys.argv[1:])
