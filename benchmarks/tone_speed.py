"""Speed of the tone features (analyse/traits/_style.py) alone: CPU time per reply.

    PYTHONPATH=src python3 benchmarks/tone_speed.py [--rounds 9] [--short 3000]

The same two sets of replies as ``benchmarks/commitments_speed.py`` (``short``: agent_speed's
agent templates each made unique with a reference number; ``corpus``: every reply of
training/data/traits/pairs), each with a calm customer message as its context. Every round
builds the replies' bundles first (language, sarcasm: outside the timing; the cue engine's
per-text memo then holds the reply, as it does when politeness reads the tone after the
other traits), then times :func:`style_features` on each. Prints the minimum and the median
over ``--rounds`` of the CPU time per reply. To compare two versions, run it alternately
with each version's ``src`` first on ``PYTHONPATH`` and report the load average with it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from servicemind.analyse.traits._analyser import build_reply
from servicemind.analyse.traits._context import build_context
from servicemind.analyse.traits._style import style_features

sys.path.insert(0, str(Path(__file__).parent))
from commitments_speed import reply_sets

CUSTOMER = "Hi, my order 12345 still hasn't arrived. Can you check where it is?"


def per_reply_us(texts: list[str], rounds: int) -> list[float]:
    """CPU microseconds per reply of the tone features, one figure per round."""
    ctx = build_context([(CUSTOMER, {"hostile": 0.1})], [], [])
    out = []
    for _ in range(rounds):
        total = 0.0
        for t in texts:
            r = build_reply(t, ctx)
            t0 = time.process_time()
            style_features(r)
            total += time.process_time() - t0
        out.append(1e6 * total / len(texts))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--short", type=int, default=3000, help="number of short replies")
    args = ap.parse_args()
    for name, texts in reply_sets(args.short):
        res = per_reply_us(texts, args.rounds)
        print(
            f"{name}: {len(texts)} replies: tone features min {min(res):.1f} median "
            f"{statistics.median(res):.1f} µs per reply (CPU)"
        )
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
