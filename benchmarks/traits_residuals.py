"""Where the trait combination errs: out-of-fold residuals by kind of reply (train part only).

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/traits_residuals.py \
        training/data/traits/pairs training/data/traits/labels/A training/data/traits/labels/B \
        [--traits enthusiasm adaptability] [--min-n 25]

Refits the combination of each named trait as ``servicemind train traits`` does (the same
rule pass, out-of-fold word scores, features, hinges, random 5-fold split and ridge strength
from its cross-validation; TRAIN part only, the test part is never read) and keeps every
reply's out-of-fold prediction. Prints the CV Spearman (the card's figure) and, per group of
replies (length, language, channel, customer emotion, confused, register of customer and
reply, language mismatch, jargon, willing cues, exclamation marks), the count, the mean
label, the mean rank residual ``(rank(prediction) - rank(label)) / n`` (+: over-scored) and
the Spearman within the group (branch low20, benchmarks/RESULTS.md).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy.stats import rankdata

from servicemind.analyse.traits._context import formality
from servicemind.analyse.traits._lexical import terms
from servicemind.analyse.traits._result import Reply, TraitResult
from servicemind.training._labels import LabelledItem, mean_label
from servicemind.training._traits_cv import cv_alpha, folds, hinge_names, ridge, spearman
from servicemind.training.traits import (
    RECIPE,
    _rule_pass,
    _standardise,
    feature_names,
    featurise,
    fit_lexical,
    load_dataset,
    midranks,
)


def oof_predictions(
    trait: str,
    data: Sequence[LabelledItem],
    results: Sequence[dict[str, TraitResult]],
    ctxs: Sequence[dict[str, float]],
    lex_oof: np.ndarray,
    seed: int = 0,
) -> tuple[list[int], np.ndarray, np.ndarray, float]:
    """The labelled rows of ``trait``, their mean labels, out-of-fold predictions, CV rho."""
    rows = [i for i, li in enumerate(data) if mean_label(li, trait) is not None]
    labels = np.array([mean_label(data[i], trait) for i in rows], dtype=float)
    y = midranks(labels) if trait in RECIPE.rank_target else labels
    lex = f"lex:{trait}"
    sub_r = [results[i] for i in rows]
    sub_c = [{**ctxs[i], lex: float(v)} for i, v in zip(rows, lex_oof, strict=True)]
    names = feature_names(trait, sub_r, sub_c, RECIPE)
    X = featurise(trait, sub_r, names, sub_c)
    hinges = hinge_names(names, X, RECIPE.hinge_bins)
    X = np.hstack([X, featurise(trait, sub_r, hinges, sub_c)])
    Xs = _standardise(X)[0]
    fold, k = folds(len(rows), seed, None, RECIPE.writer_folds)
    alpha, rho = cv_alpha(Xs, y, fold, k, RECIPE.alphas)
    pred = np.zeros(len(rows))
    for f in range(k):
        tr, te = fold != f, fold == f
        coef, b = ridge(Xs[tr], y[tr], alpha)
        pred[te] = Xs[te] @ coef + b
    return rows, labels, pred, rho


def groups_of(li: LabelledItem, r: Reply, res: dict[str, TraitResult]) -> list[str]:
    """The groups one reply belongs to."""
    c, w = r.ctx, r.n_words
    enth = res["enthusiasm"].features
    out = [
        "length <= 8"
        if w <= 8
        else "length <= 25"
        if w <= 25
        else "length <= 60"
        if w <= 60
        else "length > 60",
        f"language {li.item.get('language')}",
        f"channel {li.item.get('channel')}",
        f"customer emotion {c.emotion}",
        f"register customer {c.formality:+d} reply {formality(r.text):+d}",
        "willing cue" if enth.get("pos", 0) > 0 else "no willing cue",
    ]
    out += ["customer hostile"] * c.hostile + ["customer confused"] * c.confused
    out += ["reply not in the customer's language"] * (
        res["adaptability"].features["lang_match"] < 0
    )
    jargon = res["adaptability"].features.get("jargon", 0) > 0
    out += ["jargon"] * jargon + ["jargon to a confused customer"] * (jargon and c.confused)
    out += ["3+ exclamation marks"] * (enth.get("n_bang", 0) >= 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("labels_a")
    ap.add_argument("labels_b")
    ap.add_argument("--traits", nargs="+", default=["enthusiasm", "adaptability"])
    ap.add_argument("--min-n", type=int, default=25)
    args = ap.parse_args()
    data = [
        li for li in load_dataset(args.pairs, args.labels_a, args.labels_b) if li.split == "train"
    ]
    results, ctxs, _, replies = _rule_pass(data, lexical=False)
    targets = {}
    for trait in args.traits:
        rows = [i for i, li in enumerate(data) if mean_label(li, trait) is not None]
        y = np.array([mean_label(data[i], trait) for i in rows], dtype=float)
        targets[trait] = (np.array(rows), midranks(y) if trait in RECIPE.rank_target else y)
    _, lex_oof, _ = fit_lexical([terms(r.text, r.ctx.text) for r in replies], targets, 0)
    for trait in args.traits:
        rows, labels, pred, rho = oof_predictions(trait, data, results, ctxs, lex_oof[trait])
        res = (rankdata(pred) - rankdata(labels)) / len(rows)
        by: dict[str, list[int]] = defaultdict(list)
        for j, i in enumerate(rows):
            for g in groups_of(data[i], replies[i], results[i]):
                by[g].append(j)
        print(f"\n## {trait}: n {len(rows)}, CV Spearman {rho:.4f}\n")
        print("| group | n | mean label | mean rank residual | Spearman within |")
        print("|---|---:|---:|---:|---:|")
        for g, js in sorted(by.items(), key=lambda kv: -abs(res[kv[1]].mean()) * len(kv[1]) ** 0.5):
            if len(js) < args.min_n:
                continue
            sel = np.array(js)
            print(
                f"| {g} | {len(sel)} | {labels[sel].mean():.3f} | {res[sel].mean():+.3f} | "
                f"{spearman(pred[sel], labels[sel]):.3f} |"
            )


if __name__ == "__main__":
    main()
