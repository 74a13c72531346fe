"""Carry-over to new writers: fit on the old writers' train items, score the new writers'.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/traits_newwriters.py \
        PAIRS_DIR LABELS_A_DIR LABELS_B_DIR [--new w10,w11,w12,w13] \
        [--group w10,w11 --group w12,w13] [--dump FILE --dump-writers w10,w11] \
        [--fit-writers w1,w2,...]

The fourth writing round (w10-w13) brought writers with voices the model never saw. This
refits the word model and the combination in-process (``servicemind.training.traits.fit``,
the same code as ``servicemind train traits``) on the TRAIN part of every other writer
(w1-w9), then scores the new writers' TRAIN items as at run time (rule pass, the refitted
word model's ``lex:*`` scores, the refitted calibration) and prints per trait the Spearman
with the mean label, per group of new writers, next to the combination's cross-validated
Spearman on the old writers (``cv_spearman``, random 5-fold, the shipped recipe). The test
part (SHA-256 of the id mod 100 < 20) is never read, unless ``--score-split test`` asks to
score the new writers' test items for a final report (still fitted on the old writers'
train part only). Nothing is written under
``src/servicemind/models``.

``--dump`` writes the scored items of ``--dump-writers`` (JSON lines: id, reply, context
text, per trait the score and the mean label) for error reading; dump only the writers
used for development, never the ones kept for the carry-over estimate.
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from servicemind.analyse.base import TRAITS
from servicemind.analyse.traits._result import Reply, TraitResult
from servicemind.training._labels import LabelledItem, mean_label
from servicemind.training._traits_cv import group_of, spearman
from servicemind.training.traits import _rule_pass, fit_rows, load_dataset, rescore


def dump_record(
    item: LabelledItem,
    reply: Reply,
    scored: dict[str, float | None],
    results: dict[str, TraitResult],
    features: tuple[str, ...] = (),
) -> str:
    """One scored item as a JSON line for error reading: id, context, reply, per trait
    [score, mean label, rule score], and the rule features of the ``features`` traits."""
    rec: dict[str, object] = {
        "id": item.id,
        "context": reply.ctx.text,
        "reply": reply.text,
        "traits": {t: [scored[t], mean_label(item, t), results[t].score] for t in TRAITS},
    }
    if features:
        rec["features"] = {t: results[t].features for t in features}
    return json.dumps(rec, ensure_ascii=False)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("labels_a")
    ap.add_argument("labels_b")
    ap.add_argument("--new", default="w10,w11,w12,w13", help="writers held out of the fit")
    ap.add_argument(
        "--fit-writers",
        default=None,
        help="fit on these writers only (default: every writer not in --new)",
    )
    ap.add_argument("--group", action="append", default=None, help="writers reported together")
    ap.add_argument("--dump", default=None)
    ap.add_argument("--dump-writers", default="w10,w11")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--score-split",
        default="train",
        choices=["train", "test"],
        help="which part of the new writers to score (the fit always reads the old writers' "
        "train part only); 'test' is for the one final report, never for choosing",
    )
    args = ap.parse_args()
    new = set(args.new.split(","))
    fit_writers = set(args.fit_writers.split(",")) if args.fit_writers else None
    groups = [set(g.split(",")) for g in (args.group or ["w10,w11", "w12,w13"])] + [new]
    data = [
        li
        for li in load_dataset(args.pairs, args.labels_a, args.labels_b)
        if li.split == ("train" if group_of(li.id) not in new else args.score_split)
        and (fit_writers is None or group_of(li.id) in new or group_of(li.id) in fit_writers)
    ]
    results, ctxs, _, replies = _rule_pass(data, lexical=False)
    writers = [group_of(li.id) for li in data]
    old = [i for i, w in enumerate(writers) if w not in new]
    model, lex, metrics = fit_rows(data, results, ctxs, replies, old, seed=args.seed)
    scored: dict[int, dict[str, float | None]] = {}
    for i, w in enumerate(writers):
        if w not in new:
            continue
        r = rescore(model, lex, results[i], ctxs[i], replies[i])
        scored[i] = {t: r[t].score for t in TRAITS}
    names = [",".join(sorted(g, key=lambda s: int(s[1:]))) for g in groups]
    table: dict[str, dict[str, float]] = {}
    for t in TRAITS:
        row: dict[str, float] = {"cv_old": metrics["traits"][t]["cv_spearman"]}
        for name, g in zip(names, groups, strict=True):
            rows = [
                i
                for i in scored
                if writers[i] in g
                and mean_label(data[i], t) is not None
                and scored[i][t] is not None
            ]
            row[f"n {name}"] = len(rows)
            row[name] = round(
                spearman(
                    [float(scored[i][t] or 0.0) for i in rows],
                    np.array([mean_label(data[i], t) for i in rows]),
                ),
                4,
            )
        table[t] = row
    cols = ["cv_old", *names]
    print(json.dumps({"n_old": len(old), "n_new": len(scored), "traits": table}, indent=1))
    print("\n| trait | " + " | ".join(cols) + " |\n|---|" + "---:|" * len(cols))
    for t in TRAITS:
        print(f"| {t} | " + " | ".join(f"{table[t][c]:.3f}" for c in cols) + " |")
    print("| mean | " + " | ".join(f"{np.mean([table[t][c] for t in TRAITS]):.4f}" for c in cols))
    if args.dump:
        dump = set(args.dump_writers.split(","))
        with open(args.dump, "w", encoding="utf-8") as fh:
            for i in scored:
                if writers[i] not in dump:
                    continue
                fh.write(dump_record(data[i], replies[i], scored[i], results[i]) + "\n")


if __name__ == "__main__":
    main()
