"""Leave-one-writer-out (LOWO) Spearman of the trait calibration on the TRAIN part.

    PYTHONPATH=src python3 benchmarks/traits_lowo.py PAIRS_DIR LABELS_A_DIR LABELS_B_DIR \
        [--recipe random --recipe writer ...]

The analyser is judged on replies by writers it never saw, so this holds out each writer
(the id's prefix, ``w1`` .. ``w13``) in turn: the word model and the combination are refitted
(``servicemind.training.traits.fit``, the same code as ``servicemind train traits``) on the
other writers' train items only, then that writer's train items are scored as at run time
(rule pass, the refitted word model's ``lex:*`` scores, the refitted calibration). The test
part (SHA-256 of the id mod 100 < 20) is never read.

Reports per trait the Spearman of the held-out scores with the mean label, pooled over all
writers ("pooled", the headline) and the mean of the per-writer Spearmans ("per writer");
and the mean over the eleven traits. Recipes (see ``RECIPES``): ``random`` is the recipe
before 2026-11-23 22:00 (random 5-fold for every choice), ``writer`` holds out one writer
per fold for every choice, the others vary regularisation and features on top of that.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

import numpy as np

from servicemind.analyse.base import TRAITS
from servicemind.training._labels import mean_label
from servicemind.training._traits_cv import Recipe, group_of, spearman
from servicemind.training.traits import RECIPE, _rule_pass, fit_rows, load_dataset, rescore

_WRITER = Recipe()
RECIPES: dict[str, Recipe] = {
    "random": replace(_WRITER, grouped=False),
    "writer": _WRITER,
    "writer-strong": replace(
        _WRITER,
        alphas=(10.0, 100.0, 300.0, 1000.0, 3000.0, 10000.0, 30000.0),
        text_alphas=(30.0, 100.0, 300.0, 1000.0, 3000.0),
    ),
    "writer-terms2": replace(_WRITER, min_term_writers=2),
    "writer-terms3": replace(_WRITER, min_term_writers=3),
    "writer-nocontext": replace(_WRITER, context_features=False),
    "writer-support20": replace(_WRITER, min_feature_support=20),
    "shipped": RECIPE,
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("labels_a")
    ap.add_argument("labels_b")
    ap.add_argument("--recipe", action="append", choices=sorted(RECIPES), default=None)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    recipes = args.recipe or ["random", "writer"]
    data = [
        li for li in load_dataset(args.pairs, args.labels_a, args.labels_b) if li.split == "train"
    ]
    results, ctxs, _, replies = _rule_pass(data, lexical=False)
    writers = [group_of(li.id) for li in data]
    labels = {t: [mean_label(li, t) for li in data] for t in TRAITS}
    report: dict[str, dict[str, object]] = {}
    for name in recipes:
        recipe = RECIPES[name]
        pred: dict[str, list[float | None]] = {t: [None] * len(data) for t in TRAITS}
        for w in sorted(set(writers)):
            tr = [i for i, g in enumerate(writers) if g != w]
            te = [i for i, g in enumerate(writers) if g == w]
            model, lex, _ = fit_rows(
                data, results, ctxs, replies, tr, seed=args.seed, recipe=recipe
            )
            for i in te:
                r = rescore(model, lex, results[i], ctxs[i], replies[i])
                for t in TRAITS:
                    pred[t][i] = r[t].score
        per_trait: dict[str, dict[str, float]] = {}
        for t in TRAITS:
            rows = [
                i for i in range(len(data)) if labels[t][i] is not None and pred[t][i] is not None
            ]
            pooled = spearman([pred[t][i] for i in rows], np.array([labels[t][i] for i in rows]))
            by_w = []
            for w in sorted(set(writers)):
                wr = [i for i in rows if writers[i] == w]
                if len(wr) >= 10:
                    by_w.append(
                        spearman([pred[t][i] for i in wr], np.array([labels[t][i] for i in wr]))
                    )
            per_trait[t] = {
                "n": len(rows),
                "pooled": round(pooled, 4),
                "per_writer": round(float(np.mean(by_w)), 4),
            }
        report[name] = {
            "traits": per_trait,
            "mean_pooled": round(float(np.mean([v["pooled"] for v in per_trait.values()])), 4),
            "mean_per_writer": round(
                float(np.mean([v["per_writer"] for v in per_trait.values()])), 4
            ),
        }
        print(name, report[name]["mean_pooled"], report[name]["mean_per_writer"], flush=True)
    print(
        json.dumps(
            {"n_items": len(data), "writers": sorted(set(writers)), "recipes": report}, indent=1
        )
    )
    print("\n| trait | n | " + " | ".join(f"{r} pooled | {r} per writer" for r in recipes) + " |")
    print("|---|---:|" + "---:|---:|" * len(recipes))
    for t in TRAITS:
        cells = " | ".join(
            f"{report[r]['traits'][t]['pooled']:.3f} | {report[r]['traits'][t]['per_writer']:.3f}"  # type: ignore[index]
            for r in recipes
        )
        print(f"| {t} | {report[recipes[0]]['traits'][t]['n']} | {cells} |")  # type: ignore[index]
    cells = " | ".join(
        f"**{report[r]['mean_pooled']:.3f}** | **{report[r]['mean_per_writer']:.3f}**"
        for r in recipes
    )
    print(f"| mean | | {cells} |")


if __name__ == "__main__":
    main()
