"""Experiment: train the six service-emotion heads on the team's labelled support turns too.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python benchmarks/customer_support_experiments.py \
        --data ../shared/data [--weights 0,3,10 | --shares 0.08,0.17] [--cache /tmp/supexp]

The support turns are the asker turns of the trait corpus labelled in two blind passes
(``benchmarks/customer_support_accuracy.py`` says what they are). Only their TRAIN part is
read here (the trait corpus's SHA-256 split), and only turns both passes gave the same
emotion. Protocol: folds that hold out whole writers (13 writers into 5 folds), so the
estimate is for support text by writers the heads never saw. For each weight (0 = the
shipped recipe, which never sees these turns) and fold, the six heads are fitted as
``servicemind.training.customer._train_six`` fits them (GoEmotions train + the team's
support examples + the other folds' turns at that weight), temperature and label prior
on GoEmotions dev as shipped, then the held-out writers' turns are labelled. Prints the
pooled macro-F1 over the six on the held-out turns, per class, and GoEmotions dev
macro-F1 (tuned on dev, as ``dev_macro_f1_6_tuned_on_dev`` in the model card).

``--shares`` states the turns' weight as a share of mass instead: all fitted turns together
weigh ``share`` × the number of GoEmotions train comments, so each fold's per-turn weight is
``share`` × 43,410 / (turns fitted in that fold), the way ``servicemind train customer``
turns ``TURN_SHARE_SIX`` into a per-turn weight. ``--cache DIR`` keeps the tf-idf matrices
of the emotion task there (outside the repository) so later runs skip the vectorising.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from servicemind.analyse._normalise import normalise
from servicemind.analyse.base import EMOTIONS
from servicemind.training import _customer_data as data
from servicemind.training import customer as tc
from servicemind.training._customer_eval import f1, fit_temperature, macro_f1


def log(msg: str) -> None:
    print(f"[support-exp] {msg}", file=sys.stderr, flush=True)


def turn_fits(
    n: int, folds: list[np.ndarray], weight: float
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(turns fitted on, turns scored) per fit: with weight 0 the turns are never fitted on,
    so one fit scores them all; otherwise each fold is scored by a fit on the others."""
    if weight == 0:
        return [(np.array([], dtype=np.intp), np.arange(n))]
    return [(np.setdiff1d(np.arange(n), ev), ev) for ev in folds]


def fit_six(X: Any, y: np.ndarray, w: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    W = np.zeros((X.shape[1], len(EMOTIONS)))
    b = np.zeros(len(EMOTIONS))
    for k in range(len(EMOTIONS)):
        W[:, k], b[k] = tc._lr_nblr_head(
            X, (y == k).astype(np.int8), tc.SIX_C, None, seed, nb_c=tc.SIX_C, sample_weight=w
        )
    return W, b


def six_fitter(
    base: tuple[Any, np.ndarray, np.ndarray], n_comments: int, Xt: Any, yt: np.ndarray, seed: int
) -> Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """The six heads as ``servicemind train customer`` fits them, as a function of the turns
    fitted: ``base`` is GoEmotions train and the team's examples (X, y, weights), and the
    turns ``idx`` of (``Xt``, ``yt``) together weigh the shipped share of the ``n_comments``."""

    def fit(idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w = tc.turn_weight(tc.TURN_SHARE_SIX, n_comments, len(idx))
        return tc._six_heads(
            sparse.vstack([base[0], Xt[idx]], format="csr"),
            np.concatenate([base[1], yt[idx]]),
            np.concatenate([base[2], np.full(len(idx), w)]),
            seed,
        )

    return fit


def decide(Zdv: np.ndarray, ydv: np.ndarray, prior: np.ndarray) -> tuple[float, float]:
    """Temperature and prior exponent chosen on GoEmotions dev, as shipped."""
    t = fit_temperature(Zdv, ydv)

    def pred(z: np.ndarray, a: float) -> np.ndarray:
        s = z / t
        e = np.exp(s - s.max(axis=1, keepdims=True))
        return np.argmax(e / e.sum(axis=1, keepdims=True) / prior**a, axis=1)

    scores = [macro_f1(ydv, pred(Zdv, a), 6) for a in tc.SIX_ALPHA_GRID]
    return t, float(tc.SIX_ALPHA_GRID[int(np.argmax(scores))])


def label(Z: np.ndarray, t: float, a: float, prior: np.ndarray) -> np.ndarray:
    s = Z / t
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return np.argmax(e / e.sum(axis=1, keepdims=True) / prior**a, axis=1)


def hostile(args: argparse.Namespace) -> None:
    """The same protocol for the hostility head: offensive tweets (the shipped 80/20 split,
    C as shipped, Platt on the inner validation part) + team examples + the other folds'
    support turns at the weight; held-out writers' turns scored as at run time (Platt,
    then the directedness gate); the offensive held-out 20% AUC must stay >= 0.95."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split

    from servicemind.analyse.hostility import combine, turn_signals

    t0 = time.perf_counter()
    tr_txt, _ = data.load_goemotions(args.data, "train")
    vecs = tc._vectorisers([normalise(t) for t in tr_txt])
    texts, y = data.load_offensive(args.data)
    own_lab, own_txt = data.load_own_examples("hostility_examples.tsv")
    X = tc._transform(vecs, [normalise(t) for t in texts])
    Xo = tc._transform(vecs, [normalise(t) for t in own_txt])
    yo = np.array([int(v) for v in own_lab], dtype=np.int8)
    idx = np.arange(len(y))
    tr, te = train_test_split(idx, test_size=0.2, random_state=args.seed, stratify=y)
    fit_i, val_i = train_test_split(tr, test_size=0.25, random_state=args.seed, stratify=y[tr])
    own_fit = np.arange(len(yo)) % 5 != 4
    turns, yt, writers = data.load_support_turns(field="hostile")
    Xt = tc._transform(vecs, [normalise(t) for t in turns])
    signals = [turn_signals(t) for t in turns]
    folds = data.writer_folds(writers, args.folds)
    log(
        f"vectorised; {len(turns)} agreed train turns, {int(yt.sum())} hostile "
        f"({time.perf_counter() - t0:.0f}s)"
    )
    print(
        "| weight | support turns, held-out writers: ROC-AUC | F1 at 0.5 | offensive held-out AUC |"
    )
    print("|---:|---:|---:|---:|")
    for weight in (float(x) for x in args.weights.split(",")):
        score = np.zeros(len(yt))
        aucs = []
        fits = turn_fits(len(yt), folds, weight)
        for f_i, ev_i in fits:
            Xfit = sparse.vstack([X[fit_i], Xo[own_fit], Xt[f_i]], format="csr")
            yfit = np.concatenate([y[fit_i], yo[own_fit], yt[f_i]])
            wfit = np.concatenate(
                [
                    np.ones(len(fit_i)),
                    np.full(int(own_fit.sum()), tc.OWN_WEIGHT),
                    np.full(len(f_i), weight),
                ]
            )
            m = LogisticRegression(
                C=4.0, class_weight="balanced", solver="liblinear", random_state=args.seed
            ).fit(Xfit, yfit, sample_weight=wfit)
            a, c0 = tc.fit_platt(m.decision_function(X[val_i]), y[val_i])
            aucs.append(float(roc_auc_score(y[te], m.decision_function(X[te]))))
            z = m.decision_function(Xt[ev_i])
            # model 1.3.0's scoring (the gate, no stack): the recipe these weights were chosen in
            score[ev_i] = combine(
                1.0 / (1.0 + np.exp(-(z * a + c0))), [signals[i] for i in ev_i], None
            )
            log(f"weight {weight}: fold done ({time.perf_counter() - t0:.0f}s)")
        pred = score >= 0.5
        f1h = 2 * int((pred & (yt == 1)).sum()) / max(1, int(pred.sum()) + int(yt.sum()))
        print(
            f"| {weight:g} | {roc_auc_score(yt, score):.3f} | {f1h:.3f} | {np.mean(aucs):.4f} |",
            flush=True,
        )
        if args.dump:
            out = args.dump.with_name(f"{args.dump.stem}-w{weight:g}{args.dump.suffix}")
            np.savez(out, score=score, y=yt, writers=np.array(writers))
            log(f"held-out-writer scores written to {out}")


def vectorised(args: argparse.Namespace) -> dict[str, Any]:
    """The emotion task's matrices and labels, from ``--cache`` when it holds them."""
    names = ("Xtr", "Xdv", "Xsup", "Xt")
    if args.cache and (args.cache / "Xt.npz").exists():
        out: dict[str, Any] = {n: sparse.load_npz(args.cache / f"{n}.npz") for n in names}
        with np.load(args.cache / "labels.npz") as z:
            out.update({k: z[k] for k in z.files})
        out["writers"] = [str(w) for w in out["writers"]]
        log(f"matrices read from {args.cache}")
        return out
    tr_txt, Ytr = data.load_goemotions(args.data, "train")
    dv_txt, Ydv = data.load_goemotions(args.data, "dev")
    tr_n = [normalise(t) for t in tr_txt]
    vecs = tc._vectorisers(tr_n)
    sup_lab, sup_txt = data.load_own_examples("support_emotions.tsv")
    turns, yt, writers = data.load_support_turns()
    out = {
        "Xtr": tc._transform(vecs, tr_n),
        "Xdv": tc._transform(vecs, [normalise(t) for t in dv_txt]),
        "Xsup": tc._transform(vecs, [normalise(t) for t in sup_txt]),
        "Xt": tc._transform(vecs, [normalise(t) for t in turns]),
        "ytr6": np.array([data.service_label(r) for r in Ytr]),
        "ydv6": np.array([data.service_label(r) for r in Ydv]),
        "ysup": np.array([EMOTIONS.index(s) for s in sup_lab]),
        "yt": yt,
        "writers": writers,
    }
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
        for n in names:
            sparse.save_npz(args.cache / f"{n}.npz", out[n])
        np.savez(
            args.cache / "labels.npz",
            **{k: np.asarray(out[k]) for k in ("ytr6", "ydv6", "ysup", "yt", "writers")},
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--weights", default="0,3,10")
    ap.add_argument(
        "--shares",
        default="",
        help="emotion task: the turns' total weight as shares of GoEmotions train (overrides --weights)",
    )
    ap.add_argument("--cache", type=Path, help="emotion task: folder for the tf-idf matrices")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--task", default="emotion", choices=["emotion", "hostile"])
    ap.add_argument(
        "--dump",
        type=Path,
        help="write each weight's held-out-writer scores (emotion: logits, and each fit's dev "
        "logits) to PATH-<weight>.npz",
    )
    args = ap.parse_args()
    if args.task == "hostile":
        hostile(args)
        return
    t0 = time.perf_counter()
    m = vectorised(args)
    Xtr, Xdv, Xsup, Xt = m["Xtr"], m["Xdv"], m["Xsup"], m["Xt"]
    ytr6, ydv6, ysup, yt, writers = m["ytr6"], m["ydv6"], m["ysup"], m["yt"], m["writers"]
    prior = np.bincount(ytr6, minlength=6) / len(ytr6)
    folds = data.writer_folds(writers, args.folds)
    log(
        f"vectorised; {len(yt)} agreed train turns, {np.bincount(yt, minlength=6)} "
        f"({time.perf_counter() - t0:.0f}s)"
    )
    base_X = sparse.vstack([Xtr, Xsup], format="csr")
    base_y = np.concatenate([ytr6, ysup])
    base_w = np.concatenate([np.ones(len(ytr6)), np.full(len(ysup), tc.SUPPORT_WEIGHT)])
    # (label, share or None, per-turn weight or None): one of the two is given
    grid: list[tuple[str, float | None, float | None]] = (
        [(f"share {float(x):g}", float(x), None) for x in args.shares.split(",")]
        if args.shares
        else [(f"{float(x):g}", None, float(x)) for x in args.weights.split(",")]
    )
    print(
        "| weight | support turns, held-out writers: macro-F1 | "
        + " | ".join(EMOTIONS)
        + " | GoEmotions dev macro-F1 | sum |"
    )
    print("|---:|---:|" + "---:|" * 8)
    for name, share, per_turn in grid:
        weight = per_turn if per_turn is not None else float(share or 0.0)
        pred = np.zeros(len(yt), dtype=np.intp)
        dev_f1s = []
        z_turns = np.zeros((len(yt), len(EMOTIONS)))
        z_dev: list[np.ndarray] = []
        fits = turn_fits(len(yt), folds, weight)
        for fit_i, ev_i in fits:
            if share is not None and len(fit_i):
                weight = tc.turn_weight(share, len(ytr6), len(fit_i))
            X = sparse.vstack([base_X, Xt[fit_i]], format="csr")
            y = np.concatenate([base_y, yt[fit_i]])
            w = np.concatenate([base_w, np.full(len(fit_i), weight)])
            W, b = fit_six(X, y, w, args.seed)
            Zdv = np.asarray(Xdv @ W) + b
            t, a = decide(Zdv, ydv6, prior)
            dev_f1s.append(macro_f1(ydv6, label(Zdv, t, a, prior), 6))
            z_turns[ev_i] = np.asarray(Xt[ev_i] @ W) + b
            z_dev.append(Zdv)
            pred[ev_i] = label(z_turns[ev_i], t, a, prior)
            log(
                f"{name}: fold done, per-turn weight {weight:.3g}, dev {dev_f1s[-1]:.4f} "
                f"({time.perf_counter() - t0:.0f}s)"
            )
        per = [f1((yt == k).astype(np.int8), pred == k) for k in range(6)]
        sup = macro_f1(yt, pred, 6)
        print(
            f"| {name} | {sup:.4f} | "
            + " | ".join(f"{x:.3f}" for x in per)
            + f" | {np.mean(dev_f1s):.4f} | {sup + np.mean(dev_f1s):.4f} |",
            flush=True,
        )
        if args.dump:
            out = args.dump.with_name(f"{args.dump.stem}-{name.replace(' ', '')}.npz")
            np.savez(out, z_turns=z_turns, z_dev=np.stack(z_dev), y=yt, ydv=ydv6)
            log(f"held-out-writer and dev logits written to {out}")


if __name__ == "__main__":
    main()
