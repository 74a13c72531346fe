"""Every coaching output of the demo set and the trait corpus, for checking a speed-up.

    PYTHONPATH=src python3 benchmarks/coach_outputs.py NEW.jsonl
    PYTHONPATH=/path/to/main/src python3 benchmarks/coach_outputs.py OLD.jsonl   # the other tree
    cmp OLD.jsonl NEW.jsonl

Writes, for every agent reply of the demo conversations and of every corpus item
(``training/data/traits/pairs``, context + reply, both parts: nothing is fitted here), its
``agent.coaching`` object from the full default pipeline, then the built-in rewrite of the
same reply under 48 perturbed contexts (customer emotion × hostility × the reply's own or
all-weak traits × first or later reply), which reach rules the pipeline's own contexts do
not. A change meant only to be faster must leave the two files byte-identical. About two
minutes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rewrite_benchmark import CORPUS, _corpus_conversations, _demo_conversations
from servicemind.api import get_pipeline
from servicemind.coach.rewrite import RewriteContext, rewrite_reply

EMOTIONS = (None, "angry", "confused", "grateful", "neutral", "anxious")


def _perturbed(res: dict[str, Any], i: int) -> list[list[Any]]:
    turns = res["turns"]
    agent = turns[i]["agent"]
    texts = [t["text"] for t in turns[: i + 1]]
    customer = [t["text"] for t in turns[:i] if "customer" in t]
    traits = agent.get("traits", {})
    weak = {k: dict(v, applicable=True, score=0.1) for k, v in traits.items()}
    out = []
    for emotion in EMOTIONS:
        for hostile in (0.0, 0.9):
            for tr in (traits, weak):
                for first in (True, False):
                    ctx = RewriteContext(
                        reply=turns[i]["text"],
                        customer_text=customer[-1] if customer else "",
                        emotion=emotion,
                        hostile=hostile,
                        traits=tr,
                        overall=40,
                        conversation=texts,
                        key=f"{res['id']}:{i}",
                        history=list(reversed(customer[:-1])),
                        first_reply=first,
                    )
                    r = rewrite_reply(ctx)
                    out.append(
                        [
                            r.text,
                            r.changes,
                            r.conservative,
                            [str(f) for f in r.facts.missing],
                            [str(f) for f in r.facts.invented],
                        ]
                    )
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    convs = list(_demo_conversations())
    for part in ("train", "test"):
        convs += list(_corpus_conversations(CORPUS, part))
    n = 0
    with Path(argv[0]).open("w", encoding="utf-8") as out:
        for res in get_pipeline().analyze(convs):
            for i, turn in enumerate(res["turns"]):
                if "agent" not in turn:
                    continue
                row = {"id": res["id"], "i": i, "c": turn["agent"].get("coaching")}
                out.write(json.dumps(row, sort_keys=True) + "\n")
                for line in _perturbed(res, i):
                    out.write(json.dumps(line) + "\n")
                n += 1
    print(f"{n} replies -> {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
