"""Speed and memory of the customer-side analysers (emotion, hostility, satisfaction, moments).

    PYTHONPATH=src python3 benchmarks/customer_speed.py --data ../shared/data

Conversations are built from GoEmotions dev comments (customer turns) alternating with USS
system turns (agent turns), read from --data at run time. Reports:
batch throughput (customer turns/s, median of --repeat runs, batch of 256 conversations),
single-turn latency (p50/p95 over conversations of one customer turn), model load time,
RSS after loading and peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

from servicemind.analyse.pipeline import Pipeline
from servicemind.conversation import Conversation

COMPONENTS = ["emotion", "hostility", "satisfaction", "moments"]


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _texts(data: Path, n: int) -> tuple[list[str], list[str]]:
    cust = [line.split("\t")[0] for line in (data / "goemotions" / "dev.tsv").open()]
    agent = [
        line.split("\t")[1]
        for line in (data / "satisfaction" / "MWOZ.train.txt").open()
        if line.startswith("SYSTEM\t")
    ]
    return (cust * (n // len(cust) + 1))[:n], agent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--turns", type=int, default=6000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--single", type=int, default=500)
    args = ap.parse_args()
    rss0 = _rss_mb()
    cust, agent = _texts(args.data, args.turns)
    convs = []
    for i in range(0, len(cust), 2):
        turns = []
        for k, t in enumerate(cust[i : i + 2]):
            turns += [
                {"role": "customer", "text": t},
                {"role": "agent", "text": agent[(i + k) % len(agent)]},
            ]
        convs.append(Conversation.from_turns(turns, id=f"b{i}"))
    t0 = time.perf_counter()
    pipe = Pipeline(components=COMPONENTS, batch_size=256)
    list(pipe.analyze(convs[:1]))  # loads the model
    load_s = time.perf_counter() - t0
    rss_loaded = _rss_mb()
    rates, cpu_rates = [], []
    for _ in range(args.repeat):
        t, c = time.perf_counter(), time.process_time()
        n = sum(1 for _ in pipe.analyze(convs))
        rates.append(len(cust) / (time.perf_counter() - t))
        cpu_rates.append(len(cust) / (time.process_time() - c))
        assert n == len(convs)
    singles = [
        Conversation.from_turns([{"role": "customer", "text": cust[i]}], id=f"s{i}")
        for i in range(args.single)
    ]
    lat, cpu_lat = [], []
    for c in singles:
        t, cp = time.perf_counter(), time.process_time()
        pipe.analyze_one(c)
        lat.append((time.perf_counter() - t) * 1000)
        cpu_lat.append((time.process_time() - cp) * 1000)
    cpu_lat.sort()
    lat.sort()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"python {sys.version.split()[0]}; {len(cust)} customer turns in {len(convs)} conversations"
    )
    print(
        f"model load: {load_s:.2f} s; RSS before {rss0:.0f} MB, after load {rss_loaded:.0f} MB, "
        f"peak {peak:.0f} MB"
    )
    print(
        f"batch: {statistics.median(rates):,.0f} customer turns/s (median of {args.repeat}: "
        + ", ".join(f"{r:,.0f}" for r in rates)
        + ")"
    )
    print(
        "batch per CPU-second (robust to other jobs on the machine): "
        f"{statistics.median(cpu_rates):,.0f} customer turns/s"
    )
    print(
        f"single turn: p50 {lat[len(lat) // 2]:.2f} ms, p95 {lat[int(len(lat) * 0.95)]:.2f} ms "
        f"({len(lat)} conversations of one customer turn); "
        f"CPU p50 {cpu_lat[len(cpu_lat) // 2]:.2f} ms"
    )
    print(f"load average (1 min): {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
