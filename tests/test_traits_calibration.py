"""The batch calibration gives exactly the floats of the reply-by-reply one."""

from __future__ import annotations

import random
from typing import Any

import pytest

from servicemind.analyse.base import TRAITS
from servicemind.analyse.traits._calibration import (
    TERMWISE_FROM,
    apply_calibration,
    calibrate_batch,
    compile_calibration,
    load_traits_model,
)
from servicemind.analyse.traits._result import TraitResult

SMALL: dict[str, Any] = {
    "traits": {
        "empathy": {
            "features": [
                "f:neg",
                "rule:solution",
                "app:balance",
                "ctx:closing",
                "odd:x",
                "lex:empathy",
            ],
            "mean": [0.0, 0.5, 0.3, 0.1, 0.0, 0.4],
            "scale": [1.0, 0.25, 0.4, 0.3, 1.0, 0.2],
            "coef": [0.2, 0.1, -0.7, 0.05, 3.0, 0.3],
            "intercept": 0.6,
            "applicability": {
                "features": ["ctx:closing"],
                "mean": [0.0],
                "scale": [1.0],
                "coef": [-5.0],
                "intercept": 1.0,
            },
        },
        "solution": {"features": [], "mean": [], "scale": [], "coef": [], "intercept": 0.25},
    }
}


def _random_results(rng: random.Random) -> tuple[dict[str, TraitResult], dict[str, float]]:
    results = {}
    for t in TRAITS:
        score = None if rng.random() < 0.1 else rng.choice([0.0, 1.0, rng.random()])
        r = TraitResult(score, rng.random() < 0.7, rng.random())
        for k in ("neg", "facet_reaction", "n_facets", "ctx_negative", "hits", "asks"):
            if rng.random() < 0.6:
                r.features[k] = rng.choice([True, 0, 3, -rng.random() * 4, rng.random()])
        results[t] = r
    keys = ("closing", "negative", "hostile", "reply_words", "mean_sentence", "exclaim")
    ctx = {k: rng.choice([0.0, 1.0, rng.random() * 50]) for k in keys if rng.random() < 0.8}
    # the learned word scores ride in the same mapping under their full name
    ctx.update({f"lex:{t}": rng.random() - 0.2 for t in TRAITS if rng.random() < 0.8})
    return results, ctx


def _copy(results: dict[str, TraitResult]) -> dict[str, TraitResult]:
    return {
        t: TraitResult(r.score, r.applicable, r.confidence, features=dict(r.features))
        for t, r in results.items()
    }


def _check_same(model: dict[str, Any], n: int, seed: int) -> None:
    rng = random.Random(seed)
    batch = [_random_results(rng) for _ in range(n)]
    one_by_one = [_copy(r) for r, _ in batch]
    for r, (_, ctx) in zip(one_by_one, batch, strict=True):
        apply_calibration(model, r, ctx)
    together = [_copy(r) for r, _ in batch]
    calibrate_batch(compile_calibration(model), together, [ctx for _, ctx in batch])
    for a, b in zip(one_by_one, together, strict=True):
        for t in TRAITS:
            assert (a[t].score, a[t].applicable) == (b[t].score, b[t].applicable)
            assert repr(a[t].score) == repr(b[t].score)  # same float, bit for bit


def test_traits_calibration_batch_equals_one_by_one_on_a_small_model() -> None:
    _check_same(SMALL, 200, 0)


def test_traits_calibration_batch_equals_one_by_one_on_the_shipped_model() -> None:
    model = load_traits_model()
    assert model is not None
    _check_same(model, 300, 1)
    _check_same(model, 1, 2)


@pytest.mark.parametrize("offset", [-1, 0])
def test_traits_calibration_batch_equals_one_by_one_either_side_of_the_termwise_size(
    offset: int,
) -> None:
    # small batches sum one grid, large ones term by term: both give the same floats
    model = load_traits_model()
    assert model is not None
    _check_same(model, TERMWISE_FROM + offset, 5)
    _check_same(SMALL, TERMWISE_FROM + offset, 6)


def test_traits_calibration_batch_changes_the_scores() -> None:
    results, _ = _random_results(random.Random(3))
    results["empathy"].features["neg"] = -1.0
    results["solution"].score = 0.5
    results["balance"].applicable = False
    calibrate_batch(compile_calibration(SMALL), [results], [{"closing": 1.0}])
    # 0.6 + 0.2 * -1 + 0.1 * 0 - 0.7 * (0 - 0.3) / 0.4 + 0.05 * 0.9 / 0.3
    #   + 0.3 * (0 - 0.4) / 0.2 = 0.475 (no word score given: 0)
    assert results["empathy"].score == pytest.approx(0.475)
    assert results["empathy"].applicable is False  # 1 - 5 < 0
    again, _ = _random_results(random.Random(3))
    again["empathy"].features["neg"] = -1.0
    again["solution"].score = 0.5
    again["balance"].applicable = False
    calibrate_batch(compile_calibration(SMALL), [again], [{"closing": 1.0, "lex:empathy": 0.2}])
    assert again["empathy"].score == pytest.approx(0.475 + 0.3 * 0.2 / 0.2)  # 0.775
    assert results["solution"].score == 0.25


def test_traits_calibration_batch_of_nothing_is_a_no_op() -> None:
    calibrate_batch(compile_calibration(SMALL), [], [])


HINGED: dict[str, Any] = {
    "traits": {
        "enthusiasm": {
            "features": [
                "f:pos",
                "lex:enthusiasm",
                "hinge:lex:enthusiasm@0.3",
                "hinge:lex:enthusiasm@0.7",
                "hinge:rule:politeness@0.5",
                "hinge:ctx:reply_words@12.0",
                "hinge:f:neg@-0.25",
            ],
            "mean": [0.1, 0.5, 0.2, 0.05, 0.1, 8.0, 0.1],
            "scale": [0.5, 0.2, 0.1, 0.05, 0.2, 10.0, 0.1],
            "coef": [0.1, 0.3, 0.05, -0.4, 0.2, -0.01, 0.07],
            "intercept": 0.5,
        }
    }
}


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        # above the cut: how far above it
        ("hinge:lex:enthusiasm@0.3", {"lex:enthusiasm": 0.75}, 0.75 - 0.3),
        ("hinge:ctx:reply_words@12.0", {"reply_words": 40.0}, 28.0),
        ("hinge:f:neg@-0.25", {"f:neg": 0.0}, 0.25),
        ("hinge:rule:politeness@0.5", {"rule:politeness": 0.9}, 0.9 - 0.5),
        # at or below the cut (near misses): nothing
        ("hinge:lex:enthusiasm@0.3", {"lex:enthusiasm": 0.3}, 0.0),
        ("hinge:ctx:reply_words@12.0", {"reply_words": 11.0}, 0.0),
        ("hinge:f:neg@-0.25", {"f:neg": -0.5}, 0.0),
        ("hinge:rule:politeness@0.5", {"rule:politeness": 0.2}, 0.0),
    ],
)
def test_traits_calibration_hinge_is_the_distance_above_its_cut(
    name: str, value: dict[str, float], expected: float
) -> None:
    from servicemind.analyse.traits._calibration import feature_vector

    results = {t: TraitResult(0.5, True, 0.5) for t in TRAITS}
    ctx: dict[str, float] = {}
    for k, v in value.items():
        kind, _, key = k.partition(":")
        if kind == "f":
            results["enthusiasm"].features[key] = v
        elif kind == "rule":
            results[key].score = v
        elif kind == "lex":
            ctx[k] = v
        else:
            ctx[k] = v
    assert feature_vector("enthusiasm", results, [name], ctx) == [pytest.approx(expected)]


def test_traits_calibration_batch_equals_one_by_one_with_hinges() -> None:
    _check_same(HINGED, 200, 7)
    _check_same(HINGED, TERMWISE_FROM + 1, 8)


def test_traits_calibration_hinge_of_an_unknown_feature_kind_is_refused() -> None:
    from servicemind.errors import ModelError

    bad = {"traits": {"enthusiasm": {**HINGED["traits"]["enthusiasm"]}}}
    bad["traits"]["enthusiasm"]["features"] = [
        "hinge:odd:x@0.5" if n == "f:pos" else n for n in HINGED["traits"]["enthusiasm"]["features"]
    ]
    with pytest.raises(ModelError):
        compile_calibration(bad)
