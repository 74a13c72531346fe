"""Metrics and small fitting helpers shared by the customer-side training and benchmarks."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize, minimize_scalar
from scipy.stats import spearmanr

__all__ = [
    "THRESHOLD_GRID",
    "best_threshold",
    "binary_ece",
    "f1",
    "fit_platt",
    "fit_temperature",
    "macro_f1",
    "spearman",
    "top_label_ece",
]

#: Candidate per-label thresholds: 0.02 .. 0.95 in steps of 0.01.
THRESHOLD_GRID = np.round(np.arange(0.02, 0.955, 0.01), 2)
#: Equal-width bins of the reliability table / ECE.
ECE_BINS = 15

FloatArray = npt.NDArray[np.floating]


def f1(y: npt.NDArray[np.integer], pred: npt.NDArray[np.bool_]) -> float:
    tp = float(np.sum((y == 1) & pred))
    fp = float(np.sum((y == 0) & pred))
    fn = float(np.sum((y == 1) & ~pred))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def best_threshold(y: npt.NDArray[np.integer], p: FloatArray) -> tuple[float, float]:
    """The grid threshold with the best F1 on (y, p), and that F1 (ties: lowest)."""
    scores = [f1(y, p >= t) for t in THRESHOLD_GRID]
    k = int(np.argmax(scores))
    return float(THRESHOLD_GRID[k]), float(scores[k])


def macro_f1(y: npt.NDArray[np.integer], pred: npt.NDArray[np.integer], k: int) -> float:
    """Macro-F1 of single-label predictions over ``k`` classes."""
    return float(np.mean([f1((y == c).astype(np.int8), pred == c) for c in range(k)]))


def fit_platt(z: FloatArray, y: npt.NDArray[np.integer]) -> tuple[float, float]:
    """Platt scaling: (a, b) minimising the log-loss of sigmoid(a*z + b) against y."""
    zz = np.asarray(z, dtype=np.float64)
    yy = np.asarray(y, dtype=np.float64)

    def loss(w: FloatArray) -> tuple[float, FloatArray]:
        s = w[0] * zz + w[1]
        p = 1.0 / (1.0 + np.exp(-s))
        ll = np.logaddexp(0.0, s) - yy * s
        g = p - yy
        return float(ll.mean()), np.array([np.mean(g * zz), np.mean(g)])

    res = minimize(loss, np.array([1.0, 0.0]), jac=True, method="L-BFGS-B")
    return float(res.x[0]), float(res.x[1])


def fit_temperature(z: FloatArray, y: npt.NDArray[np.integer]) -> float:
    """Temperature T minimising the multinomial log-loss of softmax(z / T)."""

    def loss(t: float) -> float:
        s = z / t
        s = s - s.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y)), y].mean())

    res = minimize_scalar(loss, bounds=(0.05, 20.0), method="bounded")
    return float(res.x)


def binary_ece(p: FloatArray, y: npt.NDArray[np.integer]) -> float:
    """Expected calibration error of probabilities p for binary outcomes y (15 bins)."""
    pp = np.asarray(p, dtype=np.float64).ravel()
    yy = np.asarray(y, dtype=np.float64).ravel()
    bins = np.minimum((pp * ECE_BINS).astype(int), ECE_BINS - 1)
    total = 0.0
    for b in range(ECE_BINS):
        m = bins == b
        if m.any():
            total += float(m.sum() * abs(pp[m].mean() - yy[m].mean()))
    return total / len(pp)


def top_label_ece(P: FloatArray, y: npt.NDArray[np.integer]) -> float:
    """Top-label ECE of a multi-class probability matrix (confidence of the argmax)."""
    pred = P.argmax(axis=1)
    return binary_ece(P.max(axis=1), (pred == y).astype(np.int8))


def roc_auc(y: npt.NDArray[np.integer], s: FloatArray) -> float:
    """ROC-AUC of scores ``s`` for binary labels ``y`` (rank form, ties averaged; no
    scikit-learn, so the benchmarks run on the base install). NaN without both classes."""
    pos = y == 1
    n1, n0 = int(pos.sum()), int((~pos).sum())
    if not n1 or not n0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    ranks[order] = np.arange(1, len(s) + 1)
    _, inv, counts = np.unique(s, return_inverse=True, return_counts=True)
    ranks = (np.bincount(inv, weights=ranks) / counts)[inv]  # average ranks of ties
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def spearman(a: FloatArray, b: FloatArray) -> float:
    r = spearmanr(a, b).statistic
    return float(r) if np.isfinite(r) else 0.0
