"""Wall time of the whole `servicemind analyze` command on a large input, one process
against the default (one worker per core).

    PYTHONPATH=src python3 benchmarks/cli_speed.py [--copies 100] [--runs 2] [--unique]

Writes the demo set ``--copies`` times with fresh ids to a temporary JSONL file, then runs
``servicemind analyze FILE -o OUT --jobs 1`` and ``servicemind analyze FILE -o OUT``
alternately (process start, model load, reading, de-duplication, validation and writing
all included), checks that both outputs are byte-identical, and prints turns/s (per wall
second, and per CPU-second of the command and its workers together). The copies
repeat the demo texts (per-text memos hit, as on pasted macros); ``--unique`` adds a
reference number to every text of every copy, which measures text never seen before.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--unique", action="store_true", help="make every text of every copy unique")
    args = ap.parse_args()
    demo = resources.files("servicemind.demo").joinpath("conversations.jsonl").read_text("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.jsonl"
        turns = 0
        with big.open("w", encoding="utf-8") as fh:
            for k in range(args.copies):
                for j, line in enumerate(demo.splitlines()):
                    obj = json.loads(line)
                    obj["id"] = f"{obj['id']}-{k}"
                    if args.unique:
                        for i, turn in enumerate(obj["turns"]):
                            turn["text"] = f"{turn['text']} (ref {k}-{j}-{i})"
                    turns += len(obj["turns"])
                    fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        texts = "every text unique" if args.unique else "demo texts repeated"
        print(f"{args.copies * len(demo.splitlines())} conversations, {turns} turns ({texts})")
        outs = {}
        for run in range(args.runs):
            for name, extra in (("--jobs 1", ["--jobs", "1"]), ("default", [])):
                out = Path(tmp) / f"out-{name.replace(' ', '')}.jsonl"
                cmd = [sys.executable, "-m", "servicemind", "analyze", str(big), "-o", str(out)]
                t0, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run(cmd + extra, check=True, capture_output=True)
                secs = time.perf_counter() - t0
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                # CPU of the command and of its workers (reaped before it exits): what the
                # run costs whatever else shares the machine
                cpu = r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime
                outs[name] = out
                print(
                    f"run {run + 1} {name}: {secs:.1f} s, {turns / secs:,.0f} turns/s; "
                    f"{cpu:.1f} s CPU in all = {turns / cpu:,.0f} turns per CPU-second"
                )
        same = filecmp.cmp(outs["--jobs 1"], outs["default"], shallow=False)
        print("outputs byte-identical:", same)


if __name__ == "__main__":
    main()
