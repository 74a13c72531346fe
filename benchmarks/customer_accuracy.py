"""Accuracy of the shipped customer-side models, recomputed with the numpy runtime.

    PYTHONPATH=src python3 benchmarks/customer_accuracy.py --data ../shared/data

Prints, from the shipped artefact (not retrained):
* emotion: macro-F1 over the 28 GoEmotions labels on dev with the shipped thresholds
  (from model 1.2.0 on, calibration and thresholds are fitted on out-of-fold train logits,
  so this is a held-out figure; before, they were tuned on dev) and the training's
  cross-fit estimates of the earlier recipe; macro-F1 over
  the six service emotions on dev; calibration (mean per-label ECE of the 28, top-label
  ECE of the six) and a reliability table of the six;
* hostility: ROC-AUC of offensive-or-hate vs neither on the 20% held-out split (the same
  seeded split as training; needs scikit-learn for the split only), raw model and gated;
* satisfaction: Spearman per USS domain by grouped 5-fold CV, from the model card (CV
  needs retraining: `python -m servicemind.training.customer`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from servicemind.analyse import _customer
from servicemind.analyse.base import EMOTIONS
from servicemind.analyse.hostility import hostility_scores
from servicemind.training import _customer_data as data
from servicemind.training._customer_eval import binary_ece, f1, macro_f1, roc_auc, top_label_ece


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    card = _customer.get_model().card
    texts, Y = data.load_goemotions(args.data, "dev")
    P, present = _customer.fine_probabilities(texts)
    f28 = np.mean([f1(Y[:, j], present[:, j]) for j in range(Y.shape[1])])
    ece28 = np.mean([binary_ece(P[:, j], Y[:, j]) for j in range(Y.shape[1])])
    y6 = np.array([data.service_label(r) for r in Y])
    S, lab = _customer.service_probabilities(texts)
    f6 = macro_f1(y6, lab, 6)
    print(f"## emotion (GoEmotions dev, n={len(texts)})")
    fm = card["metrics"]["emotion_fine"]
    sm = card["metrics"]["emotion_six"]
    how = (
        "fitted on out-of-fold train logits: dev held out"
        if "dev_macro_f1_28_heldout" in fm
        else "tuned on dev: optimistic"
    )
    print(f"macro-F1 28 labels, shipped thresholds ({how}): {f28:.4f}")
    if "dev_macro_f1_28_thresholds_tuned_on_dev" in fm:
        print(
            "macro-F1 28 labels, Platt and thresholds tuned on dev instead (training): "
            f"{fm['dev_macro_f1_28_thresholds_tuned_on_dev']}"
        )
    print(
        "macro-F1 28 labels, dev-fitted recipe, 2-fold cross-fit on dev (training): "
        f"{fm['dev_macro_f1_28_crossfit']}"
    )
    if "dev_macro_f1_28_crossfit5" in fm:
        print(
            "macro-F1 28 labels, dev-fitted recipe, 5-fold cross-fit on dev (training): "
            f"{fm['dev_macro_f1_28_crossfit5']}"
        )
    print(f"macro-F1 6 service emotions, shipped (tuned on dev): {f6:.4f}")
    print(
        f"macro-F1 6 service emotions, 2-fold cross-fit on dev (training): {sm['dev_macro_f1_6_crossfit']}"
    )
    if "dev_macro_f1_6_crossfit5" in sm:
        print(
            "macro-F1 6 service emotions, 5-fold cross-fit on dev (training): "
            f"{sm['dev_macro_f1_6_crossfit5']} (per class {sm['dev_f1_6_per_class_crossfit5']})"
        )
    print(
        "per-class F1 (6): "
        + ", ".join(
            f"{e} {f1((y6 == k).astype(np.int8), lab == k):.3f}" for k, e in enumerate(EMOTIONS)
        )
    )
    print(f"ECE fine (mean per label, 15 bins): {ece28:.4f}; pooled: {binary_ece(P, Y):.4f}")
    print(
        f"ECE six (top label): {top_label_ece(S, y6):.4f}; cross-fit (training): "
        f"{sm['dev_ece_6_top_label_crossfit']}"
    )
    print("reliability (six, top label): bin | n | mean confidence | accuracy")
    conf, correct = S.max(axis=1), (S.argmax(axis=1) == y6)
    for lo in np.arange(0.0, 1.0, 0.1):
        m = (conf >= lo) & (conf < lo + 0.1 + (1e-9 if lo >= 0.9 else 0))
        if m.any():
            print(
                f"  {lo:.1f}-{lo + 0.1:.1f} | {m.sum():5d} | {conf[m].mean():.3f} | {correct[m].mean():.3f}"
            )

    from sklearn.model_selection import train_test_split

    otexts, oy = data.load_offensive(args.data)
    _, te = train_test_split(np.arange(len(oy)), test_size=0.2, random_state=args.seed, stratify=oy)
    tt = [otexts[i] for i in te]
    p = _customer.hostile_probability(tt)
    final = hostility_scores(tt)
    print(f"## hostility (offensive-or-hate vs neither, 20% held-out, n={len(te)})")
    print(
        f"ROC-AUC model: {roc_auc(oy[te], p):.4f}; as the analyser scores it (support-text "
        f"stack, directedness gate): {roc_auc(oy[te], final):.4f}"
    )
    print(
        f"ECE model: {binary_ece(p, oy[te]):.4f}; as the analyser scores it: "
        f"{binary_ece(final, oy[te]):.4f}"
    )
    print("## satisfaction (USS, grouped 5-fold CV, from the model card)")
    print(json.dumps(card["metrics"]["satisfaction"], indent=1))


if __name__ == "__main__":
    main()
