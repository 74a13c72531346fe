"""Latency of the HTTP API's draft scoring, in process (no network), one request at a time.

    PYTHONPATH=src python3 benchmarks/serve_latency.py [--n 300]

Sends every agent reply of the demo set with its conversation so far to POST
/v1/score-reply through Starlette's TestClient (the ASGI app, JSON encoding and decoding,
the full default pipeline and schema validation included; no socket), and prints p50 / p90 /
p99 in milliseconds and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from importlib import resources

from starlette.testclient import TestClient

from servicemind.serve import create_app


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    demo = resources.files("servicemind.demo").joinpath("conversations.jsonl")
    bodies = []
    for line in demo.read_text("utf-8").splitlines():
        turns = json.loads(line)["turns"]
        for i, t in enumerate(turns):
            if t["role"] == "agent" and i:
                ctx = [{"role": x["role"], "text": x["text"]} for x in turns[:i]]
                bodies.append({"reply": t["text"], "context": ctx})
    client = TestClient(create_app())
    client.post("/v1/score-reply", json=bodies[0])  # warm
    times = []
    for k in range(args.n):
        started = time.perf_counter()
        res = client.post("/v1/score-reply", json=bodies[k % len(bodies)])
        times.append((time.perf_counter() - started) * 1000)
        assert res.status_code == 200, res.text
    q = statistics.quantiles(times, n=100)
    print(f"{args.n} draft replies ({len(bodies)} distinct, with their context)")
    print(f"p50 {q[49]:.1f} ms, p90 {q[89]:.1f} ms, p99 {q[98]:.1f} ms")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
