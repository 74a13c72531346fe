"""Every pipeline output of the demo set and the trait corpus, for checking a speed-up.

    PYTHONPATH=src python3 benchmarks/output_identity.py NEW.jsonl [--tracking]
    PYTHONPATH=/path/to/main/src python3 benchmarks/output_identity.py OLD.jsonl  # the other tree
    cmp OLD.jsonl NEW.jsonl

Writes the full output object (default pipeline, coaching included, validated against the
schema) of the 49 demo conversations, then of every item of ``training/data/traits/pairs``
(both parts: nothing is fitted here) as a conversation of its context turns and its reply,
the way ``benchmarks/agent_speed.py --items`` builds them; the same items follow once more
through the agent side alone (traits, commitments, scorecard) with the customer side left
empty, which exercises the context reader's fallback. A change meant only to be faster must
leave the two files byte-identical. About half a minute. ``--tracking`` appends the full
output of every whole conversation of ``training/data/tracking/conversations`` (long
multi-turn threads, where the commitment tracker reads later turns).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rewrite_benchmark import CORPUS, _demo_conversations
from servicemind.analyse.commitments import CommitmentAnalyser
from servicemind.analyse.scorecard import ScorecardAnalyser
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.api import analyze, get_pipeline
from servicemind.ingest import read
from servicemind.training._labels import load_items
from servicemind.training.traits import _doc


def main(argv: list[str]) -> int:
    tracking = "--tracking" in argv
    argv = [a for a in argv if a != "--tracking"]
    if len(argv) != 1 or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    items = [v for _, v in sorted(load_items(CORPUS).items())]
    convs = list(_demo_conversations()) + [_doc(v).conversation for v in items]
    n = 0
    with Path(argv[0]).open("w", encoding="utf-8") as out:
        for res in analyze(convs, pipeline=get_pipeline()):
            out.write(json.dumps(res, sort_keys=True) + "\n")
            n += 1
        docs = [_doc(v) for v in items]
        for a in (TraitsAnalyser(), CommitmentAnalyser(), ScorecardAnalyser()):
            for i in range(0, len(docs), 256):
                a.annotate(docs[i : i + 256])
        for d in docs:
            out.write(json.dumps(d.out, sort_keys=True, default=str) + "\n")
            n += 1
        if tracking:
            for f in sorted((CORPUS.parent.parent / "tracking" / "conversations").glob("*.jsonl")):
                for res in analyze(read(f), pipeline=get_pipeline()):
                    out.write(json.dumps(res, sort_keys=True) + "\n")
                    n += 1
    print(f"{n} outputs -> {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
