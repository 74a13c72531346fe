"""Experiment: a domain gate between a Reddit six-emotion head and a support one.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python benchmarks/customer_domain_gate_experiments.py \
        --cache /tmp/emo9/cache --dump /tmp/emo9/six.npz --reddit 0 --support 0.17,0.25

One linear head has to serve two kinds of text: the more the team's support turns weigh,
the better it reads support text and the worse Reddit comments (RESULTS.md, customer side).
This tries to lift the trade-off: logits ``(1 - g) * z_reddit + g * z_support``, where
``z_reddit`` are six heads fitted with the turns at share ``--reddit`` (0: GoEmotions and the
team's examples only), ``z_support`` heads fitted with them at a larger share, and ``g`` a
logistic regression on the same tf-idf telling the support turns (and the team's support
examples) from GoEmotions train comments. Temperature and label prior on GoEmotions dev as
shipped. Same protocol as ``customer_support_experiments.py``, whose ``--dump`` files it
reads (run it first with ``--cache`` and ``--dump``, the shares wanted): the train part's
support turns in 5 folds that hold out whole writers; each fold's gate and support head
are fitted on the other folds' turns, the held-out writers' turns and GoEmotions dev are
scored. Prints the same columns and the gate's mean on dev and on the held-out turns.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse

from customer_support_experiments import decide, label, vectorised
from servicemind.analyse.base import EMOTIONS
from servicemind.training import _customer_data as data
from servicemind.training._customer_eval import f1, macro_f1


def log(msg: str) -> None:
    print(f"[gate-exp] {msg}", file=sys.stderr, flush=True)


def gate(Xneg: object, Xpos: object, c: float, seed: int) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    X = sparse.vstack([Xneg, Xpos], format="csr")
    y = np.concatenate([np.zeros(Xneg.shape[0]), np.ones(Xpos.shape[0])])  # type: ignore[attr-defined]
    m = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", random_state=seed).fit(
        X, y
    )
    return m.coef_[0], float(m.intercept_[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--dump", type=Path, required=True)
    ap.add_argument("--reddit", default="0", help="share of the Reddit head's turns")
    ap.add_argument("--support", default="0.25", help="shares of the support head, comma list")
    ap.add_argument("--gate-c", type=float, default=1.0, help="penalty of the gate's LR")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    t0 = time.perf_counter()
    m = vectorised(args)
    Xtr, Xdv, Xsup, Xt = m["Xtr"], m["Xdv"], m["Xsup"], m["Xt"]
    ytr6, ydv6, yt = m["ytr6"], m["ydv6"], m["yt"]
    prior = np.bincount(ytr6, minlength=6) / len(ytr6)
    folds = data.writer_folds(m["writers"], args.folds)

    def dumped(share: str) -> tuple[np.ndarray, np.ndarray]:
        path = args.dump.with_name(f"{args.dump.stem}-share{float(share):g}.npz")
        with np.load(path) as z:
            return z["z_turns"], z["z_dev"]

    gates = []
    for ev in folds:
        fit = np.setdiff1d(np.arange(len(yt)), ev)
        w, b = gate(Xtr, sparse.vstack([Xsup, Xt[fit]], format="csr"), args.gate_c, args.seed)
        g_dev = 1.0 / (1.0 + np.exp(-(Xdv @ w + b)))
        g_t = 1.0 / (1.0 + np.exp(-(Xt[ev] @ w + b)))
        gates.append((g_dev, g_t))
        log(
            f"gate fold: mean on dev {g_dev.mean():.3f}, on held-out turns {g_t.mean():.3f} "
            f"({time.perf_counter() - t0:.0f}s)"
        )
    red_t, red_dev = dumped(args.reddit)
    print(
        "| support head share | support turns, held-out writers: macro-F1 | "
        + " | ".join(EMOTIONS)
        + " | GoEmotions dev macro-F1 | sum | gate mean dev / turns |"
    )
    print("|---:|---:|" + "---:|" * 9)
    for share in args.support.split(","):
        sup_t, sup_dev = dumped(share)
        pred = np.zeros(len(yt), dtype=np.intp)
        dev_f1s = []
        for j, ev in enumerate(folds):
            g_dev, g_t = gates[j]
            r_dev = red_dev[j if len(red_dev) > 1 else 0]
            z_dev = (1 - g_dev[:, None]) * r_dev + g_dev[:, None] * sup_dev[j]
            z_t = (1 - g_t[:, None]) * red_t[ev] + g_t[:, None] * sup_t[ev]
            t, a = decide(z_dev, ydv6, prior)
            dev_f1s.append(macro_f1(ydv6, label(z_dev, t, a, prior), 6))
            pred[ev] = label(z_t, t, a, prior)
        per = [f1((yt == k).astype(np.int8), pred == k) for k in range(6)]
        sup = macro_f1(yt, pred, 6)
        gd = np.mean([g[0].mean() for g in gates])
        gt = np.mean(np.concatenate([g[1] for g in gates]))
        print(
            f"| {args.reddit} / {share} | {sup:.4f} | "
            + " | ".join(f"{x:.3f}" for x in per)
            + f" | {np.mean(dev_f1s):.4f} | {sup + np.mean(dev_f1s):.4f} | {gd:.3f} / {gt:.3f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
