"""Trained per-trait combination of the cue features (models/traits/traits.json).

The artefact maps each trait to a linear model over that trait's rule score and cue
features, fitted on the TRAIN part of the team's labelled replies (see
servicemind.training.traits). The calibrated score replaces the rule score; evidence,
applicability and facets stay those of the rules, so every score still explains itself.
"""

from __future__ import annotations

import json
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


def feature_vector(result: TraitResult, names: list[str]) -> list[float]:
    """The named features of one trait result (``rule`` is the rule score)."""
    feats = dict(result.features)
    feats["rule"] = result.score if result.score is not None else 0.5
    return [float(feats.get(n, 0.0)) for n in names]


def apply_calibration(model: dict[str, Any], results: dict[str, TraitResult]) -> None:
    """Replace each applicable trait's rule score by the trained combination, in place."""
    for trait, spec in model.get("traits", {}).items():
        r = results.get(trait)
        if r is None or not r.applicable or r.score is None:
            continue
        x = feature_vector(r, spec["features"])
        z = float(spec["intercept"]) + sum(
            w * (v - m) / s
            for w, v, m, s in zip(spec["coef"], x, spec["mean"], spec["scale"], strict=True)
        )
        r.score = clip(z)
