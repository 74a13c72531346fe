"""End-to-end speed of analysis: the demo set through the full default pipeline.

    PYTHONPATH=src python3 benchmarks/analyze_speed.py [--repeat 20] [--jobs 2] [--unique]

Reports turns/s, agent replies/s and customer turns/s in batch (with and without schema
validation), the seconds each component and the validation take (one pass each), and
the wall time of the `servicemind analyze` command on the demo file, model loading
included. Medians of 3 runs. ``--jobs N`` also times the validated run over N worker
processes (``analyze(..., jobs=N)``, what ``servicemind analyze --jobs N`` does).

The copies repeat the demo texts, so per-text memos hit from the second copy on (as on
macros pasted again and again, and the three timed runs see the same texts); ``--unique``
adds a reference number to every text of every copy, different in every timed run, which
measures text never seen before.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from importlib import resources
from itertools import count
from pathlib import Path

from servicemind.analyse.base import Doc
from servicemind.api import analyze, get_pipeline
from servicemind.conversation import Conversation
from servicemind.ingest import read
from servicemind.schemas import validate

DEMO = Path(str(resources.files("servicemind.demo").joinpath("conversations.jsonl")))


def _renamed(convs: list[Conversation], k: int, unique: bool = False) -> list[Conversation]:
    """Copy ``k`` of ``convs`` with fresh ids; with ``unique``, every text gets a reference."""
    return [
        Conversation(
            id=f"{c.id}-{k}",
            turns=[replace(t, text=f"{t.text} (ref {k}-{j}-{t.index})") for t in c.turns]
            if unique
            else c.turns,
            channel=c.channel,
            meta=c.meta,
        )
        for j, c in enumerate(convs)
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20, help="copies of the demo set per run")
    ap.add_argument("--jobs", type=int, default=1, help="also time N worker processes")
    ap.add_argument("--unique", action="store_true", help="make every text of every copy unique")
    args = ap.parse_args()
    base = list(read(DEMO, "jsonl", strict=True))
    rounds = count()

    def fresh() -> list[Conversation]:
        """The input of one timed run: with ``--unique``, texts no earlier run has seen."""
        r = next(rounds) * args.repeat if args.unique else 0
        return [c for k in range(r, r + args.repeat) for c in _renamed(base, k, args.unique)]

    convs = fresh()
    t0 = time.perf_counter()
    pipe = get_pipeline()
    list(pipe.analyze(base[:1]))
    load_s = time.perf_counter() - t0
    n_turns = sum(len(c.turns) for c in convs)
    n_agent = sum(1 for c in convs for s in c.get_sides() if s is not None and s.value == "agent")
    n_cust = sum(1 for c in convs for s in c.get_sides() if s is not None and s.value == "customer")
    res: dict[str, object] = {
        "texts": "unique" if args.unique else "demo texts repeated",
        "conversations": len(convs),
        "turns": n_turns,
        "agent_replies": n_agent,
        "customer_turns": n_cust,
        "pipeline_load_s": round(load_s, 2),
    }
    for check in (False, True):
        times = []
        for _ in range(3):
            run = fresh()
            t = time.perf_counter()
            for _o in analyze(run, check=check, pipeline=pipe):
                pass
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        key = "validated" if check else "unvalidated"
        res[f"{key}_turns_per_s"] = round(n_turns / med)
        res[f"{key}_replies_per_s"] = round(n_agent / med)
    if args.jobs != 1:
        times = []
        for _ in range(3):
            run = fresh()
            t = time.perf_counter()
            for _o in analyze(run, pipeline=pipe, jobs=args.jobs):
                pass
            times.append(time.perf_counter() - t)
        res[f"validated_turns_per_s_jobs_{args.jobs}"] = round(n_turns / statistics.median(times))
    docs = [Doc(c) for c in fresh()]
    seconds: dict[str, float] = {}
    for a in pipe.analysers_:
        t = time.perf_counter()
        for i in range(0, len(docs), pipe.batch_size):
            a.annotate(docs[i : i + pipe.batch_size])
        seconds[a.name] = round(time.perf_counter() - t, 3)
    for d in docs:
        d.out["servicemind"] = pipe.provenance
    t = time.perf_counter()
    for d in docs:
        validate(d.out)
    seconds["schema validation"] = round(time.perf_counter() - t, 3)
    res["seconds_per_component"] = seconds
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "o.jsonl"
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "servicemind.cli", "analyze", str(DEMO), "-o", str(out)],
            check=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
            capture_output=True,
        )
        res["cli_demo_wall_s"] = round(time.perf_counter() - t, 2)
    res["load_average"] = round(os.getloadavg()[0], 1)
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
