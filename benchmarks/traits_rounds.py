"""Leave-round-out carry-over of the trait models, all writing rounds in one run.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/traits_rounds.py \
        PAIRS_DIR LABELS_A_DIR LABELS_B_DIR [--round w14-w17 --round w18-w21 ...] \
        [--set min_term_writers=2 --set alphas=100,300,1000] [--dump FILE --dump-round w18-w21]

For each round ``wA-wB`` (default: the fifth, sixth and seventh writing rounds), fits the
word model and the combination (``servicemind.training.traits.fit``, the code of
``servicemind train traits``) on the TRAIN part of the writers before it (w1 .. wA-1) and
scores the round's TRAIN items as at run time, as ``benchmarks/traits_newwriters.py --new
... --fit-writers ...`` does for one round; here the rule pass runs once for all rounds.
Prints per trait the Spearman with the mean label per round and the mean over rounds.
``--set FIELD=VALUE`` overrides a field of the shipped ``Recipe`` (tuples as comma lists),
to compare recipes on unseen writers. The test part (SHA-256 of the id mod 100 < 20) is
never read. ``--dump`` writes the scored items of one round (JSON lines) for error reading:
read one round only, and judge changes on the others.
"""

from __future__ import annotations

import argparse
import dataclasses
import json

import numpy as np

from servicemind.analyse.base import TRAITS
from servicemind.training._labels import mean_label
from servicemind.training._traits_cv import Recipe, group_of, spearman
from servicemind.training.traits import RECIPE, _rule_pass, fit_rows, load_dataset, rescore
from traits_newwriters import dump_record

ROUNDS = ("w14-w17", "w18-w21", "w22-w25")


def _recipe(sets: list[str]) -> Recipe:
    fields = {f.name: f for f in dataclasses.fields(RECIPE)}
    changes: dict[str, object] = {}
    for s in sets:
        key, _, val = s.partition("=")
        cur = getattr(RECIPE, key)
        if isinstance(cur, bool):
            changes[key] = val.lower() in ("1", "true", "yes")
        elif isinstance(cur, tuple) and key in ("rank_target", "hinge_traits"):
            changes[key] = tuple(v for v in val.split(",") if v)
        elif isinstance(cur, tuple):
            changes[key] = tuple(float(v) for v in val.split(","))
        elif isinstance(cur, int):
            changes[key] = int(val)
        else:
            changes[key] = type(cur)(val)
        assert key in fields
    return dataclasses.replace(RECIPE, **changes)  # type: ignore[arg-type]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("labels_a")
    ap.add_argument("labels_b")
    ap.add_argument("--round", action="append", default=None, help="wA-wB, e.g. w18-w21")
    ap.add_argument("--set", action="append", default=[], help="Recipe field=value")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dump", default=None)
    ap.add_argument("--dump-round", default="w18-w21")
    args = ap.parse_args()
    recipe = _recipe(args.set)
    rounds = args.round or list(ROUNDS)
    spans = {r: tuple(int(w[1:]) for w in r.split("-")) for r in rounds}
    last = max(b for _, b in spans.values())
    data = [
        li
        for li in load_dataset(args.pairs, args.labels_a, args.labels_b)
        if li.split == "train" and int(group_of(li.id)[1:]) <= last
    ]
    results, ctxs, _, replies = _rule_pass(data, lexical=False)
    num = [int(group_of(li.id)[1:]) for li in data]
    table: dict[str, dict[str, float]] = {t: {} for t in TRAITS}
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115
    for name in rounds:
        a, b = spans[name]
        old = [i for i, n in enumerate(num) if n < a]
        new = [i for i, n in enumerate(num) if a <= n <= b]
        model, lex, metrics = fit_rows(
            data, results, ctxs, replies, old, seed=args.seed, recipe=recipe
        )
        scored: dict[int, dict[str, float | None]] = {}
        for i in new:
            r = rescore(model, lex, results[i], ctxs[i], replies[i])
            scored[i] = {t: r[t].score for t in TRAITS}
        for t in TRAITS:
            rows = [i for i in new if mean_label(data[i], t) is not None]
            table[t][name] = spearman(
                [float(scored[i][t] or 0.0) for i in rows],
                np.array([mean_label(data[i], t) for i in rows]),
            )
            table[t][f"cv {name}"] = metrics["traits"][t]["cv_spearman"]
        if dump is not None and name == args.dump_round:
            for i in new:
                rec = dump_record(
                    data[i], replies[i], scored[i], results[i], ("politeness", "enthusiasm")
                )
                dump.write(rec + "\n")
    if dump is not None:
        dump.close()
    for t in TRAITS:
        table[t]["mean"] = float(np.mean([table[t][r] for r in rounds]))
    cols = [*rounds, "mean", *(f"cv {r}" for r in rounds)]
    print(json.dumps({"recipe": dataclasses.asdict(recipe), "traits": table}))
    print("\n| trait | " + " | ".join(cols) + " |\n|---|" + "---:|" * len(cols))
    for t in TRAITS:
        print(f"| {t} | " + " | ".join(f"{table[t][c]:.4f}" for c in cols) + " |")
    print("| mean | " + " | ".join(f"{np.mean([table[t][c] for t in TRAITS]):.4f}" for c in cols))


if __name__ == "__main__":
    main()
