"""How many applicable trait scores carry evidence, and of which kind.

    PYTHONPATH=src python3 benchmarks/evidence_coverage.py [--pairs training/data/traits/pairs]
        [--without-explain]

Runs the whole pipeline (``servicemind.api.analyze``) over the demo conversations and, with
``--pairs``, over the TRAIN part of the team's labelled replies (each item's context and
reply as one conversation; the test part is never read). For every applicable trait score it
counts whether it has at least one evidence span, and whether its spans come from the
trait's cues, from the explained features (``analyse/traits/_explain.py``: an answered
question, the language, specific details, a promised step, ...) or from the trained word
model. ``--without-explain`` switches the explanation step off (the scores are the same: it
only adds spans), which gives the figures before it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from servicemind.analyse.base import TRAITS
from servicemind.analyse.traits import _analyser
from servicemind.analyse.traits._explain import EXPLAINED_CUES, WORD_MODEL_CUE
from servicemind.api import analyze
from servicemind.conversation import Conversation
from servicemind.ingest.jsonl import conversation_from_obj

EXPLAINED = EXPLAINED_CUES
WORD_MODEL = WORD_MODEL_CUE


def _is_test(item_id: str) -> bool:
    return int(hashlib.sha256(item_id.encode()).hexdigest()[:8], 16) % 100 < 20


def demo_conversations() -> Iterator[Conversation]:
    ref = resources.files("servicemind.demo").joinpath("conversations.jsonl")
    for line in ref.read_text("utf-8").splitlines():
        if line.strip():
            yield conversation_from_obj(json.loads(line))


def train_conversations(pairs: Path) -> Iterator[Conversation]:
    for f in sorted(pairs.glob("*.jsonl")):
        for line in f.read_text("utf-8").splitlines():
            item = json.loads(line)
            if _is_test(item["id"]):
                continue
            turns = [{"role": t["role"], "text": t["text"]} for t in item["context"]]
            turns.append({"role": "agent", "text": item["reply"]})
            yield Conversation.from_turns(turns, id=item["id"])


def kind_of(evidence: list[dict[str, Any]]) -> str:
    if not evidence:
        return "none"
    cues = [str(e.get("cue", "")) for e in evidence]
    if any(not c.startswith(EXPLAINED) and not c.startswith(WORD_MODEL) for c in cues):
        return "cues"
    if any(c.startswith(EXPLAINED) for c in cues):
        return "explained"
    return "word model"


def coverage(convs: Iterator[Conversation]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {t: Counter() for t in TRAITS}
    for res in analyze(convs):
        for turn in res["turns"]:
            agent = turn.get("agent")
            if not agent:
                continue
            for t, v in agent["traits"].items():
                if v["applicable"]:
                    out[t][kind_of(v["evidence"])] += 1
    return out


def table(name: str, cov: dict[str, Counter[str]]) -> None:
    print(f"\n{name}\n")
    print("| trait | applicable | with evidence | cues | explained | word model | none |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    total: Counter[str] = Counter()
    for t in TRAITS:
        c = cov[t]
        total.update(c)
        n = sum(c.values())
        if n:
            print(
                f"| {t} | {n} | {1 - c['none'] / n:.1%} | {c['cues']} | {c['explained']} | "
                f"{c['word model']} | {c['none']} |"
            )
    n = sum(total.values())
    print(
        f"| **all** | {n} | **{1 - total['none'] / n:.1%}** | {total['cues']} | "
        f"{total['explained']} | {total['word model']} | {total['none']} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=Path, default=None, help="the labelled pairs folder")
    ap.add_argument("--without-explain", action="store_true", help="the figures before it")
    args = ap.parse_args()
    if args.without_explain:
        _analyser.explain_traits = lambda reply, results: None  # type: ignore[assignment]
    table("demo conversations", coverage(demo_conversations()))
    if args.pairs is not None:
        table("team items, train part", coverage(train_conversations(args.pairs)))


if __name__ == "__main__":
    main()
