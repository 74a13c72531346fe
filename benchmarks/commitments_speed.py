"""Speed of commitment extraction alone: CPU time per reply, memo cleared every round.

    PYTHONPATH=src python3 benchmarks/commitments_speed.py [--rounds 9] [--short 3000]
        [--commitment-model on|off]

Two sets of replies: ``short``, agent_speed's agent templates each made unique with its own
reference number (the short replies of that benchmark, about 96 characters), and ``corpus``,
every reply of the team's trait corpus (training/data/traits/pairs, all parts: only the
speed is measured). Prints the minimum and the median over ``--rounds`` of the CPU time per
reply. ``--commitment-model on|off`` switches the trained sentence check on or off (default:
as shipped); ``both`` also prints the sentence check's own cost (rules computed outside
the timing). To compare two versions, run it alternately with each version's ``src`` first on
``PYTHONPATH`` (the machine is shared: report the load average with it).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import servicemind.analyse.commitments as cm
from servicemind.analyse._commitment_model import load_sentence_model
from servicemind.training._labels import load_items

sys.path.insert(0, str(Path(__file__).parent))
import agent_speed


def per_reply_us(texts: list[str], rounds: int) -> list[float]:
    """CPU microseconds per reply, one figure per round (extraction memo cleared first)."""
    cm.extract_commitments(texts[0])  # load the lexicons outside the timing
    out = []
    for _ in range(rounds):
        cm._extract.cache_clear()
        t0 = time.process_time()
        for t in texts:
            cm._extract(t)
        out.append(1e6 * (time.process_time() - t0) / len(texts))
    return out


def model_us(texts: list[str], rounds: int) -> list[float]:
    """CPU microseconds per reply of the sentence model's check alone (the rules' spans are
    found before the timing)."""
    model = load_sentence_model()
    rules = [cm._rule_commitments(t) for t in texts]
    out = []
    for _ in range(rounds):
        t0 = time.process_time()
        for t, r in zip(texts, rules, strict=True):
            cm.combine(t, r, model)
        out.append(1e6 * (time.process_time() - t0) / len(texts))
    return out


def reply_sets(n_short: int) -> tuple[tuple[str, list[str]], ...]:
    """The two timed sets: ``n_short`` unique short replies (the agent templates with a
    reference number each) and every reply of the team corpus. Shared with tone_speed.py."""
    rng = random.Random(0)
    short = [f"{rng.choice(agent_speed.AGENT)} (ref {i})" for i in range(n_short)]
    corpus = [
        item["reply"]
        for f in sorted(Path("training/data/traits/pairs").glob("w*.jsonl"))
        for item in load_items(f).values()
    ]
    return (("short", short), ("corpus", corpus))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--short", type=int, default=3000, help="number of short replies")
    ap.add_argument(
        "--commitment-model", choices=["default", "on", "off", "both"], default="default"
    )
    args = ap.parse_args()
    if args.commitment_model in ("on", "off"):
        cm.USE_MODEL = args.commitment_model == "on"
    for name, texts in reply_sets(args.short):
        res = per_reply_us(texts, args.rounds)
        chars = sum(map(len, texts)) / len(texts)
        print(
            f"{name}: {len(texts)} replies, {chars:.0f} characters on average: "
            f"min {min(res):.1f} median {statistics.median(res):.1f} µs per reply (CPU)"
        )
        if args.commitment_model == "both":
            res = model_us(texts, args.rounds)
            print(
                f"  sentence model alone: min {min(res):.1f} median "
                f"{statistics.median(res):.1f} µs per reply (CPU)"
            )
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
