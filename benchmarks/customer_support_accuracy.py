"""Customer emotion and hostility on support text: the team's labelled asker turns.

    PYTHONPATH=src python3 benchmarks/customer_support_accuracy.py [--split test|all|train]
        [--root training/data] [--writers w14,w15,w16,w17]

GoEmotions (Reddit) and the offensive tweets are what the customer models are trained and
tuned on; this measures them where they are used. The turns are the last context turn of
every item of the trait corpus (``training/data/traits/pairs``: the customer's, or the
asking colleague's or supplier's, message that the agent's reply answers), labelled in two
blind passes (``training/data/customer/labels/A`` and ``B``) under
``training/guidelines/customer-emotion.md``. The split is the trait corpus's (test =
SHA-256 of the id mod 100 < 20).

Each conversation (the context turns) goes through the whole shipped pipeline
(``servicemind.api.analyze``), and the last turn's ``customer.emotion.label`` and
``customer.hostile`` are compared with each pass and with the turns both passes agree on.
Prints: pass-vs-pass agreement (Cohen's κ), six-emotion macro-F1 (also over the classes
with at least ``MIN_CLASS`` gold turns) and per-class F1, and hostility ROC-AUC and F1 at
0.5. From customer model 1.3.0 on, the six-emotion and hostility heads are trained on the
TRAIN part of these turns too, so only ``--split test`` is held out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from servicemind.analyse.base import EMOTIONS
from servicemind.api import analyze
from servicemind.conversation import Conversation
from servicemind.training._customer_data import load_turn_labels
from servicemind.training._customer_eval import f1, macro_f1, roc_auc
from servicemind.training._labels import cohen_kappa, load_items, split_of

ROOT = Path("training/data")
#: Classes with fewer gold turns than this are left out of the second macro-F1: support
#: customers are rarely just "disappointed" (21 of 2,854 agreed turns), and an F1 over two
#: test turns is noise.
MIN_CLASS = 10


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=["all", "test", "train"])
    ap.add_argument(
        "--root", type=Path, default=ROOT, help="the labelled data folder (default training/data)"
    )
    ap.add_argument(
        "--writers",
        help="only these writers' items, e.g. w14,w15 (a new round's writers, --split all: "
        "text the shipped model never saw)",
    )
    args = ap.parse_args()
    items = load_items(args.root / "traits" / "pairs")
    a, b = load_turn_labels(args.root, "A"), load_turn_labels(args.root, "B")
    keep = None if args.writers is None else set(args.writers.split(","))
    ids = [
        i
        for i in items
        if i in a
        and i in b
        and args.split in ("all", split_of(i))
        and (keep is None or i.split("-")[0] in keep)
    ]
    convs = [Conversation.from_turns(items[i]["context"]) for i in ids]
    pred_e, pred_h, kept = [], [], []
    for i, out in zip(ids, analyze(convs, check=False), strict=True):
        cust = out["turns"][-1].get("customer") or {}
        if "emotion" not in cust:  # the pipeline read the asker as the agent side
            print(f"skipped {i}: its last turn was not read as the asking side")
            continue
        kept.append(i)
        pred_e.append(EMOTIONS.index(cust["emotion"]["label"]))
        pred_h.append(float(cust["hostile"]))
    ids = kept
    pe, ph = np.array(pred_e), np.array(pred_h)
    ea = np.array([EMOTIONS.index(a[i]["emotion"]) for i in ids])
    eb = np.array([EMOTIONS.index(b[i]["emotion"]) for i in ids])
    ha = np.array([a[i]["hostile"] for i in ids])
    hb = np.array([b[i]["hostile"] for i in ids])
    print(f"## support turns labelled by both passes: {len(ids)} (split {args.split})")
    print(
        f"agreement: emotion κ {cohen_kappa(list(ea), list(eb), list(range(6))):.3f} "
        f"(exact {np.mean(ea == eb):.3f}); hostile κ {cohen_kappa(list(ha), list(hb), [0, 1]):.3f}"
    )
    agree = ea == eb
    counts = {e: int((ea[agree] == k).sum()) for k, e in enumerate(EMOTIONS)}
    print(f"gold where both agree ({int(agree.sum())} turns): {counts}")
    rows = [("pass A", ea, np.ones(len(ids), bool)), ("pass B", eb, np.ones(len(ids), bool))]
    rows.append(("both agree", ea, agree))
    print(
        "\n| gold | n | six-emotion macro-F1 | macro-F1 of classes with >= 10 gold turns | "
        + " | ".join(EMOTIONS)
        + " |"
    )
    print("|---|---:|---:|---:|" + "---:|" * len(EMOTIONS))
    for name, gold, keep in rows:
        g, p = gold[keep], pe[keep]
        per = [f1(g == k, p == k) for k in range(6)]
        big = [x for k, x in enumerate(per) if (g == k).sum() >= MIN_CLASS]
        print(
            f"| {name} | {int(keep.sum())} | {macro_f1(g, p, 6):.3f} | {np.mean(big):.3f} | "
            + " | ".join(f"{x:.3f}" for x in per)
            + " |"
        )
    print("\n| gold | n | hostile | ROC-AUC | F1 at 0.5 |")
    print("|---|---:|---:|---:|---:|")
    hagree = ha == hb
    for name, gold, keep in (
        ("pass A", ha, None),
        ("pass B", hb, None),
        ("both agree", ha, hagree),
    ):
        k = np.ones(len(ids), bool) if keep is None else keep
        g, s = gold[k].astype(int), ph[k]
        print(
            f"| {name} | {int(k.sum())} | {int(g.sum())} | {roc_auc(g, s):.3f} | "
            f"{f1(g, s >= 0.5):.3f} |"
        )


if __name__ == "__main__":
    main()
