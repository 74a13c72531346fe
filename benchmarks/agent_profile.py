"""Where the agent side's time goes, by sampling: the analysers' CPU time, and the share of
samples per function (self and inclusive) and per line.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/agent_profile.py \
        [--items training/data/traits/pairs] [--warm 1500] [--interval-ms 0.5] [--top 30]

Runs the three agent analysers (traits, commitments, scorecard) over the *train* part of the
team items (the test part, ``split_of(id) == "test"``, is never read), in batches of 256
after ``--warm`` items that load the lexicons and compile the cues, one process. A
``SIGPROF`` timer (process CPU time) records the Python stack every ``--interval-ms``.

Why sampling and not ``cProfile``: a deterministic profiler adds about a microsecond to
every Python call, so code made of many small calls (the cue sieve, the scorers) looks
larger than the C calls it makes (regex searches, set operations); a sample attributes the
time a C call takes to the Python line that made it, at the same cost for both.
"""

from __future__ import annotations

import argparse
import os
import signal
import time
from collections import Counter, defaultdict
from types import FrameType

from servicemind.analyse.base import Analyser, Doc
from servicemind.analyse.commitments import CommitmentAnalyser
from servicemind.analyse.scorecard import ScorecardAnalyser
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.training._labels import load_items, split_of
from servicemind.training.traits import _doc


class Sampler:
    """Counts, for each ``SIGPROF`` tick, the function and line running (self) and every
    function on the stack once (inclusive)."""

    def __init__(self) -> None:
        self.samples = 0
        self.self_: Counter[str] = Counter()
        self.inclusive: Counter[str] = Counter()
        self.lines: Counter[str] = Counter()

    def record(self, frame: FrameType | None) -> None:
        self.samples += 1
        seen: set[str] = set()
        top = True
        while frame is not None:
            code = frame.f_code
            name = f"{os.path.basename(code.co_filename)}:{code.co_name}"
            if top:
                self.self_[name] += 1
                self.lines[f"{name}:{frame.f_lineno}"] += 1
                top = False
            if name not in seen:
                self.inclusive[name] += 1
                seen.add(name)
            frame = frame.f_back

    def start(self, interval: float) -> None:
        signal.signal(signal.SIGPROF, lambda _sig, frame: self.record(frame))
        signal.setitimer(signal.ITIMER_PROF, interval, interval)

    def stop(self) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)

    def table(self, counts: Counter[str], top: int) -> list[str]:
        return [f"{100 * n / max(1, self.samples):5.1f}%  {k}" for k, n in counts.most_common(top)]


def _run(analysers: list[Analyser], docs: list[Doc], cpu: defaultdict[str, float]) -> None:
    for i in range(0, len(docs), 256):
        batch = docs[i : i + 256]
        for a in analysers:
            t = time.process_time()
            a.annotate(batch)
            cpu[type(a).__name__] += time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", default="training/data/traits/pairs")
    ap.add_argument("--warm", type=int, default=1500, help="items analysed before sampling")
    ap.add_argument("--interval-ms", type=float, default=0.5)
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    items = [v for k, v in load_items(args.items).items() if split_of(k) == "train"]
    analysers: list[Analyser] = [TraitsAnalyser(), CommitmentAnalyser(), ScorecardAnalyser()]
    _run(analysers, [_doc(v) for v in items[: args.warm]], defaultdict(float))
    docs = [_doc(v) for v in items[args.warm :]]
    replies = sum(1 for d in docs for _ in d.iter_agent())
    cpu: defaultdict[str, float] = defaultdict(float)
    sampler = Sampler()
    sampler.start(args.interval_ms / 1000)
    t0 = time.process_time()
    _run(analysers, docs, cpu)
    total = time.process_time() - t0
    sampler.stop()
    print(
        f"{len(docs)} train items, {replies} replies: {total:.2f} s CPU = "
        f"{replies / total:,.0f} replies per CPU-second, {1e6 * total / replies:,.0f} µs a reply "
        f"({sampler.samples} samples; load average {os.getloadavg()[0]:.1f})"
    )
    for name, secs in sorted(cpu.items(), key=lambda kv: -kv[1]):
        print(f"  {name}: {1e6 * secs / replies:,.0f} µs a reply ({100 * secs / total:.1f}%)")
    for title, counts in (
        ("self (the function running)", sampler.self_),
        ("inclusive (on the stack)", sampler.inclusive),
        ("lines", sampler.lines),
    ):
        print(f"--- {title}")
        print("\n".join(sampler.table(counts, args.top)))


if __name__ == "__main__":
    main()
