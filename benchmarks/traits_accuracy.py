"""Accuracy of the agent side on the held-out TEST part of the labelled replies.

    PYTHONPATH=src python3 benchmarks/traits_accuracy.py PAIRS_DIR LABELS_A_DIR LABELS_B_DIR [--rules]

Test part = SHA-256 of the id mod 100 < 20 (never used for fitting or tuning). Reports per
trait the Spearman correlation of the analyser's score with the mean label over the test
items where at least one pass scored the trait (the score is the one the reply gets when the
trait applies), the applicability agreement with the majority of the passes, and the
commitment detection precision / recall / F1 against each pass. ``--rules`` scores with
the uncalibrated rule scores; ``--files w8,w9 --split all`` scores only the third round's
writers, on both parts; ``--by-language`` adds the table for each customer language.
"""

from __future__ import annotations

import argparse
import json

import numpy as np
from scipy.stats import spearmanr

from servicemind.analyse.base import TRAITS
from servicemind.analyse.commitments import extract_commitments
from servicemind.analyse.traits._calibration import apply_calibration, load_traits_model
from servicemind.analyse.traits._result import TraitResult
from servicemind.training._labels import LabelledItem, gold_spans, mean_label, span_f1
from servicemind.training.traits import load_dataset, rule_results

#: Languages with fewer train or test items than this are left out of ``--by-language``.
MIN_LANGUAGE_ITEMS = 20


def trait_metrics(
    data: list[LabelledItem], results: list[dict[str, TraitResult]]
) -> dict[str, dict[str, float]]:
    """Per trait: items scored, Spearman of score vs mean label, applicability agreement."""
    out: dict[str, dict[str, float]] = {}
    for t in TRAITS:
        rows = [(results[i][t].score, mean_label(li, t)) for i, li in enumerate(data)]
        rows = [(p, y) for p, y in rows if y is not None and p is not None]
        rho = (
            float(spearmanr([p for p, _ in rows], [y for _, y in rows]).statistic)
            if len(rows) > 2
            else float("nan")
        )
        maj = [
            (
                results[i][t].applicable,
                sum(p[t] != "na" for p in li.passes.values()) * 2 >= len(li.passes),
            )
            for i, li in enumerate(data)
        ]
        out[t] = {
            "n": len(rows),
            "spearman": round(rho, 3),
            "applicable_agreement": round(float(np.mean([a == b for a, b in maj])), 3),
        }
    return out


def print_by_language(data: list[LabelledItem], results: list[dict[str, TraitResult]]) -> None:
    """Spearman / applicability agreement per trait for each item language with at least
    :data:`MIN_LANGUAGE_ITEMS` items (the item's ``language`` field, the customer's)."""
    langs: dict[str, list[int]] = {}
    for i, li in enumerate(data):
        langs.setdefault(str(li.item.get("language", "?")), []).append(i)
    kept = sorted(
        (k for k, v in langs.items() if len(v) >= MIN_LANGUAGE_ITEMS), key=lambda k: -len(langs[k])
    )
    table = {
        k: trait_metrics([data[i] for i in langs[k]], [results[i] for i in langs[k]]) for k in kept
    }
    print("\nBy language (Spearman / applicability agreement):\n")
    print("| trait | " + " | ".join(f"{k} ({len(langs[k])})" for k in kept) + " |")
    print("|---|" + "---:|" * len(kept))
    for t in TRAITS:
        cells = [
            f"{table[k][t]['spearman']:.3f} / {table[k][t]['applicable_agreement']:.3f}"
            for k in kept
        ]
        print(f"| {t} | " + " | ".join(cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("labels_a")
    ap.add_argument("labels_b")
    ap.add_argument("--rules", action="store_true", help="uncalibrated rule scores")
    ap.add_argument("--split", default="test", choices=["test", "train", "all"])
    ap.add_argument(
        "--files",
        default=None,
        help="only these writer files, e.g. w8,w9 (the third round: --split all scores items "
        "no model had seen when they were written)",
    )
    ap.add_argument(
        "--by-language",
        action="store_true",
        help="also print the per-trait table for each item language (the customer's)",
    )
    args = ap.parse_args()
    files = set(args.files.split(",")) if args.files else None
    data = [
        li
        for li in load_dataset(args.pairs, args.labels_a, args.labels_b)
        if args.split in (li.split, "all")
        and (files is None or str(li.item["id"]).split("-")[0] in files)
    ]
    results, ctxs, upstream = rule_results(data)
    model = None if args.rules else load_traits_model()
    if model is not None:
        for r, c in zip(results, ctxs, strict=True):
            apply_calibration(model, r, c)
    out = trait_metrics(data, results)
    pred = [[(c.start, c.end) for c in extract_commitments(li.item["reply"])] for li in data]
    commit = {}
    for name in ("A", "B"):
        idx = [i for i, li in enumerate(data) if name in li.passes]
        gold = [
            gold_spans(data[i].item["reply"], data[i].passes[name].get("commitments", []))
            for i in idx
        ]
        commit[name] = {k: round(v, 3) for k, v in span_f1([pred[i] for i in idx], gold).items()}
    print(
        json.dumps(
            {
                "split": args.split,
                "n_items": len(data),
                "calibrated": model is not None,
                "customer_side": upstream,
                "traits": out,
                "commitments": commit,
            },
            indent=1,
        )
    )
    print("\n| trait | n | Spearman | applicability agreement |\n|---|---:|---:|---:|")
    for t, v in out.items():
        print(f"| {t} | {v['n']} | {v['spearman']:.3f} | {v['applicable_agreement']:.3f} |")
    for name, v in commit.items():
        print(
            f"commitments vs pass {name}: P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}"
        )
    if args.by_language:
        print_by_language(data, results)


if __name__ == "__main__":
    main()
