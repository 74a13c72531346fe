"""Report benchmark: time, peak memory and file size of the HTML report for N conversations.

    PYTHONPATH=src python3 benchmarks/report_benchmark.py 10000
    PYTHONPATH=src python3 benchmarks/report_benchmark.py --input results.jsonl

Without ``--input`` it streams synthetic conversations (benchmarks/synthetic_results.py);
generation is included in the time. With ``--input`` the time includes reading and parsing
the JSONL, as ``servicemind report`` does.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servicemind.report import build_report
from servicemind.report.render import iter_results
from synthetic_results import generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, nargs="?", default=10_000)
    ap.add_argument("--input", type=Path)
    args = ap.parse_args(argv)
    results = iter_results(args.input) if args.input else generate(args.n)
    t0 = time.perf_counter()
    html = build_report(results)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"conversations: {args.n if not args.input else 'from ' + str(args.input)}")
    print(f"time: {seconds:.2f} s")
    print(f"peak process memory (max RSS): {peak / 2**20:.0f} MiB")
    print(f"report size: {len(html.encode()) / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
