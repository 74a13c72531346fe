"""Redaction benchmark: speed on the demo turns, worst cases, and recall on ABCD samples.

    PYTHONPATH=src python3 benchmarks/redact_benchmark.py [--data ../shared/data]

* speed: turns/s redacting every turn of the demo set (median of 5 runs);
* worst cases: seconds for 100 kB adversarial turns (long digit runs, code-like text),
  the guard against catastrophic regex backtracking;
* recall: the ABCD sample conversations carry their customer's name, email, phone,
  username, order id, street and ZIP in ``scenario``; the share of their occurrences in
  the dialogue that are masked when the conversation is redacted as practice does it
  (names found across the whole conversation). The samples are few and were looked at
  while writing the rules, so read the figure as a smoke test, not an estimate.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from importlib import resources
from pathlib import Path

from servicemind.coach.redact import find_names, redact

WORST_CASES = {
    "spaced digits": "1 " * 50_000,
    "digit run": "7" * 100_000,
    "capitals": "A" * 100_000,
    "phone numbers": "07700 900123 " * 7_700,
    "card-like groups": "4111 " * 20_000,
    "code-like": "AB12-" * 20_000,
    "greetings": "Hello Maria Lopez " * 5_500,
}


def bench_speed() -> tuple[int, float]:
    text = (resources.files("servicemind") / "demo" / "conversations.jsonl").read_text("utf-8")
    turns = [t["text"] for line in text.splitlines() for t in json.loads(line)["turns"]]
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for t in turns:
            redact(t)
        runs.append(time.perf_counter() - start)
    return len(turns), len(turns) / statistics.median(runs)


def bench_worst() -> dict[str, float]:
    out = {}
    for name, text in WORST_CASES.items():
        start = time.perf_counter()
        redact(text)
        out[name] = time.perf_counter() - start
    return out


def bench_recall(data: Path) -> tuple[int, int]:
    path = data / "conversations" / "abcd_sample.json"
    convs = json.loads(path.read_text("utf-8"))
    total = masked = 0
    for c in convs:
        personal, order = c["scenario"]["personal"], c["scenario"]["order"]
        secrets = [personal.get(k) for k in ("email", "phone", "username")]
        secrets += [order.get(k) for k in ("order_id", "street_address", "zip_code")]
        secrets += personal.get("customer_name", "").split()
        secrets = [s for s in secrets if s]
        texts = [t for _, t in c["original"]]
        names = find_names(texts)
        for t in texts:
            r = redact(t, names).lower()
            for s in secrets:
                if s.lower() in t.lower():
                    total += 1
                    masked += s.lower() not in r
    return masked, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()
    n, rate = bench_speed()
    print(f"speed: {n} demo turns, {rate:,.0f} turns/s (median of 5)")
    for name, secs in bench_worst().items():
        print(f"worst case, 100 kB {name}: {secs:.2f} s")
    if (args.data / "conversations" / "abcd_sample.json").is_file():
        masked, total = bench_recall(args.data)
        print(f"recall on ABCD samples: {masked}/{total} personal values masked")
    else:
        print(f"recall: skipped, no ABCD samples under {args.data}")


if __name__ == "__main__":
    main()
