"""benchmarks/traits_padding_candidates.py: the content counts and the ridge solver it
measures with (issue 5: scores that measure substance, not length)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
from scipy import sparse

from servicemind.analyse.traits._analyser import build_reply, score_reply_traits
from servicemind.analyse.traits._context import build_context

ROOT = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    path = ROOT / "benchmarks" / "traits_padding_candidates.py"
    spec = importlib.util.spec_from_file_location("traits_padding_candidates", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _content(mod: ModuleType, reply: str, customer: str) -> dict[str, float]:
    r = build_reply(reply, build_context([(customer, {})], [], []))
    return dict(mod.content(score_reply_traits(r), r))


def test_content_counts_ignore_a_neutral_sentence_that_raw_length_reads() -> None:
    mod = _script()
    customer = "My order 4410 never arrived. Can you cancel it?"
    reply = "I'm so sorry about that. I've cancelled order 4410 and refunded you."
    pad = " The kettle holds 1.7 litres and switches off automatically when the water boils."
    plain, padded = _content(mod, reply, customer), _content(mod, reply + pad, customer)
    assert plain["cue_sentences"] >= 1 and plain["cue_words"] > 0
    assert plain["answered_n"] == 1  # the question's "cancel" is taken up
    assert padded == plain
    # a reply with more that carries cues counts more
    more = _content(mod, reply + " I'll email you the confirmation today.", customer)
    assert more["cue_sentences"] > plain["cue_sentences"]
    assert more["cue_words"] > plain["cue_words"]


def test_lsqr_ridge_is_the_trainers_dual_ridge() -> None:
    mod = _script()
    rng = np.random.default_rng(0)
    X = sparse.csr_matrix((rng.random((60, 200)) < 0.05).astype(float))
    y = rng.random(60)
    y -= y.mean()
    alpha = 30.0
    dual = np.linalg.solve((X @ X.T).toarray() + alpha * np.eye(60), y)
    expected = np.asarray(X.T @ dual).ravel()
    got = mod._ridge(X, y, alpha)
    assert np.allclose(got, expected, atol=1e-8)
    assert not np.allclose(mod._ridge(X, y, 300.0), expected, atol=1e-4)
