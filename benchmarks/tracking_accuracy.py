"""Commitment tracking (kept / broken / open) against two label passes.

    PYTHONPATH=src python3 benchmarks/tracking_accuracy.py [--split train|test|all]
        [--root training/data/tracking] [--writers t1,t2] [--agreement]

Reads the tracking set (``training/data/tracking``: whole conversations, servicemind JSONL,
and two blind label passes under ``training/guidelines/commitment-tracking.md``), runs the
default pipeline on the conversations and compares every agent turn's
``agent.commitments`` with the labels:

* **detection**: span precision / recall / F1 against pass A and pass B (spans match when
  they overlap by at least half of the shorter one, as in ``commitments_accuracy.py``);
* **status**: on the predicted commitments that match a commitment both passes marked with
  the **same status** (the gold), accuracy and per-status F1 of ``status``, and how often
  ``resolved_by`` names the same turn when both passes did;
* **end to end**: span and status together, F1 against each pass (a predicted commitment is
  right when it matches a labelled one with the same status).

``--agreement`` prints the same figures for pass B scored against pass A (how far two
people agree), instead of running the pipeline. The split is the trait corpus's (test:
SHA-256 of the conversation id mod 100 < 20); the test part is for the final number only.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from servicemind.training._labels import _overlap, cohen_kappa, split_of

Span = tuple[int, int]
# (turn, start, end, status, resolved_by)
Mark = tuple[int, int, int, str, int | None]
STATUSES = ("kept", "broken", "open")


def _read(path: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for f in sorted(path.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                out[obj["id"]] = obj
    return out


def _marks(conv: dict[str, Any], label: dict[str, Any]) -> list[Mark]:
    out: list[Mark] = []
    for c in label["commitments"]:
        text = conv["turns"][c["turn"]]["text"]
        s = text.find(c["text"])
        if s >= 0:
            out.append((c["turn"], s, s + len(c["text"]), c["status"], c["resolved_by"]))
    return out


def _match(pred: Sequence[Mark], gold: Sequence[Mark]) -> list[tuple[Mark | None, Mark | None]]:
    """One-to-one pairs of overlapping marks in the same turn; unmatched ones with None."""
    used: set[int] = set()
    pairs: list[tuple[Mark | None, Mark | None]] = []
    for p in pred:
        hit = next(
            (
                i
                for i, g in enumerate(gold)
                if i not in used and g[0] == p[0] and _overlap((p[1], p[2]), (g[1], g[2]))
            ),
            None,
        )
        if hit is None:
            pairs.append((p, None))
        else:
            used.add(hit)
            pairs.append((p, gold[hit]))
    pairs.extend((None, g) for i, g in enumerate(gold) if i not in used)
    return pairs


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _class_f1(confusion: Counter[tuple[str, str]], s: str) -> float | None:
    """F1 of one status over the confusion counts; None when it is neither gold nor predicted."""
    tp = confusion[(s, s)]
    fp = sum(v for (g, p), v in confusion.items() if p == s and g != s)
    fn = sum(v for (g, p), v in confusion.items() if g == s and p != s)
    return None if tp + fp + fn == 0 else _prf(tp, fp, fn)["f1"]


def score(pred: dict[str, list[Mark]], passes: dict[str, dict[str, list[Mark]]]) -> dict[str, Any]:
    """Detection, status and end-to-end figures of ``pred`` against each pass and the gold."""
    res: dict[str, Any] = {}
    for name, marks in passes.items():
        det = Counter[str]()
        e2e = Counter[str]()
        for cid, gold in marks.items():
            for p, g in _match(pred.get(cid, []), gold):
                det["tp" if p and g else "fp" if p else "fn"] += 1
                if p and g and p[3] == g[3]:
                    e2e["tp"] += 1
                else:
                    e2e["fp"] += p is not None
                    e2e["fn"] += g is not None
        res[f"detection vs {name}"] = _prf(det["tp"], det["fp"], det["fn"])
        res[f"end to end vs {name}"] = _prf(e2e["tp"], e2e["fp"], e2e["fn"])
    # the gold: marks both passes made (overlapping, same turn) with the same status
    confusion = Counter[tuple[str, str]]()
    same_turn = n_turn = 0
    a, b = passes["A"], passes["B"]
    for cid in a:
        gold = [
            (ga[0], ga[1], ga[2], ga[3], ga[4] if ga[4] == gb[4] else -1)
            for ga, gb in _match(a[cid], b.get(cid, []))
            if ga and gb and ga[3] == gb[3]
        ]
        for p, g in _match(pred.get(cid, []), gold):
            if p and g:
                confusion[(g[3], p[3])] += 1
                if g[3] != "open" and p[3] == g[3] and g[4] != -1:
                    n_turn += 1
                    same_turn += p[4] == g[4]
    total = sum(confusion.values())
    res["status on agreed gold"] = {
        "n": total,
        "accuracy": sum(v for (g, p), v in confusion.items() if g == p) / total if total else 0.0,
        **{f"F1 {s}": _class_f1(confusion, s) for s in STATUSES},
        "confusion (gold -> predicted)": {
            f"{g}->{p}": v for (g, p), v in sorted(confusion.items())
        },
        "resolved_by same turn": same_turn / n_turn if n_turn else 0.0,
    }
    return res


def agreement(passes: dict[str, dict[str, list[Mark]]]) -> dict[str, Any]:
    """Pass B against pass A: span F1, status kappa on the pairs both marked, turn agreement."""
    a, b = passes["A"], passes["B"]
    out = score(b, {"A": a, "B": b})
    sa: list[int] = []
    sb: list[int] = []
    same = n = 0
    for cid in a:
        for ga, gb in _match(a[cid], b.get(cid, [])):
            if ga and gb:
                sa.append(STATUSES.index(ga[3]))
                sb.append(STATUSES.index(gb[3]))
                if ga[3] == gb[3] != "open":
                    n += 1
                    same += ga[4] == gb[4]
    return {
        "span F1 (B vs A)": out["detection vs A"]["f1"],
        "status kappa on pairs both marked": cohen_kappa(sa, sb, [0, 1, 2]),
        "status exact agreement": sum(x == y for x, y in zip(sa, sb, strict=True)) / len(sa)
        if sa
        else 0.0,
        "pairs": len(sa),
        "resolved_by same turn (same non-open status)": same / n if n else 0.0,
    }


def predict(convs: dict[str, dict[str, Any]], root: Path) -> dict[str, list[Mark]]:
    from servicemind.api import analyze
    from servicemind.ingest import read

    files = sorted((root / "conversations").glob("*.jsonl"))
    out: dict[str, list[Mark]] = {}
    for f in files:
        wanted = (c for c in read(f) if c.id in convs)  # only the split asked for
        for o in analyze(wanted, check=False):
            marks: list[Mark] = []
            for t in o["turns"]:
                for c in (t.get("agent") or {}).get("commitments", []):
                    marks.append((t["index"], c["start"], c["end"], c["status"], c["resolved_by"]))
            out[o["id"]] = marks
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=Path("training/data/tracking"))
    ap.add_argument("--split", choices=("train", "test", "all"), default="test")
    ap.add_argument("--writers", default=None, help="only these writers, e.g. t1,t2")
    ap.add_argument("--agreement", action="store_true", help="pass B against pass A")
    args = ap.parse_args()
    convs = _read(args.root / "conversations")
    labels = {p: _read(args.root / "labels" / p) for p in ("A", "B")}
    keep = {
        cid
        for cid in convs
        if cid in labels["A"]
        and cid in labels["B"]
        and (args.split == "all" or split_of(cid) == args.split)
        and (not args.writers or cid.split("-")[0] in args.writers.split(","))
    }
    passes = {p: {cid: _marks(convs[cid], labels[p][cid]) for cid in sorted(keep)} for p in labels}
    n_marks = {p: sum(len(v) for v in m.values()) for p, m in passes.items()}
    status = {p: Counter(x[3] for v in m.values() for x in v) for p, m in passes.items()}
    print(
        f"{len(keep)} conversations ({args.split}); commitments A {n_marks['A']} {dict(status['A'])}, "
        f"B {n_marks['B']} {dict(status['B'])}"
    )
    if args.agreement:
        res: dict[str, Any] = agreement(passes)
    else:
        res = score(predict({c: convs[c] for c in keep}, args.root), passes)
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
