"""Experiment: the six-emotion support-text stack (customer model 1.6.0) on writers the
heads never saw.

Two checks, both on the team's labelled support turns (both passes agreeing):

``--oof PATH``: the TRAIN part's 5 writer folds. PATH is the dump of
``customer_support_experiments.py --shares 0.17 --dump`` (out-of-writer six logits of the
train turns and each fold's GoEmotions dev logits)::

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/customer_support_experiments.py \\
        --data ../shared/data --shares 0.17 --cache /tmp/emo10/cache --dump /tmp/emo10/oof.npz
    PYTHONPATH=src python3 benchmarks/customer_six_stack.py --data ../shared/data \\
        --oof /tmp/emo10/oof-share0.17.npz

prints the shipped decision (temperature and prior on dev) against the stack fitted on the
support turns alone and the stack as shipped (support turns + GoEmotions dev rows), each
fold scored by a stack fitted on the other folds (``training.customer.fit_six_stack``).

``--roundout w26,w27,w28,w29``: everything fitted WITHOUT those writers (six heads at the
shipped share on the other writers' train turns; out-of-writer logits of those turns for
the stack), then all of the named writers' turns (train and test ids) scored, texts never
printed::

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/customer_six_stack.py \\
        --data ../shared/data --roundout w26,w27,w28,w29
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse

from servicemind.analyse._normalise import normalise
from servicemind.analyse._six_stack import cue_matrix, stack_probabilities
from servicemind.analyse.base import EMOTIONS
from servicemind.training import _customer_data as data
from servicemind.training import customer as tc
from servicemind.training._customer_eval import f1, macro_f1, top_label_ece

sys.path.insert(0, str(Path(__file__).resolve().parent))
import customer_support_experiments as ex


def log(msg: str) -> None:
    print(f"[six-stack] {msg}", file=sys.stderr, flush=True)


def row(name: str, y: np.ndarray, pred: np.ndarray, p: np.ndarray) -> str:
    per = " | ".join(f"{f1((y == k).astype(np.int8), pred == k):.3f}" for k in range(6))
    return f"| {name} | {macro_f1(y, pred, 6):.4f} | {per} | {top_label_ece(p, y):.4f} |"


def header(what: str) -> None:
    print(f"| {what} | six macro-F1 | " + " | ".join(EMOTIONS) + " | top-label ECE |")
    print("|---|---:|" + "---:|" * 7)


def softmax(z: np.ndarray, t: float) -> np.ndarray:
    s = z / t
    e = np.exp(s - s.max(axis=1, keepdims=True))
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


def folds_check(args: argparse.Namespace) -> None:
    d = np.load(args.oof)
    z, y, zdv, ydv = d["z_turns"], d["y"], d["z_dev"], d["ydv"]
    texts, yy, writers = data.load_support_turns(split="train")
    if not np.array_equal(yy, y):
        raise SystemExit("the dump does not match the train turns: run the experiment again")
    _, Ytr = data.load_goemotions(args.data, "train")
    gprior = np.bincount([data.service_label(r) for r in Ytr], minlength=6) / len(Ytr)
    dv_txt, _ = data.load_goemotions(args.data, "dev")
    folds = data.writer_folds(writers, tc.SIX_STACK_FOLDS)
    base, pb = np.zeros(len(y), dtype=np.intp), np.zeros((len(y), 6))
    for k, ev in enumerate(folds):
        t, a = ex.decide(zdv[k], ydv, gprior)
        base[ev] = ex.label(z[ev], t, a, gprior)
        pb[ev] = softmax(z[ev], t)
    cues = cue_matrix(texts)
    alone = tc.fit_six_stack(z, cues, y, folds, np.zeros(len(y), dtype=np.intp))
    sfolds, dom = tc.stack_folds(writers, len(ydv), args.seed)
    mixed = tc.fit_six_stack(
        np.vstack([z, zdv[0]]),
        np.vstack([cues, cue_matrix(dv_txt)]),
        np.concatenate([y, ydv]),
        sfolds,
        dom,
    )
    s = dom == 0
    header(f"support train turns, held-out writers ({len(y)})")
    print(row("heads, shipped decision", y, base, pb))
    print(row("stack, support rows only", y, alone["nested_label"], alone["nested_p"]))
    print(row("stack + dev rows (shipped)", y, mixed["nested_label"][s], mixed["nested_p"][s]))
    header(f"GoEmotions dev ({len(ydv)})")
    for k in range(len(zdv)):  # the heads' decision, T and alpha tuned on dev (as the card)
        t, a = ex.decide(zdv[k], ydv, gprior)
        pdv, ldv = softmax(zdv[k], t), ex.label(zdv[k], t, a, gprior)
        print(row(f"heads of fold {k + 1}, tuned on dev", ydv, ldv, pdv))
    m = alone
    p_al = stack_probabilities(zdv[0], cue_matrix(dv_txt), m["weights"])
    print(row("stack, support rows only", ydv, np.argmax(p_al * m["label_weight"], 1), p_al))
    print(
        row(
            "stack + dev rows, 5-fold cross-fit",
            ydv,
            mixed["nested_label"][~s],
            mixed["nested_p"][~s],
        )
    )


def roundout(args: argparse.Namespace) -> None:
    hold = set(args.roundout.split(","))
    t0 = time.perf_counter()
    tr_txt, Ytr = data.load_goemotions(args.data, "train")
    dv_txt, Ydv = data.load_goemotions(args.data, "dev")
    tr_n = [normalise(t) for t in tr_txt]
    vecs = tc._vectorisers(tr_n)
    Xtr = tc._transform(vecs, tr_n)
    Xdv = tc._transform(vecs, [normalise(t) for t in dv_txt])
    sup_lab, sup_txt = data.load_own_examples("support_emotions.tsv")
    Xsup = tc._transform(vecs, [normalise(t) for t in sup_txt])
    ytr6 = np.array([data.service_label(r) for r in Ytr])
    ydv6 = np.array([data.service_label(r) for r in Ydv])
    prior = np.bincount(ytr6, minlength=6) / len(ytr6)
    ft, fy, fw = data.load_support_turns(split="train")
    keep = [i for i, w in enumerate(fw) if w not in hold]
    ft, fy, fw = [ft[i] for i in keep], fy[keep], [fw[i] for i in keep]
    ht: list[str] = []
    hy: list[int] = []
    hs: list[str] = []
    for sp in ("train", "test"):
        t, y, w = data.load_support_turns(split=sp)
        for i in range(len(t)):
            if w[i] in hold:
                ht.append(t[i])
                hy.append(int(y[i]))
                hs.append(sp)
    yh, sh = np.array(hy), np.array(hs)
    Xf = tc._transform(vecs, [normalise(t) for t in ft])
    Xh = tc._transform(vecs, [normalise(t) for t in ht])
    log(f"vectorised; {len(fy)} fitted turns, {len(yh)} held out ({time.perf_counter() - t0:.0f}s)")
    base_X = sparse.vstack([Xtr, Xsup], format="csr")
    base_y = np.concatenate([ytr6, np.array([EMOTIONS.index(s) for s in sup_lab])])
    base_w = np.concatenate([np.ones(len(ytr6)), np.full(len(sup_lab), tc.SUPPORT_WEIGHT)])

    fit = ex.six_fitter((base_X, base_y, base_w), len(ytr6), Xf, fy, args.seed)

    z_oof = np.zeros((len(fy), 6))
    for ev in data.writer_folds(fw, tc.SIX_STACK_FOLDS):
        W, b = fit(np.setdiff1d(np.arange(len(fy)), ev))
        z_oof[ev] = np.asarray(Xf[ev] @ W) + b
        log(f"out-of-writer fold done ({time.perf_counter() - t0:.0f}s)")
    W, b = fit(np.arange(len(fy)))
    zdv = np.asarray(Xdv @ W) + b
    t, a = ex.decide(zdv, ydv6, prior)
    z_hold = np.asarray(Xh @ W) + b
    sfolds, dom = tc.stack_folds(fw, len(ydv6), args.seed)
    st = tc.fit_six_stack(
        np.vstack([z_oof, zdv]),
        np.vstack([cue_matrix(ft), cue_matrix(dv_txt)]),
        np.concatenate([fy, ydv6]),
        sfolds,
        dom,
    )
    p = stack_probabilities(z_hold, cue_matrix(ht), st["weights"])
    lab = np.argmax(p * st["label_weight"], axis=1)
    pb, base = softmax(z_hold, t), ex.label(z_hold, t, a, prior)
    print(f"gold: {dict(zip(EMOTIONS, np.bincount(yh, minlength=6).tolist(), strict=True))}")
    for name, sel in (("all", sh == sh), ("train ids", sh == "train"), ("test ids", sh == "test")):
        header(f"{args.roundout}, {name} ({int(sel.sum())})")
        print(row("heads, shipped decision", yh[sel], base[sel], pb[sel]))
        print(row("stack (shipped recipe)", yh[sel], lab[sel], p[sel]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--oof", type=Path, help="dump of customer_support_experiments.py")
    ap.add_argument("--roundout", default="", help="writers to hold out, e.g. w26,w27,w28,w29")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.oof:
        folds_check(args)
    if args.roundout:
        roundout(args)


if __name__ == "__main__":
    main()
