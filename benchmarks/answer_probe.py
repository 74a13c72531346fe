"""On-topic against off-topic replies: does the score follow the answer, not the cue words?

    PYTHONPATH=src python3 benchmarks/answer_probe.py [benchmarks/data/answer_pairs.jsonl]

Each line of the probe file holds one customer message and two replies written for this
probe (not corpus items): ``on`` answers it, ``off`` is a fluent template about something
else, full of solution cues ("I have refunded", "tomorrow at 10:00"). Scores both with the
shipped analyser (rules, calibration, caps) and prints, over all pairs and per language, how
often the on-topic reply scores higher than the off-topic one on overall, patience and
solution (a tie counts as a loss), and the pairs still lost on overall.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from typing import Any

from servicemind.api import score_reply

_KEYS = ("overall", "patience", "solution")


def _scores(customer: str, reply: str) -> dict[str, float]:
    agent: dict[str, Any] = score_reply(reply, [("customer", customer)])["turns"][-1]["agent"]
    traits = agent["traits"]
    return {
        "overall": float(agent["overall"]),
        "patience": float(traits["patience"]["score"] or 0.0),
        "solution": float(traits["solution"]["score"] or 0.0),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("probe", nargs="?", default="benchmarks/data/answer_pairs.jsonl")
    args = ap.parse_args()
    with open(args.probe, encoding="utf-8") as f:
        pairs = [json.loads(line) for line in f if line.strip()]
    wins: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_KEYS, 0))
    count: dict[str, int] = defaultdict(int)
    lost = []
    for p in pairs:
        on = _scores(p["customer"], p["on"])
        off = _scores(p["customer"], p["off"])
        for group in ("all", p["lang"]):
            count[group] += 1
            for k in _KEYS:
                wins[group][k] += on[k] > off[k]
        if on["overall"] <= off["overall"]:
            lost.append(f"  {p['id']}: on {on['overall']:.0f} vs off {off['overall']:.0f}")
    print(f"{'group':6} {'n':>3} " + " ".join(f"{k:>9}" for k in _KEYS))
    for group in ["all", *sorted(g for g in count if g != "all")]:
        n = count[group]
        print(f"{group:6} {n:3d} " + " ".join(f"{wins[group][k] / n:9.0%}" for k in _KEYS))
    print(f"on-topic not above off-topic on overall ({len(lost)}):")
    print("\n".join(lost))


if __name__ == "__main__":
    main()
