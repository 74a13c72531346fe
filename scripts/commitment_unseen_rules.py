"""Record what the commitment rules found on each writer's replies before they had read them.

    python3 scripts/commitment_unseen_rules.py [--out training/data/commitments/unseen_rules.jsonl]

The commitment rules were grown by reading the train errors of each writing round, so on
those items they score about 0.90, and a model stacked on them learns that a sentence the
rules passed over is rarely a promise. On a new writer they miss far more (0.78-0.85).
The sentence model (servicemind.training.commitments) therefore learns from, and is
chosen on, the rules' decisions as they were *before* each writer's items were read: the
extractor of the commit just before each round's rule work (``VERSIONS``), taken from git
history (``git archive``) and run on that round's train items in a separate process.

Writes one line per train item: ``{"id", "commit", "spans": [[start, end, has_due], ...]}``
(offsets only, no text). The file is committed, so ``servicemind train commitments`` needs
no git history; this script is how it was made.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

#: Writers → the last commit whose commitment rules had not read their items.
VERSIONS = {
    # after the first rework (w1-w5 only; w6/w7 were written next, read by branch commit3)
    "3bd5009": ("w6", "w7"),
    # the start of branch commit5, which read w8/w9
    "9499868": ("w8", "w9"),
    # the start of branch commit6, which read w10-w13
    "9b3257b": ("w10", "w11", "w12", "w13"),
}
ROOT = Path("training/data/traits")

_RUN = """
import json, sys
from pathlib import Path
from servicemind.analyse.commitments import extract_commitments
from servicemind.training._labels import load_items, split_of
commit, root, *files = sys.argv[1:]
for f in files:
    for i, item in sorted(load_items(Path(root) / "pairs" / f"{f}.jsonl").items()):
        if split_of(i) != "train":
            continue
        spans = [[c.start, c.end, c.due is not None] for c in extract_commitments(item["reply"])]
        print(json.dumps({"id": i, "commit": commit, "spans": spans}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="training/data/commitments/unseen_rules.jsonl")
    args = ap.parse_args()
    lines: list[str] = []
    for commit, files in VERSIONS.items():
        with tempfile.TemporaryDirectory() as tmp:
            archive = subprocess.run(
                ["git", "archive", commit, "src"], check=True, capture_output=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            res = subprocess.run(
                [sys.executable, "-c", _RUN, commit, str(ROOT.resolve()), *files],
                check=True,
                capture_output=True,
                text=True,
                env={"PYTHONPATH": str(Path(tmp) / "src"), "PATH": "/usr/bin:/bin"},
            )
            lines += res.stdout.splitlines()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} items written to {out}")


if __name__ == "__main__":
    main()
