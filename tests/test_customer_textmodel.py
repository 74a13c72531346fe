"""The numpy runtime reproduces scikit-learn's vectoriser and linear heads exactly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from servicemind.analyse._normalise import normalise
from servicemind.analyse._textmodel import read_text_model, sigmoid

TRAIN = [
    "Thank you so much, that really helped!",
    "This is the THIRD time I'm asking!!! Fix it.",
    "I don't understand this charge on my bill",
    "my flight leaves in 2 hours and I have no ticket",
    "great, another delay... @AcmeHelp order #A12345",
    "ok thanks",
    "Why was I charged twice?",
    "I'm worried my card was stolen",
    "naïve café – déjà vu 😡 emoji",
    "a b c  double  spaces\tand\ttabs\nnewline",
]
PROBE = [
    "Thanks, you saved my day",
    "ARE YOU KIDDING ME???",
    "",
    "x",
    "unseen words only zzzz qqqq",
    "café 😡😡 order #Z99999",
]


def _fit(tmp_path: Path) -> tuple[list[object], object]:
    sklearn = pytest.importorskip("sklearn")
    assert sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from servicemind.training._export import write_text_model

    texts = [normalise(t) for t in TRAIN]
    vecs = [
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True).fit(texts),
    ]
    from scipy import sparse

    X = sparse.hstack([v.transform(texts) for v in vecs], format="csr")
    y = np.array([1, 0, 0, 0, 0, 1, 0, 0, 1, 1])
    lr = LogisticRegression(C=10.0).fit(X, y)
    write_text_model(
        tmp_path, vecs, {"g": (["pos"], lr.coef_.T, lr.intercept_)}, {}, {"name": "test"}
    )
    return vecs, lr


def test_textmodel_vectors_equal_sklearn(tmp_path: Path) -> None:
    vecs, _ = _fit(tmp_path)
    model = read_text_model(tmp_path)
    probe = [normalise(t) for t in PROBE + TRAIN]
    from scipy import sparse

    expected = sparse.hstack([v.transform(probe) for v in vecs], format="csr").toarray()  # type: ignore[attr-defined]
    got = model.transform(probe).toarray()
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, atol=1e-6)


def test_textmodel_probabilities_equal_sklearn(tmp_path: Path) -> None:
    vecs, lr = _fit(tmp_path)
    model = read_text_model(tmp_path)
    probe = [normalise(t) for t in PROBE + TRAIN]
    from scipy import sparse

    X = sparse.hstack([v.transform(probe) for v in vecs], format="csr")  # type: ignore[attr-defined]
    expected = lr.predict_proba(X)[:, 1]  # type: ignore[attr-defined]
    got = sigmoid(model.decision(probe, "g")[:, 0])
    # weights are stored as int8 with a scale per head: probabilities agree to ~1e-3
    np.testing.assert_allclose(got, expected, atol=2e-3)


def test_textmodel_export_is_byte_reproducible(tmp_path: Path) -> None:
    _fit(tmp_path / "a")
    _fit(tmp_path / "b")
    for name in ("vocab.json.gz", "model.npz", "model-card.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_textmodel_quantised_weights_are_within_half_a_step() -> None:
    from servicemind.training._export import quantise

    rng = np.random.default_rng(0)
    W = rng.standard_t(2, size=(500, 3)) * np.array([0.1, 5.0, 0.0])  # one all-zero head
    q, scale = quantise(W)
    assert q.dtype == np.int8 and scale.dtype == np.float32
    assert int(np.abs(q[:, :2]).max()) == 127  # each head's largest weight uses the range
    assert scale[2] == 1.0 and not q[:, 2].any()
    w16 = W.astype(np.float16).astype(np.float32)
    assert np.all(np.abs(q * scale - w16) <= scale / 2 + 1e-7)


def test_textmodel_reads_float16_weights_of_older_artefacts(tmp_path: Path) -> None:
    from servicemind.training._export import write_npz

    _fit(tmp_path)
    probe = [normalise(t) for t in PROBE + TRAIN]
    new = read_text_model(tmp_path).decision(probe, "g")
    with np.load(tmp_path / "model.npz") as z:
        arrays = {k: z[k] for k in z.files}
    arrays["g__W"] = (arrays["g__W"] * arrays.pop("g__W_scale")).astype(np.float16)
    write_npz(tmp_path / "model.npz", arrays)
    old = read_text_model(tmp_path).decision(probe, "g")
    np.testing.assert_allclose(old, new, atol=1e-3)


def test_textmodel_sigmoid_is_stable() -> None:
    p = sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(p, [0.0, 0.5, 1.0])
