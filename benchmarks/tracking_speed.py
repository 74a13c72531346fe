"""What tracking costs per agent reply: the commitment analyser with extraction memoised.

    PYTHONPATH=src python3 benchmarks/tracking_speed.py [unique|items] [--reps 3]

Runs ``CommitmentAnalyser`` over fresh conversations with ``extract_commitments`` answered
from a memo filled beforehand (untimed), so the CPU time left is the tracker's: due moments,
the sentence of each promise, reading the later turns for outcomes (``analyse/_tracking.py``)
and writing the output items. ``unique``: 1,000 invented conversations of
``agent_speed.py`` with every text unique (3 replies each, a new seed per repetition);
``items``: the team's trait items (``training/data/traits/pairs``, both parts: nothing is
fitted), each its context turns and reply. The tracker's per-text memos are cleared before
each repetition. Prints CPU microseconds per reply for each repetition and their median,
with the load average: compare trees by alternating runs on the same machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from typing import Any

from agent_speed import make_docs
from servicemind.analyse import _tracking, commitments
from servicemind.analyse.base import Doc
from servicemind.analyse.commitments import CommitmentAnalyser


def _docs(kind: str, rep: int) -> list[Doc]:
    if kind == "unique":
        return make_docs(1000, unique=True, seed=100 + rep)
    from servicemind.training._labels import load_items
    from servicemind.training.traits import _doc

    return [_doc(v) for v in load_items("training/data/traits/pairs").values()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=("unique", "items"), nargs="?", default="unique")
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    extract = commitments.extract_commitments
    analyser = CommitmentAnalyser()
    analyser.annotate(make_docs(4, seed=99))  # lexicons and models load once
    per_reply = []
    for rep in range(args.reps):
        docs = _docs(args.kind, rep)
        memo: dict[str, Any] = {}
        for d in docs:
            for t, _ in d.iter_agent():
                memo[t.text] = extract(t.text)
        n = sum(1 for d in docs for _ in d.iter_agent())
        for name in ("stems", "_outcomes", "_done_forms"):  # (a base tree may lack one)
            if (memo_fn := getattr(_tracking, name, None)) is not None:
                memo_fn.cache_clear()
        commitments.extract_commitments = memo.__getitem__  # type: ignore[assignment]
        try:
            t0 = time.process_time()
            for i in range(0, len(docs), 256):
                analyser.annotate(docs[i : i + 256])
            per_reply.append((time.process_time() - t0) / n * 1e6)
        finally:
            commitments.extract_commitments = extract
    runs = " ".join(f"{x:.1f}" for x in per_reply)
    print(
        f"{args.kind}: {runs} us per reply (CPU, extraction memoised); median "
        f"{statistics.median(per_reply):.1f}; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
