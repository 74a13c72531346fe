"""Trained per-trait combination of the cue features (models/traits/traits.json).

The artefact maps each trait to a linear model over that trait's cue features and the rule
scores of all eleven traits, fitted on the TRAIN part of the team's labelled replies (see
servicemind.training.traits). The calibrated score replaces the rule score; evidence,
applicability and facets stay those of the rules, so every score still explains itself.

Feature names: ``f:<name>`` is the trait's own cue feature, ``rule:<trait>`` a trait's rule
score, ``app:<trait>`` whether the rules found it applicable (0/1), ``ctx:<name>`` a context
feature (see ``_context.context_features``), ``lex:<trait>`` the learned word score of the
trait (see ``_lexical``), and ``hinge:<feature>@<cut>`` how far another feature of these
kinds lies above a cut, ``max(0, value - cut)`` (the cuts are train quantiles: a linear
model over a feature and its hinges is piecewise linear in it, so an effect can level off,
e.g. the word score's at both ends). A trait may also carry a trained applicability
model (logistic) over the same kind of features; its decision replaces the rule's.

:func:`apply_calibration` scores one reply in plain Python; :func:`calibrate_batch` scores
many at once with numpy and gives the same floats bit for bit: the same elementwise
operations in the same order, and a left-to-right running sum (``np.add.accumulate``, as
:func:`_linear` adds, and as Python 3.11's ``sum`` does) instead of numpy's pairwise ``sum``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy as np

from servicemind.analyse.traits._result import TraitResult, clip
from servicemind.errors import ModelError

__all__ = [
    "HINGE",
    "Calibration",
    "apply_calibration",
    "calibrate_batch",
    "compile_calibration",
    "feature_vector",
    "load_traits_model",
]


#: The prefix of a hinge feature's name: ``hinge:<feature>@<cut>``.
HINGE = "hinge"


@lru_cache(maxsize=1024)
def _hinge(key: str) -> tuple[str, float]:
    """The feature and the cut of a hinge feature's key (``<feature>@<cut>``)."""
    base, _, cut = key.rpartition("@")
    return base, float(cut)


@cache
def load_traits_model() -> dict[str, Any] | None:
    """The trained weights, or ``None`` when no artefact ships (rule scores are used)."""
    ref = resources.files("servicemind.models").joinpath("traits/traits.json")
    if not ref.is_file():
        return None
    try:
        model: dict[str, Any] = json.loads(ref.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"traits model cannot be read: {exc}",
            hint="run `python -m servicemind.training.traits` to rebuild it",
        ) from exc
    return model


def feature_vector(
    trait: str,
    results: Mapping[str, TraitResult],
    names: list[str],
    ctx: Mapping[str, float] | None = None,
) -> list[float]:
    """The named features of ``trait`` given every trait's rule result and the context."""
    own = results[trait].features
    out = []
    for n in names:
        kind, _, key = n.partition(":")
        if kind == "f":
            out.append(float(own.get(key, 0.0)))
        elif kind == "rule":
            r = results[key]
            out.append(float(r.score) if r.score is not None else 0.5)
        elif kind == "app":
            out.append(1.0 if results[key].applicable else 0.0)
        elif kind == "ctx":
            out.append(float((ctx or {}).get(key, 0.0)))
        elif kind == "lex":
            out.append(float((ctx or {}).get(n, 0.0)))
        elif kind == HINGE:
            base, cut = _hinge(key)
            d = feature_vector(trait, results, [base], ctx)[0] - cut
            out.append(d if d > 0.0 else 0.0)
        else:
            out.append(0.0)
    return out


def _linear(spec: Mapping[str, Any], x: list[float]) -> float:
    # added left to right from 0, as Python 3.11's sum() does (3.12's compensated sum() would
    # differ from calibrate_batch, and from the 3.11 results, in the last bits)
    total: float = 0
    for w, v, m, s in zip(spec["coef"], x, spec["mean"], spec["scale"], strict=True):
        total = total + w * (v - m) / s
    return float(spec["intercept"]) + float(total)


def apply_calibration(
    model: dict[str, Any], results: dict[str, TraitResult], ctx: Mapping[str, float] | None = None
) -> None:
    """Replace each trait's rule score (and applicability) by the trained ones, in place.

    All rule results are read before any is replaced, so the order of traits is irrelevant.
    """
    scores: dict[str, float] = {}
    applicable: dict[str, bool] = {}
    for trait, spec in model.get("traits", {}).items():
        if trait not in results:
            continue
        scores[trait] = clip(_linear(spec, feature_vector(trait, results, spec["features"], ctx)))
        app = spec.get("applicability")
        if app:
            z = _linear(app, feature_vector(trait, results, app["features"], ctx))
            # logistic: probability >= 0.5; a situation the guideline requires stays applicable
            applicable[trait] = z >= 0.0 or results[trait].required
    for trait, score in scores.items():
        results[trait].score = score
    for trait, flag in applicable.items():
        results[trait].applicable = flag


@dataclass(frozen=True)
class Calibration:
    """A traits model laid out for batch scoring: one feature table, one padded weight grid.

    Row ``k`` of the grids is one linear model (a trait's score or its applicability);
    column 0 is a zero term (Python's ``sum`` starts from ``0``), the trailing padding adds
    ``-0.0`` (the exact identity of float addition).
    """

    rules: tuple[str, ...]  # traits whose rule score is a column
    apps: tuple[str, ...]  # traits whose applicability is a column
    ctxs: tuple[str, ...]  # context features that are a column
    owns: tuple[tuple[str, str], ...]  # (trait, own cue feature) columns
    hinge_from: Any  # (hinges,) int column of the feature each hinge column reads
    hinge_cut: Any  # (hinges,) its cut
    index: Any  # (models, width) int column of each term; the last column holds 0.0
    coef: Any
    mean: Any
    scale: Any
    intercept: Any  # (models,)
    targets: tuple[tuple[str, bool], ...]  # (trait, is applicability) of each model


def compile_calibration(model: Mapping[str, Any]) -> Calibration:
    """Lay out ``model`` (the traits.json mapping) for :func:`calibrate_batch`."""
    rules: dict[str, int] = {}
    apps: dict[str, int] = {}
    ctxs: dict[str, int] = {}
    owns: dict[tuple[str, str], int] = {}
    hinged: dict[tuple[str, str, str, float], int] = {}  # (kind, trait, key, cut) -> hinge
    linear: list[tuple[list[tuple[str, str, str]], Mapping[str, Any]]] = []
    targets: list[tuple[str, bool]] = []
    for trait, spec in model.get("traits", {}).items():
        for sub, is_app in ((spec, False), (spec.get("applicability"), True)):
            if not sub:
                continue
            terms = []
            for name in sub["features"]:
                kind, _, key = name.partition(":")
                terms.append((kind, trait, key))
                n = name
                if kind == HINGE:  # the hinged feature gets a column of its own
                    n, cut = _hinge(key)
                    kind, _, key = n.partition(":")
                    if kind not in ("f", "rule", "app", "ctx", "lex"):
                        raise ModelError(
                            f"traits model: {name!r} hinges a feature of an unknown kind",
                            hint="run `servicemind train traits` to rebuild it",
                        )
                    hinged.setdefault((kind, trait, key, cut), len(hinged))
                if kind == "f":
                    owns.setdefault((trait, key), len(owns))
                elif kind == "rule":
                    rules.setdefault(key, len(rules))
                elif kind == "app":
                    apps.setdefault(key, len(apps))
                elif kind == "ctx":
                    ctxs.setdefault(key, len(ctxs))
                elif kind == "lex":  # read from the same mapping, under its full name
                    ctxs.setdefault(n, len(ctxs))
            linear.append((terms, sub))
            targets.append((trait, is_app))
    base_app = len(rules)
    base_ctx = base_app + len(apps)
    base_own = base_ctx + len(ctxs)
    base_hinge = base_own + len(owns)
    zero = base_hinge + len(hinged)

    def column(kind: str, trait: str, key: str) -> int:
        if kind == "f":
            return base_own + owns[(trait, key)]
        if kind == "rule":
            return rules[key]
        if kind == "app":
            return base_app + apps[key]
        if kind == "ctx":
            return base_ctx + ctxs[key]
        if kind == "lex":
            return base_ctx + ctxs[f"lex:{key}"]
        return zero  # an unknown kind reads 0.0, as feature_vector gives

    width = 1 + max((len(t) for t, _ in linear), default=0)
    index = np.full((len(linear), width), zero, dtype=np.intp)
    coef = np.full((len(linear), width), -0.0)
    mean = np.zeros((len(linear), width))
    scale = np.ones((len(linear), width))
    coef[:, 0] = 0.0
    intercept = np.zeros(len(linear))
    for k, (terms, sub) in enumerate(linear):
        for j, (kind, trait, key) in enumerate(terms, start=1):
            if kind == HINGE:
                base, cut = _hinge(key)
                b_kind, _, b_key = base.partition(":")
                index[k, j] = base_hinge + hinged[(b_kind, trait, b_key, cut)]
            else:
                index[k, j] = column(kind, trait, key)
            coef[k, j] = float(sub["coef"][j - 1])
            mean[k, j] = float(sub["mean"][j - 1])
            scale[k, j] = float(sub["scale"][j - 1])
        intercept[k] = float(sub["intercept"])
    return Calibration(
        tuple(rules),
        tuple(apps),
        tuple(ctxs),
        tuple(owns),
        np.array([column(kind, t, key) for kind, t, key, _ in hinged], dtype=np.intp),
        np.array([cut for *_, cut in hinged], dtype=np.float64),
        index,
        coef,
        mean,
        scale,
        intercept,
        tuple(targets),
    )


#: Batches of at least this many replies are calibrated term by term; smaller ones with one
#: grid. The term loop costs about 0.3 ms whatever the batch, the grid about 5 us per reply
#: and more per reply on large batches (measured on benchmarks/agent_speed.py's replies:
#: equal near 100 replies; 0.02 vs 0.33 ms for one reply, 12.6 vs 2.0 ms for 768).
TERMWISE_FROM = 100


def _row(
    cal: Calibration, results: Mapping[str, TraitResult], ctx: Mapping[str, float]
) -> list[float]:
    # plain values (int or float): the float64 table converts them as float() would
    row: list[float] = [0.5 if (s := results[t].score) is None else s for t in cal.rules]
    row += [1.0 if results[t].applicable else 0.0 for t in cal.apps]
    get = ctx.get
    row += [get(k, 0.0) for k in cal.ctxs]
    row += [0.0 if (r := results.get(t)) is None else r.features.get(k, 0.0) for t, k in cal.owns]
    row.append(0.0)
    return row


def calibrate_batch(
    cal: Calibration,
    results: Sequence[dict[str, TraitResult]],
    ctxs: Sequence[Mapping[str, float] | None],
) -> None:
    """:func:`apply_calibration` over many replies at once, in place, with the same floats."""
    if not results or not cal.targets:
        return
    table = np.array(
        [_row(cal, r, c or {}) for r, c in zip(results, ctxs, strict=True)], dtype=np.float64
    )
    if len(cal.hinge_cut):
        # the hinge columns go between the features and the closing zero column:
        # max(0, value - cut), the same float subtraction and test as feature_vector's
        k = table.shape[1] - 1
        full = np.empty((len(table), k + len(cal.hinge_cut) + 1))
        full[:, :k] = table[:, :k]
        full[:, -1] = 0.0
        hinge = full[:, k:-1]
        np.subtract(table[:, cal.hinge_from], cal.hinge_cut, out=hinge)
        np.copyto(hinge, 0.0, where=~(hinge > 0.0))
        table = full
    coef, mean, scale, index = cal.coef, cal.mean, cal.scale, cal.index
    if len(table) < TERMWISE_FROM:
        # a (replies, models, terms) grid, summed left to right along the terms
        terms = coef * (table[:, index] - mean) / scale
        z = cal.intercept + np.add.accumulate(terms, axis=2)[:, :, -1]
    else:
        # term by term over all replies and models at once: the same products, summed in
        # the same order, without the grid's memory traffic; on the transposed table, so
        # that each term's column is one contiguous row (the table is wide: about 500
        # columns with the hinges, 155 without)
        cols = np.ascontiguousarray(table.T)
        c, m, sc = coef[:, :, None], mean[:, :, None], scale[:, :, None]
        acc = c[:, 0] * (cols[index[:, 0]] - m[:, 0]) / sc[:, 0]
        for j in range(1, index.shape[1]):
            acc += c[:, j] * (cols[index[:, j]] - m[:, j]) / sc[:, j]
        z = (cal.intercept[:, None] + acc).T
    for r, zs in zip(results, z.tolist(), strict=True):
        scores: dict[str, float] = {}
        applicable: dict[str, bool] = {}
        for (trait, is_app), v in zip(cal.targets, zs, strict=True):
            if trait not in r:
                continue
            if is_app:
                applicable[trait] = v >= 0.0 or r[trait].required
            else:
                scores[trait] = clip(v)
        for trait, score in scores.items():
            r[trait].score = score
        for trait, flag in applicable.items():
            r[trait].applicable = flag
