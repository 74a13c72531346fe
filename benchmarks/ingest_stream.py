"""Ingest streaming benchmark: throughput and peak memory per format on synthetic files.

Run from the repo root:

    PYTHONPATH=src python3 benchmarks/ingest_stream.py [--mb 100]

Writes synthetic files (invented text, no corpus data) into a temporary folder, then reads
each one in a fresh Python process and reports conversations/s, MB/s and the peak resident
memory of that process (ru_maxrss) next to the file size. Streaming means the peak stays
far below the file size for the JSON formats; for TWCS it grows with the tweet index.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

TEXT = "Hello, my order 1234 has not arrived yet and I'm getting worried 😟. " * 3


def write_zendesk(path: Path, target: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("[\n")
        i = 0
        while fh.tell() < target:
            ticket = {
                "id": i,
                "requester_id": 1,
                "comments": [
                    {"id": j, "author_id": 1 + j % 2, "body": TEXT, "public": True}
                    for j in range(6)
                ],
            }
            fh.write(("," if i else "") + json.dumps(ticket, ensure_ascii=False) + "\n")
            i += 1
        fh.write("]\n")


def write_jsonl(path: Path, target: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        i = 0
        while fh.tell() < target:
            turns = [{"role": ("customer", "agent")[j % 2], "text": TEXT} for j in range(6)]
            fh.write(json.dumps({"id": f"c{i}", "turns": turns}, ensure_ascii=False) + "\n")
            i += 1


def write_twcs(path: Path, target: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(
            "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        )
        tid = 1
        while fh.tell() < target:
            for k in range(4):  # a four-tweet thread: customer, brand, customer, brand
                nxt = str(tid + 1) if k < 3 else ""
                prev = str(tid - 1) if k else ""
                author, inbound = ("Brand", "False") if k % 2 else (str(100000 + tid), "True")
                fh.write(
                    f'{tid},{author},{inbound},Wed Oct 11 06:55:{k:02d} +0000 2017,"{TEXT}",'
                    f"{nxt},{prev}\n"
                )
                tid += 1


def write_csv(path: Path, target: int) -> None:
    """Long CSV, a six-row conversation after another (the usual export: contiguous)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("conversation_id,role,author,text,time\n")
        i = 0
        while fh.tell() < target:
            for j in range(6):
                role, author = ("customer", "ana") if j % 2 == 0 else ("agent", "kim")
                fh.write(f'T-{i},{role},{author},"{TEXT}",2024-03-01T10:0{j}:00Z\n')
            i += 1


CHILD = """
import resource, sys, time
from servicemind.ingest import read
t = time.perf_counter()
n = sum(1 for _ in read(sys.argv[1], sys.argv[2], strict=True))
dt = time.perf_counter() - t
print(n, dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""

BASELINE = "import resource, servicemind.ingest; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=100, help="size of each synthetic file in MB")
    ap.add_argument(
        "--formats",
        default="zendesk,jsonl,twcs,csv",
        help="comma-separated formats to run (default: all four)",
    )
    args = ap.parse_args()
    chosen = args.formats.split(",")
    target = args.mb << 20
    base = float(subprocess.check_output([sys.executable, "-c", BASELINE], text=True))
    print(f"baseline RSS after import: {base:.0f} MB")
    print("| format | file MB | conversations | seconds | conv/s | MB/s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, writer, name in (
            ("zendesk", write_zendesk, "t.json"),
            ("jsonl", write_jsonl, "c.jsonl"),
            ("twcs", write_twcs, "t.csv"),
            ("csv", write_csv, "long.csv"),
        ):
            if fmt not in chosen:
                continue
            path = Path(tmp) / name
            writer(path, target)
            size = path.stat().st_size / (1 << 20)
            out = subprocess.check_output([sys.executable, "-c", CHILD, str(path), fmt], text=True)
            n_s, dt_s, rss_s = out.split()
            n, dt, rss = int(n_s), float(dt_s), float(rss_s)
            print(
                f"| {fmt} | {size:.0f} | {n} | {dt:.1f} | {n / dt:.0f} | {size / dt:.1f} | {rss:.0f} |"
            )
            path.unlink()


if __name__ == "__main__":
    main()
