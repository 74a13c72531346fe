"""How often does the plain-text reader's "looks like a speaker label" warning fire on
lines that are only text?

Run from the repo root (``PYTHONPATH`` picks the code to measure):

    PYTHONPATH=src python3 benchmarks/transcript_label_warnings.py [--split train|test|all]

Takes every turn of the trait corpus (``training/data/traits/pairs``: context turns and
the reply) of the chosen split (default ``train``; the test part is for the final number
only) and checks each of its lines after the first, as the text reader checks a line
inside a turn: a known speaker label would start a turn, anything else that
``ingest.text.unmapped_label`` takes for a named speaker ("John Smith: ...") would warn. The corpus has
no named speakers inside turns, so every line that would warn is a false alarm. Prints
the lines checked, the lines that would warn, and the labels (never the text after them).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from servicemind.ingest.text import unmapped_label
from servicemind.training._labels import split_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "test", "all"), default="train")
    parser.add_argument("--root", default="training/data/traits/pairs")
    args = parser.parse_args()
    checked = 0
    warned: Counter[str] = Counter()
    for path in sorted(Path(args.root).glob("w*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            item = json.loads(raw)
            if args.split != "all" and split_of(item["id"]) != args.split:
                continue
            texts = [item["reply"], *(t["text"] for t in item.get("context", []))]
            for text in texts:
                for line in text.split("\n")[1:]:
                    checked += 1
                    label = unmapped_label(line)
                    if label is not None:
                        warned[label] += 1
    total = sum(warned.values())
    print(
        f"{checked} lines inside turns ({args.split}); {total} would warn ({total / max(checked, 1):.2%})"
    )
    for label, n in warned.most_common():
        print(f"  {label!r}: {n}")


if __name__ == "__main__":
    main()
