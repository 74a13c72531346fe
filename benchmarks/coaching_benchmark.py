"""Coaching speed: replies per second of the ``coaching`` analyser alone, on analysed JSONL.

    PYTHONPATH=src python3 benchmarks/coaching_benchmark.py --input results.jsonl [--repeat 10]

Each analysed conversation is turned back into a document with its traits, overall and
customer emotions in place, and the coaching analyser runs over all of them. The memo caches
(facts, language, topic) are cleared before every repeat, so repeats do not flatter the figure.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from servicemind.analyse.base import Doc
from servicemind.coach import facts, language, rewrite
from servicemind.coach.analyser import CoachingAnalyser
from servicemind.conversation import Conversation


def _doc(res: dict[str, Any]) -> Doc:
    conv = Conversation.from_turns(res["turns"], id=res["id"], channel=res.get("channel"))
    doc = Doc(conv)
    for out, src in zip(doc.out["turns"], res["turns"], strict=True):
        for side in ("customer", "agent"):
            if side in src and side in out:
                out[side] = {k: v for k, v in src[side].items() if k != "coaching"}
    return doc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, required=True, help="analysed JSONL")
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args(argv)
    with args.input.open(encoding="utf-8") as f:
        results = [json.loads(line) for line in f if line.strip()]
    analyser = CoachingAnalyser()
    total = 0.0
    replies = 0
    for _ in range(args.repeat):
        facts._extract_cached.cache_clear()
        language._detect_cached.cache_clear()
        rewrite._topic_of.cache_clear()
        rewrite._cues.cache_clear()
        docs = [_doc(r) for r in results]
        t0 = time.perf_counter()
        analyser.annotate(docs)
        total += time.perf_counter() - t0
        replies += sum(1 for d in docs for _ in d.iter_agent())
    print(f"{replies} replies in {total:.2f} s: {replies / total:.0f} replies/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
