"""Hostility on writers the model never saw: the old recipe against the support-text stack.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/hostility_new_writers.py \\
        --data ../shared/data --new w14,w15,w16,w17

Fits the hostility head and its support-text stack exactly as ``servicemind train customer``
does (``servicemind.training.customer._train_hostile``), but with the ``--new`` writers'
support turns left out of everything, then scores all of those writers' asker turns (train
and test part, the turns both label passes agree on) two ways: the model 1.3.0 recipe (the
directedness gate on every undirected turn, no stack) and the shipped one (stack, then the
gate on turns that swear at no one). Prints ROC-AUC, F1 / precision / recall at 0.5 and ECE.
This is how the fifth writing round (w14-w17) was scored before it joined the training data.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from servicemind.analyse._normalise import normalise
from servicemind.analyse.hostility import combine, turn_signals
from servicemind.training import _customer_data as data
from servicemind.training import customer as tc
from servicemind.training._customer_eval import binary_ece, f1, roc_auc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--turns", type=Path, default=data.SUPPORT_TURNS)
    ap.add_argument("--new", default="w14,w15,w16,w17", help="writers held out of the fit")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    new = frozenset(args.new.split(","))
    with threadpool_limits(limits=1):
        tr_txt, _ = data.load_goemotions(args.data, "train")
        vecs = tc._vectorisers([normalise(t) for t in tr_txt])
        h = tc._train_hostile(vecs, args.data, args.seed, args.turns, skip_writers=new)
    texts: list[str] = []
    ys: list[int] = []
    for split in ("train", "test"):
        t, y, w = data.load_support_turns(args.turns, "hostile", split)
        for text, label, writer in zip(t, y, w, strict=True):
            if writer in new:
                texts.append(text)
                ys.append(int(label))
    y_new = np.array(ys, dtype=np.int8)
    z = np.asarray(tc._transform(vecs, [normalise(t) for t in texts]) @ h["W"]).ravel()
    a, c0 = h["cal"]
    p = 1.0 / (1.0 + np.exp(-((z + h["b"][0]) * a + c0)))
    signals = [turn_signals(t) for t in texts]
    print(f"{len(y_new)} turns of {sorted(new)}, {int(y_new.sum())} hostile (both passes agree)")
    print("| scoring | ROC-AUC | F1 at 0.5 | precision | recall | ECE |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, s in (
        ("model 1.3.0 recipe: directedness gate, no stack", combine(p, signals, None)),
        (
            "shipped: support stack, then the gate on swearing at no one",
            combine(p, signals, h["stack"]),
        ),
    ):
        pred = s >= 0.5
        tp = int((pred & (y_new == 1)).sum())
        print(
            f"| {name} | {roc_auc(y_new, s):.3f} | {f1(y_new, pred):.3f} | "
            f"{tp / max(1, int(pred.sum())):.3f} | {tp / max(1, int(y_new.sum())):.3f} | "
            f"{binary_ece(s, y_new):.4f} |"
        )


if __name__ == "__main__":
    main()
