"""What the harm caps (``traits._analyser.harm_caps``) do to the agreement with the labels.

    PYTHONPATH=src python3 benchmarks/traits_harm_caps.py PAIRS LABELS_A LABELS_B [--split train|test]

Scores the labelled replies of one part as the analyser does (rules, the shipped
calibration, then the caps: a sarcastic reply, or a trait with an own cue at or below
``HARM_WEIGHT``, scores no higher than its rules), and again without the caps; prints per
trait the Spearman correlation with the mean label both ways and how many scores the caps
lowered. The caps are a guard written from trial findings, not fitted: the train part says
what they cost; the test part is reported, never used to choose.
"""

from __future__ import annotations

import argparse
import json

from scipy.stats import spearmanr

from servicemind.analyse.base import TRAITS
from servicemind.analyse.traits._analyser import apply_caps, harm_caps
from servicemind.analyse.traits._calibration import apply_calibration, load_traits_model
from servicemind.training._labels import mean_label
from servicemind.training.traits import _rule_pass, load_dataset


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pairs")
    ap.add_argument("labels_a")
    ap.add_argument("labels_b")
    ap.add_argument("--split", default="train", choices=["train", "test"])
    args = ap.parse_args()
    data = [
        li
        for li in load_dataset(args.pairs, args.labels_a, args.labels_b)
        if li.split == args.split
    ]
    results, ctxs, _, replies = _rule_pass(data, lexical=True)
    model = load_traits_model()
    assert model is not None, "no traits model ships"
    plain: list[dict[str, float | None]] = []
    lowered = dict.fromkeys(TRAITS, 0)
    for r, c, reply in zip(results, ctxs, replies, strict=True):
        caps = harm_caps(reply, r)
        apply_calibration(model, r, c)
        plain.append({t: r[t].score for t in TRAITS})
        apply_caps(r, caps)
        for t in TRAITS:
            if r[t].score != plain[-1][t]:
                lowered[t] += 1
    out = {}
    for t in TRAITS:
        rows = [
            (plain[i][t], results[i][t].score, y)
            for i, li in enumerate(data)
            if (y := mean_label(li, t)) is not None and plain[i][t] is not None
        ]
        ys = [y for *_, y in rows]
        out[t] = {
            "n": len(rows),
            "without_caps": round(float(spearmanr([p for p, _, _ in rows], ys).statistic), 4),
            "with_caps": round(float(spearmanr([c for _, c, _ in rows], ys).statistic), 4),
            "lowered": lowered[t],
        }
    print(json.dumps({"split": args.split, "n_items": len(data), "traits": out}, indent=1))
    print("\n| trait | n | without caps | with caps | scores lowered |\n|---|---:|---:|---:|---:|")
    for t, v in out.items():
        print(
            f"| {t} | {v['n']} | {v['without_caps']:.4f} | {v['with_caps']:.4f} | {v['lowered']} |"
        )


if __name__ == "__main__":
    main()
