"""Overall Spearman on the train part with and without a cap on wrong-language replies.

    PYTHONPATH=src python3 benchmarks/overall_wrong_language_cap.py

The tool's overall score against the mean of the passes' overall labels, on the TRAIN part
only (never the test part): as shipped without the cap, with adaptability held to its rule
score, and with overall capped at 70 / 60 / 50 / 40 for replies flagged ``wrong_language``.
The scorecard's cap (60) was chosen from this table (branch quality21, benchmarks/RESULTS.md).
"""

import statistics

from scipy.stats import spearmanr

from servicemind.analyse.base import TRAITS
from servicemind.analyse.scorecard import load_profiles, overall_score
from servicemind.analyse.traits._analyser import apply_caps, harm_caps
from servicemind.analyse.traits._calibration import apply_calibration, load_traits_model
from servicemind.training.traits import _rule_pass, load_dataset

A = "training/data/traits"
data = [
    li for li in load_dataset(f"{A}/pairs", f"{A}/labels/A", f"{A}/labels/B") if li.split == "train"
]
res, ctxs, _, replies = _rule_pass(data, lexical=True)
model = load_traits_model()
w = load_profiles()["default"]
rows = []
for li, r, c, rep in zip(data, res, ctxs, replies, strict=True):
    wrong = "wrong_language" in r["adaptability"].flags
    rule_ad = r["adaptability"].score
    caps = harm_caps(rep, r)
    apply_calibration(model, r, c)
    apply_caps(r, caps)
    labs = [
        p.get("overall") for p in li.passes.values() if isinstance(p.get("overall"), (int, float))
    ]
    if not labs:
        continue
    d = {t: {"applicable": r[t].applicable, "score": r[t].score} for t in TRAITS}
    ov = overall_score(d, w)
    d2 = {t: dict(v) for t, v in d.items()}
    if wrong and d2["adaptability"]["score"] is not None:
        d2["adaptability"]["score"] = min(d2["adaptability"]["score"], rule_ad)
    ov_ad = overall_score(d2, w)
    rows.append((statistics.mean(labs), ov, ov_ad, wrong))
y = [r[0] for r in rows]
print("n", len(rows), "wrong", sum(r[3] for r in rows))
print("plain", round(spearmanr([r[1] for r in rows], y).statistic, 4))
print("adapt cap", round(spearmanr([r[2] for r in rows], y).statistic, 4))
for cap in (70, 60, 50, 40):
    print(
        "overall cap",
        cap,
        round(spearmanr([min(r[1], cap) if r[3] else r[1] for r in rows], y).statistic, 4),
        "with adapt cap",
        round(spearmanr([min(r[2], cap) if r[3] else r[2] for r in rows], y).statistic, 4),
    )
