"""Experiment (issue 4, emo22): the six-emotion model itself, not its cue inputs: the six
heads' recipe and the stack's decision rule.

Stage ``logits`` (slow: six six-head fits per recipe): for one head recipe, the six
service-emotion heads refitted as ``servicemind train customer`` fits them (GoEmotions
train, the team's examples, the support TRAIN turns at the shipped share of mass) give
GoEmotions dev logits, and 5 refits without each writer fold give the support TRAIN turns'
out-of-writer logits. The LR's and the NB-LR partner's logits are kept apart (the shipped
head is their average). Cached in ``--cache/heads-<recipe>.npz``. The support test part
(SHA-256 of the id mod 100 < 20) is never read. Recipes (:data:`RECIPES`): the shipped one
(C = 2), C = 1 and 4, and balanced class weights.

Stage ``eval`` (seconds to minutes): each variant's stack fitted as the trainer fits it
(``training.customer.fit_six_stack``: shipped cue inputs, support rows + GoEmotions dev rows,
writer folds + seeded dev folds, alpha on inner folds), nested, for the seeds of the dev
folds given; and the decision rule with per-class additive biases on the stack's
log-probabilities (chosen on the inner folds of each outer fold, applied out of fold; the
probabilities themselves are unchanged). Prints per-class F1, top-label ECE and, with
``--confusion``, the dev confusion matrix of the first variant. Texts are never printed::

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/customer_six_model.py \\
        --data ../shared/data --cache /tmp/emo22/cache --stage logits --recipe shipped
    PYTHONPATH=src python3 benchmarks/customer_six_model.py --data ../shared/data \\
        --cache /tmp/emo22/cache --stage eval --seeds 0,1,2
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from servicemind.analyse._customer import get_model
from servicemind.analyse._normalise import normalise
from servicemind.analyse._six_stack import cue_matrix
from servicemind.analyse.base import EMOTIONS
from servicemind.training import _customer_data as data
from servicemind.training import customer as tc
from servicemind.training._customer_eval import macro_f1

sys.path.insert(0, str(Path(__file__).resolve().parent))
from customer_six_calm import stage_parser
from customer_six_stack import header, row

#: Head recipes: C of the LR and NB-LR parts, class weights (None or "balanced") and the
#: support turns' share of mass (``training.customer.TURN_SHARE_SIX``, chosen in the 1.5.0
#: round before the stack existed; the stack now reads the heads on support text).
RECIPES: dict[str, tuple[float, str | None, float]] = {
    "shipped": (tc.SIX_C, None, tc.TURN_SHARE_SIX),
    "c1": (1.0, None, tc.TURN_SHARE_SIX),
    "c4": (4.0, None, tc.TURN_SHARE_SIX),
    "balanced": (tc.SIX_C, "balanced", tc.TURN_SHARE_SIX),
    "share0": (tc.SIX_C, None, 0.0),
    "share0.08": (tc.SIX_C, None, 0.08),
    "share0.12": (tc.SIX_C, None, 0.12),
    "share0.25": (tc.SIX_C, None, 0.25),
}


def log(msg: str) -> None:
    print(f"[six-model] {msg}", file=sys.stderr, flush=True)


def _parts(X: Any, y: Any, w: Any, c: float, cw: str | None, seed: int) -> list[Any]:
    """Per emotion, the LR's and the NB-LR's (weights, bias), fitted as
    ``training.customer._lr_nblr_head`` fits them (``cw`` balanced: each class's sample
    weights scaled to equal total mass per binary head)."""
    from sklearn.linear_model import LogisticRegression

    out = []
    for k in range(len(EMOTIONS)):
        yk = (y == k).astype(np.int8)
        sw = w
        if cw == "balanced":
            pos, neg = w[yk == 1].sum(), w[yk == 0].sum()
            sw = w * np.where(yk == 1, (pos + neg) / (2 * pos), (pos + neg) / (2 * neg))
        lr = LogisticRegression(C=c, solver="liblinear", random_state=seed).fit(
            X, yk, sample_weight=sw
        )
        p = tc.NB_SMOOTH + np.asarray(X[yk == 1].sum(axis=0)).ravel()
        n = tc.NB_SMOOTH + np.asarray(X[yk == 0].sum(axis=0)).ravel()
        r = np.log((p / p.sum()) / (n / n.sum()))
        nb = LogisticRegression(C=c, solver="liblinear", random_state=seed).fit(
            X.multiply(r).tocsr(), yk, sample_weight=sw
        )
        out.append(((lr.coef_[0], lr.intercept_[0]), (r * nb.coef_[0], nb.intercept_[0])))
    return out


def _score(parts: list[Any], X: Any) -> np.ndarray:
    """(n x 12): the six LR logits, then the six NB-LR logits."""
    lr = np.column_stack([np.asarray(X @ a[0]).ravel() + a[1] for a, _ in parts])
    nb = np.column_stack([np.asarray(X @ b[0]).ravel() + b[1] for _, b in parts])
    return np.hstack([lr, nb])


def logits(args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    c, cw, share = RECIPES[args.recipe]
    m = get_model()
    tr_txt, Ytr = data.load_goemotions(args.data, "train")
    dv_txt, _ = data.load_goemotions(args.data, "dev")
    sup_lab, sup_txt = data.load_own_examples("support_emotions.tsv")
    texts, yt, writers = data.load_support_turns(split="train")

    def vec(txt: list[str]) -> Any:
        return m.transform([normalise(t) for t in txt]).astype(np.float64)

    Xtr, Xsup, Xt, Xdv = vec(tr_txt), vec(sup_txt), vec(texts), vec(dv_txt)
    log(f"vectorised ({time.perf_counter() - t0:.0f}s)")
    ytr6 = np.array([data.service_label(r) for r in Ytr])
    bX = sparse.vstack([Xtr, Xsup], format="csr")
    by = np.concatenate([ytr6, [EMOTIONS.index(s) for s in sup_lab]])
    bw = np.concatenate([np.ones(len(ytr6)), np.full(len(sup_lab), tc.SUPPORT_WEIGHT)])

    def fit(keep: np.ndarray) -> list[Any]:
        w = tc.turn_weight(share, len(ytr6), len(keep))
        return _parts(
            sparse.vstack([bX, Xt[keep]], format="csr"),
            np.concatenate([by, yt[keep]]),
            np.concatenate([bw, np.full(len(keep), w)]),
            c,
            cw,
            args.seed,
        )

    z_dev = _score(fit(np.arange(len(yt))), Xdv)
    log(f"{args.recipe}: full fit ({time.perf_counter() - t0:.0f}s)")
    z = np.zeros((len(yt), 2 * len(EMOTIONS)))
    for k, ev in enumerate(data.writer_folds(writers, tc.SIX_STACK_FOLDS)):
        z[ev] = _score(fit(np.setdiff1d(np.arange(len(yt)), ev)), Xt[ev])
        log(f"{args.recipe}: out-of-writer fold {k + 1} ({time.perf_counter() - t0:.0f}s)")
    args.cache.mkdir(parents=True, exist_ok=True)
    np.savez(args.cache / f"heads-{args.recipe}.npz", z=z, z_dev=z_dev, y=yt)


# -- evaluation ------------------------------------------------------------------------

#: Grid of the per-class additive biases on the stack's log-probabilities.
BIAS_GRID = np.round(np.arange(-1.0, 1.01, 0.1), 2)


def choose_biases(
    logp: np.ndarray, y: np.ndarray, dom: np.ndarray, start: np.ndarray, sweeps: int = 3
) -> np.ndarray:
    """Per-class additive biases on ``logp`` (rows' log-probabilities) that maximise the
    mean of the two domains' macro-F1 of argmax(logp + b), by coordinate ascent from
    ``start`` over :data:`BIAS_GRID` (bias of class 0 kept at its start: only differences
    matter)."""
    parts = [np.flatnonzero(dom == d) for d in (0, 1)]
    parts = [p for p in parts if len(p)]

    def score(b: np.ndarray) -> float:
        pred = np.argmax(logp + b, axis=1)
        return float(np.mean([macro_f1(y[p], pred[p], 6) for p in parts]))

    b = start.copy()
    best = score(b)
    for _ in range(sweeps):
        moved = False
        for k in range(1, len(EMOTIONS)):
            for v in BIAS_GRID:
                trial = b.copy()
                trial[k] = start[k] + v
                s = score(trial)
                if s > best + 1e-9:
                    best, b, moved = s, trial, True
        if not moved:
            break
    return b


def nested_biases(
    F: np.ndarray, y: np.ndarray, folds: list[np.ndarray], dom: np.ndarray, nested_p: np.ndarray
) -> np.ndarray:
    """Labels of every row from per-class biases chosen on the other folds' inner
    out-of-fold stack probabilities, applied to the row's nested probability."""
    from sklearn.linear_model import LogisticRegression

    def fit(rows: np.ndarray) -> Any:
        return LogisticRegression(C=tc.SIX_STACK_C, max_iter=3000).fit(F[rows], y[rows])

    label = np.zeros(len(y), dtype=np.intp)
    for ev in folds:
        rows = np.setdiff1d(np.arange(len(y)), ev)
        P = np.zeros((len(y), len(EMOTIONS)))
        for inner in (np.intersect1d(f, rows) for f in folds):
            if len(inner):
                P[inner] = fit(np.setdiff1d(rows, inner)).predict_proba(F[inner])
        prior = np.bincount(y[rows], minlength=6) / len(rows)
        logp = np.log(np.clip(P[rows], 1e-12, None))
        # start from the best alpha's prior correction on the same inner scores
        starts = [-a * np.log(prior) for a in tc.SIX_ALPHA_GRID]
        start = max(starts, key=lambda s: _mean_f1(logp + s, y[rows], dom[rows]))
        b = choose_biases(logp, y[rows], dom[rows], start)
        label[ev] = np.argmax(np.log(np.clip(nested_p[ev], 1e-12, None)) + b, axis=1)
    return label


def _mean_f1(s: np.ndarray, y: np.ndarray, dom: np.ndarray) -> float:
    pred = np.argmax(s, axis=1)
    return float(np.mean([macro_f1(y[dom == d], pred[dom == d], 6) for d in (0, 1)]))


def _centre(z: np.ndarray) -> np.ndarray:
    """Each block of six logits centred on its own row mean."""
    blocks = [
        z[:, i : i + 6] - z[:, i : i + 6].mean(axis=1, keepdims=True)
        for i in range(0, z.shape[1], 6)
    ]
    return np.hstack(blocks)


def head_variants(cache: Path, names: list[str]) -> list[tuple[str, np.ndarray]]:
    """(name, logits of every row: support turns then dev) per variant."""
    out = []
    for spec in names:
        blocks = []
        for one in spec.split("+"):  # recipe+recipe: both heads' logits as stack inputs
            recipe, _, how = one.partition(":")
            d = np.load(cache / f"heads-{recipe}.npz")
            z = np.vstack([d["z"], d["z_dev"]])
            lr, nb = z[:, :6], z[:, 6:]
            pick = {"avg": (lr + nb) / 2, "lr": lr, "nb": nb, "both": np.hstack([lr, nb])}
            blocks.append(pick[how or "avg"])
        out.append((spec, np.hstack(blocks)))
    return out


def evaluate(args: argparse.Namespace) -> None:
    texts, yt, writers = data.load_support_turns(split="train")
    dv_txt, Ydv = data.load_goemotions(args.data, "dev")
    ydv = np.array([data.service_label(r) for r in Ydv])
    y = np.concatenate([yt, ydv])
    cues = np.vstack([cue_matrix(texts), cue_matrix(dv_txt)])
    variants = head_variants(args.cache, args.variants.split(","))
    for name, _z in variants:
        for one in name.split("+"):
            d = np.load(args.cache / f"heads-{one.partition(':')[0]}.npz")
            if not np.array_equal(d["y"], yt):
                raise SystemExit("the cached logits do not match the train turns: --stage logits")
    n = len(yt)
    for seed in [int(s) for s in args.seeds.split(",")]:
        folds, dom = tc.stack_folds(writers, len(ydv), seed)
        s = dom == 0
        rows_f, rows_d = [], []
        for name, z in variants:
            zc = _centre(z)
            st = tc.fit_six_stack(zc, cues, y, folds, dom)
            nl, npr = st["nested_label"], st["nested_p"]
            rows_f.append(row(name, yt, nl[s], npr[s]))
            rows_d.append(row(name, ydv, nl[~s], npr[~s]))
            log(f"seed {seed} {name}: alpha {st['alpha']} nested {st['nested_alphas']}")
            if args.biases:
                F = np.hstack([zc, cues])
                bl = nested_biases(F, y, folds, dom, npr)
                rows_f.append(row(name + " + class biases", yt, bl[s], npr[s]))
                rows_d.append(row(name + " + class biases", ydv, bl[~s], npr[~s]))
            if args.confusion and name == variants[0][0]:
                cm = np.zeros((6, 6), dtype=int)
                np.add.at(cm, (ydv, nl[~s]), 1)
                print(f"\nseed {seed} dev confusion (rows gold, cols predicted) {name}")
                print("gold\\pred " + " ".join(f"{e[:6]:>7}" for e in EMOTIONS))
                for k, e in enumerate(EMOTIONS):
                    print(f"{e[:9]:>9} " + " ".join(f"{v:7d}" for v in cm[k]))
                cm = np.zeros((6, 6), dtype=int)
                np.add.at(cm, (yt, nl[s]), 1)
                print(f"seed {seed} writer-fold confusion {name}")
                for k, e in enumerate(EMOTIONS):
                    print(f"{e[:9]:>9} " + " ".join(f"{v:7d}" for v in cm[k]))
        print(f"\nseed {seed}", flush=True)
        header(f"support TRAIN turns, 5 writer folds, nested ({n})")
        print("\n".join(rows_f))
        header(f"GoEmotions dev, stack 5-fold cross-fit ({len(ydv)})")
        print("\n".join(rows_d), flush=True)


def main() -> None:
    ap = stage_parser(__doc__)
    ap.add_argument("--recipe", choices=tuple(RECIPES), default="shipped")
    ap.add_argument(
        "--variants",
        default="shipped",
        help="comma-separated recipe[:avg|lr|nb|both][+recipe...] (head logits the stack reads)",
    )
    ap.add_argument("--biases", action="store_true", help="also per-class decision biases")
    ap.add_argument("--confusion", action="store_true", help="confusion matrices (first variant)")
    args = ap.parse_args()
    {"logits": logits, "eval": evaluate}[args.stage](args)


if __name__ == "__main__":
    main()
