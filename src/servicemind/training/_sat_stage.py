"""The second stage of turn satisfaction: the text model's prediction, the turn's six
service-emotion probabilities and its hostility, in one small ridge regression fitted on
USS user turns (runtime: :func:`servicemind.analyse._customer.stage_satisfaction`).

The text model's inputs are its out-of-fold predictions and the stage is scored on the
same grouped folds (dialogues never split), so the before/after Spearman compare like with
like. The adoption bar (benchmarks/RESULTS.md, customer side, written before the first
run): no USS domain loses more than :data:`MAX_DROP` at the turn or the dialogue level, and
the mean turn-level Spearman rises.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from servicemind.analyse.base import EMOTIONS
from servicemind.analyse.satisfaction import cap_hostile

__all__ = ["MAX_DROP", "STAGE_ALPHA", "fit_stage", "passes_bar"]

#: Ridge penalty of the stage (fixed before the first run: 8 inputs and 33k turns need
#: little; it only keeps the six probabilities, which sum to 1, from being collinear
#: with the intercept).
STAGE_ALPHA = 1.0
#: The largest Spearman loss a domain may take at either level for the stage to ship.
MAX_DROP = 0.005

FloatArray = npt.NDArray[np.float64]
#: The stage's weights in ``sat__stage`` order.
_NAMES = ("bias", "text", *EMOTIONS, "hostile")


def _ridge(X: FloatArray, y: FloatArray) -> FloatArray:
    """``[bias, weights...]`` of a ridge regression (intercept not penalised)."""
    from sklearn.linear_model import Ridge

    m = Ridge(alpha=STAGE_ALPHA).fit(X, y)
    return np.concatenate([[m.intercept_], m.coef_])


def fit_stage(
    text: FloatArray,
    signals: FloatArray,
    y: FloatArray,
    folds: Sequence[tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]],
    texts: Sequence[str],
) -> dict[str, Any]:
    """Fit the stage on ``text`` (out-of-fold text-model predictions, n), ``signals``
    (n × 7: six emotion probabilities, hostility) and ratings ``y`` of the user turns
    ``texts``.

    Returns ``weights`` (the exported ``sat__stage``, spread-matched like the text model:
    stretched about its mean to the ratings' standard deviation, factor fitted on the
    stage's own out-of-fold predictions) and ``cv`` (those out-of-fold predictions,
    stretched, clipped and capped as the analyser does)."""
    X = np.column_stack([text, signals])
    raw = np.zeros(len(y))
    for tr, te in folds:
        raw[te] = X[te] @ (w := _ridge(X[tr], y[tr]))[1:] + w[0]
    stretch = float(np.std(y) / np.std(raw))
    centre = (float(np.mean(raw)), float(np.mean(y)))
    w = _ridge(X, y)
    weights = np.concatenate([[centre[1] + stretch * (w[0] - centre[0])], stretch * w[1:]])
    cv_w = np.clip(centre[1] + stretch * (raw - centre[0]), 1.0, 5.0)
    return {
        "weights": weights,
        "cv": cap_hostile(cv_w, signals[:, -1], texts),
        "capped": int(np.sum(cap_hostile(cv_w, signals[:, -1], texts) != cv_w)),
        "stretch": round(stretch, 4),
        "coef": {n: round(float(v), 4) for n, v in zip(_NAMES, weights, strict=True)},
    }


def passes_bar(
    before: Mapping[str, Mapping[str, float]], after: Mapping[str, Mapping[str, float]]
) -> bool:
    """Whether ``after`` meets the adoption bar against ``before``; both map a level
    (``turn``, ``dialogue``) to a domain's Spearman."""
    for level in ("turn", "dialogue"):
        if any(after[level][d] < before[level][d] - MAX_DROP for d in before[level]):
            return False
    return bool(np.mean(list(after["turn"].values())) > np.mean(list(before["turn"].values())))
