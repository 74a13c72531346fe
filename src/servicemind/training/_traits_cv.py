"""Cross-validation for the trait combination: folds by writer, ridge, Spearman.

The labelled replies come from a few writers, each with a style of their own, and the
analyser is judged on replies by writers it never saw. A random split puts every writer on
both sides of each fold, so it rewards fitting a writer's phrasing; :func:`folds` therefore
holds out one writer per fold (the id's prefix before the first ``-``, e.g. ``w3`` in
``w3-0042``) whenever there are at least :data:`MIN_GROUPS` writers, and falls back to a
seeded random 5-fold split otherwise (a single-writer corpus, as in the tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "HINGE_MIN_VALUES",
    "MIN_GROUPS",
    "Recipe",
    "by_writer",
    "cv_alpha",
    "folds",
    "group_of",
    "hinge_names",
    "ridge",
    "spearman",
]

#: Fewest writers for folds by writer; below, a random 5-fold split.
MIN_GROUPS = 3
#: A feature gets hinges when it takes more than this many distinct values in train (the
#: counts capped at 3 and the flags do not: 20 of enthusiasm's ~100 features do).
HINGE_MIN_VALUES = 6


@dataclass(frozen=True)
class Recipe:
    """The choices of one training recipe (what benchmarks/traits_lowo.py compares)."""

    #: folds by writer (True) or random 5-fold (False) for every choice
    grouped: bool = True
    #: ridge strengths tried for the combination
    alphas: tuple[float, ...] = (1.0, 10.0, 100.0, 300.0, 1000.0, 3000.0)
    #: ridge strengths tried for the word model
    text_alphas: tuple[float, ...] = (30.0, 100.0, 300.0)
    #: word terms must occur in at least this many train items ...
    min_term_support: int = 3
    #: ... written by at least this many writers
    min_term_writers: int = 1
    #: own cue features seen in fewer train items than this are dropped
    min_feature_support: int = 5
    #: whether the combination reads the context/reply-shape and other traits' rule scores
    context_features: bool = True
    #: the word model's ridge strength and its stacked out-of-fold scores from folds by
    #: writer even when ``grouped`` is False (the combination then learns how far the word
    #: score carries to a writer it has not seen)
    lex_grouped: bool = False
    #: with folds by writer, deal the writers into this many folds (0: one writer a fold)
    writer_folds: int = 0
    #: traits whose word model and combination fit the mid-rank of the mean label (the
    #: share of train labels below it plus half its ties: what Spearman compares) instead
    #: of the label itself; the combination's output is then mapped back to the label
    #: scale by a least-squares line, so scores keep their meaning and their order
    rank_target: tuple[str, ...] = ()
    #: traits whose combination also reads hinges of its continuous features (more than
    #: ``HINGE_MIN_VALUES`` distinct values in train): ``max(0, value - cut)`` at the
    #: ``hinge_bins``-quantiles, so that a feature's effect may level off
    hinge_traits: tuple[str, ...] = ()
    #: the hinges of a feature cut its train values into this many equal shares
    hinge_bins: int = 3
    #: every train reply also enters the combination's fit (and the trained applicability)
    #: as a copy with one neutral sentence appended and the same labels
    #: (``servicemind.training._padding``), so that text which carries no service behaviour
    #: earns nothing
    pad_augment: bool = False


def group_of(item_id: str) -> str:
    """The writer of an item: its id's prefix before the first ``-``."""
    return item_id.split("-")[0]


def by_writer(groups: Sequence[str] | None) -> bool:
    """Whether :func:`folds` holds out one writer per fold for these ``groups``."""
    return groups is not None and len(set(groups)) >= MIN_GROUPS


def folds(
    n: int, seed: int, groups: Sequence[str] | None = None, k: int = 0
) -> tuple[np.ndarray, int]:
    """Fold number of each of ``n`` rows and the number of folds.

    One fold per writer when ``groups`` names at least :data:`MIN_GROUPS` of them (sorted
    writer order, so the folds do not depend on the seed), or with ``k`` the writers dealt
    in that order into ``k`` folds; else a random 5-fold split drawn from ``seed``.
    """
    if groups is not None and by_writer(groups):
        names = sorted(set(groups))
        n_folds = min(k, len(names)) if k > 0 else len(names)
        code = {g: i % n_folds for i, g in enumerate(names)}
        return np.array([code[g] for g in groups], dtype=int), n_folds
    return np.random.default_rng(seed).integers(0, 5, size=n), 5


def ridge(X: np.ndarray, y: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    """Ridge coefficients on centred targets (X standardised by the caller) and intercept."""
    k = X.shape[1]
    coef = np.linalg.solve(X.T @ X + alpha * np.eye(k), X.T @ (y - y.mean()))
    return coef, float(y.mean())


def spearman(a: Sequence[float] | np.ndarray, b: np.ndarray) -> float:
    from scipy.stats import spearmanr

    a = np.asarray(a, dtype=float)
    if len(set(a.tolist())) < 2 or len(set(b.tolist())) < 2:
        return 0.0
    return float(spearmanr(a, b).statistic)


def cv_alpha(
    X: np.ndarray,
    y: np.ndarray,
    fold: np.ndarray,
    n_folds: int,
    alphas: Sequence[float],
    scored: int | None = None,
) -> tuple[float, float]:
    """The ridge strength with the best out-of-fold Spearman over ``fold``, and that Spearman
    (over the first ``scored`` rows only when given: the rest are training copies)."""
    n = len(y) if scored is None else scored
    best = (alphas[0], -2.0)
    for a in alphas:
        preds = np.zeros_like(y)
        for f in range(n_folds):
            tr, te = fold != f, fold == f
            if tr.sum() < 5 or te.sum() == 0:
                continue
            coef, b = ridge(X[tr], y[tr], a)
            preds[te] = X[te] @ coef + b
        rho = spearman(preds[:n], y[:n])
        if rho > best[1]:
            best = (a, rho)
    return best


def hinge_names(names: Sequence[str], X: np.ndarray, bins: int) -> list[str]:
    """The hinge features (``hinge:<feature>@<cut>``) of the columns of ``X`` (named
    ``names``) with more than :data:`HINGE_MIN_VALUES` distinct values: one per inner
    ``bins``-quantile strictly between the column's least and greatest value, rounded to
    6 decimals (the name carries the cut; ``_calibration.feature_vector`` computes it)."""
    out: list[str] = []
    qs = [k / bins for k in range(1, bins)]
    for j, n in enumerate(names):
        col = X[:, j]
        if len(np.unique(col)) <= HINGE_MIN_VALUES:
            continue
        lo, hi = float(col.min()), float(col.max())
        for c in sorted({round(float(q), 6) for q in np.quantile(col, qs)}):
            if lo < c < hi:
                out.append(f"hinge:{n}@{c!r}")
    return out
