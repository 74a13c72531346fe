"""Train the politeness strategy weights on the Stanford Politeness Corpus (Wikipedia).

    python -m servicemind.training.politeness [DATA_DIR] [OUT_DIR]

DATA_DIR is the shared data folder (default ``../shared/data``); the corpus is read from
``DATA_DIR/politeness/wikipedia.annotated.csv``. The paper's binary task keeps the top and
bottom quartiles by Normalized Score. Features are the politeness strategies only (binary,
from lexicons/politeness_strategies.json), so the weights transfer to agent replies. The
regularisation strength is chosen by an inner cross-validation; the reported accuracy is
the outer 10-fold cross-validation. Writes ``OUT_DIR/politeness.json`` (weights) and
``OUT_DIR/MODEL_CARD.md``.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from servicemind.analyse.traits._politeness import STRATEGIES, strategy_hits
from servicemind.errors import InputError

__all__ = ["load_corpus", "main"]

#: The paper's quartile thresholds on Normalized Score for this release of the corpus
#: (bottom <= -0.4426, top >= 0.5144; see ../shared/data/README.md).
LOW_QUARTILE = -0.4426
HIGH_QUARTILE = 0.5144
#: Inverse regularisation strengths tried by the inner cross-validation.
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 10


def load_corpus(data_dir: str | Path) -> tuple[list[str], np.ndarray]:
    """Texts and binary labels (1 polite) of the quartile task."""
    path = Path(data_dir) / "politeness" / "wikipedia.annotated.csv"
    if not path.exists():
        raise InputError(f"{path} not found", hint="pass the shared data folder as DATA_DIR")
    texts: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            score = float(row["Normalized Score"])
            if score <= LOW_QUARTILE:
                texts.append(row["Request"])
                labels.append(0)
            elif score >= HIGH_QUARTILE:
                texts.append(row["Request"])
                labels.append(1)
    return texts, np.array(labels)


def featurise(texts: list[str]) -> np.ndarray:
    X = np.zeros((len(texts), len(STRATEGIES)))
    index = {s: i for i, s in enumerate(STRATEGIES)}
    for r, t in enumerate(texts):
        for name in strategy_hits(t):
            X[r, index[name]] = 1.0
    return X


def main(
    data_dir: str | Path = "../shared/data", out_dir: str | Path | None = None, seed: int = 0
) -> dict[str, Any]:
    """Train, cross-validate, write the artefact and its card; return the metrics."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score

    texts, y = load_corpus(data_dir)
    X = featurise(texts)
    inner = StratifiedKFold(5, shuffle=True, random_state=seed)
    outer = StratifiedKFold(FOLDS, shuffle=True, random_state=seed)

    def tuned() -> GridSearchCV:
        return GridSearchCV(
            LogisticRegression(max_iter=2000),
            {"C": list(C_GRID)},
            cv=inner,
            scoring="accuracy",
            n_jobs=1,
        )

    acc = cross_val_score(tuned(), X, y, cv=outer, n_jobs=1)
    c = float(tuned().fit(X, y).best_params_["C"])
    final = LogisticRegression(C=c, max_iter=2000).fit(X, y)
    metrics = {
        "task": "binary quartile (Danescu-Niculescu-Mizil et al. 2013), Wikipedia",
        "n": len(y),
        "cv_folds": FOLDS,
        "cv_accuracy_mean": round(float(acc.mean()), 4),
        "cv_accuracy_std": round(float(acc.std()), 4),
        "C": c,
        "seed": seed,
    }
    artefact = {
        "name": "politeness-strategies-lr",
        "version": "1",
        "features": list(STRATEGIES),
        "coef": {s: round(float(w), 4) for s, w in zip(STRATEGIES, final.coef_[0], strict=True)},
        "intercept": round(float(final.intercept_[0]), 4),
        "metrics": metrics,
    }
    if out_dir is None:
        out_dir = Path(__file__).resolve().parents[1] / "models" / "politeness"
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "politeness.json").write_text(json.dumps(artefact, indent=1) + "\n", encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(_card(artefact), encoding="utf-8")
    return metrics


def _card(a: dict[str, Any]) -> str:
    m = a["metrics"]
    top = sorted(a["coef"].items(), key=lambda kv: -abs(kv[1]))
    rows = "\n".join(f"| {k} | {v:+.3f} |" for k, v in top)
    return f"""# Model card: politeness strategy weights (`politeness.json`)

- **What**: logistic regression over {len(a["features"])} binary politeness strategies
  (lexicons/politeness_strategies.json; after Danescu-Niculescu-Mizil et al., ACL 2013,
  plus direct imperative start, question mark and all-caps shouting). Runtime needs no
  scikit-learn: score = sigmoid(intercept + sum of the weights of the strategies present).
- **Version**: {a["version"]}. Rebuild: `PYTHONPATH=src python3 -m servicemind.training.politeness ../shared/data`.
- **Training data**: Stanford Politeness Corpus v1.01, Wikipedia requests, binary quartile
  task (bottom quartile Normalized Score <= {LOW_QUARTILE}, top >= {HIGH_QUARTILE}); n = {m["n"]}.
  Research corpus, no data licence stated; cite the paper. No data is shipped.
- **Metrics**: {m["cv_folds"]}-fold cross-validated accuracy {m["cv_accuracy_mean"]:.3f}
  (sd {m["cv_accuracy_std"]:.3f}); C = {m["C"]} chosen by inner 5-fold CV; seed {m["seed"]}.
  Reference: the paper's linguistic SVM reached 83.8% in-domain (Wikipedia), 67.5% across domains.
- **Intended use**: the politeness trait of agent replies. Strategy features were chosen over
  bag-of-words to transfer from Wikipedia requests to service replies; expect lower accuracy
  out of domain. Sarcasm is handled outside the model (a penalty from sarcasm cues).
- **Licence of the weights**: Apache-2.0 (the project's).

| strategy | weight |
|---|---|
{rows}
| (intercept) | {a["intercept"]:+.3f} |
"""


if __name__ == "__main__":
    argv = sys.argv[1:]
    data = argv[0] if argv else "../shared/data"
    print(json.dumps(main(data, argv[1] if len(argv) > 1 else None), indent=1))
