"""Commitment detection accuracy on the team corpus, against each label pass and their merge.

    PYTHONPATH=src python3 benchmarks/commitments_accuracy.py [--split train|test|all] [--errors N]
        [--root DIR] [--files w1,w2,...] [--extractor default|rules|model]

Spans match when they overlap by at least half of the shorter one (``span_f1``, the rule
of the agreement report). Reported against pass A, pass B, ``A&B`` (the gold spans both
passes marked: an A span that some B span overlaps) and ``A|B`` (every A span plus the B
spans no A span overlaps). ``--errors N`` prints up to N false positives and N false
negatives against A&B (as predicted) and A|B (as missed); it refuses the test part, which is
for the final number only. The files of the first two rounds (w1-w7) are read by default;
``--files w8,w9 --split all`` scores the third round's writers, whose items no rule or model
had seen when they were written (both parts: their train part is for later rounds).

The gold is by default the relabelled one: the commitments of w1-w5, first labelled under
guideline version 1, come from the two commitment-only passes under version 2
(``labels/commitments-v2``) where they exist; ``--gold original`` scores against the first
labels. ``--relabelled-only`` keeps the items both relabel passes have covered.

``--extractor``: ``default`` is ``extract_commitments`` as shipped; ``rules`` the rules
alone and ``model`` the rules checked by the trained sentence model
(analyse/_commitment_model.py), whichever of the two is switched on by default.
``--root`` reads another copy of the corpus (e.g. a writing round not merged yet).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from servicemind.analyse._commitment_model import load_sentence_model
from servicemind.analyse.commitments import (
    Commitment,
    _rule_commitments,
    combine,
    extract_commitments,
)
from servicemind.training._labels import (
    LabelledItem,
    _overlap,
    gold_spans,
    load_writer_files,
    span_f1,
)

Span = tuple[int, int]
ROOT = Path("training/data/traits")


def _load(files: Sequence[str], relabelled: bool = True, root: Path = ROOT) -> list[LabelledItem]:
    return load_writer_files(root, files, relabelled=relabelled)


def _gold(li: LabelledItem) -> dict[str, list[Span]]:
    reply = li.item["reply"]
    a = gold_spans(reply, li.passes["A"].get("commitments", []))
    b = gold_spans(reply, li.passes["B"].get("commitments", []))
    both = [s for s in a if any(_overlap(s, t) for t in b)]
    either = a + [t for t in b if not any(_overlap(s, t) for s in a)]
    return {"A": a, "B": b, "A&B": both, "A|B": either}


def _extractor(name: str) -> Callable[[str], Sequence[Commitment]]:
    if name == "rules":
        return _rule_commitments
    if name == "model":
        model = load_sentence_model()
        return lambda text: combine(text, _rule_commitments(text), model)
    return extract_commitments


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test", choices=["test", "train", "all"])
    ap.add_argument("--files", default="w1,w2,w3,w4,w5,w6,w7")
    ap.add_argument(
        "--gold",
        default="relabelled",
        choices=["relabelled", "original"],
        help="relabelled: w1-w5 commitments from the v2 relabel passes where they exist "
        "(labels/commitments-v2); original: every pass's first labels",
    )
    ap.add_argument(
        "--relabelled-only",
        action="store_true",
        help="score only items whose commitments both passes relabelled under v2 "
        "(with --gold relabelled; while the relabel passes are under way)",
    )
    ap.add_argument("--root", default=str(ROOT), help="corpus folder (pairs/, labels/)")
    ap.add_argument(
        "--extractor",
        default="default",
        choices=["default", "rules", "model"],
        help="default: as shipped; rules: the rules alone; model: rules + sentence model",
    )
    ap.add_argument("--errors", type=int, default=0, help="print N errors (train part only)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.errors and args.split != "train":
        ap.error("--errors reads the train part only; the test part is for the final number")
    data = [
        li
        for li in _load(args.files.split(","), args.gold == "relabelled", Path(args.root))
        if args.split in (li.split, "all")
        and (
            not args.relabelled_only
            or all(li.passes[p].get("commitments_relabelled") for p in "AB")
        )
    ]
    extract = _extractor(args.extractor)
    t0 = time.perf_counter()
    pred = [[(c.start, c.end) for c in extract(li.item["reply"])] for li in data]
    secs = time.perf_counter() - t0
    golds = [_gold(li) for li in data]
    out: dict[str, object] = {
        "split": args.split,
        "extractor": args.extractor,
        "gold": args.gold,
        "n_items": len(data),
        "n_relabelled_A_B": [
            sum(1 for li in data if li.passes[p].get("commitments_relabelled")) for p in "AB"
        ],
        "extract_ms_per_reply_cold": 0.0,
    }
    out["extract_ms_per_reply_cold"] = round(1000 * secs / max(1, len(data)), 3)
    for name in ("A", "B", "A&B", "A|B"):
        r = span_f1(pred, [g[name] for g in golds])
        out[name] = {k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()}
    print(json.dumps(out, indent=1))
    for name in ("A", "B", "A&B", "A|B"):
        v = out[name]
        assert isinstance(v, dict)
        print(
            f"{args.split} [{args.extractor}] vs {name}: P {v['precision']:.3f} R {v['recall']:.3f} "
            f"F1 {v['f1']:.3f} (tp {v['tp']}, fp {v['fp']}, fn {v['fn']})"
        )
    if not args.errors:
        return
    fps: list[str] = []
    fns: list[str] = []
    for li, p, g in zip(data, pred, golds, strict=True):
        reply = li.item["reply"]
        for s in p:
            if not any(_overlap(s, t) for t in g["A|B"]):
                fps.append(f"{li.id} [{li.item.get('language')}] FP «{reply[s[0] : s[1]]}»")
        for t in g["A&B"]:
            if not any(_overlap(s, t) for s in p):
                ctx = reply[max(0, t[0] - 40) : t[1] + 20].replace("\n", " ")
                fns.append(f"{li.id} [{li.item.get('language')}] FN «{reply[t[0] : t[1]]}» … {ctx}")
    rng = random.Random(args.seed)
    for title, rows in (("false positives (vs A|B)", fps), ("false negatives (vs A&B)", fns)):
        print(f"\n## {title}: {len(rows)}")
        for row in rng.sample(rows, min(args.errors, len(rows))):
            print(row)


if __name__ == "__main__":
    main()
