"""Trained per-trait combination of the cue features (models/traits/traits.json).

The artefact maps each trait to a linear model over that trait's cue features and the rule
scores of all eleven traits, fitted on the TRAIN part of the team's labelled replies (see
servicemind.training.traits). The calibrated score replaces the rule score; evidence,
applicability and facets stay those of the rules, so every score still explains itself.

Feature names: ``f:<name>`` is the trait's own cue feature, ``rule:<trait>`` a trait's rule
score, ``app:<trait>`` whether the rules found it applicable (0/1), ``ctx:<name>`` a context
feature (see ``_context.context_features``), ``lex:<trait>`` the learned word score of the
trait (see ``_lexical``). A trait may also carry a trained applicability
model (logistic) over the same kind of features; its decision replaces the rule's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from servicemind.analyse.traits._result import TraitResult, clip
from servicemind.errors import ModelError

__all__ = ["apply_calibration", "feature_vector", "load_traits_model"]


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
        else:
            out.append(0.0)
    return out


def _linear(spec: Mapping[str, Any], x: list[float]) -> float:
    return float(spec["intercept"]) + float(
        sum(
            w * (v - m) / s
            for w, v, m, s in zip(spec["coef"], x, spec["mean"], spec["scale"], strict=True)
        )
    )


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
            applicable[trait] = z >= 0.0  # logistic: probability >= 0.5
    for trait, score in scores.items():
        results[trait].score = score
    for trait, flag in applicable.items():
        results[trait].applicable = flag
