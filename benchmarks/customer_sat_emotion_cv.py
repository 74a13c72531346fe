"""The satisfaction analyser's emotion shift on USS, cross-validated: what it does to turns
the text model has not seen.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python benchmarks/customer_sat_emotion_cv.py
        [--data ../shared/data]

``benchmarks/customer_context_uss.py`` runs the shipped text model on the USS dialogues it
was trained on: in-sample, its turn values already hold what the words say about the
rating, so any rule after the model looks worse there than it is. This script refits the
text model's ridge regression on the shipped features (customer turn | agent turn before
it, alpha of the model card) in grouped 5-fold CV (dialogues never split, seed 0), stretches
the out-of-fold predictions as training does, and compares, per domain, the turn-level
Spearman of those predictions with and without
:func:`servicemind.analyse.satisfaction.follow_emotion` (the emotion label
as the shipped emotion analyser writes it on each user turn) and ``hold_relief`` (a
relieved turn is at least the turn before it): the rules of the turn values that the
overall model does not read. The dialogue level is not
compared: ``summary.satisfaction`` reads the values before the shift.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.stats import spearmanr
from sklearn.linear_model import Ridge
from sklearn.model_selection import GroupKFold

from servicemind.analyse import _customer
from servicemind.analyse.base import Doc
from servicemind.analyse.pipeline import Pipeline
from servicemind.analyse.satisfaction import follow_emotion, hold_relief
from servicemind.conversation import Conversation
from servicemind.training._customer_data import load_uss

DOMAINS = ("SGD", "MWOZ", "ReDial", "CCPE")
CARD = resources.files("servicemind.models") / "customer" / "model-card.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()
    alpha = float(json.loads(CARD.read_text())["metrics"]["satisfaction"]["alpha"])
    dialogues = [d for dom in DOMAINS for d in load_uss(args.data, dom)]
    user = [t for d in dialogues for t in d.user]
    agent = [t for d in dialogues for t in d.previous_agent]
    y = np.array([r for d in dialogues for r in d.rating])
    group = np.array([i for i, d in enumerate(dialogues) for _ in d.user])
    domain = np.array([d.domain for d in dialogues for _ in d.user])
    m = _customer.get_model()
    X = sparse.hstack(
        [
            m.transform(_customer.normalised(user)),
            m.transform(_customer.normalised(agent, lead=False)),
        ],
        format="csr",
    )
    perm = np.random.RandomState(0).permutation(len(dialogues))
    raw = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(X, y, perm[group]):
        raw[te] = Ridge(alpha=alpha, solver="sparse_cg").fit(X[tr], y[tr]).predict(X[te])
    pred = np.clip(np.mean(y) + np.std(y) / np.std(raw) * (raw - np.mean(raw)), 1.0, 5.0)

    docs = [
        Doc(Conversation.from_turns([{"role": "customer", "text": t} for t in d.user]))
        for d in dialogues
    ]
    Pipeline(components=["emotion"]).annotate(docs)
    outs = [out for doc in docs for _, out in doc.iter_customer()]
    labels = [out["emotion"]["label"] for out in outs]
    shifted = hold_relief(follow_emotion(pred, user, labels), docs)
    print(f"alpha {alpha}; turns moved by the shift: {int(np.sum(shifted != pred))} of {len(y)}")
    print("| domain | turns | text model (CV) | with the emotion shift | change |")
    print("|---|---:|---:|---:|---:|")
    for dom in DOMAINS:
        s = domain == dom
        before = spearmanr(pred[s], y[s]).statistic
        after = spearmanr(shifted[s], y[s]).statistic
        print(f"| {dom} | {int(s.sum())} | {before:.4f} | {after:.4f} | {after - before:+.4f} |")


if __name__ == "__main__":
    main()
